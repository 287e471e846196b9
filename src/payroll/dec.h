/*
 * dec.h — a small exact decimal for the wage-tax PAP: value = m × 10^-s with
 * an int64 mantissa m and a scale s in 0..DEC_MAX_SCALE.  It reproduces the
 * arithmetic of java.math.BigDecimal as the BMF pseudo-code uses it:
 * add/subtract/multiply exact, divide exact (or with a scale and rounding
 * mode), setScale with a rounding mode, compareTo, valueOf, longValue.
 *
 * Only the value is kept, not Java's scale: every BigDecimal operation the
 * PAP uses yields the same value whatever the operands' scales (Java's scale
 * only shows in toString and equals, which the PAP does not use), so a value
 * may be held at any scale that represents it exactly.  Results that do not
 * fit (mantissa beyond int64 even without trailing zeros, scale beyond 18),
 * a division by zero, a non-terminating exact division, or rounding under
 * DEC_UNNECESSARY never produce a wrong value: they set a bit in *err and
 * yield zero, and the caller refuses the whole computation.
 *
 * Pure: no allocation, no floating point.  The common cases (same scale, no
 * overflow) are inline; the rest is in dec.c and works in __int128.
 */
#ifndef OPENBAV_DEC_H
#define OPENBAV_DEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	int64_t m; /* mantissa */
	int32_t s; /* scale: digits after the point, 0..DEC_MAX_SCALE */
} dec_t;

enum { DEC_MAX_SCALE = 18 };

/* java.math.RoundingMode (BigDecimal.ROUND_*): */
enum dec_round {
	DEC_UP,          /* away from zero */
	DEC_DOWN,        /* towards zero (truncate) */
	DEC_CEILING,     /* towards +infinity */
	DEC_FLOOR,       /* towards -infinity */
	DEC_HALF_UP,     /* nearest, ties away from zero */
	DEC_HALF_DOWN,   /* nearest, ties towards zero */
	DEC_HALF_EVEN,   /* nearest, ties to the even neighbour */
	DEC_UNNECESSARY, /* exact, else DEC_EINEXACT */
};

/* Bits in *err. */
enum {
	DEC_EOVERFLOW = 1, /* the exact result does not fit */
	DEC_EDIVZERO  = 2,
	DEC_EINEXACT  = 4, /* non-terminating exact division, or rounding under DEC_UNNECESSARY */
	DEC_ESCALE    = 8, /* a scale argument outside 0..DEC_MAX_SCALE */
	DEC_EINDEX    = 16, /* (used by the PAP: table index out of range) */
	DEC_ERANGE    = 32, /* (used by the PAP: an int result beyond int32) */
};

#define DEC(m_, s_) ((dec_t){(m_), (s_)})
static const dec_t DEC_ZERO = {0, 0};

extern const int64_t dec_pow10[19];

dec_t dec_add_slow(int *err, dec_t a, dec_t b, bool negate_b); /* a + b, or a - b */
dec_t dec_mul_slow(int *err, dec_t a, dec_t b);
int   dec_cmp_slow(dec_t a, dec_t b);
dec_t dec_div_scale(int *err, dec_t a, dec_t b, int scale, enum dec_round mode); /* divide(b, scale, mode) */
dec_t dec_div(int *err, dec_t a, dec_t b);                                       /* divide(b): exact */
dec_t dec_round_slow(int *err, dec_t a, int scale, enum dec_round mode);

static inline dec_t dec_from_long(int64_t v) { return DEC(v, 0); }

/* a.m and b.m at the larger scale *s, when both fit int64. */
static inline bool dec_align64(dec_t a, dec_t b, int64_t *am, int64_t *bm, int *s)
{
	*s = a.s > b.s ? a.s : b.s;
	return !__builtin_mul_overflow(a.m, dec_pow10[*s - a.s], am) &&
	       !__builtin_mul_overflow(b.m, dec_pow10[*s - b.s], bm);
}

/* n / 10^k and its remainder, k in 1..18: constant divisors, so the
 * compiler multiplies instead of dividing (setScale is in every PAP line). */
