/*
 * date.c — civil dates <-> day numbers, parsing and formatting of the two
 * notations a clerk types (ISO and German).  Owns the calendar arithmetic
 * (Howard Hinnant's days_from_civil / civil_from_days, integer only).
 * Must never read the clock, allocate, use floating point or accept a date
 * that does not exist in the calendar.
 */
#include "date.h"

/* Works on int64_t so that no int32 input can overflow an intermediate. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;                                   /* [0, 399] */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;                                       /* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                /* [0, 365] */
	int64_t mp  = (5 * doy + 2) / 153;                                    /* [0, 11] */
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && date_is_leap(y))
		return 29;
	return len[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
	if (d < 1 || d > date_days_in_month(y, m))
		return false;
	/* Only dates representable as day_t (about ±5.88 million years). */
	int64_t day = days_from_civil(y, m, d);
	return day >= INT32_MIN && day <= INT32_MAX;
}

day_t date_from_ymd(int y, int m, int d)
{
	return (day_t)days_from_civil(y, m, d);
}

void date_to_ymd(day_t day, int *y, int *m, int *d)
{
	int64_t yy, mm, dd;
	civil_from_days(day, &yy, &mm, &dd);
	*y = (int)yy;
	*m = (int)mm;
	*d = (int)dd;
}

int date_weekday(day_t day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int64_t w = ((int64_t)day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

/* Reads exactly len ASCII digits; false on anything else. */
static bool digits(const char *s, size_t len, int *v)
{
	int r = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		r = r * 10 + (s[i] - '0');
	}
	*v = r;
	return true;
}

bool date_parse(const char *s, size_t n, day_t *out)
{
	int y, m, d;
	if (s == NULL)
		return false;
	if (n == 10 && s[4] == '-' && s[7] == '-') {
		if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
			return false;
	} else {
		/* D.M.YYYY, DD.M.YYYY, D.MM.YYYY, DD.MM.YYYY */
		size_t dot1 = 0, dot2 = 0;
		while (dot1 < n && dot1 < 3 && s[dot1] != '.')
			dot1++;
		if (dot1 < 1 || dot1 > 2 || dot1 >= n || s[dot1] != '.')
			return false;
		dot2 = dot1 + 1;
		while (dot2 < n && dot2 < dot1 + 4 && s[dot2] != '.')
			dot2++;
		if (dot2 - dot1 - 1 < 1 || dot2 - dot1 - 1 > 2 || dot2 >= n || s[dot2] != '.')
			return false;
		if (n - dot2 - 1 != 4)
			return false;
		if (!digits(s, dot1, &d) || !digits(s + dot1 + 1, dot2 - dot1 - 1, &m) ||
		    !digits(s + dot2 + 1, 4, &y))
			return false;
	}
	if (y < 1800 || y > 2200 || !date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

static void put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

/* Years outside 0000..9999 do not fit the fixed width; they print as '?'. */
static void put4(char *p, int v)
{
	if (v < 0 || v > 9999) {
		p[0] = p[1] = p[2] = p[3] = '?';
		return;
	}
	put2(p, v / 100);
	put2(p + 2, v % 100);
}

void date_format_iso(day_t day, char out[11])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	put4(out, y);
	out[4] = '-';
	put2(out + 5, m);
	out[7] = '-';
	put2(out + 8, d);
	out[10] = '\0';
}

void date_format_de(day_t day, char out[11])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	put2(out, d);
	out[2] = '.';
	put2(out + 3, m);
	out[5] = '.';
	put4(out + 6, y);
	out[10] = '\0';
}

static day_t clamped(int64_t y, int64_t m, int64_t d)
{
	int64_t len = date_days_in_month((int)(y % 400), (int)m); /* leap rule repeats every 400 years */
	if (d > len)
		d = len;
	return (day_t)days_from_civil(y, m, d);
}

day_t date_add_years(day_t day, int years)
{
	int64_t y, m, d;
	civil_from_days(day, &y, &m, &d);
	return clamped(y + years, m, d);
}

day_t date_add_months(day_t day, int months)
{
	int64_t y, m, d;
	civil_from_days(day, &y, &m, &d);
	int64_t t  = y * 12 + (m - 1) + months;
	int64_t ny = (t >= 0 ? t : t - 11) / 12;
	return clamped(ny, t - ny * 12 + 1, d);
}
