/*
 * test_cli.c — the command line, black-box: `openbav calc NAME` (one JSON
 * object on stdin → one result on stdout; invalid input → exit 2 with the
 * error object on stderr), `--batch` (one result per input line, a bad line
 * gives its error on its line and the run goes on), `--lang`, `--help`,
 * unknown commands, `roles`, and `user create` / `employer create` refusing
 * invalid input on a fresh database.
 */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIN "build/test/openbav"

static char dir[256]; /* temporary directory of this run */
static char dbu[320]; /* "sqlite:DIR/cli.db" or a PostgreSQL URL (test_db_create), migrated */

#define MN_GOOD                                                                                                   \
	"{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","                 \
	"\"retirement_date\":\"2014-12-31\"}"

/* ---- running the binary ------------------------------------------------------ */

static struct cli_run run(const char *const *args, const char *input, size_t inlen)
{
	return cli_run(dir, args, input, inlen);
}

static struct cli_run run_s(const char *const *args, const char *input)
{
	return run(args, input, input ? strlen(input) : 0);
}

static json_t *parse(const char *s)
{
	json_error_t e;
	json_t      *j = json_loads(s, 0, &e);
	if (!j)
		fprintf(stderr, "not JSON (%s): %s\n", e.text, s);
	return j;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Line i (0-based) of s, malloc'd, or NULL. */
static char *line_at(const char *s, size_t i)
{
	for (; i && s; i--) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	if (!s || !*s)
		return NULL;
	size_t l = strcspn(s, "\n");
	return strndup(s, l);
}

/* exit 2, nothing on stdout, {"error":{"code":code,"message":…,"field":field}} on stderr */
static void expect_calc_error(const char *name, const char *input, const char *code, const char *field)
{
	const char *args[] = {"calc", name, NULL};
	struct cli_run  r      = run_s(args, input);
	if (r.rc != 2)
		fprintf(stderr, "calc %s <<< %s: exit %d, stdout %s, stderr %s\n", name, input, r.rc, r.out, r.err);
	assert_int_equal(r.rc, 2);
	assert_string_equal(r.out, "");
	json_t *j = parse(r.err);
	assert_non_null(j);
	assert_string_equal(err_code(j), code);
	if (strcmp(err_field(j), field))
		fprintf(stderr, "calc %s <<< %s: field \"%s\", expected \"%s\"\n", name, input, err_field(j), field);
	assert_string_equal(err_field(j), field);
	const char *msg = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
	assert_non_null(msg);
	assert_true(strlen(msg) > 5);
	json_decref(j);
	cli_run_free(&r);
}

/* ---- setup -------------------------------------------------------------------- */

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/openbav-cli.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	if (test_db_create(dir, "cli", dbu, sizeof dbu))
		return -1;
	if (access(BIN, X_OK)) {
		fprintf(stderr, "%s missing (make build/test/openbav); run from the repo root\n", BIN);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	test_db_drop(dbu);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int   rc  = getenv("KEEP_TEST_DIR") ? 0 : system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* ---- calc, single mode ----------------------------------------------------------- */

static void test_calc_single_good(void **state)
{
	const char *args[] = {"calc", "mn", NULL};
	struct cli_run  r      = run_s(args, MN_GOOD);
	assert_int_equal(r.rc, 0);
	assert_int_equal(count_lines(r.out), 1); /* one JSON, one line */
	json_t *j = parse(r.out);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "entitlement_cents")), 5833);
	assert_int_equal(json_integer_value(json_object_get(j, "m")), 84);
	assert_int_equal(json_integer_value(json_object_get(j, "n")), 432);
	assert_true(json_string_length(json_object_get(j, "rule")) > 0);
	assert_true(json_array_size(json_object_get(j, "explanation")) > 0);
	assert_null(json_object_get(j, "error"));
	json_decref(j);
	cli_run_free(&r);

	const char *lim[] = {"calc", "limits", NULL};
	r                 = run_s(lim, "{\"year\":2024}\n");
	assert_int_equal(r.rc, 0);
	j = parse(r.out);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "bbg_rv_west_cents")), 9060000);
	assert_int_equal(json_integer_value(json_object_get(j, "conversion_max_cents")), 362400);
	assert_int_equal(json_integer_value(json_object_get(j, "conversion_min_cents")), 26513);
	json_decref(j);
	cli_run_free(&r);

	const char *vest[] = {"calc", "vesting", NULL};
	r = run_s(vest, "{\"birth_date\":\"1982-09-12\",\"service_start\":\"2004-04-01\",\"commitment_start\":"
	                "\"2006-01-01\",\"financing\":\"employer\",\"exit_date\":\"2012-09-11\"}");
	assert_int_equal(r.rc, 0);
	j = parse(r.out);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "vested_on")), "2012-09-12");
	assert_true(json_is_true(json_object_get(j, "vested_at_exit")));
	json_decref(j);
	cli_run_free(&r);

	/* validate: an invalid IBAN is a result (exit 0), not an input error */
	const char *val[] = {"calc", "validate", NULL};
	r                 = run_s(val, "{\"kind\":\"iban\",\"value\":\"DE89370400440532013001\"}");
	assert_int_equal(r.rc, 0);
	j = parse(r.out);
	assert_non_null(j);
	assert_true(json_is_false(json_object_get(j, "valid")));
	assert_true(json_string_length(json_object_get(j, "message")) > 10);
	json_decref(j);
	cli_run_free(&r);
}

