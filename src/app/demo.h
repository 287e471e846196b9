/*
 * demo.h — the demo data of docs/api.md: two employers, their employees, the
 * demo users (password "openbav-demo").  Deterministic: the same data on
 * every machine, with valid check digits throughout.
 */
#ifndef OPENBAV_DEMO_H
#define OPENBAV_DEMO_H

#include <stdio.h>

#include "db/db.h"

#define DEMO_PASSWORD "openbav-demo"

struct demo_user {
	const char *email, *name, *role_key, *what;
};
extern const struct demo_user demo_users[];
extern const int              demo_users_count;

/* Fills an empty database; extra_employees adds that many more to Muster
 * GmbH (benchmarks).  Returns 0, 1 when the database is not empty, -1 on error. */
int demo_fill(struct db *db, int extra_employees, char *err, size_t errsz);
/* Valid identifiers for generated people (also used by benchmarks and tests). */
void demo_iban(unsigned seed, char out[23]);
void demo_svnr(unsigned seed, int y, int m, int d, char initial, bool female, char out[13]);
void demo_steuer_id(unsigned seed, char out[12]);

#endif
