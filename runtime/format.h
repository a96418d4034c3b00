/*
 * format.h - the .slc table format, shared by the writer (compiler/emit.c) and the reader
 * (runtime/load.c). docs/format.md describes it in prose; this file is its single definition.
 * SPDX-License-Identifier: MIT
 *
 * Little-endian, every section 8-byte aligned, loadable in place. Layout:
 *   header (SL_HEADER_SIZE bytes) | sections ... | section table (count * SL_SECTION_ENTRY bytes)
 * Sections in canonical order: meta, classes, forward DFA per group, reverse DFA per class, per
 * class its marker piece DFAs (ascending index) or its loose reverse DFA, keywords, flows, strings
 * (so a section is found without a search).
 * Fields are read and written one by one with explicit little-endian helpers; no struct is ever
 * copied to or from the file.
 */
#ifndef SLUICE_RUNTIME_FORMAT_H
#define SLUICE_RUNTIME_FORMAT_H

#include <stdint.h>

/*
 * 2: forward DFAs have four starts and may be accelerated; 3: with pair lists; 4: with lead bytes;
 * 5: with loose reverse DFAs
 */
#define SL_FORMAT_VERSION 5
/* 0x89 catches 7-bit channels, CR LF and ^Z catch text-mode conversions (as PNG's signature). */
#define SL_MAGIC "\x89SLC\r\n\x1a\n"
#define SL_MAGIC_LEN 8
#define SL_ENDIAN_MARK 0x01020304u

/* Header fields (byte offsets). */
enum {
	SL_H_MAGIC = 0,
	SL_H_ENDIAN = 8,
	SL_H_VERSION = 12,
	SL_H_FILE_SIZE = 16,     /* u64 */
	SL_H_CHECKSUM = 24,      /* CRC-32 (IEEE) of the whole file with these 4 bytes zero */
	SL_H_SECTION_COUNT = 28,
	SL_H_SECTION_TABLE = 32, /* u64 offset */
	SL_H_CLASS_COUNT = 40,
	SL_H_GROUP_COUNT = 44,
	SL_H_MAX_LMAX = 48,
	SL_H_FLAGS = 52,
	SL_HEADER_SIZE = 64
};

/* Section table entry: u32 kind, u32 index, u64 offset, u64 length. */
#define SL_SECTION_ENTRY 24
enum sl_section_kind {
	SL_SEC_STRINGS = 1, /* NUL-terminated strings; the section ends with NUL */
	SL_SEC_META = 2,    /* policy name, version, compiler, revision, source digest */
	SL_SEC_CLASSES = 3, /* class records */
	SL_SEC_FORWARD = 4, /* one per group (index = group): unanchored DFA reporting match ends */
	SL_SEC_REVERSE = 5, /* one per class (index = class): anchored DFA run backwards for starts */
	SL_SEC_FLOWS = 6,   /* u32 count, u32 0, then one record per flow (SL_FLOW_*) */
	SL_SEC_PIECE = 7,   /* marked classes: index = class * 256 + 3 * pattern + piece (after, value, before) */
	SL_SEC_KEYWORDS = 8, /* u32 count, u32 0, then per class with keywords: u32 class, u32 window, u32 list, u32 0 */
	SL_SEC_LOOSE = 9     /* v5, classes flagged SL_CLASS_LOOSE: index = class; the reverse DFA with wide
	                        counted repeats left open, exact for spans below its SL_D_EXACT_BELOW */
};
#define SL_PIECE_INDEX(cls, pattern, piece) ((cls) * 256u + 3u * (pattern) + (piece))
#define SL_MAX_MARKED_PATTERNS 85
#define SL_FIXED_SECTIONS 5 /* meta, classes, keywords, flows, strings */
/* pieces and loose DFAs: at most 3 * SL_MAX_MARKED_PATTERNS per class (a marked class has no loose one) */
#define SL_MAX_EXTRA_DFAS (3u * SL_MAX_MARKED_PATTERNS)
enum { SL_KW_HEADER = 8, SL_KW_CLASS = 0, SL_KW_WINDOW = 4, SL_KW_LIST = 8, SL_KW_SIZE = 16 };

/* META: u32 name, u32 version, u32 compiler (string offsets), u32 0, u64 revision, u8 digest[32]. */
enum { SL_META_NAME = 0, SL_META_VERSION = 4, SL_META_COMPILER = 8, SL_META_REVISION = 16,
	SL_META_DIGEST = 24, SL_META_SIZE = 56 };

