/*
 * emit.c - the table writer. Every field is encoded explicitly in little-endian order.
 * SPDX-License-Identifier: MIT
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"

typedef struct buf {
	uint8_t *p;
	size_t n, cap;
	int oom;
} buf;

static void reserve(buf *b, size_t more)
{
	if (b->oom || b->n + more <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->n + more)
		cap *= 2;
	uint8_t *p = realloc(b->p, cap);
	if (!p) {
		b->oom = 1;
		return;
	}
	memset(p + b->cap, 0, cap - b->cap);
	b->p = p;
	b->cap = cap;
}

static void put(buf *b, const void *data, size_t n)
{
	reserve(b, n);
	if (b->oom)
		return;
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

static void put_at32(buf *b, size_t at, uint32_t v)
{
	if (b->oom)
		return;
	for (int i = 0; i < 4; i++)
		b->p[at + (size_t)i] = (uint8_t)(v >> (8 * i));
}

static void put_at64(buf *b, size_t at, uint64_t v)
{
	put_at32(b, at, (uint32_t)v);
	put_at32(b, at + 4, (uint32_t)(v >> 32));
}

static void put32(buf *b, uint32_t v)
{
	reserve(b, 4);
	if (b->oom)
		return;
	b->n += 4;
	put_at32(b, b->n - 4, v);
}

static void put64(buf *b, uint64_t v)
{
	put32(b, (uint32_t)v);
	put32(b, (uint32_t)(v >> 32));
}

static void pad(buf *b, size_t align)
{
	static const uint8_t zero[8];
	put(b, zero, (align - b->n % align) % align);
}

/* Appends a NUL-terminated string to the strings section; returns its offset. */
static uint32_t add_string(buf *strings, const char *s)
{
	uint32_t at = (uint32_t)strings->n;
	put(strings, s ? s : "", strlen(s ? s : "") + 1);
	return at;
}

typedef struct section {
	uint32_t kind, index;
	uint64_t offset, length;
} section;

