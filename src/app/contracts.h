/*
 * contracts.h — an employer's group contracts (Kollektivverträge with a
 * provider), the commitments (Zusagen) of its employees and their insurance
 * contracts.  Every function takes the employer id and binds it.  Field
 * rules live in the *_apply functions only; the vesting status and the PSV
 * relevance come from the law engine (core/vesting.h, core/psv.h).
 *
 * Text inputs as for employees: NULL = not given (keep on change), "" =
 * clear an optional field; money in euros "49,50", rates in per cent
 * "20" / "12,5", dates YYYY-MM-DD or DD.MM.YYYY, ids as decimal text.
 */
#ifndef OPENBAV_CONTRACTS_H
#define OPENBAV_CONTRACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "app/employees.h"
#include "core/date.h"
#include "core/explain.h"
#include "core/vesting.h"
#include "db/db.h"

/* ---- group contracts ----------------------------------------------------------- */
struct group_contract {
	int64_t id, employer_id, provider_id;
	char    number[65], product_line[101], vehicle[3], subsidy_rule[12];
	int64_t subsidy_value; /* percent: basis points; fixed: cents a month; else 0 */
	int64_t contribution_min_cents, contribution_max_cents; /* a month */
	char    provider_name[201];
};
struct group_contract_input {
	const char *provider_id, *number, *product_line, *vehicle, *subsidy_rule, *subsidy_value,
		*contribution_min, *contribution_max;
};
struct app_err group_contract_apply(struct db *db, struct group_contract *g, const struct group_contract_input *in);
struct app_err group_contract_create(struct db *db, int64_t employer_id, const struct group_contract_input *in,
                                     int64_t now, int64_t user_id, int64_t *id);
struct app_err group_contract_update(struct db *db, int64_t employer_id, int64_t id,
                                     const struct group_contract_input *in, int64_t now, int64_t user_id);
enum app_rc    group_contract_get(struct db *db, int64_t employer_id, int64_t id, struct group_contract *out);
enum app_rc    group_contracts_of(struct db *db, int64_t employer_id,
                                  void (*fn)(const struct group_contract *, void *), void *ctx);

/* ---- commitments (Zusagen) --------------------------------------------------------- */
struct commitment {
	int64_t id, employer_id, employee_id, group_contract_id; /* 0: none */
	char    vehicle[3], type[5], financing[9];
	bool    has_share;
	int     employer_share_bp; /* mixed only */
	day_t   service_start, commitment_start;
	bool    taken_over, has_original_service, has_original_commitment;
	char    original_employer[201];
	day_t   original_service_start, original_commitment_start;
	bool    psv_relevant; /* computed by core/psv */
	int64_t created_at, updated_at;
};
struct commitment_input {
	const char *group_contract_id, *vehicle, *type, *financing, *employer_share, *service_start,
		*commitment_start, *taken_over, *original_employer, *original_service_start,
		*original_commitment_start;
};
/* The rules (DOMAIN 1.6, 2.5), then the PSV relevance; e is the employee. */
struct app_err commitment_apply(struct db *db, struct commitment *c, const struct employee *e,
                                const struct commitment_input *in, day_t today);
struct app_err commitment_create(struct db *db, int64_t employer_id, int64_t employee_id,
                                 const struct commitment_input *in, int64_t now, int64_t user_id, int64_t *id);
struct app_err commitment_update(struct db *db, int64_t employer_id, int64_t id, const struct commitment_input *in,
                                 int64_t now, int64_t user_id);
/* Stores c (checked by commitment_apply): insert when before is NULL, else
 * update; history rows with action ("create"/"update" when NULL, "import").
 * Callers own the transaction. */
struct app_err commitment_save(struct db *db, struct commitment *c, const struct commitment *before,
                               const char *action, int64_t now, int64_t user_id);
enum app_rc    commitment_get(struct db *db, int64_t employer_id, int64_t id, struct commitment *out);
/* employee_id 0: all of the employer's commitments, by employee. */
enum app_rc    commitments_of(struct db *db, int64_t employer_id, int64_t employee_id,
                              void (*fn)(const struct commitment *, void *), void *ctx);

/* The vesting status (§ 1b, § 30f BetrAVG) of a commitment, by core/vesting:
 * the employee's birth and exit dates, the commitment's (original) dates. */
struct commitment_vesting {
	enum vest_status   status; /* VEST_OK or why the law engine refused the dates */
	bool               has_exit;
	struct vest_result r;
	struct explain     why; /* the trail, for the page's explanation */
};
void commitment_vesting(const struct commitment *c, const struct employee *e, struct commitment_vesting *out);

