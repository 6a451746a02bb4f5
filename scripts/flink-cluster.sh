#!/usr/bin/env bash
# Starts or stops a real Flink session cluster on loopback: a JobManager
# (StandaloneSessionClusterEntrypoint) and a TaskManager (TaskManagerRunner)
# in two JVMs, with Flink's jars from Maven Central (resolved through
# testdata/flink-harness). Also packages the harness's scenario jobs as a jar
# to submit.
#
#   scripts/flink-cluster.sh start flink1|flink2 DIR   prints the REST URL when it answers
#   scripts/flink-cluster.sh stop DIR
set -euo pipefail
cd "$(dirname "$0")/.."
harness=testdata/flink-harness

start() {
  local profile=$1 dir=$2
  mkdir -p "$dir/conf" "$dir/savepoints" "$dir/log" "$dir/plugins"
  mvn -q -B -f $harness/pom.xml -P"$profile" compile dependency:build-classpath \
    -Dmdep.outputFile="target/$profile/classpath.txt" >&2
  local classes=$harness/target/$profile/classes
  jar cf "$dir/jobs.jar" -C "$classes" .
  local cp="$classes:$(cat "$harness/target/$profile/classpath.txt")"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local rpc
  rpc=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # Flat keys are valid in both flink-conf.yaml-era and config.yaml-era Flink.
  cat > "$dir/conf/config.yaml" <<CONF
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $rpc
jobmanager.bind-host: localhost
rest.address: localhost
rest.bind-address: localhost
rest.port: $port
taskmanager.host: localhost
taskmanager.bind-host: localhost
taskmanager.numberOfTaskSlots: 8
taskmanager.cpu.cores: 8
taskmanager.memory.framework.heap.size: 128m
taskmanager.memory.framework.off-heap.size: 128m
taskmanager.memory.task.heap.size: 384m
taskmanager.memory.task.off-heap.size: 0m
taskmanager.memory.network.min: 64m
taskmanager.memory.network.max: 64m
taskmanager.memory.managed.size: 128m
taskmanager.memory.jvm-metaspace.size: 256m
taskmanager.memory.jvm-overhead.min: 192m
taskmanager.memory.jvm-overhead.max: 192m
execution.checkpointing.savepoint-dir: file://$dir/savepoints
web.submit.enable: true
web.upload.dir: $dir/upload
CONF
  mkdir -p "$dir/upload"
  # With UIDCHECK_E2E_S3=http://host:port (and _KEY, _SECRET), Flink's S3
  # file system (the flink-s3-fs-presto plugin from Maven Central) writes
  # s3:// savepoints to that server, path-style. 1.20.0 is the newest 1.20
  # plugin Maven Central has; plugins load in their own class loader.
  if [ -n "${UIDCHECK_E2E_S3:-}" ]; then
    local plugin_version=2.3.0
    [ "$profile" = flink1 ] && plugin_version=1.20.0
    mkdir -p "$dir/plugins/s3-fs-presto"
    mvn -q -B dependency:copy -Dartifact="org.apache.flink:flink-s3-fs-presto:$plugin_version" \
      -DoutputDirectory="$dir/plugins/s3-fs-presto" >&2
    cat >> "$dir/conf/config.yaml" <<CONF
s3.endpoint: $UIDCHECK_E2E_S3
s3.path.style.access: true
s3.access-key: $UIDCHECK_E2E_S3_KEY
s3.secret-key: $UIDCHECK_E2E_S3_SECRET
CONF
  fi
  export FLINK_PLUGINS_DIR=$dir/plugins
  # The module openings Flink's own start scripts pass on Java 17.
  local opens="-XX:+IgnoreUnrecognizedVMOptions"
  for p in java.lang java.net java.io java.nio sun.nio.ch java.lang.reflect java.text java.time java.util \
           java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks; do
    opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
  done
  java $opens -Xmx512m -cp "$cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$dir/conf" > "$dir/log/jobmanager.out" 2>&1 &
  echo $! > "$dir/jobmanager.pid"
  java $opens -Xmx768m -XX:MaxDirectMemorySize=512m -cp "$cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$dir/conf" > "$dir/log/taskmanager.out" 2>&1 &
  echo $! > "$dir/taskmanager.pid"
  local url=http://localhost:$port
  for _ in $(seq 1 120); do
    if curl -sf "$url/taskmanagers" 2>/dev/null | grep -q '"id"'; then
      echo "$url"
      return 0
    fi
    sleep 0.5
  done
  echo "flink-cluster: no TaskManager registered at $url within 60s" >&2
  tail -n 20 "$dir/log/"*.out >&2
  stop "$dir"
  return 1
}

stop() {
  local dir=$1
  for role in taskmanager jobmanager; do
    if [ -f "$dir/$role.pid" ]; then
      kill "$(cat "$dir/$role.pid")" 2>/dev/null || true
      rm -f "$dir/$role.pid"
    fi
  done
}

case "${1:-}" in
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 start flink1|flink2 DIR | stop DIR" >&2; exit 2 ;;
esac