static void test_calc_single_bad(void **state)
{
	/* impossible date, unknown field, negative amount, wrong type, missing field, bad enum */
	expect_calc_error("mn",
	                  "{\"promised_cents\":30000,\"service_start\":\"2023-02-29\",\"exit_date\":\"2023-12-31\","
	                  "\"retirement_date\":\"2040-12-31\"}",
	                  "invalid_input", "service_start");
	expect_calc_error("mn",
	                  "{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
	                  "\"retirement_date\":\"2014-12-31\",\"extra\":true}",
	                  "invalid_input", "extra");
	expect_calc_error("mn",
	                  "{\"promised_cents\":-5,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
	                  "\"retirement_date\":\"2014-12-31\"}",
	                  "invalid_input", "promised_cents");
	expect_calc_error("limits", "{\"year\":\"2024\"}", "invalid_input", "year");
	expect_calc_error("limits", "{}", "invalid_input", "year");
	expect_calc_error("vesting",
	                  "{\"birth_date\":\"1982-09-12\",\"service_start\":\"1980-04-01\",\"commitment_start\":"
	                  "\"2006-01-01\",\"financing\":\"employer\"}",
	                  "invalid_input", "service_start");
	expect_calc_error("vesting",
	                  "{\"birth_date\":\"1982-09-12\",\"service_start\":\"2004-04-01\",\"commitment_start\":"
	                  "\"2006-01-01\",\"financing\":\"nobody\"}",
	                  "invalid_input", "financing");
	/* malformed JSON, not an object, nothing at all, two objects */
	expect_calc_error("limits", "{\"year\":", "invalid_input", "body");
	expect_calc_error("limits", "[2024]", "invalid_input", "body");
	expect_calc_error("limits", "", "invalid_input", "body");
	expect_calc_error("limits", "{\"year\":2024}{\"year\":2025}", "invalid_input", "body");
	/* well-formed, outside the law tables: also exit 2, with the rule's code */
	expect_calc_error("limits", "{\"year\":1990}", "rule_violated", "year");
}

