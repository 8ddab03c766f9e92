"""Importers: records from other tools' exports and from public ITSM datasets' layouts."""
