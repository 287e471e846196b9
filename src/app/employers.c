/*
 * employers.c — reading and creating employers.  Validates the Betriebsnummer
 * and postcode with core/validate; never decides access (authz does).
 */
#include "app/employers.h"
#include "core/validate.h"

#include <stdio.h>

#include "base/str.h"
#include <string.h>

static void read_row(struct db_q *q, struct employer *e)
{
	memset(e, 0, sizeof *e);
	e->id = db_col_int(q, 0);
	str_copy(e->name, sizeof e->name, db_col_text(q, 1));
	str_copy(e->street, sizeof e->street, db_col_text(q, 2));
	str_copy(e->postcode, sizeof e->postcode, db_col_text(q, 3));
	str_copy(e->city, sizeof e->city, db_col_text(q, 4));
	str_copy(e->betriebsnummer, sizeof e->betriebsnummer, db_col_text(q, 5));
	e->headcount = db_col_int(q, 6);
}

int employers_visible(struct db *db, const struct principal *p, day_t today,
                      void (*fn)(const struct employer *, void *), void *ctx)
{
	bool         all = p->operator_role != ROLE_NONE;
	struct db_q *q   = db_q(db, all ? STMT_EMPLOYER_LIST_ALL : STMT_EMPLOYER_LIST_FOR_USER);
	db_bind_int(q, 1, today);
	if (!all)
		db_bind_int(q, 2, p->user_id);
	int             n = 0;
	enum db_rc      rc;
	struct employer e;
	while ((rc = db_step(q)) == DB_ROW) {
		read_row(q, &e);
		e.role = all ? p->operator_role : authz_role_from_code(db_col_text(q, 7));
		fn(&e, ctx);
		n++;
	}
	db_q_done(q);
	return rc == DB_DONE ? n : -1;
}

/* "%q%" with ASCII letters lowered and LIKE's wildcards escaped; "" for no filter. */
static void name_pattern(char *dst, size_t dstsz, const char *q)
{
	size_t o = 0;
	if (q && *q) {
		dst[o++] = '%';
		for (; *q && o + 4 < dstsz; q++) {
			char c = *q >= 'A' && *q <= 'Z' ? (char)(*q - 'A' + 'a') : *q;
			if (c == '%' || c == '_' || c == '\\')
				dst[o++] = '\\';
			dst[o++] = c;
		}
		dst[o++] = '%';
	}
	dst[o] = '\0';
}

enum app_rc employers_page(struct db *db, const char *q, day_t today, int64_t limit, int64_t offset, int64_t *total,
                           void (*fn)(const struct employer *, void *), void *ctx)
{
	char pattern[512];
	name_pattern(pattern, sizeof pattern, q);
	struct db_q *s = db_q(db, STMT_EMPLOYER_PAGE_COUNT);
	db_bind_str(s, 1, pattern);
	enum db_rc rc = db_one_int(s, total);
	if (rc != DB_ROW)
		return APP_ERROR;
	s = db_q(db, STMT_EMPLOYER_PAGE);
	db_bind_int(s, 1, today);
	db_bind_str(s, 2, pattern);
	db_bind_int(s, 3, limit);
	db_bind_int(s, 4, offset);
	struct employer e;
	while ((rc = db_step(s)) == DB_ROW) {
		read_row(s, &e);
		e.role = ROLE_NONE;
		fn(&e, ctx);
	}
	db_q_done(s);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

enum app_rc employer_name(struct db *db, int64_t id, char *out, size_t outsz)
{
	struct db_q *q = db_q(db, STMT_EMPLOYER_HEADER);
	db_bind_int(q, 1, id);
	enum db_rc rc = db_step(q);
	if (rc == DB_ROW)
		snprintf(out, outsz, "%s", db_col_text(q, 0));
	db_q_done(q);
	return rc == DB_ROW ? APP_OK : rc == DB_DONE ? APP_NOT_FOUND : APP_ERROR;
}

enum app_rc employer_get(struct db *db, int64_t id, day_t today, struct employer *out)
{
	struct db_q *q = db_q(db, STMT_EMPLOYER_BY_ID);
	db_bind_int(q, 1, today);
	db_bind_int(q, 2, id);
	enum db_rc rc = db_step(q);
	if (rc == DB_ROW)
		read_row(q, out);
	db_q_done(q);
	return rc == DB_ROW ? APP_OK : rc == DB_DONE ? APP_NOT_FOUND : APP_ERROR;
}

struct app_err employer_create(struct db *db, const struct employer_input *in, int64_t now,
                               int64_t *id)
{
	size_t n = in->name ? strlen(in->name) : 0;
	if (n < 1 || n > 200)
		return (struct app_err){APP_INVALID, "name", "err.length"};
	const char       *bn = in->betriebsnummer ? in->betriebsnummer : "";
	enum valid_reason r  = validate_betriebsnummer(bn, strlen(bn));
	if (r != VALID_OK)
		return (struct app_err){APP_INVALID, "betriebsnummer",
		                        validate_reason_key("betriebsnummer", r)};
	const char *pc = in->postcode ? in->postcode : "";
	if (*pc && (r = validate_postcode_de(pc, strlen(pc))) != VALID_OK)
		return (struct app_err){APP_INVALID, "postcode", validate_reason_key("postcode", r)};
	struct db_q *q = db_q(db, STMT_EMPLOYER_INSERT);
	db_bind_str(q, 1, in->name);
	db_bind_str(q, 2, in->street ? in->street : "");
	db_bind_str(q, 3, pc);
	db_bind_str(q, 4, in->city ? in->city : "");
	db_bind_str(q, 5, in->betriebsnummer);
	db_bind_int(q, 6, now);
	enum db_rc rc = db_exec(q);
	if (rc == DB_CONSTRAINT)
		return (struct app_err){APP_CONFLICT, "betriebsnummer", "err.duplicate"};
	if (rc != DB_DONE)
		return (struct app_err){APP_ERROR, NULL, "err.internal"};
	*id = db_last_id(db);
	return (struct app_err){APP_OK, NULL, NULL};
}