static void test_calc_unknown(void **state)
{
	const char *args[] = {"calc", "nope", NULL};
	struct cli_run  r      = run_s(args, "{\"year\":2024}");
	assert_int_equal(r.rc, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "mn")); /* names the calculators there are */
	assert_non_null(strstr(r.err, "vesting"));
	cli_run_free(&r);

	const char *none[] = {"calc", NULL};
	r                  = run_s(none, "{\"year\":2024}");
	assert_int_equal(r.rc, 2);
	assert_string_equal(r.out, "");
	cli_run_free(&r);

	/* --batch does not hide an unknown calculator */
	const char *batch[] = {"calc", "nope", "--batch", NULL};
	r                   = run_s(batch, "{\"year\":2024}\n");
	assert_int_equal(r.rc, 2);
	assert_string_equal(r.out, "");
	cli_run_free(&r);
}

static void test_calc_input_too_large(void **state)
{
	/* the single mode reads at most 1 MiB */
	size_t n = (1u << 20) + 10;
	char  *in = malloc(n);
	memset(in, ' ', n);
	memcpy(in, "{\"year\":2024}", 13);
	const char *args[] = {"calc", "limits", NULL};
	struct cli_run  r      = run(args, in, n);
	free(in);
	assert_int_equal(r.rc, 2);
	assert_string_equal(r.out, "");
	cli_run_free(&r);
}

/* ---- calc --batch ---------------------------------------------------------------- */

static void test_calc_batch(void **state)
{
	const char *args[] = {"calc", "limits", "--batch", NULL};
	struct cli_run  r      = run_s(args, "{\"year\":2024}\n{\"year\":\n{\"year\":2025}\n");
	if (r.rc != 0 || count_lines(r.out) != 3)
		fprintf(stderr, "batch: exit %d\nstdout:\n%s\nstderr:\n%s\n", r.rc, r.out, r.err);
	assert_int_equal(r.rc, 0);
	assert_int_equal(count_lines(r.out), 3);

	char   *l1 = line_at(r.out, 0), *l2 = line_at(r.out, 1), *l3 = line_at(r.out, 2);
	json_t *j1 = parse(l1), *j2 = parse(l2), *j3 = parse(l3);
	assert_non_null(j1);
	assert_non_null(j2);
	assert_non_null(j3);
	/* in input order: 2024, the error, 2025 */
	assert_int_equal(json_integer_value(json_object_get(j1, "year")), 2024);
	assert_int_equal(json_integer_value(json_object_get(j1, "bbg_rv_west_cents")), 9060000);
	assert_null(json_object_get(j1, "error"));
	assert_non_null(json_object_get(j2, "error"));
	assert_string_equal(err_code(j2), "invalid_input");
	assert_string_equal(err_field(j2), "body");
	assert_null(json_object_get(j2, "bbg_rv_west_cents"));
	assert_int_equal(json_integer_value(json_object_get(j3, "year")), 2025);
	assert_int_equal(json_integer_value(json_object_get(j3, "bbg_rv_west_cents")), 9660000); /* DOMAIN § 5.1 */
	assert_null(json_object_get(j3, "error"));
	json_decref(j1), json_decref(j2), json_decref(j3);
	free(l1), free(l2), free(l3);
	cli_run_free(&r);
}

static void test_calc_batch_errors_name_fields(void **state)
{
	/* each kind of bad line gives its own error on its line; the good lines still compute */
	const char *args[] = {"calc", "mn", "--batch", NULL};
	const char *in =
		"{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
		"\"retirement_date\":\"2014-12-31\",\"foo\":1}\n"
		"{\"promised_cents\":30000,\"service_start\":\"2023-02-29\",\"exit_date\":\"1985-12-31\","
		"\"retirement_date\":\"2014-12-31\"}\n" MN_GOOD "\r\n" /* CRLF line */
		"{\"promised_cents\":-1,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
		"\"retirement_date\":\"2014-12-31\"}\n" MN_GOOD; /* last line without a newline */
	struct cli_run r = run_s(args, in);
	assert_int_equal(r.rc, 0);
	assert_int_equal(count_lines(r.out), 5);
	static const char *const fields[] = {"foo", "service_start", NULL, "promised_cents", NULL};
	for (size_t i = 0; i < 5; i++) {
		char   *l = line_at(r.out, i);
		json_t *j = parse(l);
		assert_non_null(j);
		if (fields[i]) {
			assert_non_null(json_object_get(j, "error"));
			assert_string_equal(err_field(j), fields[i]);
		} else {
			assert_null(json_object_get(j, "error"));
			assert_int_equal(json_integer_value(json_object_get(j, "entitlement_cents")), 5833);
		}
		json_decref(j);
		free(l);
	}
	cli_run_free(&r);
}

