/*
 * test_table.c - the .slc format: determinism, round trip, and a loader that survives every
 * truncation and every single-byte change (with the checksum fixed up, so the structural checks are
 * what is exercised). Loaded-but-altered tables are scanned to prove they stay in bounds (ASan
 * checks that in `make asan`). SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "format.h"
#include "support.h"

/*
 * "tok" has a loose reverse DFA (format 5): its other pattern makes Lmax 50, so the loose one's
 * k + 41 letters (no match) lies within reach of a reverse run and it is exact below 42 bytes only.
 */
static const char *const small_patterns[] = { "ab+c", "\\bk[0-9]{2,4}\\b", "(?m)^x$", "[a-z]+@[a-z]+\\.io",
	"q[a-z]{2,40}|[0-9]{50}" };
static const char *const small_names[] = { "abc", "key", "line", "mail", "tok" };

/* The first n small classes, written in table format `format` (0: the latest). */
static void build_small_as(slt_table *t, uint32_t n, uint32_t format)
{
	slc_class_def defs[5];
	size_t lens[5];
	for (uint32_t i = 0; i < n; i++) {
		lens[i] = strlen(small_patterns[i]);
		defs[i] = (slc_class_def){ .name = small_names[i], .patterns = &small_patterns[i], .pattern_lens = &lens[i], .npatterns = 1 };
	}
	slc_options opt = { 0 };
	opt.max_len = 40;
	opt.accel = SLC_ACCEL_ALWAYS; /* so the loader checks see accelerated groups too */
	slc_meta meta = { .name = "test", .version = "1", .revision = 1, .format = format };
	char err[256];
	assert_true(slt_build_meta(t, defs, n, &opt, &meta, err, sizeof err));
}

static void build_small(slt_table *t, uint32_t n)
{
	build_small_as(t, n, 0);
}

/* Where an accelerated group's three maps start in the file (the header tells what precedes them). */
static size_t maps_at(const slt_table *t, const sl_section_info *si)
{
	const uint8_t *d = t->bytes + si->offset;
	return si->offset + SL_D_TRANS +
		(size_t)sl_dfa_trans_bytes(sl_rd32(d + SL_D_NSTATES), sl_rd32(d + SL_D_STRIDE), sl_rd32(d + SL_D_WIDTH)) +
		4 * ((size_t)sl_rd32(d + SL_D_MATCH_COUNT) + 1) + 4 * (size_t)sl_rd32(d + SL_D_NMATCH_IDS);
}

static void deterministic(void **state)
{
	(void)state;
	slt_table a, b;
	build_small(&a, 4);
	build_small(&b, 4);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.bytes, b.bytes, a.len);
	slt_free(&a);
	slt_free(&b);
}

static void round_trip_and_info(void **state)
{
	(void)state;
	slt_table t;
	build_small(&t, 4);
	sl_table_info info;
	sl_table_get_info(&t.table, &info);
	assert_string_equal(info.policy_name, "test");
	assert_int_equal(info.class_count, 4);
	assert_int_equal(info.max_lmax, 40);
	assert_string_equal(sl_table_class_name(&t.table, 1), "key");
	assert_null(sl_table_class_name(&t.table, 4));
	assert_int_equal(sl_table_class_lmax(&t.table, 1), 5);
	const char *text = "xx abbbc k123 k12345\nx\nbob@ex.io";
	slt_findings got;
	assert_int_equal(slt_scan(&t, (const uint8_t *)text, strlen(text), NULL, 0, &got), SL_OK);
	/* sorted by class: abc, key, line, mail */
	assert_int_equal(got.n, 4);
	assert_int_equal(got.v[0].start, 3);
	assert_int_equal(got.v[0].end, 8);
	assert_int_equal(got.v[1].start, 9);
	assert_int_equal(got.v[1].end, 13);
	assert_int_equal(got.v[2].start, 21);
	assert_int_equal(got.v[3].start, 23);
	assert_int_equal(got.v[3].end, 32);
	slt_free(&t);
}

