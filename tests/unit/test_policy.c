/*
 * test_policy.c - the policy front end: lexer tokens and columns, parser recovery, resolver and IR
 * contents, action precedence, the static flow check, limits, and random or hostile input.
 * Run from the repository root. SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <unistd.h>

#include "policy.h"
#include "policy_ast.h"
#include "suggest.h"
#include "support.h"

/* Parses, resolves and checks text in memory, as slc_policy_load does after reading files. */
static int run_text(const char *text, size_t len, slc_diags *d)
{
	slc_policy p = { 0 };
	slc_ast_file ast;
	int ok = slc_policy_parse(&ast, "mem.sluice", text, len, &p.arena, d) && !ast.syntax_errors &&
		slc_policy_resolve(&p, &ast, 1, d) && slc_policy_check_flows(&p, d);
	slc_policy_free(&p);
	return ok;
}

static int has_diag(const slc_diags *d, slc_severity sev, unsigned line, unsigned col, const char *needle)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].severity == sev && d->items[i].loc.line == line && d->items[i].loc.col == col &&
			strstr(d->items[i].msg, needle))
			return 1;
	return 0;
}

static void lexer_tokens(void **state)
{
	(void)state;
	static const char src[] = "class a_1 {  # comment\n  pattern r\"\\d+\\.\" r#\"say \"hi\"\"# \"t\\x41\\n\"\n"
				  "  -> 42 [0, 3) 2x\n}";
	slc_arena a = { 0 };
	slc_diags d = { 0 };
	slc_lexer lx;
	slc_lex_init(&lx, "t", src, sizeof src - 1, &a, &d);
	slc_tok t;
	static const slc_tok_kind want[] = { TK_IDENT, TK_IDENT, TK_LBRACE, TK_IDENT, TK_STRING, TK_STRING, TK_STRING,
		TK_ARROW, TK_NUMBER, TK_LBRACKET, TK_NUMBER, TK_COMMA, TK_NUMBER, TK_RPAREN, TK_IDENT, TK_RBRACE,
		TK_EOF };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		slc_lex_next(&lx, &t);
		assert_int_equal(t.kind, want[i]);
		if (i == 3) { /* "pattern" starts line 2, column 3 */
			assert_int_equal(t.loc.line, 2);
			assert_int_equal(t.loc.col, 3);
			assert_true(t.first_on_line);
		}
		if (i == 4) {
			assert_string_equal(t.str.s, "\\d+\\.");
			assert_true(t.str.raw);
			assert_int_equal(t.str.body.col, 13);
		}
		if (i == 5)
			assert_string_equal(t.str.s, "say \"hi\"");
		if (i == 6) {
			assert_int_equal(t.str.len, 3);
			assert_memory_equal(t.str.s, "tA\n", 3);
			/* decoded offset 2 (the newline) sits at the escape "\n", after "t\x41" */
			slc_loc l = slc_pol_str_loc(&t.str, 2);
			assert_int_equal(l.col, t.str.body.col + 5);
		}
		if (i == 8)
			assert_int_equal(t.num, 42);
	}
	assert_int_equal(d.errors, 0);
	slc_diags_free(&d);
	slc_arena_free(&a);
}

static void lexer_errors(void **state)
{
	(void)state;
	static const char src[] = "\"open\n\"bad \\q\" @ \"ok\"";
	slc_arena a = { 0 };
	slc_diags d = { 0 };
	slc_lexer lx;
	slc_lex_init(&lx, "t", src, sizeof src - 1, &a, &d);
	slc_tok t;
	slc_lex_next(&lx, &t);
	assert_int_equal(t.kind, TK_ERROR);
	slc_lex_next(&lx, &t);
	assert_int_equal(t.kind, TK_ERROR);
	slc_lex_next(&lx, &t);
	assert_int_equal(t.kind, TK_EOF); /* the rest of a line with a bad string is dropped */
	assert_int_equal(d.errors, 2);
	assert_true(has_diag(&d, SLC_ERROR, 1, 1, "unterminated string"));
	assert_true(has_diag(&d, SLC_ERROR, 2, 6, "invalid escape '\\q'"));
	slc_diags_free(&d);
	slc_arena_free(&a);
}

