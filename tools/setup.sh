#!/usr/bin/env bash
# Installs everything ssot-codegen and its test suite need on a fresh machine:
# the Python package (editable, with dev tools) and the pinned Node toolchain used by the
# tests (Prisma's own schema parser, prettier, TypeScript), cached by dependency list.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

python3 -m pip install --disable-pip-version-check -q -e ".[dev]"

# Node toolchain for tests, installed once per distinct tools/node/package.json.
bash tools/npm_cached_install.sh tools/node
