# report.awk - turns the runners' result lines into bench/results/latest.md, checks that finding
# counts agree where the semantics agree, and writes the chart's data file.
# SPDX-License-Identifier: MIT
# Variables (-v): date cpu cmd corpus slicec slice_mb mb shortc versions pending elapsed chart plot.
# Exit status 1 when two engines of the same semantics group disagree on a class both compiled.

function kv(   i, p) {
	delete f
	for (i = 2; i <= NF; i++) {
		p = index($i, "=")
		if (p) f[substr($i, 1, p - 1)] = substr($i, p + 1)
	}
}

# Loads a --classes file into cls[path, name] = "findings covered" or "rejected".
function load(path,   line, a) {
	if ((path, "__loaded") in cls) return
	cls[path, "__loaded"] = 1
	while ((getline line < path) > 0) {
		split(line, a, " ")
		cls[path, a[1]] = a[2] == "rejected" ? "rejected" : a[2] " " a[3]
		order[path, ++ncls[path]] = a[1]
	}
	close(path)
}

# Compares the per-class counts of row r (file fr) with those of reference row ref (file fref),
# class by class; what: the corpus compared on. Sets cmp_n (classes compared), cmp_skip (names
# skipped because one side rejected them) and returns the number of disagreeing classes (cmp_bad
# holds the first three).
function compare(r, fr, ref, fref, what,   i, name, x, y, nbad) {
	load(fr); load(fref)
	cmp_bad = ""; nbad = 0; cmp_skip = ""; cmp_n = 0
	for (i = 1; i <= ncls[fref]; i++) {
		name = order[fref, i]
		x = cls[fref, name]; y = cls[fr, name]
		if (x == "rejected" || y == "rejected") { cmp_skip = cmp_skip (cmp_skip ? ", " : "") name; continue }
		cmp_n++
		if (x != y) {
			nbad++
			if (nbad <= 3) cmp_bad = cmp_bad (cmp_bad ? "; " : "") name " " y " vs " x
			mismatch++
			if (mismatch <= 40)
				detail = detail "- " wl[r] " (" what "): **" eng[r] " " mode[r] "** vs " eng[ref] " " mode[ref] \
					" on class `" name "`: findings/covered bytes " y " vs " x "\n"
		}
	}
	return nbad
}

# The "agrees" cell of row r against its reference row ref: on the slice (every engine scanned it)
# and, when both rows scanned the whole corpus, there too (full: Hyperscan and sluice rows).
function agreement(r, ref, fullref,   nbad, bad, txt, n, skip, k, sk) {
	nbad = compare(r, chk[r], ref, chk[ref], "slice")
	bad = cmp_bad; n = cmp_n; skip = cmp_skip
	txt = ""
	if (fullref && corp[r] == "full" && corp[fullref] == "full" && fullref != r && cfile[r] != chk[r]) {
		nbad += compare(r, cfile[r], fullref, cfile[fullref], "whole corpus")
		if (cmp_bad) bad = bad (bad ? "; " : "") cmp_bad " (whole corpus)"
		txt = "; whole corpus too"
	}
	if (nbad) return "**NO** (" bad ")"
	if ((k = split(skip, sk, ", ")) > 3) skip = k " classes (see Rejected patterns)"
	return "yes (" n " classes" txt (skip ? "; skipped, rejected: " skip : "") ")"
}

function fmt_num(v) { return v == "-" || v == "" ? "-" : v }
function fmt_mb(b) { return b < 1e7 ? sprintf("%.1f", b / 1e6) : sprintf("%.0f", b / 1e6) }

function base_of(w) { return substr(w, 1, length(w) - length("-hs-subset")) }

