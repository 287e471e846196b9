/*
 * test_sheet.c — the CSV and XLSX readers of src/app/sheet_*.c.  XLSX files
 * are built here at run time with libzip from small XML strings, so every
 * case shows the exact XML it feeds in.  Negative cases (broken zips,
 * malformed XML, DOCTYPE/entities, zip bombs, limits) are half the file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "app/sheet.h"

/* Reads a whole sheet into "row:cell|cell\n" lines (an empty row: "row:\n");
 * returns the status that ended the reading. */
static enum sheet_err dump(const void *data, size_t len, char *out, size_t outsz, char *why,
                           size_t whysz)
{
	struct sheet *s = NULL;
	size_t        o = 0;
	out[0]          = '\0';
	why[0]          = '\0';
	enum sheet_err e = sheet_open(data, len, &s, why, whysz);
	if (e != SHEET_OK) {
		assert_null(s);
		assert_true(why[0] != '\0');
		return e;
	}
	for (;;) {
		const char *const *cells;
		size_t             n;
		e = sheet_next(s, &cells, &n, why, whysz);
		if (e != SHEET_OK)
			break;
		o += (size_t)snprintf(out + o, outsz - o, "%zu:", sheet_row_number(s));
		for (size_t i = 0; i < n && o < outsz; i++)
			o += (size_t)snprintf(out + o, outsz - o, "%s%s", i ? "|" : "", cells[i]);
		if (o < outsz)
			o += (size_t)snprintf(out + o, outsz - o, "\n");
		assert_true(o < outsz);
	}
	if (e != SHEET_END) {
		assert_true(why[0] != '\0');
		/* errors are sticky */
		const char *const *cells;
		size_t             n;
		char               why2[256];
		assert_int_equal(sheet_next(s, &cells, &n, why2, sizeof why2), e);
		assert_string_equal(why, why2);
	}
	sheet_close(s);
	return e;
}

static enum sheet_err dump_str(const char *csv, char *out, size_t outsz, char *why, size_t whysz)
{
	return dump(csv, strlen(csv), out, outsz, why, whysz);
}

#define CSV_OK(in, expect)                                                               \
	do {                                                                             \
		char out_[4096], why_[256];                                              \
		assert_int_equal(dump_str((in), out_, sizeof out_, why_, sizeof why_), SHEET_END); \
		assert_string_equal(out_, (expect));                                     \
	} while (0)

/* ------------------------------------------------------------------ */
/* CSV                                                                  */

static void test_csv_quotes(void **state)
{
	CSV_OK("Name;Ort\n\"M\xC3\xBCller; Hans\";\"sagt \"\"hallo\"\"\"\n",
	       "1:Name|Ort\n2:M\xC3\xBCller; Hans|sagt \"hallo\"\n");
	CSV_OK("\"\";x;\"\"\n", "1:|x|\n");
	/* lenient like Excel: a quote inside an unquoted field is a literal,
	 * text after a closing quote is kept */
	CSV_OK("a\"b;c\n\"ab\"cd;e\n", "1:a\"b|c\n2:abcd|e\n");
	CSV_OK("a;b;\n", "1:a|b|\n");
}

static void test_csv_newlines(void **state)
{
	CSV_OK("a,b\n\"x\ny\",z\nq,r\n", "1:a|b\n2:x\ny|z\n4:q|r\n");
	CSV_OK("a;b\r\nc;d\r\n", "1:a|b\n2:c|d\n");
	CSV_OK("a;b\rc;d\r", "1:a|b\n2:c|d\n");
	CSV_OK("a;b\r\n\"1\r\n2\";d", "1:a|b\n2:1\r\n2|d\n");
	/* a trailing empty line is ignored, a blank line inside is an empty row;
	 * rows may be shorter than the header */
	CSV_OK("a;b\n\n\n", "1:a|b\n");
	CSV_OK("a;b\n\nc\n", "1:a|b\n2:\n3:c\n");
	CSV_OK("a;b\r\n\r\n", "1:a|b\n");
	CSV_OK("", "");
	CSV_OK("\n\n", "");
	CSV_OK("x", "1:x\n");
}

/* A long run of blank lines before data stays linear (the trailing-blank
 * check must not rescan the run for every line). */
