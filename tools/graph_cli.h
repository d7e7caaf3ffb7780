/* tools/graph_cli.h - the webnn commands on whole graphs: run, validate, trace, convert. */
#ifndef TOOLS_GRAPH_CLI_H
#define TOOLS_GRAPH_CLI_H

#include <stdio.h>

/* Run command ("run", "validate", "trace" or "convert") with its arguments argv[0..argc-1].
 * Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int gc_main(const char *command, int argc, char **argv, FILE *out, FILE *err);
/* A command's help text. */
void gc_usage(FILE *out, const char *command);

#endif
