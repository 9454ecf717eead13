#!/usr/bin/env bash
# Calendar benchmarks, one JSON line each:
#  1. is-business-day and add-business-days per second on one thread, Kairos beside a HashSet-and-weekend calendar;
#  2. the is-business-day HTTP endpoint under wrk on loopback (random dates 1990-2050 on KR, KR-BANK and KRX):
#     requests per second and latency percentiles, with the server on SQLite as `./kairos up` runs it.
#   bench/calendars.sh [--seconds 15] [--connections 64]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=15; connections=64
while (($#)); do case "$1" in --seconds) seconds="$2"; shift 2;; --connections) connections="$2"; shift 2;; *) echo "unknown option $1" >&2; exit 2;; esac; done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet build "$root/bench/Kairos.Bench" -c Release -v quiet -nologo >&2
echo "bench: calendar operations on one thread..." >&2
dotnet "$root/bench/Kairos.Bench/bin/Release/net10.0/Kairos.Bench.dll" calendar-ops 3

dotnet build "$root/src/Kairos.Server" -c Release -o "$root/.cache/bench-server" -v quiet -nologo >&2
work="$(mktemp -d)"; mkdir -p "$work/jobs"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet "$root/.cache/bench-server/Kairos.Server.dll" --url "http://127.0.0.1:$port" --jobs "$work/jobs" --data "$work" >"$work/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null && break; sleep 0.2; done

cat >"$work/dates.lua" <<'LUA'
math.randomseed(7)
local calendars = { "KR", "KR-BANK", "KRX" }
request = function()
  local day = os.time({ year = 1990, month = 1, day = 1 }) + math.random(0, 61 * 365) * 86400
  return wrk.format("GET", "/api/calendars/" .. calendars[math.random(1, 3)] .. "/is-business-day/" .. os.date("!%Y-%m-%d", day))
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f %.3f %d\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000, summary.bytes))
end
LUA
echo "bench: warming the endpoint up..." >&2
wrk -t2 -c"$connections" -d3s -s "$work/dates.lua" "http://127.0.0.1:$port" >/dev/null
echo "bench: wrk, $connections connections, ${seconds}s..." >&2
out=$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$work/dates.lua" "http://127.0.0.1:$port")
read -r _ requests duration errors p50 p99 p999 max bytes <<<"$(grep '^RESULT' <<<"$out")"
rss=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
python3 - "$requests" "$duration" "$errors" "$p50" "$p99" "$p999" "$max" "$connections" "$rss" <<'PY'
import json, sys
r, d, e, p50, p99, p999, mx, c, rss = sys.argv[1:]
print(json.dumps({"scenario": "calendar-http", "endpoint": "GET /api/calendars/{id}/is-business-day/{date}", "tool": "wrk -t2",
  "connections": int(c), "requests": int(r), "errors": int(e), "requests_per_second": round(int(r) / (int(d) / 1e6)),
  "latency_ms": {"p50": float(p50), "p99": float(p99), "p999": float(p999), "max": float(mx)}, "server_peak_rss_mb": round(int(rss) / 1024)}))
PY
