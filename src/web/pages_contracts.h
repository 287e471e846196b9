/*
 * pages_contracts.h — the contract parts of other pages: the "Zusagen und
 * Verträge" section of the employee detail page and of the employee portal.
 */
#ifndef OPENBAV_PAGES_CONTRACTS_H
#define OPENBAV_PAGES_CONTRACTS_H

#include "app/app.h"
#include "app/employees.h"
#include "web/web.h"

enum { CONTRACT_FORM_MAX = 12 };

/* A refused add form: which one, its error and the typed values. */
struct contract_form {
	const char           *form; /* "commitment" | "insurance" */
	const struct app_err *err;
	const char           *v[CONTRACT_FORM_MAX];
};

/* Adds commitments, insurances and (with can_write) the add forms to ctx. */
void contracts_section(struct req *r, json_t *ctx, const struct employee *e, bool can_write,
                       const struct contract_form *cf);
/* Adds the employee's own commitments and contracts to a portal card. */
void contracts_portal(struct req *r, const struct employee *e, json_t *card);
/* The employee detail page with a refused contract form (pages_employee.c). */
void web_employee_detail_with(struct req *r, const struct contract_form *cf);

#endif
