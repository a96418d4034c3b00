/*
 * load.c - validates table bytes completely, so the scanner never needs a bounds check.
 * SPDX-License-Identifier: MIT
 *
 * Order of checks: size and alignment, magic, byte order, version, declared size, checksum,
 * section table (canonical order, bounds, alignment), strings, meta, classes, then every DFA:
 * header, class map, each transition target, start states, match lists. Everything is O(len).
 */
#include "sluice.h"

#include <string.h>

#include "format.h"
#include "internal.h"

#define FAIL(code_, off_, msg_) return fail(err, code_, off_, msg_)

static sl_status fail(sl_error *err, sl_status code, size_t offset, const char *msg)
{
	if (err) {
		err->code = code;
		err->offset = offset;
		err->msg = msg;
	}
	return code;
}

static int host_is_little_endian(void)
{
	const uint32_t one = 1;
	uint8_t b;
	memcpy(&b, &one, 1);
	return b == 1;
}

/* Section entry `i`: kind, index, offset, length. */
static void section(const sl_table *t, uint32_t i, uint32_t *kind, uint32_t *index, uint64_t *off, uint64_t *len)
{
	const uint8_t *e = t->base + t->sections + (size_t)i * SL_SECTION_ENTRY;
	*kind = sl_rd32(e);
	*index = sl_rd32(e + 4);
	*off = sl_rd64(e + 8);
	*len = sl_rd64(e + 16);
}

/*
 * Canonical order: meta, classes, forward DFAs by group, reverse DFAs by class, pieces and loose
 * DFAs (SL_SEC_PIECE here; which, and in what order, is checked against the class records), keywords,
 * flows, strings.
 */
static uint32_t expected_kind(const sl_table *t, uint32_t i, uint32_t *index)
{
	uint32_t rev_end = 2 + t->group_count + t->class_count;
	*index = 0;
	if (i == 0)
		return SL_SEC_META;
	if (i == 1)
		return SL_SEC_CLASSES;
	if (i < 2 + t->group_count) {
		*index = i - 2;
		return SL_SEC_FORWARD;
	}
	if (i < rev_end) {
		*index = i - 2 - t->group_count;
		return SL_SEC_REVERSE;
	}
	if (i < rev_end + t->extra_count) {
		*index = UINT32_MAX; /* checked against the class records later */
		return SL_SEC_PIECE;
	}
	if (i == rev_end + t->extra_count)
		return SL_SEC_KEYWORDS;
	return i == rev_end + t->extra_count + 1 ? SL_SEC_FLOWS : SL_SEC_STRINGS;
}

