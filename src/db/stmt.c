/*
 * stmt.c — the text of every SQL statement, addressed by enum db_stmt.
 * Portable SQL understood by SQLite and PostgreSQL alike; values are always
 * bound ($n), never spliced.  Tenant-scoped statements take employer_id as a
 * bound parameter.  Column order of the employee statements is EMPLOYEE_COLS
 * (see app/employees.c for the reader).
 */
#include "db/stmt.h"

/* Added by migration 003: columns 16..28 of EMPLOYEE_COLS. */
#define EMPLOYEE_DETAIL_COLS                                                                 \
	"sex, street, postcode, city, phone, child_allowance_tenths, church_tax, "            \
	"health_insurance, health_additional_bp, federal_state, probation_end, exit_reason, " \
	"weekly_hours_centi"
#define EMPLOYEE_COLS                                                                        \
	"id, employer_id, personnel_number, last_name, first_name, birth_date, entry_date, " \
	"exit_date, email, iban, svnr, steuer_id, tax_class, monthly_gross_cents, user_id, " \
	"updated_at, " EMPLOYEE_DETAIL_COLS
/* The list page shows these only (the first columns of EMPLOYEE_COLS, in order). */
#define EMPLOYEE_LIST_COLS                                                                   \
	"id, employer_id, personnel_number, last_name, first_name, birth_date, entry_date, " \
	"exit_date, email"
#define USER_COLS "id, email, name, password_hash, operator_role, totp_secret, totp_pending, " \
	          "totp_last_step, disabled"
/* Employees not yet gone on day $1: the kept total less those who left before
 * it — an index range over the leavers only (employees_active), not over
 * every employee, so the operator's list of all employers stays cheap. */
#define HEADCOUNT                                                                          \
	"(e.employee_count - (SELECT count(*) FROM employees x WHERE x.employer_id = e.id AND " \
	"x.exit_date < $1))"

/* Migration 004: the column order the readers of app/providers.c and app/contracts.c expect. */
#define GROUP_CONTRACT_COLS                                                                   \
	"g.id, g.employer_id, g.provider_id, g.number, g.product_line, g.vehicle, g.subsidy_rule, " \
	"g.subsidy_value, g.contribution_min_cents, g.contribution_max_cents, p.name"
#define COMMITMENT_COLS                                                                        \
	"id, employer_id, employee_id, group_contract_id, vehicle, type, financing, "             \
	"employer_share_bp, service_start, commitment_start, taken_over, original_employer, "     \
	"original_service_start, original_commitment_start, psv_relevant, created_at, updated_at"
#define INSURANCE_COLS                                                                         \
	"i.id, i.employer_id, i.employee_id, i.commitment_id, i.group_contract_id, "              \
	"i.policy_number, i.tariff, i.start_date, i.contribution_cents, i.payment_mode, "         \
	"i.riders, i.beneficiary, i.status, i.status_since, p.name"
#define INSURANCE_FROM                                                                         \
	" FROM insurance_contracts i LEFT JOIN group_contracts g ON g.id = i.group_contract_id " \
	"AND g.employer_id = i.employer_id LEFT JOIN providers p ON p.id = g.provider_id "

/* The employer-wide contract lists (pages and exports): the people in the
 * employee list's order (its index), their records through (employer_id,
 * employee_id).  CROSS JOIN keeps that loop order on SQLite (its documented
 * planner hint; for PostgreSQL a plain inner join): otherwise SQLite reads
 * the contracts first and sorts all of them for every page.  Filters bound
 * as "" / 0 mean "any"; an integer parameter is compared with its column
 * first, so that PostgreSQL types it as the column. */
