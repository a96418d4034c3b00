/*
 * test_lint_rules.c - the rule fixtures: every expected finding of tests/fixtures/lint/rules is
 * reported at its exact line and column, and nothing else is (look-alikes: localhost and in-cluster
 * URLs, URLs in comments and docs, tls present, references instead of literals, dev overlays).
 * Precision and recall are computed and held to floors.
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "../../lint/output.h"
#include "lint_test.h"

#define FIXTURE "tests/fixtures/lint/rules"
#define PRECISION_FLOOR 0.98
#define RECALL_FLOOR 0.98

static void run_fixture(lt_run *r)
{
	assert_int_equal(lt_open(r), 0);
	slint_sink sink = lt_sink(r);
	assert_int_equal(slint_source_path(FIXTURE, &sink, r->err, sizeof r->err), 0);
	lt_finish(r);
}

static void precision_recall(void **state)
{
	(void)state;
	lt_run r;
	run_fixture(&r);
	FILE *f = fopen(FIXTURE ".expected", "r");
	assert_non_null(f);
	static char lines[256][160];
	int seen[256] = {0};
	size_t n = 0;
	while (n < 256 && fgets(lines[n], sizeof lines[n], f)) {
		lines[n][strcspn(lines[n], "\n")] = 0;
		if (lines[n][0])
			n++;
	}
	fclose(f);
	size_t tp = 0, reported = 0;
	for (size_t i = 0; i < r.ctx.findings.count; i++) {
		const slint_finding *fd = &r.ctx.findings.items[i];
		if (fd->suppressed)
			continue;
		reported++;
		char key[160];
		snprintf(key, sizeof key, "%s:%u:%u %s", fd->loc.file, fd->loc.line, fd->loc.col, fd->rule);
		size_t j = 0;
		while (j < n && strcmp(lines[j], key) != 0)
			j++;
		if (j < n && !seen[j]) {
			seen[j] = 1;
			tp++;
		} else {
			fprintf(stderr, "unexpected: %s\n", key);
		}
	}
	for (size_t j = 0; j < n; j++)
		if (!seen[j])
			fprintf(stderr, "missed: %s\n", lines[j]);
	double precision = reported ? (double)tp / (double)reported : 1.0;
	double recall = n ? (double)tp / (double)n : 1.0;
	printf("lint fixtures: %zu expected, %zu reported, precision %.3f, recall %.3f\n", n, reported, precision,
		recall);
	assert_true(precision >= PRECISION_FLOOR);
	assert_true(recall >= RECALL_FLOOR);
	lt_close(&r);
}

static void look_alikes(void **state)
{
	(void)state;
	lt_run r;
	run_fixture(&r);
	assert_int_equal(lt_count(&r, "notes.md", 0, NULL), 0);                  /* docs are prose */
	assert_int_equal(lt_count(&r, "k8s/manifests.yaml", 1, NULL), 0);        /* URL in a comment */
	for (unsigned line = 8; line <= 13; line++)                              /* local, in-cluster, schema */
		assert_int_equal(lt_count(&r, "k8s/manifests.yaml", line, NULL), 0);
	assert_int_equal(lt_count(&r, NULL, 0, "tls-ingress-missing"), 1);       /* the one with tls is fine */
	assert_int_equal(lt_count(&r, "k8s/anchors.yaml", 0, "tls-plaintext-url"), 1); /* once, at the anchor */
	assert_int_equal(lt_count(&r, "code/app.py", 8, NULL), 0);               /* base_url given */
	assert_int_equal(lt_count(&r, "code/app.py", 16, NULL), 0);              /* "prompt" only in a string */
	assert_int_equal(lt_count(&r, "code/app.py", 18, NULL), 0);              /* len(prompt) */
	assert_int_equal(lt_count(&r, "code/server.ts", 5, NULL), 0);            /* comment */
	assert_int_equal(lt_count(&r, "code/main.go", 8, NULL), 0);              /* comment */
	assert_int_equal(lt_count(&r, "code/main.go", 10, NULL), 0);             /* InsecureSkipVerify: false */
	assert_int_equal(lt_count(&r, "settings.env", 4, NULL), 0);              /* ${SECRET_KEY} */
	assert_int_equal(lt_count(&r, "settings.env", 5, NULL), 0);              /* changeme */
	assert_int_equal(lt_count(&r, "overlays/dev/values.yaml", 1, NULL), 0);  /* dev: logging relaxed */
	assert_int_equal(lt_count(&r, "overlays/dev/values.yaml", 3, "secret-token"), 1); /* never secrets */
	lt_close(&r);
}

/* No output format may contain a matched secret value. */
static void secrets_never_printed(void **state)
{
	(void)state;
	lt_run r;
	run_fixture(&r);
	assert_true(lt_count(&r, NULL, 0, "secret-token") > 0);
	for (int fmt = SLINT_FMT_TEXT; fmt <= SLINT_FMT_SARIF; fmt++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		assert_non_null(out);
		assert_int_equal(slint_output(out, (slint_format)fmt, &r.ctx.findings, &r.rules, 0), 0);
		fclose(out);
		assert_null(strstr(buf, "FAKE"));
		assert_null(strstr(buf, "EXAMPLE"));
		free(buf);
	}
	lt_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(precision_recall),
		cmocka_unit_test(look_alikes),
		cmocka_unit_test(secrets_never_printed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
