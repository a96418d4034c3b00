/*
 * test_automata.c - the automata stages on their own: subset construction, Hopcroft minimization,
 * products and the state budget. The skeleton differential (re2c's idea) runs the unminimized and
 * the minimized automaton side by side on random inputs: they must report the same ends.
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "dfa.h"
#include "support.h"

typedef struct ends {
	uint32_t cls[256];
	size_t at[256];
	size_t n;
} ends;

static void record(void *ctx, uint32_t cls, size_t end)
{
	ends *e = ctx;
	if (e->n < 256) {
		e->cls[e->n] = cls;
		e->at[e->n] = end;
	}
	e->n++;
}

/* Builds the unanchored DFA of the given patterns (class i = pattern i), unminimized. */
static void build(slc_dfa *d, const char *const *pats, uint32_t n, int reverse, slc_arena *a)
{
	slc_nfa nfa = { 0 };
	for (uint32_t i = 0; i < n; i++) {
		slc_rx_error err;
		slc_rx *rx = slc_rx_parse(a, pats[i], strlen(pats[i]), &err);
		assert_non_null(rx);
		assert_true(slc_nfa_add(&nfa, rx, i, reverse));
	}
	assert_int_equal(slc_dfa_build(d, &nfa, reverse, 100000), SLC_DFA_OK);
	slc_nfa_free(&nfa);
}

static uint32_t minimized_states(const char *pattern)
{
	slc_arena a = { 0 };
	slc_dfa d;
	build(&d, &pattern, 1, 0, &a);
	assert_int_equal(slc_dfa_minimize(&d), SLC_DFA_OK);
	uint32_t n = d.nstates;
	slc_dfa_free(&d);
	slc_arena_free(&a);
	return n;
}

static void equivalent_patterns_minimize_alike(void **state)
{
	(void)state;
	assert_int_equal(minimized_states("(a|b)*abb"), minimized_states("[ab]*a(b)(bb{0})"));
	assert_int_equal(minimized_states("a|a|a"), minimized_states("a"));
	assert_int_equal(minimized_states("x{3}"), minimized_states("xxx"));
	/*
	 * abc: dead, start, "a", "ab", "abc" (match pending), the end-of-input sink that reports it,
	 * and the two states that report it on the next byte (that byte begins "a", or not): 8.
	 */
	assert_int_equal(minimized_states("abc"), 8);
}

static void minimization_is_idempotent_and_exact(void **state)
{
	(void)state;
	static const char *const sets[][3] = {
		{ "\\bfoo\\b", "[a-z]+@[a-z]+\\.io", "(?m)^k=\\d{2,4}$" },
		{ "a[^b]{0,3}b", "(ab|ba)+", "\\B[0-9]" },
		{ "(?i)secret", "x*y", "\\Aq|q\\z" },
	};
	slt_rng r = slt_seed(3, 4);
	for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
		slc_arena a = { 0 };
		slc_dfa raw, min;
		build(&raw, sets[s], 3, 0, &a);
		build(&min, sets[s], 3, 0, &a);
		assert_int_equal(slc_dfa_minimize(&min), SLC_DFA_OK);
		assert_true(min.nstates <= raw.nstates);
		uint32_t once = min.nstates;
		assert_int_equal(slc_dfa_minimize(&min), SLC_DFA_OK);
		assert_int_equal(min.nstates, once);
		static const char alphabet[] = "abfoxyqsecrtk=0123\n.@ ioSECRET";
		for (int t = 0; t < 2000; t++) {
			uint8_t text[40];
			size_t len = slt_below(&r, sizeof text);
			for (size_t i = 0; i < len; i++)
				text[i] = (uint8_t)alphabet[slt_below(&r, sizeof alphabet - 1)];
			ends e1 = { .n = 0 }, e2 = { .n = 0 };
			slc_dfa_run(&raw, text, len, record, &e1);
			slc_dfa_run(&min, text, len, record, &e2);
			assert_int_equal(e1.n, e2.n);
			for (size_t i = 0; i < e1.n && i < 256; i++) {
				assert_int_equal(e1.cls[i], e2.cls[i]);
				assert_int_equal(e1.at[i], e2.at[i]);
			}
		}
		slc_dfa_free(&raw);
		slc_dfa_free(&min);
		slc_arena_free(&a);
	}
}

