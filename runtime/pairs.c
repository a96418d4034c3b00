/*
 * pairs.c - a vector prefilter for trigger pairs: double shufti over 16 buckets.
 *
 * The exact test of a pair is a bit in a 64 Ki-bit map, one load per byte of input. Here each byte
 * is looked up by its two nibbles in 16-entry tables (one shuffle instruction per 32 bytes), so a
 * bucket accepts the cross product of the nibbles of its first bytes and of its second bytes. The
 * caller tests what passes against the exact map. What decides the false positives is which first
 * bytes share a bucket, so sl__pairs_assign weighs that against how common bytes are in text.
 * SPDX-License-Identifier: MIT
 */
#include "pairs.h"

#include "internal.h"

#include <string.h>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define PAIRS_AVX2 1
#include <immintrin.h>
#endif

int sl__pairs_vector(void)
{
#ifdef PAIRS_AVX2
	return __builtin_cpu_supports("avx2") != 0;
#else
	return 0;
#endif
}

/*
 * How common byte b is in ordinary text (prose, code, logs), roughly: only the ratios matter.
 * Digits and separators count for more than their share of prose, as logs are full of numbers.
 */
static uint32_t text_weight(unsigned b)
{
	if (b == ' ')
		return 16;
	if (b >= 'a' && b <= 'z')
		return 8;
	if (b >= '0' && b <= '9')
		return 6;
	if ((b >= 'A' && b <= 'Z') || b == '.' || b == ',' || b == '-' || b == '_' || b == ':' || b == '/' || b == '=' ||
		b == '"' || b == '\'')
		return 4;
	if (b == '\n')
		return 3;
	return b > ' ' && b < 127 ? 2 : 1;
}

/* Weight of the bytes a pair of nibble sets accepts (bit n of lo: low nibble n), by table w. */
static uint64_t set_weight(const uint8_t *w, uint32_t lo, uint32_t hi)
{
	uint64_t sum = 0;
	for (; hi; hi &= hi - 1) {
		const uint8_t *row = w + 16 * sl__lowest_bit(hi);
		for (uint32_t l = lo; l; l &= l - 1)
			sum += row[sl__lowest_bit(l)];
	}
	return sum;
}

typedef struct bucket_sets {
	uint32_t lo1, hi1, lo2, hi2;
} bucket_sets;

/* Weight of the pairs a bucket accepts: its first bytes' weight times its second bytes'. */
static uint64_t accepted(const uint8_t *w, bucket_sets b)
{
	return set_weight(w, b.lo1, b.hi1) * set_weight(w, b.lo2, b.hi2);
}

void sl__pairs_assign(const uint8_t *const *maps, uint32_t nmaps, uint8_t bucket[256])
{
	uint32_t lo2[256] = { 0 }, hi2[256] = { 0 };
	uint8_t w[256];
	for (uint32_t b = 0; b < 256; b++)
		w[b] = (uint8_t)text_weight(b);
	for (uint32_t i = 0; i < nmaps; i++) {
		for (uint32_t k = 0; k < 65536; k += 64) {
			uint64_t word;
			memcpy(&word, maps[i] + k / 8, 8);
			for (; word; word &= word - 1) {
				uint32_t key = k + sl__lowest_bit(word), x = key & 255, y = key >> 8;
				lo2[x] |= 1u << (y & 15);
				hi2[x] |= 1u << (y >> 4);
			}
		}
	}
	/* heaviest first bytes first, so that they get buckets of their own or the best company */
	uint32_t order[256], n = 0;
	uint64_t heavy[256];
	for (uint32_t x = 0; x < 256; x++) {
		if (!lo2[x])
			continue;
		bucket_sets alone = { 1u << (x & 15), 1u << (x >> 4), lo2[x], hi2[x] };
		heavy[x] = accepted(w, alone);
		uint32_t i = n++;
		for (; i > 0 && heavy[order[i - 1]] < heavy[x]; i--)
			order[i] = order[i - 1];
		order[i] = x;
	}
	bucket_sets b[SL_PAIR_BUCKETS];
	uint64_t weight[SL_PAIR_BUCKETS] = { 0 };
	memset(b, 0, sizeof b);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t x = order[i], best = 0;
		uint64_t best_cost = UINT64_MAX, best_weight = 0;
		for (uint32_t j = 0; j < SL_PAIR_BUCKETS; j++) {
			bucket_sets with = { b[j].lo1 | 1u << (x & 15), b[j].hi1 | 1u << (x >> 4), b[j].lo2 | lo2[x],
				b[j].hi2 | hi2[x] };
			uint64_t aw = accepted(w, with);
			if (aw - weight[j] < best_cost)
				best_cost = aw - weight[j], best_weight = aw, best = j;
		}
		b[best].lo1 |= 1u << (x & 15);
		b[best].hi1 |= 1u << (x >> 4);
		b[best].lo2 |= lo2[x];
		b[best].hi2 |= hi2[x];
		weight[best] = best_weight;
		bucket[x] = (uint8_t)best;
	}
}

