/*
 * view_contracts.h — providers, group contracts, commitments and insurance
 * contracts as JSON: for the API (ISO dates, cents, basis points) and for
 * pages (formatted for the reader's language).
 */
#ifndef OPENBAV_VIEW_CONTRACTS_H
#define OPENBAV_VIEW_CONTRACTS_H

#include "app/contracts.h"
#include "app/providers.h"
#include "web/view.h"

json_t *view_provider(const struct provider *p);
json_t *view_group_contract(const struct group_contract *g, enum view_mode mode, enum lang lang);
/* With the vesting status from the law engine: vested_on, vested_at_exit
 * (only when the employee has left), the branch, the paragraphs and the
 * explanation as sentences in lang. */
json_t *view_commitment(const struct commitment *c, const struct employee *e, enum view_mode mode, enum lang lang);
json_t *view_insurance(const struct insurance_contract *ic, enum view_mode mode, enum lang lang);

#endif
