/*
 * providers.h — insurers and pension funds (operator-level data, shared by
 * all tenants): a name and the vehicles (Durchführungswege) offered.  Only
 * operator staff create them (ACT_PROVIDER_WRITE); everyone signed in reads.
 */
#ifndef OPENBAV_PROVIDERS_H
#define OPENBAV_PROVIDERS_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "db/db.h"

struct provider {
	int64_t id;
	char    name[201];
	char    vehicles[16]; /* "DV,PK": a set of DZ UK DV PK PF in that order */
};

/* vehicles as typed: "DV,PK", "dv pk", "PK;DV" — normalised to the canonical order. */
struct app_err provider_create(struct db *db, const char *name, const char *vehicles, int64_t now, int64_t *id);
enum app_rc    provider_get(struct db *db, int64_t id, struct provider *out);
enum app_rc    providers_list(struct db *db, void (*fn)(const struct provider *, void *), void *ctx);
/* Whether the provider offers the vehicle code ("DV"). */
bool provider_offers(const struct provider *p, const char *vehicle);
/* "DV,PK" → canonical "DV,PK"; false if empty or an unknown code. */
bool provider_vehicles_parse(const char *in, char *out, size_t outsz);

#endif
