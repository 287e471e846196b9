/*
 * api_calc.c — POST /api/v1/calc/{name}: the calculators over HTTP, the same
 * JSON in and out as `openbav calc NAME` (app/calc.c does the work).
 */
#include "web/web.h"
#include "app/calc.h"

void web_api_calc(struct req *r)
{
	const struct calc *c = calc_find(r->pv[0]);
	if (!c) {
		req_error(r, ERR_NOT_FOUND, "name", "err.calc_unknown");
		return;
	}
	struct calc_error err;
	json_t *out = calc_run(c, r->body.p ? r->body.p : "", r->body.n, r->lang, &err);
	if (!out) {
		req_json(r, http_err_status(err.rule ? ERR_RULE : ERR_INVALID), calc_error_json(&err));
		return;
	}
	req_json(r, 200, out);
}