static void parser_builds_tree(void **state)
{
	(void)state;
	static const char src[] = "policy \"p\" version \"1.0\" revision 3\n"
				  "import \"x.sluice\"\n"
				  "labels low < high\n"
				  "class c { pattern r\"a+\" pattern r\"b\" max_len 9 validate luhn label high\n"
				  "  keywords [\"k1\", \"k2\"] within 10 match \"aa\" at [0, 2) no match \"c\" }\n"
				  "source s\nsink k { ceiling low }\n"
				  "flow s -> k { c: mask(keep_last 2, char \"#\"); default: block }\n"
				  "endpoint \"https://h.example/\" for k { tls required }\n"
				  "logging { never_log c never_log_fields \"f\" max_level info dev_paths \"d/**\" }\n"
				  "test flow s -> k { given \"aa\" expect \"##\" given \"b\" expect blocked }\n";
	slc_arena a = { 0 };
	slc_diags d = { 0 };
	slc_ast_file f;
	assert_true(slc_policy_parse(&f, "t", src, sizeof src - 1, &a, &d));
	assert_int_equal(f.syntax_errors, 0);
	assert_true(f.has_header);
	assert_int_equal(f.revision, 3);
	assert_int_equal(f.nimports, 1);
	assert_int_equal(f.labels[0].n, 2);
	assert_int_equal(f.nclasses, 1);
	const slc_ast_class *c = &f.classes[0];
	assert_int_equal(c->npatterns, 2);
	assert_int_equal(c->max_len, 9);
	assert_int_equal(c->nkeywords, 2);
	assert_int_equal(c->within, 10);
	assert_int_equal(c->ntests, 2);
	assert_true(c->tests[0].must_match && c->tests[0].has_span);
	assert_false(c->tests[1].must_match);
	assert_int_equal(f.nnodes, 2);
	assert_int_equal(f.flows[0].nrules, 2);
	assert_int_equal(f.flows[0].rules[0].action.nparams, 2);
	assert_int_equal(f.nendpoints, 1);
	assert_int_equal(f.endpoints[0].tls, 1);
	assert_int_equal(f.loggings[0].nnever_log, 1);
	assert_int_equal(f.flowtests[0].ncases, 2);
	assert_true(f.flowtests[0].cases[1].expect_blocked);
	slc_diags_free(&d);
	slc_arena_free(&a);
}

/* One error per broken declaration; the good ones between them are still parsed. */
static void parser_recovers(void **state)
{
	(void)state;
	static const char src[] = "policy \"p\" version \"1\" revision 1\n"
				  "class a { pattern }\n"
				  "class ok { pattern r\"x\" label l }\n"
				  "sink s { ceiling }\n"
				  "class b { patern r\"y\" }\n"
				  "labels l < m\n";
	slc_arena a = { 0 };
	slc_diags d = { 0 };
	slc_ast_file f;
	slc_policy_parse(&f, "t", src, sizeof src - 1, &a, &d);
	assert_int_equal(d.errors, 3);
	assert_true(has_diag(&d, SLC_ERROR, 2, 19, "expected a pattern string"));
	assert_true(has_diag(&d, SLC_ERROR, 4, 18, "expected label name"));
	assert_true(has_diag(&d, SLC_ERROR, 5, 11, "unknown class property 'patern'; did you mean 'pattern'?"));
	assert_int_equal(f.nlabels, 1);
	slc_diags_free(&d);
	slc_arena_free(&a);
}

static void suggestions(void **state)
{
	(void)state;
	assert_int_equal(slc_edit_distance("luhn", "lunh", 5), 1);
	assert_int_equal(slc_edit_distance("kitten", "sitting", 5), 3);
	assert_int_equal(slc_edit_distance("a", "abcdef", 2), 3);
	static const char *const c[] = { "public", "internal", "secret", NULL };
	assert_string_equal(slc_suggest("secert", c, 4), "secret");
	assert_string_equal(slc_suggest("intrenal", c, 4), "internal");
	assert_null(slc_suggest("zzz", c, 4));
}

