/*
 * fuzz_params.c — libFuzzer driver for the router: path matching and the
 * parameter allow-list over query strings, form bodies and JSON bodies.
 * Input layout: byte 0 selects the body kind, then "path\nquery\nbody".
 */
#include <stdint.h>
#include <string.h>

#include "http/http.h"

static void none(struct req *r) { (void)r; }

static const char *const kinds[] = {"a", "b", NULL};
static const struct param params[] = {
	{"q", PT_STRING, PF_QUERY, 0, 100, NULL},
	{"n", PT_INT, PF_QUERY | PF_BODY, -5, 500, NULL},
	{"d", PT_DATE, PF_BODY | PF_NULLABLE, 0, 0, NULL},
	{"k", PT_ENUM, PF_BODY, 0, 0, kinds},
	{"b", PT_BOOL, PF_BODY, 0, 0, NULL},
	{"e", PT_EMAIL, PF_BODY, 0, 254, NULL},
	{"s", PT_STRING, PF_BODY | PF_REQUIRED, 1, 30, NULL},
	{NULL, 0, 0, 0, 0, NULL}};
static const struct route routes[] = {
	{HTTP_POST, "/x/{eid}/y/{id}", ACT_PUBLIC, RF_JSON, 4096, params, none, "xy"},
	{HTTP_POST, "/s/{hash}/{file}", ACT_PUBLIC, 0, 4096, params, none, "s"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char *copy = malloc(size);
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	char *path = copy, *query = strchr(path, '\n'), *body = NULL;
	if (query) {
		*query++ = '\0';
		body     = strchr(query, '\n');
		if (body)
			*body++ = '\0';
	}
	struct req r;
	memset(&r, 0, sizeof r);
	arena_init(&r.a);
	r.method = HTTP_POST;
	r.path   = path;
	int i    = http_route_match(routes, 2, &r);
	r.route  = &routes[i >= 0 ? i : 0];
	r.query  = query;
	if (body)
		buf_add(&r.body, body, strlen(body));
	r.body_json = data[0] & 1;
	struct param_error pe;
	if (http_params(&r, &pe)) {
		for (int k = 0; params[k].name; k++)
			if (r.arg[k])
				(void)strlen(r.arg[k]);
	}
	json_decref(r.json);
	buf_free(&r.body);
	arena_free(&r.a);
	free(copy);
	return 0;
}
