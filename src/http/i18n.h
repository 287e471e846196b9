/*
 * i18n.h — the message catalogue: one text per key and language, read once
 * from the embedded files i18n/<area>.<lang>.txt ("key = text" lines).
 */
#ifndef OPENBAV_I18N_H
#define OPENBAV_I18N_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/lang.h"

void        i18n_init(void); /* parse once at start-up; aborts on a malformed file */
const char *i18n_text(enum lang lang, const char *key); /* the key itself when missing */
bool        i18n_has(enum lang lang, const char *key);
size_t      i18n_missing(FILE *report); /* keys in one language only; printed to report if set */
enum lang   i18n_lang_from_code(const char *code); /* "de"/"en" (also "en-GB"…); else LANG_DE */
const char *i18n_lang_code(enum lang lang);

/* Checks one catalogue file's text; NULL when fine, else a static message
 * ("line N: …" in errbuf).  Used by i18n_init and the tests. */
const char *i18n_check(const char *text, size_t len, char *errbuf, size_t errlen);

#endif