static void test_csv_blank_run(void **state)
{
	size_t blank = 300000;
	char  *csv   = malloc(blank + 8);
	memset(csv, '\n', blank);
	strcpy(csv + blank, "x;y\n\n");
	struct sheet      *s = NULL;
	const char *const *cells;
	size_t             n, rows = 0;
	char               why[64];
	assert_int_equal(sheet_open((unsigned char *)csv, strlen(csv), &s, why, sizeof why), SHEET_OK);
	while (sheet_next(s, &cells, &n, why, sizeof why) == SHEET_OK) {
		rows++;
		if (n > 0) {
			assert_string_equal(cells[1], "y");
			assert_int_equal(sheet_row_number(s), blank + 1);
		}
	}
	assert_int_equal(rows, blank + 1);
	sheet_close(s);
	free(csv);
}

static void test_csv_delimiter(void **state)
{
	CSV_OK("a,b,c;d\n1,2,3;4\n", "1:a|b|c;d\n2:1|2|3;4\n");
	CSV_OK("a;b,c\n", "1:a|b,c\n");         /* tie: ';' */
	CSV_OK("a;b,c,d\n", "1:a;b|c|d\n"); /* ',' more frequent */
	CSV_OK("a\tb\tc,d\n1\t2\t3\n", "1:a|b|c,d\n2:1|2|3\n");
	CSV_OK("\"a,b,c\";d\n", "1:a,b,c|d\n");          /* quoted commas do not count */
	CSV_OK("\"x\ny,z,w\";q\n1;2\n", "1:x\ny,z,w|q\n3:1|2\n"); /* first *logical* line */
	CSV_OK("1.234,56\n", "1:1.234|56\n");
}

static void test_csv_utf8_bom(void **state)
{
	CSV_OK("\xEF\xBB\xBFName;Stra\xC3\x9F" "e\nM\xC3\xBCller;\xE2\x82\xAC\n",
	       "1:Name|Stra\xC3\x9F" "e\n2:M\xC3\xBCller|\xE2\x82\xAC\n");
	char out[256], why[256];
	/* a BOM promises UTF-8 */
	assert_int_equal(dump_str("\xEF\xBB\xBF" "a;b\nM\xFCller\n", out, sizeof out, why, sizeof why),
	                 SHEET_BAD_ENCODING);
	assert_non_null(strstr(why, "line 2"));
	assert_non_null(strstr(why, "offset 8"));
}

static void test_csv_cp1252(void **state)
{
	/* Müller;€ 5;„Zitat“ – ok */
	CSV_OK("Name;Betrag;Text\nM\xFCller;\x80 5;\x84Zitat\x93 \x96 ok\n",
	       "1:Name|Betrag|Text\n2:M\xC3\xBCller|\xE2\x82\xAC 5|"
	       "\xE2\x80\x9EZitat\xE2\x80\x9C \xE2\x80\x93 ok\n");
	CSV_OK("\"Gr\xF6\xDF" "e\";\x9F\xFF\n", "1:Gr\xC3\xB6\xC3\x9F" "e|\xC5\xB8\xC3\xBF\n");
	char out[256], why[256];
	assert_int_equal(dump_str("a;b\nx\xFC;\x81\n", out, sizeof out, why, sizeof why),
	                 SHEET_BAD_ENCODING);
	assert_non_null(strstr(why, "line 2"));
	assert_non_null(strstr(why, "0x81"));
	assert_non_null(strstr(why, "offset 7"));
	/* UTF-8 and a Latin-1 byte mixed: refused, not turned into mojibake */
	assert_int_equal(dump_str("M\xC3\xBCller;1\nM\xFCller;2\n", out, sizeof out, why, sizeof why),
	                 SHEET_BAD_ENCODING);
	assert_non_null(strstr(why, "line 2"));
}

static void test_csv_utf16(void **state)
{
	/* Excel's "Unicode text": UTF-16LE with BOM, TAB-separated */
	static const unsigned char u16[] = { 0xFF, 0xFE, 'M', 0, 0xFC, 0, 'l', 0, '\t', 0, 0xAC,
		                             0x20, '\r', 0, '\n', 0, 'x', 0 };
	char out[256], why[256];
	assert_int_equal(dump(u16, sizeof u16, out, sizeof out, why, sizeof why), SHEET_END);
	assert_string_equal(out, "1:M\xC3\xBCl|\xE2\x82\xAC\n2:x\n");
	assert_int_equal(dump(u16, sizeof u16 - 1, out, sizeof out, why, sizeof why),
	                 SHEET_BAD_ENCODING);
}