/* The IR of an example: meta, labels, classes, flows, endpoints, logging, tests. */
static void ir_contents(void **state)
{
	(void)state;
	slc_policy p;
	slc_diags d = { 0 };
	assert_true(slc_policy_load(&p, "examples/support-chatbot.sluice", NULL, &d));
	assert_int_equal(d.count, 0);
	assert_string_equal(p.name, "support-chatbot");
	assert_string_equal(p.version, "1.3.0");
	assert_int_equal(p.revision, 14);
	assert_int_equal(p.nfiles, 1);
	assert_string_equal(p.files[0].canonical, "support-chatbot.sluice");
	uint8_t zero[32] = { 0 };
	assert_memory_not_equal(p.digest, zero, 32);
	assert_int_equal(p.nlabels, 4);
	assert_string_equal(p.labels[3].name, "secret");
	assert_int_equal(p.nclasses, 4);
	assert_string_equal(p.defs[1].name, "card_number");
	assert_int_equal(p.defs[1].validator, SLC_VALIDATE_LUHN);
	assert_int_equal(p.classes[1].label, 3);
	assert_int_equal(p.classes[1].ntests, 2);
	assert_int_equal(p.classes[1].tests[0].start, 5);
	assert_int_equal(p.classes[1].tests[0].end, 24);
	/* user is a source and a sink; model and log are sinks */
	assert_int_equal(p.nnodes, 3);
	assert_true(p.nodes[0].is_source && p.nodes[0].is_sink);
	assert_int_equal(p.nflows, 4);
	const slc_pol_flow *f = &p.flows[0]; /* user -> model */
	assert_string_equal(p.nodes[f->dst].name, "model");
	assert_int_equal(f->actions[0].kind, SLC_ACT_MASK);
	assert_int_equal(f->actions[0].keep_last, 12);
	assert_string_equal(f->actions[0].mask_char, "*");
	assert_int_equal(f->actions[1].kind, SLC_ACT_REDACT);
	assert_string_equal(f->actions[1].text, "[CARD_NUMBER]");
	assert_int_equal(f->actions[2].kind, SLC_ACT_BLOCK);
	assert_int_equal(f->actions[3].kind, SLC_ACT_ALLOW);
	assert_false(f->actions[3].by_default);
	const slc_pol_flow *log = &p.flows[2]; /* user -> log */
	assert_int_equal(log->actions[0].kind, SLC_ACT_HASH);
	assert_string_equal(log->actions[0].key, "log-pseudonyms");
	assert_string_equal(log->actions[1].text, "[REMOVED]");
	assert_int_equal(p.nendpoints, 2);
	assert_string_equal(p.endpoints[0].host, "api.vendor-llm.example");
	assert_int_equal(p.endpoints[0].port, 443);
	assert_string_equal(p.endpoints[0].path, "/v1/");
	assert_string_equal(p.nodes[p.endpoints[0].sink].name, "model");
	assert_false(p.endpoints[1].tls_required);
	assert_int_equal(p.endpoints[1].port, 8081);
	assert_true(p.logging.present);
	assert_int_equal(p.logging.nnever_log_classes, 3); /* the two secret classes and email */
	assert_int_equal(p.logging.max_level, SLC_LOG_INFO);
	assert_int_equal(p.logging.nnever_log_fields, 3);
	assert_int_equal(p.nflowtests, 2);
	assert_int_equal(p.flowtests[0].ncases, 3);
	assert_true(p.flowtests[0].cases[2].expect_blocked);
	slc_diags_free(&d);
	slc_policy_free(&p);
}

/* Markers and keywords are carried into the IR for the runtime. */
static void ir_markers(void **state)
{
	(void)state;
	slc_policy p;
	slc_diags d = { 0 };
	assert_true(slc_policy_load(&p, "examples/onprem-rag.sluice", NULL, &d));
	const slc_pol_class *pw = &p.classes[5];
	assert_string_equal(pw->name, "db_password");
	const char *pat = p.defs[5].patterns[0];
	assert_int_not_equal(pw->marker_start[0], SLC_NONE);
	assert_memory_equal(pat + pw->marker_start[0], "[^\\s'\\x22]{8,64}", pw->marker_end[0] - pw->marker_start[0]);
	assert_int_equal(pw->marker_end[0] - pw->marker_start[0], 16);
	assert_int_equal(pw->nkeywords, 3);
	assert_int_equal(pw->keyword_window, 16);
	assert_int_equal(p.classes[0].marker_start[0], SLC_NONE);
	/* a wildcard host and a loopback exemption */
	assert_string_equal(p.endpoints[2].host, "*.corp.example.com");
	assert_string_equal(p.endpoints[3].tls_exempt_reason, "vector store sidecar on the same host");
	slc_diags_free(&d);
	slc_policy_free(&p);
}

