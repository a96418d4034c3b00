/*
 * sluice.h - the public API of the sluice runtime: load compiled tables, scan buffers and streams.
 * SPDX-License-Identifier: MIT
 *
 * Rules that hold for every function below:
 *  - The runtime never allocates, never prints and keeps no global state. The caller owns every byte:
 *    the table file, the scanner memory, the input. Nothing needs to be freed.
 *  - A pointer argument MUST NOT be NULL unless it is paired with a length of 0 or documented otherwise.
 *  - An sl_table is a read-only view over the caller's table bytes. It MUST NOT outlive them; it may be
 *    shared by any number of threads and scanners. A scanner belongs to one thread at a time.
 *  - Match semantics (docs/algorithms.md): for each class, a finding is a maximal interval of the union
 *    of all spans [start, end) that match one of its patterns, are at most Lmax bytes long and pass its
 *    validators. Look-around (^ $ \b \B) is judged against the whole stream. Findings are identical for
 *    every way of cutting the stream into chunks; each is reported exactly once, when it is final.
 */
#ifndef SLUICE_RUNTIME_SLUICE_H
#define SLUICE_RUNTIME_SLUICE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Section - Version ------------------------------------------------------------------------- */

/* Table format versions this runtime reads (docs/format.md). */
#define SL_FORMAT_MIN 1
#define SL_FORMAT_MAX 5

/* ---- Section - Status codes -------------------------------------------------------------------- */

#define SL_STATUS_LIST(X) \
	X(SL_OK, "ok") \
	X(SL_E_ARG, "invalid argument") \
	X(SL_E_TRUNCATED, "table truncated") \
	X(SL_E_MAGIC, "not a sluice table (bad magic)") \
	X(SL_E_ENDIAN, "table byte order not supported") \
	X(SL_E_VERSION, "table format version not supported") \
	X(SL_E_ALIGN, "table bytes not 8-byte aligned") \
	X(SL_E_CHECKSUM, "table checksum mismatch") \
	X(SL_E_CORRUPT, "table corrupt") \
	X(SL_E_SPACE, "scanner memory too small or misaligned") \
	X(SL_E_STOPPED, "stopped by callback") \
	X(SL_E_STATE, "scanner used after finish") \
	X(SL_E_BLOCKED, "stream blocked by policy") \
	X(SL_E_KEY, "flow hashes values but no key was given")

typedef enum sl_status {
#define SL_STATUS_ENUM(name, text) name,
	SL_STATUS_LIST(SL_STATUS_ENUM)
#undef SL_STATUS_ENUM
	SL_STATUS_COUNT
} sl_status;

/* A static, human-readable string for a status code. */
const char *sl_status_str(sl_status code);

/* Filled by sl_table_load on failure: the code, the file offset it concerns, and a static message. */
typedef struct sl_error {
	sl_status code;
	size_t offset;
	const char *msg;
} sl_error;

/* ---- Section - Tables -------------------------------------------------------------------------- */

/* A validated view over table bytes. Fields are private; the struct is public only for its size. */
typedef struct sl_table {
	const uint8_t *base;
	size_t len;
	uint32_t version;
	uint32_t class_count;
	uint32_t group_count;
	uint32_t max_lmax;
	size_t sections;    /* offset of the section table (canonical order, see docs/format.md) */
	size_t classes;     /* offset of the class records */
	size_t strings, strings_len;
	size_t meta;
	size_t flows;
	uint32_t flow_count;
	uint32_t extra_count; /* DFAs after the reverse ones: marker pieces and loose reverse DFAs */
	size_t keywords;      /* offset of the keywords section */
	uint32_t keyword_count;
	size_t scanner_size;
	size_t stream_size;
} sl_table;

/*
 * Validates `len` bytes at `bytes` (8-byte aligned) and fills *table. Everything is checked before
 * SL_OK is returned: magic, version range, checksum, every offset, length and state id, every match
 * list and string. Any other outcome is an error code, and *err (optional) says what and where.
 * O(len), no allocation. The bytes must stay unchanged while the table is in use.
 */
sl_status sl_table_load(sl_table *table, const void *bytes, size_t len, sl_error *err);

uint32_t sl_table_class_count(const sl_table *table);
/* Name of class `id` (NUL-terminated, inside the table bytes), or NULL if id is out of range. */
const char *sl_table_class_name(const sl_table *table, uint32_t id);
/* Maximum match length of class `id`, or 0 if id is out of range. */
uint32_t sl_table_class_lmax(const sl_table *table, uint32_t id);

