/*
 * test_regex.c - the regex front end: what parses, what it means (lengths, byte sets), and the
 * exact error messages (golden) for malformed and unsupported patterns. SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regex.h"

static slc_rx *parse(slc_arena *a, const char *p, slc_rx_error *err)
{
	return slc_rx_parse(a, p, strlen(p), err);
}

static void golden_errors(void **state)
{
	(void)state;
	static const struct {
		const char *pattern, *message;
	} cases[] = {
		{ "abc)def", "unbalanced ')' at offset 3" },
		{ "(abc", "missing ')' at offset 0" },
		{ "a(?:b|c", "missing ')' at offset 1" },
		{ "[abc", "missing ']' for character class at offset 0" },
		{ "*a", "missing argument to repetition operator '*' at offset 0" },
		{ "a|+", "missing argument to repetition operator '+' at offset 2" },
		{ "a**", "bad repetition operator '**' at offset 1" },
		{ "a{2}{3}", "bad repetition operator '{2}{3}' at offset 1" },
		{ "a{1001}", "bad repetition count '{1001}' (counts go up to 1000, min <= max) at offset 1" },
		{ "a{3,2}", "bad repetition count '{3,2}' (counts go up to 1000, min <= max) at offset 1" },
		/* nested counts multiply (RE2's RepetitionWalker); each of these hung the compiler in gigabytes */
		{ "(a{100}){100}", "invalid repetition size '{100}' (nested counts multiply to more than 1000, as in RE2) at offset 8" },
		{ "((a{0,1000}){0,1000})", "invalid repetition size '{0,1000}' (nested counts multiply to more than 1000, as in RE2) at offset 12" },
		{ "(a{2}b{3}){334}?", "invalid repetition size '{334}' (nested counts multiply to more than 1000, as in RE2) at offset 10" },
		{ "(a{2,}){501}", "invalid repetition size '{501}' (nested counts multiply to more than 1000, as in RE2) at offset 7" },
		{ "(a)\\1", "backreferences are not supported (\\1) at offset 3" },
		{ "(?=a)", "look-around is not supported ((?=) at offset 0" },
		{ "(?<!a)b", "look-around is not supported ((?<!) at offset 0" },
		{ "\\p{Greek}", "Unicode classes are not supported (\\p); patterns match bytes at offset 0" },
		{ "[z-a]", "invalid character class range 'z-a' at offset 1" },
		{ "[[:alpah:]]", "invalid character class name '[:alpah:]' at offset 1" },
		{ "\\q", "invalid escape sequence '\\q' at offset 0" },
		{ "ab\\", "trailing backslash at offset 2" },
		{ "\\x{100}", "\\x{100} is above 0xff; patterns match bytes, write UTF-8 bytes at offset 0" },
		{ "(?z)", "invalid or unsupported Perl syntax '(?z' at offset 0" },
		{ "[a-\\d]", "bad character class range (a class cannot end a range) at offset 3" },
		{ "\\Z", "invalid escape sequence '\\Z' at offset 0" },
	};
	int failures = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		slc_arena a = { 0 };
		slc_rx_error err;
		slc_rx *rx = parse(&a, cases[i].pattern, &err);
		if (rx || strcmp(err.msg, cases[i].message)) {
			fprintf(stderr, "/%s/: got \"%s\", want \"%s\"\n", cases[i].pattern, rx ? "(parsed)" : err.msg,
				cases[i].message);
			failures++;
		}
		slc_arena_free(&a);
	}
	assert_int_equal(failures, 0);
}

static void accepts_re2_syntax(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"", "a|", "()", "(?i)abc", "(?i:a)b", "(?s).", "(?m)^a$", "(?-i)a", "(?is-m:a)", "\\Aa\\z", "\\bx\\B",
		"[]a]", "[^]a]", "[a-]", "[-a]", "[[:alpha:][:digit:]]", "[[:^space:]]", "\\d\\D\\w\\W\\s\\S",
		"\\x41\\x{42}\\101\\0", "\\Qa.b*\\E", "a{,3}", "a{", "x{2,}", "x{2,5}?", "x*?", "(?P<name>a)", "(?<n>b)",
		"\\.\\-\\/\\!", "\xc3\xa9", "[\\n\\t\\x00-\\x1f]", "a{0}", "(a*)*", "(?U)a+",
		"(a{10}){100}", "((a{2}){2}){250}", "(a{2}b{3}){333}", "(a{2,}){500}", "(a*){1000}", "(a{1000})?",
		"(a{0}){1000}",
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		slc_arena a = { 0 };
		slc_rx_error err;
		slc_rx *rx = parse(&a, ok[i], &err);
		if (!rx)
			fprintf(stderr, "/%s/: %s\n", ok[i], err.msg);
		assert_non_null(rx);
		slc_arena_free(&a);
	}
}

