/*
 * warnings.c - names of the warnings in warnings.def.
 * SPDX-License-Identifier: MIT
 */
#include "warnings.h"

const char *slc_warning_name(slc_warning w)
{
	static const char *const names[] = {
#define SLC_WARNING(id, name, doc) name,
#include "warnings.def"
#undef SLC_WARNING
	};
	return w < SLC_W_COUNT ? names[w] : "?";
}
