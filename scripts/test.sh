#!/usr/bin/env bash
# Runs every test. Installs what the tests need on a fresh machine first, from Debian's packages: PostgreSQL (the
# tests start their own server on a loopback port in a temporary folder and stop it afterwards), Chromium for the
# console's browser tests (driven by Playwright with the system browser; nothing is downloaded), and a CJK font so
# the screenshots in artifacts/screenshots show Korean. Kafka tests run on librdkafka's mock cluster (a real
# Kafka-protocol broker on loopback) from the librdkafka.redist package. Single sign-on tests run a real OpenID Connect
# provider (oidc-provider under Node.js, tests/oidc-provider) on loopback, and the served OpenAPI description is linted by
# Redocly's CLI (tests/openapi-lint); npm installs both from their lock files. promtool (Debian's prometheus package)
# checks the metrics exposition.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need_apt=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
[[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null || need_apt+=(fonts-noto-cjk)
command -v cc >/dev/null || need_apt+=(gcc)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
command -v promtool >/dev/null || need_apt+=(prometheus)
if ((${#need_apt[@]})); then
  echo "test: installing ${need_apt[*]} (Debian packages)..."
  sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "test: installing the test OpenID provider and the OpenAPI linter..."
for folder in tests/oidc-provider tests/openapi-lint; do
  (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
done

echo "test: building..."
dotnet build Kairos.slnx -c Release -v quiet -nologo
echo "test: running the test suite..."
mkdir -p artifacts
set +e
dotnet test Kairos.slnx -c Release --no-build -v quiet -nologo --logger "console;verbosity=minimal" \
  --results-directory artifacts/test-results "$@" 2>&1 | tee artifacts/test-output.txt
status=${PIPESTATUS[0]}
set -e
# One closing line over every test project.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' artifacts/test-output.txt
exit "$status"
