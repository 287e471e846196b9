/*
 * validate.c — format and check-digit rules of IBAN, VSNR, Steuer-ID,
 * Betriebsnummer and German postcode (docs/DOMAIN.md section 9), and the
 * key/English text for every reason a validator can return.
 * Must never allocate, do I/O, or accept a value whose check digit fails;
 * the English texts must stay identical to i18n/validate.en.txt (a unit
 * test compares them).
 */
#include "validate.h"
#include "date.h"

#include <stdbool.h>
#include <string.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static char to_upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c; }

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

static int digit_sum(int v) { return v / 10 + v % 10; } /* v < 100 */

/* ---- IBAN (ISO 13616) ---------------------------------------------------- */

/* IBAN lengths of the SEPA countries (EPC list of SEPA scheme countries). */
static const struct {
	char cc[3];
	unsigned char len;
} iban_countries[] = {
	{ "AD", 24 }, { "AL", 28 }, { "AT", 20 }, { "BE", 16 }, { "BG", 22 }, { "CH", 21 },
	{ "CY", 28 }, { "CZ", 24 }, { "DE", 22 }, { "DK", 18 }, { "EE", 20 }, { "ES", 24 },
	{ "FI", 18 }, { "FR", 27 }, { "GB", 22 }, { "GI", 23 }, { "GR", 27 }, { "HR", 21 },
	{ "HU", 28 }, { "IE", 22 }, { "IS", 26 }, { "IT", 27 }, { "LI", 21 }, { "LT", 20 },
	{ "LU", 20 }, { "LV", 21 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 }, { "MK", 19 },
	{ "MT", 31 }, { "NL", 18 }, { "NO", 15 }, { "PL", 28 }, { "PT", 25 }, { "RO", 24 },
	{ "RS", 22 }, { "SE", 24 }, { "SI", 19 }, { "SK", 24 }, { "SM", 27 }, { "VA", 22 },
};

enum { IBAN_MAX = 34 };

enum valid_reason validate_iban(const char *s, size_t n)
{
	char   c[IBAN_MAX];
	size_t len = 0;

	if (s == NULL)
		return VALID_EMPTY;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ')
			continue;
		char ch = to_upper(s[i]);
		if (!is_digit(ch) && !is_upper(ch))
			return VALID_CHARS;
		if (len == IBAN_MAX)
			return VALID_LENGTH;
		c[len++] = ch;
	}
	if (len == 0)
		return VALID_EMPTY;
	if (!is_upper(c[0]) || (len > 1 && !is_upper(c[1])))
		return VALID_COUNTRY;
	if (len < 2)
		return VALID_LENGTH;

	size_t want = 0;
	for (size_t i = 0; i < sizeof iban_countries / sizeof iban_countries[0]; i++)
		if (iban_countries[i].cc[0] == c[0] && iban_countries[i].cc[1] == c[1])
			want = iban_countries[i].len;
	if (want == 0)
		return VALID_COUNTRY;
	if (len != want)
		return VALID_LENGTH;
	if (!is_digit(c[2]) || !is_digit(c[3]))
		return VALID_CHARS;
	if (c[0] == 'D' && c[1] == 'E' && !all_digits(c + 4, len - 4))
		return VALID_CHARS; /* BLZ and account number are digits */
	/* 00, 01 and 99 are congruent to valid check digits but never issued. */
	int cd = (c[2] - '0') * 10 + (c[3] - '0');
	if (cd < 2 || cd > 98)
		return VALID_CHECKSUM;

	/* Move the first four characters to the end, letters become 10..35,
	 * and reduce mod 97 as we go instead of building the big integer. */
	unsigned r = 0;
	for (size_t k = 0; k < len; k++) {
		char ch = c[(k + 4) % len];
		if (is_digit(ch))
			r = (r * 10 + (unsigned)(ch - '0')) % 97;
		else
			r = (r * 100 + (unsigned)(ch - 'A' + 10)) % 97;
	}
	return r == 1 ? VALID_OK : VALID_CHECKSUM;
}

/* ---- Rentenversicherungsnummer (§ 2 VKVV) -------------------------------- */

/* Bereichsnummern of the Anlage to the VKVV. */
static bool svnr_area_valid(int a)
{
	return (a >= 2 && a <= 29) || (a >= 38 && a <= 40) || (a >= 42 && a <= 69) ||
	       (a >= 80 && a <= 82) || a == 89;
}

/*
 * Positions 3-8 are TTMMJJ, but the Gemeinsames Rundschreiben zum
 * Meldeverfahren (Ziff. 3.1.1.2) allows more than calendar dates: day 00 for an
 * unknown birthday, month 00 for an unknown month, and the day raised by 32 or
 * 64 (or the 1st by 96) when a date's serial numbers are used up.  The century
 * is not encoded, so 29 Feb is accepted when 19JJ or 20JJ is a leap year.
 */
static bool svnr_birth_valid(int dd, int mm, int yy)
{
	if (mm > 12)
		return false;
	if (dd == 97)
		dd = 1;
	else if (dd >= 96)
		return false;
	else if (dd >= 64)
		dd -= 64;
	else if (dd >= 32)
		dd -= 32;
	if (dd == 0 || mm == 0)
		return true;
	return date_valid_ymd(1900 + yy, mm, dd) || date_valid_ymd(2000 + yy, mm, dd);
}

