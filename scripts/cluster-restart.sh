#!/usr/bin/env bash
# A node of a CityBrain cluster killed with kill -9 under load and started again at once on the same ports, as
# systemd or Kubernetes would (issue 15). Starts --nodes nodes on one PostgreSQL database, replays a generated
# feed over MQTT (an external broker with a shared subscription) or Kafka (librdkafka's mock cluster, started
# here), kills the last node --kill-after seconds into the replay and starts it again --restart-after seconds
# later. Prints the ingest rate of the surviving nodes during the outage (evidence read from node 1's API every
# 250 ms), the longest stall, the time from the restart until every event was evidence and until check-synthetic
# passed, and the check-synthetic verdict. Uses the built Silo and bench outputs (dotnet build CityBrain.sln -c Release).
#
#   scripts/cluster-restart.sh --postgres "Host=127.0.0.1;Database=restart1;Username=citybrain" --via mqtt --mqtt-port 1883
#   scripts/cluster-restart.sh --postgres "…;Database=restart2;…" --via kafka -- --Kafka:Client:group.instance.id=citybrain-{node}
#
# The database must be empty (createdb restart1): the check counts every incident in it. Arguments after "--" go
# to every node, with {node} replaced by the node's number. Exit code: 0 when check-synthetic passed, 1 when it
# did not, 2 for bad arguments.
set -euo pipefail

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  cat >&2 <<USAGE

Options: --postgres <Npgsql connection string> (required), --via mqtt|kafka (mqtt), --nodes 2|3 (2),
  --events N (12000), --rate N events/s (1500), --pack <folder> (packs/chengdu), --seed N (4242),
  --mqtt-host H (127.0.0.1), --mqtt-port N (1883), --kill-after S (3), --restart-after S (4),
  --recovery-seconds S (180: how long after the restart to wait for the check to pass),
  --configuration Release|Debug (Release), --work <dir> (a new temporary directory; logs and timeline stay there)
USAGE
  exit 2
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
via=mqtt nodes=2 events=12000 rate=1500 pack="$root/packs/chengdu" seed=4242 postgres=""
mqtt_host=127.0.0.1 mqtt_port=1883 kill_after=3 restart_after=4 recovery=180 configuration=Release work=""
extra=()
while (($#)); do
  case "$1" in
    --via) via="${2:?}"; shift 2 ;;
    --nodes) nodes="${2:?}"; shift 2 ;;
    --events) events="${2:?}"; shift 2 ;;
    --rate) rate="${2:?}"; shift 2 ;;
    --pack) pack="${2:?}"; shift 2 ;;
    --seed) seed="${2:?}"; shift 2 ;;
    --postgres) postgres="${2:?}"; shift 2 ;;
    --mqtt-host) mqtt_host="${2:?}"; shift 2 ;;
    --mqtt-port) mqtt_port="${2:?}"; shift 2 ;;
    --kill-after) kill_after="${2:?}"; shift 2 ;;
    --restart-after) restart_after="${2:?}"; shift 2 ;;
    --recovery-seconds) recovery="${2:?}"; shift 2 ;;
    --configuration) configuration="${2:?}"; shift 2 ;;
    --work) work="${2:?}"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "cluster-restart: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ "$via" == mqtt || "$via" == kafka ]] || { echo "cluster-restart: --via must be mqtt or kafka" >&2; usage; }
