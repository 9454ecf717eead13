#!/usr/bin/env bash
# The embedded Kafka beside command jobs, outside the normal suite. Phase 1 runs one server (SQLite, embedded mock
# cluster) with 20 command jobs a second, a kafkaPublish job every second and a job triggered by each of its messages,
# for the given minutes, then stops it with SIGTERM. Phase 2 starts and SIGTERMs the same server N times. A shutdown is
# clean when the process exits 0 within 15 s. One JSON line per progress step and per phase.
#   bench/embedded-kafka-soak.sh [minutes=60] [cycles=100]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes="${1:-60}"; cycles="${2:-100}"
[[ "$minutes" =~ ^[0-9]+$ && "$cycles" =~ ^[0-9]+$ ]] || { echo "usage: $0 [minutes=60] [cycles=100] (whole numbers)" >&2; exit 2; }
work="$(mktemp -d /tmp/kairos-soak.XXXXXX)"
server_pid=""
trap '[[ -n "$server_pid" ]] && kill -KILL "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet build "$root/src/Kairos.Server/Kairos.Server.csproj" -c Release -o "$work/server" -v quiet -nologo >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 2; }

mkdir -p "$work/jobs"
for i in $(seq -w 1 20); do
  printf 'id: soak-cmd-%s\nschedule:\n  cron: "* * * * * *"\naction:\n  command:\n    argv: [/bin/true]\ntimeout: 10s\n' "$i" >"$work/jobs/soak-cmd-$i.yaml"
done
printf 'id: soak-publish\nschedule:\n  cron: "* * * * * *"\naction:\n  kafkaPublish:\n    topic: soak.events\n    template: "{{item}} {{slotTime}}"\n    over: [a, b]\ntimeout: 10s\n' >"$work/jobs/soak-publish.yaml"
printf 'id: soak-triggered\ntrigger:\n  topic: soak.events\naction:\n  command:\n    argv: [/bin/true]\ntimeout: 10s\n' >"$work/jobs/soak-triggered.yaml"
echo '{ "Kairos": { "Kafka": { "EmbeddedTopics": [ "soak.events:2" ] } } }' >"$work/kairos.json"

start_server() { # $1: data folder, $2: log file
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  dotnet "$work/server/Kairos.Server.dll" --jobs "$work/jobs" --data "$1" --config "$work/kairos.json" \
    --url "http://127.0.0.1:$port" >"$2" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    grep -q "Now listening" "$2" && grep -q "EMBEDDED KAFKA" "$2" && return 0
    kill -0 "$server_pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

stop_server() { # sets code and secs; code 124 when it outlived 15 s (then it is killed). Runs in this shell: only it can wait.
  local t0 waited=0; t0=$(date +%s.%N); code=0
  kill -TERM "$server_pid" 2>/dev/null || true
  while kill -0 "$server_pid" 2>/dev/null && ((waited < 150)); do sleep 0.1; waited=$((waited + 1)); done
  if kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid"; wait "$server_pid" 2>/dev/null || true; code=124
  else wait "$server_pid" || code=$?; fi
  server_pid=""
  secs=$(python3 -c "print(round($(date +%s.%N) - $t0, 2))")
}

count() { sqlite3 -cmd ".timeout 5000" "file:$1?mode=ro" "$2" 2>/dev/null || echo null; }

# Phase 1: the soak.
mkdir -p "$work/soak"
start_server "$work/soak" "$work/soak.log" || { tail -50 "$work/soak.log" >&2; echo '{"phase":"soak","error":"server did not start"}'; exit 1; }
db="$work/soak/kairos.db"
begin=$(date +%s)
while (( $(date +%s) - begin < minutes * 60 )); do
  sleep $(( minutes * 60 - ($(date +%s) - begin) < 60 ? minutes * 60 - ($(date +%s) - begin) : 60 ))
  alive=true; kill -0 "$server_pid" 2>/dev/null || alive=false
  printf '{"phase":"soak","elapsed_s":%d,"alive":%s,"command_runs_ok":%s,"publish_runs_ok":%s,"publish_runs_failed":%s,"triggered_runs":%s,"mock_poll_errors":%d}\n' \
    $(( $(date +%s) - begin )) "$alive" \
    "$(count "$db" "select count(*) from runs where job_id like 'soak-cmd-%' and state='succeeded'")" \
    "$(count "$db" "select count(*) from runs where job_id='soak-publish' and state='succeeded'")" \
    "$(count "$db" "select count(*) from runs where job_id='soak-publish' and state='failed'")" \
    "$(count "$db" "select count(*) from runs where job_id='soak-triggered'")" \
    "$(grep -c -E 'failed to poll|Interrupted system call' "$work/soak.log" || true)"
  [[ "$alive" == true ]] || break
done
stop_server
segv=$(grep -c -i "segmentation\|SIGSEGV" "$work/soak.log" || true)
printf '{"phase":"soak-end","minutes":%d,"exit_code":%d,"stop_s":%s,"clean":%s,"segfaults":%d,"mock_poll_errors":%d}\n' \
  "$minutes" "$code" "$secs" "$([[ $code == 0 ]] && echo true || echo false)" "$segv" "$(grep -c -E 'failed to poll|Interrupted system call' "$work/soak.log" || true)"
[[ $code == 0 ]] || tail -30 "$work/soak.log" >&2

# Phase 2: start/SIGTERM cycles, each with a few seconds of jobs running.
clean=0; slowest=0
for n in $(seq 1 "$cycles"); do
  rm -rf "$work/cycle"; mkdir -p "$work/cycle"
  if ! start_server "$work/cycle" "$work/cycle.log"; then
    echo "{\"phase\":\"cycle\",\"n\":$n,\"error\":\"server did not start\"}"; [[ -n "$server_pid" ]] && stop_server; continue
  fi
  sleep 3
  stop_server
  slowest=$(python3 -c "print(max($slowest, $secs))")
  if [[ $code == 0 ]]; then clean=$((clean + 1))
  else echo "{\"phase\":\"cycle\",\"n\":$n,\"exit_code\":$code,\"stop_s\":$secs}"; tail -20 "$work/cycle.log" >&2; fi
done
printf '{"phase":"cycles","cycles":%d,"clean":%d,"slowest_stop_s":%s}\n' "$cycles" "$clean" "$slowest"
