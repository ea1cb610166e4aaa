#!/usr/bin/env bash
# The README's first command: builds what is needed, then runs Slipway's local management cluster
# (dev.slipway.testing.local.LocalRun) in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./mvnw -q -B install -DskipTests -pl testing -am
classpath=$(./mvnw -q -B -pl testing dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)
exec java -cp "testing/target/classes:${classpath}" -Dslipway.projectRoot="$PWD" dev.slipway.testing.local.LocalRun "$@"
