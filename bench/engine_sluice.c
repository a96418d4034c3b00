/*
 * engine_sluice.c - sluice runner, written against runtime/sluice.h only (like any embedder).
 * SPDX-License-Identifier: MIT
 *
 * The table comes from the CLI (`sluice compile --patterns FILE -o OUT.slc`, binary given with
 * --aux, default build/sluice), so compile_ms includes starting that process. Variant `policy`
 * compiles the policy given with --source instead (`sluice compile POLICY -o OUT.slc`, which also
 * runs its inline tests); its classes must be the pattern file's, in the same order (the pattern
 * file is then bench/export-rules' export of that policy), so per-class counts line up. With
 * --cache DIR the table and its compile time are kept there, and a later run on the same pattern
 * file and variant (the stream run after the block run) loads them instead of compiling again;
 * bench/run.sh empties that directory at its start. Block mode is
 * sl_scan over the whole input; stream mode keeps the stream apart from the scanner, as Hyperscan
 * keeps its stream apart from its scratch (sl_stream_init, sl_scanner_push_stream in --chunk
 * writes, sl_scanner_finish_stream), and reports sl_stream_size as the stream state. Findings are already coverage intervals (DESIGN.md), fed to the same
 * counter as every other engine so that identical semantics give identical counts.
 */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sluice.h"

typedef struct sluice_bench {
	void *table_bytes;
	size_t table_len;
	sl_table table;
	void *mem;
	size_t mem_len;
	void *stream_mem; /* stream mode: the stream apart from the scanner, as a gateway keeps them */
	bench_mode mode;
	size_t chunk;
	sl_scanner *scanner; /* short mode: set up once, reset per message, as a gateway would */
} sluice_bench;

typedef struct found_ctx {
	bench_cover *cov;
	uint64_t base;
} found_ctx;

static int on_finding(void *ctx, const sl_finding *f)
{
	found_ctx *c = ctx;
	return bench_cover_add(c->cov, f->class_id, c->base + f->start, c->base + f->end);
}

/*
 * fork+exec rather than system(): no shell, so paths need no quoting. With a policy the pattern
 * file is not read: `sluice compile POLICY -o OUT` (std imports from ./rules, the default).
 */
static int run_compiler(const char *bin, const char *patterns, const char *policy, const char *out,
	char *err, size_t err_len)
{
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, err_len, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		char *argv[] = { (char *)bin, "compile", "--patterns", (char *)patterns, "-o", (char *)out,
			NULL };
		char *pargv[] = { (char *)bin, "compile", (char *)policy, "-o", (char *)out, NULL };
		execv(bin, policy ? pargv : argv);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			snprintf(err, err_len, "waitpid: %s", strerror(errno));
			return -1;
		}
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		snprintf(err, err_len, "%s compile %s%s failed (status %d)", bin, policy ? "" : "--patterns ",
			policy ? policy : patterns, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return -1;
	}
	return 0;
}

/* The loader wants 8-byte aligned bytes; malloc's alignment is not promised for every size class. */
static void *read_aligned(const char *path, size_t *len, char *err, size_t err_len)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	void *buf = NULL;
	if (!f || fstat(fileno(f), &sb) != 0 || sb.st_size <= 0) {
		snprintf(err, err_len, "%s: %s", path, f ? "empty or unreadable" : strerror(errno));
		goto out;
	}
	if (posix_memalign(&buf, 8, (size_t)sb.st_size) != 0) {
		buf = NULL;
		snprintf(err, err_len, "out of memory");
		goto out;
	}
	if (fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		snprintf(err, err_len, "%s: short read", path);
		free(buf);
		buf = NULL;
		goto out;
	}
	*len = (size_t)sb.st_size;
out:
	if (f)
		fclose(f);
	return buf;
}

static void sluice_close(void *self)
{
	sluice_bench *s = self;
	if (!s)
		return;
	free(s->mem);
	free(s->stream_mem);
	free(s->table_bytes);
	free(s);
}

/* DIR/<pattern file path with '/' as '_'>.<variant>.slc and .ms: one cached table per input. */
static void cache_path(char *buf, size_t n, const char *dir, const char *patterns, const char *variant,
	const char *ext)
{
	int k = snprintf(buf, n, "%s/", dir);
	for (const char *p = patterns; *p && k > 0 && (size_t)k + 1 < n; p++)
		buf[k++] = *p == '/' ? '_' : *p;
	if (k > 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, ".%s.%s", variant ? variant : "patterns", ext);
}

static int cache_read_ms(const char *path, double *ms)
{
	FILE *f = fopen(path, "r");
	int ok = f && fscanf(f, "%lf", ms) == 1;
	if (f)
		fclose(f);
	return ok;
}

static void cache_write_ms(const char *path, double ms)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fprintf(f, "%.1f\n", ms);
		fclose(f);
	}
}

