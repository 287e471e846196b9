/*
 * vvl.c — owns the conditions of the versicherungsvertragliche Lösung
 * (§ 2 Abs. 2 S. 2, 3 and Abs. 3 S. 2 BetrAVG) and its timeline around
 * 24.06.2020.  Must never do I/O, allocate or use floating point; it computes
 * no amounts (the insurer's benefit is the insurer's business, the m/n claim
 * is core/mn.c's) and does not decide vesting.
 */
#include "core/vvl.h"

#include <stddef.h>

day_t vvl_automatic_from(void)
{
	return date_from_ymd(2020, 6, 24);
}

day_t vvl_deadline(day_t exit_date)
{
	return date_add_months(exit_date, 3); /* clamps to the month's last day: § 188 Abs. 3 BGB */
}

static const char *const codes[VVL_COND__COUNT] = {
	[VVL_IRREVOCABLE_MISSING]  = "irrevocable_missing",
	[VVL_IRREVOCABLE_LATE]     = "irrevocable_late",
	[VVL_ASSIGNED_OR_PLEDGED]  = "assigned_or_pledged",
	[VVL_POLICY_LOAN]          = "policy_loan",
	[VVL_PREMIUM_ARREARS]      = "premium_arrears",
	[VVL_SURPLUS]              = "surplus_not_to_benefits",
	[VVL_PK_SURPLUS_OR_SALARY] = "surplus_or_salary_link_missing",
	[VVL_CONTINUATION]         = "continuation_right_missing",
	[VVL_DECLARATION_MISSING]  = "declaration_missing",
	[VVL_DECLARATION_LATE]     = "declaration_late",
};

static const char *const keys[VVL_COND__COUNT] = {
	[VVL_IRREVOCABLE_MISSING]  = "vvl.unmet.irrevocable_missing",
	[VVL_IRREVOCABLE_LATE]     = "vvl.unmet.irrevocable_late",
	[VVL_ASSIGNED_OR_PLEDGED]  = "vvl.unmet.assigned_or_pledged",
	[VVL_POLICY_LOAN]          = "vvl.unmet.policy_loan",
	[VVL_PREMIUM_ARREARS]      = "vvl.unmet.premium_arrears",
	[VVL_SURPLUS]              = "vvl.unmet.surplus_not_to_benefits",
	[VVL_PK_SURPLUS_OR_SALARY] = "vvl.unmet.surplus_or_salary_link_missing",
	[VVL_CONTINUATION]         = "vvl.unmet.continuation_right_missing",
	[VVL_DECLARATION_MISSING]  = "vvl.unmet.declaration_missing",
	[VVL_DECLARATION_LATE]     = "vvl.unmet.declaration_late",
};

const char *vvl_cond_code(enum vvl_cond c)
{
	return (unsigned)c < VVL_COND__COUNT ? codes[c] : "unknown";
}

/* Records an unmet condition (message args: the deadline and one date). */
static void unmet(struct vvl_result *r, struct explain *e, enum vvl_cond c, day_t d)
{
	struct vvl_unmet *u = &r->unmet[r->nunmet++];
	u->code             = c;
	u->note             = (struct explain_note){.key = keys[c], .nargs = 2};
	u->note.args[0]     = ex_date(r->deadline);
	u->note.args[1]     = ex_date(d);
	explain_note(e, keys[c], 2, ex_date(r->deadline), ex_date(d));
}

void vvl_check(const struct vvl_input *in, struct vvl_result *r, struct explain *e)
{
	*r                      = (struct vvl_result){0};
	r->deadline             = vvl_deadline(in->exit_date);
	r->declaration_required = in->exit_date < vvl_automatic_from();
	bool dv                 = in->vehicle == VVL_DV;

	explain_rule(e, dv ? "§ 2 Abs. 2 BetrAVG" : "§ 2 Abs. 3 BetrAVG");
	explain_note(e, dv ? "vvl.intro_dv" : "vvl.intro_pk", 0);
	explain_note(e, "vvl.deadline", 2, ex_date(in->exit_date), ex_date(r->deadline));

	if (dv) {
		if (!in->has_irrevocable)
			unmet(r, e, VVL_IRREVOCABLE_MISSING, in->exit_date);
		else if (in->irrevocable_from > r->deadline)
			unmet(r, e, VVL_IRREVOCABLE_LATE, in->irrevocable_from);
		else
			explain_note(e, "vvl.ok.irrevocable", 2, ex_date(in->irrevocable_from), ex_date(r->deadline));
		if (in->assigned_or_pledged)
			unmet(r, e, VVL_ASSIGNED_OR_PLEDGED, in->exit_date);
		if (in->policy_loan)
			unmet(r, e, VVL_POLICY_LOAN, in->exit_date);
		if (in->premium_arrears)
			unmet(r, e, VVL_PREMIUM_ARREARS, in->exit_date);
		if (!in->surplus_to_benefits)
			unmet(r, e, VVL_SURPLUS, in->exit_date);
	} else {
		if (in->surplus_to_benefits)
			explain_note(e, "vvl.ok.pk_surplus", 0);
		else if (in->salary_linked_increase)
			explain_note(e, "vvl.ok.pk_salary", 0);
		else
			unmet(r, e, VVL_PK_SURPLUS_OR_SALARY, in->exit_date);
	}
	if (!in->continuation_right)
		unmet(r, e, VVL_CONTINUATION, in->exit_date);

	if (r->declaration_required) {
		explain_rule(e, "§ 2 Abs. 2 S. 3 BetrAVG a.F. (bis 23.06.2020)");
		explain_note(e, "vvl.old_law", 2, ex_date(in->exit_date), ex_date(r->deadline));
		if (!in->has_declaration)
			unmet(r, e, VVL_DECLARATION_MISSING, in->exit_date);
		else if (in->employer_declaration_date > r->deadline)
			unmet(r, e, VVL_DECLARATION_LATE, in->employer_declaration_date);
		else if (in->employer_declaration_date < in->exit_date)
			explain_note(e, "vvl.ok.declaration_before_exit", 2, ex_date(in->employer_declaration_date),
			             ex_date(in->exit_date));
		else
			explain_note(e, "vvl.ok.declaration", 2, ex_date(in->employer_declaration_date),
			             ex_date(r->deadline));
	} else {
		explain_rule(e, "Art. 8a 7. SGB IV-ÄndG (BGBl. I 2020 S. 1248)");
		explain_note(e, "vvl.new_law", 1, ex_date(in->exit_date));
	}

	r->applies = r->nunmet == 0;
	explain_note(e, r->applies ? "vvl.applies" : "vvl.not_applies", 0);
	if (!r->applies)
		explain_note(e, "vvl.fallback", 0);
}