/^result / {
	kv()
	n++
	wl[n] = f["workload"]; eng[n] = f["engine"]; mode[n] = f["mode"]; cfile[n] = f["classes_file"]
	chk[n] = f["check_file"]; corp[n] = f["corpus"]; scanned[n] = f["bytes"]
	cfnd[n] = ("check_findings" in f) ? f["check_findings"] : f["findings"]
	ccov[n] = ("check_covered_bytes" in f) ? f["check_covered_bytes"] : f["covered_bytes"]
	comp[n] = f["compile_ms"]; db[n] = f["db_bytes"]; st[n] = f["stream_state_bytes"]
	mbps[n] = f["mbps"]; rss[n] = f["rss_kb"]; fnd[n] = f["findings"]; cov[n] = f["covered_bytes"]
	kind[n] = f["findings_kind"]; rej[n] = f["rejected"]; ncl[n] = f["classes"]; rep[n] = f["repeats"]
	row[wl[n], eng[n], mode[n]] = n
	if (!(wl[n] in seen_wl)) { seen_wl[wl[n]] = 1; wls[++nwl] = wl[n] }
	next
}
/^rejected / {
	kv()
	key = f["engine"] SUBSEP f["workload"] SUBSEP f["class"]
	if (!(key in rejseen)) {
		rejseen[key] = 1
		gsub(/_/, " ", f["reason"])
		rejtext = rejtext "- " f["workload"] ": " f["engine"] " rejects `" f["class"] "` (line " f["line"] \
			"): " f["reason"] "\n"
	}
	next
}
/^note / { kv(); gsub(/_/, " ", f["text"]); notes = notes "- " f["workload"] ", " f["engine"] ": " f["text"] "\n"; next }
/^latency / { kv(); lat = lat "| " f["workload"] " | " f["engine"] " | " f["messages"] " | " f["p50_us"] " | " f["p99_us"] " |\n"; next }
/^failed / { kv(); failures = failures "- " f["workload"] " " f["engine"] " " f["mode"] ": failed, log " f["log"] "\n"; next }

