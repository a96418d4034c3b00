// re2_oracle.cc - RE2 as the reference for the match contract (docs/algorithms.md).
// SPDX-License-Identifier: MIT
#include "re2_oracle.h"

#include <re2/re2.h>

#include <cstdio>
#include <string>
#include <vector>

struct slt_oracle {
	RE2 *re;
	RE2 *longest; // same pattern, leftmost-longest: the longest match from a given start
};

slt_oracle *slt_oracle_new(const char *pattern, size_t len, char *err, size_t errlen)
{
	RE2::Options opt;
	opt.set_encoding(RE2::Options::EncodingLatin1);
	opt.set_log_errors(false);
	opt.set_max_mem(256 << 20);
	RE2 *re = new RE2(re2::StringPiece(pattern, len), opt);
	if (!re->ok()) {
		if (err && errlen)
			std::snprintf(err, errlen, "%s", re->error().c_str());
		delete re;
		return nullptr;
	}
	RE2::Options lopt = opt;
	lopt.set_longest_match(true);
	RE2 *longest = new RE2(re2::StringPiece(pattern, len), lopt);
	return new slt_oracle{ re, longest };
}

void slt_oracle_free(slt_oracle *o)
{
	if (o) {
		delete o->re;
		delete o->longest;
		delete o;
	}
}

int slt_oracle_match(const slt_oracle *o, const uint8_t *input, size_t len, size_t start, size_t end)
{
	re2::StringPiece text(reinterpret_cast<const char *>(input), len);
	return o->re->Match(text, start, end, RE2::ANCHOR_BOTH, nullptr, 0) ? 1 : 0;
}

size_t slt_oracle_findings(slt_oracle *const *patterns, size_t npatterns, const uint8_t *input, size_t len,
	size_t lmax, int (*valid)(const uint8_t *, size_t), slt_span *out, size_t cap)
{
	std::vector<char> covered(len + 1, 0);
	for (size_t e = 1; e <= len; e++) {
		size_t lo = e > lmax ? e - lmax : 0;
		for (size_t s = lo; s < e; s++) {
			bool hit = false;
			for (size_t p = 0; p < npatterns && !hit; p++)
				hit = slt_oracle_match(patterns[p], input, len, s, e) && (!valid || valid(input + s, e - s));
			if (hit) {
				for (size_t x = s; x < e; x++)
					covered[x] = 1;
				break; // the smallest start covers every larger one
			}
		}
	}
	size_t n = 0;
	for (size_t x = 0; x < len;) {
		if (!covered[x]) {
			x++;
			continue;
		}
		size_t y = x;
		while (y < len && covered[y])
			y++;
		if (n < cap)
			out[n] = slt_span{ x, y };
		n++;
		x = y;
	}
	return n;
}

size_t slt_oracle_findings_fast(const slt_oracle *o, const uint8_t *input, size_t len, size_t lmax, slt_span *out,
	size_t cap)
{
	std::vector<char> covered(len + 1, 0);
	re2::StringPiece text(reinterpret_cast<const char *>(input), len), m;
	for (size_t s = 0; s < len; s++) {
		size_t end = len - s > lmax ? s + lmax : len;
		if (!o->longest->Match(text, s, end, RE2::ANCHOR_START, &m, 1))
			continue;
		size_t e = (size_t)(m.data() - text.data()) + m.size();
		for (size_t x = s; x < e; x++)
			covered[x] = 1;
	}
	size_t n = 0;
	for (size_t x = 0; x < len;) {
		if (!covered[x]) {
			x++;
			continue;
		}
		size_t y = x;
		while (y < len && covered[y])
			y++;
		if (n < cap)
			out[n] = slt_span{ x, y };
		n++;
		x = y;
	}
	return n;
}

size_t slt_oracle_marked_findings(const slt_oracle *before, const slt_oracle *value, const slt_oracle *after,
	const uint8_t *input, size_t len, size_t lmax, slt_span *out, size_t cap)
{
	size_t n1 = len + 1;
	std::vector<char> mb(n1 * n1), mv(n1 * n1), ma(n1 * n1), covered(n1, 0);
	for (size_t i = 0; i <= len; i++)
		for (size_t j = i; j <= len; j++) {
			mb[i * n1 + j] = (char)slt_oracle_match(before, input, len, i, j);
			mv[i * n1 + j] = (char)(j > i && slt_oracle_match(value, input, len, i, j));
			ma[i * n1 + j] = (char)slt_oracle_match(after, input, len, i, j);
		}
	for (size_t s = 0; s <= len; s++)
		for (size_t a = s; a <= len; a++) {
			if (!mb[s * n1 + a])
				continue;
			for (size_t b = a + 1; b <= len; b++) {
				if (!mv[a * n1 + b])
					continue;
				for (size_t e = b; e <= len && e - s <= lmax; e++) {
					if (!ma[b * n1 + e])
						continue;
					for (size_t x = a; x < b; x++)
						covered[x] = 1;
					break;
				}
			}
		}
	size_t n = 0;
	for (size_t x = 0; x < len;) {
		if (!covered[x]) {
			x++;
			continue;
		}
		size_t y = x;
		while (y < len && covered[y])
			y++;
		if (n < cap)
			out[n] = slt_span{ x, y };
		n++;
		x = y;
	}
	return n;
}
