#!/usr/bin/env bash
# Installs everything ssot-codegen and its test suite need on a fresh machine:
# the Python package (editable, with dev tools), PostgreSQL, MariaDB and Redis (Debian
# packages) for the end-to-end suite, and the pinned Node toolchains the tests call, each
# installed once per distinct dependency list into a cache outside the checkout. The tests
# start their own database servers on free ports; a system service the packages may start
# is not used.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

python3 -m pip install --disable-pip-version-check -q -e ".[dev]"

missing=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
{ [ -x /usr/sbin/mariadbd ] || command -v mariadbd; } >/dev/null 2>&1 || missing+=(mariadb-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages) for the end-to-end tests" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Node toolchains for tests: Prisma's own schema parser, prettier, TypeScript; and the
# offline database creation and migrations used by the end-to-end harness, with Node 24
# itself (the `node` npm package), which generated apps and their tests run on.
bash tools/npm_cached_install.sh tools/node >/dev/null
bash tools/npm_cached_install.sh tools/e2e >/dev/null
