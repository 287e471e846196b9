/*
 * routes.c — every route: method, path, the action the authorization table
 * decides on, body limit, the allowed parameters, the handler.  A parameter
 * not listed here is refused before any handler runs.
 */
#include "web/web.h"
#include "app/import.h"

/* handlers */
void web_healthz(struct req *), web_metrics(struct req *), web_static(struct req *);
void web_login_form(struct req *), web_login(struct req *), web_totp_form(struct req *),
	web_totp(struct req *), web_logout(struct req *), web_lang(struct req *);
void web_account(struct req *), web_password(struct req *), web_totp_start(struct req *),
	web_totp_confirm(struct req *), web_totp_disable(struct req *);
void web_home(struct req *), web_operator_home(struct req *), web_broker_home(struct req *),
	web_employee_home(struct req *), web_employer_home(struct req *);
void web_api_me(struct req *), web_api_employers(struct req *), web_api_employee_list(struct req *),
	web_api_employee_get(struct req *), web_api_employee_create(struct req *),
	web_api_employee_patch(struct req *), web_api_calc(struct req *);
void web_api_salaries(struct req *), web_api_salary_add(struct req *), web_api_absences(struct req *),
	web_api_absence_add(struct req *), web_employee_salary_add(struct req *),
	web_employee_absence_add(struct req *);
void web_calc_index(struct req *), web_calc_form(struct req *), web_calc_submit(struct req *);
void web_employee_net_cost(struct req *), web_employer_net_cost(struct req *);
void web_api_import(struct req *);
void web_employee_detail(struct req *), web_employee_new_form(struct req *), web_employee_create(struct req *),
	web_employee_edit_form(struct req *), web_employee_update(struct req *), web_import_form(struct req *),
	web_import_submit(struct req *);
void web_export_employees_csv(struct req *), web_export_employees_xlsx(struct req *);
void web_export_group_contracts_csv(struct req *), web_export_group_contracts_xlsx(struct req *);
void web_export_commitments_csv(struct req *), web_export_commitments_xlsx(struct req *),
	web_export_insurance_csv(struct req *), web_export_insurance_xlsx(struct req *);
void web_api_providers(struct req *), web_api_provider_get(struct req *), web_api_provider_create(struct req *),
	web_api_group_contracts(struct req *), web_api_group_contract_get(struct req *),
	web_api_group_contract_create(struct req *), web_api_group_contract_patch(struct req *),
	web_api_commitments(struct req *), web_api_commitment_get(struct req *), web_api_commitment_create(struct req *),
	web_api_commitment_patch(struct req *), web_api_insurance_list(struct req *), web_api_insurance_get(struct req *),
	web_api_insurance_create(struct req *), web_api_insurance_patch(struct req *);
void web_group_contracts_page(struct req *), web_group_contract_add(struct req *),
	web_employee_commitment_add(struct req *), web_employee_insurance_add(struct req *);
void web_insurance_list_page(struct req *), web_commitment_list_page(struct req *);

struct web_config web_cfg;

enum { FORM_MAX = 16 * 1024, JSON_MAX = 64 * 1024 };

#define END {NULL, 0, 0, 0, 0, NULL}

static const struct param p_none[] = {END};
static const struct param p_next[] = {{"next", PT_STRING, PF_QUERY, 1, 512, NULL}, END};
static const struct param p_login[] = {
	{"email", PT_STRING, PF_BODY | PF_REQUIRED, 0, 254, NULL},
	{"password", PT_STRING, PF_BODY | PF_REQUIRED, 0, 256, NULL},
	{"next", PT_STRING, PF_QUERY | PF_BODY, 1, 512, NULL},
	END};
static const struct param p_code[] = {{"code", PT_STRING, PF_BODY | PF_REQUIRED, 0, 16, NULL}, END};
static const struct param p_password[] = {
	{"current_password", PT_STRING, PF_BODY | PF_REQUIRED, 0, 256, NULL},
	{"new_password", PT_STRING, PF_BODY | PF_REQUIRED, 0, 256, NULL},
	{"new_password2", PT_STRING, PF_BODY | PF_REQUIRED, 0, 256, NULL},
	END};
static const struct param p_current_password[] = {
	{"current_password", PT_STRING, PF_BODY | PF_REQUIRED, 0, 256, NULL}, END};
static const char *const employee_states[] = {"active", "left", "", NULL}; /* "": all */
static const struct param p_operator_home[] = {
	{"q", PT_STRING, PF_QUERY, 0, 100, NULL},
	{"page", PT_INT, PF_QUERY, 1, 1000000, NULL},
	END};
