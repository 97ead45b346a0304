#!/usr/bin/env bash
# The test command (README): sets up what the tests need on a fresh machine, then runs them.
# Needs root only where something is missing: Docker's daemon, redis-server, or debootstrap for
# the base image.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker info >/dev/null 2>&1; then
    echo "tests/run.sh: no Docker daemon answers; starting one" >&2
    command -v dockerd >/dev/null || { apt-get update -q && apt-get install -y -q docker.io; }
    (dockerd >/var/log/dockerd.log 2>&1 &)
    for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
    docker info >/dev/null
fi

# The service tests start redis-server processes of their own, and docker-compose.yml.
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v docker-compose >/dev/null || missing+=(docker-compose)
# tests/schemathesis.sh installs schemathesis from PyPI into a venv.
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
# The pages' tests (tests/web) drive headless Chromium through chromedriver; the pages load
# their editor and math from Debian's packages.
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
[ -f /usr/share/javascript/codemirror/lib/codemirror.js ] || missing+=(libjs-codemirror)
[ -f /usr/share/javascript/katex/katex.min.js ] || missing+=(libjs-katex)
if [ ${#missing[@]} -gt 0 ]; then
    echo "tests/run.sh: installing ${missing[*]}" >&2
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

cargo build --workspace --all-targets
# Builds only the missing images (the tags carry a content hash).
target/debug/mockjudge images build
cargo test --workspace
# The live API against its own OpenAPI document.
bash tests/schemathesis.sh
# Every shipped problem's submissions must get what their folders say.
target/debug/mockjudge verify problems/*
