/*
 * calc_netcost.h — the calculator `net-cost`: what a monthly salary
 * conversion costs the employee net (wage tax, social insurance, the
 * employer's subsidy), over payroll/netcost.c.
 */
#ifndef OPENBAV_CALC_NETCOST_H
#define OPENBAV_CALC_NETCOST_H

#include "app/calc.h"

json_t *calc_net_cost(const json_t *in, enum lang lang, struct calc_error *err);
/* The same, and a copy of the explanation trail in *trail (when not NULL):
 * its notes' keys stand beside the result's "explanation" sentences, one for
 * one, so the net-cost pages can put each sentence under the line it explains. */
json_t *calc_net_cost_trail(const json_t *in, enum lang lang, struct calc_error *err, struct explain *trail);

/* The input fields of its page (calc_registry.c). */
extern const struct calc_field calc_net_cost_fields[];

#endif
