/*
 * validate.c - checksum validators run on candidate spans (format.h SL_VALIDATORS). Pure functions:
 * no allocation, no I/O, no libm; each reads only the span it is given.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"
#include "format.h"

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

/*
 * Digit helpers. Most national ids are written with optional separators (space, dash, dot, slash);
 * digits() copies the digits of the span's trailing run of digits and separators into d[] (so a
 * keyword-anchored span such as "NHS number: 943 476 5919" yields the number) and fails on more
 * than max digits.
 */
static int digits(const uint8_t *s, size_t len, uint8_t *d, size_t max, size_t *n)
{
	size_t b = len;
	while (b > 0 && ((s[b - 1] >= '0' && s[b - 1] <= '9') || s[b - 1] == ' ' || s[b - 1] == '-' ||
			 s[b - 1] == '.' || s[b - 1] == '/'))
		b--;
	*n = 0;
	for (size_t i = b; i < len; i++) {
		unsigned c = s[i];
		if (c == ' ' || c == '-' || c == '.' || c == '/')
			continue;
		if (c < '0' || c > '9' || *n == max)
			return 0;
		d[(*n)++] = (uint8_t)(c - '0');
	}
	return 1;
}

/* Verhoeff's dihedral-group check digit (Aadhaar: 12 digits, the first 2..9). */
static int verhoeff(const uint8_t *s, size_t len)
{
	static const uint8_t m[10][10] = {
		{0,1,2,3,4,5,6,7,8,9}, {1,2,3,4,0,6,7,8,9,5}, {2,3,4,0,1,7,8,9,5,6}, {3,4,0,1,2,8,9,5,6,7},
		{4,0,1,2,3,9,5,6,7,8}, {5,9,8,7,6,0,4,3,2,1}, {6,5,9,8,7,1,0,4,3,2}, {7,6,5,9,8,2,1,0,4,3},
		{8,7,6,5,9,3,2,1,0,4}, {9,8,7,6,5,4,3,2,1,0} };
	static const uint8_t p[8][10] = {
		{0,1,2,3,4,5,6,7,8,9}, {1,5,7,6,2,8,3,0,9,4}, {5,8,0,3,7,9,6,1,4,2}, {8,9,1,6,0,4,3,5,2,7},
		{9,4,5,3,1,2,7,8,6,0}, {4,2,8,6,5,7,3,9,0,1}, {2,7,9,3,8,0,6,4,1,5}, {7,0,4,6,9,1,3,2,5,8} };
	uint8_t d[12];
	size_t n;
	if (!digits(s, len, d, sizeof d, &n) || n != 12 || d[0] < 2)
		return 0;
	unsigned c = 0;
	for (size_t i = 0; i < n; i++)
		c = m[c][p[i % 8][d[n - 1 - i]]];
	return c == 0;
}

/* UK NHS number: 10 digits, weights 10..2 on the first nine, check = 11 - sum mod 11 (11 -> 0, 10 invalid). */
static int nhs(const uint8_t *s, size_t len)
{
	uint8_t d[10];
	size_t n;
	if (!digits(s, len, d, sizeof d, &n) || n != 10)
		return 0;
	unsigned sum = 0;
	for (unsigned i = 0; i < 9; i++)
		sum += d[i] * (10 - i);
	unsigned c = 11 - sum % 11;
	if (c == 11)
		c = 0;
	return c != 10 && c == d[9];
}

/* All digits equal: a valid checksum for several mod-11 schemes, never a real number. */
static int all_same(const uint8_t *d, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (d[i] != d[0])
			return 0;
	return 1;
}

/* Mod-11 check digit used by CPF and CNPJ: r = sum mod 11, digit = r < 2 ? 0 : 11 - r. */
static unsigned mod11_digit(const uint8_t *d, const uint8_t *w, size_t n)
{
	unsigned sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += d[i] * w[i];
	unsigned r = sum % 11;
	return r < 2 ? 0 : 11 - r;
}

/*
 * BR CPF (11 digits, weights 10..2 then 11..2) and CNPJ (14 digits, weights 5,4,3,2,9..2 then
 * 6,5,4,3,2,9..2): two mod-11 check digits. w holds n - 1 weights; the first check uses w + 1.
 */
static int mod11_pair(const uint8_t *s, size_t len, size_t n_want, const uint8_t *w)
{
	uint8_t d[14];
	size_t n;
	if (!digits(s, len, d, n_want, &n) || n != n_want || all_same(d, n))
		return 0;
	return mod11_digit(d, w + 1, n - 2) == d[n - 2] && mod11_digit(d, w, n - 1) == d[n - 1];
}

