/*
 * cmd_run.c - `sluice run`: enforce one flow of a table on stdin, write the result to stdout, in
 * constant memory. Plain text or LLM event streams (runtime/sse.c). SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: sluice run -t TABLE.slc --flow SRC->DST [--chunk-size N] [--report FILE]\n"
	"                  [--key-file F] [--format text|sse-openai|sse-anthropic] [--holdback N]\n"
	"                  [--max-event N] [--stats] < in > out\n"
	"  the hash key comes from --key-file or the environment variable SLUICE_HASH_KEY\n"
	"  exit: 0 delivered, 1 blocked, 2 usage, I/O or table error\n";

#define DEFAULT_HOLDBACK ((size_t)1 << 16)
#define DEFAULT_MAX_EVENT ((size_t)1 << 16)

typedef struct report {
	FILE *f;
	const sl_table *table;
	const char *flow;
	char digest[65];
	sl_table_info info;
} report;

static const char *action_name(sl_action a)
{
	static const char *const names[] = { "allow", "mask", "hash", "redact", "block" };
	return (unsigned)a <= SL_BLOCK ? names[a] : "?";
}

static void report_common(report *r)
{
	fputs(",\"flow\":", r->f);
	slc_json_string(r->f, r->flow);
	fputs(",\"policy\":", r->f);
	slc_json_string(r->f, r->info.policy_name);
	fprintf(r->f, ",\"revision\":%llu,\"digest\":\"%s\"", (unsigned long long)r->info.revision, r->digest);
}

/* One JSON line per decision: where, which class and action; never the bytes themselves. */
static int on_decision(void *ctx, const sl_decision *d)
{
	report *r = ctx;
	fputs("{\"event\":\"decision\",\"class\":", r->f);
	slc_json_string(r->f, sl_table_class_name(r->table, d->class_id));
	fputs(",\"label\":", r->f);
	slc_json_string(r->f, sl_table_class_label(r->table, d->class_id));
	fprintf(r->f, ",\"action\":\"%s\",\"start\":%llu,\"end\":%llu", action_name(d->action),
		(unsigned long long)d->start, (unsigned long long)d->end);
	report_common(r);
	if (d->has_fingerprint) {
		fputs(",\"fingerprint\":\"", r->f);
		for (int i = 0; i < 8; i++)
			fprintf(r->f, "%02x", d->fingerprint[i]);
		fputc('"', r->f);
	}
	fputs("}\n", r->f);
	return 0;
}

static int write_out(void *ctx, const void *buf, size_t len)
{
	return fwrite(buf, 1, len, (FILE *)ctx) != len;
}

static int parse_size(const char *s, size_t lo, size_t hi, size_t *v)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 10);
	if (errno || *end || !*s || x < lo || x > hi)
		return 0;
	*v = (size_t)x;
	return 1;
}

/* The key file's bytes, one trailing newline removed (keys are usually written with echo). */
static char *read_key(const char *path, size_t *len)
{
	char err[256];
	char *k = slc_read_file(path, SLC_MAX_KEY_BYTES, len, err, sizeof err);
	if (!k) {
		fprintf(stderr, "sluice run: %s\n", err);
		return NULL;
	}
	if (*len && k[*len - 1] == '\n')
		(*len)--;
	if (*len && k[*len - 1] == '\r')
		(*len)--;
	return k;
}

static void say_blocked(const sl_table *t, const sl_block_info *b, size_t limit)
{
	const char *cls = b->class_id == SL_NO_CLASS ? NULL : sl_table_class_name(t, b->class_id);
	switch (b->reason) {
	case SL_BLOCK_ACTION:
		fprintf(stderr, "sluice run: blocked: class '%s' is blocked on this flow (input byte %llu); "
			"%llu bytes were delivered before it\n", cls ? cls : "?", (unsigned long long)b->offset,
			(unsigned long long)b->written);
		break;
	case SL_BLOCK_HOLDBACK:
		fprintf(stderr, "sluice run: blocked: holding back from input byte %llu would exceed %zu bytes%s%s%s; "
			"%llu bytes were delivered (raise --holdback)\n", (unsigned long long)b->offset, limit,
			cls ? " (class '" : "", cls ? cls : "", cls ? "')" : "", (unsigned long long)b->written);
		break;
	default:
		fprintf(stderr, "sluice run: blocked: the event stream cannot be enforced at text byte %llu "
			"(malformed or oversized event, or more than one choice); %llu bytes were delivered\n",
			(unsigned long long)b->offset, (unsigned long long)b->written);
		break;
	}
}

