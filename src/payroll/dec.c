/*
 * dec.c — the slow paths of dec.h: operands of different scales, results
 * beyond int64, division and rounding.  Everything is exact integer
 * arithmetic in __int128 (|int64 × int64| < 2^126, |int64| × 10^18 < 2^123),
 * and a result is brought back to int64 only by dropping trailing zeros of
 * its fraction — never by rounding, which happens only where the caller
 * asks for it (setScale, divide with a scale).
 */
#include "payroll/dec.h"

#include <stdio.h>

typedef __int128 i128;

const int64_t dec_pow10[19] = {1,
                               10,
                               100,
                               1000,
                               10000,
                               100000,
                               1000000,
                               10000000,
                               100000000,
                               1000000000,
                               10000000000,
                               100000000000,
                               1000000000000,
                               10000000000000,
                               100000000000000,
                               1000000000000000,
                               10000000000000000,
                               100000000000000000,
                               1000000000000000000};

/* 10^k for 0 ≤ k ≤ 36. */
static i128 p10(int k)
{
	return k <= 18 ? (i128)dec_pow10[k] : (i128)dec_pow10[18] * dec_pow10[k - 18];
}

/* v × 10^-s as a dec_t: trailing zeros are dropped until it fits. */
static dec_t from128(int *err, i128 v, int s)
{
	while (s < 0) { /* (only from divisions of large scales) */
		if (__builtin_mul_overflow(v, (i128)10, &v)) {
			*err |= DEC_EOVERFLOW;
			return DEC_ZERO;
		}
		s++;
	}
	while (s > DEC_MAX_SCALE || v > INT64_MAX || v < INT64_MIN) {
		if (s == 0 || v % 10 != 0) {
			*err |= DEC_EOVERFLOW;
			return DEC_ZERO;
		}
		v /= 10;
		s--;
	}
	return DEC((int64_t)v, s);
}

dec_t dec_add_slow(int *err, dec_t a, dec_t b, bool negate_b)
{
	int64_t x, y, r;
	int     s;
	if (dec_align64(a, b, &x, &y, &s) &&
	    !(negate_b ? __builtin_sub_overflow(x, y, &r) : __builtin_add_overflow(x, y, &r)))
		return DEC(r, s);
	i128 am = (i128)a.m * p10(s - a.s), bm = (i128)b.m * p10(s - b.s);
	return from128(err, negate_b ? am - bm : am + bm, s);
}

dec_t dec_mul_slow(int *err, dec_t a, dec_t b)
{
	return from128(err, (i128)a.m * b.m, a.s + b.s);
}

int dec_cmp_slow(dec_t a, dec_t b)
{
	int64_t x, y;
	int     s;
	if (dec_align64(a, b, &x, &y, &s))
		return (x > y) - (x < y);
	i128 am = (i128)a.m * p10(s - a.s), bm = (i128)b.m * p10(s - b.s);
	return (am > bm) - (am < bm);
}

/* The rounding step of a division: q = n / d truncated, r its remainder
 * (≠ 0), neg whether the exact quotient is negative, half = |r| against
 * |d| − |r| (−1, 0, 1).  Returns the adjustment of q: −1, 0 or +1. */
static int adjust(int *err, bool q_odd, bool neg, int half, enum dec_round mode)
{
	int away = neg ? -1 : 1;
	switch (mode) {
	case DEC_UP: return away;
	case DEC_DOWN: return 0;
	case DEC_CEILING: return neg ? 0 : 1;
	case DEC_FLOOR: return neg ? -1 : 0;
	case DEC_HALF_UP: return half >= 0 ? away : 0;
	case DEC_HALF_DOWN: return half > 0 ? away : 0;
	case DEC_HALF_EVEN: return half > 0 || (half == 0 && q_odd) ? away : 0;
	case DEC_UNNECESSARY: break;
	}
	*err |= DEC_EINEXACT;
	return 0;
}

/* n / d rounded by mode (d ≠ 0). */
static i128 round_div(int *err, i128 n, i128 d, enum dec_round mode)
{
	i128 q = n / d, r = n % d;
	if (r == 0)
		return q;
	i128 ar = r < 0 ? -r : r, ad = d < 0 ? -d : d;
	int  half = ar > ad - ar ? 1 : ar == ad - ar ? 0 : -1;
	int  e = 0, a = adjust(&e, q & 1, (n < 0) != (d < 0), half, mode);
	if (e) {
		*err |= e;
		return 0;
	}
	return q + a;
}

/* The same on int64 (the common case; much cheaper than 128-bit division). */
static int64_t round_div64(int *err, int64_t n, int64_t d, enum dec_round mode)
{
	if (d == -1 && n == INT64_MIN) {
		*err |= DEC_EOVERFLOW;
		return 0;
	}
	int64_t q = n / d, r = n % d;
	if (r == 0)
		return q;
	uint64_t ar = r < 0 ? -(uint64_t)r : (uint64_t)r, ad = d < 0 ? -(uint64_t)d : (uint64_t)d;
	int      half = ar > ad - ar ? 1 : ar == ad - ar ? 0 : -1;
	int      e = 0, a = adjust(&e, q & 1, (n < 0) != (d < 0), half, mode);
	if (e) {
		*err |= e;
		return 0;
	}
	return q + a; /* r ≠ 0, so |d| ≥ 2 and |q| ≤ |n| / 2: no overflow */
}

