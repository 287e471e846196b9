/*
 * test_tmpl.c — the template compiler (tools/tmplc.c, included here) and the
 * renderer (src/http/tmpl.c): escaping by context, blocks, lookups, the
 * catalogue in both languages, the real pages, and compile errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "assets.h"
#include "http/i18n.h"
#include "http/tmpl.h"

#define TMPLC_NO_MAIN
#define TMPLC_RUNTIME_OPS
#include "../../tools/tmplc.c"

static json_t *ctx_of(const char *json)
{
	json_error_t err;
	json_t      *j = json_loads(json, 0, &err);
	if (!j)
		fail_msg("bad test JSON: %s (%s)", err.text, json);
	return j;
}

/* Renders a real template; caller frees. */
static char *page(enum tmpl_id id, const char *json, enum lang lang)
{
	json_t    *ctx = ctx_of(json);
	struct buf b   = {0};
	tmpl_render(&b, id, ctx, lang);
	json_decref(ctx);
	return buf_steal(&b);
}

/* Compiles and renders an ad-hoc template with the real compiler and renderer. */
static char *adhoc(const char *src, const char *json, enum lang lang)
{
	char           *err = NULL;
	struct tmpl_op *ops = tmplc_ops(src, strlen(src), &err);
	if (!ops)
		fail_msg("compile error: %s", err);
	json_t    *ctx = ctx_of(json);
	struct buf b   = {0};
	tmpl_render_ops(&b, ops, ctx, NULL, 0, lang);
	json_decref(ctx);
	tmplc_ops_free(ops);
	return buf_steal(&b);
}

#define assert_contains(hay, needle)                                                       \
	do {                                                                               \
		if (!strstr((hay), (needle)))                                              \
			fail_msg("expected '%s' in:\n%s", (needle), (hay));                 \
	} while (0)
#define assert_lacks(hay, needle)                                                          \
	do {                                                                               \
		if (strstr((hay), (needle)))                                               \
			fail_msg("did not expect '%s' in:\n%s", (needle), (hay));           \
	} while (0)

static void check_adhoc(const char *src, const char *json, const char *want)
{
	char *out = adhoc(src, json, LANG_DE);
	if (strcmp(out, want))
		fail_msg("template %s\nwant: %s\ngot:  %s", src, want, out);
	free(out);
}

/* Compile errors come back as "test.html:LINE: message". */
static void check_error(const char *src, int line, const char *msg_part)
{
	static const char *const partials[] = {"_p.html", "<b>{{x}}</b>", NULL};
	char                    *err        = tmplc_check(src, strlen(src), partials);
	if (!err)
		fail_msg("expected a compile error for: %s", src);
	char prefix[64];
	snprintf(prefix, sizeof prefix, "test.html:%d: ", line);
	if (strncmp(err, prefix, strlen(prefix)) || !strstr(err, msg_part))
		fail_msg("for %s\nwant %s…%s\ngot  %s", src, prefix, msg_part, err);
	free(err);
}

static void check_ok(const char *src)
{
	static const char *const partials[] = {"_p.html", "<b>{{x}}</b>", NULL};
	char                    *err        = tmplc_check(src, strlen(src), partials);
	if (err)
		fail_msg("unexpected compile error: %s", err);
}

/* ---- escaping -------------------------------------------------------------- */