/* The most restrictive rule wins; two masks keep the fewer characters; no rule means block. */
static void precedence(void **state)
{
	(void)state;
	static const char src[] = "policy \"p\" version \"1\" revision 1\nlabels lo < hi\n"
				  "class a { pattern r\"a\" label hi }\nclass b { pattern r\"b\" label hi }\n"
				  "class c { pattern r\"c\" label lo }\n"
				  "source s\nsink k { ceiling hi }\n"
				  "flow s -> k { a: allow\n hi: redact\n c: mask(keep_last 4)\n lo: mask(keep_first 1)\n }\n";
	slc_policy p = { 0 };
	slc_ast_file ast;
	slc_diags d = { 0 };
	assert_true(slc_policy_parse(&ast, "mem", src, sizeof src - 1, &p.arena, &d));
	assert_true(slc_policy_resolve(&p, &ast, 1, &d));
	const slc_pol_flow *f = &p.flows[0];
	assert_int_equal(f->actions[0].kind, SLC_ACT_REDACT); /* class allow loses to label redact */
	assert_int_equal(f->actions[0].loc.line, 9);
	assert_string_equal(f->actions[0].text, "[A]");
	assert_int_equal(f->actions[1].kind, SLC_ACT_REDACT);
	assert_int_equal(f->actions[2].kind, SLC_ACT_MASK);
	assert_int_equal(f->actions[2].keep_first, 1);
	assert_int_equal(f->actions[2].keep_last, 0);
	assert_int_equal(f->fallback.kind, SLC_ACT_BLOCK);
	slc_diags_free(&d);
	slc_policy_free(&p);
}

/* A secret class allowed into a pass-through sink and on to a low sink names the whole path. */
static void flow_check_paths(void **state)
{
	(void)state;
	static const char src[] = "policy \"p\" version \"1\" revision 1\nlabels lo < mid < hi\n"
				  "class k { pattern r\"k\" label hi }\nclass m { pattern r\"m\" label mid }\n"
				  "source u\nsink a { ceiling hi }\nsink b { ceiling hi }\nsink c { ceiling mid }\n"
				  "flow u -> a { k: allow\n m: allow }\n"
				  "flow a -> b { hi: allow\n mid: allow }\n"
				  "flow b -> c { k: allow\n m: allow }\n"
				  "flow u -> c { k: hash\n m: allow }\n";
	slc_diags d = { 0 };
	assert_false(run_text(src, sizeof src - 1, &d));
	assert_int_equal(d.errors, 1);
	assert_true(has_diag(&d, SLC_ERROR, 13, 15, "class 'k' (label hi) reaches sink 'c' in clear via u -> a -> b -> c"));
	slc_diags_free(&d);
	/* masking on any hop lowers the label: the same graph with a mask passes */
	static const char ok[] = "policy \"p\" version \"1\" revision 1\nlabels lo < hi\n"
				 "class k { pattern r\"k\" label hi }\n"
				 "source u\nsink a { ceiling hi }\nsink c { ceiling lo }\n"
				 "flow u -> a { k: allow }\nflow a -> c { k: mask(keep_last 1) }\n";
	assert_true(run_text(ok, sizeof ok - 1, &d));
	assert_int_equal(d.count, 0);
	slc_diags_free(&d);
}

/* Loading the same files twice gives the same digest; the digest covers imports. */
static void digest_stable(void **state)
{
	(void)state;
	const char *dirs[] = { "rules" };
	slc_policy_options opt = { dirs, 1 };
	slc_policy a, b;
	slc_diags d = { 0 };
	assert_true(slc_policy_load(&a, "tests/fixtures/policy/diamond.sluice", &opt, &d));
	assert_true(slc_policy_load(&b, "tests/fixtures/policy/diamond.sluice", &opt, &d));
	assert_memory_equal(a.digest, b.digest, 32);
	/* root, left, base (once, though imported twice), right, std/example */
	assert_int_equal(a.nfiles, 5);
	assert_string_equal(a.files[2].canonical, "diamond_base.sluice");
	assert_string_equal(a.files[4].canonical, "std/example");
	assert_int_equal(a.nclasses, 3);
	slc_diags_free(&d);
	slc_policy_free(&a);
	slc_policy_free(&b);
}

