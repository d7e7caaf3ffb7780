/* tools/webnn.c - the webnn command (placeholder). */
#include <stdio.h>

int main(void)
{
    puts("webnn");
    return 0;
}
