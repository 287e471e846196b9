/*
 * mn.c — owns § 2 Abs. 1 BetrAVG, the ratierliches Verfahren: counting m and
 * n (completed months by the BGB month rule, or days) and promised × m / n
 * rounded half-up.  Must never do I/O, allocate, use floating point, or give
 * more than the promise; it does not decide whether the method applies
 * (core/method.c) or whether the employee is vested at all.
 */
#include "core/mn.h"
#include "core/pension_age.h"

int32_t mn_completed_months(day_t a, day_t b)
{
	if (b < a - 1)
		return -1;
	int ya, ma, da, yb, mb, db;
	date_to_ymd(a, &ya, &ma, &da);
	date_to_ymd(b, &yb, &mb, &db);
	/* estimate, then correct: anniversary(a, k) is strictly increasing in k */
	int32_t k = (int32_t)((yb - ya) * 12 + (mb - ma));
	if (k < 0)
		k = 0;
	while (k > 0 && pension_age_anniversary(a, k) - 1 > b)
		k--;
	while (pension_age_anniversary(a, k + 1) - 1 <= b)
		k++;
	return k;
}

/* x × m / n, half-up; 0 <= m <= n, n > 0, 0 <= x <= MN_MAX_CENTS. */
static int64_t ratio_half_up(int64_t x, int64_t m, int64_t n)
{
	__int128 num = (__int128)x * m * 2 + n;
	return (int64_t)(num / ((__int128)n * 2));
}

enum mn_status mn_compute(int64_t promised_cents, day_t service_start, day_t exit_date, day_t retirement_date,
                          enum mn_convention conv, struct mn_result *r, struct explain *e)
{
	*r = (struct mn_result){0};
	if (promised_cents < 0 || promised_cents > MN_MAX_CENTS)
		return MN_ERR_AMOUNT;
	if (exit_date < service_start)
		return MN_ERR_EXIT_BEFORE_START;
	if (exit_date > retirement_date)
		return MN_ERR_EXIT_AFTER_RETIREMENT;

	explain_rule(e, "§ 2 Abs. 1 BetrAVG");
	explain_note(e, "mn.start", 1, ex_date(service_start));
	int64_t m, n;
	if (conv == MN_DAYS) {
		m = (int64_t)exit_date - service_start + 1;
		n = (int64_t)retirement_date - service_start + 1;
		explain_note(e, "mn.conv_days", 0);
		explain_note(e, "mn.m_days", 3, ex_int(m), ex_date(service_start), ex_date(exit_date));
		explain_note(e, "mn.n_days", 3, ex_int(n), ex_date(service_start), ex_date(retirement_date));
	} else {
		m = mn_completed_months(service_start, exit_date);
		n = mn_completed_months(service_start, retirement_date);
		explain_rule(e, "§§ 187 Abs. 2, 188 Abs. 2 BGB");
		explain_note(e, "mn.conv_months", 0);
		explain_note(e, "mn.m_months", 5, ex_int(m), ex_int(m / 12), ex_int(m % 12), ex_date(service_start),
		             ex_date(exit_date));
		explain_note(e, "mn.n_months", 5, ex_int(n), ex_int(n / 12), ex_int(n % 12), ex_date(service_start),
		             ex_date(retirement_date));
		if (n == 0)
			return MN_ERR_N_ZERO;
	}
	r->m                 = (int32_t)m;
	r->n                 = (int32_t)n;
	r->entitlement_cents = ratio_half_up(promised_cents, m, n);
	if (r->entitlement_cents > promised_cents) /* cannot happen with m <= n; the promise is the ceiling */
		r->entitlement_cents = promised_cents;
	explain_note(e, "mn.result", 4, ex_cents(promised_cents), ex_int(m), ex_int(n), ex_cents(r->entitlement_cents));
	if (m == n)
		explain_note(e, "mn.full", 0);
	return MN_OK;
}

enum mn_status mn_per_year_promise(int64_t per_year_cents, day_t service_start, day_t retirement_date,
                                   int64_t *promised_cents, int32_t *years, struct explain *e)
{
	*promised_cents = 0;
	*years          = 0;
	if (per_year_cents < 0 || per_year_cents > MN_MAX_CENTS)
		return MN_ERR_AMOUNT;
	if (retirement_date < service_start)
		return MN_ERR_EXIT_AFTER_RETIREMENT;
	int32_t y = mn_completed_months(service_start, retirement_date) / 12;
	int64_t p;
	if (__builtin_mul_overflow(per_year_cents, (int64_t)y, &p) || p > MN_MAX_CENTS)
		return MN_ERR_AMOUNT;
	*years          = y;
	*promised_cents = p;
	explain_rule(e, "§ 2 Abs. 1 BetrAVG");
	explain_note(e, "mn.per_year", 5, ex_cents(per_year_cents), ex_int(y), ex_date(service_start),
	             ex_date(retirement_date), ex_cents(*promised_cents));
	return MN_OK;
}