int slc_cmd_run(int argc, char **argv)
{
	const char *tpath = NULL, *flow = NULL, *rpath = NULL, *kpath = NULL, *format = "text";
	size_t chunk = 65536, limit = 0, max_event = DEFAULT_MAX_EVENT;
	int stats = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		if (!strcmp(a, "-t") && more)
			tpath = argv[++i];
		else if (!strcmp(a, "--flow") && more)
			flow = argv[++i];
		else if (!strcmp(a, "--report") && more)
			rpath = argv[++i];
		else if (!strcmp(a, "--key-file") && more)
			kpath = argv[++i];
		else if (!strcmp(a, "--format") && more)
			format = argv[++i];
		else if (!strcmp(a, "--stats"))
			stats = 1;
		else if (!strcmp(a, "--chunk-size") && more) {
			if (!parse_size(argv[++i], 1, (size_t)1 << 30, &chunk)) {
				fprintf(stderr, "sluice run: --chunk-size takes 1..%zu\n", (size_t)1 << 30);
				return SLC_EXIT_ERROR;
			}
		} else if (!strcmp(a, "--holdback") && more) {
			if (!parse_size(argv[++i], 1, (size_t)1 << 30, &limit)) {
				fprintf(stderr, "sluice run: --holdback takes 1..%zu\n", (size_t)1 << 30);
				return SLC_EXIT_ERROR;
			}
		} else if (!strcmp(a, "--max-event") && more) {
			if (!parse_size(argv[++i], 256, (size_t)1 << 28, &max_event)) {
				fprintf(stderr, "sluice run: --max-event takes 256..%zu\n", (size_t)1 << 28);
				return SLC_EXIT_ERROR;
			}
		} else {
			fputs(usage, stderr);
			return SLC_EXIT_ERROR;
		}
	}
	int mode = !strcmp(format, "text") ? 0 : !strcmp(format, "sse-openai") ? SL_SSE_OPENAI
		: !strcmp(format, "sse-anthropic") ? SL_SSE_ANTHROPIC : -1;
	const char *arrow = flow ? strstr(flow, "->") : NULL;
	if (!tpath || !arrow || arrow == flow || !arrow[2] || mode < 0) {
		fputs(usage, stderr);
		return SLC_EXIT_ERROR;
	}
	sl_table table;
	void *bytes = slc_load_table(tpath, &table);
	if (!bytes)
		return SLC_EXIT_ERROR;
	int rc = SLC_EXIT_ERROR;
	char *src = strndup(flow, (size_t)(arrow - flow)), *key = NULL;
	void *mem = NULL;
	unsigned char *buf = NULL;
	FILE *rf = NULL;
	size_t key_len = 0;
	uint32_t fid;
	if (sl_table_flow_find(&table, src, arrow + 2, &fid) != SL_OK) {
		/* an edge the policy does not declare is denied: fail closed, as a block */
		fprintf(stderr, "sluice run: blocked: %s declares no flow %s (denied)\n", tpath, flow);
		rc = SLC_EXIT_FINDINGS;
		goto done;
	}
	if (kpath) {
		if (!(key = read_key(kpath, &key_len)))
			goto done;
	} else if (getenv("SLUICE_HASH_KEY")) {
		key = strdup(getenv("SLUICE_HASH_KEY"));
		key_len = strlen(key);
	}
	if (!limit) {
		/* room for a few of the longest matches, at least 64 KiB */
		limit = (size_t)table.max_lmax * 4 > DEFAULT_HOLDBACK ? (size_t)table.max_lmax * 4 : DEFAULT_HOLDBACK;
	}
	size_t need = mode ? sl_sse_size(&table, limit, max_event) : sl_filter_size(&table, limit);
	mem = need ? malloc(need) : NULL;
	buf = malloc(chunk);
	if (!mem || !buf) {
		fprintf(stderr, "sluice run: out of memory\n");
		goto done;
	}
	sl_filter *f = NULL;
	sl_sse *sse = NULL;
	sl_status st = mode ? sl_sse_init(mem, need, &table, fid, key, key_len, limit, max_event, (sl_sse_dialect)mode, &sse)
			    : sl_filter_init(mem, need, &table, fid, key, key_len, limit, &f);
	if (st == SL_E_KEY) {
		fprintf(stderr, "sluice run: flow %s hashes values: give a key with --key-file or SLUICE_HASH_KEY\n", flow);
		goto done;
	} else if (st != SL_OK) {
		fprintf(stderr, "sluice run: %s: cannot enforce flow %s: %s\n", tpath, flow, sl_status_str(st));
		goto done;
	}
	if (sse)
		f = sl_sse_filter(sse);
	report rep = { 0 };
	if (rpath) {
		if (!(rf = fopen(rpath, "w"))) {
			fprintf(stderr, "sluice run: %s: %s\n", rpath, strerror(errno));
			goto done;
		}
		rep.f = rf;
		rep.table = &table;
		rep.flow = flow;
		sl_table_get_info(&table, &rep.info);
		for (int i = 0; i < 32; i++)
			snprintf(rep.digest + 2 * i, 3, "%02x", rep.info.digest[i]);
		sl_filter_set_decision_cb(f, on_decision, &rep);
	}
	size_t got;
	while (st == SL_OK && (got = fread(buf, 1, chunk, stdin)) > 0)
		st = sse ? sl_sse_push(sse, buf, got, write_out, stdout) : sl_filter_push(f, buf, got, write_out, stdout);
	if (st == SL_OK && ferror(stdin)) {
		fprintf(stderr, "sluice run: stdin: read error\n");
		goto done;
	}
	if (st == SL_OK)
		st = sse ? sl_sse_finish(sse, write_out, stdout) : sl_filter_finish(f, write_out, stdout);
	int werr = fflush(stdout) != 0 || ferror(stdout);
	if (st == SL_E_BLOCKED) {
		sl_block_info b;
		sl_filter_blocked(f, &b);
		say_blocked(&table, &b, limit);
		if (rf) {
			static const char *const why[] = { "none", "action", "holdback", "input" };
			fprintf(rf, "{\"event\":\"blocked\",\"reason\":\"%s\",\"class\":", why[b.reason]);
			if (b.class_id == SL_NO_CLASS)
				fputs("null", rf);
			else
				slc_json_string(rf, sl_table_class_name(&table, b.class_id));
			fprintf(rf, ",\"offset\":%llu,\"delivered\":%llu", (unsigned long long)b.offset,
				(unsigned long long)b.written);
			report_common(&rep);
			fputs("}\n", rf);
		}
		rc = werr ? SLC_EXIT_ERROR : SLC_EXIT_FINDINGS;
	} else if (st != SL_OK || werr) {
		fprintf(stderr, "sluice run: %s\n", werr || st == SL_E_STOPPED ? "stdout: write error" : sl_status_str(st));
	} else {
		rc = SLC_EXIT_OK;
	}
	if (stats) {
		sl_filter_stats s;
		sl_filter_get_stats(f, &s);
		fprintf(stderr, "sluice run: in %llu bytes, out %llu bytes, %llu decisions, max held %llu bytes "
			"(limit %zu), memory %zu bytes\n", (unsigned long long)s.in, (unsigned long long)s.out,
			(unsigned long long)s.decisions, (unsigned long long)s.max_held, limit, need);
	}
done:
	if (rf && fclose(rf) && rc != SLC_EXIT_ERROR) {
		fprintf(stderr, "sluice run: %s: write error\n", rpath);
		rc = SLC_EXIT_ERROR;
	}
	if (key)
		memset(key, 0, key_len);
	free(key);
	free(src);
	free(buf);
	free(mem);
	free(bytes);
	return rc;
}