/* ---- --lang ------------------------------------------------------------------------ */

static char *explanation_of(const char *out)
{
	json_t *j = parse(out);
	assert_non_null(j);
	json_t *ex = json_object_get(j, "explanation");
	assert_true(json_array_size(ex) > 0);
	char  *s = strdup("");
	size_t i;
	json_t *v;
	json_array_foreach(ex, i, v)
	{
		char *n = xasprintf("%s%s\n", s, json_string_value(v));
		free(s);
		s = n;
	}
	json_decref(j);
	return s;
}

static void test_calc_lang(void **state)
{
	const char *de[] = {"calc", "mn", "--lang", "de", NULL};
	struct cli_run  r    = run_s(de, MN_GOOD);
	assert_int_equal(r.rc, 0);
	char *ex = explanation_of(r.out);
	assert_non_null(strstr(ex, "Monate"));
	assert_non_null(strstr(ex, "Dienstzeit"));
	assert_non_null(strstr(ex, "58,33 €"));
	assert_null(strstr(ex, "whole months"));
	free(ex);
	cli_run_free(&r);

	/* the option before the name works too, and in batch mode */
	const char *de2[] = {"calc", "--lang", "de", "--batch", "mn", NULL};
	r                 = run_s(de2, MN_GOOD "\n");
	assert_int_equal(r.rc, 0);
	ex = explanation_of(r.out);
	assert_non_null(strstr(ex, "Monate"));
	free(ex);
	cli_run_free(&r);

	/* default and --lang en: English */
	const char *def[] = {"calc", "mn", NULL};
	r                 = run_s(def, MN_GOOD);
	assert_int_equal(r.rc, 0);
	ex = explanation_of(r.out);
	assert_non_null(strstr(ex, "whole months"));
	assert_non_null(strstr(ex, "58.33 EUR"));
	assert_null(strstr(ex, "Monate"));
	free(ex);
	cli_run_free(&r);

	const char *en[] = {"calc", "mn", "--lang", "en", NULL};
	r                = run_s(en, MN_GOOD);
	assert_int_equal(r.rc, 0);
	ex = explanation_of(r.out);
	assert_non_null(strstr(ex, "whole months"));
	free(ex);
	cli_run_free(&r);

	/* an unknown language is invalid input */
	const char *fr[] = {"calc", "mn", "--lang", "fr", NULL};
	r                = run_s(fr, MN_GOOD);
	assert_int_equal(r.rc, 2);
	assert_string_equal(r.out, "");
	cli_run_free(&r);
}

/* ---- other commands ----------------------------------------------------------------- */

static void test_help(void **state)
{
	const char *args[] = {"--help", NULL};
	struct cli_run  r      = run_s(args, NULL);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "usage"));
	assert_non_null(strstr(r.out, "calc NAME"));
	cli_run_free(&r);

	const char *sub[] = {"calc", "--help", NULL};
	r                 = run_s(sub, NULL);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "calc"));
	cli_run_free(&r);

	/* no command at all: usage on stderr, exit 2 */
	const char *none[] = {NULL};
	r                  = run_s(none, NULL);
	assert_int_equal(r.rc, 2);
	assert_non_null(strstr(r.err, "usage"));
	cli_run_free(&r);
}