/* `accel` is NULL except for an accelerated forward group. */
static void write_dfa(buf *b, const slc_dfa *d, const slc_accel *accel, uint32_t exact_below, uint32_t format)
{
	uint32_t n = d->nstates, *order = malloc(n * sizeof *order), *newid = malloc(n * sizeof *newid);
	if (!order || !newid) {
		free(order);
		free(newid);
		b->oom = 1;
		return;
	}
	/* dead first, then the match states (so "special" is one range), then the rest */
	uint32_t k = 0, nmatch = 0;
	order[k++] = 0;
	for (uint32_t s = 1; s < n; s++)
		if (d->match_off[s + 1] > d->match_off[s])
			order[k++] = s;
	nmatch = k - 1;
	/* then the fresh states an accelerated scan goes idle in: "special" stays one range */
	for (uint32_t i = 0; i < n; i++)
		newid[i] = UINT32_MAX;
	for (uint32_t i = 0; i < k; i++)
		newid[order[i]] = i;
	uint32_t nidle = 0;
	for (uint32_t i = SLC_PREV_NL; accel && i < d->nstarts; i++) {
		uint32_t s = d->start[i];
		if (newid[s] == UINT32_MAX) {
			newid[s] = k;
			order[k++] = s;
			nidle++;
		}
	}
	for (uint32_t s = 1; s < n; s++)
		if (newid[s] == UINT32_MAX)
			order[k++] = s;
	for (uint32_t i = 0; i < n; i++)
		newid[order[i]] = i;
	uint32_t stride = d->nsyms;
	uint32_t width = (uint64_t)(n - 1) * stride <= 0xffff ? 2 : 4;
	uint32_t nids = 0;
	for (uint32_t i = 1; i <= nmatch; i++)
		nids += d->match_off[order[i] + 1] - d->match_off[order[i]];
	put32(b, n);
	put32(b, d->nsyms);
	put32(b, stride);
	put32(b, width);
	put32(b, d->nstarts);
	for (uint32_t i = 0; i < 4; i++)
		put32(b, i < d->nstarts ? newid[d->start[i]] * stride : 0);
	put32(b, nmatch);
	put32(b, nids);
	put32(b, accel ? SL_DFA_ACCEL : 0);
	put32(b, accel ? (nmatch + nidle) * stride : 0);
	put32(b, accel ? accel->lookback : 0);
	put32(b, accel ? accel->near : 0);
	put32(b, exact_below);
	put(b, d->classmap, 256);
	reserve(b, (size_t)n * stride * width);
	for (uint32_t i = 0; i < n && !b->oom; i++) {
		const uint32_t *row = d->trans + (size_t)order[i] * d->nsyms;
		for (uint32_t c = 0; c < stride; c++) {
			uint32_t v = newid[row[c]] * stride;
			if (width == 2) {
				uint8_t le[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
				put(b, le, 2);
			} else {
				put32(b, v);
			}
		}
	}
	pad(b, 4);
	uint32_t off = 0;
	for (uint32_t i = 1; i <= nmatch; i++) {
		put32(b, off);
		off += d->match_off[order[i] + 1] - d->match_off[order[i]];
	}
	put32(b, off);
	for (uint32_t i = 1; i <= nmatch; i++)
		for (uint32_t m = d->match_off[order[i]]; m < d->match_off[order[i] + 1]; m++)
			put32(b, d->match_ids[m]);
	if (accel) {
		put(b, accel->pairs, sizeof accel->pairs);
		put(b, accel->far, sizeof accel->far);
		put(b, accel->third, sizeof accel->third);
		if (format >= 4)
			put(b, accel->lead, sizeof accel->lead);
		if (format >= 3) {
			uint32_t npairs = 0;
			for (uint32_t key = 0; key < 65536; key++)
				npairs += slc_accel_has(accel, key & 255, key >> 8);
			put32(b, npairs);
			for (uint32_t key = 0; key < 65536; key++) {
				if (slc_accel_has(accel, key & 255, key >> 8)) {
					uint8_t le[2] = { (uint8_t)key, (uint8_t)(key >> 8) };
					put(b, le, 2);
				}
			}
		}
	}
	pad(b, 8);
	free(order);
	free(newid);
}

/* Older formats have no loose DFAs: their scanners walk the exact one. */
static int has_loose(const slc_class *cl, uint32_t format)
{
	return cl->loose.nstates && format >= 5;
}

int slc_emit(const slc_program *p, const slc_meta *meta, uint8_t **out, size_t *out_len)
{
	uint32_t format = meta->format ? meta->format : SL_FORMAT_VERSION;
	if (format < 2 || format > SL_FORMAT_VERSION)
		return 0;
	buf b = { 0 }, strings = { 0 };
	uint32_t nextra = 0;
	for (uint32_t c = 0; c < p->nclasses; c++)
		nextra += 3 * p->classes[c].marked_patterns + has_loose(&p->classes[c], format);
	uint32_t nsec = SL_FIXED_SECTIONS + p->ngroups + p->nclasses + nextra;
	section *sec = calloc(nsec, sizeof *sec);
	if (!sec)
		return 0;
	uint32_t k = 0, max_lmax = 0;
	reserve(&b, SL_HEADER_SIZE);
	b.n = SL_HEADER_SIZE;

	uint32_t name = add_string(&strings, meta->name), version = add_string(&strings, meta->version);
	uint32_t compiler = add_string(&strings, "sluice " SLUICE_VERSION);
	sec[k++] = (section){ SL_SEC_META, 0, b.n, SL_META_SIZE };
	put32(&b, name);
	put32(&b, version);
	put32(&b, compiler);
	put32(&b, 0);
	put64(&b, meta->revision);
	put(&b, meta->digest, 32);
	pad(&b, 8);

	sec[k] = (section){ SL_SEC_CLASSES, 0, b.n, (uint64_t)p->nclasses * SL_CLS_SIZE };
	k++;
	for (uint32_t c = 0; c < p->nclasses; c++) {
		const slc_class *cl = &p->classes[c];
		put32(&b, add_string(&strings, cl->name));
		put32(&b, cl->lmax);
		put32(&b, cl->min_len == SLC_LEN_INF ? 0 : cl->min_len);
		put32(&b, cl->validator);
		put32(&b, cl->group);
		put32(&b, (cl->capped ? SL_CLASS_CAPPED : 0) | (cl->relaxed ? SL_CLASS_RELAXED : 0) |
			(cl->marked_patterns ? SL_CLASS_MARKED | cl->marked_patterns << SL_CLASS_PATTERNS_SHIFT : 0) |
			(has_loose(cl, format) ? SL_CLASS_LOOSE : 0));
		put32(&b, add_string(&strings, cl->label));
		put32(&b, cl->label_rank);
		if (cl->lmax > max_lmax)
			max_lmax = cl->lmax;
	}
	for (uint32_t g = 0; g < p->ngroups; g++) {
		size_t at = b.n;
		write_dfa(&b, &p->groups[g].dfa, p->groups[g].accelerated ? &p->groups[g].accel : NULL, 0, format);
		sec[k++] = (section){ SL_SEC_FORWARD, g, at, b.n - at };
	}
	for (uint32_t c = 0; c < p->nclasses; c++) {
		size_t at = b.n;
		write_dfa(&b, &p->classes[c].reverse, NULL, 0, format);
		sec[k++] = (section){ SL_SEC_REVERSE, c, at, b.n - at };
	}
	for (uint32_t c = 0; c < p->nclasses; c++) {
		for (uint32_t i = 0; i < 3 * p->classes[c].marked_patterns; i++) {
			size_t at = b.n;
			write_dfa(&b, &p->classes[c].pieces[i], NULL, 0, format);
			sec[k++] = (section){ SL_SEC_PIECE, c * 256 + i, at, b.n - at };
		}
		if (has_loose(&p->classes[c], format)) {
			size_t at = b.n;
			write_dfa(&b, &p->classes[c].loose, NULL, p->classes[c].exact_below, format);
			sec[k++] = (section){ SL_SEC_LOOSE, c, at, b.n - at };
		}
	}
	size_t kw_at = b.n;
	uint32_t nkw = 0;
	for (uint32_t c = 0; c < p->nclasses; c++)
		nkw += p->classes[c].keywords != NULL;
	put32(&b, nkw);
	put32(&b, 0);
	for (uint32_t c = 0; c < p->nclasses; c++) {
		if (!p->classes[c].keywords)
			continue;
		put32(&b, c);
		put32(&b, p->classes[c].keyword_window);
		put32(&b, add_string(&strings, p->classes[c].keywords));
		put32(&b, 0);
	}
	sec[k++] = (section){ SL_SEC_KEYWORDS, 0, kw_at, b.n - kw_at };
	size_t flows_at = b.n;
	put32(&b, meta->nflows);
	put32(&b, 0);
	for (uint32_t f = 0; f < meta->nflows; f++) {
		const slc_flow_def *fl = &meta->flows[f];
		put32(&b, add_string(&strings, fl->src));
		put32(&b, add_string(&strings, fl->dst));
		for (uint32_t c = 0; c < p->nclasses; c++) {
			const slc_action_def *a = &fl->actions[c];
			uint8_t head[8] = { (uint8_t)a->action, a->mask_byte, (uint8_t)a->keep_first, (uint8_t)(a->keep_first >> 8),
				(uint8_t)a->keep_last, (uint8_t)(a->keep_last >> 8), 0, 0 };
			put(&b, head, 8);
			put32(&b, add_string(&strings, a->replacement));
			put32(&b, 0);
		}
	}
	sec[k++] = (section){ SL_SEC_FLOWS, 0, flows_at, b.n - flows_at };
	pad(&b, 8);
	sec[k] = (section){ SL_SEC_STRINGS, 0, b.n, strings.n };
	k++;
	put(&b, strings.p, strings.n);
	pad(&b, 8);
	size_t table = b.n;
	for (uint32_t i = 0; i < k; i++) {
		put32(&b, sec[i].kind);
		put32(&b, sec[i].index);
		put64(&b, sec[i].offset);
		put64(&b, sec[i].length);
	}
	pad(&b, 8);
	free(sec);
	free(strings.p);
	if (b.oom || strings.oom) {
		free(b.p);
		return 0;
	}
	memcpy(b.p + SL_H_MAGIC, SL_MAGIC, SL_MAGIC_LEN);
	put_at32(&b, SL_H_ENDIAN, SL_ENDIAN_MARK);
	put_at32(&b, SL_H_VERSION, format);
	put_at64(&b, SL_H_FILE_SIZE, b.n);
	put_at32(&b, SL_H_CHECKSUM, 0);
	put_at32(&b, SL_H_SECTION_COUNT, k);
	put_at64(&b, SL_H_SECTION_TABLE, table);
	put_at32(&b, SL_H_CLASS_COUNT, p->nclasses);
	put_at32(&b, SL_H_GROUP_COUNT, p->ngroups);
	put_at32(&b, SL_H_MAX_LMAX, max_lmax);
	put_at32(&b, SL_H_CHECKSUM, sl_crc32(0, b.p, b.n));
	*out = b.p;
	*out_len = b.n;
	return 1;
}
