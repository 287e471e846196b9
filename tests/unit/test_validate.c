/*
 * test_validate.c — IBAN, VSNR, Steuer-ID, Betriebsnummer, postcode rules of
 * src/core/validate.c, and that the message catalogue files carry every key
 * (English texts identical to validate_reason_en()).  Run from the repo root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/validate.h"

typedef enum valid_reason (*validator)(const char *, size_t);

static const char *const kinds[] = { "iban", "svnr", "steuer_id", "betriebsnummer", "postcode" };

/* Asserts the result and that the reason has its own message. */
static void expect(const char *kind, validator f, const char *s, enum valid_reason want)
{
	enum valid_reason got = f(s, strlen(s));
	if (got != want)
		fail_msg("%s \"%s\": got reason %d, want %d", kind, s, (int)got, (int)want);
	if (want != VALID_OK)
		assert_string_not_equal(validate_reason_key(kind, got), "valid.invalid");
}

/* ---- IBAN ---------------------------------------------------------------- */

static void test_iban_valid(void **state)
{
	static const char *ok[] = {
		"DE89370400440532013000", "NL85ABNA0428715265", "GB82WEST12345698765432",
		"FR1420041010050500013M02606", "AT611904300234573201", "CH9300762011623852957",
		"BE68539007547034", "NO9386011117947", "MT84MALT011000012345MTLCAST001S",
		"DE89 3704 0044 0532 0130 00", "de89370400440532013000", "nl85abna0428715265",
		" DE89370400440532013000 ",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		expect("iban", validate_iban, ok[i], VALID_OK);
	/* n bounds the input */
	assert_int_equal(validate_iban("DE89370400440532013000XYZ", 22), VALID_OK);
}

static void test_iban_invalid(void **state)
{
	expect("iban", validate_iban, "", VALID_EMPTY);
	expect("iban", validate_iban, "    ", VALID_EMPTY);
	expect("iban", validate_iban, "DE8937040044053201300", VALID_LENGTH);
	expect("iban", validate_iban, "DE893704004405320130000", VALID_LENGTH);
	expect("iban", validate_iban, "DE89370400440532013000DE89370400440532", VALID_LENGTH);
	expect("iban", validate_iban, "D", VALID_LENGTH);
	expect("iban", validate_iban, "NL85ABNA042871526", VALID_LENGTH);
	expect("iban", validate_iban, "DE88370400440532013000", VALID_CHECKSUM);
	expect("iban", validate_iban, "DE89370400440532013001", VALID_CHECKSUM);
	expect("iban", validate_iban, "NL85ABNA0428715256", VALID_CHECKSUM);
	expect("iban", validate_iban, "NL85ABNB0428715265", VALID_CHECKSUM);
	expect("iban", validate_iban, "XX89370400440532013000", VALID_COUNTRY);
	expect("iban", validate_iban, "US89370400440532013000", VALID_COUNTRY);
	expect("iban", validate_iban, "1E89370400440532013000", VALID_COUNTRY);
	expect("iban", validate_iban, "DE89-3704-0044-0532-0130-00", VALID_CHARS);
	expect("iban", validate_iban, "DE89370400440532013ä00", VALID_CHARS);
	expect("iban", validate_iban, "DEX9370400440532013000", VALID_CHARS);
	expect("iban", validate_iban, "DE8937040044053201300A", VALID_CHARS);
	expect("iban", validate_iban, "DE\t89370400440532013000", VALID_CHARS);
}

/* Every transposition of two adjacent, different characters after the country
 * code and every single-character change is caught. */
static void test_iban_mutations(void **state)
{
	static const char *ok[] = { "DE89370400440532013000", "NL85ABNA0428715265" };
	for (size_t k = 0; k < 2; k++) {
		char b[40];
		size_t n = strlen(ok[k]);
		for (size_t i = 2; i + 1 < n; i++) {
			memcpy(b, ok[k], n + 1);
			if (b[i] == b[i + 1])
				continue;
			char t = b[i];
			b[i] = b[i + 1], b[i + 1] = t;
			if (i == 3 && (b[i] < '0' || b[i] > '9'))
				continue;
			enum valid_reason r = validate_iban(b, n);
			if (r != VALID_CHECKSUM && r != VALID_CHARS)
				fail_msg("swap at %zu accepted: %s", i, b);
		}
		for (size_t i = 2; i < n; i++) {
			for (char c = '0'; c <= '9'; c++) {
				memcpy(b, ok[k], n + 1);
				if (b[i] == c)
					continue;
				b[i] = c;
				assert_int_not_equal(validate_iban(b, n), VALID_OK);
			}
		}
	}
}

/* A number whose computed check digits are 98 is also "valid" with 01, which
 * the validator refuses.  Found by brute force over the account number. */
static void test_iban_check_digit_range(void **state)
{
	char b[] = "DE98370400440532013000";
	int found = 0;
	for (int acc = 0; acc < 1000 && !found; acc++) {
		b[19] = (char)('0' + acc / 100), b[20] = (char)('0' + acc / 10 % 10), b[21] = (char)('0' + acc % 10);
		if (validate_iban(b, 22) == VALID_OK)
			found = 1;
	}
	assert_true(found);
	b[2] = '0', b[3] = '1';
	expect("iban", validate_iban, b, VALID_CHECKSUM);
}

/* ---- VSNR ---------------------------------------------------------------- */

/* Independent check digit: the 11 characters as a digit string with the letter
 * spelled as two digits, products' Quersummen over weights 2,1,2,5,7,1,2,1,2,1,2,1. */
static char vsnr_check(const char *first11)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%.8s%02d%.2s", first11, (first11[8] - 'A' + 1) % 100, first11 + 9);
	const char *weights = "212571212121";
	int total = 0;
	for (int i = 0; i < 12; i++) {
		int p = (digits[i] - '0') * (weights[i] - '0');
		while (p > 0) {
			total += p % 10;
			p /= 10;
		}
	}
	return (char)('0' + total % 10);
}