static void test_unknown_command(void **state)
{
	const char *args[] = {"frobnicate", NULL};
	struct cli_run  r      = run_s(args, NULL);
	assert_int_equal(r.rc, 2);
	assert_non_null(strstr(r.err, "frobnicate"));
	assert_string_equal(r.out, "");
	cli_run_free(&r);

	const char *opt[] = {"calc", "mn", "--no-such-option", NULL};
	r                 = run_s(opt, MN_GOOD);
	assert_int_equal(r.rc, 2);
	assert_string_equal(r.out, "");
	cli_run_free(&r);
}

static void test_roles(void **state)
{
	const char *args[] = {"roles", NULL};
	struct cli_run  r      = run_s(args, NULL);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "employee.write"));
	/* a table: a header with the roles, and the calculator routes */
	assert_non_null(strstr(r.out, "employer_admin"));
	assert_non_null(strstr(r.out, "tax_advisor"));
	assert_non_null(strstr(r.out, "/api/v1/calc/{name}"));
	assert_true(count_lines(r.out) > 10);
	cli_run_free(&r);
}

static void migrate_fresh(void)
{
	const char *args[] = {"migrate", "--db", dbu, NULL};
	struct cli_run  r      = run_s(args, NULL);
	if (r.rc)
		fprintf(stderr, "migrate: %s\n", r.err);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "schema at version"));
	cli_run_free(&r);
}

static void expect_exit(const char *const *args, const char *input, int rc)
{
	struct cli_run r = run_s(args, input);
	if (r.rc != rc) {
		fprintf(stderr, "openbav");
		for (const char *const *a = args; *a; a++)
			fprintf(stderr, " %s", *a);
		fprintf(stderr, ": exit %d (expected %d)\nstdout: %s\nstderr: %s\n", r.rc, rc, r.out, r.err);
	}
	assert_int_equal(r.rc, rc);
	if (rc == 2)
		assert_true(r.err[0] != '\0'); /* says why */
	cli_run_free(&r);
}

static void test_employer_create_invalid(void **state)
{
	migrate_fresh();
	/* wrong check digit, too short, letters */
	const char *a1[] = {"employer", "create", "--name", "X GmbH", "--betriebsnummer", "12345678", "--db", dbu, NULL};
	expect_exit(a1, NULL, 2);
	const char *a2[] = {"employer", "create", "--name", "X GmbH", "--betriebsnummer", "0991234", "--db", dbu, NULL};
	expect_exit(a2, NULL, 2);
	const char *a3[] = {"employer", "create", "--name", "X GmbH", "--betriebsnummer", "0991234X", "--db", dbu, NULL};
	expect_exit(a3, NULL, 2);
	/* no Betriebsnummer, no name, empty name */
	const char *a4[] = {"employer", "create", "--name", "X GmbH", "--db", dbu, NULL};
	expect_exit(a4, NULL, 2);
	const char *a5[] = {"employer", "create", "--betriebsnummer", "09912342", "--db", dbu, NULL};
	expect_exit(a5, NULL, 2);
	const char *a6[] = {"employer", "create", "--name", "", "--betriebsnummer", "09912342", "--db", dbu, NULL};
	expect_exit(a6, NULL, 2);
	/* a bad postcode */
	const char *a7[] = {"employer", "create", "--name", "X GmbH", "--betriebsnummer", "09912342",
	                    "--postcode", "1234", "--db", dbu, NULL};
	expect_exit(a7, NULL, 2);
	/* no sub-command */
	const char *a8[] = {"employer", "--db", dbu, NULL};
	expect_exit(a8, NULL, 2);

	/* the field is named on stderr */
	struct cli_run r = run_s(a1, NULL);
	assert_non_null(strstr(r.err, "betriebsnummer"));
	cli_run_free(&r);

	/* none of these created anything: the valid one gets id 1, a duplicate is refused */
	const char *ok[] = {"employer", "create", "--name", "Muster GmbH", "--betriebsnummer", "09912342",
	                    "--postcode", "10115", "--db", dbu, NULL};
	r = run_s(ok, NULL);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "employer 1 created"));
	cli_run_free(&r);
	const char *dup[] = {"employer", "create", "--name", "Other AG", "--betriebsnummer", "09912342", "--db", dbu, NULL};
	expect_exit(dup, NULL, 2);
}

