/*
 * history.c — reading and writing the changes table.  Never opens its own
 * transaction: the change it records is the caller's.
 */
#include "app/history.h"

bool history_record(struct db *db, int64_t employer_id, const char *entity, int64_t entity_id,
                    const char *action, const char *field, const char *old_value, const char *new_value,
                    int64_t user_id, int64_t now)
{
	struct db_q *q = db_q(db, STMT_CHANGE_INSERT);
	db_bind_int(q, 1, employer_id);
	db_bind_str(q, 2, entity);
	db_bind_int(q, 3, entity_id);
	db_bind_str(q, 4, action);
	db_bind_str(q, 5, field);
	db_bind_str(q, 6, old_value && *old_value ? old_value : NULL);
	db_bind_str(q, 7, new_value && *new_value ? new_value : NULL);
	if (user_id)
		db_bind_int(q, 8, user_id);
	else
		db_bind_null(q, 8);
	db_bind_int(q, 9, now);
	return db_exec(q) == DB_DONE;
}

int history_list(struct db *db, int64_t employer_id, const char *entity, int64_t entity_id, int limit,
                 void (*fn)(const struct history_entry *, void *), void *ctx)
{
	struct db_q *q = db_q(db, STMT_CHANGES_OF);
	db_bind_int(q, 1, employer_id);
	db_bind_str(q, 2, entity);
	db_bind_int(q, 3, entity_id);
	db_bind_int(q, 4, limit);
	int        n = 0;
	enum db_rc rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct history_entry h = {
			.id        = db_col_int(q, 0),
			.action    = db_col_text(q, 1),
			.field     = db_col_null(q, 2) ? NULL : db_col_text(q, 2),
			.old_value = db_col_null(q, 3) ? NULL : db_col_text(q, 3),
			.new_value = db_col_null(q, 4) ? NULL : db_col_text(q, 4),
			.at        = db_col_int(q, 5),
			.user_name = db_col_null(q, 6) ? NULL : db_col_text(q, 6),
		};
		fn(&h, ctx);
		n++;
	}
	db_q_done(q);
	return rc == DB_DONE ? n : -1;
}
