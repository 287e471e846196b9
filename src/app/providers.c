/*
 * providers.c — the provider register.  Owns the vehicle-set syntax; must
 * never hold tenant data nor be written by anyone but operator staff (the
 * route's action decides; nothing here is employer-scoped).
 */
#include "app/providers.h"

#include <string.h>

#include "base/str.h"

static const char *const codes[] = {"DZ", "UK", "DV", "PK", "PF"};

bool provider_vehicles_parse(const char *in, char *out, size_t outsz)
{
	bool seen[5] = {false};
	int  n       = 0;
	for (const char *p = in; *p;) {
		if (*p == ',' || *p == ' ' || *p == ';' || *p == '/') {
			p++;
			continue;
		}
		char c0 = p[0], c1 = p[1];
		if (!c1)
			return false;
		c0 = (char)(c0 >= 'a' && c0 <= 'z' ? c0 - 32 : c0);
		c1 = (char)(c1 >= 'a' && c1 <= 'z' ? c1 - 32 : c1);
		int k = -1;
		for (int i = 0; i < 5; i++)
			if (codes[i][0] == c0 && codes[i][1] == c1)
				k = i;
		if (k < 0 || (p[2] && p[2] != ',' && p[2] != ' ' && p[2] != ';' && p[2] != '/'))
			return false;
		seen[k] = true;
		p += 2;
	}
	size_t o = 0;
	for (int i = 0; i < 5; i++)
		if (seen[i] && o + 3 < outsz) {
			if (n++)
				out[o++] = ',';
			out[o++] = codes[i][0];
			out[o++] = codes[i][1];
		}
	out[o] = '\0';
	return n > 0;
}

bool provider_offers(const struct provider *p, const char *vehicle)
{
	if (!vehicle || strlen(vehicle) != 2)
		return false;
	for (const char *s = p->vehicles; *s; s += s[2] ? 3 : 2)
		if (!strncmp(s, vehicle, 2))
			return true;
	return false;
}

static void read_row(struct db_q *q, struct provider *p)
{
	p->id = db_col_int(q, 0);
	str_copy(p->name, sizeof p->name, db_col_text(q, 1));
	str_copy(p->vehicles, sizeof p->vehicles, db_col_text(q, 2));
}

struct app_err provider_create(struct db *db, const char *name, const char *vehicles, int64_t now, int64_t *id)
{
	if (!name || !*name)
		return (struct app_err){APP_INVALID, "name", "err.required"};
	size_t n = strlen(name);
	if (n > 200 || name[0] == ' ' || name[n - 1] == ' ')
		return (struct app_err){APP_INVALID, "name", "err.contract.provider_name"};
	char v[16];
	if (!vehicles || !*vehicles)
		return (struct app_err){APP_INVALID, "vehicles", "err.required"};
	if (!provider_vehicles_parse(vehicles, v, sizeof v))
		return (struct app_err){APP_INVALID, "vehicles", "err.contract.vehicles"};
	struct db_q *q = db_q(db, STMT_PROVIDER_INSERT);
	db_bind_str(q, 1, name);
	db_bind_str(q, 2, v);
	db_bind_int(q, 3, now);
	enum db_rc rc = db_exec(q);
	if (rc == DB_CONSTRAINT)
		return (struct app_err){APP_CONFLICT, "name", "err.contract.provider_duplicate"};
	if (rc != DB_DONE)
		return (struct app_err){APP_ERROR, NULL, "err.internal"};
	if (id)
		*id = db_last_id(db);
	return (struct app_err){APP_OK, NULL, NULL};
}

enum app_rc provider_get(struct db *db, int64_t id, struct provider *out)
{
	struct db_q *q = db_q(db, STMT_PROVIDER_BY_ID);
	db_bind_int(q, 1, id);
	enum db_rc rc = db_step(q);
	if (rc == DB_ROW)
		read_row(q, out);
	db_q_done(q);
	return rc == DB_ROW ? APP_OK : rc == DB_DONE ? APP_NOT_FOUND : APP_ERROR;
}

enum app_rc providers_list(struct db *db, void (*fn)(const struct provider *, void *), void *ctx)
{
	struct db_q *q = db_q(db, STMT_PROVIDER_LIST);
	enum db_rc   rc;
	struct provider p;
	while ((rc = db_step(q)) == DB_ROW) {
		read_row(q, &p);
		fn(&p, ctx);
	}
	db_q_done(q);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}
