/*
 * explain.c — appending to an explanation trail.  No allocation, no I/O;
 * turning a trail into sentences is app/explain_text.c's business.
 */
#include "core/explain.h"

#include <stdarg.h>
#include <string.h>

void explain_init(struct explain *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}

void explain_note(struct explain *e, const char *key, int nargs, ...)
{
	if (!e)
		return;
	if (e->nnotes >= EXPLAIN_MAX_NOTES || nargs > EXPLAIN_MAX_ARGS || nargs < 0) {
		e->overflow = true;
		return;
	}
	struct explain_note *n = &e->notes[e->nnotes++];
	n->key                 = key;
	n->nargs               = nargs;
	va_list ap;
	va_start(ap, nargs);
	for (int i = 0; i < nargs; i++)
		n->args[i] = va_arg(ap, struct explain_arg);
	va_end(ap);
}

void explain_rule(struct explain *e, const char *paragraph)
{
	if (!e)
		return;
	for (int i = 0; i < e->nrules; i++)
		if (!strcmp(e->rules[i], paragraph))
			return;
	if (e->nrules < EXPLAIN_MAX_RULES)
		e->rules[e->nrules++] = paragraph;
	else
		e->overflow = true;
}
