#!/usr/bin/env bash
# usage: npm_cached_install.sh DIR
# Makes DIR/node_modules available, installing it at most once per distinct dependency list.
# The cache lives outside the checkout (SSOT_CACHE, default ~/.cache/ssot-codegen) so fresh
# clones on the same machine, CI included, reuse it; the key is a hash of package.json.
set -euo pipefail
dir="$1"
cache_root="${SSOT_CACHE:-$HOME/.cache/ssot-codegen}/npm"
key="$(python3 - "$dir/package.json" <<'PY'
import hashlib, json, sys
pkg = json.load(open(sys.argv[1]))
deps = {k: pkg.get(k, {}) for k in ("dependencies", "devDependencies")}
print(hashlib.sha256(json.dumps(deps, sort_keys=True).encode()).hexdigest()[:16])
PY
)"
target="$cache_root/$key"
if [ ! -f "$target/.complete" ]; then
  rm -rf "$target.tmp"
  mkdir -p "$target.tmp"
  cp "$dir/package.json" "$target.tmp/"
  [ -f "$dir/package-lock.json" ] && cp "$dir/package-lock.json" "$target.tmp/"
  echo "npm install for $dir (cache key $key)" >&2
  (cd "$target.tmp" && npm install --no-audit --no-fund --loglevel=error >&2)
  touch "$target.tmp/.complete"
  rm -rf "$target"
  mv "$target.tmp" "$target"
fi
rm -rf "$dir/node_modules"
ln -s "$target/node_modules" "$dir/node_modules"
echo "$target"
