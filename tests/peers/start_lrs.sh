#!/usr/bin/env bash
# tests/peers/start_lrs.sh PORT DIR [USER] [PASSWORD]: starts ralph-malph's
# xAPI learning record store (file-system backend, patched by
# serve_ralph_fs.py) on 127.0.0.1:PORT for trying `rehearse push` by hand.
# Statements and auth.json live in DIR; the pid is written to DIR/lrs.pid
# (stop it with: kill -TERM "$(cat DIR/lrs.pid)"). The venv comes from
# tests/peers/setup.sh. The integration tests start the store themselves.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=$("$here/setup.sh")
py=$venv/lrs/bin/python
port=$1; dir=$(mkdir -p "$2" && cd "$2" && pwd); user=${3:-rehearse}; pw=${4:-s3cret}
"$py" "$here/make_auth.py" "$dir/auth.json" "$user" "$pw"
nohup "$py" "$here/serve_ralph_fs.py" "$port" "$dir/store" "$dir/auth.json" >"$dir/lrs.log" 2>&1 &
echo $! > "$dir/lrs.pid"
for _ in $(seq 100); do
  if "$py" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/__heartbeat__', timeout=1)" 2>/dev/null; then
    echo "LRS up: http://127.0.0.1:$port/xAPI/ (user $user) pid $(cat "$dir/lrs.pid")"
    exit 0
  fi
  sleep 0.2
done
echo "LRS failed to start"; cat "$dir/lrs.log"; exit 1