static void test_user_create_invalid(void **state)
{
	/* runs after test_employer_create_invalid: employer 1 exists */
	const char *pw = "a-long-enough-password\n";
	const char *a1[] = {"user", "create", "--email", "x@y.test", "--db", dbu, NULL}; /* no --name */
	expect_exit(a1, pw, 2);
	const char *a2[] = {"user", "create", "--email", "not-an-address", "--name", "X", "--db", dbu, NULL};
	expect_exit(a2, pw, 2);
	const char *a3[] = {"user", "create", "--name", "X", "--db", dbu, NULL}; /* no --email */
	expect_exit(a3, pw, 2);
	const char *a4[] = {"user", "create", "--email", "x@y.test", "--name", "X", "--operator", "root", "--db", dbu, NULL};
	expect_exit(a4, pw, 2);
	const char *a5[] = {"user", "create", "--email", "x@y.test", "--name",    "X",
	                    "--employer", "1", "--role", "boss",     "--db", dbu, NULL};
	expect_exit(a5, pw, 2);
	const char *a6[] = {"user", "create", "--email", "x@y.test", "--name", "X", "--role", "hr", "--db", dbu, NULL};
	expect_exit(a6, pw, 2); /* --role without --employer */
	const char *a7[] = {"user", "create", "--email", "x@y.test", "--name", "X", "--employer", "1", "--db", dbu, NULL};
	expect_exit(a7, pw, 2); /* --employer without --role */
	const char *a8[] = {"user", "create", "--email", "x@y.test", "--name",    "X",
	                    "--employer", "99", "--role", "hr",      "--db", dbu, NULL};
	expect_exit(a8, pw, 2); /* an employer that does not exist */
	const char *a9[] = {"user", "create", "--email", "x@y.test", "--name", "X", "--db", dbu, NULL};
	expect_exit(a9, "short\n", 2); /* password too short */
	const char *a10[] = {"user", "create", "--email", "x@y.test", "--name", "X", "--employer", "-3",
	                     "--role", "hr", "--db", dbu, NULL};
	expect_exit(a10, pw, 2);
	const char *a11[] = {"user", "delete", "--db", dbu, NULL};
	expect_exit(a11, pw, 2);

	/* the valid form works (so the refusals above were for the input) — once */
	const char *ok[] = {"user", "create", "--email", "x@y.test", "--name",    "X",
	                    "--employer", "1", "--role", "hr",      "--db", dbu, NULL};
	struct cli_run  r    = run_s(ok, pw);
	if (r.rc)
		fprintf(stderr, "user create: %s\n", r.err);
	assert_int_equal(r.rc, 0);
	/* "user N created": N is 1 on SQLite; PostgreSQL's identity sequence also
	 * counted the rows of the refused attempts above, which were rolled back */
	assert_true(!strncmp(r.out, "user ", 5) && strstr(r.out, " created"));
	assert_null(strstr(r.out, "password:")); /* given on stdin: not printed */
	cli_run_free(&r);
	expect_exit(ok, pw, 2); /* the e-mail is taken */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calc_single_good),
		cmocka_unit_test(test_calc_single_bad),
		cmocka_unit_test(test_calc_unknown),
		cmocka_unit_test(test_calc_input_too_large),
		cmocka_unit_test(test_calc_batch),
		cmocka_unit_test(test_calc_batch_errors_name_fields),
		cmocka_unit_test(test_calc_lang),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_unknown_command),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_employer_create_invalid),
		cmocka_unit_test(test_user_create_invalid),
	};
	return cmocka_run_group_tests_name("cli", tests, setup, teardown);
}
