/*
 * backend.h — what a database backend provides to db.c.  Private to src/db/.
 * Each backend's connection struct starts with `struct db`, each prepared
 * statement with `struct db_q`, so db.c can dispatch without knowing them.
 * The row-level scope (db_scope) is kept here by db.c; a backend with row-level
 * security (PostgreSQL) sends it with the next statement whenever scope_gen
 * has moved, the others ignore it.
 */
#ifndef OPENBAV_DB_BACKEND_H
#define OPENBAV_DB_BACKEND_H

#include "db/db.h"

enum db_txn { DB_TXN_READ, DB_TXN_WRITE, DB_TXN_BULK, DB_TXN_COMMIT, DB_TXN_ROLLBACK, DB_TXN__COUNT };

struct db_backend {
	const char *scheme;     /* "sqlite:" */
	const char *alias;      /* a second scheme, or NULL ("postgres://") */
	bool        full_url;   /* open() gets the whole URL, not the part after the scheme */
	const char *dialect;    /* "sqlite", "postgresql" */
	const char *migrations; /* embedded path prefix of this dialect's migrations */
	struct db *(*open)(const char *url, char *err, size_t errsz);
	void (*close)(struct db *);
	enum db_rc (*exec_script)(struct db *, const char *sql);
	enum db_rc (*txn)(struct db *, enum db_txn op); /* prepared once: runs per request */
	struct db_q *(*prepare)(struct db *, enum db_stmt);
	void (*reset)(struct db_q *);
	void (*bind_int)(struct db_q *, int, int64_t);
	void (*bind_text)(struct db_q *, int, const char *, size_t);
	void (*bind_blob)(struct db_q *, int, const void *, size_t);
	void (*bind_null)(struct db_q *, int);
	enum db_rc (*step)(struct db_q *);
	bool (*col_null)(struct db_q *, int);
	int64_t (*col_int)(struct db_q *, int);
	const char *(*col_text)(struct db_q *, int);
	size_t (*col_len)(struct db_q *, int);
	const void *(*col_blob)(struct db_q *, int);
	/* Bulk transactions: waits for the answers of writes sent ahead; false
	 * when one failed (the transaction is then lost).  NULL: every statement
	 * is answered at once. */
	bool (*settle)(struct db *);
	int64_t (*last_id)(struct db *);
	int64_t (*changes)(struct db *);
	const char *(*errmsg)(struct db *);

	/* Whole-database backup and restore (backup.c).  `where` is what open()
	 * gets (a path, or the whole URL); file is the backup file.  backup writes
	 * one consistent copy of the database into file (an empty file made by
	 * the caller, renamed into place afterwards); backup_version checks that
	 * file is a backup of this backend and returns its schema version (0: no
	 * openbav schema in it; -1 with err: not a backup at all); restore puts
	 * the backup's content into the database in one transaction (clean: the
	 * database has tables, which the backup's replace). */
	bool (*backup)(const char *where, const char *file, char *err, size_t errsz);
	int  (*backup_version)(const char *file, char *err, size_t errsz);
	bool (*restore)(const char *where, const char *file, bool clean, char *err, size_t errsz);
	bool restore_partial; /* restore replaces only the tables in the backup, others stay */
	/* The number of tables in the database, -1 on error. */
	int64_t (*tables)(struct db *);
	/* After rows were inserted with their own ids (copy): the ids the table
	 * generates from now on come after max_id.  NULL: nothing to do (SQLite
	 * takes the largest id + 1). */
	enum db_rc (*identity_past)(struct db *, const char *table, int64_t max_id);
};

struct db {
	const struct db_backend *be;
	struct db_q             *stmts[STMT__COUNT]; /* prepared on first use */
	int                      depth;              /* open transaction: 0 or 1 */
	bool                     bulk;               /* it is a bulk transaction (db_begin_bulk) */
	bool                     doomed;             /* a statement of the bulk transaction failed */
	int64_t                  scope_user;         /* db_scope(): 0 = nobody */
	bool                     scope_all;          /* operator staff or a system task */
	unsigned                 scope_gen;          /* moves on every change of the two */
};

struct db_q {
	struct db *db;
};

extern const struct db_backend db_sqlite_backend;
extern const struct db_backend db_pg_backend;

/* The backend of url, and in *where what its open() gets; NULL when no
 * backend takes url. */
const struct db_backend *db_backend_of(const char *url, const char **where);

/* db_pg_tools.c: pg_dump and pg_restore as child processes. */
bool pg_backup(const char *url, const char *file, char *err, size_t errsz);
int  pg_backup_version(const char *file, char *err, size_t errsz);
bool pg_restore(const char *url, const char *file, bool clean, char *err, size_t errsz);

#endif
