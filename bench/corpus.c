/*
 * corpus.c - deterministic generator of text resembling LLM gateway traffic (chat, code, JSON,
 * logs, configs, base64 blobs, hashes) with sparse planted sensitive tokens, for bench/run.sh.
 * SPDX-License-Identifier: MIT
 *
 * Every planted token is synthetic and visibly fake yet format-valid, so detectors fire on it:
 * mail at example.com, AWS key ids ending in EXAMPLE, GitHub tokens whose body starts with FAKE,
 * the card networks' published test numbers, IBANs with correct mod-97 check digits over made-up
 * accounts, JWTs signed by nobody, phone numbers in the 555-01xx fiction range. Same seed and size
 * give byte-identical output on every machine (own PRNG, no locale, no time).
 *
 * usage: corpus --mb N [--seed S] [--short] [-o FILE]
 *   --short: messages of ~2 KB (1.5-2.5 KB) separated by one 0x1E byte (ASCII RS, never generated
 *   otherwise); the runners' `--mode short` splits on it.
 * A summary "corpus: bytes=... planted kind=N ..." goes to stderr.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_DELIM 0x1e

#define PLANTS(X) \
	X(P_EMAIL, "email") \
	X(P_AWS, "aws_key_id") \
	X(P_GITHUB, "github_token") \
	X(P_CARD, "card") \
	X(P_IBAN, "iban") \
	X(P_JWT, "jwt") \
	X(P_PASSWORD, "password") \
	X(P_PHONE, "phone")

enum plant {
#define PLANT_ENUM(id, name) id,
	PLANTS(PLANT_ENUM)
#undef PLANT_ENUM
	P_COUNT
};

static const char *const plant_names[] = {
#define PLANT_NAME(id, name) name,
	PLANTS(PLANT_NAME)
#undef PLANT_NAME
};

typedef struct rng {
	uint64_t s;
} rng;

typedef struct buf {
	char *p;
	size_t len, cap;
	int oom;
} buf;

typedef struct gen {
	rng r;
	buf b;
	uint32_t plant_one_in; /* chance per sentence or line that carries a planted token */
	uint64_t planted[P_COUNT];
} gen;

/* ---- randomness (splitmix64: tiny, good enough, identical everywhere) ---------------------------- */

