/*
 * employees.h — an employer's employees: list, read, create, change.  Every
 * function takes the employer id and binds it, so one tenant never reaches
 * another's rows.  Field rules (check digits, plausibility) live here only.
 */
#ifndef OPENBAV_EMPLOYEES_H
#define OPENBAV_EMPLOYEES_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/date.h"
#include "db/db.h"

enum { EMPLOYEE_PAGE_MAX = 500 };

struct employee {
	int64_t id, employer_id, user_id, updated_at;
	char    personnel_number[33], last_name[101], first_name[101];
	day_t   birth_date;
	bool    has_entry, has_exit, has_gross;
	day_t   entry_date, exit_date;
	char    email[255], iban[35], svnr[13], steuer_id[12];
	int     tax_class; /* 0: not given */
	int64_t monthly_gross_cents;
	char    employer_name[201]; /* filled by employees_of_user */
};

/* Text fields as received (form, JSON, import): NULL = not given (keep on
 * change), "" = clear an optional field.  Money in euros with decimal comma
 * or point, dates YYYY-MM-DD or DD.MM.YYYY. */
struct employee_input {
	const char *personnel_number, *last_name, *first_name, *birth_date, *entry_date,
		*exit_date, *email, *iban, *svnr, *steuer_id, *tax_class, *monthly_gross;
};

typedef void (*employee_fn)(const struct employee *, void *);

/* Page by name order (UI): offset pagination with the total.  Fills only the
 * list columns (id, numbers, names, dates, e-mail). */
enum app_rc employees_page(struct db *db, int64_t employer_id, const char *q, int64_t limit,
                           int64_t offset, int64_t *total, employee_fn fn, void *ctx);
/* By id after a cursor (API); *next is the last id when more may follow, else 0. */
enum app_rc employees_after(struct db *db, int64_t employer_id, const char *q, int64_t after,
                            int64_t limit, int64_t *next, employee_fn fn, void *ctx);
enum app_rc employee_get(struct db *db, int64_t employer_id, int64_t id, struct employee *out);
/* The employee records linked to a user's login (the employee portal). */
enum app_rc employees_of_user(struct db *db, int64_t user_id, employee_fn fn, void *ctx);

/* Writes with their history (app/history.h); user_id 0 = command line.
 * Callers own the transaction. */
struct app_err employee_create(struct db *db, int64_t employer_id, const struct employee_input *in,
                               int64_t now, int64_t user_id, int64_t *id);
struct app_err employee_update(struct db *db, int64_t employer_id, int64_t id,
                               const struct employee_input *in, int64_t now, int64_t user_id);
/* Stores e (already checked by employee_apply): insert when e->id is 0, else
 * update with a history row per changed field; action "create"/"update"/"import".
 * An insert leaves the employer's employee count to the caller: call
 * employees_counted() with the number inserted, in the same transaction
 * (once per import instead of once per row). */
struct app_err employee_save(struct db *db, struct employee *e, const struct employee *before,
                             const char *action, int64_t now, int64_t user_id);
bool employees_counted(struct db *db, int64_t employer_id, int64_t added);
/* Looks up an employee by personnel number: APP_OK, APP_NOT_FOUND or APP_ERROR. */
enum app_rc employee_by_number(struct db *db, int64_t employer_id, const char *number, struct employee *out);

/* The fields as text (history, import diffs): names and values in one order. */
enum { EMPLOYEE_FIELDS = 12 };
extern const char *const employee_field_names[EMPLOYEE_FIELDS];
void employee_field_text(const struct employee *e, int field, char *out, size_t outsz);
/* Calls fn for each field whose text differs; returns how many. */
int employee_diff(const struct employee *a, const struct employee *b,
                  void (*fn)(const char *field, const char *old_value, const char *new_value, void *ctx),
                  void *ctx);
/* Applies `in` over `e` and checks every rule; used by create, update and import. */
struct app_err employee_apply(struct employee *e, const struct employee_input *in, day_t today);

/* Parse "1234,56" / "1234.56" / "1.234,56" euros into cents; false if malformed. */
bool employee_parse_euros(const char *s, int64_t *cents);

#endif