static void test_text_escaped(void **state)
{
	char *out = page(TMPL_error,
	                 "{\"lang\":\"de\",\"path\":\"/x\",\"status\":404,\"title\":\"<b>T</b>\","
	                 "\"message\":\"<script>alert(1)</script> & 'q'\"}",
	                 LANG_DE);
	assert_contains(out, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;q&#39;");
	assert_contains(out, "&lt;b&gt;T&lt;/b&gt;");
	assert_lacks(out, "<script>alert");
	assert_contains(out, "<span class=\"status\">404</span>");
	assert_contains(out, "<html lang=\"de\"");
	free(out);
	check_adhoc("<p>{{a}}</p>", "{\"a\":\"<i>\\\"&\"}", "<p>&lt;i&gt;&quot;&amp;</p>");
}

static void test_attr_escaped(void **state)
{
	char *out = page(TMPL_login,
	                 "{\"lang\":\"de\",\"path\":\"/login\",\"login_csrf\":\"tok'\\\"\","
	                 "\"email\":\"\\\"><script>x()</script>\"}",
	                 LANG_DE);
	assert_contains(out, "value=\"&quot;&gt;&lt;script&gt;x()&lt;/script&gt;\"");
	assert_contains(out, "name=\"_csrf\" value=\"tok&#39;&quot;\"");
	assert_lacks(out, "<script>x()");
	free(out);
	check_adhoc("<a title='{{a}}' class=\"{{a}}\">", "{\"a\":\"'\\\"\"}",
	            "<a title='&#39;&quot;' class=\"&#39;&quot;\">");
}

static void test_url_attributes(void **state)
{
	/* whole URL from data: scheme check */
	char *out = page(TMPL_choose,
	                 "{\"lang\":\"de\",\"path\":\"/choose\",\"memberships\":["
	                 "{\"employer_name\":\"A\",\"role_key\":\"role.hr\",\"href\":\"javascript:alert(1)\"},"
	                 "{\"employer_name\":\"B\",\"role_key\":\"role.broker\",\"href\":\"/employer/7\"},"
	                 "{\"employer_name\":\"C\",\"role_key\":\"role.hr\",\"href\":\" javascript:x\"}]}",
	                 LANG_DE);
	assert_contains(out, "<a href=\"#invalid\"><strong>A</strong> <span>Personalabteilung</span>");
	assert_contains(out, "<a href=\"/employer/7\"><strong>B</strong> <span>Makler</span>");
	assert_contains(out, "<a href=\"#invalid\"><strong>C</strong>");
	assert_lacks(out, "javascript");
	free(out);

	/* later parts: percent-encoded */
	out = page(TMPL_home_operator,
	           "{\"lang\":\"de\",\"path\":\"/employer/1?q=a&b\",\"employers\":[{\"id\":\"1/../x y\\\"\","
	           "\"name\":\"N\",\"city\":\"K\",\"betriebsnummer\":\"123\",\"headcount\":3}]}",
	           LANG_DE);
	assert_contains(out, "href=\"/employer/1%2F..%2Fx%20y%22\"");
	assert_contains(out, "href=\"/lang/de?next=%2Femployer%2F1%3Fq%3Da%26b\"");
	assert_contains(out, "href=\"/lang/en?next=%2Femployer%2F1%3Fq%3Da%26b\"");
	free(out);

	/* prev/next links: accepted and refused starts */
	static const struct {
		const char *url, *want;
	} cases[] = {
	    {"/employer/1?page=2", "href=\"/employer/1?page=2\""},
	    {"?page=2&q=x", "href=\"?page=2&amp;q=x\""},
	    {"#top", "href=\"#top\""},
	    {"https://example.org/a", "href=\"https://example.org/a\""},
	    {"HTTP://example.org/", "href=\"HTTP://example.org/\""},
	    {"mailto:a@example.org", "href=\"mailto:a@example.org\""},
	    {"JavaScript:alert(1)", "href=\"#invalid\""},
	    {"data:text/html,x", "href=\"#invalid\""},
	    {"//evil.example/", "href=\"#invalid\""},
	    {"/\\evil.example/", "href=\"#invalid\""},
	    {"/\t/evil.example/", "href=\"#invalid\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *ctx = json_pack("{s:s, s:s, s:{s:i, s:s}, s:s, s:[], s:i, s:i, s:i, s:s}", "lang",
		                        "de", "path", "/", "employer", "id", 1, "name", "E", "role_key",
		                        "role.hr", "employees", "total", 0, "page", 1, "pages", 2,
		                        "prev_url", cases[i].url);
		struct buf b = {0};
		tmpl_render(&b, TMPL_home_employer, ctx, LANG_DE);
		json_decref(ctx);
		char want[128];
		snprintf(want, sizeof want, "<a %s rel=\"prev\">", cases[i].want);
		assert_contains(b.p, want);
		buf_free(&b);
	}
	assert_true(tmpl_url_ok("/", 1));
	assert_false(tmpl_url_ok("", 0));
	assert_false(tmpl_url_ok("java\nscript:", 12));

	/* the compiler decides: start vs later, other URL attributes */
	check_adhoc("<form action=\"{{u}}\"><a href=\"/x/{{u}}?n={{u}}\">"
	            "<img src=\"{{u}}{{u}}\"><button hx-post=\"{{u}}\"></button>",
	            "{\"u\":\"javascript:1\"}",
	            "<form action=\"#invalid\"><a href=\"/x/javascript%3A1?n=javascript%3A1\">"
	            "<img src=\"#invalidjavascript%3A1\"><button hx-post=\"#invalid\"></button>");
	/* integers at the start of a URL are not a safe start either */
	check_adhoc("<a href=\"{{n}}\">", "{\"n\":5}", "<a href=\"#invalid\">");
	/* an asset URL is trusted */
	char *a = adhoc("<a href=\"{{asset:app.css}}\">", "{}", LANG_DE);
	assert_contains(a, "<a href=\"/static/");
	assert_contains(a, "/app.css\">");
	free(a);
}

/* ---- blocks and lookups ---------------------------------------------------- */

static void test_blocks(void **state)
{
	check_adhoc("{{#if a}}yes{{#else}}no{{/if}}", "{\"a\":\"x\"}", "yes");
	check_adhoc("{{#if a}}yes{{#else}}no{{/if}}", "{\"a\":\"\"}", "no");
	check_adhoc("{{#if a}}yes{{#else}}no{{/if}}", "{}", "no");
	check_adhoc("{{#if a}}yes{{/if}}", "{\"a\":0}", "");
	check_adhoc("{{#if a}}yes{{/if}}", "{\"a\":0.5}", "yes");
	check_adhoc("{{#if a}}yes{{/if}}", "{\"a\":false}", "");
	check_adhoc("{{#if a}}yes{{/if}}", "{\"a\":true}", "yes");
	check_adhoc("{{#if a}}yes{{/if}}", "{\"a\":[]}", "");
	check_adhoc("{{#if a}}yes{{/if}}", "{\"a\":[0]}", "yes");
	check_adhoc("{{#if a}}yes{{/if}}", "{\"a\":{}}", "");
	check_adhoc("{{#if a}}yes{{/if}}", "{\"a\":{\"b\":1}}", "yes");
	check_adhoc("{{#if a}}yes{{/if}}", "{\"a\":null}", "");
	check_adhoc("{{#unless a}}none{{/unless}}", "{\"a\":[]}", "none");
	check_adhoc("{{#unless a}}none{{#else}}some{{/unless}}", "{\"a\":[1]}", "some");
	check_adhoc("[{{#each xs}}{{@index}}:{{.}};{{/each}}]", "{\"xs\":[\"a\",\"b\",3]}",
	            "[0:a;1:b;2:3;]");
	check_adhoc("[{{#each xs}}x{{/each}}]", "{\"xs\":\"notarray\"}", "[]");
	/* nested each, lookup walks outward to the root, @index is the innermost */
	check_adhoc("{{#each rows}}{{#each cells}}{{name}}.{{v}}@{{@index}}/{{root}} {{/each}}|{{/each}}",
	            "{\"root\":\"R\",\"name\":\"top\",\"rows\":["
	            "{\"name\":\"r0\",\"cells\":[{\"v\":1},{\"v\":2,\"name\":\"c\"}]},"
	            "{\"name\":\"r1\",\"cells\":[{\"v\":3}]}]}",
	            "r0.1@0/R c.2@1/R |r1.3@0/R |");
	/* dotted paths; a found head does not fall back outward */
	check_adhoc("{{#each xs}}{{a.b}}-{{employer.id}},{{/each}}",
	            "{\"employer\":{\"id\":7},\"xs\":[{\"a\":{\"b\":\"x\"}},{\"a\":1}]}", "x-7,-7,");
	/* missing and non-scalar values render empty; numbers and booleans as text */
	check_adhoc("[{{nope}}|{{a.b.c}}|{{o}}|{{arr}}|{{n}}|{{r}}|{{t}}|{{f}}|{{z}}]",
	            "{\"o\":{\"x\":1},\"arr\":[1],\"n\":-42,\"r\":2.5,\"t\":true,\"f\":false,\"z\":null}",
	            "[||||-42|2.5|true|false|]");
	check_adhoc("{{@index}}", "{}", "");
	check_adhoc("a{{!comment {{x}}}}b{{!-- c {{x}} --}}c", "{\"x\":1}", "a}}bc");
	check_adhoc("{{ a }}", "{\"a\":1}", "1");
	/* include with the same context, inside each sees the item */
	char *out = adhoc("{{#each xs}}{{>_foot}}{{/each}}", "{\"xs\":[1,2]}", LANG_EN);
	assert_contains(out, "</main>");
	assert_non_null(strstr(strstr(out, "</html>") + 1, "</html>"));
	free(out);
}

static void test_catalogue(void **state)
{
	check_adhoc("{{t:login.submit}}", "{}", "Anmelden");
	char *out = adhoc("{{t:login.submit}}|{{tv:r}}|{{tv:missing}}|{{tv:n}}",
	                  "{\"r\":\"role.tax_advisor\",\"missing\":\"no.such<key>\",\"n\":1}", LANG_EN);
	assert_string_equal(out, "Sign in|Tax advisor (read only)|no.such&lt;key&gt;|");
	free(out);

	const char *ctx = "{\"lang\":\"en\",\"path\":\"/login\",\"login_csrf\":\"t\"}";
	out             = page(TMPL_login, ctx, LANG_EN);
	assert_contains(out, "<html lang=\"en\"");
	assert_contains(out, "<h1>Sign in</h1>");
	assert_contains(out, ">Password</label>");
	assert_lacks(out, "Passwort");
	assert_lacks(out, "role=\"alert\""); /* no error */
	assert_lacks(out, "demo");           /* no demo users */
	free(out);
	out = page(TMPL_login, ctx, LANG_DE);
	assert_contains(out, "<h1>Anmelden</h1>");
	assert_contains(out, ">Passwort</label>");
	free(out);
}

/* ---- the real pages ------------------------------------------------------ */

static void test_layout(void **state)
{
	char *out = page(TMPL_home_broker,
	                 "{\"lang\":\"de\",\"path\":\"/\",\"csrf\":\"CS\",\"user\":{\"name\":\"Eva <E>\","
	                 "\"email\":\"e@x\"},\"nav\":[{\"href\":\"/\",\"key\":\"nav.home\",\"current\":true},"
	                 "{\"href\":\"/account\",\"key\":\"nav.account\"}],"
	                 "\"flash\":{\"kind\":\"ok\",\"text\":\"Gespeichert\"},"
	                 "\"employers\":[{\"id\":3,\"name\":\"Acme\",\"city\":\"Köln\",\"headcount\":12}]}",
	                 LANG_DE);
	const struct asset *htmx = asset_find("htmx.min.js");
	assert_non_null(htmx);
	char want[160];
	snprintf(want, sizeof want, "<script src=\"/static/%s/htmx.min.js\" defer></script>", htmx->hash);
	assert_contains(out, want);
	assert_contains(out, "/pico.min.css\">");
	assert_contains(out, "<body hx-headers='{\"X-CSRF-Token\":\"CS\"}'>");
	assert_contains(out, "<strong>Eva &lt;E&gt;</strong>");
	assert_contains(out, "<a href=\"/\" aria-current=\"page\">Start</a>");
	assert_contains(out, "<a href=\"/account\">Mein Konto</a>");
	assert_contains(out, "action=\"/logout\"");
	assert_contains(out, "<div class=\"flash flash-ok\" role=\"status\"><p>Gespeichert</p>");
	assert_contains(out, "<main id=\"main\"");
	assert_contains(out, "<a href=\"/employer/3\">Acme</a>");
	assert_contains(out, "<td class=\"num\">12</td>");
	assert_lacks(out, "<script>");
	assert_lacks(out, "style=");
	assert_lacks(out, " on");  /* no inline handlers … */
	free(out);

	out = page(TMPL_login, "{\"lang\":\"de\",\"path\":\"/login\",\"login_csrf\":\"L\"}", LANG_DE);
	assert_contains(out, "<body>");
	assert_lacks(out, "/logout");
	free(out);
}

static void test_pages(void **state)
{
	char *out = page(TMPL_login,
	                 "{\"lang\":\"de\",\"path\":\"/login\",\"login_csrf\":\"L\",\"error\":\"Falsch\","
	                 "\"email\":\"a@b\",\"demo_users\":[{\"email\":\"hr@demo\",\"role_key\":\"role.hr\"}],"
	                 "\"demo_password\":\"pw\"}",
	                 LANG_DE);
	assert_contains(out, "role=\"alert\" id=\"login-error\">Falsch</p>");
	assert_contains(out, "aria-invalid=\"true\" aria-describedby=\"login-error\"");
	assert_contains(out, "<td><code>hr@demo</code></td><td>Personalabteilung</td>");
	assert_contains(out, "<code>pw</code>");
	free(out);

	out = page(TMPL_home_employer,
	           "{\"lang\":\"en\",\"path\":\"/employer/9\",\"employer\":{\"id\":9,\"name\":\"Acme\"},"
	           "\"role_key\":\"role.employer_admin\",\"q\":\"Mü\\\"\",\"total\":1,\"page\":1,\"pages\":1,"
	           "\"next_url\":\"/employer/9?page=2\",\"employees\":[{\"id\":5,\"personnel_number\":\"P1\","
	           "\"last_name\":\"Meier\",\"first_name\":\"Jo\",\"birth_date\":\"1/2/1980\","
	           "\"entry_date\":\"1/1/2020\",\"email\":\"jo@x\"}]}",
	           LANG_EN);
	assert_contains(out, "<p>Company administrator</p>");
	assert_contains(out, "action=\"/employer/9\"");
	assert_contains(out, "hx-get=\"/employer/9\"");
	assert_contains(out, "value=\"Mü&quot;\"");
	assert_contains(out, "<th scope=\"row\">Meier</th>");
	assert_contains(out, "<a href=\"mailto:jo%40x\">jo@x</a>");
	assert_contains(out, "<a href=\"/employer/9?page=2\" rel=\"next\">Next</a>");
	assert_contains(out, "<span class=\"muted\">Previous</span>");
	free(out);

	out = page(TMPL_home_employer,
	           "{\"lang\":\"de\",\"path\":\"/\",\"employer\":{\"id\":9,\"name\":\"A\"},\"q\":\"zz\","
	           "\"employees\":[],\"total\":0}",
	           LANG_DE);
	assert_contains(out, "Keine Beschäftigten passen zur Suche.");
	assert_lacks(out, "<table");
	free(out);

	out = page(TMPL_home_employee,
	           "{\"lang\":\"de\",\"path\":\"/\",\"employees\":[{\"employer_name\":\"A\",\"iban\":\"DE00\"},"
	           "{\"employer_name\":\"B\",\"exit_date\":\"31.12.2024\"}]}",
	           LANG_DE);
	assert_contains(out, "aria-labelledby=\"employment-0\"");
	assert_contains(out, "<h2 id=\"employment-1\">B</h2>");
	assert_contains(out, "<dd class=\"mono\">DE00</dd>");
	assert_contains(out, "<dd>31.12.2024</dd>");
	free(out);

	out = page(TMPL_account,
	           "{\"lang\":\"de\",\"path\":\"/account\",\"csrf\":\"C\",\"errors\":{\"new_password\":\"Zu kurz\"},"
	           "\"totp_secret\":\"ABC\",\"totp_uri\":\"otpauth://totp/x?secret=ABC\"}",
	           LANG_DE);
	assert_contains(out, "aria-describedby=\"new_password-hint new_password-error\" aria-invalid=\"true\"");
	assert_contains(out, "<small id=\"new_password-error\" class=\"field-error\">Zu kurz</small>");
	assert_lacks(out, "current_password-error");
	assert_contains(out, "action=\"/account/totp/confirm\"");
	assert_contains(out, "<code class=\"secret\">otpauth://totp/x?secret=ABC</code>");
	assert_lacks(out, "/account/totp/start");
	free(out);
	out = page(TMPL_account, "{\"lang\":\"de\",\"path\":\"/account\",\"totp_enabled\":true}", LANG_DE);
	assert_contains(out, "action=\"/account/totp/disable\"");
	assert_lacks(out, "/account/totp/start");
	free(out);
	out = page(TMPL_account, "{\"lang\":\"de\",\"path\":\"/account\"}", LANG_DE);
	assert_contains(out, "action=\"/account/totp/start\"");
	free(out);

	out = page(TMPL_login_totp, "{\"lang\":\"de\",\"path\":\"/login/totp\",\"csrf\":\"C\"}", LANG_DE);
	assert_contains(out, "autocomplete=\"one-time-code\"");
	assert_contains(out, "inputmode=\"numeric\"");
	free(out);
}

/* ---- compile errors --------------------------------------------------------- */

static void test_compile_errors(void **state)
{
	check_error("<script>var a = {{a}};</script>", 1, "inside <script>");
	check_error("<p>\n<SCRIPT type=x>\n{{a}}</script>", 3, "inside <script>");
	check_error("<style>p{color:{{c}}}</style>", 1, "inside <script> or <style>");
	check_error("<a href={{u}}>", 1, "unquoted");
	check_error("<a title=x{{u}}>", 1, "unquoted");
	check_error("<a onclick=\"f({{u}})\">", 1, "event-handler");
	check_error("<a OnMouseOver='{{u}}'>", 1, "event-handler");
	check_error("<a style=\"color:{{u}}\">", 1, "event-handler, style");
	check_error("<a hx-on:click=\"{{u}}\">", 1, "event-handler");
	check_error("<a hx-trigger=\"click[{{u}}]\">", 1, "event-handler");
	check_error("<div hx-vals='{{u}}'>", 1, "start of attribute");
	check_error("<{{tag}}>", 1, "tag name");
	check_error("<p{{#if a}}re{{/if}}>", 1, "different HTML contexts");
	check_error("<p{{#if a}} x{{/if}}re>", 1, "ends inside a tag name");
	check_error("</{{tag}}>", 1, "tag name");
	check_error("<a {{attr}}=\"1\">", 1, "attribute name");
	check_error("<a x{{attr}}>", 1, "attribute name");
	check_error("<!-- {{a}} -->", 1, "comment");
	check_error("{{#if a}}x", 1, "never closed");
	check_error("{{#if a}}\n{{#each b}}x{{/if}}", 2, "closes {{#each}} from line 2");
	check_error("x{{/each}}", 1, "without an open block");
	check_error("{{#each a}}{{#else}}{{/each}}", 1, "#else");
	check_error("{{#if a}}{{#else}}{{#else}}{{/if}}", 1, "#else");
	check_error("{{#with a}}{{/with}}", 1, "unknown block tag");
	check_error("{{#if}}{{/if}}", 1, "unknown block tag");
	check_error("{{/foo}}", 1, "unknown closing");
	check_error("\n\n{{>nowhere}}", 3, "missing template 'nowhere'");
	check_error("<a href=\"{{>_p}}\">", 1, "only allowed in element text");
	check_error("{{a b}}", 1, "bad character");
	check_error("{{a..b}}", 1, "empty segment");
	check_error("{{t:}}", 1, "bad character");
	check_error("{{t:a b}}", 1, "bad catalogue key");
	check_error("{{@foo}}", 1, "@index");
	check_error("x {{ a", 1, "unterminated");
	check_error("{{!-- x", 1, "unterminated");
	check_error("{{}}", 1, "empty");
	check_error("<a href=\"{{#if a}}/x{{/if}}{{u}}\">", 1, "different HTML contexts");
	check_error("<a href=\"{{#each a}}{{u}}{{/each}}\">", 1, "different HTML contexts");
	check_error("{{#if a}}<a href=\"{{#else}}<b>{{/if}}", 1, "different HTML contexts");
	check_error("<p title=\"x", 1, "template ends inside a tag");
	check_error("<script>", 1, "template ends inside");

	check_ok("<p title=\"{{a}}\" class='{{#if b}}on{{/if}}'>{{a}}</p>");
	check_ok("<input{{#if a}} checked{{/if}}>");
	check_ok("<a href=\"{{#if a}}/x{{#else}}/y{{/if}}?q={{u}}\">");
	check_ok("<script src=\"{{asset:app.js}}\"></script>{{x}}<style></style>{{y}}");
	check_ok("<!doctype html><!-- note -->{{x}}<div hx-vals='{\"a\":\"{{a}}\"}'>");
	check_ok("{{>_p}}{{#each xs}}{{>_p}}{{/each}}");
	check_ok("<a data-title=\"{{x}}\" aria-label=\"{{x}}\">{{x}}</a>");

	/* include cycles are found at link time */
	struct tmplc_set *set = tmplc_new();
	tmplc_add(set, "t/a.html", "{{>b}}", 6);
	tmplc_add(set, "t/b.html", "{{>a}}", 6);
	assert_int_equal(tmplc_link(set), -1);
	assert_non_null(strstr(tmplc_error(set), "include cycle"));
	tmplc_free(set);
	/* names map to ids, duplicates refused */
	set = tmplc_new();
	assert_int_equal(tmplc_add(set, "x/home-x.html", "", 0), 0);
	assert_int_equal(tmplc_add(set, "y/home_x.html", "", 0), -1);
	assert_non_null(strstr(tmplc_error(set), "duplicate"));
	tmplc_free(set);
}

/* The generated table matches the real templates and emits compilable C. */
static void test_emit(void **state)
{
	assert_string_equal(tmpl_names[TMPL_login], "login");
	assert_string_equal(tmpl_names[TMPL_home_employer], "home_employer");
	assert_string_equal(tmpl_names[TMPL__head], "_head");
	assert_null(tmpl_names[TMPL__COUNT]);
	struct tmplc_set *set = tmplc_new();
	const char       *src = "a\"?\\\n{{t:k.x}}{{t:k.x}}{{#each xs}}{{a.b}}{{/each}}\x01";
	assert_int_equal(tmplc_add(set, "in/some-page.html", src, strlen(src)), 0);
	assert_int_equal(tmplc_link(set), 0);
	char  *hb = NULL, *cb = NULL;
	size_t hn, cn;
	FILE  *h = open_memstream(&hb, &hn), *c = open_memstream(&cb, &cn);
	assert_int_equal(tmplc_emit(set, h, c), 0);
	fclose(h);
	fclose(c);
	assert_non_null(strstr(hb, "TMPL_some_page,"));
	assert_non_null(strstr(cb, "\"a\\\"\\?\\\\\\n\""));
	assert_non_null(strstr(cb, "\"a\" \"\\000b\"") || strstr(cb, "\"a\\000b\""));
	assert_non_null(strstr(cb, "\\001"));
	assert_non_null(strstr(cb, "tmpl_text_keys_count = 1;"));
	free(hb);
	free(cb);
	tmplc_free(set);
}


/* Bound tables: #each and #if over rows of text cells, escaped like any
 * value; a declared column shadows the outer scope even when empty; names
 * not in the row fall through to the root. */
static void test_tables(void **state)
{
	(void)state;
	const char     *src = "{{#if rows}}<ul>{{#each rows}}<li><a href=\"/e/{{eid}}/x/{{id}}\">{{name}}</a>"
	                      "{{#if mail}}[{{mail}}]{{#else}}-{{/if}}{{title}}#{{@index}}</li>{{/each}}</ul>"
	                      "{{#else}}none{{/if}}";
	char           *err = NULL;
	struct tmpl_op *ops = tmplc_ops(src, strlen(src), &err);
	if (!ops)
		fail_msg("compile error: %s", err);
	json_t                  *ctx    = ctx_of("{\"eid\": 7, \"title\": \"T\", \"mail\": \"outer\"}");
	static const char *const cols[] = {"id", "name", "mail"};
	const char *const        cells[] = {"1", "<b>&", "a@b.de", "2", "O'Neil", NULL};
	struct tmpl_table        t       = {"rows", cols, 3, 2, cells};
	struct buf               b       = {0};
	tmpl_render_ops(&b, ops, ctx, &t, 1, LANG_DE);
	assert_string_equal(b.p, "<ul><li><a href=\"/e/7/x/1\">&lt;b&gt;&amp;</a>[a@b.de]T#0</li>"
	                         "<li><a href=\"/e/7/x/2\">O&#39;Neil</a>-T#1</li></ul>");
	buf_reset(&b);
	t.nrows = 0;
	tmpl_render_ops(&b, ops, ctx, &t, 1, LANG_DE);
	assert_string_equal(b.p, "none");
	buf_free(&b);
	json_decref(ctx);
	tmplc_ops_free(ops);
}

int main(void)
{
	i18n_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_escaped),  cmocka_unit_test(test_attr_escaped),
	    cmocka_unit_test(test_url_attributes), cmocka_unit_test(test_blocks),
	    cmocka_unit_test(test_catalogue),     cmocka_unit_test(test_layout),
	    cmocka_unit_test(test_pages),         cmocka_unit_test(test_compile_errors),
	    cmocka_unit_test(test_emit), cmocka_unit_test(test_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