static uint64_t next(rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t below(rng *r, uint32_t n)
{
	return (uint32_t)((next(r) >> 32) * n >> 32);
}

static uint32_t between(rng *r, uint32_t lo, uint32_t hi)
{
	return lo + below(r, hi - lo + 1);
}

#define PICK(g, arr) ((arr)[below(&(g)->r, (uint32_t)(sizeof(arr) / sizeof((arr)[0])))])

/* ---- output buffer ---------------------------------------------------------------------------- */

static void put(buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n > b->cap) {
		size_t ncap = b->cap ? b->cap : 1 << 16;
		while (ncap < b->len + n)
			ncap *= 2;
		char *np = realloc(b->p, ncap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void puts_(gen *g, const char *s)
{
	put(&g->b, s, strlen(s));
}

static void putc_(gen *g, char c)
{
	put(&g->b, &c, 1);
}

__attribute__((format(printf, 2, 3))) static void putf(gen *g, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		put(&g->b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void put_chars(gen *g, const char *alphabet, size_t n)
{
	size_t k = strlen(alphabet);
	for (size_t i = 0; i < n; i++)
		putc_(g, alphabet[below(&g->r, (uint32_t)k)]);
}

static const char HEX[] = "0123456789abcdef";
static const char ALNUM[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void put_base64(gen *g, const uint8_t *in, size_t n, const char *alphabet, int pad)
{
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		size_t out = n - i >= 3 ? 4 : n - i + 1;
		for (size_t k = 0; k < 4; k++) {
			if (k < out)
				putc_(g, alphabet[(v >> (18 - 6 * k)) & 63]);
			else if (pad)
				putc_(g, '=');
		}
	}
}

/* ---- vocabulary ------------------------------------------------------------------------------- */

static const char *const WORDS[] = { "the", "a", "to", "of", "and", "in", "is", "it", "that", "for",
	"you", "with", "on", "as", "this", "be", "are", "can", "we", "should", "model", "prompt",
	"answer", "function", "request", "response", "server", "client", "data", "user", "value",
	"error", "file", "query", "table", "token", "cache", "latency", "budget", "policy", "review",
	"summary", "customer", "invoice", "report", "meeting", "draft", "email", "deploy", "cluster",
	"service", "gateway", "config", "secret", "internal", "confidential", "release", "schedule",
	"quarter", "revenue", "forecast", "team", "project", "issue", "ticket", "branch", "commit",
	"test", "build", "pipeline", "database", "index", "schema", "migration", "backup", "storage",
	"bucket", "region", "account", "password", "login", "session", "cookie", "header", "payload",
	"stream", "chunk", "buffer", "thread", "memory", "vector", "embedding", "retrieval", "context",
	"window", "temperature", "completion", "assistant", "system", "message", "translate", "explain",
	"rewrite", "improve", "optimize", "refactor", "debug", "example", "please", "thanks", "quickly",
	"carefully", "because", "however", "therefore", "although", "instead", "also", "only", "still",
	"again", "maybe", "probably", "every", "some", "many", "few", "large", "small", "fast", "slow",
	"new", "old", "first", "last", "next", "previous", "public", "private", "shared", "local",
	"remote", "daily", "weekly", "monthly", "legal", "contract", "vendor", "partner", "roadmap" };

static const char *const NAMES[] = { "alice", "bob", "carol", "dave", "erin", "frank", "grace",
	"heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent",
	"victor", "walter", "yara" };

static const char *const IDENTS[] = { "handler", "result", "items", "config", "client", "retries",
	"timeout", "payload", "buffer", "offset", "count", "index", "cursor", "session", "logger",
	"request", "response", "headers", "options", "ctx", "user_id", "api_base", "model_name" };

static const char *const MODELS[] = { "gpt-4o", "claude-3-5-sonnet", "llama-3.1-70b",
	"mistral-large", "gemini-1.5-pro", "qwen2.5-72b" };

static const char *const PATHS[] = { "/v1/chat/completions", "/v1/embeddings", "/v1/completions",
	"/v1/models", "/healthz", "/v1/moderations", "/api/tenants/42/usage" };

static const char *const LEVELS[] = { "INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR" };

/* ---- planted tokens --------------------------------------------------------------------------- */

static void plant_email(gen *g)
{
	putf(g, "%s.%s%u@example.com", PICK(g, NAMES), PICK(g, NAMES), below(&g->r, 100));
}

static void plant_aws(gen *g)
{
	puts_(g, "AKIA");
	put_chars(g, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 9);
	puts_(g, "EXAMPLE");
}

static void plant_github(gen *g)
{
	puts_(g, "ghp_FAKE");
	put_chars(g, ALNUM, 32);
}

static void plant_card(gen *g)
{
	/* The networks' published test numbers; Luhn-valid, never issued. */
	static const char *const cards[] = { "4111111111111111", "5555555555554444",
		"4012888888881881", "5105105105105100" };
	static const char *const seps[] = { "", "-", " " };
	const char *c = PICK(g, cards), *sep = PICK(g, seps);
	for (int i = 0; i < 16; i += 4)
		putf(g, "%s%.4s", i ? sep : "", c + i);
}

/* ISO 13616 check digits: 98 - (BBAN + country + "00" as digits, letters A=10..Z=35) mod 97. */
static unsigned iban_check(const char *country, const char *bban)
{
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%s%s00", bban, country);
	unsigned m = 0;
	for (const char *p = tmp; *p; p++)
		m = *p >= 'A' ? (m * 100 + (unsigned)(*p - 'A' + 10)) % 97 : (m * 10 + (unsigned)(*p - '0')) % 97;
	return 98 - m;
}

static void plant_iban(gen *g)
{
	char bban[32];
	const char *country = below(&g->r, 2) ? "DE" : "NL";
	size_t n = 0;
	if (country[0] == 'N') {
		memcpy(bban, "TEST", 4); /* no such bank code */
		n = 4;
	}
	size_t digits = country[0] == 'D' ? 18 : 10;
	for (size_t i = 0; i < digits; i++)
		bban[n++] = (char)('0' + below(&g->r, 10));
	bban[n] = '\0';
	char iban[40];
	snprintf(iban, sizeof iban, "%s%02u%s", country, iban_check(country, bban), bban);
	if (below(&g->r, 2)) {
		puts_(g, iban);
		return;
	}
	for (size_t i = 0; iban[i]; i++) {
		if (i && i % 4 == 0)
			putc_(g, ' ');
		putc_(g, iban[i]);
	}
}

static void plant_jwt(gen *g)
{
	char payload[128];
	int n = snprintf(payload, sizeof payload,
		"{\"sub\":\"test-user-%u\",\"name\":\"Example User\",\"iat\":17%08u}", below(&g->r, 10000),
		below(&g->r, 100000000));
	puts_(g, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."); /* {"alg":"HS256","typ":"JWT"} */
	put_base64(g, (const uint8_t *)payload, (size_t)n, B64URL, 0);
	putc_(g, '.');
	put_chars(g, B64URL, 43);
}

static void plant_password_value(gen *g)
{
	puts_(g, "Fake-");
	put_chars(g, ALNUM, between(&g->r, 8, 16));
}

static void plant_phone(gen *g)
{
	putf(g, "+1-%u-555-01%02u", between(&g->r, 201, 989), below(&g->r, 100));
}

static void plant(gen *g, enum plant k)
{
	g->planted[k]++;
	switch (k) {
	case P_EMAIL: plant_email(g); break;
	case P_AWS: plant_aws(g); break;
	case P_GITHUB: plant_github(g); break;
	case P_CARD: plant_card(g); break;
	case P_IBAN: plant_iban(g); break;
	case P_JWT: plant_jwt(g); break;
	case P_PASSWORD:
		puts_(g, "password = \"");
		plant_password_value(g);
		putc_(g, '"');
		break;
	case P_PHONE: plant_phone(g); break;
	case P_COUNT: break;
	}
}

static int chance(gen *g)
{
	return below(&g->r, g->plant_one_in) == 0;
}

/* A sentence a user might paste a secret into, or an ordinary sentence. */
static void sentence(gen *g)
{
	if (chance(g)) {
		static const char *const lead[] = { "Here is the value: ", "my details are ", "use ",
			"it failed with ", "can you check " };
		puts_(g, PICK(g, lead));
		plant(g, (enum plant)below(&g->r, P_COUNT));
		puts_(g, ". ");
		return;
	}
	uint32_t n = between(&g->r, 6, 22);
	for (uint32_t i = 0; i < n; i++) {
		const char *w = PICK(g, WORDS);
		if (i == 0) {
			putc_(g, (char)(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0]));
			puts_(g, w + 1);
		} else {
			putc_(g, ' ');
			puts_(g, w);
		}
		if (i + 1 < n && below(&g->r, 12) == 0)
			putc_(g, ',');
	}
	puts_(g, below(&g->r, 6) ? ". " : "? ");
}

static void paragraph(gen *g, uint32_t lo, uint32_t hi)
{
	uint32_t n = between(&g->r, lo, hi);
	for (uint32_t i = 0; i < n; i++)
		sentence(g);
	puts_(g, "\n\n");
}

static void uuid(gen *g)
{
	put_chars(g, HEX, 8);
	putc_(g, '-');
	put_chars(g, HEX, 4);
	puts_(g, "-4");
	put_chars(g, HEX, 3);
	putc_(g, '-');
	putc_(g, "89ab"[below(&g->r, 4)]);
	put_chars(g, HEX, 3);
	putc_(g, '-');
	put_chars(g, HEX, 12);
}

static void timestamp(gen *g)
{
	putf(g, "2026-%02u-%02uT%02u:%02u:%02u.%03uZ", between(&g->r, 1, 12), between(&g->r, 1, 28),
		below(&g->r, 24), below(&g->r, 60), below(&g->r, 60), below(&g->r, 1000));
}

/* ---- documents -------------------------------------------------------------------------------- */

static void code(gen *g)
{
	uint32_t lang = below(&g->r, 3), n = between(&g->r, 4, 18);
	const char *fn = PICK(g, IDENTS);
	if (lang == 0)
		putf(g, "```python\ndef %s_%s(%s, %s=None):\n", PICK(g, IDENTS), fn, PICK(g, IDENTS),
			PICK(g, IDENTS));
	else if (lang == 1)
		putf(g, "```js\nexport async function %s(%s) {\n", fn, PICK(g, IDENTS));
	else
		putf(g, "```go\nfunc %s(%s *Request) (*Response, error) {\n", fn, PICK(g, IDENTS));
	for (uint32_t i = 0; i < n; i++) {
		const char *ind = lang == 0 ? "    " : "\t";
		if (chance(g)) {
			puts_(g, ind);
			plant(g, below(&g->r, 3) ? P_PASSWORD : P_AWS);
			putc_(g, '\n');
			continue;
		}
		switch (below(&g->r, 5)) {
		case 0:
			putf(g, "%s%s = %s(%s, %u)\n", ind, PICK(g, IDENTS), PICK(g, IDENTS), PICK(g, IDENTS),
				below(&g->r, 1000));
			break;
		case 1:
			putf(g, "%sif %s %s %u:\n", ind, PICK(g, IDENTS), below(&g->r, 2) ? ">" : "==",
				below(&g->r, 64));
			break;
		case 2:
			putf(g, "%s# %s %s %s\n", ind, PICK(g, WORDS), PICK(g, WORDS), PICK(g, WORDS));
			break;
		case 3:
			putf(g, "%slog.%s(\"%s %s: %%s\", %s)\n", ind, below(&g->r, 2) ? "info" : "debug",
				PICK(g, WORDS), PICK(g, WORDS), PICK(g, IDENTS));
			break;
		default:
			putf(g, "%sreturn %s.get(\"%s\")\n", ind, PICK(g, IDENTS), PICK(g, IDENTS));
		}
	}
	puts_(g, lang == 0 ? "```\n\n" : "}\n```\n\n");
}

static void json_string(gen *g)
{
	putc_(g, '"');
	uint32_t n = between(&g->r, 1, 3);
	for (uint32_t i = 0; i < n; i++)
		sentence(g);
	g->b.len--; /* drop the sentence's trailing space */
	putc_(g, '"');
}

static void json(gen *g)
{
	puts_(g, "{\"id\": \"chatcmpl-");
	put_chars(g, ALNUM, 24);
	putf(g, "\", \"model\": \"%s\", \"created\": 17%08u, \"request_id\": \"", PICK(g, MODELS),
		below(&g->r, 100000000));
	uuid(g);
	puts_(g, "\",\n \"messages\": [");
	uint32_t n = between(&g->r, 1, 4);
	for (uint32_t i = 0; i < n; i++) {
		putf(g, "%s\n  {\"role\": \"%s\", \"content\": ", i ? "," : "", i % 2 ? "assistant" : "user");
		json_string(g);
		putc_(g, '}');
	}
	puts_(g, "],\n \"metadata\": {");
	if (chance(g)) {
		puts_(g, "\"email\": \"");
		plant(g, P_EMAIL);
		puts_(g, "\", ");
	}
	if (chance(g)) {
		puts_(g, "\"authorization\": \"Bearer ");
		plant(g, P_JWT);
		puts_(g, "\", ");
	}
	if (chance(g)) {
		puts_(g, "\"password\": \"");
		plant_password_value(g);
		g->planted[P_PASSWORD]++;
		puts_(g, "\", ");
	}
	putf(g, "\"tenant\": \"%s\", \"sha256\": \"", PICK(g, NAMES));
	put_chars(g, HEX, 64);
	putf(g, "\"},\n \"usage\": {\"prompt_tokens\": %u, \"completion_tokens\": %u}}\n\n",
		below(&g->r, 8000), below(&g->r, 2000));
}

static void logs(gen *g, uint32_t lo, uint32_t hi)
{
	uint32_t n = between(&g->r, lo, hi);
	for (uint32_t i = 0; i < n; i++) {
		timestamp(g);
		putf(g, " %s [gateway] request_id=", PICK(g, LEVELS));
		uuid(g);
		putf(g, " method=POST path=%s status=%u latency_ms=%u client_ip=%s.%u", PICK(g, PATHS),
			below(&g->r, 9) ? 200 : 429, between(&g->r, 3, 9000),
			below(&g->r, 2) ? "203.0.113" : "198.51.100", below(&g->r, 256));
		if (chance(g)) {
			static const enum plant in_logs[] = { P_EMAIL, P_PHONE, P_JWT, P_CARD };
			puts_(g, " user=");
			plant(g, PICK(g, in_logs));
		} else {
			putf(g, " user=%s model=%s", PICK(g, NAMES), PICK(g, MODELS));
		}
		putc_(g, '\n');
	}
	putc_(g, '\n');
}

static void config(gen *g)
{
	uint32_t kind = below(&g->r, 2), n = between(&g->r, 5, 16);
	puts_(g, kind ? "```yaml\n" : "```ini\n");
	for (uint32_t i = 0; i < n; i++) {
		if (chance(g)) {
			static const enum plant in_cfg[] = { P_PASSWORD, P_AWS, P_GITHUB, P_IBAN };
			enum plant k = PICK(g, in_cfg);
			if (k != P_PASSWORD)
				puts_(g, kind ? "  credential: " : "credential = ");
			plant(g, k);
			putc_(g, '\n');
			continue;
		}
		if (below(&g->r, 8) == 0) {
			/* Opaque ids and cache keys: high-entropy but not secrets, what generic rules trip on. */
			static const char *const what[] = { "cache_key", "etag", "build_id", "trace_token" };
			putf(g, kind ? "  %s: \"" : "%s = \"", PICK(g, what));
			put_chars(g, B64, between(&g->r, 24, 48));
			puts_(g, "\"\n");
			continue;
		}
		putf(g, kind ? "  %s_%s: %u\n" : "%s_%s = %u\n", PICK(g, IDENTS), PICK(g, WORDS),
			below(&g->r, 5000));
	}
	puts_(g, "```\n\n");
}

static void blob(gen *g, uint32_t lo, uint32_t hi)
{
	uint8_t raw[3072];
	uint32_t n = between(&g->r, lo, hi);
	for (uint32_t i = 0; i < n; i++)
		raw[i] = (uint8_t)next(&g->r);
	puts_(g, "data:application/octet-stream;base64,");
	put_base64(g, raw, n, B64, 1);
	puts_(g, "\n\n");
}

static void hashes(gen *g)
{
	uint32_t n = between(&g->r, 3, 12);
	for (uint32_t i = 0; i < n; i++) {
		switch (below(&g->r, 4)) {
		case 0: put_chars(g, HEX, 64); puts_(g, "  dist/app.tar.gz"); break;
		case 1: put_chars(g, HEX, 40); puts_(g, " Merge branch 'main'"); break;
		case 2: put_chars(g, HEX, 32); break;
		default: uuid(g);
		}
		putc_(g, '\n');
	}
	putc_(g, '\n');
}

static void chat(gen *g)
{
	puts_(g, "### user\n");
	paragraph(g, 1, 5);
	puts_(g, "### assistant\n");
	paragraph(g, 2, 8);
	if (below(&g->r, 3) == 0)
		code(g);
	if (below(&g->r, 3) == 0)
		paragraph(g, 1, 4);
}

/* One document of the long corpus, mixed in rough gateway proportions. */
static void document(gen *g)
{
	uint32_t d = below(&g->r, 100);
	if (d < 30)
		chat(g);
	else if (d < 45)
		code(g);
	else if (d < 65)
		json(g);
	else if (d < 85)
		logs(g, 5, 40);
	else if (d < 93)
		config(g);
	else if (d < 97)
		blob(g, 96, 3072);
	else
		hashes(g);
}

/* One ~2 KB prompt for the short-message workload: smaller pieces so the size stays near target. */
static void message(gen *g)
{
	size_t start = g->b.len, target = between(&g->r, 1536, 2560);
	puts_(g, "### user\n");
	while (g->b.len - start < target && !g->b.oom) {
		uint32_t d = below(&g->r, 10);
		if (d < 5)
			paragraph(g, 1, 3);
		else if (d < 7)
			code(g);
		else if (d < 8)
			logs(g, 1, 4);
		else if (d < 9)
			config(g);
		else
			blob(g, 48, 300);
	}
}

/* ---- main ------------------------------------------------------------------------------------- */

static int flush(gen *g, FILE *out)
{
	if (g->b.oom) {
		fprintf(stderr, "corpus: out of memory\n");
		return -1;
	}
	if (g->b.len && fwrite(g->b.p, 1, g->b.len, out) != g->b.len) {
		fprintf(stderr, "corpus: write error: %s\n", strerror(errno));
		return -1;
	}
	g->b.len = 0;
	return 0;
}

int main(int argc, char **argv)
{
	double mb = 0;
	unsigned long long seed = 1;
	int short_mode = 0;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		char *end = NULL;
		if (!strcmp(argv[i], "--mb") && i + 1 < argc)
			mb = strtod(argv[++i], &end);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], &end, 0);
		else if (!strcmp(argv[i], "--short"))
			short_mode = 1;
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			path = argv[++i];
		else
			end = argv[i];
		if (end && *end) {
			fprintf(stderr, "usage: corpus --mb N [--seed S] [--short] [-o FILE]\n");
			return 2;
		}
	}
	if (!(mb > 0 && mb <= 65536)) {
		fprintf(stderr, "corpus: --mb must be in (0, 65536]\n");
		return 2;
	}
	FILE *out = path ? fopen(path, "wb") : stdout;
	if (!out) {
		fprintf(stderr, "corpus: %s: %s\n", path, strerror(errno));
		return 1;
	}
	gen g = { .r = { seed }, .plant_one_in = 60 };
	uint64_t target = (uint64_t)(mb * 1e6), total = 0, docs = 0;
	int rc = 0;
	while (total < target && rc == 0) {
		if (short_mode) {
			if (docs)
				putc_(&g, MSG_DELIM);
			message(&g);
		} else {
			document(&g);
		}
		docs++;
		total += g.b.len;
		rc = flush(&g, out);
	}
	if (path && fclose(out) != 0) {
		fprintf(stderr, "corpus: %s: %s\n", path, strerror(errno));
		rc = -1;
	}
	free(g.b.p);
	fprintf(stderr, "corpus: bytes=%llu %s=%llu seed=%llu planted", (unsigned long long)total,
		short_mode ? "messages" : "documents", (unsigned long long)docs, seed);
	for (int k = 0; k < P_COUNT; k++)
		fprintf(stderr, " %s=%llu", plant_names[k], (unsigned long long)g.planted[k]);
	fputc('\n', stderr);
	return rc ? 1 : 0;
}