static const struct param p_employer_page[] = {
	{"q", PT_STRING, PF_QUERY, 0, 100, NULL},
	{"status", PT_ENUM, PF_QUERY, 0, 0, employee_states},
	{"page", PT_INT, PF_QUERY, 1, 1000000, NULL},
	END};
static const struct param p_employee_list[] = {
	{"q", PT_STRING, PF_QUERY, 0, 100, NULL},
	{"limit", PT_INT, PF_QUERY, 1, 500, NULL},
	{"cursor", PT_INT, PF_QUERY, 1, INT64_MAX, NULL},
	END};
#define NB (PF_BODY | PF_NULLABLE)
static const char *const import_kinds[] = {"employees", "contracts", NULL}; /* app/import.h */
static const struct param p_import_form[] = {{"kind", PT_ENUM, PF_QUERY, 0, 0, import_kinds}, END};
/* The employer's contract lists (pages_contract_lists.c) and their exports take the same
 * filters ("" / 0 = any); the exports also one employee's list (the record page's filter). */
static const char *const list_states[]     = {"active", "contribution_free", "terminated", "", NULL};
static const char *const list_vehicles[]   = {"DZ", "UK", "DV", "PK", "PF", "", NULL};
static const char *const list_types[]      = {"LZ", "BOLZ", "BZML", "", NULL};
static const char *const list_financings[] = {"employer", "employee", "mixed", "", NULL};
#define INSURANCE_LIST_FILTERS                                         \
	{"q", PT_STRING, PF_QUERY, 0, 100, NULL},                      \
	{"status", PT_ENUM, PF_QUERY, 0, 0, list_states},              \
	{"provider", PT_INT, PF_QUERY, 0, INT64_MAX, NULL},            \
	{"group_contract", PT_INT, PF_QUERY, 0, INT64_MAX, NULL},      \
	{"vehicle", PT_ENUM, PF_QUERY, 0, 0, list_vehicles}
#define COMMITMENT_LIST_FILTERS                                        \
	{"q", PT_STRING, PF_QUERY, 0, 100, NULL},                      \
	{"vehicle", PT_ENUM, PF_QUERY, 0, 0, list_vehicles},           \
	{"type", PT_ENUM, PF_QUERY, 0, 0, list_types},                 \
	{"financing", PT_ENUM, PF_QUERY, 0, 0, list_financings}
static const struct param p_insurance_page[] = {
	INSURANCE_LIST_FILTERS, {"page", PT_INT, PF_QUERY, 1, 1000000, NULL}, END};
static const struct param p_commitment_page[] = {
	COMMITMENT_LIST_FILTERS, {"page", PT_INT, PF_QUERY, 1, 1000000, NULL}, END};
static const struct param p_insurance_export[] = {
	{"employee_id", PT_INT, PF_QUERY, 1, INT64_MAX, NULL}, INSURANCE_LIST_FILTERS, END};
static const struct param p_commitment_export[] = {
	{"employee_id", PT_INT, PF_QUERY, 1, INT64_MAX, NULL}, COMMITMENT_LIST_FILTERS, END};
#undef INSURANCE_LIST_FILTERS
#undef COMMITMENT_LIST_FILTERS
static const struct param p_import[] = {
	{"kind", PT_ENUM, PF_QUERY | PF_REQUIRED, 0, 0, import_kinds},
	{"dry_run", PT_BOOL, PF_QUERY, 0, 0, NULL},
	{"all_or_nothing", PT_BOOL, PF_QUERY, 0, 0, NULL},
	{"rejects", PT_BOOL, PF_QUERY, 0, 0, NULL},
	END};
/* Enumerations of the employee record (app/employees.c maps German words for forms and imports). */
static const char *const sexes[]          = {"f", "m", "d", "x", "", NULL};
static const char *const insurances[]     = {"statutory", "private", "", NULL};
static const char *const federal_states[] = {"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI",
                                             "NW", "RP", "SL", "SN", "ST", "SH", "TH", "", NULL};
static const char *const exit_reasons[]   = {"resignation", "dismissal", "mutual", "fixed_term", "retirement",
                                             "death", "other", "", NULL};
