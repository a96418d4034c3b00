# score.awk - per-class recall and precision of scan findings against the corpus truth.
# Usage: awk -v floors=FLOORS -f score.awk corpus.truth findings.json
# A truth span is found when a finding of its class overlaps it; a finding is correct when it
# overlaps a truth span of its class. Prints one line per class below its floor, the totals, and
# exits 1 if the overall figures or any class fall below the floors (FLOORS: "overall R P" and
# "class R P" lines; the "class" floor applies to every class). SPDX-License-Identifier: MIT
FNR == 1 { file++ }
file == 1 && /^#/ { next }
file == 1 { tc[NR] = $1; ts[NR] = $2 + 0; te[NR] = $3 + 0; nt++; T[$1]++; cls[$1] = 1; next }
file == 2 {
	c = $0; sub(/.*"class":"/, "", c); sub(/".*/, "", c)
	s = $0; sub(/.*"start":/, "", s); sub(/[,}].*/, "", s)
	e = $0; sub(/.*"end":/, "", e); sub(/[,}].*/, "", e)
	nf++; fc[nf] = c; fs[nf] = s + 0; fe[nf] = e + 0; F[c]++; cls[c] = 1
}
END {
	while ((getline line < floors) > 0) {
		split(line, w, " ")
		if (w[1] == "overall") { oR = w[2]; oP = w[3] }
		if (w[1] == "class") { cR = w[2]; cP = w[3] }
	}
	# n is small (a few thousand): the quadratic join is fine and obviously right
	for (i in tc) for (j = 1; j <= nf; j++)
		if (fc[j] == tc[i] && fs[j] < te[i] && ts[i] < fe[j]) { hitT[i] = 1; hitF[j] = 1 }
	for (i in tc) if (hitT[i]) { TP[tc[i]]++; tp++ }
	for (j = 1; j <= nf; j++) if (hitF[j]) { FP0[fc[j]]++; ok++ } else { bad[fc[j]]++; if (verbose) printf "FP %s [%d,%d)\n", fc[j], fs[j], fe[j] }
	if (verbose) for (i in tc) if (!hitT[i]) printf "FN %s [%d,%d)\n", tc[i], ts[i], te[i]
	fail = 0; n = 0
	for (c in cls) {
		n++
		r = T[c] ? TP[c] / T[c] : 1; p = F[c] ? FP0[c] / F[c] : 1
		if (r < cR || p < cP) { printf "  %-32s recall %.3f (%d/%d)  precision %.3f (%d/%d)  BELOW FLOOR\n", c, r, TP[c], T[c], p, FP0[c], F[c]; fail = 1 }
		else if (verbose) printf "  %-32s recall %.3f (%d/%d)  precision %.3f (%d/%d)\n", c, r, TP[c], T[c], p, FP0[c], F[c]
	}
	R = nt ? tp / nt : 1; P = nf ? ok / nf : 1
	printf "std quality: %d classes, %d labelled spans, %d findings: recall %.4f, precision %.4f (floors: overall %s/%s, per class %s/%s)\n", n, nt, nf, R, P, oR, oP, cR, cP
	if (R < oR || P < oP) fail = 1
	exit fail
}