static void lengths(void **state)
{
	(void)state;
	static const struct {
		const char *p;
		uint32_t min, max;
	} cases[] = {
		{ "abc", 3, 3 }, { "a{2,5}", 2, 5 }, { "a|bcd", 1, 3 }, { "a*", 0, SLC_LEN_INF }, { "\\bab$", 2, 2 },
		{ "(ab){3}", 6, 6 }, { "x(?:y|)z", 2, 3 }, { "\xc3\xa9", 2, 2 }, { "(a{0,10}){100}", 0, 1000 },
		{ "a{1000}(b{0,1000}|c+)", 1000, SLC_LEN_INF }, { "a{1000}b{0,1000}", 1000, 2000 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		slc_arena a = { 0 };
		slc_rx_error err;
		slc_rx *rx = parse(&a, cases[i].p, &err);
		assert_non_null(rx);
		assert_int_equal(slc_rx_min_len(rx), cases[i].min);
		assert_int_equal(slc_rx_max_len(rx), cases[i].max);
		slc_arena_free(&a);
	}
}

/* The byte set of a single-atom pattern. */
static slc_byteset set_of(const char *p)
{
	slc_arena a = { 0 };
	slc_rx_error err;
	slc_rx *rx = parse(&a, p, &err);
	assert_non_null(rx);
	assert_int_equal(rx->kind, SLC_RX_SET);
	slc_byteset s = rx->u.set;
	slc_arena_free(&a);
	return s;
}

static void byte_semantics(void **state)
{
	(void)state;
	slc_byteset dot = set_of("."), dots = set_of("(?s:.)"), s = set_of("\\s"), fold = set_of("(?i)k");
	assert_false(slc_byteset_has(&dot, '\n'));
	assert_true(slc_byteset_has(&dot, 0xff));
	assert_true(slc_byteset_has(&dots, '\n'));
	assert_false(slc_byteset_has(&s, '\v')); /* RE2's \s has no \v */
	assert_true(slc_byteset_has(&s, '\f'));
	assert_true(slc_byteset_has(&fold, 'K'));
	assert_false(slc_byteset_has(&fold, 0xc0)); /* ASCII folding only */
	slc_byteset neg = set_of("(?i)[^a]");
	assert_false(slc_byteset_has(&neg, 'A'));
	assert_true(slc_byteset_has(&neg, '\n'));
	slc_byteset posix = set_of("[[:punct:]]");
	assert_true(slc_byteset_has(&posix, '!') && slc_byteset_has(&posix, '~') && !slc_byteset_has(&posix, 'a'));
}

/* Random bytes never crash or hang the parser, and every answer is a tree or a message. */
static void random_input_is_safe(void **state)
{
	(void)state;
	uint64_t x = 88172645463325252ull;
	static const char alphabet[] = "()[]{}|*+?\\^$.-:,=!<>PpQEdwsbBAzx0123456789aAiUms ";
	for (int i = 0; i < 20000; i++) {
		char p[40];
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		size_t n = x % sizeof p;
		for (size_t k = 0; k < n; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			p[k] = (x >> 60) < 2 ? (char)(x >> 8) : alphabet[(x >> 8) % (sizeof alphabet - 1)];
		}
		slc_arena a = { 0 };
		slc_rx_error err;
		slc_rx *rx = slc_rx_parse(&a, p, n, &err);
		assert_true(rx != NULL || err.msg[0] != 0);
		slc_arena_free(&a);
	}
}

static void deep_nesting_is_an_error(void **state)
{
	(void)state;
	char *p = malloc(20001);
	memset(p, '(', 10000);
	memset(p + 10000, ')', 10000);
	p[20000] = 0;
	slc_arena a = { 0 };
	slc_rx_error err;
	assert_null(parse(&a, p, &err));
	assert_string_equal(err.msg, "nesting deeper than 250 at offset 250");
	slc_arena_free(&a);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(golden_errors),
		cmocka_unit_test(accepts_re2_syntax),
		cmocka_unit_test(lengths),
		cmocka_unit_test(byte_semantics),
		cmocka_unit_test(random_input_is_safe),
		cmocka_unit_test(deep_nesting_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