static void vsnr_make(char out[13], const char *first11)
{
	memcpy(out, first11, 11);
	out[11] = vsnr_check(first11);
	out[12] = '\0';
}

static void test_svnr_valid(void **state)
{
	char v[13];
	static const char *ok[] = {
		"65170839J00", "12150385M51", "02010100A00", "89311299Z99", "40290200B12", /* 29.02.(20)00 */
		"53290296K07", "12001286M01", /* unknown birthday */
		"12150088M01",                  /* unknown month */
		"12330764M01", "12650764M01", "12970764M01", /* serial overflow: +32, +64, +96 */
		"42010160X50", "69010160Y49", "80010160A00", "82010160A00", "38010160A00",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		vsnr_make(v, ok[i]);
		expect("svnr", validate_svnr, v, VALID_OK);
	}
	/* Worked by hand: 6 5 1 7 0 8 3 9 | J = 1 0 | 0 0 times 2 1 2 5 7 1 2 1 2 1 2 1
	 * → 12(3) 5 2 35(8) 0 8 6 9 2 0 0 0 = 43 → check digit 3. */
	expect("svnr", validate_svnr, "65170839J003", VALID_OK);
}

static void test_svnr_invalid(void **state)
{
	char v[13];
	vsnr_make(v, "65170839J00");
	const char right = v[11];
	for (char c = '0'; c <= '9'; c++) {
		if (c == right)
			continue;
		v[11] = c;
		expect("svnr", validate_svnr, v, VALID_CHECKSUM);
	}
	/* any single change of a digit in the serial or date part is caught */
	vsnr_make(v, "65170839J00");
	char w[13];
	for (int i = 0; i < 11; i++) {
		if (i == 8)
			continue;
		for (char c = '0'; c <= '9'; c++) {
			memcpy(w, v, 13);
			if (w[i] == c)
				continue;
			w[i] = c;
			assert_int_not_equal(validate_svnr(w, 12), VALID_OK);
		}
	}
	static const char *area[] = { "00", "01", "30", "37", "41", "70", "79", "83", "88", "90", "99" };
	for (size_t i = 0; i < sizeof area / sizeof area[0]; i++) {
		char f[12];
		memcpy(f, "65170839J00", 12);
		memcpy(f, area[i], 2);
		vsnr_make(v, f);
		expect("svnr", validate_svnr, v, VALID_AREA);
	}
	static const char *date[] = { "31", "04", "89", "29", "02", "01", "01", "13", "32", "02", "99", "01",
	                              "96", "01", "60", "30", "02", "60" };
	for (size_t i = 0; i + 2 < sizeof date / sizeof date[0]; i += 3) {
		char f[12];
		memcpy(f, "65xxxxxxJ00", 12);
		memcpy(f + 2, date[i], 2);
		memcpy(f + 4, date[i + 1], 2);
		memcpy(f + 6, date[i + 2], 2);
		vsnr_make(v, f);
		expect("svnr", validate_svnr, v, VALID_BIRTHDATE);
	}
	/* 29.02.01 is neither 1901 nor 2001 a leap year */
	vsnr_make(v, "65290201J00");
	expect("svnr", validate_svnr, v, VALID_BIRTHDATE);
	/* 29.02.00: 2000 is a leap year, so accepted (the century is unknown) */
	vsnr_make(v, "65290200J00");
	expect("svnr", validate_svnr, v, VALID_OK);

	expect("svnr", validate_svnr, "", VALID_EMPTY);
	expect("svnr", validate_svnr, "65170839J00", VALID_LENGTH);
	expect("svnr", validate_svnr, "65 170839 J 003", VALID_LENGTH);
	expect("svnr", validate_svnr, "65170839J0030", VALID_LENGTH);
	expect("svnr", validate_svnr, "65170839j003", VALID_CHARS);
	expect("svnr", validate_svnr, "65170839Ä03", VALID_CHARS);
	expect("svnr", validate_svnr, "651708391003", VALID_CHARS);
	expect("svnr", validate_svnr, "6517O839J003", VALID_CHARS);
	expect("svnr", validate_svnr, "65170839J00X", VALID_CHARS);
	expect("svnr", validate_svnr, "65170839J0O3", VALID_SERIAL);
	expect("svnr", validate_svnr, "65170839JAB3", VALID_SERIAL);
}

