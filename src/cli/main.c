/*
 * main.c — the `openbav` command line (docs/api.md): serve, migrate, demo,
 * token, roles, backup/restore/copy/checksum.  Parses options, opens the database, calls one app function,
 * prints.  Errors go to stderr; invalid input exits 2.
 */
#include "app/auth.h"
#include "app/calc.h"
#include "http/i18n.h"
#include "app/authz.h"
#include "app/demo.h"
#include "base/jalloc.h"
#include "app/employers.h"
#include "app/import.h"
#include "db/backup.h"
#include "db/db.h"
#include "http/server.h"
#include "web/web.h"

#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *db_url(const char *opt)
{
	if (opt)
		return opt;
	const char *env = getenv("OPENBAV_DB");
	return env && *env ? env : "sqlite:var/openbav.db";
}

static struct db *open_db(const char *url)
{
	char       err[512];
	struct db *db = db_open(url, err, sizeof err);
	if (!db)
		fprintf(stderr, "openbav: %s\n", err);
	return db;
}

static void usage(FILE *f)
{
	fputs("usage: openbav COMMAND [OPTIONS]\n\n"
	      "  serve [--db URL] [--listen ADDR:PORT] [--threads N] [--trust-proxy]\n"
	      "        [--no-access-log] [--show-demo-logins]   serve the portals and the API\n"
	      "  migrate [--db URL]                             bring the schema up to date\n"
	      "  demo [--db URL] [--list-users] [--extra-employees N]\n"
	      "                                                 fill an empty database with demo data\n"
	      "  token create --email E [--label L] [--db URL]  print a new API token for that user\n"
	      "  token revoke --id N [--db URL]                 revoke an API token\n"
	      "  token list [--db URL]                          list API tokens (never their secrets)\n"
	      "  user create --email E --name N [--operator admin|clerk]\n"
	      "              [--employer ID --role R] [--db URL]\n"
	      "                                                 create a login; the password is read from\n"
	      "                                                 stdin (first line) or generated and printed\n"
	      "  employer create --name N --betriebsnummer B [--street S --postcode P --city C]\n"
	      "                                                 create an employer, print its id\n"
	      "  import employees|contracts --employer ID [--dry-run] [--all-or-nothing] [--rejects FILE] FILE\n"
	      "                                                 bulk import from CSV or XLSX (docs/import.md):\n"
	      "                                                 employees, or insurance contracts with their\n"
	      "                                                 commitments; prints the JSON report\n"
	      "  backup [--db URL] FILE                         write a backup of the database to FILE (while\n"
	      "                                                 the server runs): SQLite's online backup (a\n"
	      "                                                 database file); PostgreSQL: pg_dump, custom format\n"
	      "  restore [--db URL] [--force] FILE              put a backup back: SQLite's backup API, or\n"
	      "                                                 pg_restore (one transaction). Stop every serve on\n"
	      "                                                 the database first; a database that holds data is\n"
	      "                                                 refused unless --force (then its content is replaced)\n"
	      "  copy --from URL --to URL                       copy every table into an empty database of any\n"
	      "                                                 backend (sqlite:… to postgresql://…), ids kept, one\n"
	      "                                                 transaction, checksums compared before it commits\n"
	      "  checksum [--db URL]                            rows and a checksum of every table (the same on\n"
	      "                                                 both backends): compare a restore or copy with its source\n"
	      "  roles                                          print the authorization table\n"
	      "  calc NAME [--batch] [--lang de|en]             run a calculator: one JSON object on stdin,\n"
	      "                                                 one JSON result on stdout (--batch: one per line)\n\n"
	      "--db takes sqlite:PATH (default sqlite:var/openbav.db) or postgresql://USER@HOST/DB;\n"
	      "OPENBAV_DB does the same.\n",
	      f);
}

enum { OPT_DB = 1000, OPT_LISTEN, OPT_THREADS, OPT_TRUST, OPT_NOLOG, OPT_DEMO_LOGINS, OPT_LIST,
       OPT_EXTRA, OPT_EMAIL, OPT_LABEL, OPT_ID, OPT_HELP, OPT_BATCH, OPT_LANG,
       OPT_NAME, OPT_OPERATOR, OPT_EMPLOYER, OPT_ROLE, OPT_BNR, OPT_STREET, OPT_POSTCODE, OPT_CITY,
       OPT_DRY_RUN, OPT_ALL_OR_NOTHING, OPT_REJECTS, OPT_FORCE, OPT_FROM, OPT_TO };