/* Table metadata for tools (sluice inspect); every pointer points into the table bytes. */
typedef struct sl_table_info {
	const char *policy_name;
	const char *policy_version;
	const char *compiler;
	uint64_t revision;
	const uint8_t *digest; /* 32 bytes: SHA-256 of the canonical sources */
	uint32_t format_version;
	uint32_t class_count, group_count, max_lmax;
	uint32_t section_count;
	size_t scanner_size; /* sl_scanner_size: scratch plus one stream */
	size_t stream_size;  /* sl_stream_size: what each further stream needs */
} sl_table_info;
void sl_table_get_info(const sl_table *table, sl_table_info *info);

/* Label name of class `id` ("" when it has none), or NULL if id is out of range. */
const char *sl_table_class_label(const sl_table *table, uint32_t id);

/* ---- Section - Flows --------------------------------------------------------------------------- */

/* Actions, in increasing restrictiveness: when findings overlap, the larger value wins. */
typedef enum sl_action { SL_ALLOW = 0, SL_MASK = 1, SL_HASH = 2, SL_REDACT = 3, SL_BLOCK = 4 } sl_action;

typedef struct sl_action_spec {
	sl_action action;
	uint8_t mask_byte;        /* SL_MASK: the replacement byte */
	uint16_t keep_first;      /* SL_MASK: bytes left in clear at the start */
	uint16_t keep_last;       /* SL_MASK: and at the end */
	const char *replacement;  /* SL_REDACT: the text written instead ("" = "[CLASS]") */
} sl_action_spec;

uint32_t sl_table_flow_count(const sl_table *table);
/* Finds the flow from `src` to `dst`; SL_E_ARG when the policy declares no such edge (deny). */
sl_status sl_table_flow_find(const sl_table *table, const char *src, const char *dst, uint32_t *flow);
/* Source and sink names of a flow, or NULL if out of range. */
const char *sl_table_flow_src(const sl_table *table, uint32_t flow);
const char *sl_table_flow_dst(const sl_table *table, uint32_t flow);
/* What `flow` does to class `id`. */
sl_status sl_table_flow_action(const sl_table *table, uint32_t flow, uint32_t id, sl_action_spec *spec);

typedef struct sl_section_info {
	uint32_t kind;  /* 1 strings, 2 meta, 3 classes, 4 forward DFA, 5 reverse DFA, 6 flows, 7 marker piece
	                   DFA, 8 keywords, 9 loose reverse DFA */
	uint32_t index; /* group or class of a DFA */
	uint64_t offset, length;
	uint32_t states, symbols, id_width, match_states; /* DFAs only */
	uint32_t accelerated, lookback, near, trigger_pairs; /* accelerated forward DFAs only */
	uint32_t exact_below; /* loose reverse DFAs only: its starts are exact for spans shorter than this */
} sl_section_info;
/* Describes section `i` (0-based); SL_E_ARG if out of range. */
sl_status sl_table_section(const sl_table *table, uint32_t i, sl_section_info *info);

/* ---- Section - Scanning ------------------------------------------------------------------------ */

typedef struct sl_finding {
	uint32_t class_id;
	uint64_t start; /* absolute byte offset in the stream, inclusive */
	uint64_t end;   /* exclusive */
} sl_finding;

/* Called once per finding. Return 0 to go on, anything else to stop the scan (SL_E_STOPPED). */
typedef int (*sl_on_finding)(void *ctx, const sl_finding *finding);

/*
 * Opaque streaming scanner living in caller memory. A scanner is working memory (decoded tables,
 * the trigger index, buffers) plus one stream of its own; sl_scanner_push and sl_scanner_finish
 * scan that stream. To keep many streams open (a gateway's connections), give each an sl_stream,
 * which holds only what must last between pushes, and scan it with a scanner of the same table
 * (sl_scanner_push_stream): one scanner per thread serves any number of streams, one push at a
 * time. Findings do not depend on which scanner served which push.
 */
typedef struct sl_scanner sl_scanner;
typedef struct sl_stream sl_stream;

/* Bytes of scanner memory `table` needs: its working memory plus its own stream. */
size_t sl_scanner_size(const sl_table *table);

/*
 * Sets up a scanner in `mem` (8-byte aligned, at least sl_scanner_size bytes) and stores it in *out.
 * The scanner refers to `table`, which must outlive it.
 */
sl_status sl_scanner_init(void *mem, size_t mem_len, const sl_table *table, sl_scanner **out);

