/* tools/webnn.c - the webnn command (see tools/cli.c, 'webnn --help'). */
#include "cli.h"

int main(int argc, char **argv)
{
    return webnn_main(argc, argv, stdout, stderr);
}
