#!/usr/bin/env bash
# A three-node Apache Kafka cluster on loopback, the peer system of the replication benchmark.
#
# Each node is a combined broker and KRaft controller in its own JVM, started from the Maven
# Central jars (no Kafka distribution needed). The topic defaults match the benchmark: replication
# factor 3, min.insync.replicas=2.
#
# Usage: benchmarks/kafka/kafka-cluster.sh COMMAND [--dir DIR] [--base-port P]
#
#   fetch    copy Kafka's broker jars and their dependencies from Maven Central into
#            benchmarks/kafka/lib/ with the repository's ./mvnw and benchmarks/kafka/pom.xml;
#            does nothing when lib/ already holds the version of pom.xml
#   start    fetch if needed, format the nodes' storage on first use, start the nodes that are not
#            running, wait until all three brokers are up and print the bootstrap address on
#            stdout (progress goes to stderr); safe to rerun
#   stop     stop the nodes (SIGTERM, SIGKILL after $KAFKA_STOP_TIMEOUT s); safe to rerun
#   status   one line per node; exit status 0 when all three run, 3 otherwise
#   clean    stop, then delete DIR (only a directory this script created)
#
#   --dir DIR       where the nodes keep config, data, logs and pid files
#                   (default: benchmarks/kafka/run)
#   --base-port P   start only, on first use of DIR: brokers listen on P, P+1, P+2 and
#                   controllers on P+100, P+101, P+102 (default: 19092); DIR remembers it
#
# Environment: JAVA (java binary; default $JAVA_HOME/bin/java or java), KAFKA_HEAP_OPTS (default
# "-Xms1g -Xmx1g" per node), KAFKA_START_TIMEOUT (s, default 180), KAFKA_STOP_TIMEOUT (s,
# default 60).
#
# Layout of DIR: cluster.env (cluster id and ports), nodeN/server.properties, nodeN/data (the log
# directory), nodeN/logs/server.log (broker log, previous run in server.log.1), nodeN/logs/stdout.log
# (JVM output, e.g. GC warnings or a crash), nodeN/pid.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
readonly SCRIPT_DIR REPO_DIR
readonly LIB_DIR="$SCRIPT_DIR/lib"
readonly NODES=(1 2 3)
readonly DEFAULT_BASE_PORT=19092
readonly HOST=127.0.0.1
readonly START_TIMEOUT="${KAFKA_START_TIMEOUT:-180}"
readonly STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-60}"
readonly HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms1g -Xmx1g}"
# kafka-run-class.sh's defaults, so the brokers run as a stock installation would.
readonly JVM_OPTS="-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true"

die() {
  echo "kafka-cluster: error: $*" >&2
  exit 1
}

info() {
  echo "kafka-cluster: $*" >&2
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
}

