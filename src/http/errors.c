/*
 * errors.c — the one place where an error becomes an HTTP status and an API
 * error code.
 */
#include "http/http.h"

static const struct {
	int         status;
	const char *code;
} map[ERR__COUNT] = {
	[ERR_INVALID]     = {400, "invalid_input"},
	[ERR_UNAUTH]      = {401, "unauthenticated"},
	[ERR_FORBIDDEN]   = {403, "forbidden"},
	[ERR_NOT_FOUND]   = {404, "not_found"},
	[ERR_METHOD]      = {405, "method_not_allowed"},
	[ERR_CONFLICT]    = {409, "conflict"},
	[ERR_TOO_LARGE]   = {413, "too_large"},
	[ERR_RULE]        = {422, "rule_violated"},
	[ERR_THROTTLED]   = {429, "too_many_requests"},
	[ERR_INTERNAL]    = {500, "internal"},
	[ERR_UNAVAILABLE] = {503, "unavailable"},
};

int http_err_status(enum http_err e) { return (unsigned)e < ERR__COUNT ? map[e].status : 500; }
const char *http_err_code(enum http_err e) { return (unsigned)e < ERR__COUNT ? map[e].code : "internal"; }
