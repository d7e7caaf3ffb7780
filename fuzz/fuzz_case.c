/* fuzz/fuzz_case.c - the conformance case loader and runner (conformance/conformance.h).
 *
 * The bytes are a case file (WPT JSON). It is opened with small JSON limits, then every case
 * (at most FC_MAX_CASES) is loaded, run through webnn.h and judged the way `webnn test` does:
 * an "expectedError" case by cf_check_expected_error, any other by cf_compare_case in one of
 * the four modes, then its outputs are written as expectations and read back. Every failure
 * must come with a message.
 *
 * Sizes. The loader keeps a bare-number fill as one value, but running a case writes every
 * element (a shape of 2^31-1 is legal), and operators may grow tensors far beyond their
 * inputs (expand, tile, pad, resample2d, broadcasting). A case runs only when a crude bound
 * on any tensor it can make stays small: the product of its inputs' element counts and of
 * every number in its operators (each one of magnitude 2 or more) must not exceed
 * FC_MAX_ELEMENTS. Larger cases are still loaded, only not run.
 *
 * fuzz-max-len: 8192
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../conformance/conformance.h"

#define FC_MAX_CASES 8
#define FC_MAX_ELEMENTS 4194304.0 /* 2^22 */

/* The product of the magnitudes >= 2 of every number under v (infinity when one is not a
 * finite number). */
static double number_product(const json_value *v, double product)
{
    size_t i;
    if (v->type == JSON_NUMBER) {
        double d;
        if (json_to_double(v, &d) != JSON_CONV_OK || !(d - d == 0))
            return INFINITY;
        d = fabs(d);
        return d >= 2 ? product * d : product;
    }
    if (v->type == JSON_ARRAY || v->type == JSON_OBJECT)
        for (i = 0; i < v->length && product <= FC_MAX_ELEMENTS; i++)
            product = number_product(&v->items[i], product);
    return product;
}

static int small_enough(const cf_case *c)
{
    double product = number_product(c->operators, 1.0);
    size_t i;
    for (i = 0; i < c->inputCount; i++)
        if (c->inputs[i].count >= 2)
            product *= (double)c->inputs[i].count;
    for (i = 0; i < c->expectedCount; i++)
        if (c->expected[i].count > FC_MAX_ELEMENTS)
            return 0; /* comparing walks every expected element */
    return product <= FC_MAX_ELEMENTS;
}

static void need_message(const cf_text *t)
{
    if (t->length == 0)
        abort();
}

/* The outputs written as expectations must read back as tensors of the same shape. */
static void write_outputs(const cf_execution *x)
{
    size_t i;
    for (i = 0; i < x->count; i++) {
        const cf_output *o = &x->outputs[i];
        char *text = NULL;
        size_t length = 0;
        FILE *f = open_memstream(&text, &length);
        json_writer w;
        json_document *doc;
        json_error jerr;
        if (!f)
            return;
        json_writer_init(&w, f, 0);
        cf_write_expected_output(&w, o, (int)(i & 1));
        if (json_writer_finish(&w) != 0)
            abort();
        fclose(f);
        doc = json_parse(text, length, NULL, &jerr);
        if (!doc)
            abort();
        {
            const json_value *root = json_root(doc), *desc = json_get(root, "descriptor");
            cf_tensor t;
            cf_pool pool;
            cf_text err;
            memset(&t, 0, sizeof t);
            memset(&pool, 0, sizeof pool);
            cf_text_init(&err);
            if (cf_tensor_read(&pool, "output", "output", json_get(desc, "dataType"),
                               json_get(desc, "shape"), json_get(root, "data"), &t, &err) != 0 ||
                t.count != o->count || t.dataType != o->dataType) {
                fprintf(stderr, "written output does not read back: %s\n%s\n", cf_text_str(&err), text);
                abort();
            }
            cf_text_free(&err);
            cf_pool_free(&pool);
        }
        json_free(doc);
        free(text);
    }
}

static void run_case(const cf_file *f, size_t index, cf_mode mode)
{
    cf_case c;
    cf_execution x;
    cf_text err, report;
    cf_compare_stats stats;
    memset(&stats, 0, sizeof stats);
    cf_text_init(&err);
    cf_text_init(&report);
    (void)cf_file_case_name(f, index);
    if (cf_file_case_operator(f, index))
        (void)cf_file_case_uses(f, index, cf_file_case_operator(f, index));
    if (cf_case_load(f, index, &c, &err) != 0) {
        need_message(&err);
    } else if (small_enough(&c)) {
        int failed = cf_execute(&c, NULL, &x, &err) != 0;
        if (failed)
            need_message(&err);
        if (c.expectError) {
            int verdict = cf_check_expected_error(&c, &x, failed, &report);
            if (verdict == 0)
                need_message(&report);
        } else if (!failed) {
            if (!cf_compare_case(&c, &x, mode, &report, &stats))
                need_message(&report);
            write_outputs(&x);
        }
        cf_execution_free(&x);
        cf_case_free(&c);
    } else
        cf_case_free(&c);
    cf_text_free(&err);
    cf_text_free(&report);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const json_limits limits = {(size_t)1 << 20, 32, 65536};
    cf_file f;
    cf_text err;
    size_t i;
    cf_text_init(&err);
    memset(&f, 0, sizeof f);
    if (cf_file_open_text(&f, "fuzz.json", (const char *)data, size, &limits, &err) != 0) {
        need_message(&err);
        cf_text_free(&err);
        return 0;
    }
    for (i = 0; i < f.caseCount && i < FC_MAX_CASES; i++)
        run_case(&f, i, (cf_mode)((size + i) % 4)); /* every mode, chosen by the input */
    cf_file_close(&f);
    cf_text_free(&err);
    return 0;
}
