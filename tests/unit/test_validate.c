/*
 * test_validate.c - every validator in runtime/validate.c (format.h SL_VALIDATORS) accepts
 * synthetic known-good values (generated with their checksums by tests/std/synth.py) and rejects
 * known-bad ones: a changed check digit, a wrong length, separators in the wrong place, placeholders.
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "format.h"
#include "internal.h"

enum {
#define VID(id, name, doc) V_##name = id,
	SL_VALIDATORS(VID)
#undef VID
};

static int v(uint32_t id, const char *s)
{
	return sl__validate(id, (const uint8_t *)s, strlen(s));
}

#define GOOD(id, s) assert_true(v(id, s))
#define BAD(id, s) assert_false(v(id, s))

static void test_ids(void **state)
{
	(void)state;
	/* ids are 1..SL_VALIDATOR_MAX in order; the resolver relies on it */
	uint32_t n = 0, ok = 1;
#define CNT(id, name, doc) ok &= (id == ++n);
	SL_VALIDATORS(CNT)
#undef CNT
	assert_true(ok);
	assert_int_equal(n, SL_VALIDATOR_MAX);
	GOOD(0, "anything");
	GOOD(SL_VALIDATOR_MAX + 1, "unknown ids accept");
}

static void test_luhn_iban(void **state)
{
	(void)state;
	GOOD(V_luhn, "4111 1111 1111 1111");
	BAD(V_luhn, "4111 1111 1111 1112");
	GOOD(V_iban, "DE50526018159083016613");
	GOOD(V_iban, "GB82 WEST 1234 5698 7654 32");
	BAD(V_iban, "DE51526018159083016613");
}

static void test_verhoeff(void **state)
{
	(void)state;
	GOOD(V_verhoeff, "726018159082");
	GOOD(V_verhoeff, "5016 6131 8603");
	BAD(V_verhoeff, "726018159083");
	BAD(V_verhoeff, "126018159082"); /* Aadhaar never starts with 0 or 1 */
	BAD(V_verhoeff, "72601815908");
}

static void test_nhs(void **state)
{
	(void)state;
	GOOD(V_nhs, "0830166130");
	GOOD(V_nhs, "186 091 3903");
	BAD(V_nhs, "0830166131");
	BAD(V_nhs, "183009139030");
}

static void test_cpf_cnpj(void **state)
{
	(void)state;
	GOOD(V_cpf, "52601815906");
	GOOD(V_cpf, "083.016.613-05");
	BAD(V_cpf, "52601815907");
	BAD(V_cpf, "111.111.111-11"); /* checksum-valid but all one digit */
	GOOD(V_cnpj, "52601815000120");
	GOOD(V_cnpj, "90.830.166/0001-28");
	BAD(V_cnpj, "52601815000121");
	BAD(V_cnpj, "00000000000000");
}

static void test_bsn_tfn_sin(void **state)
{
	(void)state;
	GOOD(V_bsn, "908301662");
	GOOD(V_bsn, "131860914");
	BAD(V_bsn, "908301663");
	BAD(V_bsn, "000000000");
	GOOD(V_tfn, "526018158");
	GOOD(V_tfn, "908 301 669");
	BAD(V_tfn, "526018159");
	BAD(V_tfn, "52601815");
	GOOD(V_sin, "326018157");
	GOOD(V_sin, "508-301-660");
	BAD(V_sin, "326018158");
	BAD(V_sin, "046454286"); /* luhn-valid, but SINs never start with 0 */
}

static void test_dni(void **state)
{
	(void)state;
	GOOD(V_dni, "52601815X");
	GOOD(V_dni, "90830166S");
	GOOD(V_dni, "Y2601815T");
	GOOD(V_dni, "Z0830166D");
	BAD(V_dni, "52601815A");
	BAD(V_dni, "Y2601815A");
	BAD(V_dni, "5260181X");
}

static void test_de_it_fr(void **state)
{
	(void)state;
	GOOD(V_de_taxid, "52690741307");
	GOOD(V_de_taxid, "94208513626");
	BAD(V_de_taxid, "52690741308");
	BAD(V_de_taxid, "12345678903"); /* no repeated digit */
	GOOD(V_it_cf, "HDLRBC92P04F597S");
	GOOD(V_it_cf, "BZNFBC67L03D093B");
	BAD(V_it_cf, "HDLRBC92P04F597T");
	BAD(V_it_cf, "HDLRBC92P04F597");
	GOOD(V_fr_nir, "249078405007573");
	GOOD(V_fr_nir, "1 63 10 08 932 520 46");
	BAD(V_fr_nir, "249078405007574");
	BAD(V_fr_nir, "2490784050075");
}

static void test_aba_pesel_cn(void **state)
{
	(void)state;
	GOOD(V_aba, "262601810");
	GOOD(V_aba, "319083019");
	BAD(V_aba, "262601811");
	BAD(V_aba, "999999999");
	GOOD(V_pesel, "70031301816");
	GOOD(V_pesel, "73100283015");
	BAD(V_pesel, "70031301817");
	GOOD(V_cn_id, "110105197003130180");
	GOOD(V_cn_id, "110105195606190837");
	BAD(V_cn_id, "110105197003130181");
}