static const struct option long_opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"listen", required_argument, NULL, OPT_LISTEN},
	{"threads", required_argument, NULL, OPT_THREADS},
	{"trust-proxy", no_argument, NULL, OPT_TRUST},
	{"no-access-log", no_argument, NULL, OPT_NOLOG},
	{"show-demo-logins", no_argument, NULL, OPT_DEMO_LOGINS},
	{"list-users", no_argument, NULL, OPT_LIST},
	{"extra-employees", required_argument, NULL, OPT_EXTRA},
	{"email", required_argument, NULL, OPT_EMAIL},
	{"label", required_argument, NULL, OPT_LABEL},
	{"id", required_argument, NULL, OPT_ID},
	{"help", no_argument, NULL, OPT_HELP},
	{"batch", no_argument, NULL, OPT_BATCH},
	{"lang", required_argument, NULL, OPT_LANG},
	{"name", required_argument, NULL, OPT_NAME},
	{"operator", required_argument, NULL, OPT_OPERATOR},
	{"employer", required_argument, NULL, OPT_EMPLOYER},
	{"role", required_argument, NULL, OPT_ROLE},
	{"betriebsnummer", required_argument, NULL, OPT_BNR},
	{"street", required_argument, NULL, OPT_STREET},
	{"postcode", required_argument, NULL, OPT_POSTCODE},
	{"city", required_argument, NULL, OPT_CITY},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	{"all-or-nothing", no_argument, NULL, OPT_ALL_OR_NOTHING},
	{"rejects", required_argument, NULL, OPT_REJECTS},
	{"force", no_argument, NULL, OPT_FORCE},
	{"from", required_argument, NULL, OPT_FROM},
	{"to", required_argument, NULL, OPT_TO},
	{NULL, 0, NULL, 0},
};

struct opts {
	const char *db, *listen, *email, *label, *name, *operator_role, *role, *bnr, *street, *postcode, *city,
		*rejects, *from, *to;
	long        threads, extra, id, employer;
	bool        trust, nolog, demo_logins, list, help, batch, dry_run, all_or_nothing, force;
	enum lang   lang;
};

static bool to_long(const char *s, long min, long max, long *out)
{
	char *end;
	long  v = strtol(s, &end, 10);
	if (!*s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	memset(o, 0, sizeof *o);
	o->listen = "127.0.0.1:8080";
	o->lang   = LANG_EN; /* like the API: English unless asked */
	optind    = 1;
	opterr    = 0;
	int c;
	while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_DB: o->db = optarg; break;
		case OPT_LISTEN: o->listen = optarg; break;
		case OPT_THREADS:
			if (!to_long(optarg, 1, 256, &o->threads)) {
				fprintf(stderr, "openbav: --threads must be 1..256\n");
				return 2;
			}
			break;
		case OPT_TRUST: o->trust = true; break;
		case OPT_NOLOG: o->nolog = true; break;
		case OPT_DEMO_LOGINS: o->demo_logins = true; break;
		case OPT_LIST: o->list = true; break;
		case OPT_EXTRA:
			if (!to_long(optarg, 0, 2000000, &o->extra)) {
				fprintf(stderr, "openbav: --extra-employees must be 0..2000000\n");
				return 2;
			}
			break;
		case OPT_EMAIL: o->email = optarg; break;
		case OPT_LABEL: o->label = optarg; break;
		case OPT_ID:
			if (!to_long(optarg, 1, 0x7fffffffL, &o->id)) {
				fprintf(stderr, "openbav: --id must be a positive number\n");
				return 2;
			}
			break;
		case 'h':
		case OPT_HELP: o->help = true; break;
		case OPT_BATCH: o->batch = true; break;
		case OPT_NAME: o->name = optarg; break;
		case OPT_OPERATOR: o->operator_role = optarg; break;
		case OPT_ROLE: o->role = optarg; break;
		case OPT_BNR: o->bnr = optarg; break;
		case OPT_STREET: o->street = optarg; break;
		case OPT_POSTCODE: o->postcode = optarg; break;
		case OPT_CITY: o->city = optarg; break;
		case OPT_DRY_RUN: o->dry_run = true; break;
		case OPT_ALL_OR_NOTHING: o->all_or_nothing = true; break;
		case OPT_REJECTS: o->rejects = optarg; break;
		case OPT_FORCE: o->force = true; break;
		case OPT_FROM: o->from = optarg; break;
		case OPT_TO: o->to = optarg; break;
		case OPT_EMPLOYER:
			if (!to_long(optarg, 1, 0x7fffffffL, &o->employer)) {
				fprintf(stderr, "openbav: --employer must be a positive number\n");
				return 2;
			}
			break;
		case OPT_LANG:
			if (strcmp(optarg, "de") && strcmp(optarg, "en")) {
				fprintf(stderr, "openbav: --lang must be de or en\n");
				return 2;
			}
			o->lang = i18n_lang_from_code(optarg);
			break;
		default:
			fprintf(stderr, "openbav: unknown or incomplete option '%s'\n", argv[optind - 1]);
			return 2;
		}
	}
	return 0;
}

