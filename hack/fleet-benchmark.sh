#!/usr/bin/env bash
# The fleet benchmark, run on purpose (issue 7; the test run has a 10-cluster smoke instance of the same class).
# Builds what the controllers need, then runs FleetBenchmarkE2E: its own local control plane, the controllers with the
# node-less simulated cloud, and for each size the bare loader, cold convergence, fleet upgrade, an idle window and
# teardown; then NodeReadinessBenchmarkE2E: a 1,000-node scale-out with a realistic node-ready distribution and
# the latency Slipway adds to it. Prints tables; writes controllers/target/fleet-benchmark/fleet-benchmark.{json,png}
# and node-readiness.json.
#
#   ./hack/fleet-benchmark.sh                           100,500,1000,2000 clusters x 3 nodepools, 10-minute idle,
#                                                       then 1,000 nodes drawn 90-240 s
#   ./hack/fleet-benchmark.sh --sizes=100,500 --idle-seconds=60 --phases=fleet
#   options: --phases=fleet,readiness  --sizes=N,N  --nodepools=3  --idle-seconds=600  --heap=512m  --writers=8
#            --latency=Instant  --readiness-nodes=1000  --readiness-node-ready=90s..240s
#            --readiness-stagger=0ms..100ms (between nodes added by the scale-out)
#            --phase-limit-minutes=30 (a hang guard per phase, not a performance bound)
#            --jfr=DIR (the controllers record a Java Flight Recording per size into DIR)
#            --resync=10m (the controllers' resync period; a short one shows that resyncs write nothing)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

declare -A options=([sizes]=100,500,1000,2000 [idle-seconds]=600 [readiness-nodes]=1000
  [readiness-node-ready]=90s..240s)
phases=fleet,readiness
for argument in "$@"; do
  case "$argument" in
    --phases=*)
      phases="${argument#*=}"
      ;;
    --sizes=*|--nodepools=*|--idle-seconds=*|--heap=*|--writers=*|--latency=*|--phase-limit-minutes=*|\
    --readiness-nodes=*|--readiness-node-ready=*|--readiness-stagger=*|--jfr=*|--resync=*)
      name="${argument%%=*}"
      options[${name#--}]="${argument#*=}"
      ;;
    *)
      echo "unknown option: $argument (see the top of $0)" >&2
      exit 2
      ;;
  esac
done
tests=()
for phase in ${phases//,/ }; do
  case "$phase" in
    fleet) tests+=(FleetBenchmarkE2E) ;;
    readiness) tests+=(NodeReadinessBenchmarkE2E) ;;
    *) echo "unknown phase: $phase (fleet, readiness)" >&2; exit 2 ;;
  esac
done
properties=()
for name in "${!options[@]}"; do
  properties+=("-Dslipway.bench.$name=${options[$name]}")
done

./mvnw -q -B install -DskipTests -pl controllers -am
./mvnw -B --no-transfer-progress -pl controllers verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test="$(IFS=,; echo "${tests[*]}")" "${properties[@]}"
echo "Reports: $PWD/controllers/target/fleet-benchmark/ (fleet-benchmark.json and .png, node-readiness.json)"
