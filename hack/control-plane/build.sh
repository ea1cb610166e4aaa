#!/usr/bin/env bash
# Builds a real Kubernetes control plane (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler), kwok and slipway-supervise from the
# Go module proxy at pinned versions, into a per-user cache, and reuses what is
# already there.
#
#   hack/control-plane/build.sh            # no arguments
#
# stdout: exactly one line, the absolute path of the bin directory (Java code
#         reads the last line). Everything else goes to stderr.
# env:    SLIPWAY_CONTROL_PLANE_BIN  a directory that already holds all the
#                                    binaries: used as is, nothing is built
#         SLIPWAY_CACHE_DIR          cache root (default
#                                    ${XDG_CACHE_HOME:-$HOME/.cache}/slipway)
#
# Needs: go (>= the "go" line of k8s.io/kubernetes's go.mod), flock (util-linux;
# optional, without it concurrent first builds are not serialised).
set -euo pipefail

# ---- Pinned versions: change them here only. --------------------------------
# The bin directory's name encodes all three, so a bump builds fresh.
K8S_VERSION=v1.36.3
ETCD_VERSION=v3.5.35
KWOK_VERSION=v0.8.0
# -----------------------------------------------------------------------------

BINARIES=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok slipway-supervise)
K8S_COMMANDS=(kube-apiserver kube-controller-manager kube-scheduler)

# Keep the real stdout on fd 3 for the final answer; anything else (our logs,
# go's output) goes to stderr so it cannot corrupt what Java reads.
exec 3>&1 1>&2

log() { printf '[slipway control-plane] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

HACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUPERVISE_SRC=$HACK_DIR/supervise

CACHE=${SLIPWAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd) # absolute, whatever the caller passed
CP_DIR=$CACHE/control-plane
VERSION_DIR=$CP_DIR/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION
BIN_DIR=$VERSION_DIR/bin
STAMP_DIR=$VERSION_DIR/stamps

# Builds must not see a go.work from wherever the cache happens to live, and
# build into fully static binaries (no libc dependency, run anywhere).
export GOWORK=off CGO_ENABLED=0
GO_BUILD_FLAGS=(-trimpath -buildvcs=false)

# The string each binary's --version must contain for us to trust it.
expected_version() {
	case $1 in
	etcd) echo "etcd Version: ${ETCD_VERSION#v}" ;;
	kube-*) echo "Kubernetes $K8S_VERSION" ;;
	kwok) echo "kwok version $KWOK_VERSION" ;;
	esac
}

