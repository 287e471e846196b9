/*
 * authz.h — roles, actions and the one table that decides who may do what.
 * Every route names one action; the router asks authz_level() and nothing
 * else.  `openbav roles` prints the table and a test walks every route with
 * every role against it.
 */
#ifndef OPENBAV_AUTHZ_H
#define OPENBAV_AUTHZ_H

#include <stdbool.h>

enum role {
	ROLE_NONE, /* not signed in, or no role at this employer */
	ROLE_OPERATOR_ADMIN,
	ROLE_OPERATOR_CLERK,
	ROLE_EMPLOYER_ADMIN,
	ROLE_HR,
	ROLE_EMPLOYEE,
	ROLE_BROKER,
	ROLE_TAX_ADVISOR,
	ROLE__COUNT
};

enum action {
	ACT_PUBLIC,          /* anyone, signed in or not */
	ACT_SIGNED_IN,       /* own account: start, me, password, second factor, logout */
	ACT_EMPLOYERS_READ,  /* list of the employers one may see */
	ACT_OPERATOR_HOME,   /* operator start page: all employers and headcounts */
	ACT_BROKER_HOME,     /* broker start page */
	ACT_OWN_DATA,        /* the employee's own master data */
	ACT_EMPLOYEE_LIST,   /* employer-scoped: employee list */
	ACT_EMPLOYEE_READ,   /* employer-scoped: one employee */
	ACT_EMPLOYEE_WRITE,  /* employer-scoped: create, change */
	ACT_CALC,            /* calculators */
	ACT_PROVIDER_READ,   /* the provider register (operator data): everyone signed in */
	ACT_PROVIDER_WRITE,  /* create providers: operator staff */
	ACT_NET_COST,        /* employer-scoped: the net cost of a conversion for one employee */
	ACT__COUNT
};

enum authz_level {
	AUTHZ_DENY,
	AUTHZ_OWN, /* only the records that belong to the user (employee: own record) */
	AUTHZ_ALL,
};

enum authz_level authz_level(enum role role, enum action act);
/* Whether the action is decided per employer ({eid} in the path). */
bool authz_employer_scoped(enum action act);

const char *authz_role_code(enum role role);   /* "employer_admin", "operator_admin", … */
enum role   authz_role_from_code(const char *code); /* membership roles; ROLE_NONE if unknown */
const char *authz_role_key(enum role role);    /* catalogue key "role.hr" */
const char *authz_action_code(enum action act);

#endif