static void union_reports_both(void **state)
{
	(void)state;
	slc_arena a = { 0 };
	const char *p0 = "cat", *p1 = "at\\b";
	slc_nfa n0 = { 0 }, n1 = { 0 };
	slc_rx_error err;
	assert_true(slc_nfa_add(&n0, slc_rx_parse(&a, p0, 3, &err), 0, 0));
	assert_true(slc_nfa_add(&n1, slc_rx_parse(&a, p1, 4, &err), 1, 0));
	slc_dfa d0, d1, u;
	assert_int_equal(slc_dfa_build(&d0, &n0, 0, 1000), SLC_DFA_OK);
	assert_int_equal(slc_dfa_build(&d1, &n1, 0, 1000), SLC_DFA_OK);
	assert_int_equal(slc_dfa_minimize(&d0), SLC_DFA_OK);
	assert_int_equal(slc_dfa_minimize(&d1), SLC_DFA_OK);
	assert_int_equal(slc_dfa_union(&u, &d0, &d1, 1000), SLC_DFA_OK);
	assert_int_equal(slc_dfa_minimize(&u), SLC_DFA_OK);
	ends e = { .n = 0 };
	const char *text = "a cat sat, catx";
	slc_dfa_run(&u, (const uint8_t *)text, strlen(text), record, &e);
	/* cat ends at 5 and 14; at\b at 5 and 9 (not at 14: x follows) */
	assert_int_equal(e.n, 4);
	assert_int_equal(e.at[0], 5);
	assert_int_equal(e.at[1], 5);
	assert_true(e.cls[0] != e.cls[1]);
	assert_int_equal(e.at[2], 9);
	assert_int_equal(e.cls[2], 1);
	assert_int_equal(e.at[3], 14);
	assert_int_equal(e.cls[3], 0);
	/* a product over the budget says so */
	slc_dfa small;
	assert_int_equal(slc_dfa_union(&small, &d0, &d1, 2), SLC_DFA_TOO_BIG);
	slc_dfa_free(&d0);
	slc_dfa_free(&d1);
	slc_dfa_free(&u);
	slc_nfa_free(&n0);
	slc_nfa_free(&n1);
	slc_arena_free(&a);
}

static void budget_is_enforced(void **state)
{
	(void)state;
	/* the classic exponential: the nth byte from the end must be 1 */
	slc_arena a = { 0 };
	slc_nfa nfa = { 0 };
	slc_rx_error err;
	const char *p = "[01]*1[01]{14}";
	assert_true(slc_nfa_add(&nfa, slc_rx_parse(&a, p, strlen(p), &err), 0, 0));
	slc_dfa d;
	assert_int_equal(slc_dfa_build(&d, &nfa, 0, 5000), SLC_DFA_TOO_BIG);
	slc_nfa_free(&nfa);
	slc_arena_free(&a);
}

/*
 * Few states, huge state sets: before the work budget, twenty wide counters in a row ran the
 * reverse construction for minutes in gigabytes while staying under any state budget.
 */
static void work_budget_is_enforced(void **state)
{
	(void)state;
	slc_arena a = { 0 };
	slc_nfa nfa = { 0 };
	slc_rx_error err;
	char p[20 * 12 + 1] = "";
	for (int i = 0; i < 20; i++)
		strcat(p, "[ab]{0,1000}");
	assert_true(slc_nfa_add(&nfa, slc_rx_parse(&a, p, strlen(p), &err), 0, 1));
	slc_dfa d;
	assert_int_equal(slc_dfa_build(&d, &nfa, SLC_DFA_ANCHORED, 60000), SLC_DFA_TOO_COSTLY);
	slc_nfa_free(&nfa);
	slc_arena_free(&a);
}

static void empty_matches_are_not_reported(void **state)
{
	(void)state;
	slc_arena a = { 0 };
	slc_dfa d;
	const char *p = "x*";
	build(&d, &p, 1, 0, &a);
	ends e = { .n = 0 };
	slc_dfa_run(&d, (const uint8_t *)"axxb", 4, record, &e);
	assert_int_equal(e.n, 2); /* ends 2 and 3 only: [1,2), [1,3) */
	assert_int_equal(e.at[0], 2);
	assert_int_equal(e.at[1], 3);
	slc_dfa_free(&d);
	slc_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equivalent_patterns_minimize_alike),
		cmocka_unit_test(minimization_is_idempotent_and_exact),
		cmocka_unit_test(union_reports_both),
		cmocka_unit_test(budget_is_enforced),
		cmocka_unit_test(work_budget_is_enforced),
		cmocka_unit_test(empty_matches_are_not_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