# slipway-supervise has no upstream version: it is "current" when it was built
# from the present source, which the stamp records as a hash.
supervise_source_hash() {
	(cd "$SUPERVISE_SRC" && cat go.mod ./*.go) | sha256sum | cut -d' ' -f1
}

# Prints the version check output of $1 (a path); fails if it does not run or
# reports something else than the pinned version.
version_check() {
	local bin=$1 name out
	name=$(basename "$bin")
	name=${name#.} name=${name%%.tmp.*} # temp names are .<name>.tmp.<pid>
	[[ -x $bin ]] || return 1
	if [[ $name == slipway-supervise ]]; then
		"$bin" -- true || return 1
		echo "slipway-supervise source sha256 $(supervise_source_hash)"
		return 0
	fi
	out=$("$bin" --version 2>&1) || return 1
	grep -qF "$(expected_version "$name")" <<<"$out" || return 1
	echo "$out"
}

# A binary is reusable if it runs and reports the pinned version (for
# slipway-supervise: if its stamp matches the current source).
is_current() {
	local name=$1 out
	out=$(version_check "$BIN_DIR/$name" 2>/dev/null) || return 1
	if [[ $name == slipway-supervise ]]; then
		[[ -f $STAMP_DIR/$name && $(cat "$STAMP_DIR/$name") == "$out" ]] || return 1
	fi
	# Rewrite a missing stamp (e.g. binary copied in by hand).
	[[ -f $STAMP_DIR/$name ]] || echo "$out" >"$STAMP_DIR/$name"
}

# Moves a freshly built temp binary into place once it passed its version
# check, then writes the stamp. A killed build leaves only a .tmp file behind.
install_binary() {
	local name=$1 tmp=$2 out
	out=$(version_check "$tmp") || die "$name built but its version check failed: $("$tmp" --version 2>&1 | head -3)"
	mv -f "$tmp" "$BIN_DIR/$name"
	echo "$out" >"$STAMP_DIR/$name"
	log "$name: $(head -1 <<<"$out") ($(du -h "$BIN_DIR/$name" | cut -f1))"
}

tmp_path() { echo "$BIN_DIR/.$1.tmp.$$"; }
cleanup() { rm -rf "$BIN_DIR"/.*.tmp."$$"; }

# --- kube-apiserver, kube-controller-manager, kube-scheduler -----------------
# `go install k8s.io/kubernetes/cmd/...@v` cannot work: k8s.io/kubernetes's
# go.mod maps its staging modules (k8s.io/api, client-go, ...) to v0.0.0 with
# local "=> ./staging/src/..." replaces. So we generate a wrapper module that
# requires k8s.io/kubernetes and replaces each staging module with its
# published v0.X.Y release. The staging list is read from the upstream go.mod
# so that a version bump picks up added or removed modules.
build_k8s() {
	local names=("$@")
	local src=$CACHE/src/k8s-$K8S_VERSION
	local staging_version=v0.${K8S_VERSION#v1.} # v1.36.3 -> v0.36.3
	local minor=${K8S_VERSION#v1.}
	minor=${minor%%.*}
	local upstream_mod build_date
	mkdir -p "$src"

	log "resolving k8s.io/kubernetes@$K8S_VERSION"
	# go list -m fetches only the .info and .mod files, not the source zip.
	read -r upstream_mod build_date < <(cd "$src" && rm -f go.mod go.sum &&
		go list -m -f '{{.GoMod}} {{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' "k8s.io/kubernetes@$K8S_VERSION")
	[[ -f $upstream_mod ]] || die "could not fetch the go.mod of k8s.io/kubernetes@$K8S_VERSION"

	local replaces
	replaces=$(sed -n 's#^[[:space:]]*\(k8s\.io/[^[:space:]]*\)[[:space:]]*=>[[:space:]]*\./staging/src/.*#\t\1 => \1 '"$staging_version"'#p' "$upstream_mod")
	[[ -n $replaces ]] || die "no '=> ./staging/src/' replace lines in $upstream_mod; the wrapper scheme needs revisiting"

	{
		echo "// Generated by hack/control-plane/build.sh; rewritten on every build."
		echo "module slipway.local/control-plane/k8s"
		echo
		# Mirror upstream's "go" and "godebug" lines: they set the language
		# version and the GODEBUG defaults the binaries are released with.
		awk '/^go [0-9]/ {print} /^godebug \(/ {b=1} b {print} b && /^\)/ {b=0} /^godebug [^(]/ {print}' "$upstream_mod"
		echo
		echo "require k8s.io/kubernetes $K8S_VERSION"
		echo
		echo "replace ("
		echo "$replaces"
		echo ")"
		echo
		# "tool" lines make the commands part of the module's build graph,
		# so "go mod tidy" records the checksums their imports need.
		echo "tool ("
		printf '\tk8s.io/kubernetes/cmd/%s\n' "${K8S_COMMANDS[@]}"
		echo ")"
	} >"$src/go.mod"
	log "wrapper module $src: $(wc -l <<<"$replaces") staging modules replaced by $staging_version"
	(cd "$src" && go mod tidy)

	# The same variables upstream's hack/lib/version.sh sets, in both packages
	# (component-base: what the server binaries and /version report;
	# client-go: what client code inside them reports). gitCommit is left
	# empty: the module proxy does not tell us the release commit.
	local ldflags="-s -w" pkg
	for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
		ldflags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
		ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date -X $pkg.gitCommit="
	done

	local name tmp
	for name in "${names[@]}"; do
		tmp=$(tmp_path "$name")
		log "building $name $K8S_VERSION (several minutes on a cold cache)"
		(cd "$src" && go build "${GO_BUILD_FLAGS[@]}" -ldflags "$ldflags" -o "$tmp" "k8s.io/kubernetes/cmd/$name")
		install_binary "$name" "$tmp"
	done
}

# --- etcd ---------------------------------------------------------------------
# `go install go.etcd.io/etcd/v3@v` fails on the module's replace lines; the
# server module's go.mod requires its sibling modules at the same version, so
# a wrapper whose main() is upstream's main() is enough. Only the "go" line is
# mirrored: etcd's "toolchain" line is a suggestion that would make
# GOTOOLCHAIN=auto download a newer Go for no benefit.
build_etcd() {
	local src=$CACHE/src/etcd-$ETCD_VERSION tmp
	tmp=$(tmp_path etcd)
	mkdir -p "$src"
	local upstream_mod
	upstream_mod=$(cd "$src" && rm -f go.mod go.sum &&
		go list -m -f '{{.GoMod}}' "go.etcd.io/etcd/server/v3@$ETCD_VERSION")
	{
		echo "// Generated by hack/control-plane/build.sh; rewritten on every build."
		echo "module slipway.local/control-plane/etcd"
		echo
		grep -E '^go [0-9]' "$upstream_mod"
		echo
		echo "require go.etcd.io/etcd/server/v3 $ETCD_VERSION"
	} >"$src/go.mod"
	cat >"$src/main.go" <<-'EOF'
		// Generated by hack/control-plane/build.sh: etcd's own main.go.
		package main

		import (
			"os"

			"go.etcd.io/etcd/server/v3/etcdmain"
		)

		func main() { etcdmain.Main(os.Args) }
	EOF
	log "building etcd $ETCD_VERSION"
	(cd "$src" && go mod tidy && go build "${GO_BUILD_FLAGS[@]}" -ldflags "-s -w" -o "$tmp" .)
	install_binary etcd "$tmp"
}

# --- kwok ---------------------------------------------------------------------
# kwok has no replace lines, so plain `go install` works. GOBIN is a private
# temp directory so the binary appears in BIN_DIR only via install_binary.
build_kwok() {
	local gobin=$BIN_DIR/.kwok-gobin.tmp.$$
	mkdir -p "$gobin"
	log "building kwok $KWOK_VERSION"
	GOBIN=$gobin go install "${GO_BUILD_FLAGS[@]}" -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
	mv -f "$gobin/kwok" "$(tmp_path kwok)"
	rmdir "$gobin"
	install_binary kwok "$(tmp_path kwok)"
}

# --- slipway-supervise (this repository's hack/supervise) ---------------------
build_supervise() {
	local tmp
	tmp=$(tmp_path slipway-supervise)
	log "building slipway-supervise from $SUPERVISE_SRC"
	(cd "$SUPERVISE_SRC" && go build "${GO_BUILD_FLAGS[@]}" -ldflags "-s -w" -o "$tmp" .)
	install_binary slipway-supervise "$tmp"
}

# --- main ---------------------------------------------------------------------

# A directory supplied by the caller (like envtest's KUBEBUILDER_ASSETS) wins,
# but only when complete: a half-filled one is a configuration error, not
# something to silently paper over with a build elsewhere.
use_supplied_bin_dir() {
	local dir=$1 missing=() name
	for name in "${BINARIES[@]}"; do
		[[ -x $dir/$name ]] || missing+=("$name")
	done
	((${#missing[@]} == 0)) || die "SLIPWAY_CONTROL_PLANE_BIN=$dir lacks: ${missing[*]} (unset it to build into $CP_DIR)"
	log "using SLIPWAY_CONTROL_PLANE_BIN=$dir"
	(cd "$dir" && pwd) >&3
}

main() {
	if [[ -n ${SLIPWAY_CONTROL_PLANE_BIN:-} ]]; then
		use_supplied_bin_dir "$SLIPWAY_CONTROL_PLANE_BIN"
		return
	fi
	command -v go >/dev/null || die "go is not on PATH (needed to build the control plane)"

	mkdir -p "$BIN_DIR" "$STAMP_DIR"
	# One builder at a time (two Maven modules, two JVMs): the second caller
	# waits here, then finds everything built and only runs the checks.
	if command -v flock >/dev/null; then
		exec 9>"$CP_DIR/.lock"
		if ! flock -n 9; then
			log "another build holds $CP_DIR/.lock; waiting"
			flock 9
		fi
	else
		log "flock not found: not serialising against concurrent builds"
	fi
	trap cleanup EXIT
	# Holding the lock, any temp file left here is from a build that was
	# killed (SIGKILL skips the trap): remove it, it can be ~100 MB.
	rm -rf "$BIN_DIR"/.*.tmp.*

	local name missing_k8s=() built=0
	for name in "${BINARIES[@]}"; do
		if is_current "$name"; then
			continue
		fi
		built=1
		case $name in
		kube-*) missing_k8s+=("$name") ;;
		etcd) build_etcd ;;
		kwok) build_kwok ;;
		slipway-supervise) build_supervise ;;
		esac
	done
	# The three Kubernetes commands share one wrapper module and most of
	# their packages, so they are built together.
	((${#missing_k8s[@]} == 0)) || build_k8s "${missing_k8s[@]}"

	((built)) || log "all binaries present and current"
	echo "$BIN_DIR" >&3
}

main "$@"