static int cmd_migrate(const struct opts *o)
{
	struct db *db = open_db(db_url(o->db));
	if (!db)
		return 1;
	char err[512];
	int  n = db_migrate(db, err, sizeof err);
	if (n < 0)
		fprintf(stderr, "openbav: %s\n", err);
	else
		printf("schema at version %d (%d migration%s applied)\n", db_schema_version(db), n, n == 1 ? "" : "s");
	db_close(db);
	return n < 0 ? 1 : 0;
}

static void print_demo_users(void)
{
	printf("Demo logins (password: %s):\n", DEMO_PASSWORD);
	for (int i = 0; i < demo_users_count; i++)
		printf("  %-26s %s\n", demo_users[i].email, demo_users[i].what);
}

static int cmd_demo(const struct opts *o)
{
	if (o->list) {
		print_demo_users();
		return 0;
	}
	struct db *db = open_db(db_url(o->db));
	if (!db)
		return 1;
	char err[512];
	int  rc = db_migrate(db, err, sizeof err) < 0 ? -1 : demo_fill(db, (int)o->extra, err, sizeof err);
	db_close(db);
	if (rc) {
		fprintf(stderr, "openbav: demo: %s\n", err);
		return rc > 0 ? 2 : 1;
	}
	print_demo_users();
	return 0;
}

static int cmd_token(int argc, char **argv, const struct opts *o)
{
	const char *sub = optind < argc ? argv[optind] : "";
	struct db  *db  = NULL;
	int         rc  = 2;
	if (!strcmp(sub, "create")) {
		if (!o->email) {
			fprintf(stderr, "openbav: token create needs --email\n");
			return 2;
		}
		if (!(db = open_db(db_url(o->db))))
			return 1;
		char    tok[64];
		int64_t id;
		enum auth_rc a = auth_token_create(db, o->email, o->label ? o->label : "", (int64_t)time(NULL),
		                                   tok, sizeof tok, &id);
		if (a == AUTH_OK) {
			printf("%s\n", tok);
			fprintf(stderr, "token %lld created for %s; it is shown only once\n", (long long)id, o->email);
			rc = 0;
		} else {
			fprintf(stderr, "openbav: %s\n", a == AUTH_BAD_CREDENTIALS ? "no user with that e-mail" : db_errmsg(db));
			rc = a == AUTH_BAD_CREDENTIALS ? 2 : 1;
		}
		sodium_memzero(tok, sizeof tok);
	} else if (!strcmp(sub, "revoke")) {
		if (!o->id) {
			fprintf(stderr, "openbav: token revoke needs --id\n");
			return 2;
		}
		if (!(db = open_db(db_url(o->db))))
			return 1;
		rc = auth_token_revoke(db, o->id, (int64_t)time(NULL)) ? 0 : 2;
		fprintf(stderr, rc ? "openbav: no active token %ld\n" : "token %ld revoked\n", o->id);
	} else if (!strcmp(sub, "list")) {
		if (!(db = open_db(db_url(o->db))))
			return 1;
		struct db_q *q = db_q(db, STMT_TOKEN_LIST);
		printf("%-6s %-30s %-20s %s\n", "id", "user", "label", "state");
		while (db_step(q) == DB_ROW)
			printf("%-6lld %-30s %-20s %s\n", (long long)db_col_int(q, 0), db_col_text(q, 1),
			       db_col_text(q, 2), db_col_null(q, 5) ? "active" : "revoked");
		db_q_done(q);
		rc = 0;
	} else
		fprintf(stderr, "openbav: token needs create, revoke or list\n");
	db_close(db);
	return rc;
}

