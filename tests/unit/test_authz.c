/*
 * test_authz.c — invariants of the authorization table and that every route
 * names an action the table knows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/authz.h"
#include "web/web.h"

static void test_anonymous_only_public(void **state)
{
	for (int a = 0; a < ACT__COUNT; a++)
		assert_int_equal(authz_level(ROLE_NONE, (enum action)a), a == ACT_PUBLIC ? AUTHZ_ALL : AUTHZ_DENY);
}

static void test_read_only_roles_never_write(void **state)
{
	assert_int_equal(authz_level(ROLE_TAX_ADVISOR, ACT_EMPLOYEE_WRITE), AUTHZ_DENY);
	assert_int_equal(authz_level(ROLE_EMPLOYEE, ACT_EMPLOYEE_WRITE), AUTHZ_DENY);
	assert_int_equal(authz_level(ROLE_BROKER, ACT_EMPLOYEE_WRITE), AUTHZ_DENY);
	assert_int_equal(authz_level(ROLE_HR, ACT_EMPLOYEE_WRITE), AUTHZ_ALL);
	assert_int_equal(authz_level(ROLE_EMPLOYER_ADMIN, ACT_EMPLOYEE_WRITE), AUTHZ_ALL);
}

static void test_employee_sees_only_own(void **state)
{
	assert_int_equal(authz_level(ROLE_EMPLOYEE, ACT_EMPLOYEE_LIST), AUTHZ_DENY);
	assert_int_equal(authz_level(ROLE_EMPLOYEE, ACT_EMPLOYEE_READ), AUTHZ_OWN);
	assert_int_equal(authz_level(ROLE_EMPLOYEE, ACT_OWN_DATA), AUTHZ_ALL);
	assert_int_equal(authz_level(ROLE_HR, ACT_OPERATOR_HOME), AUTHZ_DENY);
	/* providers: operator data, read by everyone signed in, written by operator staff only */
	for (int r = ROLE_OPERATOR_ADMIN; r < ROLE__COUNT; r++) {
		assert_int_equal(authz_level((enum role)r, ACT_PROVIDER_READ), AUTHZ_ALL);
		assert_int_equal(authz_level((enum role)r, ACT_PROVIDER_WRITE),
		                 r == ROLE_OPERATOR_ADMIN || r == ROLE_OPERATOR_CLERK ? AUTHZ_ALL : AUTHZ_DENY);
	}
	assert_false(authz_employer_scoped(ACT_PROVIDER_READ));
	assert_false(authz_employer_scoped(ACT_PROVIDER_WRITE));
}

static void test_out_of_range_denied(void **state)
{
	assert_int_equal(authz_level((enum role)99, ACT_PUBLIC), AUTHZ_DENY);
	assert_int_equal(authz_level(ROLE_HR, (enum action)99), AUTHZ_DENY);
}

static void test_role_codes_round_trip(void **state)
{
	for (int r = ROLE_EMPLOYER_ADMIN; r < ROLE__COUNT; r++)
		assert_int_equal(authz_role_from_code(authz_role_code((enum role)r)), r);
	assert_int_equal(authz_role_from_code("operator_admin"), ROLE_NONE); /* not a membership role */
	assert_int_equal(authz_role_from_code("root"), ROLE_NONE);
}

static void test_routes_well_formed(void **state)
{
	for (size_t i = 0; i < web_routes_count; i++) {
		const struct route *r = &web_routes[i];
		assert_true((unsigned)r->action < ACT__COUNT);
		assert_non_null(r->fn);
		assert_non_null(r->name);
		/* employer-scoped actions need {eid} first in the path */
		if (authz_employer_scoped(r->action))
			assert_non_null(strstr(r->pattern, "{eid}"));
		/* unsafe methods accept a body; safe ones do not */
		if (r->method == HTTP_GET)
			assert_int_equal(r->max_body, 0);
		for (size_t j = i + 1; j < web_routes_count; j++) {
			assert_false(r->method == web_routes[j].method && !strcmp(r->pattern, web_routes[j].pattern));
			assert_string_not_equal(r->name, web_routes[j].name);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anonymous_only_public),
		cmocka_unit_test(test_read_only_roles_never_write),
		cmocka_unit_test(test_employee_sees_only_own),
		cmocka_unit_test(test_out_of_range_denied),
		cmocka_unit_test(test_role_codes_round_trip),
		cmocka_unit_test(test_routes_well_formed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
