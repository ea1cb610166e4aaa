#!/usr/bin/env bash
# The README's first command: builds the controllers (and what they need), then runs the whole system locally
# (dev.slipway.testing.local.LocalRun): a management cluster, a workload API server with KWOK nodes, Slipway's
# controllers with the simulated cloud and the sim sample, until Ctrl-C.
#
#   ./hack/run-local.sh                 runs until Ctrl-C
#   ./hack/run-local.sh --until-ready   exits 0 once every sample is Ready, 1 if not within 5 minutes
#   ./hack/run-local.sh --until-ready --timeout=10m
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# One Maven run builds the modules and writes each one's runtime classpath to target/runtime.classpath, naming the
# jars it has just built in this worktree (not copies in ~/.m2 that another checkout may have installed since).
./mvnw -q -B install dependency:build-classpath -DskipTests -pl controllers -am \
  -DincludeScope=runtime -Dmdep.outputFile=target/runtime.classpath
local_run_classpath="$PWD/testing/target/classes:$(cat testing/target/runtime.classpath)"
controllers_classpath="$PWD/controllers/target/classes:$(cat controllers/target/runtime.classpath)"

# Note: LocalRun runs in its own session (setsid), so a Ctrl-C in the terminal reaches only this script, which turns
# it into one SIGTERM for LocalRun. LocalRun then stops the controllers first and the control planes after them.
# Without this the terminal would send SIGINT to every process at once (they share the terminal's process group),
# and the controllers would see their API servers vanish while shutting down.
setsid java -cp "$local_run_classpath" \
  -Dslipway.projectRoot="$PWD" \
  -Dslipway.controllers.classpath="$controllers_classpath" \
  -Dlogback.configurationFile=dev/slipway/testing/local/logback.xml \
  dev.slipway.testing.local.LocalRun "$@" &
local_run=$!
signalled=""
stop_local_run() {
  signalled=$1
  kill -TERM "$local_run" 2>/dev/null || true
}
trap 'stop_local_run 130' INT
trap 'stop_local_run 143' TERM
trap 'stop_local_run 129' HUP

status=0
wait "$local_run" || status=$?
# A trapped signal interrupts wait; wait again until LocalRun has stopped everything and exited.
while kill -0 "$local_run" 2>/dev/null; do
  status=0
  wait "$local_run" || status=$?
done
# Stopped by a signal: exit as the shell would have (130 for Ctrl-C); otherwise with LocalRun's status.
exit "${signalled:-$status}"
