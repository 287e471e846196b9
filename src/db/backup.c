/*
 * backup.c — backup, restore, copy and checksum of a whole database (see
 * backup.h).  Backup and restore are the backend's (backend.h: SQLite's
 * online backup API in db_sqlite.c, pg_dump/pg_restore in db_pg_tools.c);
 * this file adds what a careful operator expects around them: a backup is
 * written to a temporary file (mode 0600: it holds personal data and password
 * hashes) and renamed into place only when complete and readable; a restore
 * refuses a database that holds data unless forced, and a backup of a newer
 * schema than this build knows.
 *
 * Copy and checksum go through the statement layer: every table of
 * db_tables[] is read a page at a time in key order (STMT_COPY_READ_…) and
 * written with its ids (STMT_COPY_WRITE_…); no SQL is built here.  The copy
 * runs in one write transaction of the target, fed from one read
 * transaction (one snapshot) of the source, both connections scoped to all
 * tenants (db_open: a system task), and compares the target's checksums with
 * the source's before it commits.  PostgreSQL's identity sequences are moved
 * past the copied ids (backend identity_past).
 */
#include "db/backup.h"
#include "db/backend.h"
#include "base/arena.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { PAGE_ROWS = 5000, SUM_BYTES = 16 };

const struct db_table db_tables[] = {
	{"employers", STMT_COPY_READ_EMPLOYERS, STMT_COPY_WRITE_EMPLOYERS, "itttttii", 1, true},
	{"users", STMT_COPY_READ_USERS, STMT_COPY_WRITE_USERS, "ittttbbiii", 1, true},
	{"memberships", STMT_COPY_READ_MEMBERSHIPS, STMT_COPY_WRITE_MEMBERSHIPS, "iit", 2, false},
	{"employees", STMT_COPY_READ_EMPLOYEES, STMT_COPY_WRITE_EMPLOYEES, "iitttiiittttiiittii" "tttttiitititi", 1,
	 true},
	{"sessions", STMT_COPY_READ_SESSIONS, STMT_COPY_WRITE_SESSIONS, "ibitiiii", 1, true},
	{"api_tokens", STMT_COPY_READ_API_TOKENS, STMT_COPY_WRITE_API_TOKENS, "iibtiii", 1, true},
	{"login_failures", STMT_COPY_READ_LOGIN_FAILURES, STMT_COPY_WRITE_LOGIN_FAILURES, "itti", 1, true},
	{"salaries", STMT_COPY_READ_SALARIES, STMT_COPY_WRITE_SALARIES, "iiiii", 1, true},
	{"absences", STMT_COPY_READ_ABSENCES, STMT_COPY_WRITE_ABSENCES, "iiitii", 1, true},
	{"providers", STMT_COPY_READ_PROVIDERS, STMT_COPY_WRITE_PROVIDERS, "itti", 1, true},
	{"group_contracts", STMT_COPY_READ_GROUP_CONTRACTS, STMT_COPY_WRITE_GROUP_CONTRACTS, "iiittttiiiii", 1, true},
	{"commitments", STMT_COPY_READ_COMMITMENTS, STMT_COPY_WRITE_COMMITMENTS, "iiiitttiiiitiiiii", 1, true},
	{"insurance_contracts", STMT_COPY_READ_INSURANCE_CONTRACTS, STMT_COPY_WRITE_INSURANCE_CONTRACTS,
	 "iiiiittiittttiii", 1, true},
	{"changes", STMT_COPY_READ_CHANGES, STMT_COPY_WRITE_CHANGES, "iitittttii", 1, true},
};
const int db_tables_count = (int)(sizeof db_tables / sizeof *db_tables);

/* ---- the statement layer without db_q's abort ------------------------------ */

/* Statement id prepared, or NULL when it does not fit this database's schema
 * (an older version, another program's tables): db_q treats that as a
 * programming error, here it is a fact about the database. */
static struct db_q *try_q(struct db *db, enum db_stmt id)
{
	if (!db->stmts[id]) {
		struct db_q *q = db->be->prepare(db, id);
		if (!q)
			return NULL;
		db->stmts[id] = q;
	}
	return db_q(db, id);
}