[[ "$nodes" =~ ^[2-9]$ ]] || { echo "cluster-restart: --nodes must be 2 to 9" >&2; usage; }
for n in "$events" "$rate" "$seed" "$mqtt_port" "$recovery"; do [[ "$n" =~ ^[0-9]+$ ]] || { echo "cluster-restart: '$n' is not a number" >&2; usage; }; done
for n in "$kill_after" "$restart_after"; do [[ "$n" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "cluster-restart: '$n' is not a number of seconds" >&2; usage; }; done
[[ -n "$postgres" ]] || { echo "cluster-restart: --postgres is required (an empty database)" >&2; usage; }

silo="$root/src/Silo/bin/$configuration/net10.0/CityBrain.Silo.dll"
bench="$root/bench/CityBrain.Bench/bin/$configuration/net10.0/CityBrain.Bench.dll"
for dll in "$silo" "$bench"; do
  [[ -f "$dll" ]] || { echo "cluster-restart: $dll is missing: dotnet build CityBrain.sln -c $configuration" >&2; exit 1; }
done
work="${work:-$(mktemp -d -t citybrain-restart-XXXXXX)}"
mkdir -p "$work"
run="r$(date +%s)$RANDOM"
now() { date -u +%FT%T.%3NZ; }
say() { echo "cluster-restart: $*"; }

pids=()
kafka_pid="" watch_pid="" replay_pid=""
# SIGTERM, and SIGKILL for whatever has not ended 30 s later.
cleanup() {
  local all=("${pids[@]}" $watch_pid $replay_pid $kafka_pid) deadline=$((SECONDS + 30))
  for p in "${all[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${all[@]}"; do
    while kill -0 "$p" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Below the kernel's ephemeral range, so no outgoing connection holds the port the node binds later (and again
# at the restart).
ephemeral_low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
taken=" "
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    if [[ "$taken" != *" $port "* ]] && port_is_free "$port"; then taken+="$port "; echo "$port"; return 0; fi
  done
  echo "cluster-restart: no free loopback port" >&2
  return 1
}

feed="$work/feed.ndjson"
dotnet "$bench" generate --pack "$pack" --events "$events" --malformed 0 --seed "$seed" --output "$feed" >"$work/generate.log" 2>&1 \
  || { cat "$work/generate.log" >&2; exit 1; }

transport=()
replay=()
if [[ "$via" == kafka ]]; then
  # The mock keeps 5 MB a partition: one for every 5,000 events or so, and at least six.
  partitions=$(( events / 5000 + 6 ))
  coproc KAFKA { exec dotnet "$silo" kafka mock --topics "city.events:$partitions,citybrain.incidents:4,citybrain.dead-letters:2" 2>"$work/kafka.log"; }
  kafka_pid=$KAFKA_PID
  read -r -t 30 line <&"${KAFKA[0]}" || { echo "cluster-restart: kafka mock did not start" >&2; cat "$work/kafka.log" >&2; exit 1; }
  [[ "$line" == "bootstrap: "* ]] || { echo "cluster-restart: kafka mock said '$line'" >&2; exit 1; }
  bootstrap="${line#bootstrap: }"
  say "kafka mock at $bootstrap ($partitions partitions)"
  transport=(--Kafka:Enabled=true "--Kafka:BootstrapServers=$bootstrap" "--Kafka:GroupId=citybrain-$run")
  replay=(--via kafka --kafka "$bootstrap")
else
  transport=(--Mqtt:Embedded=false "--Mqtt:Host=$mqtt_host" "--Mqtt:Port=$mqtt_port" "--Mqtt:SharedSubscriptionGroup=citybrain-$run")
  replay=(--via mqtt --mqtt-host "$mqtt_host" --mqtt-port "$mqtt_port")
fi

declare -A http silo_port gateway_port mqtt_embedded
for i in $(seq 1 "$nodes"); do
  http[$i]=$(free_port); silo_port[$i]=$(free_port); gateway_port[$i]=$(free_port); mqtt_embedded[$i]=$(free_port)
done

# The same command line every time a node starts, as a supervisor's unit file would hold it.
start_node() {
  local i=$1 node_transport=("${transport[@]}")
  # With Kafka each node still runs its own (idle) embedded MQTT broker: give it a port of its own.
  [[ "$via" == kafka ]] && node_transport+=("--Mqtt:Port=${mqtt_embedded[$i]}")
  [[ "$via" == mqtt ]] && node_transport+=("--Mqtt:ClientId=citybrain-$run-$i")
  local node_extra=("${extra[@]/\{node\}/$i}")
  dotnet "$silo" "--Pack=$pack" --Storage:Provider=PostgreSql "--Storage:ConnectionString=$postgres" \
    "--Orleans:ClusterId=citybrain-$run" "--Orleans:SiloPort=${silo_port[$i]}" "--Orleans:GatewayPort=${gateway_port[$i]}" \
    "--Http:Url=http://127.0.0.1:${http[$i]}" --Demo:Enabled=false "${node_transport[@]}" \
    --Logging:Console:FormatterName=simple --Logging:Console:FormatterOptions:UseUtcTimestamp=true "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff " \
    "${node_extra[@]}" >>"$work/node$i.log" 2>&1 &
  pids[$i]=$!
}

# Ready: the API answers and the node takes events (subscribed at the broker, or given Kafka partitions).
wait_ready() {
  local i=$1 deadline=$((SECONDS + 120)) taking
  [[ "$via" == kafka ]] && taking="Kafka partitions assigned: city" || taking="Subscribed to MQTT"
  local before=${2:-0}
  until curl -sf "http://127.0.0.1:${http[$i]}/health/ready" >/dev/null && (($(grep -c "$taking" "$work/node$i.log") > before)); do
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "cluster-restart: node $i exited while starting; see $work/node$i.log" >&2; tail -20 "$work/node$i.log" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "cluster-restart: node $i not ready within 120 s; see $work/node$i.log" >&2; exit 1; }
    sleep 0.2
  done
}

