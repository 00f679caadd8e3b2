#!/usr/bin/env bash
# A bounded fuzz run of the research API against its own OpenAPI schema.
#
# Serves the API on 127.0.0.1 (a free port) over a scratch SQLite database holding the
# demonstration data (or over DATABASE_URL when set), then lets schemathesis generate requests
# from /api/schema/, once anonymously and once with a researcher's token. Fails on any server
# error or any response that does not conform to the schema.
#
# Every check applies except positive_data_acceptance ("a request the schema allows must
# succeed"): the API refuses with a documented 400 what the schema cannot express, namely country
# codes and deal slugs that name no published record, and bounds given the wrong way round
# (released_after later than released_before); a page past the last one is a documented 404.
#
#   tests/fuzz/run.sh                       # 25 examples per operation; a run over 600 s fails
#   FUZZ_MAX_EXAMPLES=200 FUZZ_TIME_LIMIT=1800 FUZZ_SEED=1 tests/fuzz/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${BIN:-.venv/bin}
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-25}
TIME_LIMIT=${FUZZ_TIME_LIMIT:-600}
SEED=${FUZZ_SEED:-$RANDOM}

workdir=$(mktemp -d "${TMPDIR:-/tmp}/registry-fuzz.XXXXXX")
server_pid=""
stop() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap stop EXIT

# A scratch database unless one is given. Production settings (DEBUG off), except plain HTTP on
# the loopback address and rate limits far above what the fuzzer sends, so that it meets the API
# rather than the HTTPS redirect or the throttle.
export DATABASE_URL=${DATABASE_URL:-"sqlite:///$workdir/fuzz.sqlite3"}
export DEBUG=false SECURE_SSL_REDIRECT=false
export SECRET_KEY=${SECRET_KEY:-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')}
export API_ANON_RATE=100000/minute API_RESEARCHER_RATE=100000/minute

echo "== Database: migrate and load the demonstration data"
"$BIN/python" manage.py migrate --no-input >"$workdir/migrate.log" || {
  cat "$workdir/migrate.log"
  exit 1
}
"$BIN/python" manage.py load_demo

echo "== A researcher's token"
token=$("$BIN/python" manage.py shell -c '
from django.contrib.auth.models import Group, User
from registry.accounts.models import ApiToken
user, _ = User.objects.get_or_create(username="fuzz-researcher")
user.groups.add(Group.objects.get(name="researcher"))
print(ApiToken.issue(user, "fuzz run")[1])
' | tail -n 1)
[[ "$token" == ppr_* ]] || { echo "No token issued" >&2; exit 1; }

port=$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
origin="http://127.0.0.1:$port"
echo "== Serving on $origin"
"$BIN/python" manage.py runserver "127.0.0.1:$port" --noreload >"$workdir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  if "$BIN/python" -c "import urllib.request; urllib.request.urlopen('$origin/api/schema/', timeout=2)" 2>/dev/null; then
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$workdir/server.log"; exit 1; }
  sleep 0.5
done

fuzz() {
  local who=$1
  shift
  echo "== schemathesis as $who: at most $MAX_EXAMPLES examples per operation, $TIME_LIMIT s, seed $SEED"
  timeout --kill-after=10 "$TIME_LIMIT" "$BIN/schemathesis" --no-color run "$origin/api/schema/" \
    --url "$origin" \
    --checks all \
    --exclude-checks positive_data_acceptance \
    --max-examples "$MAX_EXAMPLES" \
    --seed "$SEED" \
    --workers 1 \
    --request-timeout 30 \
    "$@"
}

status=0
fuzz anonymous || status=1
fuzz researcher --header "Authorization: Token $token" || status=1
if grep -q "Internal Server Error" "$workdir/server.log"; then
  echo "== The server logged errors:"
  grep -A 30 "Internal Server Error" "$workdir/server.log" | head -120
  status=1
fi
exit "$status"
