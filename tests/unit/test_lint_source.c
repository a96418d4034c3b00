/*
 * test_lint_source.c - the inputs: a directory with a malformed YAML file, a binary file, a huge
 * file and a symlink loop is linted to the end; .gitignore is respected in a worktree; --staged
 * reads blobs from the index (not the worktree); --rev A..B lints files changed in the range and
 * reports secrets only on added lines. The git repositories are made by the test with libgit2.
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <git2.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint_test.h"

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void remove_tree(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void robust_walk(void **state)
{
	(void)state;
	char dir[] = "/tmp/slint-walk-XXXXXX";
	assert_non_null(mkdtemp(dir));
	write_file(dir, "bad.yaml", "a: [1, 2\nb: {\n");
	write_file(dir, "z-good.yaml", "url: http://plain.acme-corp.io/\n");
	char path[512];
	snprintf(path, sizeof path, "%s/bin.yaml", dir);
	FILE *f = fopen(path, "wb");
	fwrite("url: http://bin.acme-corp.io/\0\1\2", 1, 32, f);
	fclose(f);
	snprintf(path, sizeof path, "%s/huge.env", dir);
	f = fopen(path, "wb");
	for (unsigned i = 0; i < (SLINT_MAX_FILE_BYTES / 30) + 8; i++)
		fputs("URL=http://huge.acme-corp.io/\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/many.env", dir);
	f = fopen(path, "wb");
	for (unsigned i = 0; i < 3000; i++)
		fputs("URL=http://many.acme-corp.io/\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/sub", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/sub/loop", dir);
	assert_int_equal(symlink("..", path), 0);
	snprintf(path, sizeof path, "%s/sub/self", dir);
	assert_int_equal(symlink("self", path), 0);
	lt_run r;
	assert_int_equal(lt_open(&r), 0);
	slint_sink sink = lt_sink(&r);
	assert_int_equal(slint_source_path(dir, &sink, r.err, sizeof r.err), 0);
	lt_finish(&r);
	assert_int_equal(lt_count(&r, "bad.yaml", 0, "parse-error"), 1);
	assert_int_equal(lt_count(&r, "z-good.yaml", 1, "tls-plaintext-url"), 1);
	assert_int_equal(lt_count(&r, "bin.yaml", 0, NULL), 0);
	assert_int_equal(lt_count(&r, "huge.env", 0, NULL), 0);
	assert_int_equal(lt_count(&r, "many.env", 0, NULL), SLINT_MAX_FILE_FINDINGS + 1); /* + the note */
	assert_int_equal(lt_count(&r, "many.env", 1, "finding-limit"), 1);
	assert_int_equal(r.ctx.files_skipped, 4); /* binary, huge, two symlinks */
	lt_close(&r);
	/* a single file and a missing path */
	assert_int_equal(lt_open(&r), 0);
	sink = lt_sink(&r);
	snprintf(path, sizeof path, "%s/z-good.yaml", dir);
	assert_int_equal(slint_source_path(path, &sink, r.err, sizeof r.err), 0);
	assert_int_equal(r.ctx.files_linted, 1);
	assert_int_equal(slint_source_path("/nonexistent/slint", &sink, r.err, sizeof r.err), -1);
	lt_close(&r);
	remove_tree(dir);
}

/* ---- git ---------------------------------------------------------------------------------------- */

static void commit_all(git_repository *repo, const char *msg, git_oid *out)
{
	git_index *index;
	assert_int_equal(git_repository_index(&index, repo), 0);
	assert_int_equal(git_index_add_all(index, NULL, 0, NULL, NULL), 0);
	assert_int_equal(git_index_write(index), 0);
	git_oid tree_id;
	assert_int_equal(git_index_write_tree(&tree_id, index), 0);
	git_index_free(index);
	git_tree *tree;
	assert_int_equal(git_tree_lookup(&tree, repo, &tree_id), 0);
	git_signature *sig;
	assert_int_equal(git_signature_new(&sig, "t", "t@example.invalid", 1700000000, 0), 0);
	git_object *parent = NULL;
	int has_parent = git_revparse_single(&parent, repo, "HEAD") == 0;
	const git_commit *parents[1] = {(const git_commit *)parent};
	assert_int_equal(git_commit_create(out, repo, "HEAD", sig, sig, NULL, msg, tree, has_parent ? 1 : 0, parents), 0);
	git_object_free(parent);
	git_signature_free(sig);
	git_tree_free(tree);
}

