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
	int64_t monthly_gross_cents; /* the salary in force (salaries table) */
	/* migration 003: "" / has_… false = not given */
	char    sex[2];               /* f m d x */
	char    street[101], postcode[6], city[101], phone[31];
	bool    has_child_allowance, has_church_tax, church_tax, has_health_additional, has_probation,
		has_weekly_hours;
	int     child_allowance_tenths; /* 0..99, multiples of 5: 0,0 … 9,5 Kinderfreibeträge */
	char    health_insurance[10];   /* statutory | private */
	int     health_additional_bp;   /* Zusatzbeitrag in basis points: 170 = 1,70 % */
	char    federal_state[3];       /* BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH */
	day_t   probation_end;
	char    exit_reason[12];        /* resignation dismissal mutual fixed_term retirement death other */
	int     weekly_hours_centi;     /* 3850 = 38,50 hours */
	char    employer_name[201]; /* filled by employees_of_user */
};

/* Text fields as received (form, JSON, import): NULL = not given (keep on
 * change), "" = clear an optional field.  Money in euros with decimal comma
 * or point, dates YYYY-MM-DD or DD.MM.YYYY.  Enumerations take their code or
 * the German word ("weiblich", "gesetzlich", "Bayern", "Aufhebungsvertrag");
 * child_allowances "1,5", health_additional_rate in per cent "1,7",
 * weekly_hours "38,5"; church_tax ja/nein/true/false/1/0. */
struct employee_input {
	const char *personnel_number, *last_name, *first_name, *birth_date, *entry_date,
		*exit_date, *email, *iban, *svnr, *steuer_id, *tax_class, *monthly_gross;
	const char *sex, *street, *postcode, *city, *phone, *child_allowances, *church_tax,
		*health_insurance, *health_additional_rate, *federal_state, *probation_end,
		*exit_reason, *weekly_hours;
};

typedef void (*employee_fn)(const struct employee *, void *);

/* Page by name order (UI): offset pagination with the total.  Fills only the
 * list columns (id, numbers, names, dates, e-mail). */
enum app_rc employees_page(struct db *db, int64_t employer_id, const char *q, int64_t limit,
                           int64_t offset, int64_t *total, employee_fn fn, void *ctx);
/* The list's status filter: active = no exit date or one on or after today
 * (as the employer's headcount), left = an exit date before today. */
enum employee_status { EMPLOYEES_ALL, EMPLOYEES_ACTIVE, EMPLOYEES_LEFT };
/* employees_page with a status filter; EMPLOYEES_ALL is employees_page itself
 * (the unfiltered page and its kept total stay as they are). */
enum app_rc employees_page_status(struct db *db, int64_t employer_id, const char *q, enum employee_status status,
                                  day_t today, int64_t limit, int64_t offset, int64_t *total, employee_fn fn,
                                  void *ctx);
/* The search term as the LIKE pattern of the search column ("%term%", folded
 * like the column, wildcards escaped with '\'), or "" for none.  The contract
 * lists search the same column. */
void employees_like_pattern(char *dst, size_t dstsz, const char *q);
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
/* Every personnel number of the employer with the employee's id, added to
 * out (an import's lookups in memory instead of one query per row). */
struct strmap;
enum app_rc employee_numbers(struct db *db, int64_t employer_id, struct strmap *out);

/* The fields as text (history, import diffs): names and values in one order. */
enum { EMPLOYEE_FIELDS = 25 };
extern const char *const employee_field_names[EMPLOYEE_FIELDS];
void employee_field_text(const struct employee *e, int field, char *out, size_t outsz);
/* Calls fn for each field whose text differs; returns how many. */
int employee_diff(const struct employee *a, const struct employee *b,
                  void (*fn)(const char *field, const char *old_value, const char *new_value, void *ctx),
                  void *ctx);
/* Applies `in` over `e` and checks every rule; used by create, update and import. */
struct app_err employee_apply(struct employee *e, const struct employee_input *in, day_t today);

/* The input field of a field index (same order as employee_field_names). */
const char **employee_input_field(struct employee_input *in, int field);

/* Salary history (monthly gross from a day on) and absences (parental leave,
 * long sickness) of one employee; each add writes a history row ("salary",
 * "absence").  Text inputs as above; callers own the transaction. */
struct employee_salary {
	int64_t id, monthly_gross_cents;
	day_t   valid_from;
};
struct employee_absence {
	int64_t id;
	char    kind[16]; /* parental_leave | sickness */
	day_t   from_date, to_date;
	bool    has_to;
};
/* valid_from not before entry; one row per day; a row in force (valid_from
 * ≤ today, the latest such) becomes monthly_gross too. */
struct app_err employee_salary_add(struct db *db, int64_t employer_id, int64_t employee_id, const char *valid_from,
                                   const char *monthly_gross, int64_t now, int64_t user_id, int64_t *id);
enum app_rc    employee_salaries(struct db *db, int64_t employer_id, int64_t employee_id,
                                 void (*fn)(const struct employee_salary *, void *), void *ctx);
/* Within the employment (not before entry, not after exit), to ≥ from, no
 * overlap with another absence of the same kind; to_date NULL/"" = open end. */
struct app_err employee_absence_add(struct db *db, int64_t employer_id, int64_t employee_id, const char *kind,
                                    const char *from_date, const char *to_date, int64_t now, int64_t user_id,
                                    int64_t *id);
enum app_rc    employee_absences(struct db *db, int64_t employer_id, int64_t employee_id,
                                 void (*fn)(const struct employee_absence *, void *), void *ctx);

/* Parse "1234,56" / "1234.56" / "1.234,56" euros into cents; false if malformed. */
bool employee_parse_euros(const char *s, int64_t *cents);

#endif