static int cmd_roles(void)
{
	static const char *const lv[] = {"-", "own", "yes"};
	printf("%-16s", "action");
	for (int r = 1; r < ROLE__COUNT; r++)
		printf(" %-15s", authz_role_code((enum role)r));
	printf(" %-15s\n", "anonymous");
	for (int a = 0; a < ACT__COUNT; a++) {
		printf("%-16s", authz_action_code((enum action)a));
		for (int r = 1; r < ROLE__COUNT; r++)
			printf(" %-15s", lv[authz_level((enum role)r, (enum action)a)]);
		printf(" %-15s\n", lv[authz_level(ROLE_NONE, (enum action)a)]);
	}
	printf("\nroutes:\n");
	for (size_t i = 0; i < web_routes_count; i++)
		printf("  %-6s %-44s %s%s\n", http_method_name(web_routes[i].method), web_routes[i].pattern,
		       authz_action_code(web_routes[i].action),
		       authz_employer_scoped(web_routes[i].action) ? " (per employer)" : "");
	return 0;
}

static int cmd_user(int argc, char **argv, const struct opts *o)
{
	const char *sub = optind < argc ? argv[optind] : "";
	if (strcmp(sub, "create")) {
		fprintf(stderr, "openbav: user needs create\n");
		return 2;
	}
	if (!o->email || !strchr(o->email, '@') || !o->name || !*o->name) {
		fprintf(stderr, "openbav: user create needs --email (an address) and --name\n");
		return 2;
	}
	enum role op = ROLE_NONE;
	if (o->operator_role) {
		op = !strcmp(o->operator_role, "admin")   ? ROLE_OPERATOR_ADMIN
		     : !strcmp(o->operator_role, "clerk") ? ROLE_OPERATOR_CLERK
		                                          : ROLE__COUNT;
		if (op == ROLE__COUNT) {
			fprintf(stderr, "openbav: --operator must be admin or clerk\n");
			return 2;
		}
	}
	enum role member = o->role ? authz_role_from_code(o->role) : ROLE_NONE;
	if ((o->role && member == ROLE_NONE) || (!o->role != !o->employer)) {
		fprintf(stderr, "openbav: --employer and --role go together; roles: employer_admin, hr, "
		                "employee, broker, tax_advisor\n");
		return 2;
	}
	char pw[AUTH_PASSWORD_MAX + 2] = "";
	bool generated                 = false;
	if (!isatty(0) && fgets(pw, sizeof pw, stdin))
		pw[strcspn(pw, "\r\n")] = '\0';
	if (!pw[0]) {
		auth_random_token(pw);
		pw[20]    = '\0';
		generated = true;
	}
	if (strlen(pw) < AUTH_PASSWORD_MIN || strlen(pw) > AUTH_PASSWORD_MAX) {
		fprintf(stderr, "openbav: the password must be %d to %d characters\n", AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX);
		return 2;
	}
	struct db *db = open_db(db_url(o->db));
	if (!db)
		return 1;
	int     rc  = 1;
	int64_t now = (int64_t)time(NULL), id = 0;
	if (db_begin_write(db) == DB_OK && (id = auth_user_create(db, o->email, o->name, pw, op, now))) {
		bool ok = true;
		if (member != ROLE_NONE) {
			struct db_q *q = db_q(db, STMT_MEMBERSHIP_INSERT);
			db_bind_int(q, 1, id);
			db_bind_int(q, 2, o->employer);
			db_bind_str(q, 3, authz_role_code(member));
			ok = db_exec(q) == DB_DONE;
		}
		if (ok && db_commit(db) == DB_OK) {
			printf("user %lld created\n", (long long)id);
			if (generated)
				printf("password: %s\n", pw);
			rc = 0;
		}
	}
	if (rc) {
		fprintf(stderr, "openbav: cannot create the user (e-mail taken or employer unknown): %s\n", db_errmsg(db));
		db_rollback(db);
		rc = 2;
	}
	sodium_memzero(pw, sizeof pw);
	db_close(db);
	return rc;
}

static int cmd_employer(int argc, char **argv, const struct opts *o)
{
	const char *sub = optind < argc ? argv[optind] : "";
	if (strcmp(sub, "create")) {
		fprintf(stderr, "openbav: employer needs create\n");
		return 2;
	}
	struct db *db = open_db(db_url(o->db));
	if (!db)
		return 1;
	struct employer_input in = {o->name, o->street, o->postcode, o->city, o->bnr};
	int64_t               id = 0;
	i18n_init();
	struct app_err e = employer_create(db, &in, (int64_t)time(NULL), &id);
	db_close(db);
	if (e.rc != APP_OK) {
		fprintf(stderr, "openbav: %s: %s\n", e.field ? e.field : "employer", i18n_text(LANG_EN, e.key));
		return e.rc == APP_ERROR ? 1 : 2;
	}
	printf("employer %lld created\n", (long long)id);
	return 0;
}

