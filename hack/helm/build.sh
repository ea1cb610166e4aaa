#!/usr/bin/env bash
# Builds Helm from the Go module proxy at a pinned release into a per-user
# cache, and reuses what is already there.
#
#   hack/helm/build.sh            # no arguments
#
# stdout: exactly one line, the absolute path of the helm binary (Java code
#         reads the last line). Everything else goes to stderr.
# env:    SLIPWAY_HELM       path of a helm binary to use instead: checked to
#                            run, printed, nothing is built
#         SLIPWAY_CACHE_DIR  cache root (default
#                            ${XDG_CACHE_HOME:-$HOME/.cache}/slipway)
#
# Needs: go (>= the "go" line of helm.sh/helm/v4's go.mod: 1.26.0 for v4.3.1),
# flock (util-linux; optional, without it concurrent first builds are not
# serialised).
set -euo pipefail

# ---- Pinned version: change it here only. -----------------------------------
# v4.3.1: the newest Helm release on the module proxy when this was written; it
# needs go 1.26.0, which is what the machine has. Its go.mod has no replace
# lines, so a plain `go install ...@version` builds it.
HELM_VERSION=v4.3.1
HELM_MODULE=helm.sh/helm/v4
# -----------------------------------------------------------------------------

# Keep the real stdout on fd 3 for the final answer; anything else (our logs,
# go's output) goes to stderr so it cannot corrupt what Java reads.
exec 3>&1 1>&2

log() { printf '[slipway helm] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

CACHE=${SLIPWAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd) # absolute, whatever the caller passed
HELM_DIR=$CACHE/helm
VERSION_DIR=$HELM_DIR/$HELM_VERSION
BINARY=$VERSION_DIR/helm

export GOWORK=off CGO_ENABLED=0

# Prints what `helm version` reports for $1; fails if it does not run.
reported_version() {
	[[ -x $1 ]] || return 1
	"$1" version --template '{{.Version}}' 2>/dev/null
}

use_supplied_binary() {
	local bin=$1 version
	[[ -x $bin ]] || die "SLIPWAY_HELM=$bin is not an executable file (unset it to build $HELM_VERSION into $VERSION_DIR)"
	version=$(reported_version "$bin") || die "SLIPWAY_HELM=$bin does not run: $("$bin" version 2>&1 | head -3)"
	# Another version is allowed (a developer's own helm) but said out loud.
	[[ $version == "$HELM_VERSION" ]] || log "SLIPWAY_HELM=$bin reports $version, not the pinned $HELM_VERSION"
	log "using SLIPWAY_HELM=$bin ($version)"
	echo "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" >&3
}

build() {
	local gobin=$VERSION_DIR/.gobin.tmp.$$ pkg=$HELM_MODULE/internal/version
	# The variables upstream's Makefile sets; gitCommit stays empty because
	# the module proxy does not tell us the release commit.
	local ldflags="-s -w -X $pkg.version=$HELM_VERSION -X $pkg.metadata= -X $pkg.gitTreeState=clean -X $pkg.gitCommit="
	mkdir -p "$gobin"
	log "building helm $HELM_VERSION from the Go module proxy (a minute or two on a cold cache)"
	# GOBIN is a private temp directory so the binary appears in place only
	# once it passed its version check.
	GOBIN=$gobin go install -trimpath -buildvcs=false -ldflags "$ldflags" "$HELM_MODULE/cmd/helm@$HELM_VERSION"
	local version
	version=$(reported_version "$gobin/helm") || die "helm built but does not run"
	[[ $version == "$HELM_VERSION" ]] || die "helm built but reports $version, not $HELM_VERSION"
	mv -f "$gobin/helm" "$BINARY"
	rmdir "$gobin"
	log "helm $version ($(du -h "$BINARY" | cut -f1))"
}

main() {
	if [[ -n ${SLIPWAY_HELM:-} ]]; then
		use_supplied_binary "$SLIPWAY_HELM"
		return
	fi
	# Fast path without the lock: a built binary that reports the pinned
	# version is final (it is moved into place only after its check).
	if [[ $(reported_version "$BINARY" || true) == "$HELM_VERSION" ]]; then
		echo "$BINARY" >&3
		return
	fi
	command -v go >/dev/null || die "go is not on PATH (needed to build helm)"
	mkdir -p "$VERSION_DIR"
	if command -v flock >/dev/null; then
		exec 9>"$HELM_DIR/.lock"
		if ! flock -n 9; then
			log "another build holds $HELM_DIR/.lock; waiting"
			flock 9
		fi
	else
		log "flock not found: not serialising against concurrent builds"
	fi
	trap 'rm -rf "$VERSION_DIR"/.gobin.tmp.$$' EXIT
	# Holding the lock, a temp folder left here is from a killed build.
	rm -rf "$VERSION_DIR"/.gobin.tmp.*
	if [[ $(reported_version "$BINARY" || true) != "$HELM_VERSION" ]]; then
		build
	else
		log "helm $HELM_VERSION already built (by a concurrent caller)"
	fi
	echo "$BINARY" >&3
}

main "$@"