static int two(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

enum valid_reason validate_svnr(const char *s, size_t n)
{
	static const int w[12] = { 2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1 };

	if (s == NULL || n == 0)
		return VALID_EMPTY;
	if (n != 12)
		return VALID_LENGTH;
	if (!all_digits(s, 8) || !is_upper(s[8]) || !is_digit(s[11]))
		return VALID_CHARS;
	if (!all_digits(s + 9, 2))
		return VALID_SERIAL;
	if (!svnr_area_valid(two(s)))
		return VALID_AREA;
	if (!svnr_birth_valid(two(s + 2), two(s + 4), two(s + 6)))
		return VALID_BIRTHDATE;

	/* The letter becomes its alphabet position as two digits (A = 01). */
	int d[12], letter = s[8] - 'A' + 1;
	for (int i = 0; i < 8; i++)
		d[i] = s[i] - '0';
	d[8]  = letter / 10;
	d[9]  = letter % 10;
	d[10] = s[9] - '0';
	d[11] = s[10] - '0';
	int sum = 0;
	for (int i = 0; i < 12; i++)
		sum += digit_sum(d[i] * w[i]);
	return sum % 10 == s[11] - '0' ? VALID_OK : VALID_CHECKSUM;
}

/* ---- Steuerliche Identifikationsnummer ----------------------------------- */

enum valid_reason validate_steuer_id(const char *s, size_t n)
{
	if (s == NULL || n == 0)
		return VALID_EMPTY;
	if (n != 11)
		return VALID_LENGTH;
	if (!all_digits(s, 11))
		return VALID_CHARS;
	if (s[0] == '0')
		return VALID_LEADING_ZERO;

	/* Exactly one digit of the first ten repeats, twice or three times, and
	 * three occurrences must not stand directly next to each other. */
	int count[10] = { 0 }, repeated = 0, which = -1;
	for (int i = 0; i < 10; i++)
		count[s[i] - '0']++;
	for (int k = 0; k < 10; k++)
		if (count[k] > 1) {
			repeated++;
			which = k;
		}
	if (repeated != 1 || count[which] > 3)
		return VALID_DIGIT_PATTERN;
	if (count[which] == 3)
		for (int i = 0; i + 2 < 10; i++)
			if (s[i] - '0' == which && s[i + 1] == s[i] && s[i + 2] == s[i])
				return VALID_DIGIT_PATTERN;

	/* ISO/IEC 7064 MOD 11,10 */
	int p = 10;
	for (int i = 0; i < 10; i++) {
		int t = (s[i] - '0' + p) % 10;
		if (t == 0)
			t = 10;
		p = (2 * t) % 11;
	}
	int c = 11 - p;
	if (c == 10)
		c = 0;
	return c == s[10] - '0' ? VALID_OK : VALID_CHECKSUM;
}

/* ---- Betriebsnummer ------------------------------------------------------ */

enum valid_reason validate_betriebsnummer(const char *s, size_t n)
{
	static const int w[7] = { 1, 2, 1, 2, 1, 2, 1 };

	if (s == NULL || n == 0)
		return VALID_EMPTY;
	if (n != 8)
		return VALID_LENGTH;
	if (!all_digits(s, 8))
		return VALID_CHARS;
	/* DOMAIN.md 9.3: 001-099 or above 110 (the lower bound 010 of one source
	 * is unconfirmed, so the wider range is accepted). */
	int head = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	if (head == 0 || (head >= 100 && head <= 110))
		return VALID_RANGE;
	int sum = 0;
	for (int i = 0; i < 7; i++)
		sum += digit_sum((s[i] - '0') * w[i]);
	int p = sum % 10, last = s[7] - '0';
	return (last == p || last == (p + 5) % 10) ? VALID_OK : VALID_CHECKSUM;
}

/* ---- Postleitzahl -------------------------------------------------------- */

enum valid_reason validate_postcode_de(const char *s, size_t n)
{
	if (s == NULL || n == 0)
		return VALID_EMPTY;
	if (n != 5)
		return VALID_LENGTH;
	if (!all_digits(s, 5))
		return VALID_CHARS;
	long v = 0;
	for (int i = 0; i < 5; i++)
		v = v * 10 + (s[i] - '0');
	return (v >= 1001 && v <= 99998) ? VALID_OK : VALID_RANGE;
}

/* ---- Messages ------------------------------------------------------------ */

/* Every (kind, reason) a validator above can return.  Keep in step with
 * i18n/validate.en.txt and i18n/validate.de.txt. */
static const struct {
	const char       *kind;
	enum valid_reason r;
	const char       *key;
	const char       *en;
} messages[] = {
	{ "iban", VALID_EMPTY, "valid.iban.empty", "Please enter an IBAN." },
	{ "iban", VALID_LENGTH, "valid.iban.length",
	  "The IBAN has the wrong length for its country – a German IBAN has exactly 22 characters (DE, 2 check digits, 8-digit bank code, 10-digit account number)." },
	{ "iban", VALID_CHARS, "valid.iban.chars",
	  "The IBAN contains characters that are not allowed – after the country code come two check digits, then only letters and digits (in a German IBAN only digits)." },
	{ "iban", VALID_CHECKSUM, "valid.iban.checksum",
	  "The IBAN check digits do not match – check for swapped digits." },
	{ "iban", VALID_COUNTRY, "valid.iban.country",
	  "The IBAN does not start with a known SEPA country code – the first two letters must be a country code such as DE." },

	{ "svnr", VALID_EMPTY, "valid.svnr.empty", "Please enter the pension insurance number (Rentenversicherungsnummer)." },
	{ "svnr", VALID_LENGTH, "valid.svnr.length",
	  "The pension insurance number must have exactly 12 characters without spaces: 2-digit area number, birth date DDMMYY, first letter of the birth name, 2-digit serial number, check digit." },
	{ "svnr", VALID_CHARS, "valid.svnr.chars",
	  "The pension insurance number must consist of 8 digits, a capital letter (first letter of the birth name) and 3 digits." },
	{ "svnr", VALID_CHECKSUM, "valid.svnr.checksum",
	  "The check digit (last digit) of the pension insurance number does not match – check for typos or swapped digits." },
	{ "svnr", VALID_AREA, "valid.svnr.area",
	  "The first two digits of the pension insurance number are not an assigned area number (Bereichsnummer) of a pension insurance institution." },
	{ "svnr", VALID_BIRTHDATE, "valid.svnr.birthdate",
	  "Digits 3 to 8 of the pension insurance number are not a possible birth date in the form DDMMYY." },
	{ "svnr", VALID_SERIAL, "valid.svnr.serial",
	  "Positions 10 and 11 of the pension insurance number (serial number) must be two digits." },

	{ "steuer_id", VALID_EMPTY, "valid.steuer_id.empty", "Please enter the tax identification number (Steuer-ID)." },
	{ "steuer_id", VALID_LENGTH, "valid.steuer_id.length",
	  "The tax identification number must have exactly 11 digits." },
	{ "steuer_id", VALID_CHARS, "valid.steuer_id.chars",
	  "The tax identification number may contain only digits, without spaces or other characters." },
	{ "steuer_id", VALID_CHECKSUM, "valid.steuer_id.checksum",
	  "The check digit (last digit) of the tax identification number does not match – check for typos or swapped digits." },
	{ "steuer_id", VALID_LEADING_ZERO, "valid.steuer_id.leading_zero",
	  "A tax identification number never starts with 0." },
	{ "steuer_id", VALID_DIGIT_PATTERN, "valid.steuer_id.digit_pattern",
	  "This is not a possible tax identification number: among the first 10 digits exactly one digit must occur twice or three times (and not three times in a row) – check for typos." },

	{ "betriebsnummer", VALID_EMPTY, "valid.betriebsnummer.empty", "Please enter the employer number (Betriebsnummer)." },
	{ "betriebsnummer", VALID_LENGTH, "valid.betriebsnummer.length",
	  "The employer number (Betriebsnummer) must have exactly 8 digits." },
	{ "betriebsnummer", VALID_CHARS, "valid.betriebsnummer.chars",
	  "The employer number (Betriebsnummer) may contain only digits, without spaces or other characters." },
	{ "betriebsnummer", VALID_CHECKSUM, "valid.betriebsnummer.checksum",
	  "The check digit (8th digit) of the employer number (Betriebsnummer) does not match – check for typos or swapped digits." },
	{ "betriebsnummer", VALID_RANGE, "valid.betriebsnummer.range",
	  "The first three digits of the employer number (Betriebsnummer) must be between 001 and 099 or above 110." },

	{ "postcode", VALID_EMPTY, "valid.postcode.empty", "Please enter the postcode." },
	{ "postcode", VALID_LENGTH, "valid.postcode.length", "A German postcode has exactly 5 digits (with a leading 0 where needed, e.g. 01067)." },
	{ "postcode", VALID_CHARS, "valid.postcode.chars", "A German postcode may contain only digits." },
	{ "postcode", VALID_RANGE, "valid.postcode.range", "There are no German postcodes outside 01001 to 99998." },
};

static const char key_ok[] = "valid.ok", en_ok[] = "Valid.";
static const char key_other[] = "valid.invalid", en_other[] = "The value is not valid.";

static int message_index(const char *kind, enum valid_reason r)
{
	if (kind == NULL)
		return -1;
	for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
		if (messages[i].r == r && strcmp(messages[i].kind, kind) == 0)
			return (int)i;
	return -1;
}

const char *validate_reason_key(const char *kind, enum valid_reason r)
{
	if (r == VALID_OK)
		return key_ok;
	int i = message_index(kind, r);
	return i < 0 ? key_other : messages[i].key;
}

const char *validate_reason_en(const char *kind, enum valid_reason r)
{
	if (r == VALID_OK)
		return en_ok;
	int i = message_index(kind, r);
	return i < 0 ? en_other : messages[i].en;
}
