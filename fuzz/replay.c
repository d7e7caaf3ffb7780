/* fuzz/replay.c - run a fuzz target on saved inputs, without libFuzzer.
 *
 *   replay_<name> [-v] PATH...
 *
 * Each PATH is a file or a directory (whose regular files, not those starting with '.', are
 * read in name order). Every input is passed once to LLVMFuzzerTestOneInput; a finding
 * aborts the program (the sanitizers, when built with them, report it first), and an input
 * running longer than REPLAY_SECONDS (a hang) ends it by SIGALRM, as libFuzzer's -timeout
 * would. Prints how many inputs ran; -v also names each input before running it. Exit
 * status 0, or 2 when a path cannot be read.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* Inputs larger than this are not fuzz inputs (libFuzzer's max_len is far smaller). */
#define REPLAY_MAX_BYTES ((size_t)64 << 20)
/* Every saved input runs in milliseconds; valgrind makes that some tenths of a second. */
#define REPLAY_SECONDS 20

static int replay_file(const char *path, int verbose, size_t *count)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long length;
    size_t got;
    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (length = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "replay: %s: cannot determine its size\n", path);
        fclose(f);
        return -1;
    }
    if ((unsigned long)length > REPLAY_MAX_BYTES) {
        fprintf(stderr, "replay: %s: %ld bytes, more than the %lu accepted\n", path, length,
                (unsigned long)REPLAY_MAX_BYTES);
        fclose(f);
        return -1;
    }
    /* one byte more than needed so that an empty file still has a buffer to point at */
    buf = (unsigned char *)malloc((size_t)length + 1);
    if (!buf) {
        fprintf(stderr, "replay: %s: out of memory\n", path);
        fclose(f);
        return -1;
    }
    got = fread(buf, 1, (size_t)length, f);
    fclose(f);
    if (got != (size_t)length) {
        fprintf(stderr, "replay: %s: read %lu of %ld bytes\n", path, (unsigned long)got, length);
        free(buf);
        return -1;
    }
    if (verbose)
        fprintf(stderr, "replay: %s\n", path);
    alarm(REPLAY_SECONDS);
    LLVMFuzzerTestOneInput(buf, got);
    alarm(0);
    free(buf);
    (*count)++;
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_directory(const char *path, int verbose, size_t *count)
{
    DIR *dir = opendir(path);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, capacity = 0, i;
    int result = 0;
    if (!dir) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    while ((e = readdir(dir)) != NULL) {
        size_t length = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        if (n == capacity) {
            size_t grown = capacity ? capacity * 2 : 64;
            char **bigger = (char **)realloc(names, grown * sizeof *bigger);
            if (!bigger) {
                result = -1;
                break;
            }
            names = bigger;
            capacity = grown;
        }
        names[n] = (char *)malloc(strlen(path) + length + 2);
        if (!names[n]) {
            result = -1;
            break;
        }
        sprintf(names[n++], "%s/%s", path, e->d_name);
    }
    closedir(dir);
    if (result != 0)
        fprintf(stderr, "replay: %s: out of memory\n", path);
    else if (n > 0) {
        qsort(names, n, sizeof *names, compare_names);
        for (i = 0; i < n && result == 0; i++) {
            struct stat st;
            if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
                result = replay_file(names[i], verbose, count);
        }
    }
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return result;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int i = 1, verbose = 0;
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        verbose = 1;
        i++;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: %s [-v] FILE-OR-DIRECTORY...\n", argv[0]);
        return 2;
    }
    for (; i < argc; i++) {
        struct stat st;
        int r;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            return 2;
        }
        r = S_ISDIR(st.st_mode) ? replay_directory(argv[i], verbose, &count)
                                 : replay_file(argv[i], verbose, &count);
        if (r != 0)
            return 2;
    }
    printf("%s: %lu inputs replayed\n", argv[0], (unsigned long)count);
    return 0;
}