/* ---- Steuer-ID ----------------------------------------------------------- */

static const char *const steuer_examples[] = {
	"02476291358", "86095742719", "47036892816", "65929970489", "57549285017", "25768131411",
};

/* Independent ISO/IEC 7064 MOD 11,10 check digit over the first ten digits. */
static char steuer_check(const char *s)
{
	int product = 10;
	for (int i = 0; i < 10; i++) {
		int sum = (s[i] - '0' + product) % 10;
		product = ((sum ? sum : 10) * 2) % 11;
	}
	return (char)('0' + (11 - product) % 10);
}

static void steuer_make(char out[12], const char *first10)
{
	memcpy(out, first10, 10);
	out[10] = steuer_check(first10);
	out[11] = '\0';
}

static void test_steuer_examples(void **state)
{
	for (size_t i = 0; i < 6; i++) {
		const char *s = steuer_examples[i];
		assert_int_equal(steuer_check(s), s[10]); /* the helper agrees with the official list */
		expect("steuer_id", validate_steuer_id, s, s[0] == '0' ? VALID_LEADING_ZERO : VALID_OK);
	}
}

/* Every single-digit change of a valid ID is refused: by the check digit, the
 * digit rule, or the leading zero. */
static void test_steuer_mutations(void **state)
{
	int caught_by_checksum = 0, caught_by_pattern = 0;
	for (size_t k = 0; k < 6; k++) {
		if (steuer_examples[k][0] == '0')
			continue;
		for (int i = 0; i < 11; i++) {
			for (char c = '0'; c <= '9'; c++) {
				char b[12];
				memcpy(b, steuer_examples[k], 12);
				if (b[i] == c)
					continue;
				b[i] = c;
				enum valid_reason r = validate_steuer_id(b, 11);
				if (r == VALID_CHECKSUM)
					caught_by_checksum++;
				else if (r == VALID_DIGIT_PATTERN)
					caught_by_pattern++;
				else if (!(r == VALID_LEADING_ZERO && i == 0))
					fail_msg("%s accepted or wrong reason %d", b, (int)r);
				/* the check digit alone also catches it when the pattern holds */
				if (r == VALID_CHECKSUM || (i < 10 && r == VALID_DIGIT_PATTERN))
					assert_int_not_equal(steuer_check(b), b[10]);
			}
		}
	}
	assert_true(caught_by_checksum > 0);
	assert_true(caught_by_pattern > 0);
}

