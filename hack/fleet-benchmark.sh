#!/usr/bin/env bash
# The fleet benchmark, run on purpose (issue 7; the test run has a 10-cluster smoke instance of the same class).
# Builds what the controllers need, then runs FleetBenchmarkE2E: its own local control plane, the controllers with the
# node-less simulated cloud, and for each size the bare loader, cold convergence, fleet upgrade, an idle window and
# teardown. Prints a table; writes controllers/target/fleet-benchmark/fleet-benchmark.{json,png}.
#
#   ./hack/fleet-benchmark.sh                           100,500,1000,2000 clusters x 3 nodepools, 10-minute idle
#   ./hack/fleet-benchmark.sh --sizes=100,500 --idle-seconds=60
#   options: --sizes=N,N  --nodepools=3  --idle-seconds=600  --heap=512m  --writers=8  --latency=Instant
#            --phase-limit-minutes=30 (a hang guard per phase, not a performance bound)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

declare -A options=([sizes]=100,500,1000,2000 [idle-seconds]=600)
for argument in "$@"; do
  case "$argument" in
    --sizes=*|--nodepools=*|--idle-seconds=*|--heap=*|--writers=*|--latency=*|--phase-limit-minutes=*)
      name="${argument%%=*}"
      options[${name#--}]="${argument#*=}"
      ;;
    *)
      echo "unknown option: $argument (see the top of $0)" >&2
      exit 2
      ;;
  esac
done
properties=()
for name in "${!options[@]}"; do
  properties+=("-Dslipway.bench.$name=${options[$name]}")
done

./mvnw -q -B install -DskipTests -pl controllers -am
./mvnw -B --no-transfer-progress -pl controllers verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=FleetBenchmarkE2E "${properties[@]}"
echo "Report: $PWD/controllers/target/fleet-benchmark/fleet-benchmark.json and .png"
