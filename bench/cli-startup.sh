#!/usr/bin/env bash
# CLI start-up, one JSON line per command and build: wall time from starting the process to its exit, for the native
# (NativeAOT) kairos, for the JIT build (`dotnet kairos.dll`), and for ./kairos (the script: its up-to-date check, then
# the native binary), on commands that need no server: a calendar question from the built-in calendars, --help, and
# validate of a small folder (the example job files).
#   bench/cli-startup.sh [--runs 30]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=30
while (($#)); do case "$1" in --runs) runs="$2"; shift 2;; *) echo "unknown option $1" >&2; exit 2;; esac; done

# The native binary is the one ./kairos builds and runs (it rebuilds only when a source changed).
"$root/kairos" --help >/dev/null
native="$root/.cache/cli-native/kairos"
[[ -x "$native" && -f "$root/.cache/cli-native/.built" ]] || { echo "bench: ./kairos did not build the native CLI (see its notice above)" >&2; exit 2; }
dotnet build "$root/src/Kairos.Cli" -c Release -o "$root/.cache/bench-cli-jit" -v quiet -nologo >&2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/jobs" && cp "$root"/examples/*.yaml "$work/jobs/"

echo "bench: $runs runs of each command, the builds taking turns..." >&2
python3 - "$runs" "$native" "$root/.cache/bench-cli-jit/kairos.dll" "$work/jobs" "$root/kairos" <<'PY'
import json, math, os, statistics, subprocess, sys, time

runs, native, jit_dll, jobs, script = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
commands = {
    "cal is-business-day KR-BANK 2026-12-01 --local": ["cal", "is-business-day", "KR-BANK", "2026-12-01", "--local"],
    "--help": ["--help"],
    "validate <folder of the 9 example job files>": ["validate", jobs],
}
builds = {"native": [native], "jit": ["dotnet", jit_dll], "./kairos": [script]}
env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1")

def once(argv):
    start = time.perf_counter_ns()
    code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).returncode
    return (time.perf_counter_ns() - start) / 1e6, code

for name, args in commands.items():
    times = {build: [] for build in builds}
    for build, prefix in builds.items():  # warm the page cache; not counted
        once(prefix + args)
    # Rotating turns keep a change in the shared machine's load from favouring one build.
    order = list(builds.items())
    for i in range(runs):
        for build, prefix in order[i % len(order):] + order[:i % len(order)]:
            ms, code = once(prefix + args)
            if code != 0:
                sys.exit(f"bench: {build} kairos {name} exited {code}")
            times[build].append(ms)
    for build, t in times.items():
        t.sort()
        print(json.dumps({"scenario": "cli-startup", "command": name, "build": build, "runs": runs,
                          "median_ms": round(statistics.median(t), 1), "p90_ms": round(t[math.ceil(0.9 * runs) - 1], 1),
                          "min_ms": round(t[0], 1), "max_ms": round(t[-1], 1),
                          "load_average_1m": round(os.getloadavg()[0], 1)}), flush=True)
PY
