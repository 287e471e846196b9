/*
 * vvl.h — § 2 Abs. 2 (Direktversicherung) and Abs. 3 (Pensionskasse)
 * BetrAVG, the versicherungsvertragliche Lösung: does the insurer's
 * contractual benefit replace the m/n claim?  All conditions of DOMAIN 2.2,
 * the 3-month deadline (exit + 3 months, BGB) and the law change of
 * 24.06.2020 (before: only on the employer's declaration within 3 months).
 * Pure: no I/O, no allocation, no floating point.
 */
#ifndef OPENBAV_VVL_H
#define OPENBAV_VVL_H

#include <stdbool.h>

#include "core/date.h"
#include "core/explain.h"

enum vvl_vehicle { VVL_DV = 0, VVL_PK = 1 };

enum vvl_cond {
	VVL_IRREVOCABLE_MISSING,   /* DV: Bezugsrecht not irrevocable (no date) */
	VVL_IRREVOCABLE_LATE,      /* DV: irrevocable only after exit + 3 months */
	VVL_ASSIGNED_OR_PLEDGED,   /* DV: assigned or pledged by the employer */
	VVL_POLICY_LOAN,           /* DV: policy loan (Beleihung) by the employer */
	VVL_PREMIUM_ARREARS,       /* DV: premium arrears */
	VVL_SURPLUS,               /* DV: surplus not used only to improve benefits */
	VVL_PK_SURPLUS_OR_SALARY,  /* PK: neither surplus-only nor salary-linked increase */
	VVL_CONTINUATION,          /* DV/PK: no right to continue with own premiums */
	VVL_DECLARATION_MISSING,   /* exit <= 23.06.2020: no employer declaration */
	VVL_DECLARATION_LATE,      /* exit <= 23.06.2020: declaration after exit + 3 months */
	VVL_COND__COUNT
};

struct vvl_input {
	enum vvl_vehicle vehicle;
	day_t            exit_date;
	bool             has_irrevocable;
	day_t            irrevocable_from;
	bool             assigned_or_pledged, policy_loan, premium_arrears; /* DV only */
	bool             surplus_to_benefits;
	bool             salary_linked_increase; /* PK only: the alternative to surplus_to_benefits */
	bool             continuation_right;
	bool             has_declaration;
	day_t            employer_declaration_date;
};

struct vvl_unmet {
	enum vvl_cond       code;
	struct explain_note note; /* the message with its dates */
};

struct vvl_result {
	bool             applies;
	bool             declaration_required; /* exit before 24.06.2020 */
	day_t            deadline;             /* exit + 3 months (§ 188 Abs. 2, 3 BGB) */
	int              nunmet;
	struct vvl_unmet unmet[VVL_COND__COUNT];
};

/* 24.06.2020: automatic vvL (Art. 8a 7. SGB IV-ÄndG, BGBl. I 2020 S. 1248). */
day_t vvl_automatic_from(void);
/* exit + 3 months: same day number three months later, else the month's last day. */
day_t vvl_deadline(day_t exit_date);
const char *vvl_cond_code(enum vvl_cond c); /* "irrevocable_missing", … */
void        vvl_check(const struct vvl_input *in, struct vvl_result *r, struct explain *e);

#endif
