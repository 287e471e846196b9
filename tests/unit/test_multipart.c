/*
 * test_multipart.c — src/http/multipart.c: a browser's upload, the boundary
 * in its forms, and the malformed bodies it must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http/multipart.h"

static int setup(void **state)
{
	static struct arena a;
	arena_init(&a);
	*state = &a;
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static enum mp_err mp(struct arena *a, const char *ct, const char *body, struct mp_part **p, size_t *n)
{
	return multipart_parse(a, ct, body, strlen(body), MP_MAX_PARTS, p, n);
}

#define CT "multipart/form-data; boundary=----WebKitFormBoundaryAbC123"
#define B "------WebKitFormBoundaryAbC123"

static void test_browser_upload(void **state)
{
	const char body[] = B "\r\n"
	                    "Content-Disposition: form-data; name=\"all_or_nothing\"\r\n\r\n"
	                    "on\r\n" B "\r\n"
	                    "Content-Disposition: form-data; name=\"file\"; filename=\"Mitarbeiter äö.csv\"\r\n"
	                    "Content-Type: text/csv\r\n\r\n"
	                    "a;b\r\n1;2\r\n\r\n" B "\r\n"
	                    "Content-Disposition: form-data; name=\"mode\"\r\n\r\n"
	                    "dry_run\r\n" B "--\r\n";
	struct mp_part *p;
	size_t          n;
	assert_int_equal(mp(*state, CT, body, &p, &n), MP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(p[0].name, "all_or_nothing");
	assert_null(p[0].filename);
	assert_string_equal(p[0].data, "on");
	assert_string_equal(p[1].name, "file");
	assert_string_equal(p[1].filename, "Mitarbeiter äö.csv");
	assert_string_equal(p[1].ctype, "text/csv");
	assert_int_equal(p[1].len, strlen("a;b\r\n1;2\r\n"));
	assert_memory_equal(p[1].data, "a;b\r\n1;2\r\n", p[1].len);
	assert_true(p[1].data > body && p[1].data < body + sizeof body); /* not copied */
	assert_string_equal(p[2].data, "dry_run");
}