/* Random bytes and mutated policies: diagnostics, never a crash, a hang or a leak (ASan builds). */
static void random_input(void **state)
{
	(void)state;
	static const char seed[] = "policy \"p\" version \"1\" revision 1\nlabels lo < hi\n"
				   "class k { pattern r\"k[0-9]{2}\" label hi match \"k12\" }\n"
				   "source u\nsink a { ceiling lo }\n"
				   "flow u -> a { k: mask(keep_last 1, char \"*\")\n default: redact(text \"x\") }\n"
				   "endpoint \"https://*.x.example:8443/p\" for a { tls required }\n"
				   "test flow u -> a { given \"k12\" expect \"**2\" }\n";
	char buf[sizeof seed + 64];
	for (uint64_t iter = 0; iter < 3000; iter++) {
		slt_rng r = slt_seed(0x5eed, iter);
		size_t len;
		if (iter % 3 == 0) { /* pure noise, biased towards the language's own bytes */
			static const char alphabet[] = "{}[]()<>,:;\"#r-> \nabcz019_\\x\x80\xff";
			len = slt_below(&r, sizeof buf);
			for (size_t i = 0; i < len; i++)
				buf[i] = slt_below(&r, 4) ? alphabet[slt_below(&r, sizeof alphabet - 1)] : (char)slt_next(&r);
		} else { /* a valid policy with a few bytes changed, dropped or duplicated */
			len = sizeof seed - 1;
			memcpy(buf, seed, len);
			for (uint32_t k = 1 + slt_below(&r, 4); k-- > 0;) {
				size_t at = slt_below(&r, (uint32_t)len);
				switch (slt_below(&r, 3)) {
				case 0: buf[at] = (char)slt_next(&r); break;
				case 1: memmove(buf + at, buf + at + 1, len - at - 1), len--; break;
				default:
					if (len + 1 < sizeof buf) {
						memmove(buf + at + 1, buf + at, len - at);
						len++;
					}
				}
			}
		}
		slc_diags d = { 0 };
		run_text(buf, len, &d);
		slc_diags_free(&d);
	}
}

/* Nesting and size limits give named errors, not stack overflows. */
static void deep_nesting_and_limits(void **state)
{
	(void)state;
	size_t n = 200000;
	char *s = malloc(n + 64);
	assert_non_null(s);
	memset(s, '{', n);
	slc_diags d = { 0 };
	assert_false(run_text(s, n, &d));
	assert_true(d.errors >= 1 && d.errors <= SLC_POL_MAX_ERRORS + 1);
	slc_diags_free(&d);
	/* a pattern nested past the regex limit is a named error at its column */
	int k = snprintf(s, 64, "labels a\nclass c { label a pattern r\"");
	memset(s + k, '(', 300);
	memcpy(s + k + 300, "\" }\n", 4);
	assert_false(run_text(s, (size_t)k + 304, &d));
	assert_true(has_diag(&d, SLC_ERROR, 2, 29 + 250, "nest"));
	slc_diags_free(&d);
	/* a string above the limit */
	k = snprintf(s, 64, "policy \"");
	memset(s + k, 'a', SLC_POL_MAX_STRING + 10);
	assert_false(run_text(s, (size_t)k + SLC_POL_MAX_STRING + 10, &d));
	assert_true(has_diag(&d, SLC_ERROR, 1, 8, "string longer than 8192 bytes"));
	slc_diags_free(&d);
	free(s);
}

/* An import chain deeper than the limit stops with a named error. */
static void import_depth(void **state)
{
	(void)state;
	char dir[] = "/tmp/slc-policy-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	for (int i = 0; i <= SLC_POL_MAX_IMPORT_DEPTH + 2; i++) {
		snprintf(path, sizeof path, "%s/f%d.sluice", dir, i);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		if (i == 0)
			fputs("policy \"deep\" version \"1\" revision 1\n", f);
		fprintf(f, "import \"f%d.sluice\"\n", i + 1);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/f%d.sluice", dir, SLC_POL_MAX_IMPORT_DEPTH + 3);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	slc_policy p;
	slc_diags d = { 0 };
	snprintf(path, sizeof path, "%s/f0.sluice", dir);
	assert_false(slc_policy_load(&p, path, NULL, &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].msg, "imports nested deeper than 16 levels"));
	slc_policy_free(&p);
	slc_diags_free(&d);
	for (int i = 0; i <= SLC_POL_MAX_IMPORT_DEPTH + 3; i++) {
		snprintf(path, sizeof path, "%s/f%d.sluice", dir, i);
		unlink(path);
	}
	rmdir(dir);
}