static inline int64_t dec_div_pow10(int64_t n, int k, int64_t *rem)
{
	int64_t q;
	switch (k) {
#define DEC_P10_CASE(k_, p_) \
	case k_: q = n / p_; break;
	DEC_P10_CASE(1, 10) DEC_P10_CASE(2, 100) DEC_P10_CASE(3, 1000) DEC_P10_CASE(4, 10000)
	DEC_P10_CASE(5, 100000) DEC_P10_CASE(6, 1000000) DEC_P10_CASE(7, 10000000) DEC_P10_CASE(8, 100000000)
#undef DEC_P10_CASE
	default: q = n / dec_pow10[k]; break;
	}
	*rem = n - q * dec_pow10[k];
	return q;
}
/* BigDecimal.valueOf(unscaled, scale); scale outside 0..18 → DEC_ESCALE. */
dec_t dec_from_unscaled(int *err, int64_t m, int scale);

static inline dec_t dec_add(int *err, dec_t a, dec_t b)
{
	int64_t x, y, r;
	int     s;
	if (dec_align64(a, b, &x, &y, &s) && !__builtin_add_overflow(x, y, &r))
		return DEC(r, s);
	return dec_add_slow(err, a, b, false);
}

static inline dec_t dec_neg(int *err, dec_t a)
{
	if (a.m == INT64_MIN) {
		*err |= DEC_EOVERFLOW;
		return DEC_ZERO;
	}
	return DEC(-a.m, a.s);
}

static inline dec_t dec_sub(int *err, dec_t a, dec_t b)
{
	int64_t x, y, r;
	int     s;
	if (dec_align64(a, b, &x, &y, &s) && !__builtin_sub_overflow(x, y, &r))
		return DEC(r, s);
	return dec_add_slow(err, a, b, true);
}

static inline dec_t dec_mul(int *err, dec_t a, dec_t b)
{
	int64_t r;
	if (a.s + b.s <= DEC_MAX_SCALE && !__builtin_mul_overflow(a.m, b.m, &r))
		return DEC(r, a.s + b.s);
	return dec_mul_slow(err, a, b);
}

/* compareTo: -1, 0 or 1. */
static inline int dec_cmp(dec_t a, dec_t b)
{
	int64_t x, y;
	int     s;
	if (dec_align64(a, b, &x, &y, &s))
		return (x > y) - (x < y);
	return dec_cmp_slow(a, b);
}

static inline int dec_signum(dec_t a) { return (a.m > 0) - (a.m < 0); }

static inline dec_t dec_abs(int *err, dec_t a) { return a.m < 0 ? dec_neg(err, a) : a; }

/* setScale(scale, mode).  A larger scale never changes the value. */
static inline dec_t dec_set_scale(int *err, dec_t a, int scale, enum dec_round mode)
{
	if (scale >= a.s && scale <= DEC_MAX_SCALE)
		return a;
	if (scale >= 0 && scale < a.s && (mode == DEC_DOWN || mode == DEC_UP)) { /* the PAP's two modes */
		int64_t r, q = dec_div_pow10(a.m, a.s - scale, &r);
		if (mode == DEC_UP && r)
			q += r > 0 ? 1 : -1; /* |q| < |a.m| / 10: no overflow */
		return DEC(q, scale);
	}
	return dec_round_slow(err, a, scale, mode);
}

/* longValue(): the integer part (towards zero).  Fits always. */
static inline int64_t dec_long_value(dec_t a) { return a.s ? a.m / dec_pow10[a.s] : a.m; }

/* The value as an integer when it is one (any scale); false otherwise. */
bool dec_to_int64(dec_t a, int64_t *out);

/* Parses "-12.345" / "12,5" (sign optional, at most DEC_MAX_SCALE decimals,
 * no exponent, whole text); false when malformed or out of range. */
bool dec_parse(const char *s, size_t n, dec_t *out);
/* Writes the value with exactly its scale's decimals ("12.50"); returns the
 * length.  buf needs 32 bytes. */
int dec_format(dec_t a, char *buf, size_t size);
/* The same value with trailing zeros of the fraction removed. */
dec_t dec_normalize(dec_t a);

#endif
