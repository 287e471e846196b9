/*
 * system.c — health, metrics and the embedded static files.
 */
#include "web/web.h"
#include "assets.h"
#include "db/db.h"
#include "http/metrics.h"

#include <string.h>

void web_healthz(struct req *r)
{
	int v = db_schema_version(r->db);
	req_json(r, v > 0 ? 200 : 503, json_pack("{s:s, s:i}", "status", v > 0 ? "ok" : "no schema", "schema", v));
}

void web_metrics(struct req *r)
{
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	metrics_render(&r->out);
}

/* GET /static/{hash}/{file}: the hash in the URL makes the content immutable. */
void web_static(struct req *r)
{
	/* Only front-end files: catalogues and migrations are embedded too. */
	const struct asset *a = asset_find(r->pv[1]);
	if (!a || strcmp(a->hash, r->pv[0]) ||
	    (strncmp(a->path, "static/", 7) && strncmp(a->path, "node_modules/", 13))) {
		req_error(r, ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	r->ctype       = a->ctype;
	r->cache       = "public, max-age=31536000, immutable";
	r->static_body = a->data;
	r->static_len  = a->len;
}