/* A database to read from must exist: SQLite would make up an empty file
 * for a mistyped path.  0, or 2 with err. */
static int must_exist(const char *url, const char *what, char *err, size_t errsz)
{
	const char              *where;
	const struct db_backend *be = db_backend_of(url, &where);
	if (be && !strcmp(be->dialect, "sqlite") && access(where, F_OK)) {
		snprintf(err, errsz, "%s: no database at %s: %s", what, where, strerror(errno));
		return 2;
	}
	return 0;
}

/* The schema version; -1 when the database has no schema_migrations. */
static int version_of(struct db *db)
{
	struct db_q *q = try_q(db, STMT_MIGRATION_VERSION);
	if (!q)
		return -1;
	int v = db_step(q) == DB_ROW ? (int)db_col_int(q, 0) : -1;
	db_q_done(q);
	return v;
}

/* The database has this build's schema (version and statements): 0, or 2
 * with err. */
static int schema_ready(struct db *db, const char *what, char *err, size_t errsz)
{
	int v = version_of(db), e = db_migrations_embedded(db);
	if (v < 1) {
		snprintf(err, errsz, "%s holds no openbav schema", what);
		return 2;
	}
	if (v != e) {
		snprintf(err, errsz, "%s is at schema version %d, this openbav's is %d: %s", what, v, e,
		         v < e ? "run `openbav migrate` on it first" : "use the openbav that wrote it");
		return 2;
	}
	char why[300];
	if (!db_check_statements(db, why, sizeof why)) {
		snprintf(err, errsz, "%s does not fit this openbav: %s", what, why);
		return 2;
	}
	return 0;
}

/* A page of t's rows after the key last[], at most limit; NULL (only when
 * try) if the statement does not fit the schema. */
static struct db_q *read_page(struct db *db, const struct db_table *t, const int64_t last[2], int limit, bool try)
{
	struct db_q *q = try ? try_q(db, t->read) : db_q(db, t->read);
	if (!q)
		return NULL;
	for (int k = 0; k < t->keys; k++)
		db_bind_int(q, k + 1, last[k]);
	db_bind_int(q, t->keys + 1, limit);
	return q;
}

/* What a database holds before a restore or a copy fills it. */
struct probe {
	int64_t     tables;  /* tables in it */
	int         version; /* schema version; -1: no openbav schema */
	const char *rows_in; /* NULL: empty; else a table with rows (or one that cannot be read) */
};

static int probe(struct db *db, struct probe *p, char *err, size_t errsz)
{
	memset(p, 0, sizeof *p);
	p->version = -1;
	p->tables  = db->be->tables(db);
	if (p->tables < 0) {
		snprintf(err, errsz, "cannot list the tables: %s", db_errmsg(db));
		return 1;
	}
	if (!p->tables)
		return 0;
	p->version = version_of(db);
	if (p->version < 0) {
		p->rows_in = "the tables of another program";
		return 0;
	}
	for (int i = 0; i < db_tables_count && !p->rows_in; i++) {
		const int64_t zero[2] = {0, 0};
		struct db_q  *q       = read_page(db, &db_tables[i], zero, 1, true);
		if (!q || db_step(q) != DB_DONE) /* rows, or a table this build cannot read: not empty */
			p->rows_in = db_tables[i].name;
		if (q)
			db_q_done(q);
	}
	return 0;
}

/* ---- checksums -------------------------------------------------------------
 * BLAKE2b (16 bytes) over every row in key order, each value with a tag and
 * its length, integers as 8 bytes: the same data gives the same sum on both
 * backends, whatever their types (bytea and BLOB, BIGINT and INTEGER). */

struct sum {
	crypto_generichash_state h;
	int64_t                  rows, max_id;
};

static void sum_init(struct sum *s)
{
	crypto_generichash_init(&s->h, NULL, 0, SUM_BYTES);
	s->rows   = 0;
	s->max_id = 0;
}

