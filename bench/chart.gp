# chart.gp - bar chart of scan throughput per workload and engine (block mode), from report.awk's
# data file. Called by bench/run.sh: gnuplot -e "datafile='...'; outfile='...'; term='png|svg'" chart.gp
# SPDX-License-Identifier: MIT
if (term eq "png") {
	set terminal pngcairo size 1000,520 font "sans,10" background rgb "white"
} else {
	set terminal svg size 1000,520 dynamic font "sans,11" background rgb "white"
}
set output outfile
set title "sluice bench: scan throughput, block mode (higher is better)"
set ylabel "MB/s (log scale)"
set logscale y
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key outside right top vertical
set grid ytics
set datafile missing "-"
set xtics nomirror rotate by 25 right
set bmargin 6
plot for [c=2:7] datafile using c:xtic(1) title columnheader(c)