static void print_json(FILE *f, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	fprintf(f, "%s\n", s ? s : "null");
	jalloc_free(s);
	json_decref(j);
}

static void import_progress(size_t rows, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "\rimport: %zu rows…", rows);
}

/* openbav import employees|contracts --employer ID [--dry-run] [--all-or-nothing] [--rejects FILE] FILE */
static int cmd_import(int argc, char **argv, const struct opts *o)
{
	const char      *kind_name = optind < argc ? argv[optind] : NULL;
	const char      *file      = optind + 1 < argc ? argv[optind + 1] : NULL;
	enum import_kind kind;
	if (!import_kind_from_name(kind_name, &kind) || !file || !o->employer) {
		fprintf(stderr, "openbav: usage: import employees|contracts --employer ID [--dry-run] [--all-or-nothing] "
		                "[--rejects FILE] FILE\n");
		return 2;
	}
	FILE *f = fopen(file, "rb");
	if (!f) {
		fprintf(stderr, "openbav: cannot read %s: %s\n", file, strerror(errno));
		return 2;
	}
	struct buf data = {0};
	char       chunk[65536];
	size_t     n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && data.n <= IMPORT_MAX_BYTES)
		buf_add(&data, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad || data.n > IMPORT_MAX_BYTES) {
		fprintf(stderr, "openbav: %s: %s\n", file, bad ? "read error" : "larger than 64 MiB");
		buf_free(&data);
		return 2;
	}
	struct db *db = open_db(db_url(o->db));
	if (!db) {
		buf_free(&data);
		return 1;
	}
	i18n_init();
	struct buf         rejects = {0};
	struct import_opts io      = {
		     .kind = kind, .employer_id = o->employer, .dry_run = o->dry_run,
		     .all_or_nothing = o->all_or_nothing, .now = (int64_t)time(NULL), .lang = o->lang,
		     .rejects = o->rejects ? &rejects : NULL,
		     .progress = isatty(2) ? import_progress : NULL};
	json_t *report = NULL;
	char    why[512];
	int     rc     = 0;
	enum import_rc ir = import_run(db, (const unsigned char *)data.p, data.n, &io, &report, why, sizeof why);
	if (io.progress)
		fputc('\n', stderr);
	if (ir == IMPORT_OK) {
		print_json(stdout, report);
		if (o->rejects) {
			FILE *rf = fopen(o->rejects, "wb");
			if (!rf || fwrite(rejects.p ? rejects.p : "", 1, rejects.n, rf) != rejects.n || fclose(rf)) {
				fprintf(stderr, "openbav: cannot write %s\n", o->rejects);
				rc = 1;
			}
		}
	} else {
		fprintf(stderr, "openbav: %s: %s\n", file, why);
		rc = ir == IMPORT_DB_ERROR ? 1 : 2;
	}
	buf_free(&rejects);
	buf_free(&data);
	db_close(db);
	return rc;
}

/* openbav backup [--db URL] FILE | restore [--db URL] [--force] FILE (db/backup.c) */
static int cmd_backup(int argc, char **argv, const struct opts *o, bool restore)
{
	const char *file = optind < argc ? argv[optind] : NULL;
	if (!file || optind + 1 < argc || (o->force && !restore)) {
		fprintf(stderr, "openbav: usage: %s\n",
		        restore ? "restore [--db URL] [--force] FILE" : "backup [--db URL] FILE");
		return 2;
	}
	char err[1024];
	int  rc = restore ? db_restore(db_url(o->db), file, o->force, stdout, err, sizeof err)
	                  : db_backup(db_url(o->db), file, stdout, err, sizeof err);
	if (rc)
		fprintf(stderr, "openbav: %s: %s\n", restore ? "restore" : "backup", err);
	return rc;
}

