#!/usr/bin/env bash
# Starts the built server the way `npm start` does with no configuration (embedded PostgreSQL in a
# fresh data folder), answers one GraphQL query and stops it with SIGTERM; then starts it again on the
# same data and stops it the way a terminal's Ctrl-C does (SIGINT to its whole process group). Each
# time it checks the server exited cleanly, logged no error, and the embedded PostgreSQL stopped too.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d /tmp/dure-smoke.XXXXXX)
chmod 755 "$data_dir"
port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
log="$data_dir/server.log"
# The node flags of `npm start` (its memory budget).
read -r -a start_flags <<<"$(node -p "require('./package.json').scripts.start.split(/\\s+/).filter((arg) => arg.startsWith('--')).join(' ')")"
pid=
cleanup() { if [ -n "$pid" ]; then kill -- -"$pid" 2>/dev/null || true; fi; rm -rf "$data_dir"; }
trap cleanup EXIT

fail() { cat "$log"; echo "smoke: $1"; exit 1; }

# In a process group of its own (setsid), as a terminal runs a command: its pid is the group's id.
# Jobs are polled often, so a stop that races a job poll shows.
start_server() {
  env -u DATABASE_URL DURE_DATA_DIR="$data_dir" PORT="$port" DURE_JOB_POLL_INTERVAL_MS=50 \
    setsid node "${start_flags[@]}" dist/apps/api/src/main.js >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && return
    kill -0 "$pid" 2>/dev/null || fail "server exited during start-up"
    sleep 0.5
  done
  fail "server not ready"
}

# Sends `signal` to `target` (a pid, or -pgid for a whole group) and checks the shutdown.
stop_server() {
  local signal=$1 target=$2
  kill "-$signal" -- "$target"
  wait "$pid" || fail "server did not exit cleanly after $signal"
  pid=
  # pino's error (50) and fatal (60) levels, and PostgreSQL's own ERROR/FATAL lines.
  if grep -Eq '"level":(50|60)|(ERROR|FATAL): ' "$log"; then fail "an error was logged while stopping with $signal"; fi
  if pgrep -f "$data_dir/pgdata" >/dev/null; then fail "embedded PostgreSQL still running after $signal"; fi
}

start_server
answer=$(curl -fs "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  -d '{"query":"mutation { logIn(input: {email: \"buyer@dure.local\", password: \"dure-buyer-demo\"}) { user { name } } }"}')
echo "smoke: $answer"
echo "$answer" | grep -q '"name":"김구매"' || fail "unexpected answer"
stop_server TERM "$pid"

# Ctrl-C while clients keep the server and the database busy (eight at a time, on keep-alive
# connections): the server must stop taking requests and finish the ones under way before PostgreSQL stops.
start_server
node -e '
  const body = JSON.stringify({ query: "{ listings(first: 20) { nodes { title } } }" });
  const headers = { "content-type": "application/json", "cache-control": "no-cache" };
  const client = async () => { for (;;) await fetch(process.argv[1], { method: "POST", headers, body }).then((res) => res.text()); };
  Promise.all(Array.from({ length: 8 }, client)).catch(() => undefined);
' "http://127.0.0.1:$port/graphql" &
clients=$!
sleep 1
stop_server INT -"$pid"
wait "$clients" || true
echo "smoke: embedded start, query, SIGTERM and terminal Ctrl-C shutdown OK"
