/* tools/cli.h - the webnn command as a function, so that tests can run it. */
#ifndef TOOLS_CLI_H
#define TOOLS_CLI_H

#include <stdio.h>

/* Run the webnn command with argv[0..argc-1] (argv[1] is the subcommand), writing to out
 * and err instead of standard output and error. Returns the exit status: 0 when everything
 * passed, 1 when something failed, 2 on bad usage. Progress lines are drawn when out is a
 * terminal. */
int webnn_main(int argc, char **argv, FILE *out, FILE *err);

#endif
