#!/bin/sh
# tests/pg/run.sh — the test suites against a throwaway PostgreSQL server.
#
#   tests/pg/run.sh              the database unit tests, the HTTP tests and the
#                                browser tests (built beforehand: make
#                                build/test/openbav unit http), ending with
#                                "N passed, N failed"
#   tests/pg/run.sh CMD [ARG…]   run CMD with OPENBAV_TEST_DB set instead
#
# Installs nothing.  When PostgreSQL's server binaries exist (/usr/lib/postgresql/*/bin,
# Debian's postgresql package) it creates a cluster in a temporary directory, as an
# unprivileged user (`nobody` when run as root), listening on a free loopback port with its
# Unix socket in that directory; creates the role `openbav` (LOGIN CREATEDB, not a superuser,
# so row-level security binds it) and its database, and the role `openbav_app` (LOGIN only,
# the servers' role of the README's two-role deployment); prints the URL; and removes everything
# on exit.  Without the binaries it says so and exits 77 (skipped).  The tests read the URL
# from OPENBAV_TEST_DB and create a fresh database of their own under that role.
# OPENBAV_PG_OPTS adds server options (e.g. "-c log_statement=all"); KEEP_PG_DIR=1 keeps the
# directory (server.log) afterwards.
set -eu
cd "$(dirname "$0")/../.."

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
	echo "pg: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql): skipped"
	exit 77
fi

tmp=$(mktemp -d /tmp/openbav-pg.XXXXXX)
chmod 755 "$tmp"
mkdir "$tmp/sock"
as=""
if [ "$(id -u)" -eq 0 ]; then
	chown nobody "$tmp" "$tmp/sock"
	as="runuser -u nobody --"
fi
as_owner() { (cd "$tmp" && $as "$@"); } # the cluster's owner, in a directory it may read
started=""
cleanup() {
	rc=$?
	trap - EXIT HUP INT TERM
	if [ -n "$started" ]; then as_owner "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true; fi
	if [ -n "${KEEP_PG_DIR:-}" ]; then echo "pg: kept $tmp"; else rm -rf "$tmp"; fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM

# Trust on the socket only (its directory is ours); no TCP logins at all.
as_owner "$bindir/initdb" -D "$tmp/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust \
	--auth-host=reject >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log"; exit 1; }

port=""
for try in 1 2 3 4 5 6 7 8; do
	p=$((20000 + ($$ * 7 + try * 7919) % 40000))
	if as_owner "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 -o \
		"-p $p -k $tmp/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${OPENBAV_PG_OPTS:-}" \
		start >/dev/null 2>&1; then
		port=$p
		break
	fi
done
[ -n "$port" ] || { echo "pg: the server did not start:"; tail -20 "$tmp/server.log"; exit 1; }
started=1

psql() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$tmp/sock" -p "$port" "$@"; }
psql -U postgres -d postgres -c "CREATE ROLE openbav LOGIN CREATEDB" -c "CREATE DATABASE openbav OWNER openbav" \
	-c "CREATE ROLE openbav_app LOGIN"

OPENBAV_TEST_DB="postgresql://openbav@/openbav?host=$tmp/sock&port=$port"
OPENBAV_TEST_APP_ROLE=openbav_app # README's second role: rows only (test_db: test_app_role)
export OPENBAV_TEST_DB OPENBAV_TEST_APP_ROLE
echo "pg: $OPENBAV_TEST_DB ($("$bindir/postgres" --version))"

if [ $# -gt 0 ]; then
	"$@"
	exit $?
fi

# The suites that touch the database.
passed=0
failed=0
logdir=build/test/logs/pg
mkdir -p "$logdir"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
run() { # binary
	log="$logdir/$(basename "$1").log"
	rc=0
	"$1" >"$log" 2>&1 || rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "  $(basename "$1"): crashed (exit $rc), see $log"
		f=1
	else
		echo "  $(basename "$1"): $p passed, $f failed"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}
echo "unit tests with a database (PostgreSQL): those that take it from tests/unit/testdb.h"
for src in $(grep -l testdb_create tests/unit/test_*.c); do
	t=build/test/unit/$(basename "$src" .c)
	if [ -x "$t" ]; then run "$t"; else echo "  $(basename "$t"): not built"; fi
done
echo "HTTP tests (PostgreSQL)"
for t in build/test/http/test_*; do
	if [ -x "$t" ]; then run "$t"; fi
done
if ls tests/e2e/*.test.mjs >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
	echo "browser tests (PostgreSQL)"
	log="$logdir/e2e.log"
	rc=0
	node --test --test-reporter=tap tests/e2e/ >"$log" 2>&1 || rc=$?
	p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	[ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "  e2e: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
