#!/usr/bin/env bash
# Publishing through kill -9, outside the normal suite. Server A hosts the embedded Kafka and a "latest" consumer
# with its own inbox (the partner's side). Server B publishes 100 messages at 20/s to A's Kafka and is killed with
# SIGKILL once A's inbox holds 50; restarted with the same node id, it records the run as interrupted and retries it.
# Prints what A's inbox saw: each of the 100 should be processed once.
#   bench/publish-kill-rerun.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
w="$(mktemp -d /tmp/kairos-kill9.XXXXXX)"; mkdir -p "$w/a" "$w/b" "$w/jobs-a" "$w/jobs-b"
srv="$w/server"; a=""; b=""
trap '[[ -n "$a" ]] && kill -KILL "$a" 2>/dev/null; [[ -n "$b" ]] && kill -KILL "$b" 2>/dev/null; rm -rf "$w"' EXIT
dotnet build "$root/src/Kairos.Server/Kairos.Server.csproj" -c Release -o "$srv" -v quiet -nologo >/dev/null
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cat > "$w/a.json" <<J
{ "Kairos": { "Kafka": { "EmbeddedTopics": [ "pub.requests:2" ] },
  "Consumers": { "partner-inbox": { "Topic": "pub.requests", "Handler": "latest", "Scaling": { "MinReplicas": 1, "MaxReplicas": 1 } } },
  "Supervisor": { "Interval": "00:00:01" } } }
J
dotnet $srv/Kairos.Server.dll --jobs "$w/jobs-a" --data "$w/a" --config "$w/a.json" --url "http://127.0.0.1:$(port)" >"$w/a.log" 2>&1 &
a=$!
until grep -qs "mock cluster at" "$w/a.log"; do sleep 0.5; done
boot=$(grep -o "mock cluster at [0-9.:]*" "$w/a.log" | head -1 | awk '{print $4}' | sed 's/\.$//')
echo "embedded Kafka of server A: $boot"
until sqlite3 "$w/a/kairos.db" "select 1" >/dev/null 2>&1 && grep -q "joining group partner-inbox" "$w/a.log"; do sleep 0.5; done
at=$(date -u -d "+25 seconds" +"%S %M %H")
read -r S M H <<<"$at"
cat > "$w/jobs-b/pub100.yaml" <<J
id: pub100
schedule: { cron: "$((10#$S)) $((10#$M)) $((10#$H)) * * *", timeZone: UTC }
action:
  kafkaPublish:
    topic: pub.requests
    partner: bank
    key: "{{item}}"
    template: "request {{item}}"
    over: [$(seq -s, 1 100)]
timeout: 2m
retries: { count: 2, backoff: 1s }
J
echo "{ \"Kairos\": { \"Kafka\": { \"BootstrapServers\": \"$boot\", \"Partners\": { \"bank\": { \"Rate\": 20, \"MaxInFlight\": 5 } } } } }" > "$w/b.json"
startb() { dotnet $srv/Kairos.Server.dll --jobs "$w/jobs-b" --data "$w/b" --config "$w/b.json" --node pub-node --url "http://127.0.0.1:$(port)" >>"$w/b.log" 2>&1 & b=$!; }
startb
inbox() { sqlite3 -cmd ".timeout 3000" "$w/a/kairos.db" "select count(*) from inbox where consumer='partner-inbox'" 2>/dev/null || echo 0; }
until (( $(inbox) >= 50 )); do sleep 0.05; done
kill -9 $b; wait $b 2>/dev/null || true
echo "kill -9 of server B with $(inbox) messages in A's inbox; B's ledger: $(sqlite3 "$w/b/kairos.db" "select count(*) from inbox where consumer='kairos-publish-pub100'")"
sleep 1
startb
for i in $(seq 1 60); do sleep 1; s=$(sqlite3 "$w/b/kairos.db" "select group_concat(state||':'||attempt) from runs where job_id='pub100'"); [[ $s == *succeeded* ]] && break; done
echo "B's run after restart: $s"
sqlite3 "$w/b/kairos.db" "select detail from runs where job_id='pub100'"
sleep 3
echo "A's inbox: $(inbox) distinct; latest values with updates>1: $(sqlite3 "$w/a/kairos.db" "select count(*) from latest_values where updates > 1" 2>/dev/null || echo ?)"
kill -TERM $b; wait $b || true; b=""
kill -TERM $a; wait $a || true; a=""
grep -o "Worker [0-9]* of consumer partner-inbox stopped: .*" "$w/a.log" | tail -3
grep -i "restarted while\|publishing\|delivered" "$w/b.log" | tail -5