static void test_steuer_pattern(void **state)
{
	char b[12];
	steuer_make(b, "1234567890"); /* no digit repeats */
	expect("steuer_id", validate_steuer_id, b, VALID_DIGIT_PATTERN);
	steuer_make(b, "1123456789"); /* one digit twice */
	expect("steuer_id", validate_steuer_id, b, VALID_OK);
	steuer_make(b, "1121345678"); /* three times, not consecutive */
	expect("steuer_id", validate_steuer_id, b, VALID_OK);
	steuer_make(b, "1213415670"); /* three times spread */
	expect("steuer_id", validate_steuer_id, b, VALID_OK);
	steuer_make(b, "1112345678"); /* three in a row */
	expect("steuer_id", validate_steuer_id, b, VALID_DIGIT_PATTERN);
	steuer_make(b, "2345678111"); /* three in a row at the end */
	expect("steuer_id", validate_steuer_id, b, VALID_DIGIT_PATTERN);
	steuer_make(b, "1121314567"); /* four times */
	expect("steuer_id", validate_steuer_id, b, VALID_DIGIT_PATTERN);
	steuer_make(b, "1122345678"); /* two digits repeat */
	expect("steuer_id", validate_steuer_id, b, VALID_DIGIT_PATTERN);
	steuer_make(b, "1122234567");
	expect("steuer_id", validate_steuer_id, b, VALID_DIGIT_PATTERN);

	expect("steuer_id", validate_steuer_id, "", VALID_EMPTY);
	expect("steuer_id", validate_steuer_id, "8609574271", VALID_LENGTH);
	expect("steuer_id", validate_steuer_id, "860957427190", VALID_LENGTH);
	expect("steuer_id", validate_steuer_id, "86 095 742 719", VALID_LENGTH);
	expect("steuer_id", validate_steuer_id, "8609574271x", VALID_CHARS);
	expect("steuer_id", validate_steuer_id, "86095742718", VALID_CHECKSUM);
}

/* ---- Betriebsnummer ------------------------------------------------------ */

static void test_betriebsnummer(void **state)
{
	expect("betriebsnummer", validate_betriebsnummer, "09912342", VALID_OK);
	expect("betriebsnummer", validate_betriebsnummer, "09912347", VALID_OK);
	expect("betriebsnummer", validate_betriebsnummer, "09912343", VALID_CHECKSUM);
	for (char c = '0'; c <= '9'; c++) {
		char b[] = "09912342";
		b[7] = c;
		expect("betriebsnummer", validate_betriebsnummer, b, (c == '2' || c == '7') ? VALID_OK : VALID_CHECKSUM);
	}
	/* 1,1,1,0,0,0,0 × 1,2,1,2,1,2,1 → 1+2+1 = 4 */
	expect("betriebsnummer", validate_betriebsnummer, "11100004", VALID_OK);
	expect("betriebsnummer", validate_betriebsnummer, "11100009", VALID_OK);
	expect("betriebsnummer", validate_betriebsnummer, "11000003", VALID_RANGE);
	expect("betriebsnummer", validate_betriebsnummer, "10000001", VALID_RANGE);
	expect("betriebsnummer", validate_betriebsnummer, "00012340", VALID_RANGE);
	/* 0,0,1,0,0,0,0 → 1 */
	expect("betriebsnummer", validate_betriebsnummer, "00100001", VALID_OK);
	expect("betriebsnummer", validate_betriebsnummer, "", VALID_EMPTY);
	expect("betriebsnummer", validate_betriebsnummer, "0991234", VALID_LENGTH);
	expect("betriebsnummer", validate_betriebsnummer, "099123420", VALID_LENGTH);
	expect("betriebsnummer", validate_betriebsnummer, "0991234x", VALID_CHARS);
	expect("betriebsnummer", validate_betriebsnummer, "0991 342", VALID_CHARS);
}

/* ---- Postcode ------------------------------------------------------------ */

static void test_postcode(void **state)
{
	expect("postcode", validate_postcode_de, "01067", VALID_OK);
	expect("postcode", validate_postcode_de, "01001", VALID_OK);
	expect("postcode", validate_postcode_de, "99998", VALID_OK);
	expect("postcode", validate_postcode_de, "80331", VALID_OK);
	expect("postcode", validate_postcode_de, "01000", VALID_RANGE);
	expect("postcode", validate_postcode_de, "00000", VALID_RANGE);
	expect("postcode", validate_postcode_de, "99999", VALID_RANGE);
	expect("postcode", validate_postcode_de, "", VALID_EMPTY);
	expect("postcode", validate_postcode_de, "1067", VALID_LENGTH);
	expect("postcode", validate_postcode_de, "010670", VALID_LENGTH);
	expect("postcode", validate_postcode_de, "D-01067", VALID_LENGTH);
	expect("postcode", validate_postcode_de, "0106a", VALID_CHARS);
	expect("postcode", validate_postcode_de, "01 67", VALID_CHARS);
}