static const char *const absence_kinds[]  = {"parental_leave", "sickness", NULL};
static const struct param p_employee[] = {
	{"personnel_number", PT_STRING, NB, 1, 32, NULL},
	{"last_name", PT_STRING, NB, 1, 100, NULL},
	{"first_name", PT_STRING, NB, 1, 100, NULL},
	{"birth_date", PT_DATE, NB, 0, 0, NULL},
	{"entry_date", PT_DATE, NB, 0, 0, NULL},
	{"exit_date", PT_DATE, NB, 0, 0, NULL},
	{"email", PT_EMAIL, NB, 0, 254, NULL},
	{"iban", PT_STRING, NB, 15, 42, NULL},
	{"svnr", PT_STRING, NB, 12, 14, NULL},
	{"steuer_id", PT_STRING, NB, 11, 14, NULL},
	{"tax_class", PT_INT, NB, 1, 6, NULL},
	{"monthly_gross_cents", PT_INT, NB, 0, 100000000, NULL},
	{"sex", PT_ENUM, NB, 0, 0, sexes},
	{"street", PT_STRING, NB, 0, 100, NULL},
	{"postcode", PT_STRING, NB, 0, 5, NULL},
	{"city", PT_STRING, NB, 0, 100, NULL},
	{"phone", PT_STRING, NB, 0, 30, NULL},
	{"child_allowance_tenths", PT_INT, NB, 0, 99, NULL},
	{"church_tax", PT_BOOL, NB, 0, 0, NULL},
	{"health_insurance", PT_ENUM, NB, 0, 0, insurances},
	{"health_additional_bp", PT_INT, NB, 0, 500, NULL},
	{"federal_state", PT_ENUM, NB, 0, 0, federal_states},
	{"probation_end", PT_DATE, NB, 0, 0, NULL},
	{"exit_reason", PT_ENUM, NB, 0, 0, exit_reasons},
	{"weekly_hours_centi", PT_INT, NB, 0, 6000, NULL},
	END};
static const struct param p_salary[] = {
	{"valid_from", PT_DATE, PF_BODY | PF_REQUIRED, 0, 0, NULL},
	{"monthly_gross_cents", PT_INT, PF_BODY | PF_REQUIRED, 0, 100000000, NULL},
	END};
static const struct param p_absence[] = {
	{"kind", PT_ENUM, PF_BODY | PF_REQUIRED, 0, 0, absence_kinds},
	{"from_date", PT_DATE, PF_BODY | PF_REQUIRED, 0, 0, NULL},
	{"to_date", PT_DATE, NB, 0, 0, NULL},
	END};
/* Providers and contracts (app/providers.c, app/contracts.c: the rules; here only types and sizes). */
static const char *const vehicle_codes[]   = {"DZ", "UK", "DV", "PK", "PF", NULL};
static const char *const subsidy_rules[]   = {"statutory15", "percent", "fixed", "none", NULL};
static const char *const commitment_types[] = {"LZ", "BOLZ", "BZML", NULL};
static const char *const financings[]      = {"employer", "employee", "mixed", NULL};
static const char *const payment_modes[]   = {"monthly", "quarterly", "half_yearly", "yearly", NULL};
static const char *const beneficiaries[]   = {"employee_irrevocable", "employee_revocable", "employer", NULL};
static const char *const contract_states[] = {"active", "contribution_free", "terminated", NULL};
static const struct param p_provider[] = {
	{"name", PT_STRING, PF_BODY | PF_REQUIRED, 1, 200, NULL},
	{"vehicles", PT_STRING, PF_BODY | PF_REQUIRED, 1, 40, NULL},
	END};
static const struct param p_group_contract[] = {
	{"provider_id", PT_INT, PF_BODY, 1, INT64_MAX, NULL},
	{"number", PT_STRING, PF_BODY, 1, 64, NULL},
	{"product_line", PT_STRING, NB, 0, 100, NULL},
	{"vehicle", PT_ENUM, PF_BODY, 0, 0, vehicle_codes},
	{"subsidy_rule", PT_ENUM, PF_BODY, 0, 0, subsidy_rules},
	{"subsidy_value", PT_INT, NB, 0, 100000000, NULL},
	{"contribution_min_cents", PT_INT, NB, 0, 100000000, NULL},
	{"contribution_max_cents", PT_INT, PF_BODY, 0, 100000000, NULL},
	END};
static const struct param p_commitment[] = {
	{"group_contract_id", PT_INT, NB, 1, INT64_MAX, NULL},
	{"vehicle", PT_ENUM, PF_BODY, 0, 0, vehicle_codes},
	{"type", PT_ENUM, PF_BODY, 0, 0, commitment_types},
	{"financing", PT_ENUM, PF_BODY, 0, 0, financings},
	{"employer_share_bp", PT_INT, NB, 0, 10000, NULL},
	{"service_start", PT_DATE, PF_BODY, 0, 0, NULL},
	{"commitment_start", PT_DATE, PF_BODY, 0, 0, NULL},
	{"taken_over", PT_BOOL, PF_BODY, 0, 0, NULL},
	{"original_employer", PT_STRING, NB, 0, 200, NULL},
	{"original_service_start", PT_DATE, NB, 0, 0, NULL},
	{"original_commitment_start", PT_DATE, NB, 0, 0, NULL},
	END};
