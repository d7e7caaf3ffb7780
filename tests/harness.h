/* tests/harness.h - helpers for unit tests: build a small graph through the public API,
 * dispatch it and read its outputs and unspecified masks. Every helper fails the running
 * Check test (ck_assert) on an unexpected status, printing the error message. */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <check.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include "../webnn.h"

#define TH_MAX_INPUTS 16
#define TH_MAX_OUTPUTS 8

typedef struct th_env {
    WNNContext context;
    WNNGraphBuilder builder;
    size_t inputCount;
    struct {
        char name[32];
        WNNOperand operand;
        const void *data;
    } inputs[TH_MAX_INPUTS];
} th_env;

/* One graph output after th_run: data (malloc'd, element type of the operand), its element
 * count and its unspecified mask (one byte per element). */
typedef struct th_result {
    WNNOperandDataType type;
    size_t count;
    void *data;
    uint8_t *mask;
    size_t unspecified;
} th_result;

/* A context without resource limits (see th_init in harness.c) and a builder. */
void th_init(th_env *env);
void th_free(th_env *env);
/* A graph input fed with data (count elements of type, raw) at th_run. */
WNNOperand th_input(th_env *env, WNNOperandDataType type, const uint32_t *shape, size_t rank,
                    const void *data);
WNNOperand th_constant(th_env *env, WNNOperandDataType type, const uint32_t *shape,
                       size_t rank, const void *data);
/* Build with the outputs (named "out0", "out1", ...), dispatch, read. Returns the build
 * status; on success results[i] are filled (free with th_result_free). */
WNNStatus th_run(th_env *env, size_t count, const WNNOperand *outputs, th_result *results);
void th_result_free(th_result *r);

/* Convert doubles to raw elements of a type (floats rounded to nearest even; integers must
 * be exact). buf must hold count elements. */
void th_pack(WNNOperandDataType type, const double *values, size_t count, void *buf);
/* Element i of a result as double (exact for floats and for |integers| <= 2^53). */
double th_get(const th_result *r, size_t i);

/* Assert a status and that the builder's message contains `needle`. */
#define th_assert_status(env, got, want, needle) \
    th_check_status_((env), (got), (want), (needle), __FILE__, __LINE__)
void th_check_status_(th_env *env, WNNStatus got, WNNStatus want, const char *needle,
                      const char *file, int line);

/* Two doubles are the same value: equal bit for bit after conversion, NaN equal to NaN,
 * +0 different from -0. */
int th_same(double a, double b);

/* The webnn command run in-process through webnn_main(): its exit status and what it wrote
 * to standard output and error (malloc'd). */
typedef struct th_cli_run {
    int status;
    char *out, *err;
} th_cli_run;

/* Run webnn with argv[0..argc-1] (argv[0] is the program's name, argv[argc] NULL). */
th_cli_run th_cli_argv(int argc, char **argv);
/* Run "webnn ARGS..." (NULL-terminated, at most 30 arguments). */
th_cli_run th_cli(const char *first, ...);
void th_cli_free(th_cli_run *r);
/* Everything written to the temporary file f, as a string (malloc'd). */
char *th_slurp(FILE *f);

/* Every test file ends with TH_MAIN(suite_function). */
#define TH_MAIN(make_suite) \
    int main(void) \
    { \
        SRunner *runner = srunner_create(make_suite()); \
        int failed; \
        srunner_run_all(runner, CK_NORMAL); \
        failed = srunner_ntests_failed(runner); \
        srunner_free(runner); \
        return failed ? 1 : 0; \
    }

#endif
