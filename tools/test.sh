#!/usr/bin/env bash
# Sets up the machine (tools/setup.sh) and runs the whole test suite, then the static checks.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash tools/setup.sh
set +e
python3 -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: treating as a failure" >&2
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"
python3 -m mypy
python3 -m black --check -q ssot_ast emitters tests tools