static int sluice_open(void **self, bench_patterns *pats, const bench_opts *opts, bench_info *info,
	char *err, size_t err_len)
{
	const char *bin = opts->aux ? opts->aux : "build/sluice";
	const char *policy = NULL;
	if (opts->variant && !strcmp(opts->variant, "policy")) {
		if (!opts->source) {
			snprintf(err, err_len, "variant policy needs --source POLICY.sluice");
			return -1;
		}
		policy = opts->source;
	} else if (opts->variant) {
		snprintf(err, err_len, "unknown variant %s (policy)", opts->variant);
		return -1;
	}
	char out[4096], ms_path[4096];
	int cached = 0, keep = 0;
	if (opts->cache) {
		cache_path(out, sizeof out, opts->cache, pats->path, opts->variant, "slc");
		cache_path(ms_path, sizeof ms_path, opts->cache, pats->path, opts->variant, "ms");
		cached = access(out, R_OK) == 0 && cache_read_ms(ms_path, &info->compile_ms);
		keep = 1;
	} else {
		const char *tmpdir = getenv("TMPDIR");
		snprintf(out, sizeof out, "%s/sluice-bench-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
		int fd = mkstemp(out);
		if (fd < 0) {
			snprintf(err, err_len, "mkstemp: %s", strerror(errno));
			return -1;
		}
		close(fd);
	}
	sluice_bench *s = calloc(1, sizeof *s);
	int rc = -1;
	if (!s) {
		snprintf(err, err_len, "out of memory");
		goto out;
	}
	if (!cached) {
		double t0 = bench_now_ms();
		if (run_compiler(bin, pats->path, policy, out, err, err_len) != 0) {
			keep = 0;
			goto out;
		}
		info->compile_ms = bench_now_ms() - t0;
		if (opts->cache)
			cache_write_ms(ms_path, info->compile_ms);
	}
	s->table_bytes = read_aligned(out, &s->table_len, err, err_len);
	if (!s->table_bytes)
		goto out;
	sl_error e = { SL_OK, 0, NULL };
	sl_status st = sl_table_load(&s->table, s->table_bytes, s->table_len, &e);
	if (st != SL_OK) {
		snprintf(err, err_len, "sl_table_load: %s at offset %zu (%s)", sl_status_str(st), e.offset,
			e.msg ? e.msg : "");
		goto out;
	}
	if (sl_table_class_count(&s->table) != pats->count) {
		snprintf(err, err_len, "table has %u classes, pattern file %zu",
			sl_table_class_count(&s->table), pats->count);
		goto out;
	}
	for (size_t i = 0; i < pats->count; i++) {
		const char *name = sl_table_class_name(&s->table, (uint32_t)i);
		if (!name || strcmp(name, pats->items[i].name)) {
			snprintf(err, err_len, "class %zu is %s in the table, %s in the pattern file", i,
				name ? name : "(none)", pats->items[i].name);
			goto out;
		}
	}
	s->mem_len = sl_scanner_size(&s->table);
	if (posix_memalign(&s->mem, 8, s->mem_len ? s->mem_len : 8) != 0) {
		s->mem = NULL;
		snprintf(err, err_len, "out of memory");
		goto out;
	}
	if (opts->mode == BENCH_STREAM && posix_memalign(&s->stream_mem, 8, sl_stream_size(&s->table)) != 0) {
		s->stream_mem = NULL;
		snprintf(err, err_len, "out of memory");
		goto out;
	}
	info->db_bytes = (long long)s->table_len;
	info->stream_state_bytes = (long long)sl_stream_size(&s->table);
	s->mode = opts->mode;
	s->chunk = opts->chunk;
	*self = s;
	s = NULL;
	rc = 0;
out:
	if (!keep)
		unlink(out);
	sluice_close(s);
	return rc;
}

static int sluice_scan(void *self, const uint8_t *buf, size_t len, uint64_t base, bench_cover *cov,
	char *err, size_t err_len)
{
	sluice_bench *s = self;
	found_ctx c = { cov, base };
	sl_status st;
	if (s->mode == BENCH_SHORT) {
		st = s->scanner ? sl_scanner_reset(s->scanner) : sl_scanner_init(s->mem, s->mem_len, &s->table, &s->scanner);
		if (st == SL_OK)
			st = sl_scanner_push(s->scanner, buf, len, on_finding, &c);
		if (st == SL_OK)
			st = sl_scanner_finish(s->scanner, on_finding, &c);
	} else if (s->mode != BENCH_STREAM) {
		st = sl_scan(&s->table, buf, len, s->mem, s->mem_len, on_finding, &c);
	} else {
		sl_scanner *sc = NULL;
		sl_stream *stream = NULL;
		st = sl_scanner_init(s->mem, s->mem_len, &s->table, &sc);
		if (st == SL_OK)
			st = sl_stream_init(s->stream_mem, sl_stream_size(&s->table), &s->table, &stream);
		for (size_t off = 0; st == SL_OK && off < len; off += s->chunk) {
			size_t n = len - off < s->chunk ? len - off : s->chunk;
			st = sl_scanner_push_stream(sc, stream, buf + off, n, on_finding, &c);
		}
		if (st == SL_OK)
			st = sl_scanner_finish_stream(sc, stream, on_finding, &c);
	}
	if (st != SL_OK) {
		snprintf(err, err_len, "%s", st == SL_E_STOPPED ? "out of memory recording findings"
								: sl_status_str(st));
		return -1;
	}
	return 0;
}

const bench_engine bench_engine_impl = { "sluice", "policy", sluice_open, sluice_scan, sluice_close };
