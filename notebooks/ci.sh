#!/usr/bin/env bash
# Executes every notebook in notebooks/ with the tslab TypeScript kernel and fails on any cell
# error (called by .ci/run). Steps: Jupyter's Debian packages if missing; this folder's own npm
# install (tslab, from notebooks/package-lock.json); register the kernel with /usr/bin/python3
# (the python3 first on PATH may be a separate build without Jupyter); run the notebooks with the
# repository root as working directory. Expects the engine's own `npm ci` to have run (the
# notebooks load the engine through the root node_modules' tsx).
# Usage: bash notebooks/ci.sh [run_notebooks.py options, e.g. --timeout 600]
set -euo pipefail
cd "$(dirname "$0")"
NB_DIR="$PWD"
ROOT="$(cd .. && pwd)"
PY=/usr/bin/python3

missing=()
for p in jupyter-nbconvert python3-nbconvert python3-nbclient python3-ipykernel; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "notebooks: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -d "$ROOT/node_modules/tsx" ]; then
  echo "notebooks: the engine's dependencies are not installed (run npm ci in $ROOT first)" >&2
  exit 1
fi

npm ci --no-audit --no-fund --loglevel=error
# Root installs the kernel spec system-wide; anyone else gets a per-user one.
"$NB_DIR/node_modules/.bin/tslab" install --python="$PY" --binary="$NB_DIR/node_modules/.bin/tslab" >/dev/null
"$PY" "$NB_DIR/run_notebooks.py" "$@"
