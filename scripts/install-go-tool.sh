#!/usr/bin/env bash
# Install a pinned Go-built tool (OPA or Regal) into .tools/bin.
#
#   scripts/install-go-tool.sh opa      OPA    $OPA_VERSION   (default below)
#   scripts/install-go-tool.sh regal    Regal  $REGAL_VERSION (default below)
#
# Order of preference:
#   1. .tools/bin/NAME already at the pinned version: nothing to do;
#   2. NAME on PATH at the pinned version: link it;
#   3. one built before on this machine, kept under ~/.cache/regent/NAME/VERSION/: link it;
#   4. build it from the published Go module with the machine's Go toolchain,
#      keep it there, and link it.
# Anything else stops with a message that says how to get the tool.
set -euo pipefail

name="${1:?usage: install-go-tool.sh opa|regal}"
case "$name" in
  opa)
    version="${OPA_VERSION:-1.22.2}"
    module="github.com/open-policy-agent/opa"
    # OPA prints its version; no stamping needed.
    ldflags=""
    ;;
  regal)
    version="${REGAL_VERSION:-0.39.0}"
    module="github.com/open-policy-agent/regal"
    # A plain build leaves Regal's version empty; stamp it so step 1 can check it.
    ldflags="-X $module/pkg/version.Version=v$version"
    ;;
  *)
    echo "install-go-tool: unknown tool '$name' (opa or regal)" >&2
    exit 2
    ;;
esac

here="$(cd "$(dirname "$0")/.." && pwd)"
bindir="$here/.tools/bin"
target="$bindir/$name"
mkdir -p "$bindir"

version_of() {
  "$1" version 2>/dev/null | awk '/^Version:/ {sub(/^v/, "", $2); print $2; exit}'
}

if [ -x "$target" ] && [ "$(version_of "$target")" = "$version" ]; then
  exit 0
fi

if on_path="$(command -v "$name" 2>/dev/null)" && [ "$on_path" != "$target" ] \
   && [ "$(version_of "$on_path")" = "$version" ]; then
  ln -sf "$on_path" "$target"
  echo "install-go-tool: using $on_path ($name $version)"
  exit 0
fi

kept="${XDG_CACHE_HOME:-$HOME/.cache}/regent/$name/$version/$name"
if [ -x "$kept" ] && [ "$(version_of "$kept")" = "$version" ]; then
  ln -sf "$kept" "$target"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
install-go-tool: $name $version is needed and neither it nor a Go toolchain was found.
  Either put a '$name' binary of version $version on PATH,
  or install Go (1.26 or newer) and run 'make setup' again to build it.
MSG
  exit 1
fi

echo "install-go-tool: building $name $version with $(go version | awk '{print $3}') (first time: a few minutes)"
# OPA's go.mod carries a replace directive, which `go install mod@version` refuses.
# Building the tool as a dependency of a throwaway module sidesteps that: a
# dependency's replace lines do not apply.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$kept")"
if ! (
  cd "$work"
  go mod init "regent.local/$name-build"
  go get "$module@v$version"
  CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$kept.new" "$module"
) >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "install-go-tool: building $name $version failed (output above)" >&2
  exit 1
fi
mv "$kept.new" "$kept"
ln -sf "$kept" "$target"
echo "install-go-tool: $name $(version_of "$target") built at $kept, linked from $target"
