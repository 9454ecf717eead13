#!/usr/bin/env bash
# The chaos test, longer: servers on PostgreSQL (three) and on one SQLite file (two) are killed with SIGKILL at random
# and started again while command jobs append a line per execution; PostgreSQL itself is taken away once, half-way.
# Prints one JSON line per store: kills, slots, executions, and the counts that must be zero (double executions, slots
# without a record, runs recorded failed whose command completed, processes left behind), and the longest pause.
#   bench/chaos.sh [seconds (600)] [jobs (20)] [postgres outage seconds (15)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
seconds="${1:-600}" jobs="${2:-20}" outage="${3:-15}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
echo "chaos: building..." >&2
dotnet build tests/Kairos.EndToEnd.Tests -c Release -v quiet -nologo >&2
echo "chaos: ${seconds}s per store, ${jobs} command jobs each second, PostgreSQL away for ${outage}s half-way..." >&2
KAIROS_CHAOS_SECONDS="$seconds" KAIROS_CHAOS_JOBS="$jobs" KAIROS_CHAOS_POSTGRES_OUTAGE_SECONDS="$outage" KAIROS_CHAOS_REPORT="$report" \
  dotnet test tests/Kairos.EndToEnd.Tests -c Release --no-build -v quiet -nologo --filter "FullyQualifiedName~Chaos.ChaosTests" \
  --logger "console;verbosity=minimal" >&2 || status=$?
cat "$report"
exit "${status:-0}"