/* `loose`: a loose reverse DFA, whose exact_below lies in 1..Lmax + 1 of its class (the owner). */
static sl_status check_dfa(const sl_table *t, size_t off, uint64_t len, int reverse, int loose, uint32_t owner,
	sl_error *err)
{
	const uint8_t *d = t->base + off;
	if (len < SL_D_TRANS)
		FAIL(SL_E_CORRUPT, off, "DFA section shorter than its header");
	uint32_t n = sl_rd32(d + SL_D_NSTATES), nsyms = sl_rd32(d + SL_D_NSYMS), stride = sl_rd32(d + SL_D_STRIDE);
	uint32_t width = sl_rd32(d + SL_D_WIDTH), nstarts = sl_rd32(d + SL_D_NSTARTS);
	uint32_t nmatch = sl_rd32(d + SL_D_MATCH_COUNT), nids = sl_rd32(d + SL_D_NMATCH_IDS);
	if (n == 0 || n > (1u << 24))
		FAIL(SL_E_CORRUPT, off + SL_D_NSTATES, "DFA state count out of range");
	if (nsyms < 2 || nsyms > SL_DFA_MAX_SYMS || stride != nsyms)
		FAIL(SL_E_CORRUPT, off + SL_D_NSYMS, "DFA alphabet or stride out of range");
	if (width != 2 && width != 4)
		FAIL(SL_E_CORRUPT, off + SL_D_WIDTH, "DFA id width is neither 2 nor 4");
	uint64_t max_id = (uint64_t)(n - 1) * stride;
	if (max_id > (width == 2 ? 0xffffu : 0xffffffffu))
		FAIL(SL_E_CORRUPT, off + SL_D_WIDTH, "DFA ids do not fit their width");
	if (nstarts != (reverse || t->version >= 2 ? 4u : 1u))
		FAIL(SL_E_CORRUPT, off + SL_D_NSTARTS, "DFA start count wrong for its direction");
	if (nmatch >= n)
		FAIL(SL_E_CORRUPT, off + SL_D_MATCH_COUNT, "DFA match state count out of range");
	uint32_t exact_below = sl_rd32(d + SL_D_EXACT_BELOW);
	if (loose ? !exact_below || exact_below - 1 > sl_rd32(t->base + t->classes + (size_t)owner * SL_CLS_SIZE + SL_CLS_LMAX)
		  : exact_below != 0)
		FAIL(SL_E_CORRUPT, off + SL_D_EXACT_BELOW, loose ? "loose DFA exact span out of range" : "DFA reserved field not zero");
	uint32_t flags = sl_rd32(d + SL_D_FLAGS), accel = flags == SL_DFA_ACCEL;
	uint32_t idle_max = sl_rd32(d + SL_D_IDLE_MAX), lookback = sl_rd32(d + SL_D_LOOKBACK);
	if (flags & ~SL_DFA_ACCEL || (accel && (reverse || t->version < 2)))
		FAIL(SL_E_CORRUPT, off + SL_D_FLAGS, "DFA flags invalid");
	uint32_t near = sl_rd32(d + SL_D_NEAR);
	if (!accel && (idle_max || lookback || near))
		FAIL(SL_E_CORRUPT, off + SL_D_IDLE_MAX, "DFA acceleration fields set without the flag");
	if (near > lookback)
		FAIL(SL_E_CORRUPT, off + SL_D_NEAR, "DFA near lookback above its lookback");
	/* the scanner restarts up to lookback + 1 bytes back, inside the history it keeps (max Lmax) */
	if (accel && (uint64_t)lookback + 2 > t->max_lmax)
		FAIL(SL_E_CORRUPT, off + SL_D_LOOKBACK, "DFA lookback not below the longest match");
	if (accel && (idle_max % stride || idle_max / stride < nmatch || idle_max / stride >= n ||
		idle_max / stride > nmatch + 3))
		FAIL(SL_E_CORRUPT, off + SL_D_IDLE_MAX, "DFA idle state range invalid");
	uint64_t tb = sl_dfa_trans_bytes(n, stride, width);
	/* an accelerated DFA's maps, then (version 4) its lead bytes, then (version 3) its pair list */
	uint64_t maps_at = SL_D_TRANS + tb + 4 * ((uint64_t)nmatch + 1) + 4 * (uint64_t)nids;
	uint64_t need = maps_at + (accel ? SL_TRIGGER_MAPS * SL_TRIGGER_BYTES : 0) + (accel && t->version >= 4 ? SL_LEAD_BYTES : 0);
	uint64_t list_at = need;
	uint32_t npairs = 0;
	if (accel && t->version >= 3) {
		if (need + 4 > len)
			FAIL(SL_E_CORRUPT, off, "DFA section length does not match its header");
		npairs = sl_rd32(d + need);
		if (npairs > 65536)
			FAIL(SL_E_CORRUPT, off + (size_t)need, "trigger pair count out of range");
		need += 4 + 2 * (uint64_t)npairs;
	}
	if (need > len || len - need >= 8)
		FAIL(SL_E_CORRUPT, off, "DFA section length does not match its header");
	for (int b = 0; b < 256; b++)
		if (d[SL_D_CLASSMAP + b] >= nsyms - 1)
			FAIL(SL_E_CORRUPT, off + SL_D_CLASSMAP + (size_t)b, "byte class out of range");
	for (uint32_t i = 0; i < 4; i++) {
		uint32_t s = sl_rd32(d + SL_D_START + 4 * i);
		if (i >= nstarts ? s != 0 : (s % stride || s / stride >= n))
			FAIL(SL_E_CORRUPT, off + SL_D_START + 4 * i, "DFA start state invalid");
		if (accel && i > SL_PREV_TEXT && s && (s <= nmatch * stride || s > idle_max))
			FAIL(SL_E_CORRUPT, off + SL_D_START + 4 * i, "DFA idle start outside the idle range");
	}
	/* every idle id must be a fresh start (one that can never match again is dead, id 0) */
	for (uint32_t s = (nmatch + 1) * stride; accel && s <= idle_max; s += stride)
		if (s != sl_rd32(d + SL_D_START + 4) && s != sl_rd32(d + SL_D_START + 8) && s != sl_rd32(d + SL_D_START + 12))
			FAIL(SL_E_CORRUPT, off + SL_D_IDLE_MAX, "DFA idle range holds a state that is no start");
	/*
	 * Every entry of every row is a valid premultiplied id; the dead row stays dead. A multiple of
	 * stride, tested without dividing (two divisions per entry were most of the check): for 32-bit
	 * v, v % stride == 0 exactly when v * c mod 2^64 <= c - 1, c = 2^64 / stride rounded up
	 * (Lemire, Kaser and Kurz, "Faster remainder by direct computation", 2019).
	 */
	const uint8_t *tr = d + SL_D_TRANS;
	uint64_t entries = (uint64_t)n * stride, c = UINT64_MAX / stride + 1;
	for (uint64_t i = 0; i < entries; i++) {
		uint32_t v = width == 2 ? sl_rd16(tr + 2 * i) : sl_rd32(tr + 4 * i);
		if (v > max_id || (uint64_t)v * c > c - 1 || (i < stride && v))
			FAIL(SL_E_CORRUPT, off + SL_D_TRANS + (size_t)(i * width),
				i < stride ? "dead state has a transition out" : "transition target invalid");
	}
	const uint8_t *mo = tr + tb, *ids = mo + 4 * ((size_t)nmatch + 1);
	if (sl_rd32(mo) != 0 || sl_rd32(mo + 4 * (size_t)nmatch) != nids)
		FAIL(SL_E_CORRUPT, (size_t)(mo - t->base), "match list offsets do not span the ids");
	for (uint32_t m = 0; m < nmatch; m++) {
		uint32_t a = sl_rd32(mo + 4 * (size_t)m), b = sl_rd32(mo + 4 * (size_t)m + 4);
		if (b <= a || b > nids)
			FAIL(SL_E_CORRUPT, (size_t)(mo - t->base) + 4 * m, "match list empty or out of order");
		for (uint32_t j = a; j < b; j++) {
			uint32_t cls = sl_rd32(ids + 4 * (size_t)j);
			int bad = cls >= t->class_count;
			if (!bad && reverse)
				bad = cls != owner;
			if (!bad && !reverse)
				bad = sl_rd32(t->base + t->classes + (size_t)cls * SL_CLS_SIZE + SL_CLS_GROUP) != owner;
			if (!bad && j > a)
				bad = cls <= sl_rd32(ids + 4 * (size_t)(j - 1));
			if (bad)
				FAIL(SL_E_CORRUPT, (size_t)(ids - t->base) + 4 * j, "match list names a wrong class");
		}
	}
	if (accel && t->version >= 3) {
		/* the list is exactly the first map's pairs, ascending: the scanner trusts either */
		const uint8_t *map = d + maps_at, *list = d + list_at + 4;
		uint32_t counted = 0;
		for (size_t i = 0; i < SL_TRIGGER_BYTES; i++) {
			unsigned v = map[i];
			v = (v & 0x55u) + (v >> 1 & 0x55u);
			v = (v & 0x33u) + (v >> 2 & 0x33u);
			counted += (v & 0x0fu) + (v >> 4);
		}
		if (counted != npairs)
			FAIL(SL_E_CORRUPT, off + (size_t)list_at, "trigger pair count differs from the pair map");
		for (uint32_t i = 0; i < npairs; i++) {
			uint32_t k = sl_rd16(list + 2 * (size_t)i);
			if ((i && k <= sl_rd16(list + 2 * (size_t)(i - 1))) || !(map[k >> 3] >> (k & 7) & 1))
				FAIL(SL_E_CORRUPT, (size_t)(list - t->base) + 2 * i, "trigger pair list out of order or not in the map");
		}
	}
	for (const uint8_t *p = d + need; p < d + len; p++)
		if (*p)
			FAIL(SL_E_CORRUPT, (size_t)(p - t->base), "DFA padding not zero");
	return SL_OK;
}