static void test_boundary_forms(void **state)
{
	struct mp_part *p;
	size_t          n;
	const char      body[] = "--a b\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b--";
	assert_int_equal(mp(*state, "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"", body, &p, &n), MP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].name, "x");
	assert_string_equal(p[0].data, "1");
	/* an empty file part, as a browser sends it when no file was chosen */
	const char empty[] = "--q\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
	                     "Content-Type: application/octet-stream\r\n\r\n\r\n--q--\r\n";
	assert_int_equal(mp(*state, "multipart/form-data; boundary=q", empty, &p, &n), MP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].filename, "");
	assert_int_equal(p[0].len, 0);
	/* no parts at all */
	assert_int_equal(mp(*state, "multipart/form-data; boundary=q", "--q--", &p, &n), MP_OK);
	assert_int_equal(n, 0);
}

static void test_refused(void **state)
{
	struct mp_part *p;
	size_t          n;
	const char      ok[] = "--q\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--q--";
	struct {
		const char *ct, *body;
		enum mp_err e;
	} cases[] = {
		{NULL, ok, MP_NOT_MULTIPART},
		{"application/x-www-form-urlencoded", ok, MP_NOT_MULTIPART},
		{"multipart/form-dataX; boundary=q", ok, MP_NOT_MULTIPART},
		{"multipart/form-data", ok, MP_BAD_BOUNDARY},
		{"multipart/form-data; boundary=", ok, MP_BAD_BOUNDARY},
		{"multipart/form-data; boundary=q; boundary=q", ok, MP_BAD_BOUNDARY},
		{"multipart/form-data; boundary=\"q", ok, MP_BAD_BOUNDARY},
		{"multipart/form-data; boundary=a<b", ok, MP_BAD_BOUNDARY},
		{"multipart/form-data; boundary=12345678901234567890123456789012345678901234567890123456789012345678901",
		 ok, MP_BAD_BOUNDARY},
		{"multipart/form-data; boundary=q", "preamble\r\n--q\r\n", MP_MALFORMED},
		{"multipart/form-data; boundary=q", "", MP_MALFORMED},
		/* never closed */
		{"multipart/form-data; boundary=q", "--q\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1", MP_MALFORMED},
		/* no Content-Disposition, no name, not form-data */
		{"multipart/form-data; boundary=q", "--q\r\nContent-Type: text/plain\r\n\r\n1\r\n--q--", MP_MALFORMED},
		{"multipart/form-data; boundary=q", "--q\r\nContent-Disposition: form-data\r\n\r\n1\r\n--q--", MP_MALFORMED},
		{"multipart/form-data; boundary=q", "--q\r\nContent-Disposition: attachment; name=x\r\n\r\n1\r\n--q--", MP_MALFORMED},
		{"multipart/form-data; boundary=q", "--q\r\nContent-Disposition: form-data; name=x; name=y\r\n\r\n1\r\n--q--", MP_MALFORMED},
		/* headers without the empty line, bare LF */
		{"multipart/form-data; boundary=q", "--q\r\nContent-Disposition: form-data; name=x\r\n", MP_MALFORMED},
		{"multipart/form-data; boundary=q", "--q\nContent-Disposition: form-data; name=x\n\n1\n--q--", MP_MALFORMED},
		/* garbage after the close delimiter */
		{"multipart/form-data; boundary=q", "--q--junk", MP_MALFORMED},
		/* control character in a field */
		{"multipart/form-data; boundary=q", "--q\r\nContent-Disposition: form-data; name=x\r\n\r\n\x01\r\n--q--", MP_BAD_TEXT},
		{"multipart/form-data; boundary=q", "--q\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n1\r\n--q--", MP_BAD_TEXT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		enum mp_err e = mp(*state, cases[i].ct, cases[i].body, &p, &n);
		if (e != cases[i].e)
			fail_msg("case %zu: %s, expected %s", i, multipart_err_text(e), multipart_err_text(cases[i].e));
		assert_null(p);
		assert_int_equal(n, 0);
	}
}

static void test_limits(void **state)
{
	struct mp_part *p;
	size_t          n;
	char            body[16384];
	/* one part more than allowed */
	size_t o = 0;
	for (int i = 0; i < 3; i++)
		o += (size_t)snprintf(body + o, sizeof body - o, "--q\r\nContent-Disposition: form-data; name=f%d\r\n\r\nv\r\n", i);
	snprintf(body + o, sizeof body - o, "--q--");
	assert_int_equal(multipart_parse(*state, "multipart/form-data; boundary=q", body, strlen(body), 2, &p, &n), MP_TOO_MANY);
	assert_int_equal(multipart_parse(*state, "multipart/form-data; boundary=q", body, strlen(body), 3, &p, &n), MP_OK);
	/* a field over MP_FIELD_MAX */
	o = (size_t)snprintf(body, sizeof body, "--q\r\nContent-Disposition: form-data; name=x\r\n\r\n");
	memset(body + o, 'a', MP_FIELD_MAX + 1);
	o += MP_FIELD_MAX + 1;
	snprintf(body + o, sizeof body - o, "\r\n--q--");
	assert_int_equal(mp(*state, "multipart/form-data; boundary=q", body, &p, &n), MP_TOO_LONG);
	/* a header line over MP_HEADER_MAX */
	o = (size_t)snprintf(body, sizeof body, "--q\r\nX-Long: ");
	memset(body + o, 'a', MP_HEADER_MAX + 10);
	o += MP_HEADER_MAX + 10;
	snprintf(body + o, sizeof body - o, "\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--q--");
	assert_int_equal(mp(*state, "multipart/form-data; boundary=q", body, &p, &n), MP_TOO_LONG);
	/* too many header lines */
	o = (size_t)snprintf(body, sizeof body, "--q\r\n");
	for (int i = 0; i < MP_HEADERS_MAX + 1; i++)
		o += (size_t)snprintf(body + o, sizeof body - o, "X-H%d: v\r\n", i);
	snprintf(body + o, sizeof body - o, "Content-Disposition: form-data; name=x\r\n\r\n1\r\n--q--");
	assert_int_equal(mp(*state, "multipart/form-data; boundary=q", body, &p, &n), MP_TOO_MANY);
	/* a file part may hold anything, NUL bytes too, and is not limited */
	const char bin[] = "--q\r\nContent-Disposition: form-data; name=file; filename=a.xlsx\r\n\r\nPK\0\x03\r\n--q--";
	assert_int_equal(multipart_parse(*state, "multipart/form-data; boundary=q", bin, sizeof bin - 1, 8, &p, &n), MP_OK);
	assert_int_equal(p[0].len, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_browser_upload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boundary_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
