#!/usr/bin/env bash
# Chains of jobs for one business date: C chains of S noop steps, each step after the one before it, on one Kairos node
# over PostgreSQL (every run persisted), then the same chains with Quartz.NET's JobChainingJobListener in memory.
# Prints one JSON line each: upstream success -> downstream start p50/p99/max, total time, duplicates.
#   bench/chains.sh [CHAINS=1000] [STEPS=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
dotnet build "$root/bench/Kairos.Bench" -c Release -v quiet -nologo >&2
exec dotnet "$root/bench/Kairos.Bench/bin/Release/net10.0/Kairos.Bench.dll" chains "${1:-1000}" "${2:-10}"
