#!/bin/sh
# bench/suite.sh — the benchmark suite at realistic size: a database of
# EMPLOYERS employers and EMPLOYEES employees (with group contracts,
# commitments and insurance contracts) made by bench/gen through the
# application's own import on SQLite and moved to PostgreSQL with
# `openbav copy` (every table's checksum compared; GEN_PG=1 runs bench/gen on
# PostgreSQL instead, which takes about ten times as long), then, per backend:
#
#   - requests per second and p99 of the main pages and API calls under wrk at
#     64 and 256 connections: one `openbav serve`, and two behind nginx
#     (round robin) — each beside nginx serving a static file of the same size
#     in the same run (the reference) and the ratio;
#   - the bulk import of 100,000 employees into a new employer of that
#     database beside the backend's own bulk load of the same file
#     (sqlite3 `.import`, PostgreSQL `\copy`).
#
# The table goes to stdout, and with WRITE_DOC=1 into docs/performance.md with
# the machine it was measured on.  Environment: EMPLOYERS (1000), EMPLOYEES
# (1000000) — bench/gen makes that in about two minutes, the copy to
# PostgreSQL takes a few more; EMPLOYERS=100 EMPLOYEES=100000 for a quick
# run — DUR (wrk duration, 5s), BACKENDS ("sqlite postgresql"), PG_URL (an
# existing, empty PostgreSQL database to use; else tests/pg/run.sh starts a
# private server when the PostgreSQL binaries are installed, with
# shared_buffers=1GB, fsync off), KEEP_TMP=1.  The generated SQLite database
# is kept in build/bench/ and reused.
set -eu
cd "$(dirname "$0")/.."

BIN=${OPENBAV_BIN:-build/openbav}
GEN=build/bench/gen
EMPLOYERS=${EMPLOYERS:-1000}
EMPLOYEES=${EMPLOYEES:-1000000}
DUR=${DUR:-5s}
BACKENDS=${BACKENDS:-sqlite postgresql}
NGINX=${NGINX:-/usr/sbin/nginx}
IMPORT_ROWS=100000

