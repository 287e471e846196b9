/*
 * validate.h — check digits and formats of the identifiers a bAV clerk types:
 * IBAN, Rentenversicherungsnummer (VSNR), steuerliche Identifikationsnummer,
 * Betriebsnummer, German postcode.  Pure; each returns VALID_OK or the precise
 * reason, which maps to a message key "valid.<kind>.<reason>"
 * (i18n/validate.*.txt).  Rules: docs/DOMAIN.md section 9.
 */
#ifndef OPENBAV_VALIDATE_H
#define OPENBAV_VALIDATE_H

#include <stddef.h>

enum valid_reason {
	VALID_OK = 0,
	VALID_EMPTY,
	VALID_LENGTH,
	VALID_CHARS,
	VALID_CHECKSUM,
	VALID_COUNTRY,
	VALID_AREA,          /* svnr: invalid Bereichsnummer */
	VALID_BIRTHDATE,     /* svnr: TTMMJJ not a date */
	VALID_SERIAL,        /* svnr: Seriennummer (positions 10-11) not two digits */
	VALID_LEADING_ZERO,  /* steuer-id: starts with 0 */
	VALID_DIGIT_PATTERN, /* steuer-id: digit repetition rule */
	VALID_RANGE,         /* betriebsnummer first 3 digits, postcode range */
};

/* Spaces are ignored, letters case-insensitive; lengths of all SEPA countries;
 * DE must be 22 characters with a numeric BBAN. */
enum valid_reason validate_iban(const char *s, size_t n);
/* 12 characters, no spaces, the letter upper case ("65170839J003"). */
enum valid_reason validate_svnr(const char *s, size_t n);
/* 11 digits, no spaces. */
enum valid_reason validate_steuer_id(const char *s, size_t n);
/* 8 digits, no spaces. */
enum valid_reason validate_betriebsnummer(const char *s, size_t n);
/* 5 digits, 01001..99998. */
enum valid_reason validate_postcode_de(const char *s, size_t n);

/* Message catalogue key for a reason and kind, e.g. "valid.iban.checksum";
 * kind is "iban", "svnr", "steuer_id", "betriebsnummer", "postcode".
 * Never NULL: VALID_OK gives "valid.ok", a combination that no validator
 * returns gives "valid.invalid". */
const char *validate_reason_key(const char *kind, enum valid_reason r);
/* English text for the CLI/API; the same texts as i18n/validate.en.txt. */
const char *validate_reason_en(const char *kind, enum valid_reason r);

#endif