sl_status sl_table_load(sl_table *table, const void *bytes, size_t len, sl_error *err)
{
	const uint8_t *b = bytes;
	if (!table || (!bytes && len))
		FAIL(SL_E_ARG, 0, "null table or bytes");
	memset(table, 0, sizeof *table);
	if (!host_is_little_endian())
		FAIL(SL_E_ENDIAN, 0, "this runtime reads little-endian tables on little-endian hosts only");
	if (len < SL_HEADER_SIZE)
		FAIL(SL_E_TRUNCATED, len, "file shorter than the table header");
	if ((uintptr_t)b % 8)
		FAIL(SL_E_ALIGN, 0, "table bytes must be 8-byte aligned");
	if (memcmp(b, SL_MAGIC, SL_MAGIC_LEN))
		FAIL(SL_E_MAGIC, 0, "not a sluice table (bad magic)");
	if (sl_rd32(b + SL_H_ENDIAN) != SL_ENDIAN_MARK)
		FAIL(SL_E_ENDIAN, SL_H_ENDIAN, "byte order mark is wrong");
	uint32_t version = sl_rd32(b + SL_H_VERSION);
	if (version < SL_FORMAT_MIN || version > SL_FORMAT_MAX)
		FAIL(SL_E_VERSION, SL_H_VERSION, "table format version not supported by this runtime");
	uint64_t size = sl_rd64(b + SL_H_FILE_SIZE);
	if (size > len)
		FAIL(SL_E_TRUNCATED, len, "file shorter than its declared size");
	if (size < len)
		FAIL(SL_E_CORRUPT, SL_H_FILE_SIZE, "file longer than its declared size");
	uint32_t want = sl_rd32(b + SL_H_CHECKSUM);
	static const uint8_t zero[4];
	uint32_t crc = sl_crc32(0, b, SL_H_CHECKSUM);
	crc = sl_crc32(crc, zero, 4);
	crc = sl_crc32(crc, b + SL_H_CHECKSUM + 4, len - SL_H_CHECKSUM - 4);
	if (crc != want)
		FAIL(SL_E_CHECKSUM, SL_H_CHECKSUM, "checksum mismatch: the file is damaged");
	table->base = b;
	table->len = len;
	table->version = version;
	table->class_count = sl_rd32(b + SL_H_CLASS_COUNT);
	table->group_count = sl_rd32(b + SL_H_GROUP_COUNT);
	table->max_lmax = sl_rd32(b + SL_H_MAX_LMAX);
	uint32_t nsec = sl_rd32(b + SL_H_SECTION_COUNT);
	uint64_t sec = sl_rd64(b + SL_H_SECTION_TABLE);
	if (sl_rd32(b + SL_H_FLAGS) || sl_rd64(b + 56))
		FAIL(SL_E_CORRUPT, SL_H_FLAGS, "header flags or reserved field not zero");
	if (!table->class_count || table->class_count > 65535 || !table->group_count ||
		table->group_count > table->class_count)
		FAIL(SL_E_CORRUPT, SL_H_CLASS_COUNT, "class or group count out of range");
	if (nsec < SL_FIXED_SECTIONS + table->group_count + table->class_count ||
		nsec - (SL_FIXED_SECTIONS + table->group_count + table->class_count) > table->class_count * SL_MAX_EXTRA_DFAS)
		FAIL(SL_E_CORRUPT, SL_H_SECTION_COUNT, "section count does not match the class and group counts");
	table->extra_count = nsec - (SL_FIXED_SECTIONS + table->group_count + table->class_count);
	if (sec % 8 || sec < SL_HEADER_SIZE || sec > len || (len - sec) / SL_SECTION_ENTRY < nsec)
		FAIL(SL_E_CORRUPT, SL_H_SECTION_TABLE, "section table out of bounds");
	table->sections = (size_t)sec;
	/* bounds of every section first, so later checks may read any of them */
	for (uint32_t i = 0; i < nsec; i++) {
		uint32_t kind, index, want_index;
		uint64_t off, slen;
		section(table, i, &kind, &index, &off, &slen);
		size_t at = (size_t)sec + (size_t)i * SL_SECTION_ENTRY;
		uint32_t want_kind = expected_kind(table, i, &want_index);
		if (want_kind == SL_SEC_PIECE && kind == SL_SEC_LOOSE && version >= 5)
			want_kind = SL_SEC_LOOSE;
		if (kind != want_kind || (want_index != UINT32_MAX && index != want_index))
			FAIL(SL_E_CORRUPT, at, "section out of canonical order");
		if (off % 8 || off < SL_HEADER_SIZE || off > sec || slen > sec - off)
			FAIL(SL_E_CORRUPT, at, "section out of bounds or misaligned");
		if (kind == SL_SEC_STRINGS) {
			if (!slen || b[off + slen - 1] != 0)
				FAIL(SL_E_CORRUPT, (size_t)off, "strings section not NUL-terminated");
			table->strings = (size_t)off;
			table->strings_len = (size_t)slen;
		} else if (kind == SL_SEC_META) {
			if (slen != SL_META_SIZE)
				FAIL(SL_E_CORRUPT, at, "meta section has the wrong size");
			table->meta = (size_t)off;
		} else if (kind == SL_SEC_CLASSES) {
			if (slen != (uint64_t)table->class_count * SL_CLS_SIZE)
				FAIL(SL_E_CORRUPT, at, "class section size does not match the class count");
			table->classes = (size_t)off;
		} else if (kind == SL_SEC_KEYWORDS) {
			uint32_t n = sl_rd32(b + off);
			if (slen < SL_KW_HEADER || n > table->class_count || slen != SL_KW_HEADER + (uint64_t)n * SL_KW_SIZE ||
				sl_rd32(b + off + 4))
				FAIL(SL_E_CORRUPT, at, "keyword section size does not match its count");
			table->keywords = (size_t)off;
			table->keyword_count = n;
		} else if (kind == SL_SEC_FLOWS) {
			uint64_t rec = SL_FLOW_ACTIONS + (uint64_t)table->class_count * SL_ACT_SIZE;
			if (slen < SL_FLOWS_HEADER || (slen - SL_FLOWS_HEADER) / rec < sl_rd32(b + off) ||
				slen != SL_FLOWS_HEADER + rec * sl_rd32(b + off) || sl_rd32(b + off + 4))
				FAIL(SL_E_CORRUPT, at, "flow section size does not match its flow count");
			table->flows = (size_t)off;
			table->flow_count = sl_rd32(b + off);
		}
	}
	for (int f = 0; f < 3; f++) {
		uint32_t s = sl_rd32(b + table->meta + 4 * (size_t)f);
		if (s >= table->strings_len)
			FAIL(SL_E_CORRUPT, table->meta + 4 * (size_t)f, "meta string offset out of range");
	}
	if (sl_rd32(b + table->meta + 12))
		FAIL(SL_E_CORRUPT, table->meta + 12, "meta reserved field not zero");
	uint32_t max_lmax = 0, extras_seen = 0;
	for (uint32_t c = 0; c < table->class_count; c++) {
		const uint8_t *r = b + table->classes + (size_t)c * SL_CLS_SIZE;
		size_t at = table->classes + (size_t)c * SL_CLS_SIZE;
		uint32_t lmax = sl_rd32(r + SL_CLS_LMAX);
		if (sl_rd32(r + SL_CLS_NAME) >= table->strings_len)
			FAIL(SL_E_CORRUPT, at, "class name offset out of range");
		if (lmax == 0 || lmax > SL_MAX_LMAX || sl_rd32(r + SL_CLS_MIN_LEN) > lmax)
			FAIL(SL_E_CORRUPT, at + SL_CLS_LMAX, "class Lmax out of range");
		if (sl_rd32(r + SL_CLS_VALIDATOR) > SL_VALIDATOR_MAX)
			FAIL(SL_E_CORRUPT, at + SL_CLS_VALIDATOR, "unknown validator");
		if (sl_rd32(r + SL_CLS_GROUP) >= table->group_count)
			FAIL(SL_E_CORRUPT, at + SL_CLS_GROUP, "class group out of range");
		uint32_t flags = sl_rd32(r + SL_CLS_FLAGS), npat = flags >> SL_CLASS_PATTERNS_SHIFT;
		uint32_t known = SL_CLASS_CAPPED | SL_CLASS_RELAXED | SL_CLASS_MARKED | 0xff00u | (version >= 5 ? SL_CLASS_LOOSE : 0);
		if ((flags & ~known) || !(flags & SL_CLASS_MARKED) != !npat || npat > SL_MAX_MARKED_PATTERNS ||
			((flags & SL_CLASS_MARKED) && (flags & SL_CLASS_LOOSE)))
			FAIL(SL_E_CORRUPT, at + SL_CLS_FLAGS, "class flags invalid");
		/* its piece sections come next, in order (index = class * 256 + 0 .. 3 * patterns - 1), or its loose DFA */
		uint32_t nextra = 3 * npat + ((flags & SL_CLASS_LOOSE) != 0);
		for (uint32_t k = 0; k < nextra; k++) {
			uint32_t kind, index;
			uint64_t off, slen;
			if (extras_seen >= table->extra_count)
				FAIL(SL_E_CORRUPT, at + SL_CLS_FLAGS, "marker piece or loose automaton missing");
			section(table, 2 + table->group_count + table->class_count + extras_seen, &kind, &index, &off, &slen);
			if (npat ? kind != SL_SEC_PIECE || index != SL_PIECE_INDEX(c, k / 3, k % 3) : kind != SL_SEC_LOOSE || index != c)
				FAIL(SL_E_CORRUPT, table->sections, "marker piece or loose automaton out of order");
			extras_seen++;
		}
		if (sl_rd32(r + SL_CLS_LABEL) >= table->strings_len)
			FAIL(SL_E_CORRUPT, at + SL_CLS_LABEL, "class label offset out of range");
		if (lmax > max_lmax)
			max_lmax = lmax;
	}
	if (extras_seen != table->extra_count)
		FAIL(SL_E_CORRUPT, SL_H_SECTION_COUNT, "marker piece or loose automata without a class that has them");
	if (max_lmax != table->max_lmax)
		FAIL(SL_E_CORRUPT, SL_H_MAX_LMAX, "header Lmax does not match the classes");
	for (uint32_t i = 0; i < table->keyword_count; i++) {
		size_t r = table->keywords + SL_KW_HEADER + (size_t)i * SL_KW_SIZE;
		uint32_t cls = sl_rd32(b + r + SL_KW_CLASS), list = sl_rd32(b + r + SL_KW_LIST);
		if (cls >= table->class_count || (i && cls <= sl_rd32(b + r - SL_KW_SIZE + SL_KW_CLASS)) ||
			sl_rd32(b + r + SL_KW_WINDOW) > SL_MAX_LMAX || list >= table->strings_len || !b[table->strings + list] ||
			sl_rd32(b + r + 12))
			FAIL(SL_E_CORRUPT, r, "keyword entry invalid");
	}
	uint64_t rec = SL_FLOW_ACTIONS + (uint64_t)table->class_count * SL_ACT_SIZE;
	for (uint32_t f = 0; f < table->flow_count; f++) {
		size_t r = table->flows + SL_FLOWS_HEADER + (size_t)(rec * f);
		if (sl_rd32(b + r + SL_FLOW_SRC) >= table->strings_len || sl_rd32(b + r + SL_FLOW_DST) >= table->strings_len)
			FAIL(SL_E_CORRUPT, r, "flow name offset out of range");
		for (uint32_t c = 0; c < table->class_count; c++) {
			size_t a = r + SL_FLOW_ACTIONS + (size_t)c * SL_ACT_SIZE;
			if (b[a + SL_ACT_KIND] > SL_ACTION_MAX || sl_rd16(b + a + 6) || sl_rd32(b + a + 12))
				FAIL(SL_E_CORRUPT, a, "flow action invalid");
			if (sl_rd32(b + a + SL_ACT_TEXT) >= table->strings_len)
				FAIL(SL_E_CORRUPT, a + SL_ACT_TEXT, "flow action text offset out of range");
		}
	}
	for (uint32_t i = 2; i < 2 + table->group_count + table->class_count + table->extra_count; i++) {
		uint32_t kind, index;
		uint64_t off, slen;
		section(table, i, &kind, &index, &off, &slen);
		uint32_t owner = kind == SL_SEC_PIECE ? index / 256 : index;
		sl_status rc = check_dfa(table, (size_t)off, slen, kind != SL_SEC_FORWARD, kind == SL_SEC_LOOSE, owner, err);
		if (rc != SL_OK) {
			memset(table, 0, sizeof *table);
			return rc;
		}
	}
	table->scanner_size = sl__scanner_bytes(table);
	table->stream_size = sl__stream_bytes(table);
	return SL_OK;
}

