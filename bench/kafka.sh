#!/usr/bin/env bash
# Kafka figures, one JSON line each, on librdkafka's mock cluster over loopback TCP: publish throughput (bare
# Confluent.Kafka beside Kairos's kafka-publish), pacing accuracy (busiest one-second window against the configured
# rate), consumer throughput (bare Confluent.Kafka beside Kairos's consumer with its inbox on SQLite and PostgreSQL),
# and end-to-end latency through the partner relay (a bare consume/HTTP/produce loop beside Kairos's relay).
#   bench/kafka.sh [messages=20000] [paced-rate=200]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
dotnet build "$root/bench/Kairos.Bench" -c Release -v quiet -nologo >&2
exec dotnet "$root/bench/Kairos.Bench/bin/Release/net10.0/Kairos.Bench.dll" kafka "$@"