void sl__pairs_add(sl_pair_filter *f, const uint8_t *pairs, const uint8_t bucket[256])
{
	for (uint32_t k = 0; k < 65536; k += 64) {
		uint64_t w;
		memcpy(&w, pairs + k / 8, 8);
		for (; w; w &= w - 1) {
			uint32_t key = k + sl__lowest_bit(w), x = key & 255, y = key >> 8;
			uint32_t b = bucket[x], t = 4 * (b >> 3);
			uint8_t bit = (uint8_t)(1u << (b & 7));
			f->nib[t][x & 15] |= bit;
			f->nib[t + 1][x >> 4] |= bit;
			f->nib[t + 2][y & 15] |= bit;
			f->nib[t + 3][y >> 4] |= bit;
		}
	}
}

#ifdef PAIRS_AVX2
/* Bit j: the pair at p + j (p[j], p[j + 1]) passes, for j < 32. */
__attribute__((target("avx2"))) static inline uint32_t pass32(const __m256i *t, const uint8_t *p)
{
	const __m256i low = _mm256_set1_epi8(15);
	__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i y = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
	__m256i xl = _mm256_and_si256(x, low), xh = _mm256_and_si256(_mm256_srli_epi16(x, 4), low);
	__m256i yl = _mm256_and_si256(y, low), yh = _mm256_and_si256(_mm256_srli_epi16(y, 4), low);
	__m256i a = _mm256_and_si256(_mm256_and_si256(_mm256_shuffle_epi8(t[0], xl), _mm256_shuffle_epi8(t[1], xh)),
		_mm256_and_si256(_mm256_shuffle_epi8(t[2], yl), _mm256_shuffle_epi8(t[3], yh)));
	__m256i b = _mm256_and_si256(_mm256_and_si256(_mm256_shuffle_epi8(t[4], xl), _mm256_shuffle_epi8(t[5], xh)),
		_mm256_and_si256(_mm256_shuffle_epi8(t[6], yl), _mm256_shuffle_epi8(t[7], yh)));
	return ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_or_si256(a, b), _mm256_setzero_si256()));
}

__attribute__((target("avx2"))) static size_t scan_avx2(const sl_pair_filter *f, const uint8_t *exact,
	const uint8_t *buf, size_t i, size_t len, size_t *at, uint32_t *count, uint32_t *candidates)
{
	uint32_t cand[SL_PAIR_HITS + 4]; /* offsets: len is at most a slice */
	__m256i t[8];
	for (int k = 0; k < 8; k++)
		t[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)f->nib[k]));
	/*
	 * First the blocks' candidates, a fixed four written per block whatever its count (about one
	 * on average): a branch on whether a block has any would be mispredicted half the time. Bit 63
	 * keeps the count of trailing zeros defined when m is spent; those entries are overwritten.
	 * Then the exact test of each, also without a branch on its outcome.
	 */
	uint32_t nc = 0;
	for (; i + SL_PAIR_BLOCK + 1 <= len && nc <= SL_PAIR_HITS - SL_PAIR_BLOCK; i += SL_PAIR_BLOCK) {
		uint64_t m = pass32(t, buf + i) | (uint64_t)pass32(t, buf + i + 32) << 32;
		const uint64_t top = (uint64_t)1 << 63;
		uint32_t c = (uint32_t)__builtin_popcountll(m), *o = cand + nc, from = (uint32_t)i;
		/* written out: as a loop of four, gcc kept it a loop and spilled around it */
		o[0] = from + sl__lowest_bit(m | top);
		m &= m - 1;
		o[1] = from + sl__lowest_bit(m | top);
		m &= m - 1;
		o[2] = from + sl__lowest_bit(m | top);
		m &= m - 1;
		o[3] = from + sl__lowest_bit(m | top);
		m &= m - 1;
		for (uint32_t k = 4; k < c; k++, m &= m - 1)
			o[k] = from + sl__lowest_bit(m);
		nc += c;
	}
	uint32_t n = 0;
	for (uint32_t k = 0; k < nc; k++) {
		size_t j = cand[k];
		uint32_t key = (uint32_t)buf[j] | (uint32_t)buf[j + 1] << 8;
		at[n] = j;
		n += exact[key >> 3] >> (key & 7) & 1;
	}
	*count = n;
	*candidates = nc;
	return i;
}
#endif

size_t sl__pairs_scan(const sl_pair_filter *f, const uint8_t *exact, const uint8_t *buf, size_t i, size_t len,
	size_t *at, uint32_t *count, uint32_t *candidates)
{
#ifdef PAIRS_AVX2
	return scan_avx2(f, exact, buf, i, len, at, count, candidates);
#else
	(void)f, (void)exact, (void)buf, (void)len, (void)at;
	*count = *candidates = 0;
	return i;
#endif
}
