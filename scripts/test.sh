#!/usr/bin/env bash
# Runs every CityBrain test: installs what the tests need from Debian packages (mosquitto, PostgreSQL 15, kcat),
# starts them on loopback ports with throwaway directories, builds, runs unit, integration and end-to-end
# tests, stops what it started, and ends with one line: "tests: N passed, N failed[, N skipped]".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
configuration="${CONFIGURATION:-Release}"
work="$(mktemp -d -t citybrain-test-XXXXXX)"
mosquitto_pid=""
pg_bin=/usr/lib/postgresql/15/bin
pg_data=""

cleanup() {
  if [[ -n "$mosquitto_pid" ]] && kill -0 "$mosquitto_pid" 2>/dev/null; then
    kill "$mosquitto_pid" 2>/dev/null || true
    wait "$mosquitto_pid" 2>/dev/null || true
  fi
  if [[ -n "$pg_data" && -f "$pg_data/postmaster.pid" ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

need_packages=()
command -v mosquitto >/dev/null 2>&1 || [[ -x /usr/sbin/mosquitto ]] || need_packages+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need_packages+=(mosquitto-clients)
[[ -x "$pg_bin/postgres" ]] || need_packages+=(postgresql-15)
command -v kcat >/dev/null 2>&1 || need_packages+=(kcat)
if ((${#need_packages[@]})); then
  if [[ "$(id -u)" != "0" ]]; then
    echo "test.sh: missing Debian packages ${need_packages[*]}; run as root or install them" >&2
    exit 1
  fi
  echo "test.sh: installing ${need_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi
# The Debian package starts a cluster of its own on port 5432 when it is installed; the tests use their own.
mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Ports below the kernel's ephemeral range: one inside it can be the local end of an outgoing connection, which
# a connect probe does not see but which makes the server's bind fail.
ephemeral_low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    if port_is_free "$port"; then echo "$port"; return 0; fi
  done
  echo "test.sh: no free loopback port found" >&2
  return 1
}

mosquitto_port="$(free_port)"
# The queue settings a cluster needs come from the file the docs give users, so the tests run what they run.
{
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$mosquitto_port"
  cat "$root/deploy/mosquitto/citybrain.conf"
} >"$work/mosquitto.conf"
"$mosquitto_bin" -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
mosquitto_pid=$!
for _ in $(seq 1 50); do
  port_is_free "$mosquitto_port" || break
  sleep 0.1
done
if port_is_free "$mosquitto_port"; then
  echo "test.sh: mosquitto did not start on port $mosquitto_port:" >&2
  cat "$work/mosquitto.log" >&2
  exit 1
fi
export CITYBRAIN_TEST_MOSQUITTO_PORT="$mosquitto_port"
echo "test.sh: mosquitto listening on 127.0.0.1:$mosquitto_port"

# PostgreSQL refuses to run as root: the throwaway cluster belongs to the postgres user the package created.
as_postgres() { if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_port="$(free_port)"
pg_data="$work/pgdata"
mkdir -p "$pg_data"
[[ "$(id -u)" == "0" ]] && chown postgres "$work" "$pg_data"
as_postgres "$pg_bin/initdb" -D "$pg_data" -A trust -U citybrain -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -w -l "$work/postgres.log" \
  -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null \
  || { cat "$work/postgres.log" >&2; exit 1; }
export CITYBRAIN_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=citybrain;Database=postgres"
echo "test.sh: PostgreSQL listening on 127.0.0.1:$pg_port"

dotnet build CityBrain.sln -c "$configuration" -nologo -v quiet

# One project at a time (two cores; the end-to-end tests start real hosts), each with its own result file.
status=0
for project in tests/*Tests/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c "$configuration" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$work/results" || status=$?
done

passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$work"/results/*.trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total="$(attr total)"; executed="$(attr executed)"
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  skipped=$((skipped + total - executed))
done
if ((status != 0 && failed == 0)); then failed=1; fi

summary="tests: $passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
exit "$status"
