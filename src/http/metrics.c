/*
 * metrics.c — counts requests by route and status and keeps one latency
 * histogram per route.  Writers are the server threads (atomics, no locks);
 * the reader is GET /metrics.  Owns no request data.
 */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static const int statuses[] = {200, 201, 204, 303, 304, 400, 401, 403, 404, 405,
                               409, 413, 422, 429, 431, 500, 503, 0 /* other */};
enum { NSTATUS = sizeof statuses / sizeof *statuses };
static const double bucket_s[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
static const uint64_t bucket_ns[] = {500000,   1000000,   2500000,   5000000,
                                     10000000, 25000000,  50000000,  100000000,
                                     250000000, 500000000, 1000000000, 2500000000u};
enum { NBUCKET = sizeof bucket_ns / sizeof *bucket_ns };

struct route_stats {
	atomic_ullong count[NSTATUS];
	atomic_ullong bucket[NBUCKET + 1]; /* last: +Inf */
	atomic_ullong sum_ns;
};

static const struct route *route_tab;
static size_t              route_n;
static struct route_stats *stats; /* route_n + 1: index 0 is unmatched */
static atomic_long         inflight;

void metrics_init(const struct route *routes, size_t count)
{
	route_tab = routes;
	route_n   = count;
	free(stats);
	stats = calloc(count + 1, sizeof *stats);
	if (!stats)
		abort();
}

static int status_slot(int status)
{
	for (int i = 0; i < NSTATUS - 1; i++)
		if (statuses[i] == status)
			return i;
	return NSTATUS - 1;
}

void metrics_observe(int route_index, int status, uint64_t ns)
{
	if (!stats)
		return;
	struct route_stats *s = &stats[route_index >= 0 && (size_t)route_index < route_n ? route_index + 1 : 0];
	atomic_fetch_add_explicit(&s->count[status_slot(status)], 1, memory_order_relaxed);
	int b = 0;
	while (b < NBUCKET && ns > bucket_ns[b])
		b++;
	atomic_fetch_add_explicit(&s->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->sum_ns, ns, memory_order_relaxed);
}

void metrics_inflight(int delta) { atomic_fetch_add(&inflight, delta); }
long metrics_inflight_now(void) { return atomic_load(&inflight); }

static const char *label(size_t i) { return i ? route_tab[i - 1].name : "unmatched"; }

void metrics_render(struct buf *out)
{
	buf_adds(out, "# HELP openbav_requests_total HTTP requests by route and status.\n"
	              "# TYPE openbav_requests_total counter\n");
	for (size_t i = 0; stats && i <= route_n; i++)
		for (int k = 0; k < NSTATUS; k++) {
			unsigned long long c = atomic_load(&stats[i].count[k]);
			if (!c)
				continue;
			if (statuses[k])
				buf_printf(out, "openbav_requests_total{route=\"%s\",status=\"%d\"} %llu\n", label(i), statuses[k], c);
			else
				buf_printf(out, "openbav_requests_total{route=\"%s\",status=\"other\"} %llu\n", label(i), c);
		}
	buf_adds(out, "# HELP openbav_request_duration_seconds Time from request start to response queued.\n"
	              "# TYPE openbav_request_duration_seconds histogram\n");
	for (size_t i = 0; stats && i <= route_n; i++) {
		unsigned long long total = 0;
		for (int b = 0; b <= NBUCKET; b++)
			total += atomic_load(&stats[i].bucket[b]);
		if (!total)
			continue;
		unsigned long long cum = 0;
		for (int b = 0; b < NBUCKET; b++) {
			cum += atomic_load(&stats[i].bucket[b]);
			buf_printf(out, "openbav_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
			           label(i), bucket_s[b], cum);
		}
		buf_printf(out, "openbav_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n", label(i), total);
		unsigned long long ns = atomic_load(&stats[i].sum_ns);
		buf_printf(out, "openbav_request_duration_seconds_sum{route=\"%s\"} %llu.%09llu\n", label(i),
		           ns / 1000000000ull, ns % 1000000000ull);
		buf_printf(out, "openbav_request_duration_seconds_count{route=\"%s\"} %llu\n", label(i), total);
	}
	buf_printf(out, "# HELP openbav_requests_in_flight Requests being handled.\n"
	                "# TYPE openbav_requests_in_flight gauge\nopenbav_requests_in_flight %ld\n",
	           metrics_inflight_now());
}