#define INSURANCE_FIELDS                                                   \
	{"commitment_id", PT_INT, NB, 1, INT64_MAX, NULL},                 \
	{"group_contract_id", PT_INT, NB, 1, INT64_MAX, NULL},             \
	{"policy_number", PT_STRING, PF_BODY, 1, 40, NULL},                \
	{"tariff", PT_STRING, NB, 0, 100, NULL},                           \
	{"start_date", PT_DATE, PF_BODY, 0, 0, NULL},                      \
	{"contribution_cents", PT_INT, PF_BODY, 0, 100000000, NULL},       \
	{"payment_mode", PT_ENUM, PF_BODY, 0, 0, payment_modes},           \
	{"riders", PT_STRING, NB, 0, 100, NULL},                           \
	{"beneficiary", PT_ENUM, PF_BODY, 0, 0, beneficiaries},            \
	{"status", PT_ENUM, PF_BODY, 0, 0, contract_states},               \
	{"status_since", PT_DATE, PF_BODY, 0, 0, NULL}
static const struct param p_insurance_create[] = {
	{"employee_id", PT_INT, PF_BODY | PF_REQUIRED, 1, INT64_MAX, NULL}, INSURANCE_FIELDS, END};
static const struct param p_insurance[] = {INSURANCE_FIELDS, END};
#undef INSURANCE_FIELDS
static const struct param p_insurance_list[] = {{"employee_id", PT_INT, PF_QUERY, 1, INT64_MAX, NULL}, END};
#undef NB
/* The employee form: text as typed ("" = clear on edit, not given on create);
 * generous lengths, so the field rules of app/employees answer next to the field. */
#define FB PF_BODY
static const struct param p_employee_form[] = {
	{"personnel_number", PT_STRING, FB, 0, 64, NULL},
	{"last_name", PT_STRING, FB, 0, 200, NULL},
	{"first_name", PT_STRING, FB, 0, 200, NULL},
	{"birth_date", PT_STRING, FB, 0, 32, NULL},
	{"entry_date", PT_STRING, FB, 0, 32, NULL},
	{"exit_date", PT_STRING, FB, 0, 32, NULL},
	{"email", PT_STRING, FB, 0, 254, NULL},
	{"iban", PT_STRING, FB, 0, 64, NULL},
	{"svnr", PT_STRING, FB, 0, 32, NULL},
	{"steuer_id", PT_STRING, FB, 0, 32, NULL},
	{"tax_class", PT_STRING, FB, 0, 8, NULL},
	{"monthly_gross", PT_STRING, FB, 0, 32, NULL},
	{"sex", PT_STRING, FB, 0, 32, NULL},
	{"street", PT_STRING, FB, 0, 200, NULL},
	{"postcode", PT_STRING, FB, 0, 16, NULL},
	{"city", PT_STRING, FB, 0, 200, NULL},
	{"phone", PT_STRING, FB, 0, 60, NULL},
	{"child_allowances", PT_STRING, FB, 0, 16, NULL},
	{"church_tax", PT_STRING, FB, 0, 16, NULL},
	{"health_insurance", PT_STRING, FB, 0, 32, NULL},
	{"health_additional_rate", PT_STRING, FB, 0, 16, NULL},
	{"federal_state", PT_STRING, FB, 0, 64, NULL},
	{"probation_end", PT_STRING, FB, 0, 32, NULL},
	{"exit_reason", PT_STRING, FB, 0, 64, NULL},
	{"weekly_hours", PT_STRING, FB, 0, 16, NULL},
	END};
/* The small add forms of the detail page. */
static const struct param p_salary_form[] = {
	{"valid_from", PT_STRING, FB, 0, 32, NULL},
	{"monthly_gross", PT_STRING, FB, 0, 32, NULL},
	END};
static const struct param p_absence_form[] = {
	{"kind", PT_STRING, FB, 0, 32, NULL},
	{"from_date", PT_STRING, FB, 0, 32, NULL},
	{"to_date", PT_STRING, FB, 0, 32, NULL},
	END};
