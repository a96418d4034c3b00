/*
 * source.c - the linter's inputs. The directory walk never follows symbolic links, so link loops
 * cannot trap it, and it asks libgit2 about .gitignore when the tree is a git worktree. Index and
 * commit-range modes read blobs from the object database, never the worktree, so a pre-commit
 * hook lints exactly what is about to be committed.
 * SPDX-License-Identifier: MIT
 */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *slint_source_unlintable(const char *data, size_t len)
{
	if (len > SLINT_MAX_FILE_BYTES)
		return "larger than the 4 MiB file limit";
	if (memchr(data, 0, len < SLINT_BINARY_PROBE ? len : SLINT_BINARY_PROBE))
		return "binary";
	return NULL;
}

FILE *slint_open_input(const char *path, size_t max, const char *what, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	char why[64] = "";
	if (fd < 0 || fstat(fd, &st) != 0)
		snprintf(why, sizeof why, "%s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		snprintf(why, sizeof why, "not a regular file");
	else if ((uintmax_t)st.st_size > max)
		snprintf(why, sizeof why, "larger than %zu bytes", max);
	FILE *f = why[0] ? NULL : fdopen(fd, "rb");
	if (!f) {
		if (!why[0])
			snprintf(why, sizeof why, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen, "%s: cannot read %s (%s)", path, what, why);
	}
	return f;
}

static void deliver(const slint_sink *sink, const char *commit, const char *path, const char *data, size_t len,
	const unsigned char *added, size_t nadded)
{
	const char *why = slint_source_unlintable(data, len);
	if (why)
		sink->skip(sink->ctx, path, why);
	else if (commit)
		sink->history(sink->ctx, commit, path, data, len, added, nadded);
	else
		sink->file(sink->ctx, path, data, len, added, nadded);
}

/*
 * The lint root relative to the repository's workdir ("" or "sub/dir/"), so .gitignore queries
 * and index paths can be matched against it. Returns 0, or -1 for a bare repository or a root
 * outside the workdir. Both sides go through realpath: /tmp may itself be a symlink.
 */
static int repo_prefix(git_repository *repo, const char *root, char *prefix, size_t size)
{
	const char *wd = git_repository_workdir(repo);
	char real[PATH_MAX], realwd[PATH_MAX];
	if (!wd || !realpath(root, real) || !realpath(wd, realwd))
		return -1;
	size_t rl = strlen(realwd);
	if (strncmp(real, realwd, rl) != 0 || (real[rl] != '/' && real[rl] != 0))
		return -1;
	snprintf(prefix, size, "%s%s", real[rl] ? real + rl + 1 : "", real[rl] ? "/" : "");
	return 0;
}

/* ---- directories and files ---------------------------------------------------------------------- */

typedef struct walk {
	const slint_sink *sink;
	git_repository *repo;  /* NULL outside a git worktree */
	char prefix[PATH_MAX]; /* root relative to the worktree, "" or "dir/" */
} walk;

static void read_file(const walk *w, const char *full, const char *rel)
{
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer forever; fstat rejects it next. */
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		w->sink->skip(w->sink->ctx, rel, strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > (off_t)SLINT_MAX_FILE_BYTES) {
		w->sink->skip(w->sink->ctx, rel, S_ISREG(st.st_mode) ? "larger than the 4 MiB file limit" : "not a regular file");
		close(fd);
		return;
	}
	size_t size = (size_t)st.st_size, len = 0;
	char *buf = malloc(size + 1);
	while (buf && len < size) {
		ssize_t got = read(fd, buf + len, size - len);
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	if (!buf || len < size) {
		w->sink->skip(w->sink->ctx, rel, buf ? "read error" : "out of memory");
		free(buf);
		return;
	}
	buf[len] = 0;
	deliver(w->sink, NULL, rel, buf, len, NULL, 0);
	free(buf);
}

static int ignored(const walk *w, const char *rel, int is_dir)
{
	if (!w->repo)
		return 0;
	char path[PATH_MAX];
	if ((size_t)snprintf(path, sizeof path, "%s%s%s", w->prefix, rel, is_dir ? "/" : "") >= sizeof path)
		return 0;
	int ign = 0;
	return git_ignore_path_is_ignored(&ign, w->repo, path) == 0 && ign;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entries are visited in sorted order so output and baselines do not depend on readdir order. */
static void walk_dir(const walk *w, const char *full, const char *rel, unsigned depth)
{
	if (depth > SLINT_MAX_DIR_DEPTH) {
		w->sink->skip(w->sink->ctx, rel, "directory nesting too deep");
		return;
	}
	DIR *d = opendir(full);
	if (!d) {
		w->sink->skip(w->sink->ctx, *rel ? rel : ".", strerror(errno));
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 || strcmp(e->d_name, ".git") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nn = realloc(names, cap * sizeof *nn);
			if (!nn)
				break;
			names = nn;
		}
		if ((names[n] = strdup(e->d_name)) != NULL)
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		char cfull[PATH_MAX], crel[PATH_MAX];
		if ((size_t)snprintf(cfull, sizeof cfull, "%s/%s", full, names[i]) >= sizeof cfull ||
		    (size_t)snprintf(crel, sizeof crel, "%s%s%s", rel, *rel ? "/" : "", names[i]) >= sizeof crel) {
			w->sink->skip(w->sink->ctx, names[i], "path too long");
			continue;
		}
		struct stat st;
		if (lstat(cfull, &st) != 0) {
			w->sink->skip(w->sink->ctx, crel, strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			w->sink->skip(w->sink->ctx, crel, "symbolic link not followed");
		} else if (S_ISDIR(st.st_mode)) {
			if (!ignored(w, crel, 1))
				walk_dir(w, cfull, crel, depth + 1);
		} else if (S_ISREG(st.st_mode) && !ignored(w, crel, 0)) {
			read_file(w, cfull, crel);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int slint_source_path(const char *root, const slint_sink *sink, char *err, size_t errlen)
{
	struct stat st;
	if (stat(root, &st) != 0) {
		snprintf(err, errlen, "%s: %s", root, strerror(errno));
		return -1;
	}
	walk w = {sink, NULL, ""};
	if (!S_ISDIR(st.st_mode)) {
		read_file(&w, root, root);
		return 0;
	}
	git_libgit2_init();
	if (git_repository_open_ext(&w.repo, root, 0, NULL) == 0 &&
	    repo_prefix(w.repo, root, w.prefix, sizeof w.prefix) != 0) {
		git_repository_free(w.repo); /* bare, or root outside the workdir: plain directory walk */
		w.repo = NULL;
	}
	walk_dir(&w, root, "", 0);
	git_repository_free(w.repo);
	git_libgit2_shutdown();
	return 0;
}

/* ---- git index and commit ranges ------------------------------------------------------------------ */

static int git_fail(char *err, size_t errlen, const char *what)
{
	const git_error *e = git_error_last();
	snprintf(err, errlen, "%s: %s", what, e && e->message ? e->message : "libgit2 error");
	return -1;
}

/* Delivers the blob `id` as `path`; with want_added, the lines the diff added are flagged. */
static void deliver_blob(git_repository *repo, const slint_sink *sink, const char *commit, const char *path,
	const git_oid *id, git_patch *patch)
{
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, repo, id) != 0) {
		sink->skip(sink->ctx, path, "blob not found");
		return;
	}
	size_t len = (size_t)git_blob_rawsize(blob);
	const char *why = len > SLINT_MAX_FILE_BYTES ? "larger than the 4 MiB file limit" : NULL;
	char *data = why ? NULL : malloc(len + 1);
	if (!why && !data)
		why = "out of memory";
	if (why) {
		sink->skip(sink->ctx, path, why);
		git_blob_free(blob);
		return;
	}
	memcpy(data, git_blob_rawcontent(blob), len);
	data[len] = 0;
	git_blob_free(blob);
	unsigned char *added = NULL;
	size_t nadded = 0;
	if (patch) {
		nadded = 2;
		for (size_t i = 0; i < len; i++)
			nadded += data[i] == '\n';
		added = calloc(nadded, 1);
		size_t hunks = git_patch_num_hunks(patch);
		for (size_t h = 0; added && h < hunks; h++) {
			int nl = git_patch_num_lines_in_hunk(patch, h);
			for (int l = 0; l < nl; l++) {
				const git_diff_line *line = NULL;
				if (git_patch_get_line_in_hunk(&line, patch, h, (size_t)l) == 0 &&
				    line->origin == GIT_DIFF_LINE_ADDITION && line->new_lineno > 0 &&
				    (size_t)line->new_lineno < nadded)
					added[line->new_lineno] = 1;
			}
		}
		if (!added)
			nadded = 0;
	}
	deliver(sink, commit, path, data, len, added, nadded);
	free(added);
	free(data);
}

static int open_repo(git_repository **repo, const char *root, char *prefix, size_t size, char *err,
	size_t errlen)
{
	git_libgit2_init();
	if (git_repository_open_ext(repo, root, 0, NULL) != 0) {
		git_fail(err, errlen, root);
		git_libgit2_shutdown();
		return -1;
	}
	if (repo_prefix(*repo, root, prefix, size) != 0) {
		snprintf(err, errlen, "%s: not inside a git worktree", root);
		git_repository_free(*repo);
		git_libgit2_shutdown();
		return -1;
	}
	return 0;
}

/*
 * The size of blob `id` from its object header. A blob is inflated whole by git_blob_lookup and by
 * patch generation, so a 4 GB file of zeros (a few megabytes packed) must be refused before either.
 */
static int blob_size(git_repository *repo, const git_oid *id, size_t *size)
{
	git_odb *odb = NULL;
	git_object_t type;
	*size = 0;
	int rc = git_repository_odb(&odb, repo) == 0 && git_odb_read_header(size, &type, odb, id) == 0 ? 0 : -1;
	git_odb_free(odb);
	return rc;
}

/* Files whose content differs: added, modified, renamed, copied (deleted ones have no content). */
static void deliver_diff(git_repository *repo, const char *prefix, git_diff *diff, const slint_sink *sink,
	const char *commit)
{
	size_t n = git_diff_num_deltas(diff), pl = strlen(prefix);
	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		if (d->status == GIT_DELTA_DELETED || d->new_file.mode == GIT_FILEMODE_LINK ||
		    d->new_file.mode == GIT_FILEMODE_COMMIT)
			continue;
		if (strncmp(d->new_file.path, prefix, pl) != 0)
			continue; /* outside the lint root: paths are reported relative to it */
		size_t size;
		if (blob_size(repo, &d->new_file.id, &size) != 0) {
			sink->skip(sink->ctx, d->new_file.path + pl, "blob not found");
			continue;
		}
		if (size > SLINT_MAX_FILE_BYTES) {
			sink->skip(sink->ctx, d->new_file.path + pl, "larger than the 4 MiB file limit");
			continue;
		}
		git_patch *patch = NULL;
		if (commit && git_patch_from_diff(&patch, diff, i) != 0)
			patch = NULL;
		deliver_blob(repo, sink, commit, d->new_file.path + pl, &d->new_file.id, patch);
		git_patch_free(patch);
	}
}

int slint_source_staged(const char *root, const slint_sink *sink, char *err, size_t errlen)
{
	git_repository *repo = NULL;
	char prefix[PATH_MAX];
	if (open_repo(&repo, root, prefix, sizeof prefix, err, errlen))
		return -1;
	git_index *index = NULL;
	git_object *head = NULL;
	git_tree *tree = NULL;
	git_diff *diff = NULL;
	int rc = 0;
	if (git_repository_index(&index, repo) != 0) {
		rc = git_fail(err, errlen, "index");
	} else {
		/* No HEAD yet (first commit): everything in the index is new. */
		if (git_revparse_single(&head, repo, "HEAD^{tree}") == 0)
			tree = (git_tree *)head;
		if (git_diff_tree_to_index(&diff, repo, tree, index, NULL) != 0)
			rc = git_fail(err, errlen, "diff HEAD..index");
		else
			deliver_diff(repo, prefix, diff, sink, NULL);
	}
	git_diff_free(diff);
	git_object_free(head);
	git_index_free(index);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}

/*
 * Secrets are judged on history, not only on the end state: a token committed in the range and
 * deleted again is still leaked. Each non-merge commit of A..B is diffed against its parent and
 * the files it touched are delivered with the lines it added (oldest commit first).
 */
static int history(git_repository *repo, const char *prefix, git_object *from, git_object *to,
	const slint_sink *sink, char *err, size_t errlen)
{
	git_revwalk *rw = NULL;
	if (git_revwalk_new(&rw, repo) != 0 || git_revwalk_push(rw, git_object_id(to)) != 0 ||
	    git_revwalk_hide(rw, git_object_id(from)) != 0) {
		git_revwalk_free(rw);
		return git_fail(err, errlen, "history");
	}
	git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	int rc = 0;
	git_oid id;
	while (rc == 0 && git_revwalk_next(&id, rw) == 0) {
		git_commit *c = NULL, *parent = NULL;
		git_tree *tree = NULL, *ptree = NULL;
		git_diff *diff = NULL;
		if (git_commit_lookup(&c, repo, &id) != 0 || git_commit_parentcount(c) > 1) {
			git_commit_free(c); /* a merge adds nothing its parents did not */
			continue;
		}
		if (git_commit_tree(&tree, c) != 0 ||
		    (git_commit_parentcount(c) == 1 &&
			    (git_commit_parent(&parent, c, 0) != 0 || git_commit_tree(&ptree, parent) != 0)) ||
		    git_diff_tree_to_tree(&diff, repo, ptree, tree, NULL) != 0) {
			rc = git_fail(err, errlen, "history");
		} else {
			char sha[GIT_OID_HEXSZ + 1];
			git_oid_tostr(sha, 8, &id);
			deliver_diff(repo, prefix, diff, sink, sha);
		}
		git_diff_free(diff);
		git_tree_free(tree);
		git_tree_free(ptree);
		git_commit_free(parent);
		git_commit_free(c);
	}
	git_revwalk_free(rw);
	return rc;
}

int slint_source_rev(const char *root, const char *range, const slint_sink *sink, char *err, size_t errlen)
{
	git_repository *repo = NULL;
	char prefix[PATH_MAX];
	if (open_repo(&repo, root, prefix, sizeof prefix, err, errlen))
		return -1;
	git_revspec spec;
	memset(&spec, 0, sizeof spec);
	git_tree *from = NULL, *to = NULL;
	git_diff *diff = NULL;
	int rc = 0;
	if (git_revparse(&spec, repo, range) != 0) {
		rc = git_fail(err, errlen, range);
	} else if (!(spec.flags & GIT_REVSPEC_RANGE) || (spec.flags & GIT_REVSPEC_MERGE_BASE)) {
		snprintf(err, errlen, "%s: expected a range A..B", range);
		rc = -1;
	} else if (git_object_peel((git_object **)&from, spec.from, GIT_OBJECT_TREE) != 0 ||
		   git_object_peel((git_object **)&to, spec.to, GIT_OBJECT_TREE) != 0) {
		rc = git_fail(err, errlen, range);
	} else if (git_diff_tree_to_tree(&diff, repo, from, to, NULL) != 0) {
		rc = git_fail(err, errlen, range);
	} else {
		deliver_diff(repo, prefix, diff, sink, NULL);
		if (sink->history)
			rc = history(repo, prefix, spec.from, spec.to, sink, err, errlen);
	}
	git_diff_free(diff);
	git_tree_free(from);
	git_tree_free(to);
	git_object_free(spec.from);
	git_object_free(spec.to);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}
