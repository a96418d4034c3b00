/*
 * output.c - the three report formats. JSON and SARIF are built with jansson so escaping is never
 * hand-rolled. SARIF follows what GitHub code scanning accepts: rules with help text, results with
 * 1-based regions (never 0 or -1), relative URIs and partialFingerprints.
 * SPDX-License-Identifier: MIT
 */
#include "output.h"

#include <inttypes.h>
#include <jansson.h>
#include <string.h>

static const char *sarif_level(slint_sev s)
{
	return s == SLINT_ERROR ? "error" : s == SLINT_WARNING ? "warning" : "note";
}

static void fp_hex(uint64_t fp, char out[17])
{
	snprintf(out, 17, "%016" PRIx64, fp);
}

static int text(FILE *out, const slint_findings *fs, int color)
{
	static const char *const colors[] = {"\033[36m", "\033[33m", "\033[31m"};
	for (size_t i = 0; i < fs->count; i++) {
		const slint_finding *f = &fs->items[i];
		if (f->suppressed)
			continue;
		fprintf(out, "%s:%u:%u: %s%s%s [%s] %s\n", f->loc.file, f->loc.line, f->loc.col,
			color ? colors[f->sev] : "", slint_sev_name(f->sev), color ? "\033[0m" : "", f->rule, f->msg);
	}
	return ferror(out) ? -1 : 0;
}

static int json_lines(FILE *out, const slint_findings *fs)
{
	for (size_t i = 0; i < fs->count; i++) {
		const slint_finding *f = &fs->items[i];
		if (f->suppressed)
			continue;
		char fp[17];
		fp_hex(f->fp, fp);
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s?, s:s}", "rule", f->rule, "category",
			f->category, "severity", slint_sev_name(f->sev), "file", f->loc.file, "line", (json_int_t)f->loc.line,
			"column", (json_int_t)f->loc.col, "message", f->msg, "fix", f->fix, "fingerprint", fp);
		if (!o || json_dumpf(o, out, JSON_COMPACT) != 0) {
			json_decref(o);
			return -1;
		}
		json_decref(o);
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

static json_t *sarif_rule(const slint_rule *r)
{
	char help[1024];
	snprintf(help, sizeof help, "%s%s%s", r->help ? r->help : r->message, r->fix ? " Fix: " : "",
		r->fix ? r->fix : "");
	return json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:[s]}}", "id", r->id, "name", r->id,
		"shortDescription", "text", r->message, "fullDescription", "text", r->help ? r->help : r->message,
		"help", "text", help, "defaultConfiguration", "level", sarif_level(r->sev), "properties", "tags",
		r->category);
}

static int sarif(FILE *out, const slint_findings *fs, const slint_rules *rules)
{
	json_t *jrules = json_array(), *results = json_array();
	for (size_t i = 0; i < rules->count; i++)
		json_array_append_new(jrules, sarif_rule(&rules->items[i]));
	for (size_t i = 0; i < fs->count; i++) {
		const slint_finding *f = &fs->items[i];
		if (f->suppressed)
			continue;
		size_t idx = 0;
		while (idx < rules->count && strcmp(rules->items[idx].id, f->rule) != 0)
			idx++;
		char fp[17];
		fp_hex(f->fp, fp);
		json_t *res = json_pack("{s:s, s:I, s:s, s:{s:s}, s:[{s:{s:{s:s, s:s}, s:{s:I, s:I}}}], s:{s:s}}",
			"ruleId", f->rule, "ruleIndex", (json_int_t)idx, "level", sarif_level(f->sev), "message", "text",
			f->msg, "locations", "physicalLocation", "artifactLocation", "uri", f->loc.file, "uriBaseId",
			"%SRCROOT%", "region", "startLine", (json_int_t)(f->loc.line ? f->loc.line : 1), "startColumn",
			(json_int_t)(f->loc.col ? f->loc.col : 1), "partialFingerprints", "sluiceFingerprint/v1", fp);
		json_array_append_new(results, res);
	}
	json_t *doc = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:o}}, s:o}]}", "$schema",
		"https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs", "tool", "driver", "name",
		"sluice", "version", SLINT_VERSION, "rules", jrules, "results", results);
	int rc = doc && json_dumpf(doc, out, JSON_INDENT(2)) == 0 ? 0 : -1;
	fputc('\n', out);
	json_decref(doc);
	return rc || ferror(out) ? -1 : 0;
}

int slint_output(FILE *out, slint_format fmt, const slint_findings *fs, const slint_rules *rules, int color)
{
	switch (fmt) {
	case SLINT_FMT_JSON: return json_lines(out, fs);
	case SLINT_FMT_SARIF: return sarif(out, fs, rules);
	default: return text(out, fs, color);
	}
}
