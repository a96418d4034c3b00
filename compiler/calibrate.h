/*
 * calibrate.h - a deterministic sample of ordinary gateway traffic (prose, code, JSON, logs, URLs,
 * base64, hex, UUIDs) on which the compiler estimates how often a forward automaton reports ends.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_CALIBRATE_H
#define SLUICE_COMPILER_CALIBRATE_H

#include <stddef.h>
#include <stdint.h>

#define SLC_CALIBRATION_BYTES 32768

/* Fills buf with exactly `cap` bytes of sample text; the same bytes every time. */
void slc_calibration_text(uint8_t *buf, size_t cap);

#endif
