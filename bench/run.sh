#!/usr/bin/env bash
# Prints one JSON line per scenario: Kairos on SQLite and PostgreSQL, Quartz.NET 4.7.3 (RAMJobStore and AdoJobStore on
# the same PostgreSQL) under 1,000 and 10,000 jobs due every second, and command start latency.
#   bench/run.sh [--seconds 30] [--jobs 1000,10000] [--only kairos-sqlite,quartz-memory,...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
dotnet build "$root/bench/Kairos.Bench" -c Release -v quiet -nologo >&2
exec dotnet "$root/bench/Kairos.Bench/bin/Release/net10.0/Kairos.Bench.dll" "$@"