/* ---- insurance contracts ------------------------------------------------------------ */
struct insurance_contract {
	int64_t id, employer_id, employee_id, commitment_id, group_contract_id; /* 0: none */
	char    policy_number[41], tariff[101];
	day_t   start_date, status_since;
	int64_t contribution_cents;
	char    payment_mode[12], riders[101], beneficiary[24], status[20];
	char    provider_name[201]; /* through the group contract, "" if none */
};
struct insurance_input {
	const char *commitment_id, *group_contract_id, *policy_number, *tariff, *start_date, *contribution,
		*payment_mode, *riders, *beneficiary, *status, *status_since;
};
struct app_err insurance_apply(struct db *db, struct insurance_contract *ic, const struct employee *e,
                               const struct insurance_input *in, day_t today);
/* insurance_apply under the commitment c as it is to be stored — already
 * checked by commitment_apply, perhaps not stored yet (c->id 0: the caller
 * links ic to it after saving it).  in->commitment_id is not read.  The
 * import checks a row's commitment and contract before writing either. */
struct app_err insurance_apply_under(struct db *db, struct insurance_contract *ic, const struct employee *e,
                                     const struct insurance_input *in, day_t today, const struct commitment *c);
/* Stores ic (checked by insurance_apply*) as commitment_save does; then the
 * PSV relevance of the linked commitment(s) follows. */
struct app_err insurance_save(struct db *db, struct insurance_contract *ic, const struct insurance_contract *before,
                              const char *action, int64_t now, int64_t user_id);
enum app_rc    insurance_by_policy(struct db *db, int64_t employer_id, const char *policy_number,
                                   struct insurance_contract *out);
/* Every policy number of the employer with its contract's id, added to out
 * (the import's lookups in memory). */
struct strmap;
enum app_rc    insurance_policies(struct db *db, int64_t employer_id, struct strmap *out);
struct app_err insurance_create(struct db *db, int64_t employer_id, int64_t employee_id,
                                const struct insurance_input *in, int64_t now, int64_t user_id, int64_t *id);
struct app_err insurance_update(struct db *db, int64_t employer_id, int64_t id, const struct insurance_input *in,
                                int64_t now, int64_t user_id);
enum app_rc    insurance_get(struct db *db, int64_t employer_id, int64_t id, struct insurance_contract *out);
/* The yearly Entgeltumwandlung of ic under its commitment c: contribution ×
 * payments a year (payment_mode); mixed: the employee share only (half-up to
 * the cent); employer-financed: 0.  insurance_apply checks it against the
 * § 1a BetrAVG limits of the start year (core/limits.h). */
int64_t insurance_conversion_per_year(const struct insurance_contract *ic, const struct commitment *c);
/* employee_id 0: all of the employer's contracts. */
enum app_rc    insurance_of(struct db *db, int64_t employer_id, int64_t employee_id,
                            void (*fn)(const struct insurance_contract *, void *), void *ctx);

/* ---- the employer-wide lists (pages and exports) ------------------------------------
 * In the employee list's order (name, then start), every filter optional: NULL
 * or "" / 0 = any.  q is matched like the employee search (app/employees.h:
 * name, personnel number, e-mail), for contracts also against the policy
 * number.  Codes are checked by the caller (the route's parameter table); an
 * unknown code matches nothing.  total (unless NULL) receives the number of
 * matching records: unfiltered by an index-only count, filtered by counting
 * the matches.  limit ≤ 0: no limit (exports). */
struct insurance_filter {
	const char *q, *status, *vehicle; /* vehicle: the commitment's, else the group contract's */
	int64_t     employee_id, provider_id, group_contract_id;
};
struct insurance_row {
	struct insurance_contract ic;
	char personnel_number[33], last_name[101], first_name[101];
	char group_number[65], vehicle[3]; /* "" when none */
};
enum app_rc insurance_list(struct db *db, int64_t employer_id, const struct insurance_filter *f, int64_t limit,
                           int64_t offset, int64_t *total, void (*fn)(const struct insurance_row *, void *),
                           void *ctx);

struct commitment_filter {
	const char *q, *vehicle, *type, *financing;
	int64_t     employee_id;
};
struct commitment_row {
	struct commitment c;
	/* the person's list columns: id, employer_id, personnel_number, names, birth
	 * and exit date (what commitment_vesting reads); the rest stays empty */
	struct employee e;
	char            group_number[65], provider_name[201]; /* "" when none */
};
enum app_rc commitment_list(struct db *db, int64_t employer_id, const struct commitment_filter *f, int64_t limit,
                            int64_t offset, int64_t *total, void (*fn)(const struct commitment_row *, void *),
                            void *ctx);

/* The fields as the history writes them (ISO dates, "49.50", codes, ids):
 * fn for each field whose text differs between before and after; before
 * NULL: each field of after that has a text (old "").  Returns how many. */
int commitment_diff(const struct commitment *before, const struct commitment *after,
                    void (*fn)(const char *field, const char *old_value, const char *new_value, void *ctx), void *ctx);
int insurance_diff(const struct insurance_contract *before, const struct insurance_contract *after,
                   void (*fn)(const char *field, const char *old_value, const char *new_value, void *ctx), void *ctx);

#endif
