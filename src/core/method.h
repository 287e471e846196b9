/*
 * method.h — which method fixes the amount of a vested entitlement
 * (DOMAIN 2.5, the seed's matrix, with § 2 Abs. 5 and 6 BetrAVG and their
 * date limits).  Pure: no I/O, no allocation, no floating point.
 */
#ifndef OPENBAV_METHOD_H
#define OPENBAV_METHOD_H

#include <stdbool.h>

#include "core/date.h"
#include "core/explain.h"

enum method_commitment { METHOD_LZ = 0, METHOD_BOLZ = 1, METHOD_BZML = 2 };
enum method_vehicle { METHOD_DZ = 0, METHOD_UK = 1, METHOD_DV = 2, METHOD_PK = 3, METHOD_PF = 4 };
enum method_financing { METHOD_EMPLOYER = 0, METHOD_EMPLOYEE = 1 };

enum method_kind {
	METHOD_RATIERLICH = 0,         /* § 2 Abs. 1 (UK: Abs. 4, PF: Abs. 3a) */
	METHOD_RATIERLICH_OR_VVL,      /* § 2 Abs. 2 (DV) / Abs. 3 (PK) */
	METHOD_ERREICHTE_ANWARTSCHAFT, /* § 2 Abs. 5 */
	METHOD_BEITRAEGE_ZZGL_ERTRAEGE,/* § 2 Abs. 6 */
	METHOD_NOT_POSSIBLE,           /* BZML via DZ/UK, or before 2002 */
};

struct method_input {
	enum method_commitment type;
	enum method_vehicle    vehicle;
	enum method_financing  financing;
	day_t                  commitment_date;
	day_t                  exit_date;
	bool                   agreement_30g; /* § 30g Abs. 2: Abs. 5 agreed for a commitment before 2001 */
};

struct method_result {
	enum method_kind method;
	const char      *paragraph; /* the main paragraph, e.g. "§ 2 Abs. 5 BetrAVG" */
};

const char *method_code(enum method_kind k); /* "ratierlich", … (the JSON values) */
/* false when exit_date < commitment_date. */
bool method_decide(const struct method_input *in, struct method_result *r, struct explain *e);

#endif