static int cpf(const uint8_t *s, size_t len)
{
	static const uint8_t w[10] = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2};
	return mod11_pair(s, len, 11, w);
}

static int cnpj(const uint8_t *s, size_t len)
{
	static const uint8_t w[13] = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
	return mod11_pair(s, len, 14, w);
}

/* NL BSN "11-proef": weights 9..2 on the first eight digits and -1 on the ninth; sum mod 11 = 0. */
static int bsn(const uint8_t *s, size_t len)
{
	uint8_t d[9];
	size_t n;
	if (!digits(s, len, d, sizeof d, &n) || n != 9 || all_same(d, n))
		return 0;
	long sum = -(long)d[8];
	for (unsigned i = 0; i < 8; i++)
		sum += (long)d[i] * (9 - i);
	return sum > 0 && sum % 11 == 0;
}

/* ES DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter, X=0 Y=1 Z=2): letter = table[n mod 23]. */
static int dni(const uint8_t *s, size_t len)
{
	static const char letters[] = "TRWAGMYFPDXBNJZSQVHLCKE";
	unsigned long v = 0;
	size_t nd = 0, i = 0;
	if (len && (s[0] == 'X' || s[0] == 'Y' || s[0] == 'Z')) {
		v = (unsigned long)(s[0] - 'X');
		nd = 1;
		i = 1;
	}
	for (; i + 1 < len; i++) {
		if (s[i] == '-' || s[i] == ' ' || s[i] == '.')
			continue;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned long)(s[i] - '0');
		nd++;
	}
	if (len < 2 || nd != 8)
		return 0;
	unsigned c = s[len - 1];
	if (c >= 'a' && c <= 'z')
		c -= 32;
	return c == (unsigned)letters[v % 23];
}

/*
 * DE Steuer-ID: 11 digits, first not 0; in the first ten exactly one digit occurs twice or three
 * times (three only as a non-adjacent triple is not checked here), others once or not at all; the
 * eleventh is the ISO 7064 MOD 11,10 check digit of the first ten.
 */
static int de_taxid(const uint8_t *s, size_t len)
{
	uint8_t d[11], cnt[10] = {0};
	size_t n;
	if (!digits(s, len, d, sizeof d, &n) || n != 11 || d[0] == 0)
		return 0;
	unsigned multi = 0;
	for (unsigned i = 0; i < 10; i++)
		cnt[d[i]]++;
	for (unsigned k = 0; k < 10; k++) {
		if (cnt[k] > 3)
			return 0;
		if (cnt[k] > 1)
			multi++;
	}
	if (multi != 1)
		return 0;
	unsigned prod = 10;
	for (unsigned i = 0; i < 10; i++) {
		unsigned sum = (d[i] + prod) % 10;
		if (sum == 0)
			sum = 10;
		prod = (sum * 2) % 11;
	}
	unsigned c = 11 - prod;
	if (c == 10)
		c = 0;
	return c == d[10];
}

/* IT codice fiscale: 15 characters mapped through the odd/even tables, sum mod 26 is the 16th letter. */
static int it_cf(const uint8_t *s, size_t len)
{
	static const uint8_t odd[26] = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14,
		16, 10, 22, 25, 24, 23};
	if (len != 16)
		return 0;
	unsigned sum = 0;
	for (unsigned i = 0; i < 15; i++) {
		unsigned c = s[i], v;
		if (c >= 'a' && c <= 'z')
			c -= 32;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else
			return 0;
		sum += (i % 2 == 0) ? odd[v] : v; /* positions are 1-based: index 0 is odd */
	}
	unsigned last = s[15];
	if (last >= 'a' && last <= 'z')
		last -= 32;
	return last == 'A' + sum % 26;
}

/* FR NIR: 13 digits then a 2-digit key = 97 - n mod 97; Corsica's departments 2A/2B count as 19/18. */
static int fr_nir(const uint8_t *s, size_t len)
{
	size_t b = len;
	while (b > 0 && ((s[b - 1] >= '0' && s[b - 1] <= '9') || s[b - 1] == ' ' || s[b - 1] == '.' ||
			 s[b - 1] == '-' || s[b - 1] == 'A' || s[b - 1] == 'B'))
		b--;
	s += b;
	len -= b;
	uint64_t v = 0;
	unsigned nd = 0, key = 0, nk = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned c = s[i];
		if (c == ' ' || c == '.' || c == '-')
			continue;
		if (nd == 6 && (c == 'A' || c == 'B') && v % 10 == 2) {
			v = (v - 1) * 10 + (c == 'A' ? 9 : 8);
			nd++;
			continue;
		}
		if (c < '0' || c > '9')
			return 0;
		if (nd < 13) {
			v = v * 10 + (c - '0');
			nd++;
		} else if (nk < 2) {
			key = key * 10 + (c - '0');
			nk++;
		} else {
			return 0;
		}
	}
	if (nd != 13 || nk != 2)
		return 0;
	return key >= 1 && key <= 97 && key == 97 - (unsigned)(v % 97);
}

