#!/bin/sh
# Debian/Ubuntu packages the build and tests need. Installs them when run as root on
# Debian/Ubuntu; otherwise prints the exact command to run and stops.
set -eu
PKGS="fonts-noto-core fontconfig poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 chromium"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
else
  echo "system-deps: not a Debian/Ubuntu system; install the equivalents of:$PKGS" >&2
  exit 0
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
else
  echo "system-deps: missing Debian packages:$missing" >&2
  echo "Run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