static void header_errors(void **state)
{
	(void)state;
	slt_table t;
	build_small(&t, 2);
	sl_table tab;
	sl_error e;
	uint8_t *copy = malloc(t.len + 8);
	memcpy(copy, t.bytes, t.len);
	assert_int_equal(sl_table_load(&tab, copy, 10, &e), SL_E_TRUNCATED);
	copy[0] ^= 1;
	assert_int_equal(sl_table_load(&tab, copy, t.len, &e), SL_E_MAGIC);
	copy[0] ^= 1;
	copy[SL_H_VERSION] = 9;
	assert_int_equal(sl_table_load(&tab, copy, t.len, &e), SL_E_VERSION);
	copy[SL_H_VERSION] = SL_FORMAT_VERSION;
	copy[t.len / 2] ^= 0x40;
	assert_int_equal(sl_table_load(&tab, copy, t.len, &e), SL_E_CHECKSUM);
	copy[t.len / 2] ^= 0x40;
	assert_int_equal(sl_table_load(&tab, copy + 4, t.len - 4, &e), SL_E_ALIGN);
	assert_int_equal(sl_table_load(&tab, copy, t.len - 8, &e), SL_E_TRUNCATED);
	assert_int_equal(sl_table_load(&tab, copy, t.len, &e), SL_OK);
	assert_string_equal(sl_status_str(SL_E_CORRUPT), "table corrupt");
	free(copy);
	slt_free(&t);
}

static void fix_checksum(uint8_t *b, size_t len)
{
	memset(b + SL_H_CHECKSUM, 0, 4);
	uint32_t crc = sl_crc32(0, b, len);
	for (int i = 0; i < 4; i++)
		b[SL_H_CHECKSUM + i] = (uint8_t)(crc >> (8 * i));
}

/* Scans some text through a table that loaded; only staying in bounds matters here. */
static void scan_anyway(const sl_table *tab)
{
	static const char text[] = "ab abbc k12 k9999 x\nx bob@ex.io abc";
	size_t size = sl_scanner_size(tab);
	if (size > (1u << 26))
		return;
	void *mem = malloc(size);
	slt_findings got;
	got.n = 0;
	assert_int_equal(sl_scan(tab, text, sizeof text - 1, mem, size, slt_collect, &got), SL_OK);
	free(mem);
}

static void every_truncation_and_byte_change(void **state)
{
	(void)state;
	unsigned long loaded_altered = 0, rejected = 0, maps_changed = 0;
	for (uint32_t n = 1; n <= 4; n += 3) { /* loose_dfas_checked alters the loose DFA's bytes */
		slt_table t;
		build_small(&t, n);
		uint8_t *copy = malloc(t.len);
		sl_table tab;
		sl_error e;
		for (size_t len = 0; len < t.len; len++) {
			memcpy(copy, t.bytes, len);
			assert_int_not_equal(sl_table_load(&tab, copy, len, &e), SL_OK);
		}
		/*
		 * An accelerated group has three 8 KiB trigger maps and 32 bytes of lead bytes. In the far
		 * and third-byte maps and the lead bytes every byte value is valid (a changed bit only
		 * changes where the scanner restarts); a change in the pair map no longer matches the pair
		 * list after it. Sample the maps sparsely and keep them out of the rejected-versus-loaded
		 * balance.
		 */
		uint8_t *in_map = calloc(t.len, 1);
		sl_table_load(&tab, t.bytes, t.len, &e);
		for (uint32_t i = 0; i < SL_FIXED_SECTIONS + t.prog.ngroups + t.prog.nclasses; i++) {
			sl_section_info si;
			if (sl_table_section(&tab, i, &si) == SL_OK && si.accelerated)
				memset(in_map + maps_at(&t, &si), 1, SL_TRIGGER_MAPS * SL_TRIGGER_BYTES + SL_LEAD_BYTES);
		}
		static const uint8_t deltas[] = { 0x01, 0x80, 0xff };
		for (size_t at = 0; at < t.len; at++) {
			if (in_map[at] && at % 509)
				continue;
			for (size_t d = 0; d < sizeof deltas; d++) {
				memcpy(copy, t.bytes, t.len);
				copy[at] ^= deltas[d];
				if (at < SL_H_CHECKSUM || at >= SL_H_CHECKSUM + 4)
					fix_checksum(copy, t.len);
				sl_status rc = sl_table_load(&tab, copy, t.len, &e);
				if (rc == SL_OK) {
					loaded_altered += !in_map[at];
					maps_changed += in_map[at];
					scan_anyway(&tab);
				} else {
					assert_non_null(e.msg);
					assert_true(e.offset <= t.len);
					rejected++;
				}
			}
		}
		free(copy);
		free(in_map);
		slt_free(&t);
	}
	printf("loader: %lu altered tables rejected, %lu loaded (changes the format cannot see, e.g. a class "
		"map entry) and scanned safely, %lu with a changed trigger map\n", rejected, loaded_altered, maps_changed);
	assert_true(maps_changed > 0);
	assert_true(rejected > loaded_altered);
}