uint32_t sl_table_class_count(const sl_table *t)
{
	return t->class_count;
}

const char *sl_table_class_name(const sl_table *t, uint32_t id)
{
	if (id >= t->class_count)
		return NULL;
	return (const char *)t->base + t->strings + sl_rd32(t->base + t->classes + (size_t)id * SL_CLS_SIZE);
}

uint32_t sl_table_class_lmax(const sl_table *t, uint32_t id)
{
	if (id >= t->class_count)
		return 0;
	return sl_rd32(t->base + t->classes + (size_t)id * SL_CLS_SIZE + SL_CLS_LMAX);
}

void sl_table_get_info(const sl_table *t, sl_table_info *info)
{
	const uint8_t *m = t->base + t->meta;
	const char *s = (const char *)t->base + t->strings;
	info->policy_name = s + sl_rd32(m + SL_META_NAME);
	info->policy_version = s + sl_rd32(m + SL_META_VERSION);
	info->compiler = s + sl_rd32(m + SL_META_COMPILER);
	info->revision = sl_rd64(m + SL_META_REVISION);
	info->digest = m + SL_META_DIGEST;
	info->format_version = t->version;
	info->class_count = t->class_count;
	info->group_count = t->group_count;
	info->max_lmax = t->max_lmax;
	info->section_count = SL_FIXED_SECTIONS + t->group_count + t->class_count + t->extra_count;
	info->scanner_size = t->scanner_size;
	info->stream_size = t->stream_size;
}

