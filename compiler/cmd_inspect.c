/*
 * cmd_inspect.c - `sluice inspect`: what a table contains, read through the runtime's loader.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <stdlib.h>

int slc_cmd_inspect(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fputs("usage: sluice inspect TABLE.slc\n", stderr);
		return SLC_EXIT_ERROR;
	}
	sl_table t;
	void *bytes = slc_load_table(argv[1], &t);
	if (!bytes)
		return SLC_EXIT_ERROR;
	sl_table_info info;
	sl_table_get_info(&t, &info);
	printf("table      %s (%zu bytes, format %u)\n", argv[1], t.len, info.format_version);
	printf("policy     %s%s%s, revision %llu\n", info.policy_name, *info.policy_version ? " " : "",
		info.policy_version, (unsigned long long)info.revision);
	printf("compiler   %s\n", info.compiler);
	printf("digest     ");
	for (int i = 0; i < 32; i++)
		printf("%02x", info.digest[i]);
	printf("\nclasses    %u, forward groups %u, max Lmax %u\n", info.class_count, info.group_count, info.max_lmax);
	printf("memory     scanner %zu bytes (with one stream), each further stream %zu bytes\n", info.scanner_size,
		info.stream_size);
	static const char *const kinds[] = { "?", "strings", "meta", "classes", "forward", "reverse", "flows", "piece", "keywords", "loose" };
	printf("sections\n");
	for (uint32_t i = 0; i < info.section_count; i++) {
		sl_section_info s;
		sl_table_section(&t, i, &s);
		if (s.kind == 4 || s.kind == 5 || s.kind == 7 || s.kind == 9) {
			const char *owner = s.kind == 5 || s.kind == 9 ? sl_table_class_name(&t, s.index)
				: s.kind == 7 ? sl_table_class_name(&t, s.index / 256) : "";
			printf("  %-8s %-28s %9llu bytes  %6u states  %3u classes  %u match  u%u ids", kinds[s.kind],
				s.kind == 4 ? "" : owner, (unsigned long long)s.length, s.states, s.symbols - 1,
				s.match_states, s.id_width * 8);
			if (s.accelerated)
				printf("  skips: %u trigger pairs, lookback %u (near %u)", s.trigger_pairs, s.lookback, s.near);
			if (s.kind == 9)
				printf("  exact below %u bytes", s.exact_below);
			putchar('\n');
		} else {
			printf("  %-8s %-28s %9llu bytes\n", kinds[s.kind < 10 ? s.kind : 0], "", (unsigned long long)s.length);
		}
	}
	printf("classes\n");
	for (uint32_t c = 0; c < info.class_count; c++) {
		const char *label = sl_table_class_label(&t, c);
		printf("  %4u  %-32s Lmax %u%s%s\n", c, sl_table_class_name(&t, c), sl_table_class_lmax(&t, c),
			*label ? "  label " : "", label);
	}
	static const char *const actions[] = { "allow", "mask", "hash", "redact", "block" };
	if (sl_table_flow_count(&t))
		printf("flows\n");
	for (uint32_t f = 0; f < sl_table_flow_count(&t); f++) {
		printf("  %s -> %s\n", sl_table_flow_src(&t, f), sl_table_flow_dst(&t, f));
		for (uint32_t c = 0; c < info.class_count; c++) {
			sl_action_spec a;
			sl_table_flow_action(&t, f, c, &a);
			printf("      %-32s %s", sl_table_class_name(&t, c), actions[a.action]);
			if (a.action == SL_MASK)
				printf(" '%c' keep %u/%u", a.mask_byte, a.keep_first, a.keep_last);
			if (a.action == SL_REDACT && *a.replacement)
				printf(" \"%s\"", a.replacement);
			printf("\n");
		}
	}
	free(bytes);
	return 0;
}