static void test_ghcrc32(void **state)
{
	(void)state;
	GOOD(V_ghcrc32, "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");
	GOOD(V_ghcrc32, "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");
	BAD(V_ghcrc32, "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8024xXI");
	BAD(V_ghcrc32, "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	BAD(V_ghcrc32, "ghp_short");
}

static void test_jwt(void **state)
{
	(void)state;
	GOOD(V_jwt, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzeW50aGV0aWMtMzM5NTYzIiwiaWF0IjoxNzAwOTkzOTA4fQ.tYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA_2O76");
	GOOD(V_jwt, "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
	BAD(V_jwt, "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.sig"); /* {"typ":"JWT"}: no alg */
	BAD(V_jwt, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"); /* no dot */
	BAD(V_jwt, "eyJhbGciOi!!.eyJ.x");
}

static void test_entropy(void **state)
{
	(void)state;
	GOOD(V_entropy, "AKIAQ3ZKT7LMR2XPK9WN");
	GOOD(V_entropy, "ghp_Zq8rT3vLm2XpK9wN4sYb7c");
	GOOD(V_entropy, "1585666696:AAdy_UVKlmWtKeKsvLjziQ81kV06"); /* a run of four is chance, not a placeholder */
	GOOD(V_entropy, "AKCpMy15yDCbsnvNMatoDo0BCjgHApqM0NGEcRPW0uQWy"); /* "toDo" by chance is no placeholder */
	BAD(V_entropy, "AKIAIOSFODNN7EXAMPLE"); /* the AWS documentation key */
	BAD(V_entropy, "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx");
	BAD(V_entropy, "abababababababababababab"); /* 1 bit per byte */
	BAD(V_entropy, "sk_test_FAKEFAKEFAKEFAKEFAKEFAKE1234"); /* a short period repeated */
	BAD(V_entropy, "ghp_0123456789abcdefghijklmnopqrstuvwxyz"); /* a sequence */
	BAD(V_entropy, "q8ZrT3vL"); /* shorter than any token */
	GOOD(V_secret_value, "password=Synth3tic-Pa55-q8Zr");
	GOOD(V_secret_value, "Tr0ub4dor&3x");
	BAD(V_secret_value, "password = changeme123");
	BAD(V_secret_value, "password: <your-password>");
	BAD(V_secret_value, "password=${DB_PASSWORD}");
	BAD(V_secret_value, "password=xxxxxxxx");
	BAD(V_secret_value, "password=abc");
	BAD(V_secret_value, "Password: required"); /* prose: letters only */
	BAD(V_secret_value, "access_token = request.headers.get"); /* code: letters and dots */
	GOOD(V_generic_secret, "api_key = \"q8ZrT3vLm2XpK9wN4sYb\"");
	GOOD(V_generic_secret, "AccountKey=q8ZrT3vLm2XpK9wN4sYbq8ZrT3vLm2XpK9wN4sYb==");
	BAD(V_generic_secret, "api_key = \"aaaaaaaaaaaaaaaaaaaaaaaa\"");
	BAD(V_generic_secret, "token: ${{ secrets.DEPLOY_TOKEN_VALUE }}");
	BAD(V_generic_secret, "api_key = EXAMPLEq8ZrT3vLm2XpK9wN");
	BAD(V_generic_secret, "api_key = q8ZrT3vL9");
	BAD(V_generic_secret, "api_key = some_function_name_here");
}

static void test_keyword_spans(void **state)
{
	(void)state;
	/* numeric validators read the trailing number of a keyword-anchored span */
	GOOD(V_nhs, "NHS number: 083 016 6130");
	BAD(V_nhs, "NHS number: 083 016 6131");
	GOOD(V_aba, "routing number 262601810");
	GOOD(V_bsn, "BSN: 908301662");
	GOOD(V_fr_nir, "INSEE: 249078405007573");
	/* URL credentials: the password is judged, not the host (which may well say "example") */
	GOOD(V_secret_value, "postgres://app:Synth-pw-42@db1.example.net");
	BAD(V_secret_value, "postgres://app:password@db1.internal");
	BAD(V_secret_value, "postgres://app:${DB_PASS}@db1.internal");
	GOOD(V_url_password, "postgresql://app:qZgDOe-aNQruXpT@db1.example.net");
	GOOD(V_url_password, "hunter2");
	BAD(V_url_password, "redis://:password@cache.internal");
	BAD(V_url_password, "https://user:<password>@host.example.com");
	BAD(V_url_password, "ab");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids), cmocka_unit_test(test_luhn_iban), cmocka_unit_test(test_verhoeff),
		cmocka_unit_test(test_nhs), cmocka_unit_test(test_cpf_cnpj), cmocka_unit_test(test_bsn_tfn_sin),
		cmocka_unit_test(test_dni), cmocka_unit_test(test_de_it_fr), cmocka_unit_test(test_aba_pesel_cn),
		cmocka_unit_test(test_ghcrc32), cmocka_unit_test(test_jwt), cmocka_unit_test(test_entropy),
		cmocka_unit_test(test_keyword_spans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