for i in $(seq 1 "$nodes"); do start_node "$i"; done
for i in $(seq 1 "$nodes"); do wait_ready "$i"; done
say "$nodes nodes ready (logs in $work); replaying $events events at $rate/s over $via"

marks="$work/marks"
: >"$marks"
expected=$(grep -o '"id":"h[0-9]*-[0-9]*"' "$feed" | sort -u | wc -l)
dotnet "$bench" watch-evidence --http "http://127.0.0.1:${http[1]}" --expected "$expected" --every-ms 250 \
  --wait-seconds $((recovery + 120)) --timeline "$work/timeline.csv" --marks "$marks" >"$work/watch.log" 2>"$work/watch.err" &
watch_pid=$!
dotnet "$bench" replay --file "$feed" "${replay[@]}" --rate "$rate" --no-sse >"$work/replay.log" 2>&1 &
replay_pid=$!

victim=$nodes
sleep "$kill_after"
kill -9 "${pids[$victim]}"
wait "${pids[$victim]}" 2>/dev/null || true
echo "kill $(now)" >>"$marks"
say "node $victim killed with kill -9"
sleep "$restart_after"
taking_before=$(grep -c "$([[ "$via" == kafka ]] && echo "Kafka partitions assigned: city" || echo "Subscribed to MQTT")" "$work/node$victim.log" || true)
restart_at="$(now)"
start_node "$victim"
echo "restart $restart_at" >>"$marks"
say "node $victim started again on the same ports"
wait_ready "$victim" "$taking_before"
echo "ready $(now)" >>"$marks"
say "node $victim ready again"

wait "$replay_pid" || { echo "cluster-restart: replay failed:" >&2; cat "$work/replay.log" >&2; exit 1; }
watch_status=0
wait "$watch_pid" || watch_status=$?

check_status=0
dotnet "$bench" check-synthetic --input "$feed" --http "http://127.0.0.1:${http[1]}" --wait-seconds 60 --settle-seconds 10 \
  --retry-seconds "$recovery" --since "$restart_at" >"$work/check.log" 2>"$work/check.err" || check_status=$?

echo
say "$nodes nodes, $via, $events events at $rate/s, node $victim killed ${kill_after} s into the replay, started again ${restart_after} s later"
grep -E '^ *(events sent|throughput):' "$work/replay.log" | sed 's/^ */  replay /' || true
echo "ingest (evidence read from node 1 every 250 ms; kill -> restart is the outage, restart -> ready the node's start):"
sed 's/^/  /' "$work/watch.log"
echo "node logs:"
for i in $(seq 1 "$nodes"); do
  subscribed=$(grep -c "Subscribed to MQTT" "$work/node$i.log" || true)
  reconnecting=$(grep -c "reconnecting" "$work/node$i.log" || true)
  unavailable=$(grep -c "SiloUnavailableException" "$work/node$i.log" || true)
  echo "  node $i: 'Subscribed to MQTT' $subscribed, 'reconnecting' $reconnecting, SiloUnavailableException $unavailable"
done
echo "check:"
grep -E '^check-synthetic:' "$work/check.log" | sed 's/^/  /'
((watch_status == 0)) || say "not every event became evidence within the watch ($((recovery + 120)) s)"
exit "$check_status"