sl_status sl_table_section(const sl_table *t, uint32_t i, sl_section_info *info)
{
	if (i >= SL_FIXED_SECTIONS + t->group_count + t->class_count + t->extra_count)
		return SL_E_ARG;
	memset(info, 0, sizeof *info);
	section(t, i, &info->kind, &info->index, &info->offset, &info->length);
	if (info->kind == SL_SEC_FORWARD || info->kind == SL_SEC_REVERSE || info->kind == SL_SEC_PIECE ||
		info->kind == SL_SEC_LOOSE) {
		const uint8_t *d = t->base + info->offset;
		info->exact_below = sl_rd32(d + SL_D_EXACT_BELOW);
		info->states = sl_rd32(d + SL_D_NSTATES);
		info->symbols = sl_rd32(d + SL_D_NSYMS);
		info->id_width = sl_rd32(d + SL_D_WIDTH);
		info->match_states = sl_rd32(d + SL_D_MATCH_COUNT);
		info->accelerated = sl_rd32(d + SL_D_FLAGS) & SL_DFA_ACCEL;
		if (info->accelerated) {
			info->lookback = sl_rd32(d + SL_D_LOOKBACK);
			info->near = sl_rd32(d + SL_D_NEAR);
			const uint8_t *bits = d + SL_D_TRANS + sl_dfa_trans_bytes(info->states, sl_rd32(d + SL_D_STRIDE),
				info->id_width) + 4 * ((size_t)info->match_states + 1) + 4 * (size_t)sl_rd32(d + SL_D_NMATCH_IDS);
			for (size_t k = 0; k < SL_TRIGGER_BYTES; k++)
				for (unsigned b = bits[k]; b; b &= b - 1)
					info->trigger_pairs++;
		}
	}
	return SL_OK;
}

