#!/usr/bin/env bash
# Builds slipway-kstatus (this folder: kstatus's status.Compute from
# sigs.k8s.io/cli-utils, pinned in go.mod/go.sum) into a per-user cache, and
# reuses what is already there.
#
#   hack/kstatus/build.sh            # no arguments
#
# stdout: exactly one line, the absolute path of the slipway-kstatus binary
#         (Java code reads the last line). Everything else goes to stderr.
# env:    SLIPWAY_KSTATUS    path of a slipway-kstatus binary to use instead
#         SLIPWAY_CACHE_DIR  cache root (default
#                            ${XDG_CACHE_HOME:-$HOME/.cache}/slipway)
#
# Needs: go (>= the "go" line of go.mod), flock (optional).
set -euo pipefail

exec 3>&1 1>&2

log() { printf '[slipway kstatus] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${SLIPWAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway}
mkdir -p "$CACHE/kstatus"
CACHE=$(cd "$CACHE" && pwd)
KSTATUS_DIR=$CACHE/kstatus

# The binary has no upstream version: its folder is named after a hash of the
# source (go.mod and go.sum pin cli-utils), so any change builds afresh.
SOURCE_HASH=$(cd "$SRC" && cat go.mod go.sum ./*.go | sha256sum | cut -c1-16)
BINARY=$KSTATUS_DIR/$SOURCE_HASH/slipway-kstatus

# Runs on an empty input (prints nothing, exits 0).
runs() { [[ -x $1 ]] && "$1" </dev/null >/dev/null 2>&1; }

main() {
	if [[ -n ${SLIPWAY_KSTATUS:-} ]]; then
		runs "$SLIPWAY_KSTATUS" || die "SLIPWAY_KSTATUS=$SLIPWAY_KSTATUS does not run"
		log "using SLIPWAY_KSTATUS=$SLIPWAY_KSTATUS"
		echo "$(cd "$(dirname "$SLIPWAY_KSTATUS")" && pwd)/$(basename "$SLIPWAY_KSTATUS")" >&3
		return
	fi
	# Fast path: a binary is moved into place only after it ran.
	if runs "$BINARY"; then
		echo "$BINARY" >&3
		return
	fi
	command -v go >/dev/null || die "go is not on PATH (needed to build slipway-kstatus)"
	if command -v flock >/dev/null; then
		exec 9>"$KSTATUS_DIR/.lock"
		if ! flock -n 9; then
			log "another build holds $KSTATUS_DIR/.lock; waiting"
			flock 9
		fi
	else
		log "flock not found: not serialising against concurrent builds"
	fi
	if runs "$BINARY"; then
		log "already built (by a concurrent caller)"
		echo "$BINARY" >&3
		return
	fi
	mkdir -p "$(dirname "$BINARY")"
	TMP=$BINARY.tmp.$$
	trap 'rm -f "$TMP"' EXIT
	rm -f "$BINARY".tmp.* # left by a killed build (we hold the lock)
	log "building slipway-kstatus from $SRC ($(grep -E '^[[:space:]]*sigs.k8s.io/cli-utils ' "$SRC/go.mod" | xargs))"
	# -mod=readonly: the committed go.sum must cover every module; a build
	# never edits the source folder.
	(cd "$SRC" && GOWORK=off CGO_ENABLED=0 go build -mod=readonly -trimpath -buildvcs=false -ldflags "-s -w" -o "$TMP" .)
	runs "$TMP" || die "slipway-kstatus built but does not run"
	mv -f "$TMP" "$BINARY"
	log "slipway-kstatus in $BINARY"
	echo "$BINARY" >&3
}

main "$@"
