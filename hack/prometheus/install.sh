#!/usr/bin/env bash
# Unpacks Debian's prometheus package (which ships both `prometheus` and
# `promtool`) into a per-user cache, without installing it system-wide (no
# dpkg -i, no root, no service), and reuses what is already there.
#
#   hack/prometheus/install.sh            # no arguments
#
# stdout: exactly one line, the absolute path of the folder holding the
#         prometheus and promtool binaries (Java code reads the last line).
#         Everything else goes to stderr.
# env:    SLIPWAY_PROMETHEUS_BIN  a folder that already holds prometheus and
#                                 promtool: used as is, nothing is downloaded
#         SLIPWAY_CACHE_DIR       cache root (default
#                                 ${XDG_CACHE_HOME:-$HOME/.cache}/slipway)
#
# Needs: dpkg-deb, sha256sum, and either apt-get (with Debian bookworm in its
# sources) or curl with access to deb.debian.org; flock (optional).
set -euo pipefail

# ---- Pinned package: change it here only. -----------------------------------
# Debian 12 (bookworm)'s prometheus, amd64. The hash is of the .deb itself, so
# both download paths must produce the same file.
PROM_VERSION=2.42.0+ds-5+deb12u1
PROM_DEB_URL=http://deb.debian.org/debian/pool/main/p/prometheus/prometheus_2.42.0%2bds-5%2bdeb12u1_amd64.deb
PROM_DEB_SHA256=81d59a24fce84f7fbe97a45a4f2914b6a5881b5cd1db2a6a0e129e515e1a5f55
# The upstream version both binaries must report.
PROM_UPSTREAM=2.42.0
# -----------------------------------------------------------------------------

exec 3>&1 1>&2

log() { printf '[slipway prometheus] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

CACHE=${SLIPWAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway}
mkdir -p "$CACHE/prometheus"
CACHE=$(cd "$CACHE" && pwd)
PROM_DIR=$CACHE/prometheus
VERSION_DIR=$PROM_DIR/$PROM_VERSION
BIN_DIR=$VERSION_DIR/usr/bin
COMPLETE=$VERSION_DIR/.complete

# Both binaries run and report the pinned upstream version.
binaries_ok() {
	local dir=$1 name
	for name in prometheus promtool; do
		[[ -x $dir/$name ]] || return 1
		"$dir/$name" --version 2>&1 | grep -qF "version $PROM_UPSTREAM" || return 1
	done
}

download() {
	local target=$1 tmp=$2
	# apt-get download fetches exactly this version from the configured
	# mirrors and checks it against the signed index; it writes to the
	# current folder under Debian's file name.
	if command -v apt-get >/dev/null &&
		(cd "$tmp" && apt-get download -q "prometheus=$PROM_VERSION" >&2); then
		mv -f "$tmp"/prometheus_*.deb "$target"
		return
	fi
	log "apt-get download failed or is unavailable; fetching $PROM_DEB_URL"
	command -v curl >/dev/null || die "neither apt-get download nor curl can fetch the package"
	curl -fsSL --retry 3 -o "$target" "$PROM_DEB_URL"
}

install_package() {
	local tmp=$PROM_DIR/.tmp.$$
	rm -rf "$tmp" "$VERSION_DIR"
	mkdir -p "$tmp/download"
	local deb=$tmp/prometheus.deb
	log "downloading prometheus $PROM_VERSION"
	download "$deb" "$tmp/download"
	local sum
	sum=$(sha256sum "$deb" | cut -d' ' -f1)
	[[ $sum == "$PROM_DEB_SHA256" ]] || die "prometheus .deb has SHA256 $sum, expected $PROM_DEB_SHA256"
	dpkg-deb -x "$deb" "$tmp/root"
	binaries_ok "$tmp/root/usr/bin" ||
		die "the unpacked binaries do not run or report another version: $("$tmp/root/usr/bin/prometheus" --version 2>&1 | head -3)"
	mv "$tmp/root" "$VERSION_DIR"
	rm -rf "$tmp"
	touch "$COMPLETE"
	log "prometheus and promtool $PROM_UPSTREAM in $BIN_DIR"
}

main() {
	if [[ -n ${SLIPWAY_PROMETHEUS_BIN:-} ]]; then
		binaries_ok "$SLIPWAY_PROMETHEUS_BIN" ||
			die "SLIPWAY_PROMETHEUS_BIN=$SLIPWAY_PROMETHEUS_BIN lacks a prometheus and promtool that report version $PROM_UPSTREAM"
		log "using SLIPWAY_PROMETHEUS_BIN=$SLIPWAY_PROMETHEUS_BIN"
		(cd "$SLIPWAY_PROMETHEUS_BIN" && pwd) >&3
		return
	fi
	# Fast path: the marker is written only after a checked install.
	if [[ -f $COMPLETE ]] && binaries_ok "$BIN_DIR"; then
		echo "$BIN_DIR" >&3
		return
	fi
	if command -v flock >/dev/null; then
		exec 9>"$PROM_DIR/.lock"
		if ! flock -n 9; then
			log "another install holds $PROM_DIR/.lock; waiting"
			flock 9
		fi
	else
		log "flock not found: not serialising against concurrent installs"
	fi
	trap 'rm -rf "$PROM_DIR"/.tmp.$$' EXIT
	rm -rf "$PROM_DIR"/.tmp.* # left by a killed install (we hold the lock)
	if [[ -f $COMPLETE ]] && binaries_ok "$BIN_DIR"; then
		log "already installed (by a concurrent caller)"
	else
		install_package
	fi
	echo "$BIN_DIR" >&3
}

main "$@"
