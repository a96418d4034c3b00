/*
 * calibrate.c - the calibration sample. Relaxed forward automata are smaller but may report many
 * more candidate ends (each costs a reverse run), and only text can tell how many: this sample is
 * the text, built from a fixed seed so compiles stay deterministic.
 * SPDX-License-Identifier: MIT
 */
#include "calibrate.h"

#include <string.h>

static const char *const words[] = {
	"the", "model", "answer", "request", "user", "please", "summarize", "this", "document", "and", "return",
	"a", "list", "of", "items", "with", "their", "status", "error", "timeout", "retry", "config", "value",
	"service", "deploy", "cluster", "token", "limit", "context", "window", "prompt", "completion", "Thanks",
	"The", "When", "If", "you", "can", "see", "in", "logs", "for", "each", "step", "is", "not", "found",
};
static const char *const code[] = {
	"def handler(event, context):", "return {\"statusCode\": 200}", "import os, sys", "for i in range(10):",
	"const x = await fetch(url);", "if err != nil { return err }", "SELECT id, name FROM users WHERE id = ?;",
	"/usr/local/bin/python3", "./scripts/build.sh --release", "git commit -m \"fix: retry on 429\"",
	"https://docs.example.org/api/v1/items?id=42&page=3", "http://localhost:8080/health",
	"{\"id\": 12345, \"name\": \"widget\", \"tags\": [\"a\", \"b\"], \"price\": 9.99}",
	"2026-11-26T10:00:00Z INFO request_id=ab12cd34 latency_ms=87 status=200 path=/v1/chat",
	"<div class=\"row\"><a href=\"/docs/start\">Start</a></div>", "key: value\n  nested:\n    - item",
	"C:\\Users\\dev\\project\\main.go", "user@host:~$ ls -la /var/log", "version 1.2.3-rc.4 (build 5678)",
	"203.0.113.7 - - [26/Nov/2026:10:00:01 +0000] \"GET /v1/models HTTP/1.1\" 200 512 0.013",
	"client_ip=198.51.100.23 model=llama-3.1-8b temperature=0.7 top_p=0.95 tokens=1024",
	"1. Install the package.\n2. Run the tests.\n3. Deploy to staging (v2.4.1).",
	"Total: $1,234.56 for 3 items; tax 8.25%; ship by 12/03/2026 at 14:30.",
	"{\"id\": \"chatcmpl-7f3a\", \"object\": \"chat.completion\", \"model\": \"gpt-4o-mini\", \"created\": 1704790118,",
	"\"usage\": {\"prompt_tokens\": 512, \"completion_tokens\": 128, \"total_tokens\": 640}, \"finish_reason\": \"stop\"",
	"{\"role\": \"assistant\", \"content\": \"Sure, here is the summary.\"}, \"request_id\": \"b0f99674-88bd\"",
};

static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static size_t put(uint8_t *buf, size_t at, size_t cap, const char *s, size_t n)
{
	if (n > cap - at)
		n = cap - at;
	memcpy(buf + at, s, n);
	return at + n;
}

static size_t run(uint8_t *buf, size_t at, size_t cap, uint64_t *s, const char *alphabet, size_t len)
{
	size_t k = strlen(alphabet);
	for (size_t i = 0; i < len && at < cap; i++)
		buf[at++] = (uint8_t)alphabet[next(s) % k];
	return at;
}

void slc_calibration_text(uint8_t *buf, size_t cap)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	static const char hex[] = "0123456789abcdef";
	static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
	uint64_t s = 0x5eed5eed5eedull;
	size_t at = 0;
	while (at < cap) {
		unsigned kind = (unsigned)(next(&s) % 16);
		if (kind < 8) {
			const char *w = words[next(&s) % (sizeof words / sizeof *words)];
			at = put(buf, at, cap, w, strlen(w));
			at = put(buf, at, cap, kind == 0 ? ".\n" : kind == 1 ? ", " : " ", kind == 0 ? 2 : kind == 1 ? 2 : 1);
		} else if (kind < 12) {
			const char *c = code[next(&s) % (sizeof code / sizeof *code)];
			at = put(buf, at, cap, c, strlen(c));
			at = put(buf, at, cap, "\n", 1);
		} else if (kind == 12) {
			at = run(buf, at, cap, &s, b64, 16 + next(&s) % 120);
			at = put(buf, at, cap, "== ", 3);
		} else if (kind == 13) {
			at = run(buf, at, cap, &s, hex, next(&s) % 2 ? 40 : 64);
			at = put(buf, at, cap, " ", 1);
		} else if (kind == 14) {
			for (int g = 0; g < 5; g++) {
				at = run(buf, at, cap, &s, hex, g == 0 ? 8 : g == 4 ? 12 : 4);
				at = put(buf, at, cap, g < 4 ? "-" : " ", 1);
			}
		} else {
			at = run(buf, at, cap, &s, alnum, 8 + next(&s) % 40);
			at = put(buf, at, cap, "/", 1);
			at = run(buf, at, cap, &s, alnum, 4 + next(&s) % 30);
			at = put(buf, at, cap, " ", 1);
		}
	}
}
