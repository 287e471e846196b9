/*
 * pension_age.c — owns the Regelaltersgrenze table (§ 35, § 235 Abs. 2
 * SGB VI), the BGB anniversary / "Vollendung" day rule and the choice between
 * a plan's fixed age and the RAG for § 2 Abs. 1 BetrAVG.  Must never do I/O,
 * allocate, read the clock or use floating point; it knows no amounts.
 * Not modelled: the Vertrauensschutz of § 235 Abs. 2 S. 3 SGB VI (Altersteilzeit
 * agreements before 2007, Anpassungsgeld) and the "besonders langjährig
 * Versicherte at 65" limit of § 2 Abs. 1 S. 1 Hs. 2 BetrAVG.
 */
#include "core/pension_age.h"

struct pension_age pension_age_rag(int birth_year)
{
	if (birth_year < 1947)
		return (struct pension_age){65, 0};
	if (birth_year <= 1958) {
		int m = 12 * 65 + (birth_year - 1946);
		return (struct pension_age){m / 12, m % 12};
	}
	if (birth_year <= 1963) {
		int m = 12 * 66 + 2 * (birth_year - 1958);
		return (struct pension_age){m / 12, m % 12};
	}
	return (struct pension_age){67, 0};
}

day_t pension_age_anniversary(day_t from, int months)
{
	int y, m, d;
	date_to_ymd(from, &y, &m, &d);
	long t  = (long)y * 12 + (m - 1) + months;
	long ny = (t >= 0 ? t : t - 11) / 12;
	int  nm = (int)(t - ny * 12) + 1;
	if (d > date_days_in_month((int)ny, nm)) /* day missing in that month: the 1st of the next */
		return date_from_ymd((int)ny, nm, date_days_in_month((int)ny, nm)) + 1;
	return date_from_ymd((int)ny, nm, d);
}

day_t pension_age_reached_on(day_t birth, struct pension_age age)
{
	return pension_age_anniversary(birth, age.years * 12 + age.months) - 1;
}

static const char *rag_paragraph(int birth_year)
{
	if (birth_year < 1947)
		return "§ 235 Abs. 2 S. 1 SGB VI";
	if (birth_year <= 1963)
		return "§ 235 Abs. 2 S. 2 SGB VI";
	return "§ 35 S. 2 SGB VI";
}

bool pension_age_compute(day_t birth, int fixed_age_years, struct pension_age_result *r, struct explain *e)
{
	if (fixed_age_years != 0 && (fixed_age_years < PENSION_AGE_FIXED_MIN || fixed_age_years > PENSION_AGE_FIXED_MAX))
		return false;
	int y, mo, d;
	date_to_ymd(birth, &y, &mo, &d);
	*r                = (struct pension_age_result){0};
	r->rag            = pension_age_rag(y);
	r->rag_reached_on = pension_age_reached_on(birth, r->rag);
	r->retirement_date = r->rag_reached_on;

	explain_rule(e, rag_paragraph(y));
	explain_rule(e, "§§ 187 Abs. 2, 188 Abs. 2 BGB");
	explain_note(e, "pension_age.table", 3, ex_int(y), ex_int(r->rag.years), ex_int(r->rag.months));
	explain_note(e, "pension_age.reached", 4, ex_date(birth), ex_int(r->rag.years), ex_int(r->rag.months),
	             ex_date(r->rag_reached_on));
	int ay, am, ad;
	date_to_ymd(r->rag_reached_on + 1, &ay, &am, &ad);
	if (ad != d) {
		explain_rule(e, "§ 188 Abs. 3 BGB");
		explain_note(e, "pension_age.missing_day", 1, ex_date(r->rag_reached_on));
	} else if (d == 1)
		explain_note(e, "pension_age.first_of_month", 1, ex_date(r->rag_reached_on));

	if (fixed_age_years) {
		r->has_fixed        = true;
		r->fixed_reached_on = pension_age_reached_on(birth, (struct pension_age){fixed_age_years, 0});
		explain_rule(e, "§ 2 Abs. 1 S. 1 BetrAVG");
		explain_note(e, "pension_age.fixed", 2, ex_int(fixed_age_years), ex_date(r->fixed_reached_on));
		if (r->fixed_reached_on < r->rag_reached_on) {
			r->fixed_used      = true;
			r->retirement_date = r->fixed_reached_on;
			explain_note(e, "pension_age.fixed_used", 1, ex_date(r->retirement_date));
		} else
			explain_note(e, "pension_age.fixed_not_earlier", 1, ex_date(r->retirement_date));
	}
	explain_note(e, "pension_age.retirement_date", 1, ex_date(r->retirement_date));
	return true;
}
