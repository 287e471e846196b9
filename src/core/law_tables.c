/*
 * law_tables.c — the year table of legal parameters (DOMAIN.md § 5.1, § 6.3).
 * Owns only data and the lookup.  Must never interpolate, extrapolate or
 * return a row for a year it does not hold; no I/O, no allocation, no floats.
 *
 * Sources: BBG and Bezugsgröße from gettsim parameter files with their BGBl
 * references [S45][S46], SGB VI Anlage 2a (BBG Ost) [S47], Bezugsgröße
 * 2005–2016 [S48], 2005 = 2004 (SV-RechengrößenV 2005) [S49], 2024 [S50],
 * 2025 (V. v. 25.11.2024, BGBl. 2024 I Nr. 365) [S45][S46], 2026 (BGBl. 2025 I
 * Nr. 278) [S51][S52].  PSV rates by Beitragsjahr: 1992–2010 [SEED4][S57],
 * 2011–2020 [S57][S58], 2021 [S59], 2022–2023 [S60][S61], 2024 [S62], 2025
 * [S63]; 2026 not yet fixed.  PK rates: 2021 3,0 ‰ only [S59][S56]; 2022–2025
 * the general rate + 1,5 ‰ [S60][S56][S63].
 */
#include "core/law_tables.h"

#include <stddef.h>

#define EUR(x) ((int64_t)(x) * 100)
/* year, BBG West, BBG Ost, BZG West, BZG Ost (annual €), unified, from_dm, psv known, psv ‰×1000, pk known, pk ‰×1000 */
static const struct law_year rows[] = {
	/* 2001: 104.400 DM / 87.600 DM / 53.760 DM / 45.360 DM, converted at 1,95583 and rounded
	 * half-up to the cent (DERIVED); § 1a, § 3 Nr. 63 and § 3 Abs. 2 n.F. do not exist yet. */
	{2001, 5337887, 4478917, 2748705, 2319220, false, true, true, 2500, false, 0},
	{2002, EUR(54000), EUR(45000), EUR(28140), EUR(23520), false, false, true, 4500, false, 0}, /* PSV 4,5 */
	{2003, EUR(61200), EUR(51000), EUR(28560), EUR(23940), false, false, true, 4400, false, 0}, /* PSV 4,4 */
	{2004, EUR(61800), EUR(52200), EUR(28980), EUR(24360), false, false, true, 3600, false, 0}, /* PSV 3,6 */
	{2005, EUR(62400), EUR(52800), EUR(28980), EUR(24360), false, false, true, 4900, false, 0}, /* BZG = 2004 [S49]; PSV 4,9 */
	{2006, EUR(63000), EUR(52800), EUR(29400), EUR(24780), false, false, true, 3100, false, 0}, /* PSV 3,1 (+ § 30i 8,66 on 2004 base) */
	{2007, EUR(63000), EUR(54600), EUR(29400), EUR(25200), false, false, true, 3000, false, 0}, /* PSV 3,0 */
	{2008, EUR(63600), EUR(54000), EUR(29820), EUR(25200), false, false, true, 1800, false, 0}, /* PSV 1,8 */
	{2009, EUR(64800), EUR(54600), EUR(30240), EUR(25620), false, false, true, 14200, false, 0}, /* PSV 14,2 */
	{2010, EUR(66000), EUR(55800), EUR(30660), EUR(26040), false, false, true, 1900, false, 0}, /* PSV 1,9 */
	{2011, EUR(66000), EUR(57600), EUR(30660), EUR(26880), false, false, true, 1900, false, 0}, /* seed 2011: 2.555/2.240 monthly [SEED4] */
	{2012, EUR(67200), EUR(57600), EUR(31500), EUR(26880), false, false, true, 3000, false, 0}, /* [S48] prints 31.400: arithmetic error */
	{2013, EUR(69600), EUR(58800), EUR(32340), EUR(27300), false, false, true, 1700, false, 0},
	{2014, EUR(71400), EUR(60000), EUR(33180), EUR(28140), false, false, true, 1300, false, 0},
	{2015, EUR(72600), EUR(62400), EUR(34020), EUR(28980), false, false, true, 2400, false, 0},
	{2016, EUR(74400), EUR(64800), EUR(34860), EUR(30240), false, false, true, 0, false, 0},    /* PSV 0,0 */
	{2017, EUR(76200), EUR(68400), EUR(35700), EUR(31920), false, false, true, 2000, false, 0},
	{2018, EUR(78000), EUR(69600), EUR(36540), EUR(32340), false, false, true, 2100, false, 0}, /* seed prints 2,0 = 2017 */
	{2019, EUR(80400), EUR(73800), EUR(37380), EUR(34440), false, false, true, 3100, false, 0}, /* [S58] */
	{2020, EUR(82800), EUR(77400), EUR(38220), EUR(36120), false, false, true, 4200, false, 0},
	{2021, EUR(85200), EUR(80400), EUR(39480), EUR(37380), false, false, true, 600, true, 3000},   /* [S59]; PK 3,0 only */
	{2022, EUR(84600), EUR(81000), EUR(39480), EUR(37800), false, false, true, 1800, true, 3300},  /* [S60]; PK +1,5 */
	{2023, EUR(87600), EUR(85200), EUR(40740), EUR(39480), false, false, true, 1900, true, 3400},  /* [S60][S61] */
	{2024, EUR(90600), EUR(89400), EUR(42420), EUR(41580), false, false, true, 400, true, 1900},   /* [S50][S62] */
	{2025, EUR(96600), EUR(96600), EUR(44940), EUR(44940), true, false, true, 1200, true, 2700},   /* unified; [S63] last PK surcharge */
	{2026, EUR(101400), EUR(101400), EUR(47460), EUR(47460), true, false, false, 0, false, 0},     /* [S51][S52]; PSV 2026 not fixed */
};

_Static_assert(sizeof rows / sizeof *rows == LAW_LAST_YEAR - LAW_FIRST_YEAR + 1, "one row per year");

const struct law_year *law_year(int year)
{
	if (year < LAW_FIRST_YEAR || year > LAW_LAST_YEAR)
		return NULL;
	const struct law_year *r = &rows[year - LAW_FIRST_YEAR];
	return r->year == year ? r : NULL;
}
