/*
 * gen_employees.c — writes N employees as a semicolon CSV (the import's
 * English headers) with valid check digits, for the import benchmark.
 *
 *   gen_employees N > file.csv
 */
#include <stdio.h>
#include <stdlib.h>

#include "app/demo.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
	if (n < 1 || n > 5000000) {
		fputs("usage: gen_employees N (1..5000000)\n", stderr);
		return 2;
	}
	static const char *const last[]  = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
	                                    "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch"};
	static const char *const first[] = {"Anna", "Jonas", "Lena", "Paul", "Marie", "Felix", "Sophie", "Lukas"};
	puts("personnel_number;last_name;first_name;birth_date;entry_date;exit_date;email;iban;svnr;steuer_id;"
	     "tax_class;monthly_gross");
	for (long i = 1; i <= n; i++) {
		unsigned s = (unsigned)i * 2654435761u;
		int      y = 1960 + (int)(s % 40), m = 1 + (int)(s / 40 % 12), d = 1 + (int)(s / 480 % 28);
		char     iban[23], svnr[13], tid[12];
		demo_iban((unsigned)i, iban);
		demo_svnr((unsigned)i, y, m, d, last[s % 12][0], i % 2, svnr);
		demo_steuer_id((unsigned)i, tid);
		printf("B%07ld;%s;%s;%02d.%02d.%04d;%04d-%02d-01;;p%ld@example.test;%s;%s;%s;%d;%u,%02u\n", i,
		       last[s % 12], first[s / 12 % 8], d, m, y, y + 20 + (int)(s % 10), 1 + (int)(s % 12), i, iban,
		       svnr, tid, 1 + (int)(s % 5), 2000 + s % 6000, s % 100);
	}
	return ferror(stdout) ? 1 : 0;
}
