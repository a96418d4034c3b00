/*
 * engine_sluice.c - sluice runner, written against runtime/sluice.h only (like any embedder).
 * SPDX-License-Identifier: MIT
 *
 * The table comes from the CLI (`sluice compile --patterns FILE -o OUT.slc`, binary given with
 * --aux, default build/sluice), so compile_ms includes starting that process. Block mode is
 * sl_scan over the whole input; stream mode is sl_scanner_init + sl_scanner_push in --chunk writes
 * + sl_scanner_finish. Findings are already coverage intervals (DESIGN.md), fed to the same
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
	bench_mode mode;
	size_t chunk;
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

/* fork+exec rather than system(): no shell, so paths need no quoting. */
static int run_compiler(const char *bin, const char *patterns, const char *out, char *err,
	size_t err_len)
{
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, err_len, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		char *argv[] = { (char *)bin, "compile", "--patterns", (char *)patterns, "-o", (char *)out,
			NULL };
		execv(bin, argv);
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
		snprintf(err, err_len, "%s compile --patterns %s failed (status %d)", bin, patterns,
			WIFEXITED(st) ? WEXITSTATUS(st) : -1);
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
	free(s->table_bytes);
	free(s);
}

static int sluice_open(void **self, bench_patterns *pats, const bench_opts *opts, bench_info *info,
	char *err, size_t err_len)
{
	const char *bin = opts->aux ? opts->aux : "build/sluice";
	const char *tmpdir = getenv("TMPDIR");
	char out[4096];
	snprintf(out, sizeof out, "%s/sluice-bench-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(out);
	if (fd < 0) {
		snprintf(err, err_len, "mkstemp: %s", strerror(errno));
		return -1;
	}
	close(fd);
	sluice_bench *s = calloc(1, sizeof *s);
	int rc = -1;
	if (!s) {
		snprintf(err, err_len, "out of memory");
		goto out;
	}
	double t0 = bench_now_ms();
	if (run_compiler(bin, pats->path, out, err, err_len) != 0)
		goto out;
	info->compile_ms = bench_now_ms() - t0;
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
	s->mem_len = sl_scanner_size(&s->table);
	if (posix_memalign(&s->mem, 8, s->mem_len ? s->mem_len : 8) != 0) {
		s->mem = NULL;
		snprintf(err, err_len, "out of memory");
		goto out;
	}
	info->db_bytes = (long long)s->table_len;
	info->stream_state_bytes = (long long)s->mem_len;
	s->mode = opts->mode;
	s->chunk = opts->chunk;
	*self = s;
	s = NULL;
	rc = 0;
out:
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
	if (s->mode != BENCH_STREAM) {
		st = sl_scan(&s->table, buf, len, s->mem, s->mem_len, on_finding, &c);
	} else {
		sl_scanner *sc = NULL;
		st = sl_scanner_init(s->mem, s->mem_len, &s->table, &sc);
		for (size_t off = 0; st == SL_OK && off < len; off += s->chunk) {
			size_t n = len - off < s->chunk ? len - off : s->chunk;
			st = sl_scanner_push(sc, buf + off, n, on_finding, &c);
		}
		if (st == SL_OK)
			st = sl_scanner_finish(sc, on_finding, &c);
	}
	if (st != SL_OK) {
		snprintf(err, err_len, "%s", st == SL_E_STOPPED ? "out of memory recording findings"
								: sl_status_str(st));
		return -1;
	}
	return 0;
}

const bench_engine bench_engine_impl = { "sluice", "(none)", sluice_open, sluice_scan, sluice_close };