static void test_csv_unterminated(void **state)
{
	char out[256], why[256];
	assert_int_equal(dump_str("a;b\nc;d\ne;\"open\nmore;x\n", out, sizeof out, why, sizeof why),
	                 SHEET_BAD_CSV);
	assert_string_equal(out, "1:a|b\n2:c|d\n");
	assert_non_null(strstr(why, "line 3"));
	assert_non_null(strstr(why, "column 2"));
	assert_int_equal(dump_str("\"", out, sizeof out, why, sizeof why), SHEET_BAD_CSV);
}

static void test_csv_binary(void **state)
{
	char                       out[256], why[256];
	static const unsigned char nul[] = { 'a', ';', 'b', '\n', 'c', 0, 'd' };
	assert_int_equal(dump(nul, sizeof nul, out, sizeof out, why, sizeof why), SHEET_NOT_TABULAR);
	assert_non_null(strstr(why, "offset 5"));
	static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2 };
	assert_int_equal(dump(ole, sizeof ole, out, sizeof out, why, sizeof why), SHEET_NOT_TABULAR);
	assert_non_null(strstr(why, ".xls"));
	assert_int_equal(dump_str("\x01\x02\x03\x04\x05\x06\x07\x08\x0e", out, sizeof out, why,
	                          sizeof why),
	                 SHEET_NOT_TABULAR);
	assert_int_equal(dump_str("%PDF-1.7\n", out, sizeof out, why, sizeof why), SHEET_NOT_TABULAR);
	/* too large: refused before a byte is read */
	struct sheet *s = NULL;
	assert_int_equal(sheet_open((const unsigned char *)"", (size_t)SHEET_MAX_BYTES + 1, &s, why,
	                            sizeof why),
	                 SHEET_TOO_LARGE);
	assert_null(s);
}

static void test_csv_limits(void **state)
{
	size_t n   = SHEET_MAX_CELL + 10;
	char  *csv = malloc(n + 16), out[256], why[256];
	/* exactly SHEET_MAX_CELL bytes is fine */
	memset(csv, 'x', SHEET_MAX_CELL);
	memcpy(csv + SHEET_MAX_CELL, ";y\n", 4);
	struct sheet      *s = NULL;
	const char *const *cells;
	size_t             nc;
	assert_int_equal(sheet_open((unsigned char *)csv, strlen(csv), &s, why, sizeof why), SHEET_OK);
	assert_int_equal(sheet_next(s, &cells, &nc, why, sizeof why), SHEET_OK);
	assert_int_equal(nc, 2);
	assert_int_equal(strlen(cells[0]), SHEET_MAX_CELL);
	assert_string_equal(cells[1], "y");
	sheet_close(s);
	/* one byte more is not */
	memset(csv, 'x', SHEET_MAX_CELL + 1);
	memcpy(csv + SHEET_MAX_CELL + 1, "\n", 2);
	assert_int_equal(dump_str(csv, out, sizeof out, why, sizeof why), SHEET_CELL_TOO_LONG);
	assert_non_null(strstr(why, "line 1, column 1"));
	/* an unclosed quote runs into the limit: the message says where it began */
	memset(csv, 'x', n);
	csv[n] = '\0';
	csv[0] = 'a', csv[1] = '\n', csv[2] = '"';
	assert_int_equal(dump_str(csv, out, sizeof out, why, sizeof why), SHEET_CELL_TOO_LONG);
	assert_non_null(strstr(why, "began on line 2"));
	/* Windows-1252 grows when decoded: the limit is on the UTF-8 */
	memset(csv, 0xFC, SHEET_MAX_CELL / 2 + 1);
	memcpy(csv + SHEET_MAX_CELL / 2 + 1, "\n", 2);
	assert_int_equal(dump_str(csv, out, sizeof out, why, sizeof why), SHEET_CELL_TOO_LONG);
	free(csv);

	/* 256 columns are fine, 257 are not */
	char wide[1024];
	size_t o = 0;
	for (int i = 0; i < SHEET_MAX_COLUMNS; i++)
		o += (size_t)snprintf(wide + o, sizeof wide - o, "%s1", i ? ";" : "");
	snprintf(wide + o, sizeof wide - o, "\n1\n");
	assert_int_equal(sheet_open((unsigned char *)wide, strlen(wide), &s, why, sizeof why),
	                 SHEET_OK);
	assert_int_equal(sheet_next(s, &cells, &nc, why, sizeof why), SHEET_OK);
	assert_int_equal(nc, SHEET_MAX_COLUMNS);
	sheet_close(s);
	o = (size_t)snprintf(wide, sizeof wide, "h;i\n");
	for (int i = 0; i <= SHEET_MAX_COLUMNS; i++)
		o += (size_t)snprintf(wide + o, sizeof wide - o, "%s1", i ? ";" : "");
	snprintf(wide + o, sizeof wide - o, "\n");
	assert_int_equal(dump_str(wide, out, sizeof out, why, sizeof why), SHEET_TOO_MANY_COLUMNS);
	assert_non_null(strstr(why, "line 2"));
	assert_string_equal(out, "1:h|i\n");
}