const char *sl_table_class_label(const sl_table *t, uint32_t id)
{
	if (id >= t->class_count)
		return NULL;
	return (const char *)t->base + t->strings + sl_rd32(t->base + t->classes + (size_t)id * SL_CLS_SIZE + SL_CLS_LABEL);
}

static const uint8_t *flow_record(const sl_table *t, uint32_t flow)
{
	return t->base + t->flows + SL_FLOWS_HEADER +
		(size_t)flow * (SL_FLOW_ACTIONS + (size_t)t->class_count * SL_ACT_SIZE);
}

uint32_t sl_table_flow_count(const sl_table *t)
{
	return t->flow_count;
}

const char *sl_table_flow_src(const sl_table *t, uint32_t flow)
{
	return flow < t->flow_count ? (const char *)t->base + t->strings + sl_rd32(flow_record(t, flow) + SL_FLOW_SRC) : NULL;
}

const char *sl_table_flow_dst(const sl_table *t, uint32_t flow)
{
	return flow < t->flow_count ? (const char *)t->base + t->strings + sl_rd32(flow_record(t, flow) + SL_FLOW_DST) : NULL;
}

sl_status sl_table_flow_find(const sl_table *t, const char *src, const char *dst, uint32_t *flow)
{
	if (!src || !dst || !flow)
		return SL_E_ARG;
	for (uint32_t f = 0; f < t->flow_count; f++) {
		if (!strcmp(sl_table_flow_src(t, f), src) && !strcmp(sl_table_flow_dst(t, f), dst)) {
			*flow = f;
			return SL_OK;
		}
	}
	return SL_E_ARG;
}

sl_status sl_table_flow_action(const sl_table *t, uint32_t flow, uint32_t id, sl_action_spec *spec)
{
	if (flow >= t->flow_count || id >= t->class_count || !spec)
		return SL_E_ARG;
	const uint8_t *a = flow_record(t, flow) + SL_FLOW_ACTIONS + (size_t)id * SL_ACT_SIZE;
	spec->action = (sl_action)a[SL_ACT_KIND];
	spec->mask_byte = a[SL_ACT_MASK_BYTE];
	spec->keep_first = sl_rd16(a + SL_ACT_KEEP_FIRST);
	spec->keep_last = sl_rd16(a + SL_ACT_KEEP_LAST);
	spec->replacement = (const char *)t->base + t->strings + sl_rd32(a + SL_ACT_TEXT);
	return SL_OK;
}

const char *sl_status_str(sl_status code)
{
	static const char *const text[] = {
#define SL_STATUS_TEXT(name, str) str,
		SL_STATUS_LIST(SL_STATUS_TEXT)
#undef SL_STATUS_TEXT
	};
	return (unsigned)code < SL_STATUS_COUNT ? text[code] : "unknown status";
}