/* The contract add forms (text as typed; app/contracts answers next to the field). */
static const struct param p_group_contract_form[] = {
	{"provider_id", PT_STRING, FB, 0, 20, NULL},
	{"number", PT_STRING, FB, 0, 128, NULL},
	{"product_line", PT_STRING, FB, 0, 200, NULL},
	{"vehicle", PT_STRING, FB, 0, 8, NULL},
	{"subsidy_rule", PT_STRING, FB, 0, 16, NULL},
	{"subsidy_value", PT_STRING, FB, 0, 32, NULL},
	{"contribution_min", PT_STRING, FB, 0, 32, NULL},
	{"contribution_max", PT_STRING, FB, 0, 32, NULL},
	END};
static const struct param p_commitment_form[] = {
	{"group_contract_id", PT_STRING, FB, 0, 20, NULL},
	{"vehicle", PT_STRING, FB, 0, 8, NULL},
	{"type", PT_STRING, FB, 0, 8, NULL},
	{"financing", PT_STRING, FB, 0, 16, NULL},
	{"employer_share", PT_STRING, FB, 0, 16, NULL},
	{"service_start", PT_STRING, FB, 0, 32, NULL},
	{"commitment_start", PT_STRING, FB, 0, 32, NULL},
	{"taken_over", PT_STRING, FB, 0, 8, NULL},
	{"original_employer", PT_STRING, FB, 0, 400, NULL},
	{"original_service_start", PT_STRING, FB, 0, 32, NULL},
	{"original_commitment_start", PT_STRING, FB, 0, 32, NULL},
	END};
static const struct param p_insurance_form[] = {
	{"commitment_id", PT_STRING, FB, 0, 20, NULL},
	{"group_contract_id", PT_STRING, FB, 0, 20, NULL},
	{"policy_number", PT_STRING, FB, 0, 80, NULL},
	{"tariff", PT_STRING, FB, 0, 200, NULL},
	{"start_date", PT_STRING, FB, 0, 32, NULL},
	{"contribution", PT_STRING, FB, 0, 32, NULL},
	{"payment_mode", PT_STRING, FB, 0, 16, NULL},
	{"riders", PT_STRING, FB, 0, 200, NULL},
	{"beneficiary", PT_STRING, FB, 0, 32, NULL},
	END};
#undef FB
/* The net-cost page (pages_netcost.c): a GET form, so a result can be bookmarked.
 * Choices are checked by the router, typed text by the calculator, which
 * answers next to the field. */
#define NQ PF_QUERY
#define NET_COST_FIELDS                                              \
	{"year", PT_INT, NQ, 1900, 2199, NULL},                      \
	{"monthly_gross", PT_STRING, NQ, 0, 32, NULL},               \
	{"tax_class", PT_INT, NQ, 1, 6, NULL},                       \
	{"child_allowances", PT_STRING, NQ, 0, 16, NULL},            \
	{"federal_state", PT_STRING, NQ, 0, 32, NULL},               \
	{"church_tax", PT_BOOL, NQ, 0, 0, NULL},                     \
	{"health_insurance", PT_STRING, NQ, 0, 32, NULL},            \
	{"additional_rate", PT_STRING, NQ, 0, 16, NULL},             \
	{"private_premium", PT_STRING, NQ, 0, 32, NULL},             \
	{"private_care_premium", PT_STRING, NQ, 0, 32, NULL},        \
	{"children", PT_STRING, NQ, 0, 8, NULL},                     \
	{"childless", PT_BOOL, NQ, 0, 0, NULL},                      \
	{"conversion", PT_STRING, NQ, 0, 32, NULL},                  \
	{"subsidy", PT_STRING, NQ, 0, 16, NULL},                     \
	{"subsidy_percent", PT_STRING, NQ, 0, 16, NULL},             \
	{"subsidy_amount", PT_STRING, NQ, 0, 32, NULL}
static const struct param p_net_cost_own[] = {
	{"employee", PT_INT, NQ, 1, INT64_MAX, NULL}, NET_COST_FIELDS, END};
static const struct param p_net_cost[] = {NET_COST_FIELDS, END};
#undef NET_COST_FIELDS
#undef NQ
/* The router holds at most HTTP_MAX_PARAMS values a route (src/http/http.h). */
_Static_assert(sizeof p_employee / sizeof *p_employee - 1 <= HTTP_MAX_PARAMS, "p_employee: too many parameters");
_Static_assert(sizeof p_employee_form / sizeof *p_employee_form - 1 <= HTTP_MAX_PARAMS,
               "p_employee_form: too many parameters");

