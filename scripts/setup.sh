#!/usr/bin/env bash
# Set up a checkout: Debian packages (when missing and allowed), .venv, the package, catalogs.
# Usage: scripts/setup.sh run|test
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-run}
APT=${APT:-auto}; APT=${APT// /}
PYTHON=${PYTHON:-python3}

# pyscard builds from source (swig, libpcsclite-dev); pcscd talks to readers; PDFs need a CJK TrueType font.
packages=(swig libpcsclite-dev pcscd fonts-wqy-microhei)
# The tests also read PDFs back (poppler), drive Chromium, and emulate a card through vpcd.
[[ $purpose == test ]] && packages+=(poppler-utils chromium vsmartcard-vpcd)

missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  if [[ $APT == no ]]; then
    echo "missing Debian packages: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo -n"
  echo "installing Debian packages: ${missing[*]}"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "could not install: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install -y ${missing[*]}  (or run make with APT=no to only check)" >&2
    exit 1
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "Python 3.11 or newer is needed; found $("$PYTHON" --version)" >&2; exit 1; }
  "$PYTHON" -m venv .venv || { echo "could not create .venv: sudo apt-get install -y python3-venv" >&2; exit 1; }
fi
# Reinstall only when the project's metadata changed.
stamp=.venv/.canteen-installed
if [[ ! -f $stamp || pyproject.toml -nt $stamp ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
.venv/bin/pybabel compile -d pos/translations