/* Loads `b` after fixing its checksum; expects SL_E_CORRUPT with `what` in the message. */
static void corrupt_because(uint8_t *b, size_t len, const char *what)
{
	fix_checksum(b, len);
	sl_table tab;
	sl_error e;
	assert_int_equal(sl_table_load(&tab, b, len, &e), SL_E_CORRUPT);
	if (!strstr(e.msg, what))
		fail_msg("load said \"%s\", expected \"%s\"", e.msg, what);
}

/*
 * Format 3 lists an accelerated group's trigger pairs after its maps, and the scanner builds its
 * union of pairs from the list alone: so the loader holds the list to the map, exactly.
 */
static void pair_lists_checked(void **state)
{
	(void)state;
	slt_table t;
	build_small(&t, 4);
	uint8_t *b = malloc(t.len);
	size_t lists = 0;
	for (uint32_t i = 0; i < SL_FIXED_SECTIONS + t.prog.ngroups; i++) {
		sl_section_info si;
		if (sl_table_section(&t.table, i, &si) != SL_OK || !si.accelerated)
			continue;
		size_t list = maps_at(&t, &si) + SL_TRIGGER_MAPS * SL_TRIGGER_BYTES + SL_LEAD_BYTES;
		uint32_t n = sl_rd32(t.bytes + list);
		assert_true(n >= 1 && list + 4 + 2 * (size_t)n <= si.offset + si.length);
		lists++;
		uint32_t first = sl_rd16(t.bytes + list + 4), map_at = (uint32_t)maps_at(&t, &si);
		/* a pair dropped from the map */
		memcpy(b, t.bytes, t.len);
		b[map_at + first / 8] &= (uint8_t)~(1u << (first % 8));
		corrupt_because(b, t.len, "trigger pair count differs from the pair map");
		/* a listed pair the map does not hold (the map's count kept: another bit set instead) */
		memcpy(b, t.bytes, t.len);
		uint32_t other = first ^ 0x4040u;
		if (!(b[map_at + other / 8] >> (other % 8) & 1)) {
			b[map_at + other / 8] |= (uint8_t)(1u << (other % 8));
			b[map_at + first / 8] &= (uint8_t)~(1u << (first % 8));
			corrupt_because(b, t.len, "trigger pair list out of order or not in the map");
		}
		/* a count the section cannot hold */
		memcpy(b, t.bytes, t.len);
		b[list + 2] = 1; /* n += 65536 */
		corrupt_because(b, t.len, "trigger pair count out of range");
		if (n >= 2) { /* two entries swapped */
			memcpy(b, t.bytes, t.len);
			memcpy(b + list + 4, t.bytes + list + 6, 2);
			memcpy(b + list + 6, t.bytes + list + 4, 2);
			corrupt_because(b, t.len, "trigger pair list out of order or not in the map");
		}
	}
	assert_true(lists >= 1);
	free(b);
	slt_free(&t);
}

/*
 * A runtime reads formats 2 and 3 too: 2 has no pair lists (the scanner reads the pair maps
 * instead), 3 no lead bytes (restarts keep their whole lookback). The same program written as 2,
 * 3 and 4 finds the same, over pushes of every size; words with a letter run before "@" (lead
 * bytes of "mail") after a byte that is not one cut the restart of format 4.
 */
