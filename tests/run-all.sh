#!/bin/sh
# run-all.sh — runs every suite (unit, HTTP, browser, fuzz) and ends with one
# line "N passed, N failed".  Exit status 1 when anything failed.
# FUZZ_SECONDS (default 10) bounds each fuzz driver's run.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
logdir=build/test/logs
mkdir -p "$logdir"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

count_cmocka() { # log file → adds to passed/failed
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
	passed=$((passed + p))
	failed=$((failed + f))
	echo "  $(basename "$1" .log): $p passed, $f failed"
}

run_cmocka() { # binary
	log="$logdir/$(basename "$1").log"
	"$1" >"$log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] && ! grep -q '^\[  FAILED  \]' "$log"; then
		echo "  $(basename "$1"): crashed (exit $rc)"; tail -30 "$log"
		failed=$((failed + 1))
		return
	fi
	count_cmocka "$log"
	[ $rc -eq 0 ] || grep -A30 'FAILED\|ERROR' "$log" | head -40
}

echo "unit tests"
for t in build/test/unit/test_*; do [ -x "$t" ] && run_cmocka "$t"; done

echo "HTTP tests (real server, libcurl client)"
for t in build/test/http/test_*; do [ -x "$t" ] && run_cmocka "$t"; done

echo "browser tests (playwright-core, chromium)"
if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
	log="$logdir/e2e.log"
	node --test --test-reporter=tap tests/e2e/ >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$log" | tail -1)
	p=${p:-0}; f=${f:-0}
	[ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p)); failed=$((failed + f))
	echo "  e2e: $p passed, $f failed"
	[ $rc -eq 0 ] || grep -B2 -A20 'not ok' "$log" | head -60
fi

echo "fuzz drivers (${FUZZ_SECONDS:-10} s each)"
for f in build/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	name=$(basename "$f")
	corpus="build/fuzz/corpus/$name"
	mkdir -p "$corpus"
	[ -d "tests/fuzz/corpus/$name" ] && cp -n tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
	if "$f" -max_total_time="${FUZZ_SECONDS:-10}" -rss_limit_mb=1024 -print_final_stats=0 "$corpus" \
		>"$logdir/$name.log" 2>&1; then
		passed=$((passed + 1)); echo "  $name: ok"
	else
		failed=$((failed + 1)); echo "  $name: FAILED"; tail -40 "$logdir/$name.log"
	fi
done

echo "PostgreSQL: unit tests with a database, HTTP and browser tests (tests/pg/run.sh)"
log="$logdir/pg.log"
tests/pg/run.sh >"$log" 2>&1
rc=$?
if [ $rc -eq 77 ]; then
	echo "  skipped: $(tail -n 1 "$log")"
else
	grep '^  ' "$log"
	p=$(tail -n 1 "$log" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(tail -n 1 "$log" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then p=0; f=1; tail -20 "$log"; fi
	passed=$((passed + p)); failed=$((failed + f))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