/*
 * Starts a new stream on the same scanner, as sl_scanner_init would, without redoing what init
 * derives from the table (its trigger index costs a few microseconds: to scan many short
 * messages, initialize once and reset per message). Works in any state, finished or not.
 */
sl_status sl_scanner_reset(sl_scanner *s);

/* Scans the next `len` bytes of the stream; findings that became final are reported. */
sl_status sl_scanner_push(sl_scanner *s, const void *buf, size_t len, sl_on_finding cb, void *ctx);

/* Ends the stream: takes the end-of-input step and reports every remaining finding. */
sl_status sl_scanner_finish(sl_scanner *s, sl_on_finding cb, void *ctx);

/*
 * Bytes of one stream of `table`: the history (max Lmax bytes, more with keyword windows), each
 * class's coverage ring and a few words per class and group.
 */
size_t sl_stream_size(const sl_table *table);

/*
 * Sets up a stream at position 0 in `mem` (8-byte aligned, at least sl_stream_size bytes). It
 * refers to `table`, which must outlive it. A stream MUST NOT be moved or copied once set up.
 */
sl_status sl_stream_init(void *mem, size_t mem_len, const sl_table *table, sl_stream **out);

/* Starts the stream over at position 0, in any state. */
sl_status sl_stream_reset(sl_stream *st);

/*
 * sl_scanner_push and sl_scanner_finish for stream `st`, using scanner `s` as working memory.
 * SL_E_ARG if `st` belongs to another table. A stream is used by one thread at a time.
 */
sl_status sl_scanner_push_stream(sl_scanner *s, sl_stream *st, const void *buf, size_t len, sl_on_finding cb,
	void *ctx);
sl_status sl_scanner_finish_stream(sl_scanner *s, sl_stream *st, sl_on_finding cb, void *ctx);

/* Whole-buffer scan: sl_scanner_init + push + finish over caller memory `mem`. */
sl_status sl_scan(const sl_table *table, const void *buf, size_t len, void *mem, size_t mem_len,
	sl_on_finding cb, void *ctx);


/* ---- Section - Filtering ----------------------------------------------------------------------- */

/*
 * A filter enforces one flow of a table on a byte stream (docs/enforcement.md): it scans the input,
 * transforms every finding with the flow's action and writes the result through a callback, holding
 * back exactly the bytes a pending finding could still cover. Rules:
 *  - Widening: each finding is widened to whole UTF-8 code points (so valid UTF-8 stays valid).
 *  - Overlap: widened findings that share a byte form one span; the span is transformed once, with
 *    the most restrictive action among them (SL_BLOCK > SL_REDACT > SL_HASH > SL_MASK > SL_ALLOW);
 *    on a tie the class with the lowest id supplies the action's parameters and the name.
 *  - Hold-back: a byte is written as soon as no finding that is still to be reported can cover it
 *    (the scanner's settled position, then rounded down to a code point boundary). If more than
 *    `holdback_limit` input bytes would have to be held at any stream position, the stream is
 *    blocked (fail closed). The decision depends only on the stream, never on how it is chunked.
 *  - Block: when the first span whose action is SL_BLOCK is final, everything before it has been
 *    written (transformed) and nothing of it, nor after it, ever is. push/finish return
 *    SL_E_BLOCKED from then on; sl_filter_blocked says why.
 * For every chunking of the input, the concatenated output is the same.
 */

/* Receives output bytes. Return 0 to go on, anything else to stop the filter (SL_E_STOPPED). */
typedef int (*sl_write_fn)(void *ctx, const void *buf, size_t len);

/* One transformed span, reported in stream order when it is written (or when it blocks). */
typedef struct sl_decision {
	uint32_t class_id;       /* the class whose action applied */
	sl_action action;
	uint64_t start, end;     /* input byte offsets of the span, widened to code points */
	uint64_t out_start, out_end; /* output byte offsets of what replaced it (equal for a block) */
	int has_fingerprint;     /* 1 when the filter has a key */
	uint8_t fingerprint[8];  /* first bytes of HMAC-SHA256(key, span); never the value itself */
} sl_decision;

/* Called once per decision. Return 0 to go on, anything else to stop the filter (SL_E_STOPPED). */
typedef int (*sl_on_decision)(void *ctx, const sl_decision *d);

typedef enum sl_block_reason {
	SL_BLOCK_NONE = 0,     /* not blocked */
	SL_BLOCK_ACTION = 1,   /* a finding whose action is SL_BLOCK */
	SL_BLOCK_HOLDBACK = 2, /* holding back would have exceeded the limit */
	SL_BLOCK_INPUT = 3     /* the input cannot be enforced (SSE: malformed event, event too large, n > 1) */
} sl_block_reason;

