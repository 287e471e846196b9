/*
 * employers.h — employers (tenants) as the portals and the API see them.
 */
#ifndef OPENBAV_EMPLOYERS_H
#define OPENBAV_EMPLOYERS_H

#include <stdint.h>

#include "app/app.h"
#include "app/auth.h"
#include "core/date.h"
#include "db/db.h"

struct employer {
	int64_t   id;
	char      name[201], street[201], postcode[11], city[101], betriebsnummer[9];
	int64_t   headcount; /* employees not yet left on the reference day */
	enum role role;      /* the viewer's role there (lists for a user) */
};

struct employer_input {
	const char *name, *street, *postcode, *city, *betriebsnummer;
};

/* Employers visible to the principal: all for operator staff, else those of
 * its memberships (with the role).  Calls fn for each; returns the count or -1. */
int employers_visible(struct db *db, const struct principal *p, day_t today,
                      void (*fn)(const struct employer *, void *), void *ctx);
/* Operator staff: one page of all employers, by name, those whose name
 * contains q (case aside for ASCII letters; q NULL or "" = all); *total is the
 * number of matches.  Calls fn for each row; returns APP_OK or APP_ERROR. */
enum app_rc employers_page(struct db *db, const char *q, day_t today, int64_t limit, int64_t offset, int64_t *total,
                           void (*fn)(const struct employer *, void *), void *ctx);
/* Just the name (page headers): cheaper than employer_get. */
enum app_rc employer_name(struct db *db, int64_t id, char *out, size_t outsz);
enum app_rc employer_get(struct db *db, int64_t id, day_t today, struct employer *out);
struct app_err employer_create(struct db *db, const struct employer_input *in, int64_t now,
                               int64_t *id);

#endif