static void sum_add(struct sum *s, unsigned char tag, uint64_t n, const void *p)
{
	unsigned char head[9] = {tag};
	for (int i = 0; i < 8; i++)
		head[1 + i] = (unsigned char)(n >> (56 - 8 * i));
	crypto_generichash_update(&s->h, head, sizeof head);
	if (p && n)
		crypto_generichash_update(&s->h, p, n);
}

static void sum_hex(struct sum *s, char hex[2 * SUM_BYTES + 1])
{
	unsigned char d[SUM_BYTES];
	crypto_generichash_final(&s->h, d, sizeof d);
	sodium_bin2hex(hex, 2 * SUM_BYTES + 1, d, sizeof d);
}

/* The current row of q (a page of t) into the sum, and bound to w's
 * parameters when w is not NULL. */
static void take_row(const struct db_table *t, struct db_q *q, struct sum *s, struct db_q *w)
{
	for (int c = 0; t->kinds[c]; c++) {
		if (db_col_null(q, c)) {
			sum_add(s, 'n', 0, NULL);
			if (w)
				db_bind_null(w, c + 1);
		} else if (t->kinds[c] == 'i') {
			int64_t v = db_col_int(q, c);
			sum_add(s, 'i', (uint64_t)v, NULL);
			if (w)
				db_bind_int(w, c + 1, v);
		} else if (t->kinds[c] == 't') {
			const char *v = db_col_text(q, c);
			size_t      n = db_col_len(q, c);
			sum_add(s, 't', n, v);
			if (w)
				db_bind_text(w, c + 1, v, n);
		} else {
			const void *v = db_col_blob(q, c);
			size_t      n = db_col_len(q, c);
			sum_add(s, 'b', n, v);
			if (w)
				db_bind_blob(w, c + 1, n ? v : "", n); /* empty, not NULL */
		}
	}
	s->rows++;
}

/* Every row of t in src, in key order: into the sum, and inserted into dst
 * when dst is not NULL.  DB_DONE, or the error (*failed: the database it
 * happened in). */
static enum db_rc scan(struct db *src, const struct db_table *t, struct sum *s, struct db *dst, struct db **failed)
{
	int64_t last[2] = {0, 0};
	for (;;) {
		struct db_q *q = read_page(src, t, last, PAGE_ROWS, false);
		int          n = 0;
		enum db_rc   rc;
		while ((rc = db_step(q)) == DB_ROW) {
			n++;
			for (int k = 0; k < t->keys; k++)
				last[k] = db_col_int(q, k);
			if (t->identity && last[0] > s->max_id)
				s->max_id = last[0];
			struct db_q *w = dst ? db_q(dst, t->write) : NULL;
			take_row(t, q, s, w);
			if (w && (rc = db_exec(w)) != DB_DONE) {
				db_q_done(q);
				*failed = dst;
				return rc;
			}
		}
		db_q_done(q);
		if (rc != DB_DONE) {
			*failed = src;
			return rc;
		}
		if (n < PAGE_ROWS)
			return DB_DONE;
	}
}

int db_checksum(const char *url, FILE *out, char *err, size_t errsz)
{
	if (must_exist(url, "the database", err, errsz))
		return 2;
	struct db *db = db_open(url, err, errsz);
	if (!db)
		return 1;
	int rc = schema_ready(db, "the database", err, errsz);
	if (!rc && db_begin_read(db) != DB_OK) {
		snprintf(err, errsz, "cannot begin a read: %s", db_errmsg(db));
		rc = 1;
	}
	for (int i = 0; !rc && i < db_tables_count; i++) {
		struct sum s;
		struct db *failed;
		sum_init(&s);
		if (scan(db, &db_tables[i], &s, NULL, &failed) != DB_DONE) {
			snprintf(err, errsz, "reading %s: %s", db_tables[i].name, db_errmsg(db));
			rc = 1;
			break;
		}
		char hex[2 * SUM_BYTES + 1];
		sum_hex(&s, hex);
		fprintf(out, "%-20s %10lld  %s\n", db_tables[i].name, (long long)s.rows, hex);
	}
	db_rollback(db);
	db_close(db);
	return rc;
}

