/*
 * i18n.c — the message catalogue.  Owns the parsed key/text tables, built once
 * from the embedded i18n/NAME.LANG.txt assets and read-only afterwards, so lookups
 * take no lock.  It must never return NULL for a key, and never modify the
 * tables after init.
 */
#include "http/i18n.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assets.h"
#include "base/arena.h"

struct i18n_entry {
	const char *key, *text;
};

static struct {
	struct i18n_entry *e;
	size_t             n, cap;
} i18n_tab[LANG__COUNT];

static pthread_once_t i18n_once = PTHREAD_ONCE_INIT;

static const char *const i18n_codes[LANG__COUNT] = {"de", "en"};

static int i18n_key_char(int c) { return isalnum(c) || c == '_' || c == '.' || c == '-'; }

/*
 * Walks the lines of a catalogue file.  With `lang` set, it also copies the
 * entries into that table.  Returns NULL or an error message.
 */
static const char *i18n_parse(const char *text, size_t len, int lang, char *err, size_t errlen)
{
	size_t line = 0, i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		line++;
		const char *s = text + i, *end = text + e;
		i             = e + 1;
		if (end > s && end[-1] == '\r')
			end--;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s == end || *s == '#')
			continue;
		const char *k = s;
		while (s < end && i18n_key_char((unsigned char)*s))
			s++;
		const char *kend = s;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (kend == k || s == end || *s != '=') {
			snprintf(err, errlen, "line %zu: expected 'key = text'", line);
			return err;
		}
		if (memchr(k, '\0', (size_t)(end - k))) {
			snprintf(err, errlen, "line %zu: NUL byte", line);
			return err;
		}
		s++;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		const char *t = s, *tend = end;
		while (tend > t && (tend[-1] == ' ' || tend[-1] == '\t'))
			tend--;
		if (tend == t) {
			snprintf(err, errlen, "line %zu: empty text for '%.*s'", line, (int)(kend - k), k);
			return err;
		}
		if (lang >= 0) {
			if (i18n_tab[lang].n == i18n_tab[lang].cap) {
				i18n_tab[lang].cap = i18n_tab[lang].cap ? i18n_tab[lang].cap * 2 : 256;
				i18n_tab[lang].e   = xrealloc(i18n_tab[lang].e,
				                              i18n_tab[lang].cap * sizeof *i18n_tab[lang].e);
			}
			struct i18n_entry *en = &i18n_tab[lang].e[i18n_tab[lang].n++];
			char              *kk = xmalloc((size_t)(kend - k) + 1 + (size_t)(tend - t) + 1);
			memcpy(kk, k, (size_t)(kend - k));
			kk[kend - k] = '\0';
			char *tt     = kk + (kend - k) + 1;
			memcpy(tt, t, (size_t)(tend - t));
			tt[tend - t] = '\0';
			en->key      = kk;
			en->text     = tt;
		}
	}
	return NULL;
}

const char *i18n_check(const char *text, size_t len, char *errbuf, size_t errlen)
{
	return i18n_parse(text, len, -1, errbuf, errlen);
}

static int i18n_cmp(const void *a, const void *b)
{
	return strcmp(((const struct i18n_entry *)a)->key, ((const struct i18n_entry *)b)->key);
}

static int i18n_file_lang(const char *path)
{
	size_t n = strlen(path);
	if (strncmp(path, "i18n/", 5) != 0 || n < 12)
		return -1;
	for (int l = 0; l < LANG__COUNT; l++) {
		char suffix[8];
		snprintf(suffix, sizeof suffix, ".%s.txt", i18n_codes[l]);
		if (!strcmp(path + n - 7, suffix))
			return l;
	}
	return -1;
}

static void i18n_load(void)
{
	char err[160];
	for (size_t a = 0; a < assets_count; a++) {
		int lang = i18n_file_lang(assets[a].path);
		if (lang < 0)
			continue;
		if (i18n_parse((const char *)assets[a].data, assets[a].len, lang, err, sizeof err)) {
			fprintf(stderr, "i18n: %s: %s\n", assets[a].path, err);
			abort();
		}
	}
	for (int l = 0; l < LANG__COUNT; l++) {
		if (i18n_tab[l].n)
			qsort(i18n_tab[l].e, i18n_tab[l].n, sizeof *i18n_tab[l].e, i18n_cmp);
		for (size_t i = 1; i < i18n_tab[l].n; i++)
			if (!strcmp(i18n_tab[l].e[i].key, i18n_tab[l].e[i - 1].key)) {
				fprintf(stderr, "i18n: duplicate key '%s' (%s)\n", i18n_tab[l].e[i].key,
				        i18n_codes[l]);
				abort();
			}
	}
}

void i18n_init(void) { pthread_once(&i18n_once, i18n_load); }

static const struct i18n_entry *i18n_find(enum lang lang, const char *key)
{
	i18n_init();
	if ((unsigned)lang >= LANG__COUNT || !key)
		return NULL;
	size_t lo = 0, hi = i18n_tab[lang].n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int    c   = strcmp(key, i18n_tab[lang].e[mid].key);
		if (!c)
			return &i18n_tab[lang].e[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *i18n_text(enum lang lang, const char *key)
{
	const struct i18n_entry *e = i18n_find(lang, key);
	return e ? e->text : key ? key : "";
}

bool i18n_has(enum lang lang, const char *key) { return i18n_find(lang, key) != NULL; }

size_t i18n_missing(FILE *report)
{
	i18n_init();
	size_t count = 0;
	for (int l = 0; l < LANG__COUNT; l++)
		for (int o = 0; o < LANG__COUNT; o++) {
			if (o == l)
				continue;
			for (size_t i = 0; i < i18n_tab[l].n; i++)
				if (!i18n_has((enum lang)o, i18n_tab[l].e[i].key)) {
					count++;
					if (report)
						fprintf(report, "i18n: '%s' is in %s but missing in %s\n",
						        i18n_tab[l].e[i].key, i18n_codes[l], i18n_codes[o]);
				}
		}
	return count;
}

enum lang i18n_lang_from_code(const char *code)
{
	if (!code)
		return LANG_DE;
	for (int l = 0; l < LANG__COUNT; l++)
		if (!strncasecmp(code, i18n_codes[l], 2) && (code[2] == '\0' || code[2] == '-' ||
		                                             code[2] == '_'))
			return (enum lang)l;
	return LANG_DE;
}

const char *i18n_lang_code(enum lang lang)
{
	return (unsigned)lang < LANG__COUNT ? i18n_codes[lang] : i18n_codes[LANG_DE];
}
