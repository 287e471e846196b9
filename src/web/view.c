/*
 * view.c — one place for how records look outside: field names of the API
 * and the formatting of dates and money on pages.
 */
#include "web/view.h"
#include "app/authz.h"

#include <stdio.h>
#include <string.h>

json_t *view_date(day_t d, bool present, enum view_mode mode, enum lang lang)
{
	if (!present)
		return json_null();
	char s[11];
	if (mode == VIEW_PAGE && lang == LANG_DE)
		date_format_de(d, s);
	else
		date_format_iso(d, s);
	return json_string(s);
}

void view_money(int64_t cents, enum lang lang, char *out, size_t outsz)
{
	char     digits[32], grouped[48];
	uint64_t abs_c = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)(abs_c / 100));
	size_t n = strlen(digits), o = 0;
	char   sep = lang == LANG_DE ? '.' : ',', dec = lang == LANG_DE ? ',' : '.';
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[o++] = sep;
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	if (lang == LANG_DE)
		snprintf(out, outsz, "%s%s%c%02llu\u00a0€", cents < 0 ? "-" : "", grouped, dec,
		         (unsigned long long)(abs_c % 100));
	else
		snprintf(out, outsz, "%s€%s%c%02llu", cents < 0 ? "-" : "", grouped, dec,
		         (unsigned long long)(abs_c % 100));
}

static json_t *opt_str(const char *s) { return s[0] ? json_string(s) : json_null(); }

json_t *view_employee(const struct employee *e, enum view_mode mode, enum lang lang)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "personnel_number", json_string(e->personnel_number));
	json_object_set_new(o, "last_name", json_string(e->last_name));
	json_object_set_new(o, "first_name", json_string(e->first_name));
	json_object_set_new(o, "birth_date", view_date(e->birth_date, true, mode, lang));
	json_object_set_new(o, "entry_date", view_date(e->entry_date, e->has_entry, mode, lang));
	json_object_set_new(o, "exit_date", view_date(e->exit_date, e->has_exit, mode, lang));
	json_object_set_new(o, "email", opt_str(e->email));
	json_object_set_new(o, "iban", opt_str(e->iban));
	json_object_set_new(o, "svnr", opt_str(e->svnr));
	json_object_set_new(o, "steuer_id", opt_str(e->steuer_id));
	json_object_set_new(o, "tax_class", e->tax_class ? json_integer(e->tax_class) : json_null());
	if (mode == VIEW_API) {
		json_object_set_new(o, "employer_id", json_integer(e->employer_id));
		json_object_set_new(o, "monthly_gross_cents",
		                    e->has_gross ? json_integer(e->monthly_gross_cents) : json_null());
		json_object_set_new(o, "portal_access", json_boolean(e->user_id != 0));
		/* migration 003; integers in their unit, never floats */
		json_object_set_new(o, "sex", opt_str(e->sex));
		json_object_set_new(o, "street", opt_str(e->street));
		json_object_set_new(o, "postcode", opt_str(e->postcode));
		json_object_set_new(o, "city", opt_str(e->city));
		json_object_set_new(o, "phone", opt_str(e->phone));
		json_object_set_new(o, "child_allowance_tenths",
		                    e->has_child_allowance ? json_integer(e->child_allowance_tenths) : json_null());
		json_object_set_new(o, "church_tax", e->has_church_tax ? json_boolean(e->church_tax) : json_null());
		json_object_set_new(o, "health_insurance", opt_str(e->health_insurance));
		json_object_set_new(o, "health_additional_bp",
		                    e->has_health_additional ? json_integer(e->health_additional_bp) : json_null());
		json_object_set_new(o, "federal_state", opt_str(e->federal_state));
		json_object_set_new(o, "probation_end", view_date(e->probation_end, e->has_probation, mode, lang));
		json_object_set_new(o, "exit_reason", opt_str(e->exit_reason));
		json_object_set_new(o, "weekly_hours_centi",
		                    e->has_weekly_hours ? json_integer(e->weekly_hours_centi) : json_null());
	} else {
		char money[48] = "";
		if (e->has_gross)
			view_money(e->monthly_gross_cents, lang, money, sizeof money);
		json_object_set_new(o, "monthly_gross", opt_str(money));
		if (e->employer_name[0])
			json_object_set_new(o, "employer_name", json_string(e->employer_name));
	}
	return o;
}

const char *const view_employee_cols[VIEW_EMPLOYEE_NCOLS] = {
	"id", "personnel_number", "last_name", "first_name", "birth_date", "entry_date", "exit_date", "email"};

static const char *cell_date(struct arena *a, day_t d, bool present, enum lang lang)
{
	if (!present)
		return NULL;
	char *s = arena_alloc(a, 11);
	(lang == LANG_DE ? date_format_de : date_format_iso)(d, s);
	return s;
}

void view_employee_cells(const struct employee *e, enum lang lang, struct arena *a, const char **cells)
{
	cells[0] = arena_itoa(a, e->id);
	cells[1] = arena_strdup(a, e->personnel_number);
	cells[2] = arena_strdup(a, e->last_name);
	cells[3] = arena_strdup(a, e->first_name);
	cells[4] = cell_date(a, e->birth_date, true, lang);
	cells[5] = cell_date(a, e->entry_date, e->has_entry, lang);
	cells[6] = cell_date(a, e->exit_date, e->has_exit, lang);
	cells[7] = e->email[0] ? arena_strdup(a, e->email) : NULL;
}

json_t *view_employer(const struct employer *e, enum view_mode mode)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)e->id, "name",
	                      e->name, "street", e->street, "postcode", e->postcode, "city", e->city,
	                      "betriebsnummer", e->betriebsnummer, "headcount", (json_int_t)e->headcount);
	if (e->role != ROLE_NONE)
		json_object_set_new(o, mode == VIEW_API ? "role" : "role_key",
		                    json_string(mode == VIEW_API ? authz_role_code(e->role) : authz_role_key(e->role)));
	return o;
}
