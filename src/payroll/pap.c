/*
 * pap.c — the generic door to the generated PAPs (build/gen/papYYYY.c): find
 * a year, set and read variables through the name tables the generator
 * emits (name, type, offset in the state), run.
 */
#include "payroll/pap.h"

#include <stdlib.h>
#include <string.h>

const struct pap_def *pap_find(int year)
{
	for (size_t i = 0; i < pap_defs_count; i++)
		if (pap_defs[i]->year == year)
			return pap_defs[i];
	return NULL;
}

static int cmp_var(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct pap_var *)elem)->name);
}

const struct pap_var *pap_input(const struct pap_def *def, const char *name)
{
	return bsearch(name, def->inputs, def->ninputs, sizeof *def->inputs, cmp_var);
}

const struct pap_var *pap_output(const struct pap_def *def, const char *name)
{
	return bsearch(name, def->outputs, def->noutputs, sizeof *def->outputs, cmp_var);
}

void pap_start(struct pap *p, const struct pap_def *def)
{
	p->def = def;
	memcpy(p->state, def->defaults, def->state_size);
}

int pap_init(struct pap *p, int year)
{
	const struct pap_def *def = pap_find(year);
	if (!def)
		return PAP_EUNKNOWN;
	pap_start(p, def);
	return PAP_OK;
}

int pap_set_var(struct pap *p, const struct pap_var *var, dec_t v)
{
	unsigned char *at = p->state + var->offset;
	if (var->type == PAP_INT) {
		int64_t i;
		if (!dec_to_int64(v, &i) || i < INT32_MIN || i > INT32_MAX)
			return PAP_EVALUE;
		int32_t i32 = (int32_t)i;
		memcpy(at, &i32, sizeof i32);
	} else
		memcpy(at, &v, sizeof v);
	return PAP_OK;
}

int pap_set(struct pap *p, const char *name, dec_t v)
{
	const struct pap_var *var = pap_input(p->def, name);
	return var ? pap_set_var(p, var, v) : PAP_EUNKNOWN;
}

dec_t pap_value(const struct pap *p, const struct pap_var *var)
{
	const unsigned char *at = p->state + var->offset;
	if (var->type == PAP_INT) {
		int32_t i;
		memcpy(&i, at, sizeof i);
		return dec_from_long(i);
	}
	dec_t v;
	memcpy(&v, at, sizeof v);
	return v;
}

int pap_get(const struct pap *p, const char *name, dec_t *out)
{
	const struct pap_var *var = pap_output(p->def, name);
	if (!var)
		var = pap_input(p->def, name);
	if (!var)
		return PAP_EUNKNOWN;
	*out = pap_value(p, var);
	return PAP_OK;
}

int pap_run(struct pap *p)
{
	return p->def->run(p->state);
}
