/*
 * engine_re2.cc - RE2 runner (Latin-1, so patterns and input are bytes as in sluice).
 * SPDX-License-Identifier: MIT
 *
 * RE2::Set first says which patterns match anywhere; only those are searched for spans.
 * Variants:
 *  - "first" (default): the ordinary leftmost-first, non-overlapping iteration every RE2 user
 *    writes (search, take the match, continue at its end). It is not all-matches: overlapping and
 *    longer alternatives are skipped, so its coverage may be smaller than sluice's.
 *  - "cover": exact coverage, the reference for sluice's semantics. The union of all matches
 *    equals the union over every start s of [s, longest end from s), and leftmost-longest
 *    search restarted at s + 1 after each match enumerates exactly those. Costs up to Lmax work
 *    per covered byte, so it is a correctness reference, not a speed claim.
 * If the Set's DFA runs out of memory (RE2 has no fallback inside RE2::Set, google/re2 #136),
 * every pattern is searched instead and the result line carries a note.
 */
#include "engine.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <new>
#include <string>
#include <vector>

namespace {

struct Re2Bench {
	std::vector<std::unique_ptr<RE2>> res; // null for rejected patterns
	std::unique_ptr<RE2::Set> set;        // null if the Set could not be built
	std::vector<int> set_ids;             // Set index -> class id
	bool cover = false;
	bench_info *info = nullptr;           // to attach the out-of-memory note found while scanning
};

int re2_open(void **self, bench_patterns *pats, const bench_opts *opts, bench_info *info, char *err,
	size_t err_len)
{
	std::string variant = opts->variant ? opts->variant : "first";
	if (variant != "first" && variant != "cover") {
		snprintf(err, err_len, "unknown variant %s (first|cover)", variant.c_str());
		return -1;
	}
	if (opts->mode == BENCH_STREAM) {
		snprintf(err, err_len, "no streaming mode");
		return -1;
	}
	std::unique_ptr<Re2Bench> r(new (std::nothrow) Re2Bench);
	if (!r) {
		snprintf(err, err_len, "out of memory");
		return -1;
	}
	r->cover = variant == "cover";
	RE2::Options o;
	o.set_encoding(RE2::Options::EncodingLatin1);
	o.set_log_errors(false);
	o.set_longest_match(r->cover);
	double t0 = bench_now_ms();
	std::unique_ptr<RE2::Set> set(new RE2::Set(o, RE2::UNANCHORED));
	size_t ok = 0;
	for (size_t i = 0; i < pats->count; i++) {
		std::unique_ptr<RE2> re(new RE2(pats->items[i].regex, o));
		if (!re->ok()) {
			if (bench_patterns_reject(pats, i, re->error().c_str()) != 0) {
				snprintf(err, err_len, "out of memory");
				return -1;
			}
			r->res.emplace_back(nullptr);
			continue;
		}
		std::string serr;
		if (set->Add(pats->items[i].regex, &serr) < 0) {
			if (bench_patterns_reject(pats, i, serr.c_str()) != 0) {
				snprintf(err, err_len, "out of memory");
				return -1;
			}
			r->res.emplace_back(nullptr);
			continue;
		}
		r->set_ids.push_back((int)i);
		r->res.push_back(std::move(re));
		ok++;
	}
	if (ok == 0) {
		snprintf(err, err_len, "every pattern was rejected");
		return -1;
	}
	if (set->Compile())
		r->set = std::move(set);
	else
		info->note = "RE2::Set failed to compile; every pattern is searched";
	info->compile_ms = bench_now_ms() - t0;
	r->info = info;
	*self = r.release();
	return 0;
}

int search(const RE2 &re, bool cover, const re2::StringPiece &text, uint32_t cls, uint64_t base,
	bench_cover *cov)
{
	size_t pos = 0;
	re2::StringPiece m;
	while (pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
		size_t s = (size_t)(m.data() - text.data()), e = s + m.size();
		if (bench_cover_add(cov, cls, base + s, base + e) != 0)
			return -1;
		pos = cover ? s + 1 : (e > s ? e : e + 1);
	}
	return 0;
}

int re2_scan(void *self, const uint8_t *buf, size_t len, uint64_t base, bench_cover *cov, char *err,
	size_t err_len)
{
	Re2Bench *r = static_cast<Re2Bench *>(self);
	re2::StringPiece text(reinterpret_cast<const char *>(buf), len);
	std::vector<int> hits;
	bool all = true;
	if (r->set) {
		RE2::Set::ErrorInfo ei;
		ei.kind = RE2::Set::kNoError;
		bool any = r->set->Match(text, &hits, &ei);
		if (any || ei.kind == RE2::Set::kNoError)
			all = false;
		else
			r->info->note = "RE2::Set DFA out of memory on this input; fell back to every pattern";
	}
	if (all) {
		hits.clear();
		for (size_t k = 0; k < r->set_ids.size(); k++)
			hits.push_back((int)k);
	}
	for (int k : hits) {
		int cls = r->set_ids[(size_t)k];
		if (search(*r->res[(size_t)cls], r->cover, text, (uint32_t)cls, base, cov) != 0) {
			snprintf(err, err_len, "out of memory recording matches");
			return -1;
		}
	}
	return 0;
}

void re2_close(void *self)
{
	delete static_cast<Re2Bench *>(self);
}

} // namespace

extern "C" const bench_engine bench_engine_impl = { "re2", "first|cover", re2_open, re2_scan,
	re2_close };