java_bin() {
  if [[ -n "${JAVA:-}" ]]; then
    echo "$JAVA"
  elif [[ -n "${JAVA_HOME:-}" ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}

check_java() {
  local java version major
  java="$(java_bin)"
  command -v "$java" >/dev/null 2>&1 || die "no java found ('$java'); set JAVA or JAVA_HOME"
  version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  major="${version%%.*}"
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot tell the version of '$java'"
  ((major >= 17)) || die "Kafka's brokers need Java 17 or later; '$java' is Java $version"
}

# The Kafka version benchmarks/kafka/pom.xml asks for.
pom_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$SCRIPT_DIR/pom.xml" | head -n 1
}

cmd_fetch() {
  local version stamp
  version="$(pom_version)"
  [[ -n "$version" ]] || die "no <kafka.version> in $SCRIPT_DIR/pom.xml"
  stamp="$LIB_DIR/.kafka-version"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$version" ]] && compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null; then
    info "lib/ already holds Kafka $version"
    return
  fi
  info "fetching Kafka $version and its dependencies into $LIB_DIR"
  rm -rf "$LIB_DIR.tmp"
  # Into a temporary directory first, so an interrupted fetch never leaves a half-filled lib/.
  (cd "$REPO_DIR" && ./mvnw -B -q -f benchmarks/kafka/pom.xml dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIB_DIR.tmp") ||
    die "could not fetch Kafka $version from Maven Central (see the Maven output above)"
  compgen -G "$LIB_DIR.tmp/kafka_2.13-$version.jar" >/dev/null || die "fetch produced no kafka_2.13-$version.jar"
  echo "$version" >"$LIB_DIR.tmp/.kafka-version"
  rm -rf "$LIB_DIR"
  mv "$LIB_DIR.tmp" "$LIB_DIR"
  info "fetched $(find "$LIB_DIR" -name '*.jar' | wc -l) jars"
}

# ---- the cluster directory -----------------------------------------------------------------

DIR=""
BASE_PORT=""

parse_options() {
  while (($# > 0)); do
    case "$1" in
      --dir)
        (($# >= 2)) || die "--dir needs a value"
        DIR="$2"
        shift 2
        ;;
      --base-port)
        (($# >= 2)) || die "--base-port needs a value"
        if ! [[ "$2" =~ ^[0-9]+$ ]] || (($2 < 1024 || $2 > 65000)); then
          die "--base-port must be a number from 1024 to 65000: $2"
        fi
        BASE_PORT="$2"
        shift 2
        ;;
      *)
        usage
        die "unknown option: $1"
        ;;
    esac
  done
  DIR="${DIR:-$SCRIPT_DIR/run}"
  mkdir -p "$(dirname "$DIR")"
  DIR="$(cd "$(dirname "$DIR")" && pwd)/$(basename "$DIR")"
}

# Loads DIR/cluster.env into CLUSTER_ID and CLUSTER_BASE_PORT; returns 1 if there is none.
load_cluster_env() {
  [[ -f "$DIR/cluster.env" ]] || return 1
  CLUSTER_ID="$(sed -n 's/^CLUSTER_ID=//p' "$DIR/cluster.env")"
  CLUSTER_BASE_PORT="$(sed -n 's/^BASE_PORT=//p' "$DIR/cluster.env")"
  [[ -n "$CLUSTER_ID" && "$CLUSTER_BASE_PORT" =~ ^[0-9]+$ ]] || die "$DIR/cluster.env is damaged; run clean --dir $DIR"
}

broker_port() { echo $((CLUSTER_BASE_PORT + $1 - 1)); }
controller_port() { echo $((CLUSTER_BASE_PORT + 100 + $1 - 1)); }

bootstrap() {
  local node addresses=()
  for node in "${NODES[@]}"; do
    addresses+=("$HOST:$(broker_port "$node")")
  done
  (IFS=,; echo "${addresses[*]}")
}

# The pid of node $1 if that process is alive and is this node's broker, else nothing.
node_pid() {
  local node="$1" pid_file="$DIR/node$1/pid" pid
  [[ -f "$pid_file" ]] || return 0
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  # Guards against a recycled pid: the process must run kafka.Kafka with this node's config.
  if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $DIR/node$node/server.properties"; then
    echo "$pid"
  fi
}

port_open() {
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

write_properties() {
  local node="$1" voters="" n
  for n in "${NODES[@]}"; do
    voters+="${voters:+,}$n@$HOST:$(controller_port "$n")"
  done
  cat >"$DIR/node$node/server.properties" <<EOF
# Written by kafka-cluster.sh on every start; edits are lost.
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$voters
listeners=PLAINTEXT://$HOST:$(broker_port "$node"),CONTROLLER://$HOST:$(controller_port "$node")
advertised.listeners=PLAINTEXT://$HOST:$(broker_port "$node")
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DIR/node$node/data
# The replication benchmark's settings: three replicas, two in sync to acknowledge acks=all.
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
num.partitions=12
group.initial.rebalance.delay.ms=0
# Everything else, flushing included (no fsync per message), stays at Kafka's defaults.
EOF
}

format_node() {
  local node="$1"
  [[ -f "$DIR/node$node/data/meta.properties" ]] && return 0
  info "formatting the storage of node $node"
  "$(java_bin)" -Dlog4j2.configurationFile="$SCRIPT_DIR/log4j2.xml" -Dkafka.logs.dir="$DIR/node$node/logs" \
    -cp "$LIB_DIR/*" kafka.tools.StorageTool format --cluster-id "$CLUSTER_ID" \
    --config "$DIR/node$node/server.properties" --ignore-formatted >>"$DIR/node$node/logs/stdout.log" 2>&1 ||
    die "formatting node $node failed; see $DIR/node$node/logs/stdout.log"
}

launch_node() {
  local node="$1" logs="$DIR/node$1/logs" pid
  [[ -f "$logs/server.log" ]] && mv -f "$logs/server.log" "$logs/server.log.1"
  [[ -f "$logs/stdout.log" ]] && mv -f "$logs/stdout.log" "$logs/stdout.log.1"
  # setsid and nohup: the node outlives this script and its caller's terminal or test JVM; no
  # inherited stdin/stdout, so a caller reading this script's output is not held open.
  # shellcheck disable=SC2086 # the option strings are lists of words
  setsid nohup "$(java_bin)" $HEAP_OPTS $JVM_OPTS \
    -Dkafka.logs.dir="$logs" -Dlog4j2.configurationFile="$SCRIPT_DIR/log4j2.xml" \
    -Xlog:gc*:file="$logs/gc.log":time,tags:filecount=2,filesize=20M \
    -cp "$LIB_DIR/*" kafka.Kafka "$DIR/node$node/server.properties" \
    </dev/null >"$logs/stdout.log" 2>&1 &
  pid=$!
  echo "$pid" >"$DIR/node$node/pid"
  info "started node $node (pid $pid): broker $HOST:$(broker_port "$node"), controller $HOST:$(controller_port "$node")"
}

node_started() {
  local node="$1"
  port_open "$(broker_port "$node")" &&
    grep -qF "Kafka Server started" "$DIR/node$node/logs/server.log" 2>/dev/null
}

cmd_start() {
  local node port waiting started=() deadline
  cmd_fetch
  check_java
  mkdir -p "$DIR"
  if load_cluster_env; then
    if [[ -n "$BASE_PORT" && "$BASE_PORT" != "$CLUSTER_BASE_PORT" ]]; then
      die "$DIR was set up with --base-port $CLUSTER_BASE_PORT; use that, another --dir, or clean --dir $DIR first"
    fi
  else
    [[ -z "$(ls -A "$DIR")" ]] || die "$DIR is not empty and has no cluster.env: choose another --dir"
    CLUSTER_BASE_PORT="${BASE_PORT:-$DEFAULT_BASE_PORT}"
    CLUSTER_ID="$("$(java_bin)" -cp "$LIB_DIR/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    [[ "$CLUSTER_ID" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "could not generate a cluster id: '$CLUSTER_ID'"
    printf 'CLUSTER_ID=%s\nBASE_PORT=%s\n' "$CLUSTER_ID" "$CLUSTER_BASE_PORT" >"$DIR/cluster.env"
  fi
  for node in "${NODES[@]}"; do
    mkdir -p "$DIR/node$node/data" "$DIR/node$node/logs"
    if [[ -n "$(node_pid "$node")" ]]; then
      info "node $node already runs (pid $(node_pid "$node"))"
      continue
    fi
    for port in "$(broker_port "$node")" "$(controller_port "$node")"; do
      if port_open "$port"; then
        die "port $port of node $node is in use by another process; stop it or use another --dir with another --base-port"
      fi
    done
    started+=("$node")
  done
  for node in "${started[@]}"; do
    write_properties "$node"
    format_node "$node"
  done
  for node in "${started[@]}"; do
    launch_node "$node"
  done

  deadline=$((SECONDS + START_TIMEOUT))
  while true; do
    waiting=()
    for node in "${NODES[@]}"; do
      node_started "$node" && continue
      if [[ -z "$(node_pid "$node")" ]]; then
        echo "---- last lines of $DIR/node$node/logs/stdout.log and server.log:" >&2
        tail -n 20 "$DIR/node$node/logs/stdout.log" >&2 2>/dev/null || true
        tail -n 40 "$DIR/node$node/logs/server.log" >&2 2>/dev/null || true
        die "node $node exited during start-up; stop any others with: stop --dir $DIR"
      fi
      waiting+=("$node")
    done
    ((${#waiting[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      die "nodes ${waiting[*]} not up after ${START_TIMEOUT}s; see $DIR/node*/logs/server.log (stop --dir $DIR)"
    fi
    sleep 0.25
  done
  info "all ${#NODES[@]} brokers are up"
  bootstrap
}

cmd_stop() {
  local node pid pids=() deadline
  if ! load_cluster_env; then
    info "no cluster in $DIR: nothing to stop"
    return 0
  fi
  for node in "${NODES[@]}"; do
    pid="$(node_pid "$node")"
    if [[ -n "$pid" ]]; then
      info "stopping node $node (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  deadline=$((SECONDS + STOP_TIMEOUT))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      info "pid $pid still runs after ${STOP_TIMEOUT}s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
  done
  for node in "${NODES[@]}"; do
    rm -f "$DIR/node$node/pid"
  done
  info "stopped (${#pids[@]} node(s) were running)"
}

cmd_status() {
  local node pid running=0 state
  if ! load_cluster_env; then
    info "no cluster in $DIR"
    return 3
  fi
  for node in "${NODES[@]}"; do
    pid="$(node_pid "$node")"
    if [[ -n "$pid" ]]; then
      running=$((running + 1))
      port_open "$(broker_port "$node")" && state="broker port open" || state="broker port closed"
      echo "node $node: running (pid $pid), $HOST:$(broker_port "$node") $state"
    else
      echo "node $node: stopped"
    fi
  done
  echo "bootstrap: $(bootstrap)"
  ((running == ${#NODES[@]})) || return 3
}

cmd_clean() {
  if [[ ! -f "$DIR/cluster.env" ]]; then
    [[ -e "$DIR" ]] && die "$DIR has no cluster.env: not a directory of this script, not deleting it"
    info "$DIR does not exist: nothing to clean"
    return 0
  fi
  cmd_stop
  rm -rf "$DIR"
  info "deleted $DIR"
}

main() {
  (($# > 0)) || {
    usage
    exit 1
  }
  local command="$1"
  shift
  case "$command" in
    fetch)
      (($# == 0)) || die "fetch takes no options"
      cmd_fetch
      ;;
    start | stop | status | clean)
      parse_options "$@"
      if [[ "$command" != start && -n "$BASE_PORT" ]]; then
        die "--base-port applies to start only; $command reads the ports from the cluster directory"
      fi
      "cmd_$command"
      ;;
    -h | --help | help)
      usage
      ;;
    *)
      usage
      die "unknown command: $command"
      ;;
  esac
}

main "$@"
