/*
 * test_lint_yaml.c - the YAML front end: exact 1-based line/col (multi-document streams, UTF-8
 * columns in bytes), anchors, aliases and merge keys, the alias-bomb limit, recursive aliases and
 * malformed input becoming a parse finding.
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <time.h>

#include "../../lint/yaml.h"
#include "lint_test.h"

/* Line index as slint_check_file builds it. */
static size_t *index_lines(const char *s, size_t *n)
{
	size_t len = strlen(s), count = 1;
	for (size_t i = 0; i < len; i++)
		count += s[i] == '\n';
	size_t *lines = malloc(count * sizeof *lines);
	*n = 0;
	lines[(*n)++] = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n')
			lines[(*n)++] = i + 1;
	return lines;
}

static int load(slint_yaml *y, const char *s)
{
	size_t n;
	size_t *lines = index_lines(s, &n);
	int rc = slint_yaml_load(y, s, strlen(s), lines, n);
	free(lines);
	return rc;
}

static void multi_document_positions(void **state)
{
	(void)state;
	lt_run r;
	assert_int_equal(lt_open(&r), 0);
	lt_buffer(&r, "m.yaml", "a: 1\n---\n# doc 2\nb:\n  url: http://x.acme-corp.io/\n---\nc:   \"é\"\nLOG_LEVEL: debug\n");
	lt_finish(&r);
	assert_int_equal(lt_count(&r, "m.yaml", 5, "tls-plaintext-url"), 1);
	for (size_t i = 0; i < r.ctx.findings.count; i++) {
		const slint_finding *f = &r.ctx.findings.items[i];
		if (strcmp(f->rule, "tls-plaintext-url") == 0)
			assert_int_equal(f->loc.col, 8);
		if (strcmp(f->rule, "log-debug-level") == 0) {
			assert_int_equal(f->loc.line, 8);
			assert_int_equal(f->loc.col, 12);
		}
	}
	lt_close(&r);
}

/* libyaml counts columns in characters; sluice reports bytes. */
static void utf8_columns_are_bytes(void **state)
{
	(void)state;
	slint_yaml y;
	const char *s = "k: {\"é€\": 1, x: 2}\n";
	assert_int_equal(load(&y, s), 0);
	const slint_ynode *x = slint_yaml_get(slint_yaml_get(y.docs[0], "k"), "x");
	assert_non_null(x);
	assert_int_equal(x->start, (size_t)(strstr(s, "2}") - s));
	slint_yaml_free(&y);
}

static void merge_keys_and_aliases(void **state)
{
	(void)state;
	slint_yaml y;
	assert_int_equal(load(&y, "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nl: [*b, *b]\n"), 0);
	const slint_ynode *m = slint_yaml_get(y.docs[0], "m");
	assert_non_null(m);
	assert_string_equal(slint_yaml_get(m, "x")->value, "1"); /* merged */
	assert_string_equal(slint_yaml_get(m, "y")->value, "3"); /* own key wins */
	assert_null(slint_yaml_get(m, "<<"));
	assert_string_equal(slint_yaml_path(y.docs[0], "l") ? "ok" : "no", "ok");
	slint_yaml_free(&y);
}

static void alias_bomb_is_stopped(void **state)
{
	(void)state;
	const char *bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
			   "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
			   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
			   "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
			   "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
			   "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
			   "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
			   "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
			   "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	clock_t t0 = clock();
	slint_yaml y;
	assert_int_equal(load(&y, bomb), -1);
	assert_non_null(strstr(y.msg, "alias"));
	slint_yaml_free(&y);
	lt_run r;
	assert_int_equal(lt_open(&r), 0);
	lt_buffer(&r, "bomb.yaml", bomb);
	lt_finish(&r);
	assert_int_equal(lt_count(&r, "bomb.yaml", 0, "parse-error"), 1);
	lt_close(&r);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
}

static void recursive_alias_rejected(void **state)
{
	(void)state;
	slint_yaml y;
	assert_int_equal(load(&y, "a: &a [1, *a]\n"), -1);
	slint_yaml_free(&y);
	assert_int_equal(load(&y, "a: *nope\n"), -1);
	slint_yaml_free(&y);
}

static void malformed_is_a_finding(void **state)
{
	(void)state;
	lt_run r;
	assert_int_equal(lt_open(&r), 0);
	lt_buffer(&r, "bad.yaml", "ok: 1\nkey: [unclosed\nnext: http://x.acme-corp.io/\n");
	lt_buffer(&r, "good.yaml", "u: http://y.acme-corp.io/\n");
	lt_buffer(&r, "bad.json", "{\"a\": \n");
	lt_buffer(&r, "tabs.json", "{\n\t\"u\": \"http://z.acme-corp.io/\"\n}\n");
	lt_finish(&r);
	assert_int_equal(lt_count(&r, "bad.yaml", 0, "parse-error"), 1);
	assert_int_equal(lt_count(&r, "good.yaml", 1, "tls-plaintext-url"), 1);
	assert_int_equal(lt_count(&r, "bad.json", 0, "parse-error"), 1);
	assert_int_equal(lt_count(&r, "tabs.json", 2, "tls-plaintext-url"), 1);
	lt_close(&r);
}

static void helm_template_holes(void **state)
{
	(void)state;
	lt_run r;
	assert_int_equal(lt_open(&r), 0);
	lt_buffer(&r, "chart/templates/cm.yaml",
		"kind: ConfigMap\ndata:\n  A: \"http://{{ .Values.host }}/\"\n{{- if .Values.x }}\n  B: http://b.acme-corp.io/\n{{- end }}\n");
	lt_finish(&r);
	assert_int_equal(lt_count(&r, NULL, 3, NULL), 0);
	assert_int_equal(lt_count(&r, NULL, 5, "tls-plaintext-url"), 1);
	lt_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(multi_document_positions),
		cmocka_unit_test(utf8_columns_are_bytes),
		cmocka_unit_test(merge_keys_and_aliases),
		cmocka_unit_test(alias_bomb_is_stopped),
		cmocka_unit_test(recursive_alias_rejected),
		cmocka_unit_test(malformed_is_a_finding),
		cmocka_unit_test(helm_template_holes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
