/*
 * api_import.c — POST /api/v1/employers/{eid}/imports?kind=employees|contracts
 * &dry_run=true|false[&all_or_nothing=true][&rejects=true]: the body is the
 * CSV or XLSX file itself; the answer is the import report (docs/import.md),
 * or with rejects=true the rejected rows as a CSV file.
 */
#include "web/web.h"
#include "app/import.h"
#include "base/jalloc.h"

#include <string.h>

static bool flag(struct req *r, const char *name, bool dflt)
{
	const char *v = req_arg(r, name);
	return v ? (!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "on")) : dflt;
}

void web_api_import(struct req *r)
{
	struct buf         rejects = {0};
	bool               want_rejects = flag(r, "rejects", false);
	enum import_kind kind = IMPORT_EMPLOYEES;
	import_kind_from_name(req_arg(r, "kind"), &kind); /* required; the router allowed only the kinds */
	struct import_opts o = {
		.kind           = kind,
		.employer_id    = r->ids[0],
		.dry_run        = flag(r, "dry_run", true), /* a dry run unless asked otherwise */
		.all_or_nothing = flag(r, "all_or_nothing", false),
		.user_id        = r->who.user_id,
		.now            = r->now,
		.lang           = r->lang,
		.rejects        = want_rejects ? &rejects : NULL,
	};
	json_t        *report = NULL;
	char           why[512];
	enum import_rc rc = import_run(r->db, (const unsigned char *)(r->body.p ? r->body.p : ""), r->body.n, &o,
	                               &report, why, sizeof why);
	if (rc != IMPORT_OK) {
		int status = rc == IMPORT_DB_ERROR ? 503 : rc == IMPORT_BAD_HEADER ? 422 : 400;
		req_json(r, status, json_pack("{s:{s:s, s:s, s:s}}", "error", "code",
		                              rc == IMPORT_DB_ERROR ? "unavailable" : rc == IMPORT_BAD_HEADER ? "rule_violated" : "invalid_input",
		                              "message", why, "field", "file"));
	} else if (want_rejects) {
		json_decref(report);
		r->status = 200;
		r->ctype  = "text/csv; charset=utf-8";
		req_header(r, "Content-Disposition", "attachment; filename=\"rejected-rows.csv\"");
		buf_reset(&r->out);
		buf_add(&r->out, "\xEF\xBB\xBF", 3); /* BOM: Excel reads the umlauts right */
		buf_add(&r->out, rejects.p ? rejects.p : "", rejects.n);
	} else
		req_json(r, 200, report);
	buf_free(&rejects);
}