static void test_csv_format_and_texts(void **state)
{
	struct sheet *s = NULL;
	char          why[64];
	assert_int_equal(sheet_open((const unsigned char *)"a;b", 3, &s, why, sizeof why), SHEET_OK);
	assert_int_equal(sheet_format(s), SHEET_CSV);
	assert_int_equal(sheet_row_number(s), 0);
	sheet_close(s);
	sheet_close(NULL);
	for (int e = SHEET_OK; e <= SHEET_CELL_TOO_LONG; e++)
		assert_true(sheet_err_text((enum sheet_err)e)[0] != '\0');
	/* why may be absent */
	assert_int_equal(sheet_open((const unsigned char *)"a\0b", 3, &s, NULL, 0), SHEET_NOT_TABULAR);
}

/* ------------------------------------------------------------------ */
/* XLSX built at run time                                               */

struct part {
	const char *name;
	const char *data;
	size_t      len; /* 0: strlen */
};

static unsigned char *zip_build(const struct part *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		if (parts[i].data == NULL)
			continue;
		size_t        k = parts[i].len ? parts[i].len : strlen(parts[i].data);
		zip_source_t *s = zip_source_buffer(za, parts[i].data, k, 0);
		assert_non_null(s);
		assert_true(zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	zip_int64_t sz = zip_source_tell(src);
	assert_true(sz > 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	unsigned char *buf = malloc((size_t)sz);
	assert_int_equal(zip_source_read(src, buf, (zip_uint64_t)sz), sz);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)sz;
	return buf;
}

#define NS_MAIN "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NS_R    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char WORKBOOK[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<workbook " NS_MAIN " " NS_R "><workbookPr/><sheets>"
	"<sheet name=\"Mitarbeiter\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"Zwei\" sheetId=\"2\" r:id=\"rId4\"/></sheets></workbook>";
static const char WORKBOOK_1904[] =
	"<workbook " NS_MAIN " " NS_R "><workbookPr date1904=\"1\"/><sheets>"
	"<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId4\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"</Relationships>";
/* xf 0 general, 1 built-in date 14, 2 custom date, 3 number with quoted
 * "d", 4 duration, 5 built-in 4 (#,##0.00), 6 custom date with locale tag */
static const char STYLES[] =
	"<styleSheet " NS_MAIN "><numFmts count=\"4\">"
	"<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0.00&quot; d&quot;\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"[$-407]DD. MMMM YYYY\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
	"<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"><alignment/></xf>"
	"<xf numFmtId=\"4\"/><xf numFmtId=\"167\"/></cellXfs></styleSheet>";
static const char SST[] =
	"<sst " NS_MAIN " count=\"4\" uniqueCount=\"4\">"
	"<si><t>Name</t></si>"
	"<si><t>M\xC3\xBCller</t></si>"
	"<si><r><rPr><b/></rPr><t>Fett</t></r><r><t xml:space=\"preserve\"> und normal</t></r>"
	"<rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>"
	"<si><t>Zeile_x000D_\nzwei &amp; &lt;drei&gt;</t></si>"
	"</sst>";

struct xl {
	const char *workbook, *rels, *styles, *sst, *sheet, *sheet2;
	const char *extra_name, *extra;
};

/* NULL takes the default part, "-" leaves it out. */
static unsigned char *xlsx_build(const struct xl *x, size_t *len)
{
#define PICK(v, d) ((v) == NULL ? (d) : strcmp((v), "-") == 0 ? NULL : (v))
	struct part parts[] = {
		{ "[Content_Types].xml", "<Types/>", 0 },
		{ "xl/workbook.xml", PICK(x->workbook, WORKBOOK), 0 },
		{ "xl/_rels/workbook.xml.rels", PICK(x->rels, RELS), 0 },
		{ "xl/styles.xml", PICK(x->styles, STYLES), 0 },
		{ "xl/sharedStrings.xml", PICK(x->sst, SST), 0 },
		{ "xl/worksheets/sheet1.xml", PICK(x->sheet, "<worksheet/>"), 0 },
		{ "xl/worksheets/sheet2.xml", PICK(x->sheet2, "<worksheet/>"), 0 },
		{ x->extra_name ? x->extra_name : "x", x->extra, 0 },
	};
#undef PICK
	return zip_build(parts, sizeof parts / sizeof parts[0], len);
}

static enum sheet_err xlsx_dump(const struct xl *x, char *out, size_t outsz, char *why,
                                size_t whysz)
{
	size_t         len;
	unsigned char *z = xlsx_build(x, &len);
	enum sheet_err e = dump(z, len, out, outsz, why, whysz);
	free(z);
	return e;
}

#define SHEET(rows) "<worksheet " NS_MAIN "><sheetData>" rows "</sheetData></worksheet>"

#define XLSX_OK(xl, expect)                                                             \
	do {                                                                            \
		char out_[4096], why_[320];                                             \
		assert_int_equal(xlsx_dump((xl), out_, sizeof out_, why_, sizeof why_), SHEET_END); \
		assert_string_equal(out_, (expect));                                    \
	} while (0)

#define XLSX_ERR(xl, err, needle)                                                       \
	do {                                                                            \
		char out_[4096], why_[320];                                             \
		assert_int_equal(xlsx_dump((xl), out_, sizeof out_, why_, sizeof why_), (err)); \
		if (strstr(why_, (needle)) == NULL)                                     \
			fail_msg("why \"%s\" lacks \"%s\"", why_, (needle));            \
	} while (0)

static void test_xlsx_values(void **state)
{
	struct xl x = { .sheet = SHEET(
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
		"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>inline</t></is></c>"
		"<c r=\"B2\"><v>1234.5</v></c><c r=\"C2\" t=\"n\"><v>-7</v></c>"
		"<c r=\"D2\" t=\"b\"><v>1</v></c><c r=\"E2\" t=\"b\"><v>0</v></c>"
		"<c r=\"F2\" t=\"e\"><v>#N/A</v></c>"
		"<c r=\"G2\" t=\"str\"><f>A1&amp;\"x\"</f><v>Namex</v></c>"
		"<c r=\"H2\" s=\"5\"><v>1.5E-3</v></c></row>"
		"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" t=\"s\"><v>3</v></c>"
		"<c r=\"C3\" t=\"inlineStr\"><is><r><t>ri</t></r><r><t>ch</t></r></is></c></row>") };
	XLSX_OK(&x, "1:Name|M\xC3\xBCller\n"
	            "2:inline|1234.5|-7|TRUE|FALSE|#N/A|Namex|1.5E-3\n"
	            "3:Fett und normal|Zeile\r\nzwei & <drei>|rich\n");
}

static void test_xlsx_dates(void **state)
{
	struct xl x = { .sheet = SHEET(
		"<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45351</v></c>"    /* built-in 14 */
		"<c r=\"B1\" s=\"2\"><v>45351.75</v></c>"                /* custom, time dropped */
		"<c r=\"C1\" s=\"3\"><v>45351</v></c>"                   /* "d" only quoted */
		"<c r=\"D1\" s=\"4\"><v>1.25</v></c>"                    /* [h]:mm duration */
		"<c r=\"E1\" s=\"0\"><v>45351</v></c>"                   /* general */
		"<c r=\"F1\" s=\"6\"><v>36526</v></c></row>"             /* [$-407]DD. MMMM YYYY */
		"<row r=\"2\"><c r=\"A2\" s=\"1\"><v>59</v></c><c r=\"B2\" s=\"1\"><v>60</v></c>"
		"<c r=\"C2\" s=\"1\"><v>61</v></c><c r=\"D2\" s=\"1\"><v>1</v></c>"
		"<c r=\"E2\" s=\"1\"><v>0</v></c><c r=\"F2\" s=\"1\"><v>2958465</v></c>"
		"<c r=\"G2\" s=\"1\"><v>2958466</v></c><c r=\"H2\" s=\"1\"><v>-1</v></c>"
		"<c r=\"I2\" s=\"1\"><v>4.5E4</v></c><c r=\"J2\" s=\"99\"><v>45351</v></c>"
		"<c r=\"K2\" s=\"1\" t=\"d\"><v>2024-02-29T00:00:00</v></c></row>") };
	XLSX_OK(&x, "1:2024-02-29|2024-02-29|45351|1.25|45351|2000-01-01\n"
	            "2:1900-02-28|1900-02-29|1900-03-01|1900-01-01|0|9999-12-31|2958466|-1|4.5E4|"
	            "45351|2024-02-29\n");
}

static void test_xlsx_1904(void **state)
{
	struct xl x = { .workbook = WORKBOOK_1904,
		        .sheet    = SHEET("<row><c s=\"1\"><v>0</v></c><c s=\"1\"><v>43889</v></c>"
		                          "<c s=\"1\"><v>60</v></c></row>") };
	XLSX_OK(&x, "1:1904-01-01|2024-02-29|1904-03-01\n");
}

static void test_xlsx_gaps(void **state)
{
	struct xl x = { .sheet = SHEET(
		"<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"C1\"><v>3</v></c>"
		"<c r=\"Z1\" s=\"1\"/><c r=\"AA1\" t=\"inlineStr\"><is><t></t></is></c></row>"
		"<row r=\"2\" spans=\"1:3\"/>"
		"<row r=\"5\"><c r=\"B5\"><v>x</v></c></row>"
		"<row><c><v>a</v></c><c><v>b</v></c></row>"
		"<row r=\"8\"><c r=\"AB8\"><v>28</v></c></row>") };
	XLSX_OK(&x, "1:1||3\n2:\n3:\n4:\n5:|x\n6:a|b\n7:\n"
	            "8:|||||||||||||||||||||||||||28\n");
	/* an empty sheet, and a sheet with no sheetData at all */
	struct xl e = { .sheet = SHEET("") };
	XLSX_OK(&e, "");
	struct xl e2 = { .sheet = "<worksheet/>" };
	XLSX_OK(&e2, "");
}

static void test_xlsx_parts(void **state)
{
	/* the first sheet is whatever workbook.xml lists first, via the rels */
	struct xl x = { .workbook = "<workbook " NS_R "><sheets>"
	                            "<sheet name=\"B\" sheetId=\"2\" r:id=\"rId4\"/>"
	                            "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
		        .sheet  = SHEET("<row><c><v>one</v></c></row>"),
		        .sheet2 = SHEET("<row><c><v>two</v></c></row>") };
	XLSX_OK(&x, "1:two\n");
	/* no rels: sheet1.xml; no styles, no shared strings: fine */
	struct xl y = { .workbook = WORKBOOK, .rels = "-", .styles = "-", .sst = "-",
		        .sheet = SHEET("<row><c s=\"1\"><v>45351</v></c></row>") };
	XLSX_OK(&y, "1:45351\n");
	/* absolute targets and prefixed element names (x:) */
	struct xl z = {
		.rels = "<Relationships><Relationship Id=\"rId1\" Type=\"" REL "worksheet\" "
		        "Target=\"/xl/worksheets/./other/../sheet2.xml\"/></Relationships>",
		.sheet2 = "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/"
		          "2006/main\"><x:sheetData><x:row r=\"2\"><x:c r=\"B2\" t=\"inlineStr\">"
		          "<x:is><x:t>pfx</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>",
	};
	XLSX_OK(&z, "1:\n2:|pfx\n");
}

static void test_xlsx_limits(void **state)
{
	struct xl x = { .sheet = SHEET("<row><c r=\"A1\"><v>1</v></c><c r=\"IV1\"><v>256</v></c></row>"
	                               "<row><c r=\"IW2\"><v>257</v></c></row>") };
	XLSX_ERR(&x, SHEET_TOO_MANY_COLUMNS, "row 2");

	size_t big  = SHEET_MAX_CELL + 1;
	char  *xml  = malloc(big + 256);
	int    head = sprintf(xml, "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>");
	memset(xml + head, 'x', big);
	strcpy(xml + head + big, "</t></is></c></row></sheetData></worksheet>");
	struct xl y = { .sheet = xml };
	XLSX_ERR(&y, SHEET_CELL_TOO_LONG, "row 1, column 1");
	/* and through a shared string */
	char *sst = malloc(big + 64);
	head      = sprintf(sst, "<sst><si><t>");
	memset(sst + head, 'y', big);
	strcpy(sst + head + big, "</t></si></sst>");
	struct xl z = { .sst = sst, .sheet = SHEET("<row><c t=\"s\"><v>0</v></c></row>") };
	XLSX_ERR(&z, SHEET_CELL_TOO_LONG, "row 1, column 1");
	free(sst);

	/* a zip bomb: 2 MiB of spaces squeezed into a few KiB */
	size_t bomb = 2u << 20;
	xml         = realloc(xml, bomb + 1);
	memset(xml, ' ', bomb);
	xml[bomb]   = '\0';
	struct xl b = { .sst = xml };
	XLSX_ERR(&b, SHEET_BAD_XLSX, "zip bomb");
	free(xml);
}

static void test_xlsx_broken(void **state)
{
	char           out[256], why[320];
	size_t         len;
	struct xl      ok = { .sheet = SHEET("<row><c><v>1</v></c></row>") };
	unsigned char *z  = xlsx_build(&ok, &len);
	/* truncated zips */
	assert_int_equal(dump(z, len / 2, out, sizeof out, why, sizeof why), SHEET_BAD_XLSX);
	assert_non_null(strstr(why, "zip"));
	assert_int_equal(dump(z, 4, out, sizeof out, why, sizeof why), SHEET_BAD_XLSX);
	/* a flipped byte in the compressed data: CRC or inflate error, never a crash */
	for (size_t i = 40; i < len; i += 37) {
		z[i] ^= 0x55;
		struct sheet *s = NULL;
		if (sheet_open(z, len, &s, why, sizeof why) == SHEET_OK) {
			const char *const *cells;
			size_t             n;
			while (sheet_next(s, &cells, &n, why, sizeof why) == SHEET_OK)
				;
			sheet_close(s);
		}
		z[i] ^= 0x55;
	}
	free(z);

	struct xl nowb = { .workbook = "-", .sheet = SHEET("") };
	XLSX_ERR(&nowb, SHEET_BAD_XLSX, "xl/workbook.xml");
	struct xl nosheet = { .sheet = "-" };
	XLSX_ERR(&nosheet, SHEET_BAD_XLSX, "xl/worksheets/sheet1.xml");
	struct xl nolist = { .workbook = "<workbook><sheets/></workbook>" };
	XLSX_ERR(&nolist, SHEET_BAD_XLSX, "no sheet");

	/* a zip that is some other document */
	struct part docx[] = { { "word/document.xml", "<w:document/>", 0 } };
	z = zip_build(docx, 1, &len);
	assert_int_equal(dump(z, len, out, sizeof out, why, sizeof why), SHEET_NOT_TABULAR);
	free(z);

	/* malformed XML: in the workbook at open, in the sheet after the good rows */
	struct xl badwb = { .workbook = "<workbook><sheets><sheet r:id=\"rId1\"></sheets>" };
	XLSX_ERR(&badwb, SHEET_BAD_XLSX, "xl/workbook.xml line 1");
	struct xl badws = { .sheet = "<worksheet><sheetData>\n<row><c><v>1</v></c></row>\n"
		                     "<row><c><v>2</v></row>\n</sheetData></worksheet>" };
	assert_int_equal(xlsx_dump(&badws, out, sizeof out, why, sizeof why), SHEET_BAD_XLSX);
	assert_string_equal(out, "1:1\n");
	assert_non_null(strstr(why, "sheet1.xml line 3"));
	assert_non_null(strstr(why, "mismatched tag"));
	struct xl badsst = { .sst = "<sst><si><t>x</si></sst>" };
	XLSX_ERR(&badsst, SHEET_BAD_XLSX, "xl/sharedStrings.xml line 1");

	/* DOCTYPE, entities, external entities: refused, nothing loaded */
	struct xl laughs = { .sst = "<?xml version=\"1.0\"?>\n<!DOCTYPE sst [<!ENTITY a \"aaaaaaaa\">"
		                    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
		                    "<sst><si><t>&b;</t></si></sst>" };
	XLSX_ERR(&laughs, SHEET_BAD_XLSX, "DOCTYPE");
	struct xl ext = { .sheet = "<!DOCTYPE worksheet SYSTEM \"file:///etc/passwd\">"
		                   "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&xxe;</t>"
		                   "</is></c></row></sheetData></worksheet>" };
	XLSX_ERR(&ext, SHEET_BAD_XLSX, "DOCTYPE");
	struct xl undef = { .sheet = SHEET("<row><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>") };
	XLSX_ERR(&undef, SHEET_BAD_XLSX, "undefined entity");

	/* indices and references from the file are checked */
	struct xl sstidx = { .sheet = SHEET("<row><c t=\"s\"><v>4</v></c></row>") };
	XLSX_ERR(&sstidx, SHEET_BAD_XLSX, "shared string \"4\" does not exist");
	struct xl sstneg = { .sheet = SHEET("<row><c t=\"s\"><v>-1</v></c></row>") };
	XLSX_ERR(&sstneg, SHEET_BAD_XLSX, "shared string");
	struct xl order = { .sheet = SHEET("<row r=\"3\"/><row r=\"2\"/>") };
	XLSX_ERR(&order, SHEET_BAD_XLSX, "row 2 comes after row 3");
	struct xl corder = { .sheet = SHEET("<row><c r=\"C1\"><v>1</v></c><c r=\"B1\"><v>1</v></c></row>") };
	XLSX_ERR(&corder, SHEET_BAD_XLSX, "out of order");
	struct xl badref = { .sheet = SHEET("<row><c r=\"XFE1\"><v>1</v></c></row>") };
	XLSX_ERR(&badref, SHEET_BAD_XLSX, "bad cell reference");
	struct xl bigrow = { .sheet = SHEET("<row r=\"1048577\"/>") };
	XLSX_ERR(&bigrow, SHEET_BAD_XLSX, "1048577");
	struct xl badtype = { .sheet = SHEET("<row><c t=\"q\"><v>1</v></c></row>") };
	XLSX_ERR(&badtype, SHEET_BAD_XLSX, "unknown cell type");
	struct xl chart = { .rels = "<Relationships><Relationship Id=\"rId1\" Type=\"" REL
		                    "chartsheet\" Target=\"chartsheets/sheet1.xml\"/></Relationships>" };
	XLSX_ERR(&chart, SHEET_BAD_XLSX, "chart");
}

static void test_xlsx_format(void **state)
{
	size_t         len;
	struct xl      ok = { .sheet = SHEET("<row r=\"3\"><c><v>1</v></c></row>") };
	unsigned char *z  = xlsx_build(&ok, &len);
	struct sheet  *s  = NULL;
	char           why[64];
	const char *const *cells;
	size_t             n;
	assert_int_equal(sheet_open(z, len, &s, why, sizeof why), SHEET_OK);
	assert_int_equal(sheet_format(s), SHEET_XLSX);
	assert_int_equal(sheet_row_number(s), 0);
	assert_int_equal(sheet_next(s, &cells, &n, why, sizeof why), SHEET_OK);
	assert_int_equal(sheet_row_number(s), 1);
	assert_int_equal(n, 0);
	assert_int_equal(sheet_next(s, &cells, &n, why, sizeof why), SHEET_OK);
	assert_int_equal(sheet_next(s, &cells, &n, why, sizeof why), SHEET_OK);
	assert_int_equal(sheet_row_number(s), 3);
	assert_int_equal(n, 1);
	assert_string_equal(cells[0], "1");
	assert_int_equal(sheet_next(s, &cells, &n, why, sizeof why), SHEET_END);
	assert_int_equal(sheet_next(s, &cells, &n, why, sizeof why), SHEET_END);
	sheet_close(s);
	free(z);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quotes),
		cmocka_unit_test(test_csv_newlines),
		cmocka_unit_test(test_csv_blank_run),
		cmocka_unit_test(test_csv_delimiter),
		cmocka_unit_test(test_csv_utf8_bom),
		cmocka_unit_test(test_csv_cp1252),
		cmocka_unit_test(test_csv_utf16),
		cmocka_unit_test(test_csv_unterminated),
		cmocka_unit_test(test_csv_binary),
		cmocka_unit_test(test_csv_limits),
		cmocka_unit_test(test_csv_format_and_texts),
		cmocka_unit_test(test_xlsx_values),
		cmocka_unit_test(test_xlsx_dates),
		cmocka_unit_test(test_xlsx_1904),
		cmocka_unit_test(test_xlsx_gaps),
		cmocka_unit_test(test_xlsx_parts),
		cmocka_unit_test(test_xlsx_limits),
		cmocka_unit_test(test_xlsx_broken),
		cmocka_unit_test(test_xlsx_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