/* ---- backup and restore ----------------------------------------------------- */

static int fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int db_backup(const char *url, const char *file, FILE *out, char *err, size_t errsz)
{
	const char              *where;
	const struct db_backend *be = db_backend_of(url, &where);
	if (!be) {
		snprintf(err, errsz, "unknown database URL (expected sqlite:PATH or postgresql://…)");
		return 2;
	}
	/* Next to the file, so the rename is atomic; mkstemp makes it 0600. */
	size_t n   = strlen(file) + sizeof ".partial-XXXXXX";
	char  *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.partial-XXXXXX", file);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errsz, "cannot create %s: %s", tmp, strerror(errno));
		free(tmp);
		return 1;
	}
	close(fd);
	int  rc = 1;
	int  v  = -1;
	char why[600];
	if (!be->backup(where, tmp, err, errsz))
		goto out;
	/* Read it back: a backup is only one when it can be restored. */
	v = be->backup_version(tmp, why, sizeof why);
	if (v < 0) {
		snprintf(err, errsz, "the new backup cannot be read back: %s", why);
		goto out;
	}
	if (v == 0) {
		snprintf(err, errsz, "the database holds no openbav schema (no schema_migrations): nothing backed up");
		rc = 2;
		goto out;
	}
	char *dir = xstrdup(file);
	bool placed = !fsync_path(tmp, O_RDONLY) && !rename(tmp, file);
	if (!placed)
		snprintf(err, errsz, "cannot write %s: %s", file, strerror(errno));
	else
		fsync_path(dirname(dir), O_RDONLY | O_DIRECTORY);
	free(dir);
	if (placed) {
		struct stat sb;
		fprintf(out, "backup written to %s (%s, schema version %d, %lld bytes)\n", file, be->dialect, v,
		        stat(file, &sb) ? -1LL : (long long)sb.st_size);
		rc = 0;
	}
out:
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int db_restore(const char *url, const char *file, bool force, FILE *out, char *err, size_t errsz)
{
	const char              *where;
	const struct db_backend *be = db_backend_of(url, &where);
	if (!be) {
		snprintf(err, errsz, "unknown database URL (expected sqlite:PATH or postgresql://…)");
		return 2;
	}
	if (access(file, R_OK)) {
		snprintf(err, errsz, "cannot read %s: %s", file, strerror(errno));
		return 2;
	}
	char why[600];
	int  vb = be->backup_version(file, why, sizeof why);
	if (vb <= 0) {
		snprintf(err, errsz, "%s is not an openbav backup for %s: %s", file, be->dialect,
		         vb < 0 ? why : "it holds no schema_migrations");
		return 2;
	}
	struct db *db = db_open(url, err, errsz);
	if (!db)
		return 1;
	int          embedded = db_migrations_embedded(db);
	struct probe p;
	int          rc = probe(db, &p, err, errsz);
	db_close(db);
	if (rc)
		return rc;
	if (vb > embedded) {
		snprintf(err, errsz, "%s is at schema version %d, newer than this openbav knows (%d): restore it with the "
		                     "openbav that made it", file, vb, embedded);
		return 2;
	}
	if (p.rows_in && !force) {
		snprintf(err, errsz, "the database holds data (%s%s): a restore replaces all of it — stop every "
		                     "`openbav serve` on it, back it up, and run again with --force", 
		         p.version < 0 ? "" : "table ", p.rows_in);
		return 2;
	}
	if (be->restore_partial && p.tables && p.version > vb) {
		snprintf(err, errsz, "the database is at schema version %d, newer than the backup's %d: the tables it "
		                     "has beyond the backup would stay; restore into a new, empty database instead",
		         p.version, vb);
		return 2;
	}
	if (!be->restore(where, file, p.tables > 0, err, errsz))
		return 1;
	db = db_open(url, err, errsz);
	if (!db)
		return 1;
	int v = version_of(db);
	db_close(db);
	if (v != vb) {
		snprintf(err, errsz, "the restore ran, but the database reads schema version %d instead of %d", v, vb);
		return 1;
	}
	fprintf(out, "restored %s (%s, schema version %d)\n", file, be->dialect, v);
	if (v < embedded)
		fprintf(out, "this openbav's schema is version %d: run `openbav migrate` before `openbav serve`\n",
		        embedded);
	return 0;
}