/* CLASSES: one record per class. */
enum {
	SL_CLS_NAME = 0,      /* string offset */
	SL_CLS_LMAX = 4,      /* 1..SL_MAX_LMAX */
	SL_CLS_MIN_LEN = 8,
	SL_CLS_VALIDATOR = 12,/* sl validator id, 0 = none */
	SL_CLS_GROUP = 16,    /* forward DFA that reports its ends */
	SL_CLS_FLAGS = 20,    /* SL_CLASS_CAPPED | SL_CLASS_RELAXED | SL_CLASS_MARKED | SL_CLASS_LOOSE */
	SL_CLS_LABEL = 24,    /* string offset of its sensitivity label ("" when none) */
	SL_CLS_RANK = 28,     /* the label's rank in the policy's order (0 = least sensitive) */
	SL_CLS_SIZE = 32
};

/* FLOWS: header, then per flow: u32 src, u32 dst (string offsets), then one action per class. */
enum { SL_FLOWS_COUNT = 0, SL_FLOWS_HEADER = 8, SL_FLOW_SRC = 0, SL_FLOW_DST = 4, SL_FLOW_ACTIONS = 8 };
/* An action entry: u8 action, u8 mask byte, u16 keep first, u16 keep last, u16 0, u32 text, u32 0. */
enum { SL_ACT_KIND = 0, SL_ACT_MASK_BYTE = 1, SL_ACT_KEEP_FIRST = 2, SL_ACT_KEEP_LAST = 4, SL_ACT_TEXT = 8,
	SL_ACT_SIZE = 16 };
#define SL_ACTION_MAX 4 /* allow, mask, hash, redact, block: in increasing restrictiveness */
#define SL_CLASS_CAPPED 1u
#define SL_CLASS_RELAXED 2u
#define SL_CLASS_MARKED 4u            /* coverage is the (?P<value>...) part: see the piece DFAs */
#define SL_CLASS_LOOSE 8u             /* v5: a loose reverse DFA follows (never with SL_CLASS_MARKED) */
#define SL_CLASS_PATTERNS_SHIFT 8     /* bits 8..15: patterns with piece DFAs (marked classes) */
#define SL_MAX_LMAX (1u << 20)
/*
 * Validators a class may name (`validate NAME`), by id; the runtime implements them in validate.c and
 * the compiler resolves names from this list. Ids are part of the format: append, never renumber.
 * X(id, NAME, one-line description)
 */
#define SL_VALIDATORS(X) \
	X(1, luhn, "Luhn mod 10 over 12-19 digits (payment cards)") \
	X(2, iban, "ISO 13616 mod 97 (IBAN)") \
	X(3, verhoeff, "Verhoeff check digit (IN Aadhaar)") \
	X(4, nhs, "UK NHS number: weighted mod 11") \
	X(5, cpf, "BR CPF: two mod-11 check digits") \
	X(6, cnpj, "BR CNPJ: two mod-11 check digits") \
	X(7, bsn, "NL BSN: 11-proef (weights 9..2, -1)") \
	X(8, dni, "ES DNI/NIE: mod-23 control letter") \
	X(9, de_taxid, "DE Steuer-ID: ISO 7064 MOD 11,10 and digit repetition rule") \
	X(10, it_cf, "IT codice fiscale: odd/even table check letter") \
	X(11, fr_nir, "FR NIR: key = 97 - (number mod 97)") \
	X(12, sin, "CA SIN: Luhn over exactly 9 digits") \
	X(13, aba, "US ABA routing number: 3-7-1 weights mod 10") \
	X(14, tfn, "AU TFN: weighted sum mod 11") \
	X(15, ghcrc32, "GitHub/npm token: last 6 chars = base62 CRC32 of the 30-char body") \
	X(16, jwt, "JWT: base64url header decodes to a JSON object with \"alg\"") \
	X(17, entropy, "token: whole span >= 16 bytes, Shannon entropy >= 3.0 bits/byte, not a placeholder") \
	X(18, secret_value, "keyword value: >= 6 bytes, letters mixed with digits or symbols, entropy >= 2.0, not a placeholder") \
	X(19, pesel, "PL PESEL: weights 1,3,7,9 mod 10") \
	X(20, cn_id, "CN resident id: ISO 7064 MOD 11-2") \
	X(21, generic_secret, "generic value: >= 16 bytes, letters and digits, entropy >= 3.0 bits/byte, not a placeholder") \
	X(22, url_password, "URL credential: the password of user:password@host, >= 3 bytes, not a placeholder")
#define SL_VALIDATOR_MAX 22