END {
	# Semantics groups: a reference configuration and the configurations that must match it; the
	# third field is the configuration that also checks the whole-corpus counts of full rows.
	ngrp = split("re2-cover:hyperscan-som,sluice:hyperscan-som re2-first:pcre2: hyperscan-end::hyperscan-end", grp, " ")
	for (i = 1; i <= n; i++) {
		agree[i] = ""
		if (eng[i] == "sluice-policy") {
			agree[i] = "not compared: the policy as written (value spans, validators)"
			continue
		}
		for (g = 1; g <= ngrp; g++) {
			split(grp[g], gp, ":"); refeng = gp[1]
			if (eng[i] == refeng && mode[i] == "block") agree[i] = "reference"
			else if (eng[i] == refeng && mode[i] == "short") agree[i] = "reference"
			else if (index("," gp[2] ",", "," eng[i] ",") || eng[i] == refeng) {
				rm = mode[i] == "short" ? "short" : "block"
				rw = wl[i]; r = refeng
				# A W-hs-subset workload has only sluice runs: its reference is Hyperscan on W,
				# whose database held exactly the subset (classes it rejected are skipped).
				if (rw ~ /-hs-subset$/) { rw = base_of(rw); r = "hyperscan-som" }
				fr = (gp[3] != "" && (rw, gp[3], "block") in row) ? row[rw, gp[3], "block"] : 0
				if (!((rw, r, rm) in row)) agree[i] = "no reference run"
				else if (row[rw, r, rm] == i) agree[i] = "reference"
				else agree[i] = agreement(i, row[rw, r, rm], fr)
			}
		}
	}

	print "# sluice benchmarks: latest run"
	print ""
	print "- date: " date "; total run time " elapsed " s"
	print "- CPU: " cpu
	print "- command: `" cmd "`"
	print "- corpus: " corpus
	print "- slice (RE2 and PCRE2 scan only this; every engine's counts are checked on it): " slicec
	print "- short-message corpus: " shortc
	print "- engines: " versions
	print ""
	print "MB/s = 10^6 bytes per second of wall time, median of the repeats (`runs`; fewer than asked when a"
	print "run passed --max-seconds; re2-cover runs once: it is a correctness reference). `MB` is what the"
	print "timed runs scanned: Hyperscan and sluice the whole corpus, RE2 and PCRE2 the first " slice_mb " MB"
	print "(the generator is prefix-stable). `findings` and `covered bytes` are counted on that slice for"
	print "every row (Hyperscan and sluice scan it once more, untimed), so rows of one semantics group"
	print "show the same numbers; the short workload counts on its own corpus."
	print "`x HS` = MB/s relative to Hyperscan with exact starts (hyperscan-som) in"
	print "the same mode (block for the block-only engines). Findings use sluice's coverage semantics:"
	print "per class, maximal intervals of the union of all match spans; hyperscan-end counts match ends."
	print "Peak RSS includes the corpus held in memory. A `W-hs-subset` row is sluice on W restricted to"
	print "the classes Hyperscan with SOM accepted, i.e. on the same classes as hyperscan-som's W row, which"
	print "its `x HS` and agreement refer to (run when Hyperscan rejected some of W's classes and sluice is"
	print "enabled). A `sluice-policy` row (std-all) is sluice on the library as written, not on its"
	print "export: findings are the marked values that pass the validators, so its counts are not"
	print "compared. Columns and semantics: docs/bench.md."
	print ""
	print "| workload | engine | mode | MB | compile ms | db bytes | stream state B | MB/s | runs | x HS | peak RSS MB | findings | covered bytes | rejected | agrees with reference |"
	print "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
	for (w = 1; w <= nwl; w++) for (i = 1; i <= n; i++) {
		if (wl[i] != wls[w]) continue
		bm = mode[i] == "short" ? "short" : mode[i]
		if (eng[i] ~ /^(re2|pcre2)/) bm = mode[i]
		ratio = "-"
		hw = wl[i] ~ /-hs-subset$/ ? base_of(wl[i]) : wl[i]
		if ((hw, "hyperscan-som", bm) in row) {
			b = mbps[row[hw, "hyperscan-som", bm]]
			if (b > 0) ratio = sprintf("%.2f", mbps[i] / b)
		}
		printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.1f | %s%s | %s | %s/%s | %s |\n", wl[i],
			eng[i], mode[i], fmt_mb(scanned[i]), comp[i], fmt_num(db[i]), fmt_num(st[i]), mbps[i], rep[i], ratio,
			rss[i] / 1024, cfnd[i], kind[i] == "ends" ? " ends" : "", kind[i] == "ends" ? "-" : ccov[i], rej[i],
			ncl[i], agree[i]
	}
	if (lat) {
		print ""
		print "Per-message latency (short-message workload, every message scanned on its own, all repeats):"
		print ""
		print "| workload | engine | messages | p50 us | p99 us |"
		print "|---|---|---:|---:|---:|"
		printf "%s", lat
	}
	print ""
	print "## Agreement"
	print ""
	print "Groups of identical semantics, each checked class by class against its reference (classes an"
	print "engine rejected are skipped and listed):"
	print "- exact coverage: re2-cover (reference) = hyperscan-som block/stream = sluice block/stream"
	print "  (for W-hs-subset rows the reference is hyperscan-som block on W); on the slice, and on the"
	print "  whole corpus against hyperscan-som block (\"whole corpus too\");"
	print "- leftmost-first, non-overlapping: re2-first (reference) = pcre2;"
	print "- match ends: hyperscan-end block (reference) = hyperscan-end stream, on both corpora."
	print "Between groups counts differ by design (docs/bench.md, \"Semantics\")."
	print ""
	if (mismatch) {
		print "**" mismatch " disagreement(s)" (mismatch > 40 ? ", the first 40" : "") \
			" (per-class counts: raw/*.classes next to this report):**"
		print ""; printf "%s", detail
	}
	else print "All comparable counts agree (findings and covered bytes, per class)."
	if (failures) { print ""; print "Failed runs:"; print ""; printf "%s", failures }
	print ""
	print "## Rejected patterns"
	print ""
	printf "%s", rejtext ? rejtext : "None.\n"
	if (notes) { print ""; print "## Notes"; print ""; printf "%s", notes }
	print ""
	print "## Pending"
	printf "%s\n", pending ? pending : "\nNothing."
	print ""
	print "Chart: `" chart "` (MB/s per workload, block mode, log scale)."

	# Chart data: one line per workload, one column per engine configuration (block mode).
	ncol = split("hyperscan-som hyperscan-end re2-first pcre2 sluice sluice-policy", col, " ")
	printf "workload" > plot
	for (c = 1; c <= ncol; c++) printf " %s", col[c] > plot
	printf "\n" > plot
	for (w = 1; w <= nwl; w++) {
		if (wls[w] == "short") continue
		printf "%s", wls[w] > plot
		for (c = 1; c <= ncol; c++) {
			k = (wls[w] SUBSEP col[c] SUBSEP "block")
			printf " %s", (k in row) ? mbps[row[k]] : "-" > plot
		}
		printf "\n" > plot
	}
	close(plot)
	exit mismatch > 0
}