/* Endpoint URLs: scheme defaults, explicit ports, IPv6 loopback, wildcards, path prefixes, TLS. */
static void endpoints(void **state)
{
	(void)state;
	static const char src[] = "policy \"p\" version \"1\" revision 1\nlabels lo\nsink k { ceiling lo }\n"
				  "endpoint \"https://API.Example.com\" for k\n"
				  "endpoint \"http://[::1]:8080/v1/x\" { tls exempt \"dev\" }\n"
				  "endpoint \"https://*.svc.example:9443/p/\"\n"
				  "endpoint \"http://127.0.0.1/\" { tls required }\n"
				  "endpoint \"https://h.example/a?b\"\n";
	slc_policy p = { 0 };
	slc_ast_file ast;
	slc_diags d = { 0 };
	assert_true(slc_policy_parse(&ast, "mem", src, sizeof src - 1, &p.arena, &d));
	assert_false(slc_policy_resolve(&p, &ast, 1, &d));
	assert_int_equal(d.errors, 2);
	assert_true(has_diag(&d, SLC_ERROR, 7, 10, "plain http but TLS is required"));
	assert_true(has_diag(&d, SLC_ERROR, 8, 10, "no query or fragment"));
	assert_int_equal(p.nendpoints, 3);
	assert_string_equal(p.endpoints[0].host, "api.example.com");
	assert_int_equal(p.endpoints[0].port, 443);
	assert_string_equal(p.endpoints[0].path, "/");
	assert_int_equal(p.endpoints[0].sink, 0);
	assert_string_equal(p.endpoints[1].host, "[::1]");
	assert_int_equal(p.endpoints[1].port, 8080);
	assert_string_equal(p.endpoints[1].path, "/v1/x");
	assert_false(p.endpoints[1].tls_required);
	assert_string_equal(p.endpoints[2].host, "*.svc.example");
	assert_int_equal(p.endpoints[2].port, 9443);
	assert_int_equal(p.endpoints[2].sink, SLC_NONE);
	slc_diags_free(&d);
	slc_policy_free(&p);
}

/* Inline tests run through the runtime scanner against the built table. */
static void inline_tests_run(void **state)
{
	(void)state;
	slc_policy p;
	slc_diags d = { 0 };
	assert_true(slc_policy_load(&p, "tests/fixtures/policy/failing_test.sluice", NULL, &d));
	slc_program prog;
	uint8_t *bytes;
	size_t len;
	slc_options opt = { 0 };
	assert_true(slc_policy_build(&p, &opt, &prog, &bytes, &len, &d));
	sl_table t;
	assert_int_equal(sl_table_load(&t, bytes, len, NULL), SL_OK);
	sl_table_info info;
	sl_table_get_info(&t, &info);
	assert_string_equal(info.policy_name, "failing-test");
	assert_int_equal(info.revision, 1);
	assert_memory_equal(info.digest, p.digest, 32);
	slc_test_counts c;
	assert_false(slc_policy_run_tests(&p, &t, &d, &c));
	assert_int_equal(c.passed, 1);
	assert_int_equal(c.failed, 3);
	assert_true(has_diag(&d, SLC_ERROR, 8, 5, "should find [3,14)"));
	free(bytes);
	slc_program_free(&prog);
	slc_diags_free(&d);
	slc_policy_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lexer_tokens),
		cmocka_unit_test(lexer_errors),
		cmocka_unit_test(parser_builds_tree),
		cmocka_unit_test(parser_recovers),
		cmocka_unit_test(suggestions),
		cmocka_unit_test(ir_contents),
		cmocka_unit_test(ir_markers),
		cmocka_unit_test(precedence),
		cmocka_unit_test(flow_check_paths),
		cmocka_unit_test(digest_stable),
		cmocka_unit_test(random_input),
		cmocka_unit_test(deep_nesting_and_limits),
		cmocka_unit_test(import_depth),
		cmocka_unit_test(endpoints),
		cmocka_unit_test(inline_tests_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