static void older_formats_still_read(void **state)
{
	(void)state;
	slt_table t[4];
	for (uint32_t f = 2; f <= 5; f++) {
		build_small_as(&t[f - 2], 5, f == SL_FORMAT_VERSION ? 0 : f);
		assert_int_equal(sl_rd32(t[f - 2].bytes + SL_H_VERSION), f);
	}
	assert_int_equal(SL_FORMAT_VERSION, 5);
	/* 5 adds tok's loose reverse DFA */
	assert_true(t[0].len < t[1].len && t[1].len < t[2].len && t[2].len < t[3].len);
	slc_meta meta = { .name = "test", .version = "1", .format = SL_FORMAT_VERSION + 1 };
	uint8_t *none = NULL;
	size_t none_len = 0;
	assert_false(slc_emit(&t[3].prog, &meta, &none, &none_len)); /* a version it cannot write */
	char text[3000];
	slt_rng r = slt_seed(3, 5);
	static const char *const words[] = { "abbbc ", "k123 ", "k12345 ", "\nx\n", "bob@ex.io ", "xx ", "ab", "k9 ",
		"-alice@ex.io", "1bob@ex.io", "qaaaaaaaaaaaaaaaaaaaaaaa", "qaaaaaaaaaaaaaaaaaaaaaaaqaaaaa " };
	size_t len = 0;
	while (len + 40 < sizeof text) {
		const char *w = words[slt_below(&r, 12)];
		memcpy(text + len, w, strlen(w));
		len += strlen(w);
	}
	slt_findings a, b;
	size_t chunks[3] = { 1, 7, 500 };
	for (int mode = 0; mode < 2; mode++) {
		assert_int_equal(slt_scan(&t[3], (const uint8_t *)text, len, chunks, mode ? 3 : 0, &a), SL_OK);
		assert_true(a.n > 20);
		for (int old = 0; old < 3; old++) {
			assert_int_equal(slt_scan(&t[old], (const uint8_t *)text, len, chunks, mode ? 3 : 0, &b), SL_OK);
			assert_int_equal(a.n, b.n);
			for (size_t k = 0; k < a.n; k++) {
				assert_int_equal(a.v[k].class_id, b.v[k].class_id);
				assert_int_equal(a.v[k].start, b.v[k].start);
				assert_int_equal(a.v[k].end, b.v[k].end);
			}
		}
	}
	for (int f = 0; f < 4; f++)
		slt_free(&t[f]);
}

/*
 * A loose reverse DFA (format 5) is read only where its class says so, right after the class's
 * reverse DFAs, with an exact span inside 1..Lmax + 1; and its starts further back than that are
 * looked up in the exact DFA: q + 45 letters is no match (the loose DFA would start one at the q).
 */
static void loose_dfas_checked(void **state)
{
	(void)state;
	slt_table t;
	build_small(&t, 5);
	sl_section_info si;
	uint32_t loose = UINT32_MAX, reverse = UINT32_MAX;
	for (uint32_t i = 0; sl_table_section(&t.table, i, &si) == SL_OK; i++) {
		if (si.kind == SL_SEC_LOOSE) {
			assert_int_equal(loose, UINT32_MAX);
			loose = i;
		}
		if (si.kind == SL_SEC_REVERSE && si.index == 4)
			reverse = i;
	}
	assert_int_not_equal(loose, UINT32_MAX);
	sl_table_section(&t.table, loose, &si);
	assert_int_equal(si.index, 4);
	assert_int_equal(si.exact_below, 42);
	assert_int_equal(t.prog.classes[4].lmax, 50);
	size_t at = (size_t)si.offset + SL_D_EXACT_BELOW, flags = t.table.classes + 4 * SL_CLS_SIZE + SL_CLS_FLAGS;
	uint8_t *b = malloc(t.len);
	static const uint32_t bad[] = { 0, 52, 0xffffffffu };
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		memcpy(b, t.bytes, t.len);
		for (int j = 0; j < 4; j++)
			b[at + (size_t)j] = (uint8_t)(bad[k] >> (8 * j));
		corrupt_because(b, t.len, "loose DFA exact span out of range");
	}
	memcpy(b, t.bytes, t.len);
	b[at] = 51; /* Lmax + 1: exact for every span a run looks at */
	fix_checksum(b, t.len);
	sl_table tab;
	sl_error err;
	assert_int_equal(sl_table_load(&tab, b, t.len, &err), SL_OK);
	sl_table_section(&t.table, reverse, &si);
	memcpy(b, t.bytes, t.len);
	b[si.offset + SL_D_EXACT_BELOW] = 42;
	corrupt_because(b, t.len, "DFA reserved field not zero");
	memcpy(b, t.bytes, t.len);
	b[flags] &= (uint8_t)~SL_CLASS_LOOSE;
	corrupt_because(b, t.len, "without a class that has them");
	memcpy(b, t.bytes, t.len);
	b[t.table.classes + SL_CLS_FLAGS] |= SL_CLASS_LOOSE; /* class 0 has none */
	corrupt_because(b, t.len, "marker piece or loose automaton out of order");
	memcpy(b, t.bytes, t.len);
	b[flags + 1] = 1; /* marked, with one pattern, and loose */
	corrupt_because(b, t.len, "class flags invalid");
	memcpy(b, t.bytes, t.len);
	b[SL_H_VERSION] = 4;
	corrupt_because(b, t.len, "section out of canonical order");
	/*
	 * Every single-byte change of tok's class record and of its loose DFA loads or fails cleanly
	 * (every_truncation_and_byte_change does this for a whole table of four classes; the fifth
	 * adds a third accelerated group and made that test five times slower).
	 */
	sl_table_section(&t.table, loose, &si);
	size_t from[2] = { t.table.classes + 4 * SL_CLS_SIZE, (size_t)si.offset },
	       to[2] = { t.table.classes + 5 * SL_CLS_SIZE, (size_t)(si.offset + si.length) };
	unsigned long rejected = 0, loaded = 0;
	for (int part = 0; part < 2; part++) {
		for (size_t i = from[part]; i < to[part]; i++) {
			static const uint8_t deltas[] = { 0x01, 0x80, 0xff };
			for (size_t d = 0; d < sizeof deltas; d++) {
				memcpy(b, t.bytes, t.len);
				b[i] ^= deltas[d];
				fix_checksum(b, t.len);
				if (sl_table_load(&tab, b, t.len, &err) == SL_OK) {
					scan_anyway(&tab);
					loaded++;
				} else {
					assert_non_null(err.msg);
					rejected++;
				}
			}
		}
	}
	assert_true(rejected > loaded && loaded > 0);
	free(b);

	char text[128];
	memset(text, 'a', sizeof text);
	text[0] = 'q';
	memcpy(text + 46, "qaa", 3);
	slt_findings got;
	size_t ones[1] = { 1 };
	for (int mode = 0; mode < 2; mode++) {
		assert_int_equal(slt_scan(&t, (const uint8_t *)text, 49, mode ? ones : NULL, mode, &got), SL_OK);
		assert_int_equal(got.n, 2);
		assert_int_equal(got.v[0].class_id, 4);
		assert_int_equal(got.v[0].start, 0);
		assert_int_equal(got.v[0].end, 41);
		assert_int_equal(got.v[1].start, 46);
		assert_int_equal(got.v[1].end, 49);
	}
	slt_free(&t);
}