die() { echo "suite: $*" >&2; exit 1; }
for t in "$BIN" "$GEN" build/bench/gen_employees; do [ -x "$t" ] || die "$t missing (make bench builds it)"; done
command -v wrk >/dev/null || die "wrk missing"
command -v curl >/dev/null || die "curl missing"
[ -x "$NGINX" ] || die "$NGINX missing (apt-get install nginx-light)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/openbav-suite.XXXXXX")
chmod 711 "$TMP"
PIDS=
cleanup() {
	for p in $PIDS; do kill -TERM "$p" 2>/dev/null || true; done
	for p in $PIDS; do wait "$p" 2>/dev/null || true; done
	PIDS=
	[ -n "${KEEP_TMP:-}" ] && echo "suite: kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {
	i=0
	while [ $i -lt 200 ]; do
		curl -s -o /dev/null --max-time 1 "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{printf "%.3f", $1 - $2}'; }

serve() { # URL PORT — starts one openbav, appends its pid to PIDS
	"$BIN" serve --db "$1" --listen "127.0.0.1:$2" --no-access-log >>"$TMP/serve-$2.log" 2>&1 &
	PIDS="$PIDS $!"
	wait_http "http://127.0.0.1:$2/healthz" || { tail -20 "$TMP/serve-$2.log" >&2; die "openbav did not start on $2"; }
}

signin() { # BASE EMAIL — prints the session id
	jar="$TMP/jar.$$"
	rm -f "$jar"
	csrf=$(curl -s -c "$jar" "$1/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "_csrf=$csrf" \
		--data-urlencode "email=$2" --data-urlencode "password=openbav-bench" "$1/login")
	[ "$code" = 303 ] || die "sign-in as $2 answered $code"
	awk '$6 == "obsid" { print $7 }' "$jar"
}

# wrk_run NAME URL HEADER BODY_BYTES CONNS — one line "NAME CONNS rps p99_ms" to $RES
wrk_run() {
	out="$TMP/wrk.txt"
	if [ -n "$3" ]; then set -- "$1" "$2" "$3" "$4" "$5" -H "$3"; else set -- "$1" "$2" "" "$4" "$5"; fi
	w_name=$1 w_url=$2 w_body=$4 w_conns=$5
	shift 5
	wrk -t1 -c8 -d1s "$@" "$w_url" >/dev/null 2>&1 || true
	wrk -t2 -c"$w_conns" -d"$DUR" --latency "$@" "$w_url" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed: $w_name"; }
	set -- $(awk -f bench/wrk.awk "$out") # rps p99 non-2xx socket-errors bytes-per-response
	[ "$3" -eq 0 ] && [ "$5" -ge "$w_body" ] ||
		{ cat "$out" >&2; die "$w_name: $3 non-2xx, $5 bytes per response (body $w_body)"; }
	printf '%s %s %.0f %s\n' "$w_name" "$w_conns" "$1" "$2" >>"$RES"
}

machine() {
	model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
	mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
	echo "$(nproc) cores (${model:-unknown CPU}), $mem RAM, Linux $(uname -r); wrk, openbav, nginx and the database share the machine"
}

# ---- one backend ---------------------------------------------------------------
bench_backend() { # NAME URL
	backend=$1 url=$2
	RES="$TMP/results-$backend"
	: >"$RES"
	echo "== $backend: $EMPLOYERS employers, $EMPLOYEES employees"
	P1=$(free_port); P2=$(free_port); PX=$(free_port); PN=$(free_port)
	serve "$url" "$P1"
	serve "$url" "$P2"
	B1="http://127.0.0.1:$P1"
	HR=$(signin "$B1" bench-hr@openbav.test)
	OP=$(signin "$B1" bench-operator@openbav.test)
	TOKEN=$("$BIN" token create --email bench-hr@openbav.test --db "$url" | tail -1)
	EMP=$(curl -s -H "Authorization: Bearer $TOKEN" "$B1/api/v1/employers/1/employees?limit=1" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
	# the pages: name, path, header
	cat >"$TMP/pages" <<EOF
hr-list /employer/1 Cookie:obsid=$HR
hr-search /employer/1?q=Fischer Cookie:obsid=$HR
employee /employer/1/employees/$EMP Cookie:obsid=$HR
operator /operator Cookie:obsid=$OP
api-list /api/v1/employers/1/employees?limit=50 Authorization:Bearer|$TOKEN
api-me /api/v1/me Authorization:Bearer|$TOKEN
EOF
	mkdir -p "$TMP/www-$backend" "$TMP/nginx-$backend/tmp"
	chmod 755 "$TMP/www-$backend"
	while read -r name path hdr; do
		h=$(echo "$hdr" | sed 's/:/: /; s/[|]/ /')
		code=$(curl -s -o "$TMP/www-$backend/$name" -w '%{http_code}' -H "$h" "$B1$path")
		[ "$code" = 200 ] || die "$backend: GET $path answered $code"
	done <"$TMP/pages"
	cat >"$TMP/nginx-$backend/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $TMP/nginx-$backend/nginx.pid;
error_log $TMP/nginx-$backend/error.log warn;
events { worker_connections 2048; }
http {
	access_log off;
	client_body_temp_path $TMP/nginx-$backend/tmp/body;
	proxy_temp_path $TMP/nginx-$backend/tmp/proxy;
	fastcgi_temp_path $TMP/nginx-$backend/tmp/fastcgi;
	uwsgi_temp_path $TMP/nginx-$backend/tmp/uwsgi;
	scgi_temp_path $TMP/nginx-$backend/tmp/scgi;
	default_type text/html;
	sendfile on;
	keepalive_requests 1000000;
	upstream openbav { server 127.0.0.1:$P1; server 127.0.0.1:$P2; keepalive 128; }
	server { listen 127.0.0.1:$PN; root $TMP/www-$backend; }
	server {
		listen 127.0.0.1:$PX;
		location / {
			proxy_pass http://openbav;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
		}
	}
}
EOF
	"$NGINX" -p "$TMP/nginx-$backend" -c "$TMP/nginx-$backend/nginx.conf" -e "$TMP/nginx-$backend/error.log" \
		>/dev/null 2>&1 &
	PIDS="$PIDS $!"
	wait_http "http://127.0.0.1:$PN/hr-list" || die "nginx did not start"
	for c in 64 256; do
		while read -r name path hdr; do
			h=$(echo "$hdr" | sed 's/:/: /; s/[|]/ /')
			bytes=$(wc -c <"$TMP/www-$backend/$name")
			wrk_run "$name:one" "$B1$path" "$h" "$bytes" "$c"
			wrk_run "$name:two" "http://127.0.0.1:$PX$path" "$h" "$bytes" "$c"
			wrk_run "$name:nginx" "http://127.0.0.1:$PN/$name" "" "$bytes" "$c"
			echo "  $name at $c connections: $(tail -3 "$RES" | awk '{printf "%s %s/s p99 %s ms; ", $1, $3, $4}')"
		done <"$TMP/pages"
	done
	# ---- bulk import into a new employer, beside the backend's own bulk load
	build/bench/gen_employees "$IMPORT_ROWS" >"$TMP/import.csv"
	"$BIN" employer create --db "$url" --name "Import GmbH" --betriebsnummer 09912342 >"$TMP/eid"
	eid=$(sed -n 's/^employer \([0-9]*\) created$/\1/p' "$TMP/eid")
	[ -n "$eid" ] || die "$backend: employer create printed $(cat "$TMP/eid")"
	t=$(now)
	"$BIN" import employees --employer "$eid" --db "$url" "$TMP/import.csv" >"$TMP/import.json"
	imp=$(since "$t")
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["new"] == int(sys.argv[2]) and r["invalid"] == 0, r["errors"][:3]' \
		"$TMP/import.json" "$IMPORT_ROWS" || die "$backend: the import did not take every row"
	t=$(now)
	case $backend in
	sqlite)
		sqlite3 "$TMP/bare.db" "PRAGMA journal_mode=WAL;" ".mode csv" ".separator ;" ".import $TMP/import.csv bare" >/dev/null
		ref="sqlite3 .import" ;;
	postgresql)
		cols=$(head -1 "$TMP/import.csv" | sed 's/;/ text, /g; s/$/ text/')
		psql -q "$url" -c "DROP TABLE IF EXISTS bare_import; CREATE TABLE bare_import ($cols)" \
			-c "\\copy bare_import FROM '$TMP/import.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)" >/dev/null
		ref="psql \\copy" ;;
	esac
	bare=$(since "$t")
	printf 'import %s %s %s %s\n' "$IMPORT_ROWS" "$imp" "$bare" "$ref" >>"$RES" # printf: echo eats "\c"
	for p in $PIDS; do kill -TERM "$p" 2>/dev/null || true; done
	for p in $PIDS; do wait "$p" 2>/dev/null || true; done
	PIDS=
}

# ---- the table --------------------------------------------------------------
table() { # BACKEND — markdown
	awk -v backend="$1" '
		$1 == "import" { imp = sprintf("| bulk import of employees | %d rows | %.2f s | %.0f rows/s | %s: %.2f s | %.1f × |", $2, $3, $2 / $3, $5 " " $6, $4, $3 / $4); next }
		{ split($1, k, ":"); key = k[1] " " $2; rps[key, k[2]] = $3; p99[key, k[2]] = $4; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
		END {
			printf "| %s: page or call | conns | one openbav req/s | p99 ms | two behind nginx req/s | p99 ms | nginx static req/s | one / nginx | two / nginx |\n", backend
			printf "|---|---|---|---|---|---|---|---|---|\n"
			for (i = 1; i <= n; i++) {
				split(order[i], f, " ")
				ng = rps[order[i], "nginx"]
				printf "| %s | %s | %d | %.2f | %d | %.2f | %d | %.1f %% | %.1f %% |\n", f[1], f[2], rps[order[i], "one"], p99[order[i], "one"], rps[order[i], "two"], p99[order[i], "two"], ng, ng ? 100 * rps[order[i], "one"] / ng : 0, ng ? 100 * rps[order[i], "two"] / ng : 0
			}
			if (imp != "") {
				printf "\n| %s: import | rows | openbav | rows/s | reference | openbav / reference |\n|---|---|---|---|---|---|\n", backend
				print imp
			}
		}' "$TMP/results-$1"
}

REPORT="$TMP/report.md"
GENERATED="build/bench/suite-$EMPLOYERS-$EMPLOYEES.db"
generated() { # the SQLite database bench/gen makes once and the runs reuse
	if [ ! -f "$GENERATED.ok" ]; then
		rm -f "$GENERATED" "$GENERATED-wal" "$GENERATED-shm"
		t=$(now)
		"$GEN" --db "sqlite:$GENERATED" --employers "$EMPLOYERS" --employees "$EMPLOYEES"
		since "$t" >"$GENERATED.ok"
	fi
	"$BIN" migrate --db "sqlite:$GENERATED" >/dev/null # made by an earlier build: up to this one's schema
}
{
	echo "Measured $(date -u +%Y-%m-%d) on $(machine)."
	echo "Data: $EMPLOYERS employers, $EMPLOYEES employees, an insurance contract with its commitment for every second employee (bench/gen); wrk -t2, $DUR per run."
	echo
} >"$REPORT"

for backend in $BACKENDS; do
	case $backend in
	sqlite)
		generated
		printf 'SQLite: bench/gen made the data in %.0f s.\n\n' "$(cat "$GENERATED.ok")" | tee -a "$REPORT"
		cp "$GENERATED" "$TMP/suite.db"
		bench_backend sqlite "sqlite:$TMP/suite.db"
		table sqlite >>"$REPORT"
		echo >>"$REPORT"
		;;
	postgresql)
		if [ -n "${PG_URL:-}" ]; then
			url=$PG_URL
		elif [ -n "${OPENBAV_TEST_DB:-}" ]; then
			url=$OPENBAV_TEST_DB # inside tests/pg/run.sh (below)
		elif [ -x tests/pg/run.sh ]; then
			# a private server for the run: this script again, inside tests/pg/run.sh
			generated
			OPENBAV_PG_OPTS="-c shared_buffers=1GB ${OPENBAV_PG_OPTS:-}" BACKENDS=postgresql \
				SUITE_REPORT="$TMP/report-pg.md" tests/pg/run.sh bench/suite.sh ||
				echo "postgresql: skipped (tests/pg/run.sh: no server, or it failed)" >>"$TMP/report-pg.md"
			cat "$TMP/report-pg.md" >>"$REPORT"
			continue
		else
			echo "postgresql: skipped (no PG_URL and no tests/pg/run.sh)" | tee -a "$REPORT"
			continue
		fi
		if ! "$BIN" migrate --db "$url" >/dev/null 2>"$TMP/pg-migrate.err"; then
			echo "postgresql: skipped ($(head -1 "$TMP/pg-migrate.err"))" | tee -a "$REPORT"
			continue
		fi
		t=$(now)
		if [ -n "${GEN_PG:-}" ]; then
			"$GEN" --db "$url" --employers "$EMPLOYERS" --employees "$EMPLOYEES"
			how="bench/gen made the data on PostgreSQL"
		else
			generated
			"$BIN" copy --from "sqlite:$GENERATED" --to "$url" >"$TMP/copy.log" || { cat "$TMP/copy.log" >&2; die "copy failed"; }
			how="openbav copy moved the data from SQLite (checksums compared, $(sed -n 's/^copied \([0-9]*\) rows.*/\1/p' "$TMP/copy.log") rows)"
		fi
		printf 'PostgreSQL: %s in %.0f s.\n\n' "$how" "$(since "$t")" | tee -a "$REPORT"
		psql -q "$url" -c "VACUUM ANALYZE" >/dev/null # what a DBA does after a bulk load
		bench_backend postgresql "$url"
		table postgresql >>"$REPORT"
		echo >>"$REPORT"
		;;
	*) die "unknown backend $backend" ;;
	esac
done

if [ -n "${SUITE_REPORT:-}" ]; then # a nested run (PostgreSQL): the caller prints it
	sed 1,3d "$REPORT" >>"$SUITE_REPORT"
	exit 0
fi
echo
cat "$REPORT"
if [ -n "${WRITE_DOC:-}" ]; then
	# The suite's part of docs/performance.md: between its two markers, the rest stays.
	doc=docs/performance.md
	grep -q '^<!-- suite:begin -->$' "$doc" && grep -q '^<!-- suite:end -->$' "$doc" ||
		die "$doc lacks the lines <!-- suite:begin --> and <!-- suite:end -->"
	awk -v report="$REPORT" '
		/^<!-- suite:begin -->$/ { print; while ((getline line < report) > 0) print line; skip = 1; next }
		/^<!-- suite:end -->$/ { skip = 0 }
		!skip' "$doc" >"$TMP/doc.md"
	cp "$TMP/doc.md" "$doc"
	echo "suite: wrote its tables into $doc"
fi
