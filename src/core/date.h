/*
 * date.h — calendar dates as day numbers (proleptic Gregorian, day 0 =
 * 1970-01-01).  Pure: no I/O, no allocation, no time zones.  Legal dates
 * (birthdays, entry dates, Vollendung des Lebensjahres) are computed on these.
 */
#ifndef OPENBAV_DATE_H
#define OPENBAV_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t day_t; /* days since 1970-01-01; negative before */

day_t date_from_ymd(int y, int m, int d); /* caller guarantees validity */
bool  date_valid_ymd(int y, int m, int d);
void  date_to_ymd(day_t day, int *y, int *m, int *d);
int   date_weekday(day_t day); /* 0 = Monday … 6 = Sunday */
bool  date_is_leap(int y);
int   date_days_in_month(int y, int m); /* 0 for a month outside 1..12 */

/* Accepts exactly "YYYY-MM-DD" or "DD.MM.YYYY" (also "D.M.YYYY"), years
 * 1800..2200, real calendar dates only.  *out is untouched on failure. */
bool date_parse(const char *s, size_t n, day_t *out);

void date_format_iso(day_t day, char out[11]); /* YYYY-MM-DD */
void date_format_de(day_t day, char out[11]);  /* DD.MM.YYYY */

day_t date_add_years(day_t day, int years);   /* 29 Feb → 28 Feb in non-leap target years */
day_t date_add_months(day_t day, int months); /* clamps to the month's last day */

#endif
