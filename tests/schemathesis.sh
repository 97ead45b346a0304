#!/usr/bin/env bash
# Fuzzes the live API against its own OpenAPI document with schemathesis (from PyPI, installed
# into target/schemathesis on first use): every answer must be no 5xx and have a documented
# status, content type and body schema. Runs `serve` on the shipped problems with a
# redis-server of its own and no worker (submissions are only queued, so no sandbox image is
# needed). Bounded: at most 50 examples per operation and 60 s of fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/schemathesis
if [ ! -x "$venv/bin/st" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'schemathesis>=4.32,<5'
fi

tmp=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait; rm -rf "$tmp"' EXIT
redis-server --port 0 --unixsocket "$tmp/redis.sock" --save '' --dir "$tmp" >/dev/null &
pids+=($!)
for _ in $(seq 100); do [ -S "$tmp/redis.sock" ] && break; sleep 0.1; done

token=schemathesis-admin-token
# Short waits: the fuzzer asks for `?wait=true` and no worker will finish anything.
REDIS_URL="unix://$tmp/redis.sock" MOCKJUDGE_ADMIN_TOKEN=$token MOCKJUDGE_PROBLEMS=problems MOCKJUDGE_MAX_WAIT=1 \
    target/debug/mockjudge serve --bind 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.log" &
pids+=($!)
for _ in $(seq 100); do grep -q 'listening on' "$tmp/serve.out" && break; sleep 0.1; done
base=$(sed -n 's/^mockjudge: API listening on //p' "$tmp/serve.out")
[ -n "$base" ] || { cat "$tmp/serve.log" >&2; exit 1; }

# From the temporary folder: schemathesis keeps a cache in `.schemathesis` where it runs.
config=$PWD/tests/schemathesis.toml
st=$PWD/$venv/bin/st
cd "$tmp"
"$st" --config-file "$config" run "$base/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples 50 --max-time 60 --request-timeout 10 --seed 1 \
    || { echo "tests/schemathesis.sh: failures above; the server's log: $tmp/serve.log" >&2; trap - EXIT; kill "${pids[@]}"; exit 1; }
