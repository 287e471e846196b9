/*
 * vesting_bench.c — evaluations per second of vest_compute (§ 1b, § 30f)
 * over 1,000,000 generated commitments: all eras, all three financings,
 * all five vehicles, both readings, with exit dates; trail NULL (bulk path).
 * Target: more than 5 million evaluations per second on one core.
 *
 *   gcc -O2 -std=c17 -Isrc -o build/vesting_bench bench/vesting_bench.c \
 *       src/core/vesting.c src/core/date.c src/core/explain.c src/core/law_tables.c
 *   build/vesting_bench [rounds]
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under plain -std=c17 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/vesting.h"

enum { N = 1000000 };

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int                rounds = argc > 1 ? atoi(argv[1]) : 5;
	struct vest_input *in     = malloc(sizeof *in * N);
	if (!in)
		return 1;
	day_t lo   = date_from_ymd(1940, 1, 1);
	int   eras[4] = {0};
	for (int i = 0; i < N; i++) {
		struct vest_input *v = &in[i];
		*v                   = (struct vest_input){0};
		v->birth             = lo + (day_t)rnd(60 * 365);
		v->service_start     = v->birth + 16 * 365 + (day_t)rnd(35 * 365);
		v->commitment_start  = v->service_start + (day_t)rnd(8 * 365) - 90;
		v->vehicle           = (enum vest_vehicle)rnd(5);
		v->financing         = (enum vest_financing)rnd(3);
		v->reading           = (enum vest_reading)rnd(2);
		v->boundary          = (enum vest_boundary)rnd(2);
		day_t z = v->commitment_start > v->service_start ? v->commitment_start : v->service_start;
		v->has_exit          = rnd(4) != 0;
		v->exit              = z + (day_t)rnd(25 * 365);
		if (v->exit < 1816)
			v->exit = 1816;
		eras[z < 11323 ? 0 : z < 14245 ? 1 : z < 17532 ? 2 : 3]++;
	}
	printf("vesting_bench: %d commitments (eras: before 2001 %d, 2001–08 %d, 2009–17 %d, 2018+ %d)\n", N,
	       eras[0], eras[1], eras[2], eras[3]);
	double best = 0;
	for (int r = 0; r < rounds; r++) {
		uint64_t vested = 0, sum = 0;
		double   t0     = now();
		for (int i = 0; i < N; i++) {
			struct vest_result res;
			if (vest_compute(&in[i], &res, NULL) == VEST_OK) {
				vested += res.vested_at_exit;
				sum += (uint64_t)(uint32_t)res.vested_on;
			}
		}
		double dt   = now() - t0;
		double rate = N / dt;
		if (rate > best)
			best = rate;
		printf("  round %d: %.3f s, %.2f million evaluations/s (vested at exit: %llu, checksum %llu)\n", r + 1, dt,
		       rate / 1e6, (unsigned long long)vested, (unsigned long long)sum);
	}
	printf("best: %.2f million evaluations/s — target > 5 million/s: %s\n", best / 1e6,
	       best > 5e6 ? "MET" : "NOT MET");
	free(in);
	return 0;
}
