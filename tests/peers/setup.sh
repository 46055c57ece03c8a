#!/usr/bin/env bash
# tests/peers/setup.sh [DIR]: creates the Python venvs the accreditation tests
# run against (default DIR: target/peers at the repository root), from PyPI:
#   DIR/lrs  ralph-malph[cli,lrs]==5.1.0 (a real xAPI learning record store)
#   DIR/ob3  openbadgeslib[ldp]==4.6.3 (independent OB 3.0 verifier) + jsonschema
# Idempotent: a venv whose requirements did not change is kept (stamp file).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${1:-${REHEARSE_PEERS_DIR:-$root/target/peers}}
mkdir -p "$dir"
# One set-up at a time (parallel test runs share the venvs).
exec 9>"$dir/.setup.lock"
command -v flock >/dev/null && flock 9
py=${PYTHON:-python3}
if ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  else
    echo "python3 with the venv module is needed (Debian/Ubuntu: sudo apt-get install python3-venv)" >&2
    exit 1
  fi
fi
for name in lrs ob3; do
  req="$here/requirements-$name.txt"
  venv="$dir/$name"
  stamp="$venv/.requirements"
  if [ -x "$venv/bin/python" ] && cmp -s "$req" "$stamp"; then continue; fi
  rm -rf "$venv"
  "$py" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
  cp "$req" "$stamp"
done
echo "$dir"
