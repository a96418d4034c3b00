/*
 * warnings.h - the compiler's warnings as an enum generated from warnings.def.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_WARNINGS_H
#define SLUICE_COMPILER_WARNINGS_H

typedef enum slc_warning {
#define SLC_WARNING(id, name, doc) id,
#include "warnings.def"
#undef SLC_WARNING
	SLC_W_COUNT
} slc_warning;

/* The -W name of a warning ("dead-class"), for the "[-Wname]" tag after its message. */
const char *slc_warning_name(slc_warning w);

#endif