const struct route web_routes[] = {
	/* system */
	{HTTP_GET, "/healthz", ACT_PUBLIC, RF_JSON, 0, p_none, web_healthz, "healthz"},
	{HTTP_GET, "/metrics", ACT_PUBLIC, RF_LOOPBACK, 0, p_none, web_metrics, "metrics"},
	{HTTP_GET, "/static/{hash}/{file}", ACT_PUBLIC, 0, 0, p_none, web_static, "static"},
	/* sign-in and account */
	{HTTP_GET, "/login", ACT_PUBLIC, RF_MFA, 0, p_next, web_login_form, "login_form"},
	{HTTP_POST, "/login", ACT_PUBLIC, RF_NO_CSRF | RF_MFA, FORM_MAX, p_login, web_login, "login"},
	{HTTP_GET, "/login/totp", ACT_SIGNED_IN, RF_MFA, 0, p_none, web_totp_form, "totp_form"},
	{HTTP_POST, "/login/totp", ACT_SIGNED_IN, RF_MFA, FORM_MAX, p_code, web_totp, "totp"},
	{HTTP_POST, "/logout", ACT_PUBLIC, RF_MFA, FORM_MAX, p_none, web_logout, "logout"},
	{HTTP_GET, "/lang/{code}", ACT_PUBLIC, RF_MFA, 0, p_next, web_lang, "lang"},
	{HTTP_GET, "/account", ACT_SIGNED_IN, 0, 0, p_none, web_account, "account"},
	{HTTP_POST, "/account/password", ACT_SIGNED_IN, 0, FORM_MAX, p_password, web_password, "password"},
	{HTTP_POST, "/account/totp/start", ACT_SIGNED_IN, 0, FORM_MAX, p_none, web_totp_start, "totp_start"},
	{HTTP_POST, "/account/totp/confirm", ACT_SIGNED_IN, 0, FORM_MAX, p_code, web_totp_confirm, "totp_confirm"},
	{HTTP_POST, "/account/totp/disable", ACT_SIGNED_IN, 0, FORM_MAX, p_current_password, web_totp_disable, "totp_disable"},
	/* start pages */
	{HTTP_GET, "/", ACT_SIGNED_IN, 0, 0, p_none, web_home, "home"},
	{HTTP_GET, "/operator", ACT_OPERATOR_HOME, 0, 0, p_operator_home, web_operator_home, "operator_home"},
	{HTTP_GET, "/broker", ACT_BROKER_HOME, 0, 0, p_none, web_broker_home, "broker_home"},
	{HTTP_GET, "/employee", ACT_OWN_DATA, 0, 0, p_none, web_employee_home, "employee_home"},
	{HTTP_GET, "/employee/net-cost", ACT_OWN_DATA, 0, 0, p_net_cost_own, web_employee_net_cost, "employee_net_cost"},
	{HTTP_GET, "/employer/{eid}", ACT_EMPLOYEE_LIST, RF_PARTIAL, 0, p_employer_page, web_employer_home, "employer_home"},
	/* employee pages (detail, edit, history, import) */
	{HTTP_GET, "/employer/{eid}/employees/new", ACT_EMPLOYEE_WRITE, 0, 0, p_none, web_employee_new_form, "employee_new_form"},
	{HTTP_POST, "/employer/{eid}/employees/new", ACT_EMPLOYEE_WRITE, 0, FORM_MAX, p_employee_form, web_employee_create, "employee_create"},
	{HTTP_GET, "/employer/{eid}/employees/{id}", ACT_EMPLOYEE_READ, 0, 0, p_none, web_employee_detail, "employee_detail"},
	{HTTP_GET, "/employer/{eid}/employees/{id}/edit", ACT_EMPLOYEE_WRITE, 0, 0, p_none, web_employee_edit_form, "employee_edit_form"},
	{HTTP_GET, "/employer/{eid}/employees/{id}/net-cost", ACT_NET_COST, 0, 0, p_net_cost, web_employer_net_cost, "employer_net_cost"},
	{HTTP_POST, "/employer/{eid}/employees/{id}/edit", ACT_EMPLOYEE_WRITE, 0, FORM_MAX, p_employee_form, web_employee_update, "employee_update"},
	{HTTP_POST, "/employer/{eid}/employees/{id}/salaries", ACT_EMPLOYEE_WRITE, 0, FORM_MAX, p_salary_form, web_employee_salary_add, "employee_salary_add"},
	{HTTP_POST, "/employer/{eid}/employees/{id}/absences", ACT_EMPLOYEE_WRITE, 0, FORM_MAX, p_absence_form, web_employee_absence_add, "employee_absence_add"},
	{HTTP_GET, "/employer/{eid}/import", ACT_EMPLOYEE_WRITE, 0, 0, p_import_form, web_import_form, "import_form"},
	/* multipart body, parsed by the handler; _csrf in the query (router.c) */
	{HTTP_POST, "/employer/{eid}/import", ACT_EMPLOYEE_WRITE, RF_FILE_BODY, IMPORT_MAX_BYTES, p_none, web_import_submit, "import_submit"},
	/* commitments, insurance contracts, group contracts (pages_contracts.c) */
	{HTTP_POST, "/employer/{eid}/employees/{id}/commitments", ACT_EMPLOYEE_WRITE, 0, FORM_MAX, p_commitment_form, web_employee_commitment_add, "employee_commitment_add"},
	{HTTP_POST, "/employer/{eid}/employees/{id}/insurance-contracts", ACT_EMPLOYEE_WRITE, 0, FORM_MAX, p_insurance_form, web_employee_insurance_add, "employee_insurance_add"},
	{HTTP_GET, "/employer/{eid}/group-contracts", ACT_EMPLOYEE_LIST, 0, 0, p_none, web_group_contracts_page, "group_contracts_page"},
	{HTTP_POST, "/employer/{eid}/group-contracts", ACT_EMPLOYEE_WRITE, 0, FORM_MAX, p_group_contract_form, web_group_contract_add, "group_contract_add"},
	{HTTP_GET, "/employer/{eid}/insurance-contracts", ACT_EMPLOYEE_LIST, RF_PARTIAL, 0, p_insurance_page, web_insurance_list_page, "insurance_list_page"},
	{HTTP_GET, "/employer/{eid}/commitments", ACT_EMPLOYEE_LIST, RF_PARTIAL, 0, p_commitment_page, web_commitment_list_page, "commitment_list_page"},
	/* end employee pages */
	/* exports */
	{HTTP_GET, "/employer/{eid}/employees.csv", ACT_EMPLOYEE_LIST, 0, 0, p_employer_page, web_export_employees_csv, "export_employees_csv"},
	{HTTP_GET, "/employer/{eid}/employees.xlsx", ACT_EMPLOYEE_LIST, 0, 0, p_employer_page, web_export_employees_xlsx, "export_employees_xlsx"},
	{HTTP_GET, "/employer/{eid}/group-contracts.csv", ACT_EMPLOYEE_LIST, 0, 0, p_none, web_export_group_contracts_csv, "export_group_contracts_csv"},
	{HTTP_GET, "/employer/{eid}/group-contracts.xlsx", ACT_EMPLOYEE_LIST, 0, 0, p_none, web_export_group_contracts_xlsx, "export_group_contracts_xlsx"},
	{HTTP_GET, "/employer/{eid}/commitments.csv", ACT_EMPLOYEE_LIST, 0, 0, p_commitment_export, web_export_commitments_csv, "export_commitments_csv"},
	{HTTP_GET, "/employer/{eid}/commitments.xlsx", ACT_EMPLOYEE_LIST, 0, 0, p_commitment_export, web_export_commitments_xlsx, "export_commitments_xlsx"},
	{HTTP_GET, "/employer/{eid}/insurance-contracts.csv", ACT_EMPLOYEE_LIST, 0, 0, p_insurance_export, web_export_insurance_csv, "export_insurance_csv"},
	{HTTP_GET, "/employer/{eid}/insurance-contracts.xlsx", ACT_EMPLOYEE_LIST, 0, 0, p_insurance_export, web_export_insurance_xlsx, "export_insurance_xlsx"},
	/* end exports */
	/* calculators */
	{HTTP_GET, "/calc", ACT_CALC, 0, 0, p_none, web_calc_index, "calc_index"},
	{HTTP_GET, "/calc/{name}", ACT_CALC, 0, 0, p_none, web_calc_form, "calc_form"},
	{HTTP_POST, "/calc/{name}", ACT_CALC, RF_RAW_BODY, FORM_MAX, p_none, web_calc_submit, "calc_submit"},
	/* API */
	{HTTP_GET, "/api/v1/me", ACT_SIGNED_IN, RF_JSON, 0, p_none, web_api_me, "api_me"},
	{HTTP_GET, "/api/v1/employers", ACT_EMPLOYERS_READ, RF_JSON, 0, p_none, web_api_employers, "api_employers"},
	{HTTP_GET, "/api/v1/employers/{eid}/employees", ACT_EMPLOYEE_LIST, RF_JSON, 0, p_employee_list, web_api_employee_list, "api_employee_list"},
	{HTTP_POST, "/api/v1/employers/{eid}/employees", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_employee, web_api_employee_create, "api_employee_create"},
	{HTTP_GET, "/api/v1/employers/{eid}/employees/{id}", ACT_EMPLOYEE_READ, RF_JSON, 0, p_none, web_api_employee_get, "api_employee_get"},
	{HTTP_PATCH, "/api/v1/employers/{eid}/employees/{id}", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_employee, web_api_employee_patch, "api_employee_patch"},
	{HTTP_GET, "/api/v1/employers/{eid}/employees/{id}/salaries", ACT_EMPLOYEE_READ, RF_JSON, 0, p_none, web_api_salaries, "api_salaries"},
	{HTTP_POST, "/api/v1/employers/{eid}/employees/{id}/salaries", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_salary, web_api_salary_add, "api_salary_add"},
	{HTTP_GET, "/api/v1/employers/{eid}/employees/{id}/absences", ACT_EMPLOYEE_READ, RF_JSON, 0, p_none, web_api_absences, "api_absences"},
	{HTTP_POST, "/api/v1/employers/{eid}/employees/{id}/absences", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_absence, web_api_absence_add, "api_absence_add"},
	{HTTP_GET, "/api/v1/providers", ACT_PROVIDER_READ, RF_JSON, 0, p_none, web_api_providers, "api_providers"},
	{HTTP_POST, "/api/v1/providers", ACT_PROVIDER_WRITE, RF_JSON, JSON_MAX, p_provider, web_api_provider_create, "api_provider_create"},
	{HTTP_GET, "/api/v1/providers/{id}", ACT_PROVIDER_READ, RF_JSON, 0, p_none, web_api_provider_get, "api_provider_get"},
	{HTTP_GET, "/api/v1/employers/{eid}/group-contracts", ACT_EMPLOYEE_LIST, RF_JSON, 0, p_none, web_api_group_contracts, "api_group_contracts"},
	{HTTP_POST, "/api/v1/employers/{eid}/group-contracts", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_group_contract, web_api_group_contract_create, "api_group_contract_create"},
	{HTTP_GET, "/api/v1/employers/{eid}/group-contracts/{id}", ACT_EMPLOYEE_LIST, RF_JSON, 0, p_none, web_api_group_contract_get, "api_group_contract_get"},
	{HTTP_PATCH, "/api/v1/employers/{eid}/group-contracts/{id}", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_group_contract, web_api_group_contract_patch, "api_group_contract_patch"},
	{HTTP_GET, "/api/v1/employers/{eid}/employees/{id}/commitments", ACT_EMPLOYEE_READ, RF_JSON, 0, p_none, web_api_commitments, "api_commitments"},
	{HTTP_POST, "/api/v1/employers/{eid}/employees/{id}/commitments", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_commitment, web_api_commitment_create, "api_commitment_create"},
	{HTTP_GET, "/api/v1/employers/{eid}/commitments/{id}", ACT_EMPLOYEE_READ, RF_JSON, 0, p_none, web_api_commitment_get, "api_commitment_get"},
	{HTTP_PATCH, "/api/v1/employers/{eid}/commitments/{id}", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_commitment, web_api_commitment_patch, "api_commitment_patch"},
	{HTTP_GET, "/api/v1/employers/{eid}/insurance-contracts", ACT_EMPLOYEE_READ, RF_JSON, 0, p_insurance_list, web_api_insurance_list, "api_insurance_list"},
	{HTTP_POST, "/api/v1/employers/{eid}/insurance-contracts", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_insurance_create, web_api_insurance_create, "api_insurance_create"},
	{HTTP_GET, "/api/v1/employers/{eid}/insurance-contracts/{id}", ACT_EMPLOYEE_READ, RF_JSON, 0, p_none, web_api_insurance_get, "api_insurance_get"},
	{HTTP_PATCH, "/api/v1/employers/{eid}/insurance-contracts/{id}", ACT_EMPLOYEE_WRITE, RF_JSON, JSON_MAX, p_insurance, web_api_insurance_patch, "api_insurance_patch"},
	{HTTP_POST, "/api/v1/employers/{eid}/imports", ACT_EMPLOYEE_WRITE, RF_JSON | RF_FILE_BODY, IMPORT_MAX_BYTES, p_import, web_api_import, "api_import"},
	{HTTP_POST, "/api/v1/calc/{name}", ACT_CALC, RF_JSON | RF_RAW_BODY, JSON_MAX, p_none, web_api_calc, "api_calc"},
};
const size_t web_routes_count = sizeof web_routes / sizeof *web_routes;