static void stage(git_repository *repo, const char *name)
{
	git_index *index;
	assert_int_equal(git_repository_index(&index, repo), 0);
	assert_int_equal(git_index_add_bypath(index, name), 0);
	assert_int_equal(git_index_write(index), 0);
	git_index_free(index);
}

#define TOKEN "ghp_FAKEEXAMPLEFAKEEXAMPLEFAKEEXAMPLE0000"

static void git_modes(void **state)
{
	(void)state;
	char dir[] = "/tmp/slint-git-XXXXXX";
	assert_non_null(mkdtemp(dir));
	git_libgit2_init();
	git_repository *repo;
	assert_int_equal(git_repository_init(&repo, dir, 0), 0);
	write_file(dir, ".gitignore", "ignored/\n*.log\n");
	write_file(dir, "app.env", "OLD_TOKEN=" TOKEN "\nURL=https://ok.acme-corp.io/\n");
	write_file(dir, "same.yaml", "u: http://same.acme-corp.io/\n");
	git_oid a, b;
	commit_all(repo, "A", &a);
	write_file(dir, "app.env", "OLD_TOKEN=" TOKEN "\nURL=http://plain.acme-corp.io/\nNEW_TOKEN=" TOKEN "\n");
	commit_all(repo, "B", &b);
	/* C adds a token in a new file, D deletes it again: gone at D, leaked in history */
	git_oid c, d;
	write_file(dir, "tmp.env", "X=1\nLEAK=" TOKEN "\n");
	commit_all(repo, "C", &c);
	char gone[600];
	snprintf(gone, sizeof gone, "%s/tmp.env", dir);
	assert_int_equal(unlink(gone), 0);
	commit_all(repo, "D", &d);
	char range[100], sa[GIT_OID_HEXSZ + 1], sb[GIT_OID_HEXSZ + 1], sd[GIT_OID_HEXSZ + 1];
	git_oid_tostr(sa, sizeof sa, &a);
	git_oid_tostr(sb, sizeof sb, &b);
	snprintf(range, sizeof range, "%s..%s", sa, sb);

	lt_run r;
	assert_int_equal(lt_open(&r), 0);
	r.ctx.scan = SLINT_SCAN_NO_SECRETS; /* as the CLI does: secrets come from the history pass */
	slint_sink sink = lt_sink(&r);
	assert_int_equal(slint_source_rev(dir, range, &sink, r.err, sizeof r.err), 0);
	lt_finish(&r);
	assert_int_equal(lt_count(&r, "app.env", 3, "secret-token"), 1);      /* added line */
	assert_int_equal(lt_count(&r, "app.env", 1, "secret-token"), 0);      /* older line */
	assert_int_equal(lt_count(&r, "app.env", 2, "tls-plaintext-url"), 1); /* content at B */
	assert_int_equal(lt_count(&r, "same.yaml", 0, NULL), 0);              /* unchanged in range */
	assert_int_equal(lt_count(&r, "tmp.env", 0, NULL), 0);                /* not in A..B */
	lt_close(&r);
	/* A..D: the deleted token is reported at the line commit C added it, naming C */
	git_oid_tostr(sd, sizeof sd, &d);
	snprintf(range, sizeof range, "%s..%s", sa, sd);
	assert_int_equal(lt_open(&r), 0);
	r.ctx.scan = SLINT_SCAN_NO_SECRETS;
	sink = lt_sink(&r);
	assert_int_equal(slint_source_rev(dir, range, &sink, r.err, sizeof r.err), 0);
	lt_finish(&r);
	assert_int_equal(lt_count(&r, "tmp.env", 2, "secret-token"), 1);
	assert_int_equal(lt_count(&r, "app.env", 3, "secret-token"), 1);
	assert_int_equal(lt_count(&r, "app.env", 0, "secret-token"), 1);
	for (size_t i = 0; i < r.ctx.findings.count; i++)
		if (strcmp(r.ctx.findings.items[i].loc.file, "tmp.env") == 0)
			assert_non_null(strstr(r.ctx.findings.items[i].msg, "(added in commit "));
	assert_int_equal(slint_source_rev(dir, "nope..HEAD", &sink, r.err, sizeof r.err), -1);
	assert_int_equal(slint_source_rev(dir, "HEAD", &sink, r.err, sizeof r.err), -1);
	lt_close(&r);

	/* --staged: the index has a secret, the worktree copy was cleaned afterwards */
	write_file(dir, "new.yaml", "token: " TOKEN "\n");
	stage(repo, "new.yaml");
	write_file(dir, "new.yaml", "token: ${TOKEN}\n");
	write_file(dir, "unstaged.yaml", "u: http://unstaged.acme-corp.io/\n");
	assert_int_equal(lt_open(&r), 0);
	sink = lt_sink(&r);
	assert_int_equal(slint_source_staged(dir, &sink, r.err, sizeof r.err), 0);
	lt_finish(&r);
	assert_int_equal(lt_count(&r, "new.yaml", 1, "secret-token"), 1);
	assert_int_equal(lt_count(&r, "unstaged.yaml", 0, NULL), 0);
	assert_int_equal(lt_count(&r, "app.env", 0, NULL), 0); /* committed, not staged */
	lt_close(&r);

	/* --staged under a subdirectory: only its files, paths relative to it */
	char subdir[600];
	snprintf(subdir, sizeof subdir, "%s/svc", dir);
	assert_int_equal(mkdir(subdir, 0755), 0);
	write_file(subdir, "s.env", "T=" TOKEN "\n");
	stage(repo, "svc/s.env");
	assert_int_equal(lt_open(&r), 0);
	sink = lt_sink(&r);
	assert_int_equal(slint_source_staged(subdir, &sink, r.err, sizeof r.err), 0);
	lt_finish(&r);
	assert_int_equal(lt_count(&r, "s.env", 1, "secret-token"), 1);
	assert_int_equal(lt_count(&r, "new.yaml", 0, NULL), 0);
	lt_close(&r);

	/* worktree walk: .gitignore respected */
	char sub[600];
	snprintf(sub, sizeof sub, "%s/ignored", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	write_file(sub, "x.yaml", "u: http://ignored.acme-corp.io/\n");
	write_file(dir, "debug.log", "URL=http://ignored.acme-corp.io/\n");
	assert_int_equal(lt_open(&r), 0);
	sink = lt_sink(&r);
	assert_int_equal(slint_source_path(dir, &sink, r.err, sizeof r.err), 0);
	lt_finish(&r);
	assert_int_equal(lt_count(&r, "ignored/x.yaml", 0, NULL), 0);
	assert_int_equal(lt_count(&r, "debug.log", 0, NULL), 0);
	assert_int_equal(lt_count(&r, "unstaged.yaml", 1, "tls-plaintext-url"), 1);
	lt_close(&r);
	/* not a repository */
	assert_int_equal(lt_open(&r), 0);
	sink = lt_sink(&r);
	assert_int_equal(slint_source_staged("/", &sink, r.err, sizeof r.err), -1);
	lt_close(&r);

	git_repository_free(repo);
	git_libgit2_shutdown();
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(robust_walk),
		cmocka_unit_test(git_modes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
