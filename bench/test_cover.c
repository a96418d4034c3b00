/*
 * test_cover.c - unit tests for the benchmark's finding counter: if it miscounts, every engine
 * comparison in bench/results is wrong in the same way and nobody notices. SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cover.h"

static void touching_and_overlapping_merge(void **state)
{
	bench_cover c;
	assert_int_equal(bench_cover_init(&c, 2), 0);
	assert_int_equal(bench_cover_add(&c, 0, 0, 4), 0);
	assert_int_equal(bench_cover_add(&c, 0, 4, 9), 0);  /* touches: same finding */
	assert_int_equal(bench_cover_add(&c, 0, 2, 3), 0);  /* inside */
	assert_int_equal(bench_cover_add(&c, 0, 10, 12), 0); /* gap of one byte: new finding */
	assert_int_equal(bench_cover_add(&c, 1, 0, 4), 0);  /* other class: counted apart */
	bench_count per[2];
	bench_count all = bench_cover_finish(&c, per);
	assert_int_equal(all.findings, 3);
	assert_int_equal(all.covered, 9 + 2 + 4);
	assert_int_equal(per[0].findings, 2);
	assert_int_equal(per[0].covered, 11);
	assert_int_equal(per[1].findings, 1);
	bench_cover_free(&c);
}

/* Multi-pattern engines may report a longer match after a shorter, later one. */
static void out_of_order_spans(void **state)
{
	bench_cover c;
	assert_int_equal(bench_cover_init(&c, 1), 0);
	assert_int_equal(bench_cover_add(&c, 0, 20, 25), 0);
	assert_int_equal(bench_cover_add(&c, 0, 0, 5), 0);
	assert_int_equal(bench_cover_add(&c, 0, 30, 31), 0);
	assert_int_equal(bench_cover_add(&c, 0, 4, 21), 0); /* bridges [0,5) and [20,25) */
	bench_count n = bench_cover_finish(&c, NULL);
	assert_int_equal(n.findings, 2);
	assert_int_equal(n.covered, 25 + 1);
	bench_cover_reset(&c);
	assert_int_equal(bench_cover_finish(&c, NULL).findings, 0);
	bench_cover_free(&c);
}

static void empty_spans_ends_and_bad_class(void **state)
{
	bench_cover c;
	assert_int_equal(bench_cover_init(&c, 1), 0);
	assert_int_equal(bench_cover_add(&c, 0, 7, 7), 0);
	assert_int_equal(bench_cover_finish(&c, NULL).findings, 0);
	assert_int_equal(bench_cover_add_end(&c, 0), 0);
	assert_int_equal(bench_cover_add_end(&c, 0), 0);
	bench_count n = bench_cover_finish(&c, NULL);
	assert_int_equal(n.findings, 2);
	assert_int_equal(n.covered, 0);
	assert_int_equal(bench_cover_add(&c, 1, 0, 1), -1);
	assert_int_equal(bench_cover_add_end(&c, 1), -1);
	bench_cover_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(touching_and_overlapping_merge),
		cmocka_unit_test(out_of_order_spans),
		cmocka_unit_test(empty_spans_ends_and_bad_class),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
