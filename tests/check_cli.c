/* tests/check_cli.c - the webnn command, run in-process through webnn_main(): exit
 * statuses, the summary's last line, reports, expect and compare. */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The last line of text (without its newline). */
static const char *last_line(const char *text, char *buf, size_t size)
{
    size_t n = strlen(text);
    const char *end, *start;
    while (n > 0 && text[n - 1] == '\n')
        n--;
    end = text + n;
    start = end;
    while (start > text && start[-1] != '\n')
        start--;
    snprintf(buf, size, "%.*s", (int)(end - start), start);
    return buf;
}

/* A temporary file's name (the file exists, empty). */
static void temp_name(char *buf, size_t size)
{
    int fd;
    snprintf(buf, size, "/tmp/webnn-check-cli-XXXXXX");
    fd = mkstemp(buf);
    ck_assert_int_ge(fd, 0);
    close(fd);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s;
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    s = th_slurp(f);
    fclose(f);
    return s;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    fclose(f);
}

START_TEST(test_passes_with_a_summary_line)
{
    char line[200];
    th_cli_run r = th_cli("test", "--filter", "1D", "conformance/wpt/sub.json", NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(last_line(r.out, line, sizeof line), "auto: 3 passed, 0 failed");
    ck_assert_msg(strstr(r.out, "sub                             3        0        0") != NULL, "%s", r.out);
    ck_assert_str_eq(r.err, "");
    th_cli_free(&r);
    r = th_cli("test", "--mode", "exact", "--op", "add", "--filter", "1D", "conformance/wpt", NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(last_line(r.out, line, sizeof line), "exact: 3 passed, 0 failed");
    ck_assert_msg(strstr(r.out, "63 procedural subtests") != NULL, "%s", r.out);
    th_cli_free(&r);
    r = th_cli("test", "--mode=wpt", "--filter", "1D", "conformance/wpt/sub.json", NULL);
    ck_assert_str_eq(last_line(r.out, line, sizeof line), "wpt: 3 passed, 0 failed");
    th_cli_free(&r);
    /* bounds: the notes of -v tell the accumulation length and how close the data came */
    r = th_cli("test", "--mode", "bounds", "-v", "--filter", "2D and 2D", "conformance/wpt/matmul.json",
            NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(last_line(r.out, line, sizeof line), "bounds: 2 passed, 0 failed");
    ck_assert_msg(strstr(r.out, "  note: 15 elements judged by data-derived bounds (n = 4 from "
                                "matmul); the worst used 0 of its allowed distance\n") != NULL,
                  "%s", r.out);
    th_cli_free(&r);
}
END_TEST

START_TEST(test_fails_with_details)
{
    char line[200];
    th_cli_run r = th_cli("test", "--mode", "wpt", "tests/data/bad-add.json", NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_str_eq(last_line(r.out, line, sizeof line), "wpt: 0 passed, 2 failed");
    ck_assert_msg(strstr(r.out, "FAIL bad-add: add float32 1D constant tensors\n"
                                "case \"add float32 1D constant tensors\": output \"output\":\n"
                                "    element 3: expected 38.63, got 38.627098083496094, "
                                "distance 761 ULP, allowed 1 ULP\n") != NULL, "%s", r.out);
    ck_assert_msg(strstr(r.out, "ERROR tests/data/bad-add.json:211:15: case \"unknown operator\": "
                                "operator 0 (addd): unknown operator \"addd\"") != NULL, "%s", r.out);
    th_cli_free(&r);
    /* machine formats on standard output; the summary line on standard error */
    r = th_cli("test", "--format", "junit", "tests/data/bad-add.json", NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert(strncmp(r.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 50) == 0);
    ck_assert(strstr(r.out, "<failure message=") && strstr(r.out, "<error message="));
    ck_assert_str_eq(r.err, "auto: 0 passed, 2 failed\n");
    th_cli_free(&r);
    r = th_cli("test", "--format=tap", "tests/data/bad-add.json", NULL);
    ck_assert(strncmp(r.out, "TAP version 13\n1..2\nnot ok 1 - bad-add: add float32 1D constant", 61) == 0);
    th_cli_free(&r);
    r = th_cli("test", "--format", "json", "-q", "tests/data/bad-add.json", NULL);
    ck_assert_msg(strstr(r.out, "\"failed\": 1,\n    \"errors\": 1,") != NULL, "%s", r.out);
    th_cli_free(&r);
}
END_TEST

START_TEST(usage_errors)
{
    th_cli_run r = th_cli("test", "--mode", "fuzzy", "x", NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.err, "webnn test: --mode must be wpt, exact, bounds or auto, got \"fuzzy\"\n");
    th_cli_free(&r);
    r = th_cli("test", "--op", "addd", "x", NULL);
    ck_assert_int_eq(r.status, 2);
    th_cli_free(&r);
    r = th_cli("test", NULL);
    ck_assert_int_eq(r.status, 2);
    th_cli_free(&r);
    r = th_cli("test", "no/such/folder", NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert(strstr(r.err, "no/such/folder") != NULL);
    th_cli_free(&r);
    r = th_cli("frobnicate", NULL);
    ck_assert_int_eq(r.status, 2);
    th_cli_free(&r);
    r = th_cli("expect", "--op", "add", "conformance/wpt/add.json", NULL);
    ck_assert_int_eq(r.status, 2);
    th_cli_free(&r);
    r = th_cli("compare", "conformance/wpt/add.json", NULL);
    ck_assert_int_eq(r.status, 2);
    th_cli_free(&r);
}
END_TEST

START_TEST(help_for_each_command)
{
    static const char *commands[] = {"test", "expect", "compare"};
    size_t i;
    th_cli_run r = th_cli("--help", NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(strncmp(r.out, "usage: webnn <command>", 22) == 0);
    th_cli_free(&r);
    for (i = 0; i < 3; i++) {
        char want[64];
        snprintf(want, sizeof want, "usage: webnn %s ", commands[i]);
        r = th_cli(commands[i], "--help", NULL);
        ck_assert_int_eq(r.status, 0);
        ck_assert_msg(strncmp(r.out, want, strlen(want)) == 0, "%s", r.out);
        th_cli_free(&r);
        r = th_cli("help", commands[i], NULL);
        ck_assert(strncmp(r.out, want, strlen(want)) == 0);
        th_cli_free(&r);
    }
}
END_TEST

/* The reference's expectations for the suite's add cases are the suite's, byte for byte. */
START_TEST(expect_reproduces_a_case_file)
{
    char path[64];
    char *written, *original;
    th_cli_run r;
    temp_name(path, sizeof path);
    r = th_cli("expect", "-o", path, "conformance/wpt/mul.json", NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "webnn expect: 10 cases, 10 computed, 0 kept\n");
    written = read_file(path);
    original = read_file("conformance/wpt/mul.json");
    ck_assert(strcmp(written, original) == 0);
    free(written);
    free(original);
    th_cli_free(&r);
    /* a case the reference cannot run keeps its expectations; the status says so */
    r = th_cli("expect", "-o", path, "tests/data/bad-add.json", NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "unknown operator \"addd\" (expectations kept)") != NULL, "%s", r.err);
    written = read_file(path);
    ck_assert(strstr(written, "38.627098083496094") != NULL); /* recomputed */
    ck_assert(strstr(written, "\"addd\"") != NULL);           /* kept */
    free(written);
    th_cli_free(&r);
    remove(path);
}
END_TEST

START_TEST(compare_judges_a_results_file)
{
    char path[64], line[200];
    char *text, *at;
    th_cli_run r;
    temp_name(path, sizeof path);
    r = th_cli("test", "-q", "--write-results", path, "conformance/wpt/div.json", NULL);
    ck_assert_int_eq(r.status, 0);
    th_cli_free(&r);
    r = th_cli("compare", "conformance/wpt/div.json", path, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(last_line(r.out, line, sizeof line), "auto: 10 passed, 0 failed");
    ck_assert(strstr(r.out, "implementation: webnn reference implementation") != NULL);
    th_cli_free(&r);
    /* one result turned into an error, and a NaN in another */
    text = read_file(path);
    at = strstr(text, "\"status\": \"ok\"");
    ck_assert_ptr_nonnull(at);
    memcpy(at, "\"status\": \"no\"", 14);
    write_file(path, text);
    r = th_cli("compare", "conformance/wpt/div.json", path, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_str_eq(last_line(r.out, line, sizeof line), "auto: 9 passed, 1 failed");
    ck_assert_msg(strstr(r.out, "\"status\" must be \"ok\" or \"error\"") != NULL, "%s", r.out);
    th_cli_free(&r);
    /* cases missing from the results fail */
    r = th_cli("compare", "--filter", "1D", "conformance/wpt/div.json", "conformance/wpt/sub.json", path,
            NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, "no result for \"sub/sub float32 1D tensors\"") != NULL, "%s", r.out);
    th_cli_free(&r);
    /* a results file that is not JSON */
    write_file(path, "{\"results\": {]}");
    r = th_cli("compare", "conformance/wpt/div.json", path, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, ":1:14: unexpected ']'") != NULL, "%s", r.err);
    th_cli_free(&r);
    free(text);
    remove(path);
}
END_TEST

/* Case-format extensions through the command: expectedError verdicts, a descriptor-only
 * output, and the case's "spec" and "notes" shown with -v. */
START_TEST(test_reads_the_case_extensions)
{
    static const char *text =
        "{\"tests\":[\n"
        "{\"name\":\"rejected\",\"spec\":\"reshape / step 4\",\"notes\":\"2 elements, not 3\","
        "\"expectedError\":{\"status\":\"TypeError\",\"message\":\"newShape\"},\"graph\":{"
        "\"inputs\":{\"a\":{\"data\":[1,2],\"descriptor\":{\"shape\":[2],\"dataType\":\"float32\"}}},"
        "\"operators\":[{\"name\":\"reshape\",\"arguments\":[{\"input\":\"a\"},{\"newShape\":[3]}],"
        "\"outputs\":\"out\"}]}},\n"
        "{\"name\":\"builds\",\"expectedError\":{\"status\":\"TypeError\",\"message\":\"newShape\"},"
        "\"graph\":{\"inputs\":{\"a\":{\"data\":[1,2],\"descriptor\":{\"shape\":[2],\"dataType\":"
        "\"float32\"}}},\"operators\":[{\"name\":\"reshape\",\"arguments\":[{\"input\":\"a\"},"
        "{\"newShape\":[2,1]}],\"outputs\":\"out\"}]}},\n"
        "{\"name\":\"descriptor\",\"graph\":{\"inputs\":{\"a\":{\"data\":[],\"descriptor\":{\"shape\":"
        "[0,2],\"dataType\":\"int8\"}}},\"operators\":[{\"name\":\"neg\",\"arguments\":[{\"input\":"
        "\"a\"}],\"outputs\":\"out\"}],\"expectedOutputs\":{\"out\":{\"descriptor\":{\"shape\":[0,2],"
        "\"dataType\":\"int8\"}}}}}]}\n";
    char path[64], line[200];
    th_cli_run r;
    temp_name(path, sizeof path);
    write_file(path, text);
    r = th_cli("test", "-v", path, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_str_eq(last_line(r.out, line, sizeof line), "auto: 2 passed, 1 failed");
    ck_assert_msg(strstr(r.out, ": rejected\n  note: spec: reshape / step 4\n"
                                "  note: 2 elements, not 3\n") != NULL, "%s", r.out);
    ck_assert_msg(strstr(r.out, ": builds\ncase \"builds\": expected TypeError with a message "
                                "containing \"newShape\", but the graph built and ran\n") != NULL,
                  "%s", r.out);
    ck_assert_msg(strstr(r.out, "PASS ") && strstr(r.out, ": descriptor\n"), "%s", r.out);
    th_cli_free(&r);
    remove(path);
}
END_TEST

static Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("cli");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_passes_with_a_summary_line);
    tcase_add_test(tc, test_fails_with_details);
    tcase_add_test(tc, usage_errors);
    tcase_add_test(tc, help_for_each_command);
    tcase_add_test(tc, expect_reproduces_a_case_file);
    tcase_add_test(tc, compare_judges_a_results_file);
    tcase_add_test(tc, test_reads_the_case_extensions);
    suite_add_tcase(s, tc);
    return s;
}

TH_MAIN(cli_suite)
