/*
 * http.h — the request as handlers see it, and the route table's types.
 *
 * A request owns one arena (req->a) freed in one place (server.c) when the
 * response has been queued.  Handlers only ever see parameters the route
 * declared, already decoded and checked by the router (after kcgi's kvalid
 * and Kore's http_argument_add): req->arg[i] is the value of the route's
 * i-th parameter, NULL when absent.
 */
#ifndef OPENBAV_HTTP_H
#define OPENBAV_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/auth.h"
#include "app/authz.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/lang.h"
#include "http/parse.h"

enum {
	HTTP_MAX_PARAMS   = 32,
	HTTP_MAX_HEADERS  = 8,
	HTTP_MAX_PATH_IDS = 2,
};

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE, HTTP__METHODS };

/* Errors at module boundaries; the HTTP status and API code of each are
 * chosen in exactly one place (http/errors.c). */
enum http_err {
	ERR_INVALID,    /* 400 invalid_input */
	ERR_UNAUTH,     /* 401 unauthenticated */
	ERR_FORBIDDEN,  /* 403 forbidden (also: bad CSRF token) */
	ERR_NOT_FOUND,  /* 404 not_found */
	ERR_METHOD,     /* 405 method_not_allowed */
	ERR_CONFLICT,   /* 409 conflict */
	ERR_TOO_LARGE,  /* 413 too_large */
	ERR_RULE,       /* 422 rule_violated */
	ERR_THROTTLED,  /* 429 too_many_requests */
	ERR_INTERNAL,   /* 500 internal */
	ERR_UNAVAILABLE,/* 503 unavailable */
	ERR__COUNT
};
int         http_err_status(enum http_err e);
const char *http_err_code(enum http_err e);

/* Parameter types checked by the router before a handler runs. */
enum param_type {
	PT_STRING, /* UTF-8 text, length in [min,max] bytes, no control characters but TAB/LF/CR */
	PT_INT,    /* decimal integer in [min,max] */
	PT_DATE,   /* YYYY-MM-DD or DD.MM.YYYY, a real date */
	PT_BOOL,   /* true/false/1/0/on/off */
	PT_ENUM,   /* one of choices */
	PT_EMAIL,  /* plausible address, at most 254 bytes */
};

enum param_flag {
	PF_REQUIRED = 1 << 0,
	PF_QUERY    = 1 << 1, /* taken from the query string */
	PF_BODY     = 1 << 2, /* taken from the form or JSON body */
	PF_NULLABLE = 1 << 3, /* JSON null accepted (value "") */
};

struct param {
	const char        *name;
	enum param_type    type;
	unsigned           flags;
	int64_t            min, max;
	const char *const *choices; /* PT_ENUM, NULL-terminated */
};

struct req;
typedef void (*handler_fn)(struct req *);

enum route_flag {
	RF_JSON    = 1 << 0, /* API route: JSON errors, JSON body accepted */
	RF_PARTIAL = 1 << 1, /* may answer htmx with a fragment */
	RF_LOOPBACK = 1 << 2, /* only for clients on the loopback address */
	RF_NO_CSRF = 1 << 3, /* unsafe method allowed without CSRF token (login form has its own) */
	RF_MFA     = 1 << 4, /* reachable while the second factor is still owed */
	RF_RAW_BODY = 1 << 5, /* the handler validates the body itself (calculators: strict JSON) */
	RF_FILE_BODY = 1 << 6, /* the body is a file (imports): never parsed as parameters */
};

struct route {
	enum http_method    method;
	const char         *pattern; /* "/api/v1/employers/{eid}/employees/{id}" */
	enum action         action;
	unsigned            flags;
	size_t              max_body; /* 0: no body accepted */
	const struct param *params;   /* terminated by {NULL} */
	handler_fn          fn;
	const char         *name;     /* metrics label */
};

struct header {
	const char *name, *value;
};

struct req {
	struct arena        a;
	void               *conn; /* struct MHD_Connection */
	enum http_method    method;
	const char         *path;
	const char         *query; /* raw, without '?' */
	const struct route *route;
	int                 route_index;
	int64_t             ids[HTTP_MAX_PATH_IDS]; /* {eid}, {id}: numbers, in pattern order */
	int                 nids;
	const char         *pv[HTTP_MAX_PATH_IDS];  /* {other}: [A-Za-z0-9._-]{1,64} */
	int                 npv;
	const char         *arg[HTTP_MAX_PARAMS];
	const char         *form_csrf; /* the form's _csrf field, checked by the dispatcher */
	struct kv          *form;      /* RF_RAW_BODY with a form body: the decoded pairs */
	size_t              nform;
	json_t             *json; /* parsed JSON body (API), freed with the request */
	struct buf          body;
	bool                body_too_large;
	bool                body_json; /* Content-Type: application/json */
	char                addr[64];
	bool                tls;  /* reached over TLS (directly or behind a trusted proxy) */
	bool                htmx; /* HX-Request header */
	const char         *h_cookie, *h_auth, *h_lang, *h_csrf; /* request headers or NULL */
	enum lang           lang;
	int64_t             now;
	struct db          *db;
	struct principal    who;
	enum role           role;  /* at the route's employer, or best global role */
	enum authz_level    level;
	/* response */
	int                 status;
	const char         *ctype;
	struct buf          out;
	const unsigned char *static_body; /* embedded asset: sent as is, never freed */
	size_t              static_len;
	struct header       hdr[HTTP_MAX_HEADERS];
	int                 nhdr;
	const char         *cache; /* Cache-Control, default no-store */
	uint64_t            t0_ns;
};

/* Router (router.c): finds the route for a method and path.  Returns the
 * route index, -1 when no pattern matches the path (404) or -2 when a
 * pattern matches but not the method (405).  Fills ids / pv. */
int http_route_match(const struct route *routes, size_t count, struct req *r);
/* Decodes query and body and checks them against the route's parameter
 * table.  On failure: the error, the field and the message key. */
struct param_error {
	enum http_err err;
	const char   *field;
	const char   *key;
	int64_t       min, max;
};
bool http_params(struct req *r, struct param_error *pe);
const char *http_method_name(enum http_method m);
/* The value of the route parameter `name` (declared in its table), or NULL. */
const char *req_arg(const struct req *r, const char *name);
uint64_t now_ns(void);

#endif
