/*
 * nfa.h - Thompson NFAs over bytes, with zero-width look-around states, built from regex trees.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_NFA_H
#define SLUICE_COMPILER_NFA_H

#include <stdint.h>

#include "regex.h"

#define SLC_NFA_MAX_STATES 4000000 /* "pattern too large" past this */

typedef enum slc_nfa_op {
	SLC_NFA_BYTES, /* consume one byte in sets[arg], go to out */
	SLC_NFA_SPLIT, /* go to out and out1 */
	SLC_NFA_LOOK,  /* go to out if the position satisfies look */
	SLC_NFA_MATCH  /* a match of class arg ends here */
} slc_nfa_op;

typedef struct slc_nfa_state {
	uint8_t op;
	uint8_t look;
	uint32_t out, out1;
	uint32_t arg;
} slc_nfa_state;

typedef struct slc_nfa {
	slc_nfa_state *states;
	uint32_t n, cap;
	slc_byteset *sets;
	uint32_t nsets, setcap;
	uint32_t *starts; /* one entry state per added pattern; a search starts in all of them */
	uint32_t nstarts, startcap;
	int oom, too_big;
} slc_nfa;

/*
 * Adds `rx` as a pattern of class `class_id`. With `reverse`, the NFA accepts the reversed language
 * (look-around mirrored), for finding match starts by running backwards from an end.
 * Returns 0 when out of memory or past SLC_NFA_MAX_STATES (nfa->too_big).
 */
int slc_nfa_add(slc_nfa *nfa, const slc_rx *rx, uint32_t class_id, int reverse);
void slc_nfa_free(slc_nfa *nfa);

#endif
