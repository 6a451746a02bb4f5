#!/usr/bin/env bash
# The real-Flink end-to-end suite, for each Flink version (Maven profiles
# flink1 = 1.20.x, flink2 = 2.x; Maven downloads Flink once into ~/.m2):
#  1. the harness in testdata/flink-harness builds the scenario jobs, asks
#     Flink's own hasher for every operator's ID, and runs every scenario on a
#     MiniCluster (savepoint of v1, resume of v2 with and without
#     allowNonRestoredState), recording what Flink did;
#  2. the Go tests in e2e/ compare uidcheck's IDs and verdicts with Flink's;
#  3. a real session cluster (separate JobManager and TaskManager JVMs on
#     loopback) runs uidcheck's REST commands end to end, and writes a
#     savepoint through Flink's S3 plugin to a local S3-compatible server
#     that uidcheck then reads in place.
#
#   scripts/e2e.sh                                  everything
#   FLINK_PROFILES=flink2 scripts/e2e.sh uid_renamed   one version, one scenario
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
harness=testdata/flink-harness
out=${UIDCHECK_E2E_OUT:-$root/.e2e}
profiles=${FLINK_PROFILES:-"flink1 flink2"}

rm -rf "$out"
mkdir -p "$out"
for p in $profiles; do
  start=$SECONDS
  echo "e2e: $p: building the harness and running the scenarios" >&2
  mvn -q -B -f $harness/pom.xml -P"$p" compile dependency:build-classpath \
    -Dmdep.outputFile="target/$p/classpath.txt"
  cp="$harness/target/$p/classes:$(cat "$harness/target/$p/classpath.txt")"
  # The module openings Flink's distribution gives its JVMs on Java 17
  # (env.java.opts.all): Kryo reaches into java.util's lists and maps.
  java --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" harness.Harness \
    "$harness/src/main/java/harness/scenarios" "$out/$p" "$@"
  echo "e2e: $p: scenarios took $((SECONDS - start))s" >&2
done

# Each profile's classpath as UIDCHECK_E2E_CLASSPATH_FLINK1 / _FLINK2 (the
# fix-shapes corpus compiles against both); UIDCHECK_E2E_CLASSPATH is the
# first profile's, for the tests that compile against one version.
classpaths=()
for p in $profiles; do
  classpaths+=("UIDCHECK_E2E_CLASSPATH_${p^^}=$root/$harness/target/$p/classpath.txt")
done
env "${classpaths[@]}" UIDCHECK_E2E_OUT="$out" \
  UIDCHECK_E2E_CLASSPATH="$root/$harness/target/${profiles%% *}/classpath.txt" \
  go test -tags e2e -count=1 -timeout 30m -v -run 'OperatorIDs|Verdicts|Savepoints|Fix|Flips|CatalogRegeneration|StateScenarios' ./e2e/

cluster="$out/cluster"
# The S3-compatible server (internal/s3server) Flink writes s3:// savepoints
# to; the keys are the test server's own, not credentials of anything.
go build -o "$out/s3server" ./internal/tools/s3server
export UIDCHECK_E2E_S3_KEY=AKIAUIDCHECKE2E00001 UIDCHECK_E2E_S3_SECRET=uidcheck-e2e-test-secret
"$out/s3server" -bucket savepoints -access-key "$UIDCHECK_E2E_S3_KEY" -secret-key "$UIDCHECK_E2E_S3_SECRET" > "$out/s3.url" &
s3pid=$!
trap 'scripts/flink-cluster.sh stop "$cluster" 2>/dev/null || true; kill $s3pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -s "$out/s3.url" ] && break; sleep 0.1; done
export UIDCHECK_E2E_S3=$(cat "$out/s3.url")
for p in $profiles; do
  start=$SECONDS
  echo "e2e: $p: starting a session cluster" >&2
  url=$(scripts/flink-cluster.sh start "$p" "$cluster")
  UIDCHECK_E2E_CLUSTER=$url UIDCHECK_E2E_JAR=$cluster/jobs.jar \
    go test -tags e2e -count=1 -v -run 'REST' ./e2e/
  scripts/flink-cluster.sh stop "$cluster"
  rm -rf "$cluster"
  echo "e2e: $p: REST commands took $((SECONDS - start))s" >&2
done
