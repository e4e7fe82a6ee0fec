#!/usr/bin/env bash
# The one command that runs every test: installs the real peers the tests start, builds, runs unit and
# integration tests (Netty leak detection at PARANOID), then a short run of every fuzz target.
# Usage: bash scripts/test.sh        (as root on Debian it installs what is missing; elsewhere it tells you)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Debian packages the tests start as real peers. Each test also fails loudly, naming this command, when its
# peer is missing.
packages=(maven coturn sslsplit squid-openssl mitmproxy nginx-light haproxy openssl iproute2 iptables python3 tshark tcpdump prometheus chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "test.sh: missing packages: ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

./mvnw -B install

# Short fuzzing: every @FuzzTest target for a few seconds each (long runs: scripts/fuzz.sh --long).
bash scripts/fuzz.sh --short

# One closing line over everything that ran (unit, integration), for people and CI logs alike.
python3 - <<'PY' || true
import glob, xml.etree.ElementTree as ET
t = f = e = s = 0
for path in glob.glob('*/target/surefire-reports/TEST-*.xml') + glob.glob('*/target/failsafe-reports/TEST-*.xml'):
    r = ET.parse(path).getroot()
    t += int(r.get('tests', 0)); f += int(r.get('failures', 0)); e += int(r.get('errors', 0)); s += int(r.get('skipped', 0))
print(f"tests: {t - f - e - s} passed, {f + e} failed, {s} skipped")
PY
