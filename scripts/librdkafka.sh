#!/usr/bin/env bash
# Builds librdkafka (the native library under Confluent.Kafka) from Debian's source package and caches it in
# .cache/librdkafka/. Debian bookworm's own librdkafka1 (2.0.2) lacks symbols the consumer needs, and trixie's binary
# package needs a newer glibc, so the trixie *source* package is built here. The apt lists for it live in the cache
# folder: nothing is added to the machine's own apt sources. Prints the path of the built library.
# Reuses the cache when present; KAIROS_LIBRDKAFKA=/path/librdkafka.so.1 skips all of this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$root/.cache/librdkafka"
lib="$cache/librdkafka.so.1"
if [[ -n "${KAIROS_LIBRDKAFKA:-}" ]]; then echo "$KAIROS_LIBRDKAFKA"; exit 0; fi
if [[ -f "$lib" ]]; then echo "$lib"; exit 0; fi

say() { echo "librdkafka: $*" >&2; }
sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
mkdir -p "$cache/apt/lists/partial" "$cache/src"

say "installing build tools (dpkg-dev, libssl-dev, zlib1g-dev, libzstd-dev, liblz4-dev)..."
need=()
for p in dpkg-dev libssl-dev zlib1g-dev libzstd-dev liblz4-dev make gcc; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

say "fetching Debian's librdkafka source package (trixie)..."
cat > "$cache/apt/sources.list" <<LIST
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
LIST
apt_opts=(-o "Dir::Etc::SourceList=$cache/apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$cache/apt/lists" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
apt-get "${apt_opts[@]}" update -qq >&2
(cd "$cache/src" && rm -rf ./* && apt-get "${apt_opts[@]}" source --download-only librdkafka >&2 && dpkg-source -x --no-check ./librdkafka_*.dsc build >&2)

say "building (about a minute on two cores)..."
(cd "$cache/src/build" && ./configure --disable-curl --disable-sasl --disable-gssapi >"$cache/configure.log" 2>&1 \
  && make -j"$(nproc)" libs >"$cache/make.log" 2>&1) || { say "build failed; see $cache/configure.log and $cache/make.log"; exit 1; }
cp "$cache/src/build/src/librdkafka.so.1" "$lib.tmp" && mv "$lib.tmp" "$lib"
rm -rf "$cache/src"
say "built $lib"
echo "$lib"
