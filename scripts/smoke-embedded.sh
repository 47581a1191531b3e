#!/usr/bin/env bash
# Starts the built server the way `npm start` does with no configuration (embedded PostgreSQL in a
# fresh data folder), answers one GraphQL query, stops it with SIGTERM and checks it shut down cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d /tmp/dure-smoke.XXXXXX)
chmod 755 "$data_dir"
port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
log="$data_dir/server.log"
# The node flags of `npm start` (its memory budget).
read -r -a start_flags <<<"$(node -p "require('./package.json').scripts.start.split(/\\s+/).filter((arg) => arg.startsWith('--')).join(' ')")"
env -u DATABASE_URL DURE_DATA_DIR="$data_dir" PORT="$port" node "${start_flags[@]}" dist/apps/api/src/main.js >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; rm -rf "$data_dir"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "smoke: server exited during start-up"; exit 1; }
  sleep 0.5
done
answer=$(curl -fs "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  -d '{"query":"mutation { logIn(input: {email: \"buyer@dure.local\", password: \"dure-buyer-demo\"}) { user { name } } }"}')
echo "smoke: $answer"
echo "$answer" | grep -q '"name":"김구매"' || { cat "$log"; echo "smoke: unexpected answer"; exit 1; }
kill -TERM "$pid"
wait "$pid" || { cat "$log"; echo "smoke: server did not exit cleanly"; exit 1; }
if pgrep -f "$data_dir/pgdata" >/dev/null; then echo "smoke: embedded PostgreSQL still running"; exit 1; fi
echo "smoke: embedded start, query and shutdown OK"
