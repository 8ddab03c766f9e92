#!/usr/bin/env bash
# Install the pinned Open Policy Agent release into .tools/bin.
#
# Order of preference:
#   1. .tools/bin/opa already at the pinned version: nothing to do;
#   2. an `opa` on PATH at the pinned version: link it;
#   3. one built before on this machine, kept under ~/.cache/regent/opa/: link it;
#   4. build it from the published Go module with the machine's Go toolchain,
#      keep it there, and link it.
# Anything else stops with a message that says how to get OPA.
set -euo pipefail

OPA_VERSION="${OPA_VERSION:-1.22.2}"
here="$(cd "$(dirname "$0")/.." && pwd)"
bindir="$here/.tools/bin"
target="$bindir/opa"
mkdir -p "$bindir"

version_of() {
  "$1" version 2>/dev/null | awk '/^Version:/ {print $2; exit}'
}

if [ -x "$target" ] && [ "$(version_of "$target")" = "$OPA_VERSION" ]; then
  exit 0
fi

if on_path="$(command -v opa 2>/dev/null)" && [ "$on_path" != "$target" ] \
   && [ "$(version_of "$on_path")" = "$OPA_VERSION" ]; then
  ln -sf "$on_path" "$target"
  echo "install-opa: using $on_path (OPA $OPA_VERSION)"
  exit 0
fi

kept="${XDG_CACHE_HOME:-$HOME/.cache}/regent/opa/$OPA_VERSION/opa"
if [ -x "$kept" ] && [ "$(version_of "$kept")" = "$OPA_VERSION" ]; then
  ln -sf "$kept" "$target"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
install-opa: OPA $OPA_VERSION is needed and neither it nor a Go toolchain was found.
  Either put an 'opa' binary of version $OPA_VERSION on PATH,
  or install Go (1.22 or newer) and run 'make opa' again to build it.
MSG
  exit 1
fi

echo "install-opa: building OPA $OPA_VERSION with $(go version | awk '{print $3}') (first time: a few minutes)"
# OPA's go.mod carries a replace directive, which `go install mod@version` refuses.
# Building it as a dependency of a throwaway module sidesteps that: a dependency's
# replace lines do not apply.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$kept")"
if ! (
  cd "$work"
  go mod init regent.local/opa-build
  go get "github.com/open-policy-agent/opa@v$OPA_VERSION"
  CGO_ENABLED=0 go build -trimpath -o "$kept.new" github.com/open-policy-agent/opa
) >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "install-opa: building OPA $OPA_VERSION failed (output above)" >&2
  exit 1
fi
mv "$kept.new" "$kept"
ln -sf "$kept" "$target"
echo "install-opa: OPA $(version_of "$target") built at $kept, linked from $target"
