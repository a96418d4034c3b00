/*
 * validate.c - checksum validators run on candidate spans (Luhn, IBAN mod-97). Pure functions.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

/* Luhn over the digits of a span; spaces and dashes are separators. Cards have 12 to 19 digits. */
static int luhn(const uint8_t *s, size_t len)
{
	unsigned sum = 0, n = 0;
	for (size_t i = len; i-- > 0;) {
		unsigned c = s[i];
		if (c == ' ' || c == '-')
			continue;
		if (c < '0' || c > '9')
			return 0;
		unsigned d = c - '0';
		if (n++ & 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return n >= 12 && n <= 19 && sum % 10 == 0;
}

/* ISO 13616: move the first four characters to the end, letters as 10..35, the number mod 97 is 1. */
static int iban(const uint8_t *s, size_t len)
{
	uint8_t c[34];
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ')
			continue;
		if (n == sizeof c)
			return 0;
		c[n++] = s[i];
	}
	if (n < 15)
		return 0;
	unsigned rem = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned ch = c[(k + 4) % n];
		if (ch >= 'a' && ch <= 'z')
			ch -= 32;
		if (ch >= '0' && ch <= '9')
			rem = (rem * 10 + (ch - '0')) % 97;
		else if (ch >= 'A' && ch <= 'Z')
			rem = (rem * 100 + (ch - 'A' + 10)) % 97;
		else
			return 0;
	}
	return rem == 1;
}

int sl__validate(uint32_t id, const uint8_t *span, size_t len)
{
	switch (id) {
	case 1: return luhn(span, len);
	case 2: return iban(span, len);
	default: return 1;
	}
}