/*
 * DFA section: header, byte class map, transitions, match lists.
 * States are renumbered so dead is 0 and the match states are 1..match_count; ids in the table are
 * premultiplied (index * stride, the stride being the symbol count: no padding columns), so a step
 * is trans[id + class] and "is this state special" is one comparison: id <= match_max.
 * An accelerated forward DFA (flag SL_DFA_ACCEL) numbers its idle states (fresh starts after a
 * byte, start[1..3]) right after the match states, up to idle_max, and appends its trigger bitmap
 * after the match ids: u8[8192], bit k % 8 of byte k / 8 set when bytes x, y in a row (k = x | y << 8)
 * are a trigger pair; then u8[8192], the same bits for the pairs that restart `lookback` bytes back
 * (the others restart `near` bytes back); then u8[8192], bit sl_triple_bit(x, y, z) set when byte z
 * may follow the trigger pair x, y in a match. From version 3: then u32 n and the n trigger pairs
 * as u16 keys x | y << 8, ascending (exactly the bits of the first map), then padding to 8. The
 * scanner builds its union of pairs from the list: reading the 8 KiB maps at every init cost more
 * than the short message it was set up for.
 */
enum {
	SL_D_NSTATES = 0,
	SL_D_NSYMS = 4,       /* byte classes + 1; the last symbol is end-of-input */
	SL_D_STRIDE = 8,      /* entries per state: equal to nsyms */
	SL_D_WIDTH = 12,      /* bytes per transition entry: 2 or 4 */
	SL_D_NSTARTS = 16,    /* 4, by the kind of the byte before the start (reverse: after the end); 1 in v1 forward */
	SL_D_START = 20,      /* u32[4], premultiplied */
	SL_D_MATCH_COUNT = 36,/* match states are indices 1..match_count */
	SL_D_NMATCH_IDS = 40,
	SL_D_FLAGS = 44,      /* SL_DFA_ACCEL */
	SL_D_IDLE_MAX = 48,   /* accelerated: premultiplied id of the last idle state, else 0 */
	SL_D_LOOKBACK = 52,   /* accelerated: a match's first trigger pair starts at most this far past its start */
	SL_D_NEAR = 56,       /* accelerated: the lookback of the pairs not marked far (<= lookback) */
	SL_D_EXACT_BELOW = 60,/* loose DFAs: its starts fewer bytes than this before the end are starts of
	                         the class's reverse DFA too (1..Lmax + 1); 0 in every other DFA */
	SL_D_HEADER = 64,
	SL_D_CLASSMAP = 64,   /* u8[256] */
	SL_D_TRANS = 320      /* nstates * stride entries of `width` bytes, then padding to 4 */
	/* then u32 match_off[match_count + 1], u32 match_ids[nmatch_ids], padding to 8 */
};
#define SL_DFA_MAX_SYMS 257
#define SL_DFA_ACCEL 1u
#define SL_TRIGGER_BYTES 8192 /* a bit per byte pair x | y << 8 */
#define SL_TRIGGER_MAPS 3      /* an accelerated DFA's maps: trigger pairs, far pairs, third bytes */
#define SL_LEAD_BYTES 32       /* format 4, after the maps: a bit per byte a match may hold before its first pair */

/*
 * The bit of the third-byte map for bytes x, y, z in a row: a hash, so a collision only costs a
 * needless restart. Set for every byte that may follow a trigger pair inside a match (every byte,
 * when the match may end right after the pair).
 */
static inline uint32_t sl_triple_bit(unsigned x, unsigned y, unsigned z)
{
	return ((uint32_t)(x | y << 8 | z << 16) * 0x9E3779B1u) >> 16;
}

/* kinds of the byte before a position (start states are chosen by it) */
enum { SL_PREV_TEXT = 0, SL_PREV_NL = 1, SL_PREV_WORD = 2, SL_PREV_OTHER = 3 };

static inline uint32_t sl_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t sl_rd64(const uint8_t *p)
{
	return (uint64_t)sl_rd32(p) | (uint64_t)sl_rd32(p + 4) << 32;
}
static inline uint16_t sl_rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* CRC-32 (IEEE, reflected) of len bytes at p, continuing crc (0 to start); runtime/crc32.c. */
uint32_t sl_crc32(uint32_t crc, const uint8_t *p, uint64_t len);

/* Bytes of a DFA section's transition table, padded to 4. */
static inline uint64_t sl_dfa_trans_bytes(uint32_t nstates, uint32_t stride, uint32_t width)
{
	return ((uint64_t)nstates * stride * width + 3) & ~(uint64_t)3;
}

#endif