static void flows_and_labels(void **state)
{
	(void)state;
	static const char *const pats[2] = { "k[0-9]{4}", "[a-z]+@x\\.io" };
	size_t lens[2] = { strlen(pats[0]), strlen(pats[1]) };
	slc_class_def defs[2] = {
		{ .name = "key", .patterns = &pats[0], .pattern_lens = &lens[0], .npatterns = 1, .label = "secret", .label_rank = 3 },
		{ .name = "mail", .patterns = &pats[1], .pattern_lens = &lens[1], .npatterns = 1 },
	};
	slc_program prog;
	slc_compile_error cerr;
	assert_true(slc_compile(&prog, defs, 2, NULL, &cerr));
	slc_action_def to_model[2] = { { .action = SL_REDACT, .replacement = "[KEY]" },
		{ .action = SL_MASK, .mask_byte = '*', .keep_first = 1, .keep_last = 3 } };
	slc_action_def to_log[2] = { { .action = SL_BLOCK }, { .action = SL_HASH } };
	slc_flow_def flows[2] = { { "user", "model", to_model }, { "model", "log", to_log } };
	slc_meta meta = { .name = "p", .version = "1.0", .revision = 7, .flows = flows, .nflows = 2 };
	uint8_t *bytes;
	size_t len;
	assert_true(slc_emit(&prog, &meta, &bytes, &len));
	sl_table t;
	sl_error e;
	assert_int_equal(sl_table_load(&t, bytes, len, &e), SL_OK);
	assert_string_equal(sl_table_class_label(&t, 0), "secret");
	assert_string_equal(sl_table_class_label(&t, 1), "");
	assert_int_equal(sl_table_flow_count(&t), 2);
	uint32_t f;
	assert_int_equal(sl_table_flow_find(&t, "model", "log", &f), SL_OK);
	assert_int_equal(f, 1);
	assert_int_equal(sl_table_flow_find(&t, "log", "model", &f), SL_E_ARG);
	sl_action_spec a;
	assert_int_equal(sl_table_flow_action(&t, 0, 0, &a), SL_OK);
	assert_int_equal(a.action, SL_REDACT);
	assert_string_equal(a.replacement, "[KEY]");
	assert_int_equal(sl_table_flow_action(&t, 0, 1, &a), SL_OK);
	assert_int_equal(a.action, SL_MASK);
	assert_int_equal(a.mask_byte, '*');
	assert_int_equal(a.keep_first, 1);
	assert_int_equal(a.keep_last, 3);
	assert_int_equal(sl_table_flow_action(&t, 1, 0, &a), SL_OK);
	assert_int_equal(a.action, SL_BLOCK);
	assert_int_equal(sl_table_flow_action(&t, 2, 0, &a), SL_E_ARG);
	/* an action id past SL_BLOCK is refused on load */
	size_t act = t.flows + SL_FLOWS_HEADER + SL_FLOW_ACTIONS;
	bytes[act] = 9;
	fix_checksum(bytes, len);
	assert_int_equal(sl_table_load(&t, bytes, len, &e), SL_E_CORRUPT);
	assert_string_equal(e.msg, "flow action invalid");
	free(bytes);
	slc_program_free(&prog);
}

