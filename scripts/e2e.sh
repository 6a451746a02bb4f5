#!/usr/bin/env bash
# The real-Flink end-to-end suite. For each Flink version it builds the
# fixture jobs in testdata/flink-harness, asks Flink for every operator's ID,
# runs every scenario on a MiniCluster (savepoint of v1, resume of v2 with and
# without allowNonRestoredState), then runs the Go tests in e2e/ that compare
# uidcheck's answers with Flink's. Maven downloads Flink once into ~/.m2.
#
#   scripts/e2e.sh                 all versions, all scenarios
#   FLINK_PROFILES=flink2 scripts/e2e.sh uid_renamed   one version, one scenario
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
harness=testdata/flink-harness
out=${UIDCHECK_E2E_OUT:-$root/.e2e}
profiles=${FLINK_PROFILES:-"flink1 flink2"}

rm -rf "$out"
for p in $profiles; do
  start=$SECONDS
  echo "e2e: building the harness for $p" >&2
  mvn -q -B -f $harness/pom.xml -P"$p" compile dependency:build-classpath \
    -Dmdep.outputFile="target/$p/classpath.txt"
  cp="$harness/target/$p/classes:$(cat "$harness/target/$p/classpath.txt")"
  java -cp "$cp" harness.Harness "$harness/src/main/java/harness/scenarios" "$out/$p" "$@"
  echo "e2e: $p harness took $((SECONDS - start))s" >&2
done

UIDCHECK_E2E_OUT=$out go test -tags e2e -count=1 -v ./e2e/
