/*
 * lang.h — the UI languages.  German first; the catalogue (src/http/i18n.c)
 * holds one text per key and language.
 */
#ifndef OPENBAV_LANG_H
#define OPENBAV_LANG_H

enum lang { LANG_DE, LANG_EN, LANG__COUNT };

#endif