/* ---- copy ------------------------------------------------------------------- */

int db_copy(const char *from, const char *to, FILE *out, char *err, size_t errsz)
{
	if (!strcmp(from, to)) {
		snprintf(err, errsz, "--from and --to name the same database");
		return 2;
	}
	if (must_exist(from, "the source", err, errsz))
		return 2;
	char       why[400];
	struct db *src = db_open(from, why, sizeof why), *dst = NULL;
	if (!src) {
		snprintf(err, errsz, "the source: %s", why);
		return 1;
	}
	int rc = schema_ready(src, "the source", err, errsz);
	if (rc)
		goto out;
	if (!(dst = db_open(to, why, sizeof why))) {
		snprintf(err, errsz, "the target: %s", why);
		rc = 1;
		goto out;
	}
	struct probe p;
	if ((rc = probe(dst, &p, err, errsz)))
		goto out;
	if (p.rows_in) {
		snprintf(err, errsz, "the target holds data (%s%s): copy fills only an empty database",
		         p.version < 0 ? "" : "table ", p.rows_in);
		rc = 2;
		goto out;
	}
	if (db_migrate(dst, why, sizeof why) < 0) {
		snprintf(err, errsz, "the target: %s", why);
		rc = 1;
		goto out;
	}
	if ((rc = schema_ready(dst, "the target", err, errsz)))
		goto out;
	if (db_begin_read(src) != DB_OK || db_begin_bulk(dst) != DB_OK) {
		snprintf(err, errsz, "cannot begin the copy: %s / %s", db_errmsg(src), db_errmsg(dst));
		rc = 1;
		goto out;
	}
	int64_t total = 0;
	rc            = 1;
	for (int i = 0; i < db_tables_count; i++) {
		const struct db_table *t = &db_tables[i];
		struct sum             s, d;
		struct db             *failed;
		char                   hs[2 * SUM_BYTES + 1], hd[2 * SUM_BYTES + 1];
		sum_init(&s);
		sum_init(&d);
		if (scan(src, t, &s, dst, &failed) != DB_DONE) {
			snprintf(err, errsz, "copying %s: %s: %s", t->name, failed == src ? "reading the source" : "writing the target",
			         db_errmsg(failed));
			goto out;
		}
		if (t->identity && dst->be->identity_past && dst->be->identity_past(dst, t->name, s.max_id) != DB_OK) {
			snprintf(err, errsz, "copying %s: moving its ids past %lld: %s", t->name, (long long)s.max_id,
			         db_errmsg(dst));
			goto out;
		}
		/* Read back what the target now holds, in its own transaction. */
		if (scan(dst, t, &d, NULL, &failed) != DB_DONE) {
			snprintf(err, errsz, "verifying %s: %s", t->name, db_errmsg(dst));
			goto out;
		}
		sum_hex(&s, hs);
		sum_hex(&d, hd);
		if (s.rows != d.rows || strcmp(hs, hd)) {
			snprintf(err, errsz, "verifying %s: the target has %lld rows (checksum %s), the source %lld (%s)",
			         t->name, (long long)d.rows, hd, (long long)s.rows, hs);
			goto out;
		}
		fprintf(out, "%-20s %10lld  %s\n", t->name, (long long)s.rows, hs);
		fflush(out);
		total += s.rows;
	}
	if (db_commit(dst) != DB_OK) {
		snprintf(err, errsz, "committing the copy: %s", db_errmsg(dst));
		goto out;
	}
	fprintf(out, "copied %lld rows in %d tables; every table's checksum in the target equals the source's\n",
	        (long long)total, db_tables_count);
	rc = 0;
out:
	if (dst)
		db_rollback(dst);
	db_rollback(src);
	db_close(dst);
	db_close(src);
	return rc;
}