/* Bit by bit, as the standard defines it: what the table-driven sl_crc32 must equal. */
static uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, size_t len)
{
	crc = ~crc;
	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (crc & 1 ? 0xEDB88320u : 0);
	}
	return ~crc;
}

/*
 * The checksum: the standard check value, every length up to 100 and every split of it (the
 * eight-byte steps and the byte tail meet anywhere), against the bitwise definition.
 */
static void checksum_is_crc32(void **state)
{
	(void)state;
	assert_int_equal(sl_crc32(0, (const uint8_t *)"123456789", 9), 0xCBF43926u);
	assert_int_equal(sl_crc32(0, NULL, 0), 0);
	uint8_t buf[100];
	slt_rng r = slt_seed(3, 9);
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)slt_below(&r, 256);
	for (size_t len = 0; len <= sizeof buf; len++) {
		uint32_t want = crc32_bitwise(0, buf, len);
		assert_int_equal(sl_crc32(0, buf, len), want);
		for (size_t cut = 0; cut <= len; cut++)
			assert_int_equal(sl_crc32(sl_crc32(0, buf, cut), buf + cut, len - cut), want);
	}
}

/*
 * Transition targets: the loader tests "a multiple of the stride, below states x stride" without
 * dividing, so the edges are pinned here: one past the last state, one off a multiple, the
 * largest id of the width, each in the first and the last entry of the first live row.
 */
static void transition_targets_checked(void **state)
{
	(void)state;
	slt_table t;
	build_small(&t, 4);
	uint8_t *b = malloc(t.len);
	size_t checked = 0;
	sl_section_info si;
	for (uint32_t i = 0; sl_table_section(&t.table, i, &si) == SL_OK; i++) {
		if (si.kind != 4 && si.kind != 5)
			continue; /* forward and reverse DFAs */
		const uint8_t *d = t.bytes + si.offset;
		uint32_t n = sl_rd32(d + SL_D_NSTATES), stride = sl_rd32(d + SL_D_STRIDE), width = sl_rd32(d + SL_D_WIDTH);
		uint32_t bad[] = { n * stride, stride + 1, n * stride - 1, stride - 1, width == 2 ? 0xffffu : 0xffffffffu,
			(n + 1) * stride };
		size_t entries[] = { stride, 2 * (size_t)stride - 1 };
		for (size_t e = 0; e < 2; e++) {
			for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
				memcpy(b, t.bytes, t.len);
				uint8_t *at = b + si.offset + SL_D_TRANS + entries[e] * width;
				for (uint32_t j = 0; j < width; j++)
					at[j] = (uint8_t)(bad[k] >> (8 * j));
				corrupt_because(b, t.len, "transition target invalid");
				checked++;
			}
			/* and a valid target there still loads: the last state */
			memcpy(b, t.bytes, t.len);
			uint32_t last = (n - 1) * stride;
			uint8_t *at = b + si.offset + SL_D_TRANS + entries[e] * width;
			for (uint32_t j = 0; j < width; j++)
				at[j] = (uint8_t)(last >> (8 * j));
			fix_checksum(b, t.len);
			sl_table tab;
			sl_error err;
			assert_int_equal(sl_table_load(&tab, b, t.len, &err), SL_OK);
		}
	}
	assert_true(checked >= 12 * 4);
	free(b);
	slt_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deterministic),
		cmocka_unit_test(round_trip_and_info),
		cmocka_unit_test(header_errors),
		cmocka_unit_test(every_truncation_and_byte_change),
		cmocka_unit_test(pair_lists_checked),
		cmocka_unit_test(older_formats_still_read),
		cmocka_unit_test(loose_dfas_checked),
		cmocka_unit_test(flows_and_labels),
		cmocka_unit_test(checksum_is_crc32),
		cmocka_unit_test(transition_targets_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
