/*
 * filter.h - what the SSE codec needs from the filter beyond the public API; internal.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_RUNTIME_FILTER_H
#define SLUICE_RUNTIME_FILTER_H

#include "sluice.h"

/*
 * Ends the current text run (the caller has called sl_filter_finish) and starts a new one with a
 * fresh scanner: matches never span two runs. Offsets keep counting from where the run ended, the
 * statistics and the decision callback carry over. SL_E_BLOCKED if the filter is blocked.
 */
sl_status sl__filter_restart(sl_filter *f);

/* Blocks the filter from outside (the SSE codec refusing its input). */
void sl__filter_block(sl_filter *f, sl_block_reason reason);

/* 1 while the current run is open and has had input (a text run is in progress). */
int sl__filter_holding(const sl_filter *f);

#endif
