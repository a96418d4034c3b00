/*
 * main.c - the sluice CLI: a thin dispatcher over compiler/, runtime/ and lint/.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "usage: sluice <compile|scan|inspect|test|run|lint> ...\n");
	return 2;
}
