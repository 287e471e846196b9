/*
 * import_employees.c — the employee kind of the import (app/import_kind.h):
 * the column names (English and German), and per row the lookup by
 * personnel number, the check through employee_apply() (the same rules as
 * every other write), the diff against the stored record and the write
 * with its history ("import").  The employer's personnel numbers are read
 * once at the start, so a new employee costs no lookup; the employee count
 * is kept once per import.
 */
#include "app/employees.h"
#include "app/import_kind.h"
#include "base/arena.h"
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

_Static_assert((int)EMPLOYEE_FIELDS <= (int)IMPORT_MAX_FIELDS, "too many employee fields for the import");

/* Indexes into employee_field_names. */
static const struct import_column columns[] = {
	{0, "personnelnumber\0personalnummer\0persnr\0personalnr\0pnr\0employeeid\0"},
	{1, "lastname\0nachname\0familienname\0surname\0name\0"},
	{2, "firstname\0vorname\0givenname\0"},
	{3, "birthdate\0geburtsdatum\0dateofbirth\0gebdatum\0"},
	{4, "entrydate\0eintrittsdatum\0eintritt\0hiredate\0startdate\0"},
	{5, "exitdate\0austrittsdatum\0austritt\0enddate\0"},
	{6, "email\0emailadresse\0mail\0"},
	{7, "iban\0"},
	{8, "svnr\0rentenversicherungsnummer\0rvnr\0rvnummer\0versicherungsnummer\0"
	    "sozialversicherungsnummer\0vsnr\0"},
	{9, "steuerid\0steueridentifikationsnummer\0idnr\0taxid\0identifikationsnummer\0"},
	{10, "taxclass\0steuerklasse\0stkl\0"},
	{11, "monthlygross\0bruttogehalt\0monatsbrutto\0brutto\0gehalt\0grosssalary\0"},
	{12, "sex\0geschlecht\0gender\0"},
	{13, "street\0strasse\0strasseundhausnummer\0anschrift\0address\0"},
	{14, "postcode\0plz\0postleitzahl\0zip\0zipcode\0postalcode\0"},
	{15, "city\0ort\0wohnort\0stadt\0town\0"},
	{16, "phone\0telefon\0telefonnummer\0tel\0phonenumber\0mobil\0"},
	{17, "childallowances\0kinderfreibetraege\0kinderfreibetrag\0kfb\0kinderfreibetragszaehler\0"},
	{18, "churchtax\0kirchensteuer\0kist\0kirchensteuerpflicht\0"},
	{19, "healthinsurance\0krankenversicherung\0kv\0kvart\0"},
	{20, "healthadditionalrate\0zusatzbeitrag\0kvzusatzbeitrag\0zusatzbeitragssatz\0"},
	{21, "federalstate\0bundesland\0state\0"},
	{22, "probationend\0probezeitende\0endederprobezeit\0probezeitbis\0"},
	{23, "exitreason\0austrittsgrund\0grunddesaustritts\0"},
	{24, "weeklyhours\0wochenstunden\0wochenarbeitszeit\0stundenprowoche\0arbeitszeit\0"},
};

static const struct import_required required[] = {{0, "import.no_number_column"}};

struct state {
	int64_t       added; /* employees inserted: the employer's count follows once, before the commit */
	struct strmap known; /* personnel number → id of the employer's stored employees */
};

struct diff_ctx {
	json_t *fields;
};

static void diff_field(const char *field, const char *old_value, const char *new_value, void *ctx)
{
	struct diff_ctx *d = ctx;
	json_object_set_new(d->fields, field, json_pack("{s:s, s:s}", "old", old_value, "new", new_value));
}

static bool begin(struct import_run *r)
{
	struct state *st = xcalloc(1, sizeof *st);
	r->state         = st;
	return employee_numbers(r->db, r->o->employer_id, &st->known) == APP_OK;
}

static bool row(struct import_run *r, const char *const *val)
{
	const struct import_opts *o      = r->o;
	struct state             *st     = r->state;
	const char               *number = val[0];
	if (!number) {
		import_invalid(r, employee_field_names[0], "import.no_number");
		return true;
	}
	if (import_seen(r, number)) {
		import_invalid(r, employee_field_names[0], "import.duplicate_in_file");
		return true;
	}
	struct employee_input in = {0};
	for (int f = 0; f < EMPLOYEE_FIELDS; f++)
		*employee_input_field(&in, f) = val[f];
	struct employee before, e;
	int64_t         id;
	enum app_rc     found = strmap_get(&st->known, number, &id) ? employee_get(r->db, o->employer_id, id, &before)
	                                                          : APP_NOT_FOUND;
	if (found == APP_ERROR)
		return false;
	if (found == APP_OK)
		e = before;
	else {
		memset(&e, 0, sizeof e);
		e.employer_id = o->employer_id;
	}
	struct app_err err = employee_apply(&e, &in, (day_t)(o->now / 86400));
	if (err.rc != APP_OK) {
		import_invalid(r, err.field, err.key);
		return true;
	}
	if (found == APP_OK) {
		json_t         *fields = json_object();
		struct diff_ctx d      = {fields};
		if (!employee_diff(&before, &e, diff_field, &d)) {
			json_decref(fields);
			import_unchanged(r);
			return true;
		}
		json_t *entry = import_entry(r, "changed");
		if (entry) {
			json_object_set_new(entry, "personnel_number", json_string(number));
			json_object_set_new(entry, "fields", fields);
		} else
			json_decref(fields);
		import_changed(r, entry);
	} else {
		json_t *entry = import_entry(r, "new");
		if (entry)
			json_object_set_new(entry, "personnel_number", json_string(number));
		import_new(r, entry);
	}
	if (!o->dry_run) {
		err = employee_save(r->db, &e, found == APP_OK ? &before : NULL, "import", o->now, o->user_id);
		if (err.rc != APP_OK) /* checked above: only the database can refuse it now */
			return false;
		if (found != APP_OK)
			st->added++;
	}
	return true;
}

static bool before_commit(struct import_run *r)
{
	struct state *st = r->state;
	return employees_counted(r->db, r->o->employer_id, st->added);
}

static void end(struct import_run *r)
{
	struct state *st = r->state;
	strmap_free(&st->known);
	free(st);
	r->state = NULL;
}

const struct import_kind_ops import_employees_ops = {
	.fields        = employee_field_names,
	.nfields       = EMPLOYEE_FIELDS,
	.columns       = columns,
	.ncolumns      = sizeof columns / sizeof *columns,
	.required      = required,
	.nrequired     = sizeof required / sizeof *required,
	.begin         = begin,
	.row           = row,
	.before_commit = before_commit,
	.end           = end,
};
