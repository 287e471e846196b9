/*
 * authz.c — the authorization table (role × action).  Deny by default: a
 * cell not written here is AUTHZ_DENY.  Nothing else in the program decides
 * access; handlers only narrow AUTHZ_OWN to the user's own records.
 */
#include "app/authz.h"

#include <string.h>

#define Y AUTHZ_ALL
#define O AUTHZ_OWN
#define _ AUTHZ_DENY

/* clang-format off */
static const unsigned char table[ACT__COUNT][ROLE__COUNT] = {
	/*                     none op_adm op_clk er_adm hr empl broker taxadv */
	[ACT_PUBLIC]         = { Y,  Y,     Y,     Y,     Y,  Y,   Y,     Y },
	[ACT_SIGNED_IN]      = { _,  Y,     Y,     Y,     Y,  Y,   Y,     Y },
	[ACT_EMPLOYERS_READ] = { _,  Y,     Y,     Y,     Y,  O,   Y,     Y },
	[ACT_OPERATOR_HOME]  = { _,  Y,     Y,     _,     _,  _,   _,     _ },
	[ACT_BROKER_HOME]    = { _,  _,     _,     _,     _,  _,   Y,     _ },
	[ACT_OWN_DATA]       = { _,  _,     _,     _,     _,  Y,   _,     _ },
	[ACT_EMPLOYEE_LIST]  = { _,  Y,     Y,     Y,     Y,  _,   Y,     Y },
	[ACT_EMPLOYEE_READ]  = { _,  Y,     Y,     Y,     Y,  O,   Y,     Y },
	[ACT_EMPLOYEE_WRITE] = { _,  Y,     Y,     Y,     Y,  _,   _,     _ },
	[ACT_CALC]           = { _,  Y,     Y,     Y,     Y,  Y,   Y,     Y },
	[ACT_PROVIDER_READ]  = { _,  Y,     Y,     Y,     Y,  Y,   Y,     Y },
	[ACT_PROVIDER_WRITE] = { _,  Y,     Y,     _,     _,  _,   _,     _ },
	[ACT_NET_COST]       = { _,  Y,     Y,     Y,     Y,  O,   Y,     Y },
};
/* clang-format on */
#undef Y
#undef O
#undef _

static const char *const role_codes[ROLE__COUNT] = {
	[ROLE_NONE] = "none",
	[ROLE_OPERATOR_ADMIN] = "operator_admin",
	[ROLE_OPERATOR_CLERK] = "operator_clerk",
	[ROLE_EMPLOYER_ADMIN] = "employer_admin",
	[ROLE_HR] = "hr",
	[ROLE_EMPLOYEE] = "employee",
	[ROLE_BROKER] = "broker",
	[ROLE_TAX_ADVISOR] = "tax_advisor",
};

static const char *const role_keys[ROLE__COUNT] = {
	[ROLE_NONE] = "role.none",
	[ROLE_OPERATOR_ADMIN] = "role.operator_admin",
	[ROLE_OPERATOR_CLERK] = "role.operator_clerk",
	[ROLE_EMPLOYER_ADMIN] = "role.employer_admin",
	[ROLE_HR] = "role.hr",
	[ROLE_EMPLOYEE] = "role.employee",
	[ROLE_BROKER] = "role.broker",
	[ROLE_TAX_ADVISOR] = "role.tax_advisor",
};

static const char *const action_codes[ACT__COUNT] = {
	[ACT_PUBLIC] = "public",
	[ACT_SIGNED_IN] = "signed_in",
	[ACT_EMPLOYERS_READ] = "employers.read",
	[ACT_OPERATOR_HOME] = "operator.home",
	[ACT_BROKER_HOME] = "broker.home",
	[ACT_OWN_DATA] = "own_data.read",
	[ACT_EMPLOYEE_LIST] = "employee.list",
	[ACT_EMPLOYEE_READ] = "employee.read",
	[ACT_EMPLOYEE_WRITE] = "employee.write",
	[ACT_CALC] = "calc",
	[ACT_PROVIDER_READ] = "provider.read",
	[ACT_PROVIDER_WRITE] = "provider.write",
	[ACT_NET_COST] = "employee.net_cost",
};

enum authz_level authz_level(enum role role, enum action act)
{
	if ((unsigned)role >= ROLE__COUNT || (unsigned)act >= ACT__COUNT)
		return AUTHZ_DENY;
	return (enum authz_level)table[act][role];
}

bool authz_employer_scoped(enum action act)
{
	return act == ACT_EMPLOYEE_LIST || act == ACT_EMPLOYEE_READ || act == ACT_EMPLOYEE_WRITE || act == ACT_NET_COST;
}

const char *authz_role_code(enum role role)
{
	return (unsigned)role < ROLE__COUNT ? role_codes[role] : "none";
}

enum role authz_role_from_code(const char *code)
{
	for (int r = ROLE_EMPLOYER_ADMIN; r < ROLE__COUNT; r++)
		if (!strcmp(role_codes[r], code))
			return (enum role)r;
	return ROLE_NONE;
}

const char *authz_role_key(enum role role)
{
	return (unsigned)role < ROLE__COUNT ? role_keys[role] : "role.none";
}

const char *authz_action_code(enum action act)
{
	return (unsigned)act < ACT__COUNT ? action_codes[act] : "?";
}