#define INSURANCE_LIST_FROM                                                                          \
	" FROM employees e CROSS JOIN insurance_contracts i LEFT JOIN group_contracts g ON "            \
	"g.id = i.group_contract_id AND g.employer_id = i.employer_id LEFT JOIN providers p ON "        \
	"p.id = g.provider_id LEFT JOIN commitments c ON c.id = i.commitment_id AND "                   \
	"c.employer_id = i.employer_id WHERE i.employer_id = e.employer_id AND i.employee_id = e.id "    \
	"AND e.employer_id = $1 AND (i.employee_id = $2 OR $2 = 0) AND ($3 = '' OR e.search LIKE $3 "   \
	"ESCAPE '\\' OR lower(i.policy_number) LIKE $3 ESCAPE '\\') AND ($4 = '' OR i.status = $4) "    \
	"AND (i.group_contract_id = $5 OR $5 = 0) AND (g.provider_id = $6 OR $6 = 0) AND ($7 = '' OR "  \
	"coalesce(c.vehicle, g.vehicle) = $7)"
#define COMMITMENT_C_COLS                                                                             \
	"c.id, c.employer_id, c.employee_id, c.group_contract_id, c.vehicle, c.type, c.financing, "      \
	"c.employer_share_bp, c.service_start, c.commitment_start, c.taken_over, c.original_employer, "  \
	"c.original_service_start, c.original_commitment_start, c.psv_relevant, c.created_at, "          \
	"c.updated_at"
#define COMMITMENT_LIST_FROM                                                                         \
	" FROM employees e CROSS JOIN commitments c LEFT JOIN group_contracts g ON "                    \
	"g.id = c.group_contract_id AND g.employer_id = c.employer_id LEFT JOIN providers p ON "        \
	"p.id = g.provider_id WHERE c.employer_id = e.employer_id AND c.employee_id = e.id AND "        \
	"e.employer_id = $1 AND "                                                                      \
	"(c.employee_id = $2 OR $2 = 0) AND ($3 = '' OR e.search LIKE $3 ESCAPE '\\') AND "            \
	"($4 = '' OR c.vehicle = $4) AND ($5 = '' OR c.type = $5) AND ($6 = '' OR c.financing = $6)"
/* The employee list by status (app/employees.c): active = no exit date or
 * one today or later (as the headcount), left = an exit date before today. */
#define EMPLOYEE_SEARCHED "FROM employees WHERE employer_id = $1 AND ($2 = '' OR search LIKE $2 ESCAPE '\\') "
#define EMPLOYEE_ACTIVE   "AND (exit_date IS NULL OR exit_date >= $3)"
#define EMPLOYEE_LEFT     "AND exit_date < $3"

/* backup.c (openbav copy, openbav checksum): every column of every table, in the
 * schema's order (tests/unit/test_tables.c compares them with the migrated schema),
 * read a page at a time in key order and written back with the ids. */
#define COPY_READ(table, cols) "SELECT " cols " FROM " table " WHERE id > $1 ORDER BY id LIMIT $2"
#define COPY_EMPLOYERS \
	"id, name, street, postcode, city, betriebsnummer, employee_count, created_at"
#define COPY_USERS \
	"id, email, name, password_hash, operator_role, totp_secret, totp_pending, " \
	"totp_last_step, disabled, created_at"
#define COPY_MEMBERSHIPS \
	"user_id, employer_id, role"
#define COPY_EMPLOYEES \
	"id, employer_id, personnel_number, last_name, first_name, birth_date, entry_date, " \
	"exit_date, email, iban, svnr, steuer_id, tax_class, monthly_gross_cents, user_id, " \
	"search, sort_name, created_at, updated_at, sex, street, postcode, city, phone, " \
	"child_allowance_tenths, church_tax, health_insurance, health_additional_bp, " \
	"federal_state, probation_end, exit_reason, weekly_hours_centi"
#define COPY_SESSIONS \
	"id, token_hash, user_id, csrf, mfa_pending, created_at, last_seen, expires_at"
#define COPY_API_TOKENS \
	"id, user_id, token_hash, label, created_at, last_used, revoked_at"
#define COPY_LOGIN_FAILURES \
	"id, scope, key, at"
#define COPY_SALARIES \
	"id, employer_id, employee_id, valid_from, monthly_gross_cents"
#define COPY_ABSENCES \
	"id, employer_id, employee_id, kind, from_date, to_date"
#define COPY_PROVIDERS \
	"id, name, vehicles, created_at"
#define COPY_GROUP_CONTRACTS \
	"id, employer_id, provider_id, number, product_line, vehicle, subsidy_rule, " \
	"subsidy_value, contribution_min_cents, contribution_max_cents, created_at, " \
	"updated_at"