/* openbav copy --from URL --to URL */
static int cmd_copy(int argc, const struct opts *o)
{
	if (!o->from || !o->to || optind < argc || o->db) {
		fprintf(stderr, "openbav: usage: copy --from URL --to URL (e.g. --from sqlite:var/openbav.db "
		                "--to postgresql://openbav@/openbav)\n");
		return 2;
	}
	char err[1024];
	int  rc = db_copy(o->from, o->to, stdout, err, sizeof err);
	if (rc)
		fprintf(stderr, "openbav: copy: %s\n", err);
	return rc;
}

static int cmd_checksum(int argc, const struct opts *o)
{
	if (optind < argc) {
		fprintf(stderr, "openbav: usage: checksum [--db URL]\n");
		return 2;
	}
	char err[1024];
	int  rc = db_checksum(db_url(o->db), stdout, err, sizeof err);
	if (rc)
		fprintf(stderr, "openbav: checksum: %s\n", err);
	return rc;
}

enum { CALC_INPUT_MAX = 1 << 20 };


/* One JSON object on stdin → one result on stdout; --batch: per line. */
static int cmd_calc(int argc, char **argv, const struct opts *o)
{
	const char *name = optind < argc ? argv[optind] : NULL;
	const struct calc *c = name ? calc_find(name) : NULL;
	if (!c) {
		fprintf(stderr, "openbav: calc needs one of:");
		for (size_t i = 0; i < calcs_count; i++)
			fprintf(stderr, " %s", calcs[i].name);
		fprintf(stderr, "\n");
		return 2;
	}
	i18n_init();
	struct calc_error err;
	if (o->batch) {
		char   *line = NULL;
		size_t  cap  = 0;
		ssize_t n;
		while ((n = getline(&line, &cap, stdin)) > 0) {
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = '\0';
			json_t *out = calc_run(c, line, (size_t)n, o->lang, &err);
			print_json(stdout, out ? out : calc_error_json(&err));
		}
		free(line);
		return ferror(stdin) ? 1 : 0;
	}
	char  *buf = malloc(CALC_INPUT_MAX + 1);
	size_t len = buf ? fread(buf, 1, CALC_INPUT_MAX + 1, stdin) : 0;
	if (!buf || len > CALC_INPUT_MAX) {
		free(buf);
		fprintf(stderr, "openbav: input larger than %d bytes\n", CALC_INPUT_MAX);
		return 2;
	}
	json_t *out = calc_run(c, buf, len, o->lang, &err);
	free(buf);
	if (!out) {
		print_json(stderr, calc_error_json(&err));
		return 2;
	}
	print_json(stdout, out);
	return 0;
}

static int cmd_serve(const struct opts *o)
{
	struct server_config cfg = {
		.listen      = o->listen,
		.db_url      = db_url(o->db),
		.threads     = (unsigned)o->threads,
		.trust_proxy = o->trust,
		.access_log  = !o->nolog,
	};
	web_cfg.demo = o->demo_logins;
	return server_run(&cfg);
}

int main(int argc, char **argv)
{
	jalloc_install();
	if (sodium_init() < 0) {
		fputs("openbav: libsodium failed to initialise\n", stderr);
		return 1;
	}
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *cmd = argv[1];
	struct opts o;
	int         rc = parse_opts(argc - 1, argv + 1, &o);
	if (rc)
		return rc;
	optind++; /* index into argv, past the command */
	if (o.help) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "serve"))
		return cmd_serve(&o);
	if (!strcmp(cmd, "migrate"))
		return cmd_migrate(&o);
	if (!strcmp(cmd, "demo"))
		return cmd_demo(&o);
	if (!strcmp(cmd, "token"))
		return cmd_token(argc, argv, &o);
	if (!strcmp(cmd, "roles"))
		return cmd_roles();
	if (!strcmp(cmd, "user"))
		return cmd_user(argc, argv, &o);
	if (!strcmp(cmd, "employer"))
		return cmd_employer(argc, argv, &o);
	if (!strcmp(cmd, "import"))
		return cmd_import(argc, argv, &o);
	if (!strcmp(cmd, "calc"))
		return cmd_calc(argc, argv, &o);
	if (!strcmp(cmd, "backup") || !strcmp(cmd, "restore"))
		return cmd_backup(argc, argv, &o, !strcmp(cmd, "restore"));
	if (!strcmp(cmd, "copy"))
		return cmd_copy(argc, &o);
	if (!strcmp(cmd, "checksum"))
		return cmd_checksum(argc, &o);
	fprintf(stderr, "openbav: unknown command '%s'\n", cmd);
	usage(stderr);
	return 2;
}
