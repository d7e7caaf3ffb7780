/* tests/check_bad_inputs.c - the bad-input corpus: every line of tests/bad-inputs/expected.tsv
 * is a webnn command run in-process on one malformed file, with its exit status and a
 * substring its error must contain (tests/bad-inputs/README.md describes the table). Also:
 * every file of the folder has its line, so no input sits there untested. */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BI_DIR "tests/bad-inputs"
#define BI_TABLE BI_DIR "/expected.tsv"
#define BI_MAX_LINE 1024
#define BI_MAX_ARGS 16
#define BI_MIN_ENTRIES 40

/* One line of the table, split in place. */
typedef struct bi_entry {
    char line[BI_MAX_LINE];
    const char *file, *command, *arguments, *expected;
    int status;
} bi_entry;

/* Read data line `index` (comments and blank lines skipped): 1, or 0 when there is none, or
 * -1 with the reason in e->line when the table cannot be read or the line is malformed.
 * (No ck_assert here: the suite counts the lines before any test runs.) */
static int read_entry(size_t index, bi_entry *e)
{
    FILE *f = fopen(BI_TABLE, "r");
    size_t n = 0;
    int found = 0;
    if (!f) {
        snprintf(e->line, sizeof e->line, "cannot open %s", BI_TABLE);
        return -1;
    }
    while (fgets(e->line, sizeof e->line, f)) {
        char *field[5], *p = e->line;
        size_t k;
        if (strchr(e->line, '\n') == NULL) {
            snprintf(e->line, sizeof e->line, "%s: a line is longer than %d bytes", BI_TABLE,
                     BI_MAX_LINE - 2);
            found = -1;
            break;
        }
        e->line[strcspn(e->line, "\n")] = '\0';
        if (e->line[0] == '#' || e->line[0] == '\0' || n++ != index)
            continue;
        for (k = 0; k < 5 && p; k++) {
            field[k] = p;
            if ((p = strchr(p, '\t')) != NULL)
                *p++ = '\0';
        }
        if (k < 5 || p != NULL || field[4][0] == '\0') {
            snprintf(e->line, sizeof e->line,
                     "%s: data line %lu needs 5 tab-separated fields, the last not empty",
                     BI_TABLE, (unsigned long)index + 1);
            found = -1;
            break;
        }
        e->file = field[0];
        e->command = field[1];
        e->arguments = field[2];
        e->status = atoi(field[3]);
        e->expected = field[4];
        found = 1;
        break;
    }
    fclose(f);
    return found;
}

static size_t count_entries(void)
{
    bi_entry e;
    size_t n = 0;
    while (read_entry(n, &e) != 0)
        n++; /* a malformed line is counted: its test reports it */
    return n;
}

/* Append word to buf with "{}" replaced by path and "{dir}" by the corpus folder. */
static void expand(char *buf, size_t size, const char *word, size_t length, const char *path)
{
    size_t used = 0;
    while (length > 0) {
        const char *piece = NULL;
        size_t skip = 1, n;
        if (length >= 2 && strncmp(word, "{}", 2) == 0)
            piece = path, skip = 2;
        else if (length >= 5 && strncmp(word, "{dir}", 5) == 0)
            piece = BI_DIR, skip = 5;
        n = piece ? strlen(piece) : 1;
        ck_assert_msg(used + n < size, "an argument is too long");
        memcpy(buf + used, piece ? piece : word, n);
        used += n;
        word += skip;
        length -= skip;
    }
    buf[used] = '\0';
}

START_TEST(test_entry)
{
    static char words[BI_MAX_ARGS][512];
    char path[512], *argv[BI_MAX_ARGS + 3];
    const char *shown;
    bi_entry e;
    int argc = 0;
    th_cli_run r;
    ck_assert_msg(read_entry((size_t)_i, &e) == 1, "%s", e.line);
    snprintf(path, sizeof path, "%s/%s", BI_DIR, e.file);
    argv[argc++] = (char *)"webnn";
    argv[argc++] = (char *)e.command;
    if (strcmp(e.arguments, "-") == 0)
        argv[argc++] = path;
    else {
        const char *a = e.arguments;
        while (*a) {
            size_t n = strcspn(a, " ");
            if (n) {
                ck_assert_msg(argc < BI_MAX_ARGS + 2, "%s: too many arguments", e.file);
                expand(words[argc], sizeof words[argc], a, n, path);
                argv[argc] = words[argc];
                argc++;
            }
            a += n + (a[n] == ' ');
        }
    }
    argv[argc] = NULL;
    r = th_cli_argv(argc, argv);
    /* test reports a case's error in its summary on standard output; other commands write
     * errors to standard error and success to standard output */
    shown = strcmp(e.command, "test") == 0 || e.status == 0 ? r.out : r.err;
    ck_assert_msg(r.status == e.status, "%s: exit status %d, expected %d\nstdout: %s\nstderr: %s",
                  e.file, r.status, e.status, r.out, r.err);
    ck_assert_msg(strstr(shown, e.expected) != NULL, "%s: expected \"%s\" in\n%s", e.file,
                  e.expected, shown);
    th_cli_free(&r);
}
END_TEST

/* Whether name is listed, or is the other half of a listed manifest + blob pair. */
static int listed(const char *name)
{
    bi_entry e;
    size_t i;
    const char *suffixes[] = {".manifest.json", ".weights"};
    for (i = 0; read_entry(i, &e) == 1; i++) {
        size_t s, t;
        if (strcmp(e.file, name) == 0)
            return 1;
        for (s = 0; s < 2; s++)
            for (t = 0; t < 2; t++) {
                size_t a = strlen(e.file), b = strlen(name);
                size_t ls = strlen(suffixes[s]), lt = strlen(suffixes[t]);
                if (a > ls && b > lt && strcmp(e.file + a - ls, suffixes[s]) == 0 &&
                    strcmp(name + b - lt, suffixes[t]) == 0 && a - ls == b - lt &&
                    strncmp(e.file, name, a - ls) == 0)
                    return 1;
            }
    }
    return 0;
}

START_TEST(test_every_file_listed)
{
    DIR *d = opendir(BI_DIR);
    struct dirent *entry;
    size_t files = 0;
    ck_assert_ptr_nonnull(d);
    while ((entry = readdir(d)) != NULL) {
        const char *n = entry->d_name;
        if (n[0] == '.' || strcmp(n, "README.md") == 0 || strcmp(n, "expected.tsv") == 0 ||
            strcmp(n, "helpers") == 0)
            continue;
        ck_assert_msg(listed(n), "%s/%s has no line in %s", BI_DIR, n, BI_TABLE);
        files++;
    }
    closedir(d);
    ck_assert_uint_ge(files, BI_MIN_ENTRIES);
    ck_assert_uint_ge(count_entries(), BI_MIN_ENTRIES);
}
END_TEST

static Suite *bad_inputs_suite(void)
{
    Suite *s = suite_create("bad_inputs");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_entry, 0, (int)count_entries());
    tcase_add_test(tc, test_every_file_listed);
    suite_add_tcase(s, tc);
    return s;
}

TH_MAIN(bad_inputs_suite)
