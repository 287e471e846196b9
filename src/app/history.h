/*
 * history.h — the change history of records: one row per changed field, with
 * who (user id; 0 for the command line), when, old and new value.  Written in
 * the caller's transaction, so a change and its history land together.
 */
#ifndef OPENBAV_HISTORY_H
#define OPENBAV_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

struct history_entry {
	int64_t     id, at;
	const char *action, *field, *old_value, *new_value, *user_name; /* valid during the callback */
};

bool history_record(struct db *db, int64_t employer_id, const char *entity, int64_t entity_id,
                    const char *action, const char *field, const char *old_value, const char *new_value,
                    int64_t user_id, int64_t now);
/* Newest first, at most limit entries. */
int history_list(struct db *db, int64_t employer_id, const char *entity, int64_t entity_id, int limit,
                 void (*fn)(const struct history_entry *, void *), void *ctx);

#endif
