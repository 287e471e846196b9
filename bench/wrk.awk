# bench/wrk.awk — one line from a `wrk --latency` report:
#   requests/s  p99_ms  non_2xx_3xx  socket_errors  bytes_per_response
# (wrk counts 3xx as success; bytes per response let the caller check that
# every answer carried the whole body).  Used by bench/run.sh and bench/suite.sh.
function ms(v) {
	if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
	if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
	if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
	return v + 0
}
/^ *99%/ { p99 = ms($2) }
/^Requests\/sec:/ { rps = $2 }
/Non-2xx or 3xx responses:/ { bad = $NF }
/Socket errors:/ { gsub(/,/, ""); err = $4 + $6 + $8 + $10 }
/ requests in / {
	n = $1; v = $5; f = 1
	if (v ~ /KB$/) f = 1024; else if (v ~ /MB$/) f = 1048576; else if (v ~ /GB$/) f = 1073741824
	sub(/[KMG]?B$/, "", v); per = n > 0 ? v * f / n : 0
}
END { printf "%s %.2f %d %d %d\n", rps, p99, bad, err, per }
