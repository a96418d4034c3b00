/*
 * fuzz_regex.c - libFuzzer target: any bytes as a pattern. Parsing never crashes or hangs; what
 * parses also builds an NFA and a small-budget DFA in both directions. SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <stdint.h>

#include "dfa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	slc_arena a = { 0 };
	slc_rx_error err;
	slc_rx *rx = slc_rx_parse(&a, (const char *)data, size, &err);
	if (rx) {
		(void)slc_rx_min_len(rx);
		(void)slc_rx_max_len(rx);
		for (int reverse = 0; reverse < 2; reverse++) {
			slc_nfa nfa = { 0 };
			if (nfa.n < 200000 && slc_nfa_add(&nfa, rx, 0, reverse)) {
				slc_dfa d;
				if (nfa.n < 3000 && slc_dfa_build(&d, &nfa, reverse, 500) == SLC_DFA_OK) {
					slc_dfa_minimize(&d);
					slc_dfa_free(&d);
				}
			}
			slc_nfa_free(&nfa);
		}
		slc_rx *relaxed = slc_rx_relax(&a, rx, 3);
		(void)relaxed;
	}
	slc_arena_free(&a);
	return 0;
}
