/*
 * test_export.c — app/export: CSV quoting (RFC 4180 with ';'), BOM and CRLF,
 * formula neutralisation of text cells but not of typed ones, and XLSX
 * output read back with libzip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "app/export.h"

static const struct export_col cols[] = {
	{"Name", EXPORT_TEXT},
	{"Geburtsdatum", EXPORT_DATE},
	{"Betrag", EXPORT_MONEY},
	{"Anzahl", EXPORT_NUMBER},
};

#define TEXT(s) {.text = (s)}
#define VAL(v) {.value = (v), .set = true}

static char *csv_of(const struct export_cell (*rows)[4], size_t n)
{
	struct export *x = export_begin(EXPORT_CSV, "Test", cols, 4);
	assert_non_null(x);
	for (size_t i = 0; i < n; i++)
		assert_true(export_row(x, rows[i]));
	struct buf b = {0};
	assert_true(export_finish(x, &b));
	return buf_steal(&b);
}

static void test_neutralise(void **state)
{
	static const char *const risky[] = {"=1+1", "+49 89 1234", "-5", "@SUM(A1)", "\tx", "\rx"};
	static const char *const fine[]  = {"", "Müller", "1+1", "a=b", " =x", "'=x"};
	for (size_t i = 0; i < sizeof risky / sizeof *risky; i++) {
		assert_true(export_is_risky(risky[i]));
		struct buf b = {0};
		export_neutralise(&b, risky[i]);
		assert_int_equal(b.p[0], '\'');
		assert_string_equal(b.p + 1, risky[i]);
		buf_free(&b);
	}
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++) {
		assert_false(export_is_risky(fine[i]));
		struct buf b = {0};
		export_neutralise(&b, fine[i]);
		assert_string_equal(b.n ? b.p : "", fine[i]);
		buf_free(&b);
	}
	assert_false(export_is_risky(NULL));
}

static void test_csv_quoting(void **state)
{
	const struct export_cell rows[][4] = {
		{TEXT("Müller;Schmidt"), VAL(0), VAL(123456), VAL(7)},
		{TEXT("say \"hi\""), {0}, {0}, {0}},
		{TEXT("two\nlines"), {0}, {0}, {0}},
		{TEXT("cr\rhere"), {0}, {0}, {0}},
		{TEXT("plain"), VAL(19372), VAL(-5), VAL(-5)},
	};
	char *s = csv_of(rows, 5);
	assert_memory_equal(s, "\xEF\xBB\xBF", 3);
	assert_string_equal(s + 3, "Name;Geburtsdatum;Betrag;Anzahl\r\n"
	                           "\"Müller;Schmidt\";01.01.1970;1234,56;7\r\n"
	                           "\"say \"\"hi\"\"\";;;\r\n"
	                           "\"two\nlines\";;;\r\n"
	                           "\"cr\rhere\";;;\r\n"
	                           "plain;15.01.2023;-0,05;-5\r\n");
	free(s);
}

static void test_csv_injection(void **state)
{
	const struct export_cell rows[][4] = {
		{TEXT("=1+1"), {0}, VAL(-500), VAL(-5)},
		{TEXT("+49 89 1234"), {0}, {0}, {0}},
		{TEXT("-5"), {0}, {0}, {0}},
		{TEXT("@SUM(A1:A9)"), {0}, {0}, {0}},
		{TEXT("=HYPERLINK(\"http://x\";\"y\")"), {0}, {0}, {0}},
		{TEXT("\t=1"), {0}, {0}, {0}},
	};
	char *s = csv_of(rows, 6);
	assert_string_equal(s + 3, "Name;Geburtsdatum;Betrag;Anzahl\r\n"
	                           "'=1+1;;-5,00;-5\r\n" /* typed money and number stay values */
	                           "'+49 89 1234;;;\r\n"
	                           "'-5;;;\r\n"
	                           "'@SUM(A1:A9);;;\r\n"
	                           "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\";;;\r\n"
	                           "'\t=1;;;\r\n");
	free(s);
}

static void test_csv_header_neutralised(void **state)
{
	static const struct export_col evil[] = {{"=cmd", EXPORT_TEXT}, {"a;b", EXPORT_TEXT}};
	struct export *x = export_begin(EXPORT_CSV, NULL, evil, 2);
	assert_non_null(x);
	struct buf b = {0};
	assert_true(export_finish(x, &b));
	assert_string_equal(b.p + 3, "'=cmd;\"a;b\"\r\n");
	buf_free(&b);
}