#define COPY_COMMITMENTS \
	"id, employer_id, employee_id, group_contract_id, vehicle, type, financing, " \
	"employer_share_bp, service_start, commitment_start, taken_over, original_employer, " \
	"original_service_start, original_commitment_start, psv_relevant, created_at, " \
	"updated_at"
#define COPY_INSURANCE_CONTRACTS \
	"id, employer_id, employee_id, commitment_id, group_contract_id, policy_number, " \
	"tariff, start_date, contribution_cents, payment_mode, riders, beneficiary, status, " \
	"status_since, created_at, updated_at"
#define COPY_CHANGES \
	"id, employer_id, entity, entity_id, action, field, old_value, new_value, user_id, at"

static const struct {
	const char *name, *sql;
} stmts[STMT__COUNT] = {
#define S(id, text) [STMT_##id] = {#id, text}
	S(USER_BY_EMAIL, "SELECT " USER_COLS " FROM users WHERE email = $1"),
	S(USER_BY_ID, "SELECT " USER_COLS " FROM users WHERE id = $1"),
	S(USER_INSERT, "INSERT INTO users (email, name, password_hash, operator_role, created_at) "
	               "VALUES ($1, $2, $3, $4, $5)"),
	S(USER_SET_PASSWORD, "UPDATE users SET password_hash = $2 WHERE id = $1"),
	S(USER_SET_TOTP_PENDING, "UPDATE users SET totp_pending = $2 WHERE id = $1"),
	S(USER_TOTP_ENABLE, "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, "
	                    "totp_last_step = $2 WHERE id = $1 AND totp_pending IS NOT NULL"),
	S(USER_TOTP_DISABLE, "UPDATE users SET totp_secret = NULL, totp_pending = NULL WHERE id = $1"),
	S(USER_SET_TOTP_STEP, "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND "
	                      "totp_last_step < $2"),
	S(MEMBERSHIPS_OF_USER, "SELECT m.employer_id, e.name, m.role FROM memberships m JOIN "
	                       "employers e ON e.id = m.employer_id WHERE m.user_id = $1 "
	                       "ORDER BY e.name, e.id"),
	S(MEMBERSHIP_ROLE, "SELECT role FROM memberships WHERE user_id = $1 AND employer_id = $2"),
	S(MEMBERSHIP_INSERT, "INSERT INTO memberships (user_id, employer_id, role) VALUES ($1, $2, $3)"),

	S(SESSION_INSERT, "INSERT INTO sessions (token_hash, user_id, csrf, mfa_pending, "
	                  "created_at, last_seen, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)"),
	S(SESSION_BY_HASH, "SELECT s.id, s.user_id, s.csrf, s.mfa_pending, s.last_seen, "
	                   "s.expires_at, u.email, u.name, u.operator_role FROM sessions s JOIN "
	                   "users u ON u.id = s.user_id WHERE s.token_hash = $1 AND "
	                   "s.expires_at > $2 AND u.disabled = 0"),
	S(SESSION_TOUCH, "UPDATE sessions SET last_seen = $2, expires_at = $3 WHERE id = $1"),
	S(SESSION_MFA_DONE, "UPDATE sessions SET mfa_pending = 0 WHERE id = $1"),
	S(SESSION_DELETE, "DELETE FROM sessions WHERE id = $1"),
	S(SESSION_DELETE_OTHERS, "DELETE FROM sessions WHERE user_id = $1 AND id <> $2"),
	S(SESSION_PURGE, "DELETE FROM sessions WHERE expires_at <= $1"),
	S(TOKEN_INSERT, "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES "
	                "($1, $2, $3, $4)"),
	S(TOKEN_BY_HASH, "SELECT t.id, t.user_id, u.email, u.name, u.operator_role, t.last_used "
	                 "FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE "
	                 "t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0"),
	S(TOKEN_TOUCH, "UPDATE api_tokens SET last_used = $2 WHERE id = $1"),
	S(TOKEN_REVOKE, "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL"),
	S(TOKEN_LIST, "SELECT t.id, u.email, t.label, t.created_at, t.last_used, t.revoked_at FROM "
	              "api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id"),
	S(FAILURE_INSERT, "INSERT INTO login_failures (scope, key, at) VALUES ($1, $2, $3)"),
	S(FAILURE_COUNT, "SELECT count(*) FROM login_failures WHERE scope = $1 AND key = $2 AND at > $3"),
	S(FAILURE_CLEAR, "DELETE FROM login_failures WHERE scope = $1 AND key = $2"),
	S(FAILURE_PURGE, "DELETE FROM login_failures WHERE at <= $1"),

	S(EMPLOYER_INSERT, "INSERT INTO employers (name, street, postcode, city, betriebsnummer, "
	                   "created_at) VALUES ($1, $2, $3, $4, $5, $6)"),
	S(EMPLOYER_BY_ID, "SELECT e.id, e.name, e.street, e.postcode, e.city, e.betriebsnummer, "
	                  HEADCOUNT " FROM employers e WHERE e.id = $2"),
	S(EMPLOYER_LIST_ALL, "SELECT e.id, e.name, e.street, e.postcode, e.city, e.betriebsnummer, "
	                     HEADCOUNT ", NULL FROM employers e ORDER BY e.name, e.id"),
	S(EMPLOYER_LIST_FOR_USER, "SELECT e.id, e.name, e.street, e.postcode, e.city, "
	                          "e.betriebsnummer, " HEADCOUNT ", m.role FROM employers e JOIN "
	                          "memberships m ON m.employer_id = e.id WHERE m.user_id = $2 "
	                          "ORDER BY e.name, e.id"),
	S(EMPLOYER_COUNT, "SELECT count(*) FROM employers"),
	S(EMPLOYER_HEADER, "SELECT name FROM employers WHERE id = $1"),
	S(EMPLOYER_EXISTS, "SELECT 1 FROM employers WHERE id = $1"),

	S(EMPLOYEE_INSERT, "INSERT INTO employees (employer_id, personnel_number, last_name, "
	                   "first_name, birth_date, entry_date, exit_date, email, iban, svnr, "
	                   "steuer_id, tax_class, monthly_gross_cents, " EMPLOYEE_DETAIL_COLS ", "
	                   "search, sort_name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
	                   "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
	                   "$21, $22, $23, $24, $25, $26, $27, $28, $29, $29)"),
	S(EMPLOYEE_UPDATE, "UPDATE employees SET personnel_number = $3, last_name = $4, "
	                   "first_name = $5, birth_date = $6, entry_date = $7, exit_date = $8, "
	                   "email = $9, iban = $10, svnr = $11, steuer_id = $12, tax_class = $13, "
	                   "monthly_gross_cents = $14, sex = $15, street = $16, postcode = $17, "
	                   "city = $18, phone = $19, child_allowance_tenths = $20, church_tax = $21, "
	                   "health_insurance = $22, health_additional_bp = $23, federal_state = $24, "
	                   "probation_end = $25, exit_reason = $26, weekly_hours_centi = $27, "
	                   "search = $28, sort_name = $29, updated_at = $30 "
	                   "WHERE employer_id = $1 AND id = $2"),
	S(EMPLOYEE_BY_ID, "SELECT " EMPLOYEE_COLS " FROM employees WHERE employer_id = $1 AND id = $2"),
	S(EMPLOYEE_ID_BY_NUMBER, "SELECT id FROM employees WHERE employer_id = $1 AND "
	                         "personnel_number = $2"),
	S(EMPLOYEE_NUMBERS, "SELECT personnel_number, id FROM employees WHERE employer_id = $1"),
	S(EMPLOYEE_LIST_PAGE, "SELECT " EMPLOYEE_LIST_COLS " FROM employees WHERE employer_id = $1 "
	                      "ORDER BY employer_id, sort_name, id LIMIT $2 OFFSET $3"),
	S(EMPLOYEE_LIST_SEARCH, "SELECT " EMPLOYEE_LIST_COLS " FROM employees WHERE employer_id = $1 "
	                        "AND search LIKE $2 ESCAPE '\\' ORDER BY employer_id, sort_name, id "
	                        "LIMIT $3 OFFSET $4"),
	S(EMPLOYEE_COUNT, "SELECT count(*) FROM employees WHERE employer_id = $1 AND search LIKE $2 "
	                  "ESCAPE '\\'"),
	S(EMPLOYEE_TOTAL, "SELECT employee_count FROM employers WHERE id = $1"),
	S(EMPLOYEE_COUNT_ADD, "UPDATE employers SET employee_count = employee_count + $2 WHERE id = $1"),
	S(EMPLOYEE_LIST_AFTER, "SELECT " EMPLOYEE_COLS " FROM employees WHERE employer_id = $1 AND "
	                       "($2 = '' OR search LIKE $2 ESCAPE '\\') AND id > $3 ORDER BY id "
	                       "LIMIT $4"),
	S(EMPLOYEES_OF_USER, "SELECT x.id, x.employer_id, x.personnel_number, x.last_name, "
	                     "x.first_name, x.birth_date, x.entry_date, x.exit_date, x.email, x.iban, "
	                     "x.svnr, x.steuer_id, x.tax_class, x.monthly_gross_cents, x.user_id, "
	                     "x.updated_at, x.sex, x.street, x.postcode, x.city, x.phone, "
	                     "x.child_allowance_tenths, x.church_tax, x.health_insurance, "
	                     "x.health_additional_bp, x.federal_state, x.probation_end, "
	                     "x.exit_reason, x.weekly_hours_centi, e.name FROM employees x JOIN employers e ON e.id = "
	                     "x.employer_id WHERE x.user_id = $1 ORDER BY e.name, x.id"),
	S(EMPLOYEE_LINK_USER, "UPDATE employees SET user_id = $3 WHERE employer_id = $1 AND id = $2"),

	S(SALARY_INSERT, "INSERT INTO salaries (employer_id, employee_id, valid_from, "
	                 "monthly_gross_cents) VALUES ($1, $2, $3, $4)"),
	S(SALARIES_OF, "SELECT id, valid_from, monthly_gross_cents FROM salaries WHERE "
	               "employer_id = $1 AND employee_id = $2 ORDER BY valid_from DESC"),
	S(SALARY_IN_FORCE, "SELECT id, valid_from, monthly_gross_cents FROM salaries WHERE "
	                   "employer_id = $1 AND employee_id = $2 AND valid_from <= $3 "
	                   "ORDER BY valid_from DESC LIMIT 1"),
	S(ABSENCE_INSERT, "INSERT INTO absences (employer_id, employee_id, kind, from_date, to_date) "
	                  "VALUES ($1, $2, $3, $4, $5)"),
	S(ABSENCES_OF, "SELECT id, kind, from_date, to_date FROM absences WHERE employer_id = $1 "
	               "AND employee_id = $2 ORDER BY from_date DESC, id DESC"),
	/* $5: the new period's end, or a day far in the future for an open end. */
	S(ABSENCE_OVERLAP, "SELECT id FROM absences WHERE employer_id = $1 AND employee_id = $2 AND "
	                   "kind = $3 AND from_date <= $5 AND (to_date IS NULL OR to_date >= $4) "
	                   "LIMIT 1"),

	S(PROVIDER_INSERT, "INSERT INTO providers (name, vehicles, created_at) VALUES ($1, $2, $3)"),
	S(PROVIDER_BY_ID, "SELECT id, name, vehicles FROM providers WHERE id = $1"),
	S(PROVIDER_LIST, "SELECT id, name, vehicles FROM providers ORDER BY name, id"),
	S(GROUP_CONTRACT_INSERT, "INSERT INTO group_contracts (employer_id, provider_id, number, product_line, "
	                         "vehicle, subsidy_rule, subsidy_value, contribution_min_cents, "
	                         "contribution_max_cents, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
	                         "$6, $7, $8, $9, $10, $10)"),
	S(GROUP_CONTRACT_UPDATE, "UPDATE group_contracts SET provider_id = $3, number = $4, product_line = $5, "
	                         "vehicle = $6, subsidy_rule = $7, subsidy_value = $8, contribution_min_cents = $9, "
	                         "contribution_max_cents = $10, updated_at = $11 WHERE employer_id = $1 AND id = $2"),
	S(GROUP_CONTRACT_BY_ID, "SELECT " GROUP_CONTRACT_COLS " FROM group_contracts g JOIN providers p ON "
	                        "p.id = g.provider_id WHERE g.employer_id = $1 AND g.id = $2"),
	S(GROUP_CONTRACTS_OF, "SELECT " GROUP_CONTRACT_COLS " FROM group_contracts g JOIN providers p ON "
	                      "p.id = g.provider_id WHERE g.employer_id = $1 ORDER BY p.name, g.number, g.id"),
	S(COMMITMENT_INSERT, "INSERT INTO commitments (employer_id, employee_id, group_contract_id, vehicle, type, "
	                     "financing, employer_share_bp, service_start, commitment_start, taken_over, "
	                     "original_employer, original_service_start, original_commitment_start, "
	                     "psv_relevant, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
	                     "$10, $11, $12, $13, $14, $15, $15)"),
	S(COMMITMENT_UPDATE, "UPDATE commitments SET group_contract_id = $3, vehicle = $4, type = $5, "
	                     "financing = $6, employer_share_bp = $7, service_start = $8, commitment_start = $9, "
	                     "taken_over = $10, original_employer = $11, original_service_start = $12, "
	                     "original_commitment_start = $13, psv_relevant = $14, updated_at = $15 "
	                     "WHERE employer_id = $1 AND id = $2"),
	S(COMMITMENT_BY_ID, "SELECT " COMMITMENT_COLS " FROM commitments WHERE employer_id = $1 AND id = $2"),
	S(COMMITMENTS_OF, "SELECT " COMMITMENT_COLS " FROM commitments WHERE employer_id = $1 AND "
	                  "employee_id = $2 ORDER BY commitment_start, id"),
	S(COMMITMENT_SET_PSV, "UPDATE commitments SET psv_relevant = $3 WHERE employer_id = $1 AND id = $2"),
	S(INSURANCE_INSERT, "INSERT INTO insurance_contracts (employer_id, employee_id, commitment_id, "
	                    "group_contract_id, policy_number, tariff, start_date, contribution_cents, "
	                    "payment_mode, riders, beneficiary, status, status_since, created_at, updated_at) "
	                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)"),
	S(INSURANCE_UPDATE, "UPDATE insurance_contracts SET commitment_id = $3, group_contract_id = $4, "
	                    "policy_number = $5, tariff = $6, start_date = $7, contribution_cents = $8, "
	                    "payment_mode = $9, riders = $10, beneficiary = $11, status = $12, "
	                    "status_since = $13, updated_at = $14 WHERE employer_id = $1 AND id = $2"),
	S(INSURANCE_BY_ID, "SELECT " INSURANCE_COLS INSURANCE_FROM "WHERE i.employer_id = $1 AND i.id = $2"),
	S(INSURANCE_OF_EMPLOYEE, "SELECT " INSURANCE_COLS INSURANCE_FROM "WHERE i.employer_id = $1 AND "
	                         "i.employee_id = $2 ORDER BY i.start_date, i.id"),
	S(INSURANCE_OF_EMPLOYER, "SELECT " INSURANCE_COLS INSURANCE_FROM "WHERE i.employer_id = $1 "
	                         "ORDER BY i.employee_id, i.start_date, i.id"),
	/* DV: a revocable Bezugsrecht or the employer as beneficiary makes the commitment PSV-relevant. */
	S(INSURANCE_REVOCABLE_OF, "SELECT count(*) FROM insurance_contracts WHERE employer_id = $1 AND "
	                          "commitment_id = $2 AND beneficiary <> 'employee_irrevocable'"),

	S(CHANGE_INSERT, "INSERT INTO changes (employer_id, entity, entity_id, action, field, old_value, "
	                 "new_value, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"),
	S(CHANGES_OF, "SELECT c.id, c.action, c.field, c.old_value, c.new_value, c.at, u.name FROM changes c "
	              "LEFT JOIN users u ON u.id = c.user_id WHERE c.employer_id = $1 AND c.entity = $2 AND "
	              "c.entity_id = $3 ORDER BY c.id DESC LIMIT $4"),

	S(MIGRATION_VERSION, "SELECT coalesce(max(version), 0) FROM schema_migrations"),
	S(MIGRATION_RECORD, "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
	                    "($1, $2, $3)"),

	/* backup.c: the copy of every table (COPY_READ: keys after $1…, at most $n rows) */
	S(COPY_READ_EMPLOYERS, COPY_READ("employers", COPY_EMPLOYERS)),
	S(COPY_WRITE_EMPLOYERS, "INSERT INTO employers (" COPY_EMPLOYERS ") VALUES "
	                        "($1, $2, $3, $4, $5, $6, $7, $8)"),
	S(COPY_READ_USERS, COPY_READ("users", COPY_USERS)),
	S(COPY_WRITE_USERS, "INSERT INTO users (" COPY_USERS ") VALUES "
	                        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"),
	S(COPY_READ_MEMBERSHIPS, "SELECT " COPY_MEMBERSHIPS " FROM memberships WHERE user_id > $1 OR (user_id = $1 AND "
	                       "employer_id > $2) ORDER BY user_id, employer_id LIMIT $3"),
	S(COPY_WRITE_MEMBERSHIPS, "INSERT INTO memberships (" COPY_MEMBERSHIPS ") VALUES "
	                        "($1, $2, $3)"),
	S(COPY_READ_EMPLOYEES, COPY_READ("employees", COPY_EMPLOYEES)),
	S(COPY_WRITE_EMPLOYEES, "INSERT INTO employees (" COPY_EMPLOYEES ") VALUES "
	                        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
	                        "$19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32)"),
	S(COPY_READ_SESSIONS, COPY_READ("sessions", COPY_SESSIONS)),
	S(COPY_WRITE_SESSIONS, "INSERT INTO sessions (" COPY_SESSIONS ") VALUES "
	                        "($1, $2, $3, $4, $5, $6, $7, $8)"),
	S(COPY_READ_API_TOKENS, COPY_READ("api_tokens", COPY_API_TOKENS)),
	S(COPY_WRITE_API_TOKENS, "INSERT INTO api_tokens (" COPY_API_TOKENS ") VALUES "
	                        "($1, $2, $3, $4, $5, $6, $7)"),
	S(COPY_READ_LOGIN_FAILURES, COPY_READ("login_failures", COPY_LOGIN_FAILURES)),
	S(COPY_WRITE_LOGIN_FAILURES, "INSERT INTO login_failures (" COPY_LOGIN_FAILURES ") VALUES "
	                        "($1, $2, $3, $4)"),
	S(COPY_READ_SALARIES, COPY_READ("salaries", COPY_SALARIES)),
	S(COPY_WRITE_SALARIES, "INSERT INTO salaries (" COPY_SALARIES ") VALUES "
	                        "($1, $2, $3, $4, $5)"),
	S(COPY_READ_ABSENCES, COPY_READ("absences", COPY_ABSENCES)),
	S(COPY_WRITE_ABSENCES, "INSERT INTO absences (" COPY_ABSENCES ") VALUES "
	                        "($1, $2, $3, $4, $5, $6)"),
	S(COPY_READ_PROVIDERS, COPY_READ("providers", COPY_PROVIDERS)),
	S(COPY_WRITE_PROVIDERS, "INSERT INTO providers (" COPY_PROVIDERS ") VALUES "
	                        "($1, $2, $3, $4)"),
	S(COPY_READ_GROUP_CONTRACTS, COPY_READ("group_contracts", COPY_GROUP_CONTRACTS)),
	S(COPY_WRITE_GROUP_CONTRACTS, "INSERT INTO group_contracts (" COPY_GROUP_CONTRACTS ") VALUES "
	                        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"),
	S(COPY_READ_COMMITMENTS, COPY_READ("commitments", COPY_COMMITMENTS)),
	S(COPY_WRITE_COMMITMENTS, "INSERT INTO commitments (" COPY_COMMITMENTS ") VALUES "
	                        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"),
	S(COPY_READ_INSURANCE_CONTRACTS, COPY_READ("insurance_contracts", COPY_INSURANCE_CONTRACTS)),
	S(COPY_WRITE_INSURANCE_CONTRACTS, "INSERT INTO insurance_contracts (" COPY_INSURANCE_CONTRACTS ") VALUES "
	                        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"),
	S(COPY_READ_CHANGES, COPY_READ("changes", COPY_CHANGES)),
	S(COPY_WRITE_CHANGES, "INSERT INTO changes (" COPY_CHANGES ") VALUES "
	                        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"),

	/* the contracts import (keyed by policy number) and the contract exports */
	S(INSURANCE_BY_POLICY, "SELECT " INSURANCE_COLS INSURANCE_FROM "WHERE i.employer_id = $1 AND "
	                       "i.policy_number = $2"),
	S(INSURANCE_POLICIES, "SELECT policy_number, id FROM insurance_contracts WHERE employer_id = $1"),
	S(COMMITMENTS_OF_EMPLOYER, "SELECT " COMMITMENT_COLS " FROM commitments WHERE employer_id = $1 "
	                           "ORDER BY employee_id, commitment_start, id"),

	/* the employer-wide contract lists and the employee list's status filter */
	S(INSURANCE_LIST, "SELECT " INSURANCE_COLS ", e.personnel_number, e.last_name, e.first_name, g.number, "
	                  "coalesce(c.vehicle, g.vehicle)" INSURANCE_LIST_FROM " ORDER BY e.sort_name, e.id, "
	                  "i.start_date, i.id LIMIT $8 OFFSET $9"),
	S(INSURANCE_LIST_COUNT, "SELECT count(*)" INSURANCE_LIST_FROM),
	S(INSURANCE_TOTAL, "SELECT count(*) FROM insurance_contracts WHERE employer_id = $1"),
	S(COMMITMENT_LIST, "SELECT " COMMITMENT_C_COLS ", e.personnel_number, e.last_name, e.first_name, "
	                   "e.birth_date, e.exit_date, g.number, p.name" COMMITMENT_LIST_FROM " ORDER BY "
	                   "e.sort_name, e.id, c.commitment_start, c.id LIMIT $7 OFFSET $8"),
	S(COMMITMENT_LIST_COUNT, "SELECT count(*)" COMMITMENT_LIST_FROM),
	S(COMMITMENT_TOTAL, "SELECT count(*) FROM commitments WHERE employer_id = $1"),
	S(EMPLOYEE_LIST_ACTIVE, "SELECT " EMPLOYEE_LIST_COLS " " EMPLOYEE_SEARCHED EMPLOYEE_ACTIVE
	                        " ORDER BY employer_id, sort_name, id LIMIT $4 OFFSET $5"),
	S(EMPLOYEE_LIST_LEFT, "SELECT " EMPLOYEE_LIST_COLS " " EMPLOYEE_SEARCHED EMPLOYEE_LEFT
	                      " ORDER BY employer_id, sort_name, id LIMIT $4 OFFSET $5"),
	S(EMPLOYEE_COUNT_ACTIVE, "SELECT count(*) " EMPLOYEE_SEARCHED EMPLOYEE_ACTIVE),
	S(EMPLOYEE_COUNT_LEFT, "SELECT count(*) " EMPLOYEE_SEARCHED EMPLOYEE_LEFT),

	/* the operator's list of employers: a page, searched by name (lower-case pattern) */
	S(EMPLOYER_PAGE, "SELECT e.id, e.name, e.street, e.postcode, e.city, e.betriebsnummer, "
	                 HEADCOUNT ", NULL FROM employers e WHERE ($2 = '' OR lower(e.name) LIKE $2 "
	                 "ESCAPE '\\') ORDER BY e.name, e.id LIMIT $3 OFFSET $4"),
	S(EMPLOYER_PAGE_COUNT, "SELECT count(*) FROM employers e WHERE ($1 = '' OR lower(e.name) LIKE $1 "
	                       "ESCAPE '\\')"),
#undef S
};

const char *db_stmt_sql(enum db_stmt id) { return stmts[id].sql; }
const char *db_stmt_name(enum db_stmt id) { return stmts[id].name; }