/* CA SIN: Luhn over exactly nine digits, first digit not 0 or 8. */
static int sin9(const uint8_t *s, size_t len)
{
	uint8_t d[9];
	size_t n;
	if (!digits(s, len, d, sizeof d, &n) || n != 9 || d[0] == 0 || d[0] == 8)
		return 0;
	unsigned sum = 0;
	for (unsigned i = 0; i < 9; i++) {
		unsigned v = d[i];
		if (i % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/* US ABA routing number: 9 digits, 3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9) = 0 mod 10, known prefixes. */
static int aba(const uint8_t *s, size_t len)
{
	uint8_t d[9];
	size_t n;
	if (!digits(s, len, d, sizeof d, &n) || n != 9)
		return 0;
	unsigned pre = d[0] * 10u + d[1];
	if (!(pre <= 12 || (pre >= 21 && pre <= 32) || (pre >= 61 && pre <= 72) || pre == 80) || all_same(d, n))
		return 0;
	unsigned sum = 0;
	for (unsigned i = 0; i < 9; i += 3)
		sum += 3u * d[i] + 7u * d[i + 1] + d[i + 2];
	return sum % 10 == 0;
}

/* Reads exactly n_want digits (not all one digit) into d and sums the first nw times their weights. */
static int weighted(const uint8_t *s, size_t len, size_t n_want, const uint8_t *w, size_t nw, uint8_t *d,
		    unsigned *sum)
{
	size_t n;
	if (!digits(s, len, d, n_want, &n) || n != n_want || all_same(d, n))
		return 0;
	*sum = 0;
	for (size_t i = 0; i < nw; i++)
		*sum += d[i] * w[i];
	return 1;
}

/* AU TFN: nine digits, weights 1 4 3 7 5 8 6 9 10, sum mod 11 = 0. */
static int tfn(const uint8_t *s, size_t len)
{
	static const uint8_t w[9] = {1, 4, 3, 7, 5, 8, 6, 9, 10};
	uint8_t d[9];
	unsigned sum;
	return weighted(s, len, 9, w, 9, d, &sum) && sum % 11 == 0;
}

/* PL PESEL: 11 digits, weights 1 3 7 9 1 3 7 9 1 3, check = (10 - sum mod 10) mod 10. */
static int pesel(const uint8_t *s, size_t len)
{
	static const uint8_t w[10] = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
	uint8_t d[11];
	unsigned sum;
	return weighted(s, len, 11, w, 10, d, &sum) && (10 - sum % 10) % 10 == d[10];
}

/* CN resident id: 17 digits + check (0-9 or X), ISO 7064 MOD 11-2. */
static int cn_id(const uint8_t *s, size_t len)
{
	static const uint8_t w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char chk[] = "10X98765432";
	if (len != 18)
		return 0;
	unsigned sum = 0;
	for (unsigned i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (unsigned)(s[i] - '0') * w[i];
	}
	unsigned c = s[17] == 'x' ? 'X' : s[17];
	return c == (unsigned)chk[sum % 11];
}

/* CRC-32 (IEEE 802.3, reflected, as zlib), bitwise: tokens are short, a table is not worth 1 KiB. */
static uint32_t crc32(const uint8_t *s, size_t len)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < len; i++) {
		c ^= s[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	return c ^ 0xFFFFFFFFu;
}

/*
 * GitHub (ghp_ gho_ ghu_ ghs_ ghr_) and npm (npm_) tokens: PREFIX_ + 30 base62 random + 6 base62
 * checksum; the checksum is CRC-32 of the 30 random characters in base62 (0-9A-Za-z), left-padded
 * with '0' to six characters.
 */
static int ghcrc32(const uint8_t *s, size_t len)
{
	static const char b62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	size_t u = len;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '_')
			u = i;
	if (u == len || len - u - 1 != 36)
		return 0;
	const uint8_t *body = s + u + 1;
	uint32_t c = crc32(body, 30);
	char want[6];
	for (int i = 5; i >= 0; i--) {
		want[i] = b62[c % 62];
		c /= 62;
	}
	for (int i = 0; i < 6; i++)
		if ((uint8_t)want[i] != body[30 + i])
			return 0;
	return 1;
}

/* base64url value of one character, or -1 ('=' padding is not expected in JWT segments). */
static int b64url(unsigned c)
{
	if (c >= 'A' && c <= 'Z')
		return (int)(c - 'A');
	if (c >= 'a' && c <= 'z')
		return (int)(c - 'a' + 26);
	if (c >= '0' && c <= '9')
		return (int)(c - '0' + 52);
	if (c == '-' || c == '+')
		return 62;
	if (c == '_' || c == '/')
		return 63;
	return -1;
}

/*
 * JWT: the first segment (up to the first '.', at most 1024 characters) decodes from base64url to a
 * JSON object: it starts with '{' after optional whitespace, ends with '}', and contains "alg".
 * The decoder streams bytes through a small matcher, so nothing is buffered.
 */
static int jwt(const uint8_t *s, size_t len)
{
	static const char key[] = "\"alg\"";
	size_t end = 0;
	while (end < len && s[end] != '.')
		end++;
	if (end == len || end < 8 || end > 1024)
		return 0;
	uint32_t acc = 0;
	unsigned bits = 0, first = 0, last = 0, k = 0, found = 0;
	for (size_t i = 0; i < end; i++) {
		int v = b64url(s[i]);
		if (v < 0)
			return 0;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			unsigned b = (acc >> bits) & 0xFFu;
			if (b < 0x20 && b != '\t' && b != '\n' && b != '\r')
				return 0;
			if (!first && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
				if (b != '{')
					return 0;
				first = 1;
			}
			if (b != ' ' && b != '\t' && b != '\n' && b != '\r')
				last = b;
			k = (b == (unsigned char)key[k]) ? k + 1 : (b == '"' ? 1 : 0);
			if (k == sizeof key - 1) {
				found = 1;
				k = 0;
			}
		}
	}
	return first && last == '}' && found;
}

/* log2 without libm: integer part by halving, fraction by repeated squaring (20 bits). */
static double lg2(double x)
{
	double r = 0, bit = 1;
	while (x >= 2) {
		x /= 2;
		r += 1;
	}
	while (x < 1) {
		x *= 2;
		r -= 1;
	}
	for (int i = 0; i < 20; i++) {
		bit /= 2;
		x *= x;
		if (x >= 2) {
			x /= 2;
			r += bit;
		}
	}
	return r;
}

/* Shannon entropy in bits per byte of s[0..len). */
static double entropy_bits(const uint8_t *s, size_t len)
{
	unsigned cnt[256] = {0};
	for (size_t i = 0; i < len; i++)
		cnt[s[i]]++;
	double h = 0;
	for (unsigned b = 0; b < 256; b++)
		if (cnt[b])
			h -= (double)cnt[b] / (double)len * lg2((double)cnt[b] / (double)len);
	return h;
}

static int lower(unsigned c)
{
	return (c >= 'A' && c <= 'Z') ? (int)(c + 32) : (int)c;
}

static int contains_ci(const uint8_t *s, size_t len, const char *w)
{
	size_t m = 0;
	while (w[m])
		m++;
	for (size_t i = 0; i + m <= len; i++) {
		size_t j = 0;
		while (j < m && lower(s[i + j]) == (unsigned char)w[j])
			j++;
		if (j == m)
			return 1;
	}
	return 0;
}

/*
 * The value of a keyword-anchored span: the bytes after the last separator (space, tab, '=', ':',
 * quote, backtick, '>'), with trailing quotes, commas and base64 '=' padding trimmed. With marker semantics the span may
 * already be the value; then there is no separator and the whole span is the value.
 */
static void value_of(const uint8_t *s, size_t len, const uint8_t **v, size_t *vlen)
{
	while (len && (s[len - 1] == '"' || s[len - 1] == '\'' || s[len - 1] == ',' || s[len - 1] == ';' ||
		       s[len - 1] == '='))
		len--;
	size_t b = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned c = s[i];
		if (c == ' ' || c == '\t' || c == '=' || c == ':' || c == '"' || c == '\'' || c == '`' || c == '>')
			b = i + 1;
	}
	/* user:password@host (URL credentials): the value ends at the last '@' before a host name */
	for (size_t i = len; i-- > b;) {
		if (s[i] != '@')
			continue;
		int host = i + 1 < len, dot = 0;
		for (size_t j = i + 1; j < len && host; j++) {
			unsigned c = s[j];
			dot |= c == '.';
			host = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
			       c == '-' || c == '_';
		}
		if (host && dot)
			len = i;
		break;
	}
	*v = s + b;
	*vlen = len - b;
}