dec_t dec_round_slow(int *err, dec_t a, int scale, enum dec_round mode)
{
	if (scale < 0 || scale > DEC_MAX_SCALE) {
		*err |= DEC_ESCALE;
		return DEC_ZERO;
	}
	if (scale >= a.s)
		return a;
	return DEC(round_div64(err, a.m, dec_pow10[a.s - scale], mode), scale);
}

dec_t dec_div_scale(int *err, dec_t a, dec_t b, int scale, enum dec_round mode)
{
	if (b.m == 0) {
		*err |= DEC_EDIVZERO;
		return DEC_ZERO;
	}
	if (scale < 0 || scale > DEC_MAX_SCALE) {
		*err |= DEC_ESCALE;
		return DEC_ZERO;
	}
	/* a/b = (a.m × 10^e) / b.m × 10^-scale with e = scale + b.s − a.s. */
	int e = scale + b.s - a.s;
	if (e >= 0 && e <= 18) {
		int64_t n;
		if (!__builtin_mul_overflow(a.m, dec_pow10[e], &n))
			return DEC(round_div64(err, n, b.m, mode), scale);
	}
	i128 n = a.m, d = b.m;
	if (e >= 0) {
		if (e > 36 || __builtin_mul_overflow(n, p10(e), &n)) {
			*err |= DEC_EOVERFLOW;
			return DEC_ZERO;
		}
	} else
		d *= p10(-e); /* −e ≤ a.s ≤ 18 */
	return from128(err, round_div(err, n, d, mode), scale);
}

dec_t dec_div(int *err, dec_t a, dec_t b)
{
	if (b.m == 0) {
		*err |= DEC_EDIVZERO;
		return DEC_ZERO;
	}
	/* b.m = ±2^c2 · 5^c5 · r with r prime to 10: a/b terminates iff r | a.m;
	 * then a.m / b.m = (a.m / r) · 2^(k−c2) · 5^(k−c5) / 10^k, k = max(c2, c5). */
	uint64_t r  = b.m < 0 ? -(uint64_t)b.m : (uint64_t)b.m;
	int      c2 = 0, c5 = 0;
	while (!(r & 1)) {
		r >>= 1;
		c2++;
	}
	while (r % 5 == 0) {
		r /= 5;
		c5++;
	}
	i128 am = a.m;
	if (am % (i128)r != 0) {
		*err |= DEC_EINEXACT;
		return DEC_ZERO;
	}
	i128 q = am / (i128)r;
	int  k = c2 > c5 ? c2 : c5;
	for (int i = c2; i < k; i++)
		q *= 2; /* k − c2 ≤ c5 ≤ 27 (5^28 > 2^63): |q| < 2^90 */
	for (int i = c5; i < k; i++) {
		if (__builtin_mul_overflow(q, (i128)5, &q)) {
			*err |= DEC_EOVERFLOW;
			return DEC_ZERO;
		}
	}
	if (b.m < 0)
		q = -q;
	return from128(err, q, a.s - b.s + k);
}

dec_t dec_from_unscaled(int *err, int64_t m, int scale)
{
	if (scale < -18 || scale > 36) {
		*err |= DEC_ESCALE;
		return DEC_ZERO;
	}
	return from128(err, m, scale);
}

bool dec_to_int64(dec_t a, int64_t *out)
{
	if (a.s == 0) {
		*out = a.m;
		return true;
	}
	if (a.m % dec_pow10[a.s] != 0)
		return false;
	*out = a.m / dec_pow10[a.s];
	return true;
}

dec_t dec_normalize(dec_t a)
{
	while (a.s > 0 && a.m % 10 == 0) {
		a.m /= 10;
		a.s--;
	}
	return a;
}

bool dec_parse(const char *s, size_t n, dec_t *out)
{
	size_t i   = 0;
	bool   neg = false;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	i128 v      = 0;
	int  digits = 0, scale = -1;
	for (; i < n; i++) {
		if ((s[i] == '.' || s[i] == ',') && scale < 0 && digits > 0) {
			scale = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
		if (v > (i128)INT64_MAX * 10)
			return false;
		digits++;
		if (scale >= 0 && ++scale > DEC_MAX_SCALE)
			return false;
	}
	if (digits == 0 || scale == 0) /* nothing, or "12." */
		return false;
	int err = 0;
	*out    = from128(&err, neg ? -v : v, scale < 0 ? 0 : scale);
	return err == 0;
}

int dec_format(dec_t a, char *buf, size_t size)
{
	uint64_t u   = a.m < 0 ? -(uint64_t)a.m : (uint64_t)a.m;
	uint64_t p   = (uint64_t)dec_pow10[a.s];
	const char *sign = a.m < 0 ? "-" : "";
	if (a.s == 0)
		return snprintf(buf, size, "%s%llu", sign, (unsigned long long)u);
	return snprintf(buf, size, "%s%llu.%0*llu", sign, (unsigned long long)(u / p), (int)a.s,
	                (unsigned long long)(u % p));
}