#define SL_NO_CLASS UINT32_MAX

typedef struct sl_block_info {
	sl_block_reason reason;
	uint32_t class_id; /* the blocking class, or SL_NO_CLASS when none is to blame */
	uint64_t offset;   /* input offset: the blocked span's start, or the first byte held too long */
	uint64_t written;  /* output bytes written before the block */
} sl_block_info;

typedef struct sl_filter_stats {
	uint64_t in, out;      /* bytes pushed and written */
	uint64_t max_held;     /* most input bytes held back after any push step */
	uint64_t decisions;
} sl_filter_stats;

typedef struct sl_filter sl_filter;

/*
 * Bytes of filter memory for `table` with the given hold-back limit (input bytes, >= 1), or 0 if
 * the limit is out of range (above 2^30). About scanner size + 4 x the limit rounded up to a power
 * of two. A limit below the table's max Lmax blocks every stream longer than the limit.
 */
size_t sl_filter_size(const sl_table *table, size_t holdback_limit);

/*
 * Sets up a filter for `flow` (sl_table_flow_find) in `mem` (8-byte aligned, sl_filter_size bytes).
 * `key` (may be NULL with key_len 0) keys the pseudonyms of SL_HASH and the fingerprints; it is
 * absorbed at init, the filter keeps no pointer to it. SL_E_ARG for a flow the table does not
 * declare or a mask byte that is not ASCII; SL_E_KEY if the flow hashes and key_len is 0.
 */
sl_status sl_filter_init(void *mem, size_t mem_len, const sl_table *table, uint32_t flow, const void *key,
	size_t key_len, size_t holdback_limit, sl_filter **out);

/* Optional: report every decision to `cb` (NULL to stop reporting). */
void sl_filter_set_decision_cb(sl_filter *f, sl_on_decision cb, void *ctx);

/* Pushes the next `len` input bytes; writes every byte that became final. SL_E_BLOCKED once blocked. */
sl_status sl_filter_push(sl_filter *f, const void *buf, size_t len, sl_write_fn out, void *ctx);

/* Ends the stream: reports the last findings and writes everything still held (or blocks). */
sl_status sl_filter_finish(sl_filter *f, sl_write_fn out, void *ctx);

/* Why the stream was blocked (reason SL_BLOCK_NONE when it was not). */
void sl_filter_blocked(const sl_filter *f, sl_block_info *info);
void sl_filter_get_stats(const sl_filter *f, sl_filter_stats *stats);

/* ---- Section - LLM event streams ---------------------------------------------------------------- */

/*
 * Server-sent-event streams of LLM APIs, where the text lives in JSON string fields of many events:
 * OpenAI chat completions (`choices[0].delta.content`) and Anthropic messages (`content_block_delta`
 * events with `delta.text`). The codec reassembles events from any chunking, decodes the JSON
 * string (escapes, \uXXXX, surrogate pairs, also split across events), runs the text of consecutive
 * text events through one filter, and re-encodes the output into the events. Exact behaviour, what
 * ends a text run and what a consumer receives on a block: docs/enforcement.md. Same memory rules as
 * the filter: caller memory, no allocation, no I/O.
 */
typedef enum sl_sse_dialect { SL_SSE_OPENAI = 1, SL_SSE_ANTHROPIC = 2 } sl_sse_dialect;

typedef struct sl_sse sl_sse;

/* Bytes of memory for a codec over `table`; max_event bounds one event (>= 256), or 0 if invalid. */
size_t sl_sse_size(const sl_table *table, size_t holdback_limit, size_t max_event);

/* Like sl_filter_init, plus the dialect and the largest event accepted (larger ones block). */
sl_status sl_sse_init(void *mem, size_t mem_len, const sl_table *table, uint32_t flow, const void *key,
	size_t key_len, size_t holdback_limit, size_t max_event, sl_sse_dialect dialect, sl_sse **out);

/* The codec's filter: for sl_filter_set_decision_cb, sl_filter_blocked and sl_filter_get_stats. */
sl_filter *sl_sse_filter(sl_sse *s);

/* Pushes stream bytes; writes complete, enforced events. SL_E_BLOCKED once blocked. */
sl_status sl_sse_push(sl_sse *s, const void *buf, size_t len, sl_write_fn out, void *ctx);

/* End of the stream: an unterminated last event is handled as if terminated; the text run ends. */
sl_status sl_sse_finish(sl_sse *s, sl_write_fn out, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