/*
 * Placeholders and templates that are never secrets: template syntaxes (${VAR}, {{ x }}, %VAR%,
 * <your-key>), documentation words, runs of one character (six or more: a run of four occurs in
 * about 1.5% of random 64-digit hex tokens, a run of six in 0.006%), sequences (12345678, abcdefgh)
 * and a period of two to four characters repeated (FAKEFAKEFAKE, abababababab).
 */
static int placeholder(const uint8_t *v, size_t n)
{
	static const char *const words[] = {"example", "changeme", "change_me", "placeholder", "redacted",
		"dummy", "your_", "your-", "yourpass", "<", "${", "{{", "%(", "$(", "xxxx", "****", "....",
		"replace", "insert_", "fixme", "secret_here", "password", "notreal", "guest"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (contains_ci(v, n, words[i]))
			return 1;
	if (n && (v[0] == '$' || v[0] == '%'))
		return 1; /* $VAR, %VAR%: a reference, not a value */
	unsigned run = 1, seq = 1;
	for (size_t i = 1; i < n; i++) {
		run = v[i] == v[i - 1] ? run + 1 : 1;
		seq = v[i] == v[i - 1] + 1 ? seq + 1 : 1;
		if (run >= 6 || seq >= 8)
			return 1; /* xxxxxx, 000000, 12345678, abcdefgh */
	}
	for (size_t p = 2; p <= 4; p++) { /* FAKEFAKEFAKE, abababababab: a short period repeated */
		unsigned rep = 0;
		for (size_t i = p; i < n; i++) {
			rep = v[i] == v[i - p] ? rep + 1 : 0;
			if (rep >= 12)
				return 1;
		}
	}
	return 0;
}

/*
 * A password or key value mixes a letter with a digit or a symbol other than . _ -; prose ("password:
 * required") and code (request.headers.get, some_function_name) do not. need_digit: the other
 * character must be a digit (generic values).
 */
static int mixed(const uint8_t *v, size_t n, int need_digit)
{
	int alpha = 0, other = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned)lower(v[i]);
		if (c >= 'a' && c <= 'z')
			alpha = 1;
		else if ((c >= '0' && c <= '9') || (!need_digit && c != '.' && c != '_' && c != '-'))
			other = 1;
	}
	return alpha && other;
}

