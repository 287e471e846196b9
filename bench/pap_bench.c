/*
 * pap_bench.c — wage-tax computations per second on one core: the PAP 2026
 * (build/gen/pap2026.c) over 1,000,000 generated monthly cases — every tax
 * class, wages from 0 to 15.000 €, child allowances, Zusatzbeitrag, church,
 * Saxony, childless surcharge, PV child reductions, some private health
 * insurance — twice: through pap.h with the input variables looked up once
 * (the bulk path), and through wagetax_compute (names looked up per call).
 * Target: more than 1 million computations per second.  The rate is per
 * second of CPU time of this thread (other load on the machine does not
 * count); the wall-clock rate is printed beside it.
 *
 *   make build/bench/pap_bench && build/bench/pap_bench [rounds [cases]]
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under plain -std=c17 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "payroll/pap.h"
#include "payroll/wagetax.h"

enum { N = 1000000 };

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static double clock_s(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
static double cpu(void) { return clock_s(CLOCK_THREAD_CPUTIME_ID); }
static double wall(void) { return clock_s(CLOCK_MONOTONIC); }

int main(int argc, char **argv)
{
	int                rounds = argc > 1 ? atoi(argv[1]) : 5;
	int                n      = argc > 2 ? atoi(argv[2]) : N;
	struct wagetax_in *in     = n > 0 ? malloc(sizeof *in * (size_t)n) : NULL;
	if (!in)
		return 1;
	for (int i = 0; i < n; i++) {
		struct wagetax_in *w = &in[i];
		*w                   = (struct wagetax_in){.year = 2026, .period = WT_MONTH};
		w->gross_cents       = (int64_t)rnd(1500001);
		w->tax_class         = 1 + (int)rnd(6);
		w->child_allowances  = w->tax_class <= 4 ? 5 * (int)rnd(7) : 0;
		w->church            = rnd(3) == 0;
		w->kvz_bp            = 220 + 10 * (int)rnd(20);
		w->private_health    = rnd(10) == 0;
		w->pkpv_cents        = w->private_health ? 30000 + (int64_t)rnd(60000) : 0;
		w->pkpv_agz_cents    = w->private_health ? w->pkpv_cents / 2 : 0;
		w->saxony            = rnd(20) == 0;
		w->childless         = w->child_allowances == 0 && rnd(2);
		w->pva               = w->childless ? 0 : (int)rnd(3);
	}

	const struct pap_def *def = pap_find(2026);
	const char *names[]       = {"LZZ", "RE4", "STKL", "ZKF", "R", "KVZ", "PKV", "PKPV", "PKPVAGZ", "PVS", "PVZ", "PVA"};
	enum { NIN = sizeof names / sizeof *names };
	const struct pap_var *v[NIN];
	for (int k = 0; k < NIN; k++)
		if (!(v[k] = pap_input(def, names[k])))
			return fprintf(stderr, "no input %s\n", names[k]), 1;
	const struct pap_var *lst = pap_output(def, "LSTLZZ"), *solz = pap_output(def, "SOLZLZZ");

	printf("pap_bench: %d monthly cases, PAP %s (%s)\n", n, def->name, def->version);
	double best_pap = 0, best_wt = 0;
	for (int r = 0; r < rounds; r++) {
		static struct pap p;
		int64_t           sum = 0, errors = 0;
		double            t0 = cpu(), w0 = wall();
		for (int i = 0; i < n; i++) {
			const struct wagetax_in *w = &in[i];
			pap_start(&p, def);
			pap_set_var(&p, v[0], dec_from_long(w->period));
			pap_set_var(&p, v[1], dec_from_long(w->gross_cents));
			pap_set_var(&p, v[2], dec_from_long(w->tax_class));
			pap_set_var(&p, v[3], DEC(w->child_allowances, 1));
			pap_set_var(&p, v[4], dec_from_long(w->church));
			pap_set_var(&p, v[5], DEC(w->kvz_bp, 2));
			pap_set_var(&p, v[6], dec_from_long(w->private_health));
			pap_set_var(&p, v[7], dec_from_long(w->pkpv_cents));
			pap_set_var(&p, v[8], dec_from_long(w->pkpv_agz_cents));
			pap_set_var(&p, v[9], dec_from_long(w->saxony));
			pap_set_var(&p, v[10], dec_from_long(w->childless));
			pap_set_var(&p, v[11], dec_from_long(w->pva));
			if (pap_run(&p)) {
				errors++;
				continue;
			}
			int64_t a = 0, b = 0;
			dec_to_int64(pap_value(&p, lst), &a);
			dec_to_int64(pap_value(&p, solz), &b);
			sum += a + b;
		}
		double dt = cpu() - t0, rate = n / dt, wrate = n / (wall() - w0);
		if (rate > best_pap)
			best_pap = rate;
		printf("  round %d pap.h:     %.3f s CPU, %.2f million/s (wall clock %.2f million/s; errors %lld, checksum "
		       "%lld)\n",
		       r + 1, dt, rate / 1e6, wrate / 1e6, (long long)errors, (long long)sum);

		sum = errors = 0;
		t0           = cpu();
		w0           = wall();
		for (int i = 0; i < n; i++) {
			struct wagetax_out o;
			if (wagetax_compute(&in[i], &o)) {
				errors++;
				continue;
			}
			sum += o.lst_cents + o.solz_cents;
		}
		dt    = cpu() - t0;
		rate  = n / dt;
		wrate = n / (wall() - w0);
		if (rate > best_wt)
			best_wt = rate;
		printf("  round %d wagetax.h: %.3f s CPU, %.2f million/s (wall clock %.2f million/s; errors %lld, checksum "
		       "%lld)\n",
		       r + 1, dt, rate / 1e6, wrate / 1e6, (long long)errors, (long long)sum);
	}
	printf("best: %.2f million PAP computations/s (pap.h), %.2f million/s (wagetax_compute) — target > 1 million/s: "
	       "%s\n",
	       best_pap / 1e6, best_wt / 1e6, best_pap > 1e6 && best_wt > 1e6 ? "MET" : "NOT MET");
	free(in);
	return 0;
}
