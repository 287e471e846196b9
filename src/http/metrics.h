/*
 * metrics.h — request counters and latency histograms per route, in the
 * Prometheus text format.  Lock-free (atomics); route index -1 is "unmatched".
 */
#ifndef OPENBAV_METRICS_H
#define OPENBAV_METRICS_H

#include <stdint.h>

#include "base/buf.h"
#include "http/http.h"

void metrics_init(const struct route *routes, size_t count);
void metrics_observe(int route_index, int status, uint64_t ns);
void metrics_render(struct buf *out);
void metrics_inflight(int delta);
long metrics_inflight_now(void);

#endif
