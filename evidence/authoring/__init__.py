"""Writing to an evidence repository: init, new records, evidence, imports."""
