/* tools/cli.h - the webnn command as a function, so that tests can run it. */
#ifndef TOOLS_CLI_H
#define TOOLS_CLI_H

#include <stdio.h>

#include "../webnn.h"

/* Run the webnn command with argv[0..argc-1] (argv[1] is the subcommand), writing to out
 * and err instead of standard output and error. Returns the exit status: 0 when everything
 * passed, 1 when something failed, 2 on bad usage. Progress lines are drawn when out is a
 * terminal. */
int webnn_main(int argc, char **argv, FILE *out, FILE *err);

/* The resource limit options, shared by every command that builds graphs. */
#define LIMIT_OPTIONS_HELP \
    "  --max-tensor-bytes N\n" \
    "                      refuse an operand or tensor above N bytes (a TypeError);\n" \
    "                      N is decimal with an optional K, M or G (2^10, 2^20, 2^30);\n" \
    "                      default 1G\n" \
    "  --max-graph-bytes N refuse to build a graph whose evaluation holds more than N\n" \
    "                      bytes (an OperationError); default 4G\n"

/* An option argument "--name" or "--name=VALUE": its name into name (size bytes; "" when
 * too long), and the value after '=' (NULL when there is none). */
const char *webnn_option_name(const char *arg, char *name, size_t size);
/* Whether name is --max-tensor-bytes or --max-graph-bytes. */
int webnn_is_limit_option(const char *name);
/* Store the value of a limit option in *context. Returns 0, or 2 (bad usage) with a message
 * on err. */
int webnn_parse_limit_option(const char *command, const char *name, const char *value,
                             WNNContextOptions *context, FILE *err);

#endif