static char *zip_entry(const struct buf *b, const char *name)
{
	zip_error_t   ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(b->p, b->n, 0, &ze);
	assert_non_null(src);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(z);
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) != 0) {
		zip_close(z);
		return NULL;
	}
	char       *out = calloc(1, st.size + 1);
	zip_file_t *f   = zip_fopen(z, name, 0);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, out, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_close(z);
	return out;
}

static void test_xlsx(void **state)
{
	const struct export_cell rows[][4] = {
		{TEXT("Müller"), VAL(18276), VAL(123456), VAL(3)}, /* 2020-01-15 */
		{TEXT("=1+1"), {0}, VAL(-500), VAL(-5)},
		{TEXT("@SUM(A1)"), {0}, {0}, {0}},
		{TEXT("a <b> & c"), VAL(-36524), {0}, {0}}, /* 1870-01-01: before Excel's dates */
	};
	struct export *x = export_begin(EXPORT_XLSX, "Beschäftigte", cols, 4);
	assert_non_null(x);
	for (size_t i = 0; i < 4; i++)
		assert_true(export_row(x, rows[i]));
	struct buf b = {0};
	assert_true(export_finish(x, &b));
	assert_true(b.n > 4);
	assert_memory_equal(b.p, "PK\3\4", 4);

	char *sheet = zip_entry(&b, "xl/worksheets/sheet1.xml");
	assert_non_null(sheet);
	assert_non_null(strstr(sheet, "Müller"));
	assert_non_null(strstr(sheet, "Geburtsdatum"));
	assert_non_null(strstr(sheet, "'=1+1"));
	assert_non_null(strstr(sheet, "'@SUM(A1)"));
	assert_non_null(strstr(sheet, "a &lt;b&gt; &amp; c"));
	assert_non_null(strstr(sheet, "01.01.1870"));
	assert_non_null(strstr(sheet, "<v>43845</v>"));   /* 2020-01-15 as an Excel date */
	assert_non_null(strstr(sheet, "<v>1234.56</v>")); /* money as a number */
	assert_non_null(strstr(sheet, "<v>-5</v>"));
	assert_null(strstr(sheet, "<f>"));                /* never a formula */
	assert_non_null(strstr(sheet, "ySplit=\"1\""));  /* frozen header */
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:D5\""));
	assert_non_null(strstr(sheet, "<col "));          /* widths set */
	free(sheet);

	char *styles = zip_entry(&b, "xl/styles.xml");
	assert_non_null(styles);
	assert_non_null(strstr(styles, "<b/>"));
	assert_non_null(strstr(styles, "dd.mm.yyyy"));
	assert_non_null(strstr(styles, "#,##0.00"));
	assert_non_null(strstr(styles, "€"));
	free(styles);

	char *wb = zip_entry(&b, "xl/workbook.xml");
	assert_non_null(wb);
	assert_non_null(strstr(wb, "Beschäftigte"));
	free(wb);
	buf_free(&b);
}

static void test_xlsx_bad_sheet_name(void **state)
{
	struct export *x = export_begin(EXPORT_XLSX, "bad/name[]", cols, 4);
	assert_non_null(x); /* falls back to Sheet1 */
	struct buf b = {0};
	assert_true(export_finish(x, &b));
	char *sheet = zip_entry(&b, "xl/worksheets/sheet1.xml");
	assert_non_null(sheet);
	assert_non_null(strstr(sheet, "Name"));
	free(sheet);
	buf_free(&b);
	export_free(export_begin(EXPORT_XLSX, NULL, cols, 4)); /* abandoned: no leak, no file */
	export_free(NULL);
	assert_null(export_begin(EXPORT_CSV, NULL, cols, 0));
}

static void test_meta(void **state)
{
	assert_string_equal(export_content_type(EXPORT_CSV), "text/csv; charset=utf-8");
	assert_string_equal(export_content_type(EXPORT_XLSX),
	                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_string_equal(export_extension(EXPORT_CSV), "csv");
	assert_string_equal(export_extension(EXPORT_XLSX), "xlsx");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_neutralise),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_injection),
		cmocka_unit_test(test_csv_header_neutralised),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_xlsx_bad_sheet_name),
		cmocka_unit_test(test_meta),
	};
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