/* ---- Message catalogues -------------------------------------------------- */

struct entry {
	char key[64];
	char text[512];
	int  used;
};

/* Reads "key = text" lines; returns the number of entries. */
static size_t load_catalogue(const char *path, struct entry *e, size_t max)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s (run the test from the repository root)", path);
	char   line[1024];
	size_t n = 0;
	while (fgets(line, sizeof line, f)) {
		size_t len = strlen(line);
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		char *eq = strstr(line, " = ");
		if (eq == NULL)
			fail_msg("%s: malformed line \"%s\"", path, line);
		assert_true(n < max);
		*eq = '\0';
		assert_true(strlen(line) < sizeof e[n].key && strlen(eq + 3) < sizeof e[n].text);
		strcpy(e[n].key, line);
		strcpy(e[n].text, eq + 3);
		for (size_t i = 0; i < n; i++)
			if (strcmp(e[i].key, e[n].key) == 0)
				fail_msg("%s: duplicate key %s", path, e[n].key);
		e[n].used = 0;
		n++;
	}
	fclose(f);
	return n;
}

static struct entry *find(struct entry *e, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].key, key) == 0)
			return &e[i];
	return NULL;
}

static void test_catalogues(void **state)
{
	static struct entry en[128], de[128];
	size_t nen = load_catalogue("i18n/validate.en.txt", en, 128);
	size_t nde = load_catalogue("i18n/validate.de.txt", de, 128);
	size_t specific = 0;

	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		for (int r = VALID_OK; r <= VALID_RANGE; r++) {
			const char *key  = validate_reason_key(kinds[k], (enum valid_reason)r);
			const char *text = validate_reason_en(kinds[k], (enum valid_reason)r);
			assert_non_null(key);
			assert_non_null(text);
			struct entry *ee = find(en, nen, key), *de_e = find(de, nde, key);
			if (ee == NULL || de_e == NULL)
				fail_msg("key %s missing from a catalogue", key);
			assert_string_equal(ee->text, text);
			assert_true(strlen(de_e->text) > 0);
			ee->used = de_e->used = 1;
			if (strcmp(key, "valid.ok") != 0 && strcmp(key, "valid.invalid") != 0) {
				char want[64];
				snprintf(want, sizeof want, "valid.%s.", kinds[k]);
				assert_memory_equal(key, want, strlen(want));
				specific++;
			}
		}
	}
	/* every catalogue line is reachable, nothing stale */
	for (size_t i = 0; i < nen; i++)
		if (!en[i].used)
			fail_msg("validate.en.txt: unused key %s", en[i].key);
	for (size_t i = 0; i < nde; i++)
		if (!de[i].used)
			fail_msg("validate.de.txt: unused key %s", de[i].key);
	assert_int_equal(specific, 27);
	assert_int_equal(nen, 29);
	assert_int_equal(nde, 29);
	assert_string_equal(validate_reason_key("iban", VALID_CHECKSUM), "valid.iban.checksum");
	assert_string_equal(validate_reason_en("iban", VALID_CHECKSUM),
	                    "The IBAN check digits do not match – check for swapped digits.");
	assert_string_equal(find(de, nde, "valid.iban.checksum")->text,
	                    "Die Prüfziffer der IBAN stimmt nicht – bitte auf Zahlendreher prüfen.");
	assert_string_equal(validate_reason_key(NULL, VALID_EMPTY), "valid.invalid");
	assert_string_equal(validate_reason_key("postcode", VALID_CHECKSUM), "valid.invalid");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iban_valid),        cmocka_unit_test(test_iban_invalid),
		cmocka_unit_test(test_iban_mutations),    cmocka_unit_test(test_iban_check_digit_range),
		cmocka_unit_test(test_svnr_valid),        cmocka_unit_test(test_svnr_invalid),
		cmocka_unit_test(test_steuer_examples),   cmocka_unit_test(test_steuer_mutations),
		cmocka_unit_test(test_steuer_pattern),    cmocka_unit_test(test_betriebsnummer),
		cmocka_unit_test(test_postcode),          cmocka_unit_test(test_catalogues),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