/*
 * whole 1: judge the whole span (a self-identifying token); 0: the value after the keyword, mixed;
 * 2: that value, mixed with a digit.
 */
static int entropy_value(const uint8_t *s, size_t len, int whole, size_t min_len, double floor_bits)
{
	const uint8_t *v = s;
	size_t n = len;
	if (whole != 1)
		value_of(s, len, &v, &n);
	return n >= min_len && !placeholder(v, n) && (whole == 1 || mixed(v, n, whole == 2)) && entropy_bits(v, n) >= floor_bits;
}

/* The password of user:password@host: not a placeholder or template, and not a single repeated byte. */
static int url_password(const uint8_t *s, size_t len)
{
	const uint8_t *v;
	size_t n;
	value_of(s, len, &v, &n);
	return n >= 3 && !placeholder(v, n) && entropy_bits(v, n) > 1.0;
}

int sl__validate(uint32_t id, const uint8_t *span, size_t len)
{
	switch (id) {
	case 1: return luhn(span, len);
	case 2: return iban(span, len);
	case 3: return verhoeff(span, len);
	case 4: return nhs(span, len);
	case 5: return cpf(span, len);
	case 6: return cnpj(span, len);
	case 7: return bsn(span, len);
	case 8: return dni(span, len);
	case 9: return de_taxid(span, len);
	case 10: return it_cf(span, len);
	case 11: return fr_nir(span, len);
	case 12: return sin9(span, len);
	case 13: return aba(span, len);
	case 14: return tfn(span, len);
	case 15: return ghcrc32(span, len);
	case 16: return jwt(span, len);
	case 17: return entropy_value(span, len, 1, 16, 3.0);
	case 18: return entropy_value(span, len, 0, 6, 2.0);
	case 19: return pesel(span, len);
	case 20: return cn_id(span, len);
	case 21: return entropy_value(span, len, 2, 16, 3.0);
	case 22: return url_password(span, len);
	default: return 1;
	}
}
