#!/usr/bin/env bash
# Installs moto (hack/moto/requirements.txt) into a virtualenv under the per-user cache, once per requirements
# version, and prints the virtualenv's python on the last line of stdout. Safe to run concurrently (flock).
#
#   SLIPWAY_CACHE_DIR   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/slipway)
#   PYTHON              the python3 to create the virtualenv with (default python3)
#
# Needs: python3 with the venv module, network access to PyPI on the first run.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${SLIPWAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway}
mkdir -p "$CACHE/moto"
requirements=$here/requirements.txt
key=$(sha256sum "$requirements" | cut -c1-12)
venv=$CACHE/moto/venv-$key
log() { echo "[slipway moto] $*" >&2; }

exec 9>"$CACHE/moto/.lock"
flock 9
if [[ ! -x $venv/bin/python || ! -f $venv/.complete ]]; then
	log "installing $(grep -v '^#' "$requirements" | xargs) into $venv"
	rm -rf "$venv"
	"${PYTHON:-python3}" -m venv "$venv"
	"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
	touch "$venv/.complete"
else
	log "moto present in $venv"
fi
echo "$venv/bin/python"
