#!/usr/bin/env bash
# Sets up the machine, generates the demo backend from golden/demo/schema.prisma (SQLite)
# into out/demo, then installs, type-checks, starts it and sends it a few requests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash tools/setup.sh
out="${1:-out/demo}"
ssot-codegen generate golden/demo/schema.prisma -o "$out"
python3 tools/run_app.py "$out"
