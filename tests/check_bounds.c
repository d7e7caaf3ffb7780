/* tests/check_bounds.c - the comparison modes bounds and auto: the allowed distance
 * K * n * u * m + floor, the accumulation lengths and magnitudes derived from hand-made cases,
 * results just inside and just outside a bound, NaN and infinity rules, masked elements, the
 * choice of rule per output in auto mode. */
#include "harness.h"
#include "../conformance/conformance.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F32 WNNOperandDataType_Float32
#define F16 WNNOperandDataType_Float16

/* A copy of s with ' turned into " (test JSON is easier to read that way). */
static char *dq(const char *s)
{
    size_t n = strlen(s), i;
    char *d = (char *)malloc(n + 1);
    ck_assert_ptr_nonnull(d);
    for (i = 0; i <= n; i++)
        d[i] = s[i] == '\'' ? '"' : s[i];
    return d;
}

/* An open file and its case 0. */
typedef struct loaded {
    cf_file f;
    cf_case c;
    char *json;
} loaded;

static void load(loaded *l, const char *singleQuoted)
{
    cf_text err;
    cf_text_init(&err);
    l->json = dq(singleQuoted);
    ck_assert_msg(cf_file_open_text(&l->f, "case.json", l->json, strlen(l->json), NULL, &err) == 0,
                  "%s", cf_text_str(&err));
    ck_assert_msg(cf_case_load(&l->f, 0, &l->c, &err) == 0, "%s", cf_text_str(&err));
    cf_text_free(&err);
}

static void unload(loaded *l)
{
    cf_case_free(&l->c);
    cf_file_close(&l->f);
    free(l->json);
}

/* Magnitude i of output o of bounds b. */
static double magnitude(const cf_bounds *b, size_t o, size_t i)
{
    cf_element e;
    ck_assert_uint_lt(o, b->count);
    ck_assert_uint_lt(i, b->outputs[o].magnitudes.count);
    cf_values_get(&b->outputs[o].magnitudes, i, &e);
    return e.f;
}

static void compute(const loaded *l, cf_bounds *b)
{
    cf_text err;
    cf_text_init(&err);
    ck_assert_msg(cf_bounds_compute(&l->c, b, &err) == 0, "%s", cf_text_str(&err));
    cf_text_free(&err);
}

/* Run case 0 of a file on the reference and compare in a mode; returns the verdict, the
 * report in report. */
static int run_and_compare(const char *singleQuoted, cf_mode mode, cf_text *report,
                           cf_compare_stats *stats)
{
    loaded l;
    cf_execution x;
    cf_text err;
    int pass;
    cf_text_init(&err);
    load(&l, singleQuoted);
    ck_assert_msg(cf_execute(&l.c, NULL, &x, &err) == 0, "%s", cf_text_str(&err));
    pass = cf_compare_case(&l.c, &x, mode, report, stats);
    cf_execution_free(&x);
    unload(&l);
    cf_text_free(&err);
    return pass;
}

/* ------------------------------------------------------------------------------------------ */
/* The formula                                                                                */
/* ------------------------------------------------------------------------------------------ */

START_TEST(constants_and_formula)
{
    ck_assert(cf_unit_roundoff(F32) == 0x1p-24);
    ck_assert(cf_unit_roundoff(F16) == 0x1p-11);
    ck_assert(cf_unit_roundoff(WNNOperandDataType_Int32) == 0);
    ck_assert(cf_smallest_normal(F32) == (double)FLT_MIN);
    ck_assert(cf_smallest_normal(F16) == 0x1p-14);
    ck_assert(CF_BOUNDS_K == 2.0);
    /* 2 * 3 * 2^-24 * 2049 + 2^-126 */
    ck_assert(cf_bound_allowed(F32, 3, 2049) == 12294 * 0x1p-24 + 0x1p-126);
    ck_assert(cf_bound_allowed(F16, 10, 1) == 20 * 0x1p-11 + 0x1p-14);
    /* the sign of a magnitude does not matter; NaN, 0 and missing lengths leave the floor */
    ck_assert(cf_bound_allowed(F32, 3, -2049) == cf_bound_allowed(F32, 3, 2049));
    ck_assert(cf_bound_allowed(F32, 3, (double)NAN) == 0x1p-126);
    ck_assert(cf_bound_allowed(F32, 0, 5) == 0x1p-126);
    ck_assert(cf_bound_allowed(F32, -4, 5) == 0x1p-126);
    ck_assert(cf_bound_allowed(F32, (double)NAN, 5) == 0x1p-126);
    ck_assert(cf_bound_allowed(F32, 3, 0) == 0x1p-126);
    /* an infinite magnitude (a sum of magnitudes beyond the range) allows any distance */
    ck_assert(isinf(cf_bound_allowed(F32, 3, (double)INFINITY)));
    ck_assert(isinf(cf_bound_allowed(F32, 1e300, 1e300)));
}
END_TEST

static cf_verdict judge(WNNOperandDataType t, double n, double m, double e, double a)
{
    cf_element ee, aa;
    cf_verdict v;
    memset(&ee, 0, sizeof ee);
    memset(&aa, 0, sizeof aa);
    ee.f = e;
    aa.f = a;
    cf_judge_bound(t, n, m, &ee, &aa, &v);
    return v;
}

START_TEST(judging_against_a_bound)
{
    double allowed = 12294 * 0x1p-24; /* n 3, magnitude 2049 (floor aside) */
    cf_verdict v;
    /* expected 1 (cancellation: 1024 - 1024 + 1): float32 values near 1 are 2^-23 apart */
    v = judge(F32, 3, 2049, 1.0, 1.0 + 6147 * 0x1p-23);
    ck_assert(v.pass);
    ck_assert(v.distance == allowed);
    ck_assert(v.allowed == allowed + 0x1p-126);
    v = judge(F32, 3, 2049, 1.0, 1.0 + 6148 * 0x1p-23);
    ck_assert(!v.pass);
    ck_assert(v.distance == 12296 * 0x1p-24);
    v = judge(F32, 3, 2049, 1.0, 1.0 - 12295 * 0x1p-24);
    ck_assert(!v.pass); /* below as well as above */
    /* the actual value is rounded to the type first, the expected value is not */
    v = judge(F32, 3, 2049, 1.0, 1.0 + 6147.4 * 0x1p-23);
    ck_assert(v.pass);
    /* the magnitude is never taken below |expected| (operators whose magnitude evaluation is
     * not a sum of magnitudes) */
    v = judge(F32, 1, 0, 1024.0, 1024.0 + 0x1p-13);
    ck_assert(v.allowed == 2 * 0x1p-24 * 1024 + 0x1p-126);
    ck_assert(v.pass);
    v = judge(F32, 1, (double)NAN, 1024.0, 1024.0 + 0x1p-13);
    ck_assert(v.pass);
    /* the floor: tiny values around 0 */
    ck_assert(judge(F32, 4, 0, 0.0, 0x1p-127).pass);
    ck_assert(!judge(F32, 4, 0, 0.0, 0x1p-125).pass);
    ck_assert(judge(F16, 4, 0, 0.0, 0x1p-15).pass);
    ck_assert(!judge(F16, 4, 0, 0.0, 0x1p-13).pass);
    /* float16: n 8, magnitude 4: allowed 2 * 8 * 2^-11 * 4 = 2^-5 (plus 2^-14) */
    ck_assert(judge(F16, 8, 4, 1.0, 1.03125).pass);
    ck_assert(!judge(F16, 8, 4, 1.0, 1.0322265625).pass);
}
END_TEST

START_TEST(nan_and_infinity_rules)
{
    cf_verdict v;
    ck_assert(judge(F32, 3, 1e30, (double)NAN, (double)NAN).pass);
    ck_assert(judge(F32, 3, 1e30, (double)NAN, -(double)NAN).pass);
    v = judge(F32, 3, 1e30, (double)NAN, 1.0);
    ck_assert(!v.pass);
    ck_assert(isinf(v.distance));
    ck_assert(!judge(F32, 3, 1e30, 1.0, (double)NAN).pass);
    /* an infinity meets the same infinity only, whatever the allowance */
    ck_assert(judge(F32, 3, 1e30, (double)INFINITY, (double)INFINITY).pass);
    ck_assert(!judge(F32, 3, (double)INFINITY, (double)INFINITY, -(double)INFINITY).pass);
    ck_assert(!judge(F32, 3, (double)INFINITY, (double)INFINITY, (double)FLT_MAX).pass);
    ck_assert(!judge(F32, 3, (double)INFINITY, 1.0, (double)INFINITY).pass);
    /* an expected value beyond float32's range is an infinity there */
    ck_assert(judge(F32, 3, 1, 3.5e38, (double)INFINITY).pass);
    /* an infinite magnitude allows any finite value */
    ck_assert(judge(F32, 3, (double)INFINITY, 1.0, 1e30).pass);
    /* integers: exactly, as in wpt mode with no tolerance */
    {
        cf_element e, a;
        memset(&e, 0, sizeof e);
        memset(&a, 0, sizeof a);
        e.i = 5;
        a.i = 6;
        cf_judge_bound(WNNOperandDataType_Int32, 100, 100, &e, &a, &v);
        ck_assert(!v.pass);
        ck_assert(v.distance == 1);
    }
}
END_TEST

START_TEST(mode_names)
{
    cf_mode m = CF_MODE_WPT;
    ck_assert_str_eq(cf_mode_name(CF_MODE_WPT), "wpt");
    ck_assert_str_eq(cf_mode_name(CF_MODE_EXACT), "exact");
    ck_assert_str_eq(cf_mode_name(CF_MODE_BOUNDS), "bounds");
    ck_assert_str_eq(cf_mode_name(CF_MODE_AUTO), "auto");
    ck_assert_ptr_null(cf_mode_name((cf_mode)17));
    ck_assert(cf_mode_from_name("bounds", &m) && m == CF_MODE_BOUNDS);
    ck_assert(cf_mode_from_name("auto", &m) && m == CF_MODE_AUTO);
    ck_assert(!cf_mode_from_name("Bounds", &m));
    ck_assert(!cf_mode_from_name(NULL, &m));
    ck_assert_int_eq(cf_operator_class("transpose"), CF_OP_MOVEMENT);
    ck_assert_int_eq(cf_operator_class("matmul"), CF_OP_ACCUMULATING);
    ck_assert_int_eq(cf_operator_class("softmax"), CF_OP_ACCUMULATING);
    ck_assert_int_eq(cf_operator_class("relu"), CF_OP_OTHER);
    ck_assert_int_eq(cf_operator_class("nosuch"), CF_OP_OTHER);
    ck_assert_int_eq(cf_operator_class(NULL), CF_OP_OTHER);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* Lengths and magnitudes of hand-made cases                                                  */
/* ------------------------------------------------------------------------------------------ */

/* matmul [2, 3] x [3, 2] with cancellation in the first row. */
#define MATMUL \
    "{'tests':[{'name':'m','graph':{'inputs':{" \
    "'a':{'data':[1024,-1024,1, 1,2,3],'descriptor':{'shape':[2,3],'dataType':'float32'}}," \
    "'b':{'data':[1,-1, 1,2, 1,0.5],'descriptor':{'shape':[3,2],'dataType':'float32'},'constant':true}}," \
    "'operators':[{'name':'matmul','arguments':[{'a':'a'},{'b':'b'}],'outputs':'y'}]," \
    "'expectedOutputs':{'y':{'data':[%s],'descriptor':{'shape':[2,2],'dataType':'float32'}}}}," \
    "'tolerance':{'metricType':'ULP','value':8}}]}"

/* The matmul case with the expected data given, in buf (MATMUL_SIZE bytes). */
#define MATMUL_SIZE 2048
static char *matmul_case(char *buf, const char *expected)
{
    snprintf(buf, MATMUL_SIZE, MATMUL, expected);
    return buf;
}

START_TEST(matmul_length_and_magnitudes)
{
    char mm[MATMUL_SIZE];
    loaded l;
    cf_bounds b;
    load(&l, matmul_case(mm, "1,-3071.5,6,4.5"));
    compute(&l, &b);
    ck_assert_uint_eq(b.count, 1);
    ck_assert(b.outputs[0].length == 3);
    ck_assert_str_eq(b.outputs[0].op, "matmul");
    ck_assert(!b.outputs[0].movement);
    ck_assert(!b.outputs[0].nonlinear);
    ck_assert_uint_eq(b.outputs[0].magnitudes.count, 4);
    /* |a| x |b| */
    ck_assert(magnitude(&b, 0, 0) == 2049);
    ck_assert(magnitude(&b, 0, 1) == 1024 + 2048 + 0.5);
    ck_assert(magnitude(&b, 0, 2) == 6);
    ck_assert(magnitude(&b, 0, 3) == 1 + 4 + 1.5);
    cf_bounds_free(&b);
    unload(&l);
}
END_TEST

/* One operator on input x (float32, the shape given, values 1, -2, 3, ...) with arguments;
 * checks the accumulation length (0: none, not an accumulating operator). */
static void expect_length(const char *op, const char *shape, size_t count, const char *arguments,
                          const char *outShape, double want)
{
    char json[4096], data[2048];
    size_t i, used = 0;
    loaded l;
    cf_bounds b;
    for (i = 0; i < count; i++)
        used += (size_t)snprintf(data + used, sizeof data - used, "%s%d", i ? "," : "",
                                 (int)(i % 2 ? -(int)i : (int)i) + 1);
    snprintf(json, sizeof json,
             "{'tests':[{'name':'t','graph':{'inputs':{"
             "'x':{'data':[%s],'descriptor':{'shape':%s,'dataType':'float32'}},"
             "'w':{'data':1,'descriptor':{'shape':[2,3,2,2],'dataType':'float32'},'constant':true},"
             "'v':{'data':1,'descriptor':{'shape':[3,3,1,2],'dataType':'float32'},'constant':true},"
             "'k':{'data':1,'descriptor':{'shape':[2],'dataType':'float32'},'constant':true}},"
             "'operators':[{'name':'%s','arguments':[{'input':'x'}%s],'outputs':'y'}],"
             "'expectedOutputs':{'y':{'data':0,'descriptor':{'shape':%s,'dataType':'float32'}}}}}]}",
             data, shape, op, arguments, outShape);
    load(&l, json);
    compute(&l, &b);
    ck_assert_msg(b.outputs[0].length == want, "%s %s: length %g, want %g", op, arguments,
                  b.outputs[0].length, want);
    if (want > 0)
        ck_assert_str_eq(b.outputs[0].op, op);
    else {
        ck_assert_ptr_null(b.outputs[0].op);
        ck_assert_uint_eq(b.outputs[0].magnitudes.count, 0);
    }
    cf_bounds_free(&b);
    unload(&l);
}

START_TEST(lengths_from_shapes_and_options)
{
    /* reductions: the reduced elements (+1: the division of a mean) */
    expect_length("reduceSum", "[2,3,4]", 24, ",{'options':{'axes':[0,2]}}", "[3]", 8);
    expect_length("reduceMean", "[2,3,4]", 24, ",{'options':{'axes':[1]}}", "[2,4]", 4);
    expect_length("reduceSum", "[2,3,4]", 24, "", "[]", 24);
    expect_length("reduceSum", "[2,3]", 6, ",{'options':{'axes':[]}}", "[2,3]", 1);
    expect_length("reduceL2", "[2,3]", 6, ",{'options':{'axes':[1],'keepDimensions':true}}",
                  "[2,1]", 4);
    expect_length("reduceLogSumExp", "[5]", 5, "", "[]", 7);
    /* selections and element-wise operators accumulate nothing */
    expect_length("reduceMax", "[2,3]", 6, "", "[]", 0);
    expect_length("reduceMin", "[2,3]", 6, ",{'options':{'axes':[0]}}", "[3]", 0);
    expect_length("maxPool2d", "[1,1,4,4]", 16, "", "[1,1,1,1]", 0);
    expect_length("relu", "[2,3]", 6, "", "[2,3]", 0);
    /* conv2d: (input channels / groups) * kernel, + 1 with a bias */
    expect_length("conv2d", "[1,6,3,3]", 54, ",{'filter':'w'},{'options':{'groups':2}}",
                  "[1,2,2,2]", 12);
    expect_length("conv2d", "[1,6,3,3]", 54, ",{'filter':'w'},{'options':{'groups':2,'bias':'k'}}",
                  "[1,2,2,2]", 13);
    expect_length("conv2d", "[1,3,3,2]", 18,
                  ",{'filter':'v'},{'options':{'inputLayout':'nhwc','filterLayout':'hwio','groups':2}}",
                  "[1,1,1,2]", 9);
    /* convTranspose2d: iohw [input channels, output channels / groups, h, w] */
    expect_length("convTranspose2d", "[1,2,2,2]", 8, ",{'filter':'w'},{'options':{'groups':2}}",
                  "[1,6,3,3]", 4);
    /* pools: the window, + 1 */
    expect_length("averagePool2d", "[1,1,4,4]", 16, ",{'options':{'windowDimensions':[2,3]}}",
                  "[1,1,3,2]", 7);
    expect_length("l2Pool2d", "[1,4,4,1]", 16, ",{'options':{'layout':'nhwc'}}", "[1,1,1,1]", 17);
    /* along an axis */
    expect_length("cumulativeSum", "[2,5]", 10, ",{'axis':1}", "[2,5]", 5);
    expect_length("softmax", "[2,5]", 10, ",{'axis':0}", "[2,5]", 4);
    /* normalizations: the statistics' elements + 6 */
    expect_length("layerNormalization", "[2,3,4]", 24, "", "[2,3,4]", 18);
    expect_length("layerNormalization", "[2,3,4]", 24, ",{'options':{'axes':[2]}}", "[2,3,4]", 10);
    expect_length("instanceNormalization", "[1,2,3,4]", 24, "", "[1,2,3,4]", 18);
    expect_length("instanceNormalization", "[1,3,4,2]", 24, ",{'options':{'layout':'nhwc'}}",
                  "[1,3,4,2]", 18);
}
END_TEST

START_TEST(graphs_of_several_operators)
{
    /* transpose -> matmul (K 3) -> add -> reduceSum over 2 elements: the largest length
     * counts; a second output, the transpose, moves data only */
    static const char *json =
        "{'tests':[{'name':'g','graph':{'inputs':{"
        "'a':{'data':[1,2,3,4,5,6],'descriptor':{'shape':[3,2],'dataType':'float32'}},"
        "'b':{'data':[1,-1,1,-1,1,-1],'descriptor':{'shape':[3,2],'dataType':'float32'}},"
        "'q':{'data':[0.5,1,-2,4],'descriptor':{'shape':[4],'dataType':'float32'}}},"
        "'operators':["
        "{'name':'transpose','arguments':[{'input':'a'}],'outputs':'at'},"
        "{'name':'matmul','arguments':[{'a':'at'},{'b':'b'}],'outputs':'p'},"
        "{'name':'add','arguments':[{'a':'p'},{'b':'p'}],'outputs':'s'},"
        "{'name':'reduceSum','arguments':[{'input':'s'},{'options':{'axes':[1]}}],'outputs':'r'},"
        "{'name':'quantizeLinear','arguments':[{'input':'q'},{'scale':'qs'},{'zeroPoint':'qz'}],"
        " 'outputs':'qo'},"
        "{'name':'argMax','arguments':[{'input':'q'},{'axis':0}],'outputs':'am'}],"
        "'expectedOutputs':{"
        "'r':{'data':[0,0],'descriptor':{'shape':[2],'dataType':'float32'}},"
        "'at':{'data':[1,3,5,2,4,6],'descriptor':{'shape':[2,3],'dataType':'float32'}},"
        "'qo':{'data':[0,1,-2,4],'descriptor':{'shape':[4],'dataType':'int8'}},"
        "'am':{'data':[3],'descriptor':{'shape':[],'dataType':'int32'}}}}}]}";
    char *text = dq(json), *withScale;
    loaded l;
    cf_bounds b;
    /* scale and zero point constants */
    withScale = (char *)malloc(strlen(text) + 400);
    ck_assert_ptr_nonnull(withScale);
    {
        const char *at = strstr(text, "\"q\":");
        size_t head = (size_t)(at - text);
        memcpy(withScale, text, head);
        strcpy(withScale + head,
               "\"qs\":{\"data\":[1],\"descriptor\":{\"shape\":[1],\"dataType\":\"float32\"},"
               "\"constant\":true},\"qz\":{\"data\":[0],\"descriptor\":{\"shape\":[1],"
               "\"dataType\":\"int8\"},\"constant\":true},");
        strcat(withScale, at);
    }
    free(text);
    l.json = withScale;
    {
        cf_text err;
        cf_text_init(&err);
        ck_assert_msg(cf_file_open_text(&l.f, "case.json", l.json, strlen(l.json), NULL, &err) == 0,
                      "%s", cf_text_str(&err));
        ck_assert_msg(cf_case_load(&l.f, 0, &l.c, &err) == 0, "%s", cf_text_str(&err));
        cf_text_free(&err);
    }
    compute(&l, &b);
    ck_assert_uint_eq(b.count, 4);
    ck_assert(b.outputs[0].length == 3);
    ck_assert_str_eq(b.outputs[0].op, "matmul");
    ck_assert(!b.outputs[0].movement);
    /* magnitudes propagate through every operator: 2 * (|a|^T |b|) summed over the row */
    ck_assert(magnitude(&b, 0, 0) == 2 * (1 + 3 + 5) * 2);
    ck_assert(magnitude(&b, 0, 1) == 2 * (2 + 4 + 6) * 2);
    ck_assert(b.outputs[1].length == 0);
    ck_assert(b.outputs[1].movement);
    ck_assert_uint_eq(b.outputs[1].magnitudes.count, 0);
    ck_assert(!b.outputs[2].movement);
    ck_assert(b.outputs[2].fromFloat); /* quantizeLinear rounds a float quotient */
    ck_assert(b.outputs[3].movement);
    ck_assert(!b.outputs[3].fromFloat);
    cf_bounds_free(&b);
    cf_case_free(&l.c);
    cf_file_close(&l.f);
    free(l.json);
}
END_TEST

START_TEST(bad_cases_are_errors_not_crashes)
{
    loaded l;
    cf_bounds b;
    cf_text err;
    /* the operator call fails (matmul of mismatched shapes): an error naming the case */
    load(&l, "{'tests':[{'name':'bad','graph':{'inputs':{"
             "'a':{'data':[1,2],'descriptor':{'shape':[1,2],'dataType':'float32'}}},"
             "'operators':[{'name':'matmul','arguments':[{'a':'a'},{'b':'a'}],'outputs':'y'}],"
             "'expectedOutputs':{'y':{'data':[0],'descriptor':{'shape':[1,1],'dataType':'float32'}}}}}]}");
    cf_text_init(&err);
    ck_assert_int_eq(cf_bounds_compute(&l.c, &b, &err), -1);
    ck_assert_msg(strstr(cf_text_str(&err), "case \"bad\"") != NULL, "%s", cf_text_str(&err));
    ck_assert_uint_eq(b.count, 0);
    cf_bounds_free(&b);
    cf_bounds_free(&b); /* twice is harmless */
    cf_text_free(&err);
    unload(&l);
    /* an expected output that is no operand */
    load(&l, "{'tests':[{'name':'bad2','graph':{'inputs':{"
             "'a':{'data':[1,2],'descriptor':{'shape':[2],'dataType':'float32'}}},"
             "'operators':[{'name':'reduceSum','arguments':[{'input':'a'}],'outputs':'y'}],"
             "'expectedOutputs':{'z':{'data':[0],'descriptor':{'shape':[],'dataType':'float32'}}}}}]}");
    cf_text_init(&err);
    ck_assert_int_eq(cf_bounds_compute(&l.c, &b, &err), -1);
    ck_assert_msg(strstr(cf_text_str(&err), "\"z\"") != NULL, "%s", cf_text_str(&err));
    cf_bounds_free(&b);
    cf_text_free(&err);
    unload(&l);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* Whole cases                                                                                */
/* ------------------------------------------------------------------------------------------ */

START_TEST(just_inside_and_just_outside)
{
    char mm[MATMUL_SIZE];
    cf_text report;
    cf_compare_stats stats;
    char expected[200];
    /* element 0 is 1024 - 1024 + 1 = 1 with magnitude 2049, n 3: the allowed distance is
     * 12294 * 2^-24 (+ 2^-126), i.e. 6147 float32 steps of 2^-23 above 1 */
    snprintf(expected, sizeof expected, "%.17g,-3071.5,6,4.5", 1.0 + 6147 * 0x1p-23);
    cf_text_init(&report);
    memset(&stats, 0, sizeof stats);
    ck_assert_msg(run_and_compare(matmul_case(mm, expected), CF_MODE_BOUNDS, &report, &stats), "%s",
                  cf_text_str(&report));
    ck_assert_uint_eq(stats.bounded, 4);
    ck_assert(stats.worstFraction > 0.999 && stats.worstFraction <= 1);
    ck_assert(stats.length == 3);
    /* the suite's budget (8 ULP) rejects it: the cancellation is invisible to it */
    ck_assert(!run_and_compare(matmul_case(mm, expected), CF_MODE_WPT, &report, NULL));
    cf_text_clear(&report);
    /* one step further: caught, and the report says where and by how much */
    snprintf(expected, sizeof expected, "%.17g,-3071.5,6,4.5", 1.0 + 6148 * 0x1p-23);
    ck_assert(!run_and_compare(matmul_case(mm, expected), CF_MODE_BOUNDS, &report, NULL));
    ck_assert_msg(strstr(cf_text_str(&report), "case \"m\": output \"y\" (mode bounds: n = 3 from "
                         "matmul, allowed = 2 * n * u * magnitude + smallest normal):\n") != NULL,
                  "%s", cf_text_str(&report));
    ck_assert_msg(strstr(cf_text_str(&report), "    element 0: expected 1.0007328987121582, got 1, "
                         "distance 0.0007328987121582031 (absolute), allowed ") != NULL,
                  "%s", cf_text_str(&report));
    ck_assert_msg(strstr(cf_text_str(&report), "(magnitude 2049)\n") != NULL, "%s",
                  cf_text_str(&report));
    ck_assert_msg(strstr(cf_text_str(&report), "1 of 4 compared elements differ") != NULL, "%s",
                  cf_text_str(&report));
    /* auto picks bounds for matmul */
    cf_text_clear(&report);
    ck_assert(!run_and_compare(matmul_case(mm, expected), CF_MODE_AUTO, &report, NULL));
    ck_assert(strstr(cf_text_str(&report), "mode bounds") != NULL);
    /* element 3, 4.5 with magnitude 6.5: allowed 39 * 2^-24, float32 steps of 2^-21 there:
     * 4 steps (32 * 2^-24) pass, 5 steps (40 * 2^-24) do not */
    snprintf(expected, sizeof expected, "1,-3071.5,6,%.17g", 4.5 + 4 * 0x1p-21);
    ck_assert(run_and_compare(matmul_case(mm, expected), CF_MODE_BOUNDS, NULL, NULL));
    snprintf(expected, sizeof expected, "1,-3071.5,6,%.17g", 4.5 + 5 * 0x1p-21);
    ck_assert(!run_and_compare(matmul_case(mm, expected), CF_MODE_BOUNDS, NULL, NULL));
    cf_text_free(&report);
}
END_TEST

/* A results file entry for the matmul case judged by cf_compare_result (webnn compare). */
START_TEST(results_files_in_bounds_mode)
{
    char mm[MATMUL_SIZE];
    loaded l;
    cf_execution x;
    cf_text err, report;
    json_document *doc;
    json_error jerr;
    char entry[600];
    int k;
    cf_text_init(&err);
    cf_text_init(&report);
    load(&l, matmul_case(mm, "1,-3071.5,6,4.5"));
    ck_assert_msg(cf_execute(&l.c, NULL, &x, &err) == 0, "%s", cf_text_str(&err));
    for (k = 0; k < 2; k++) {
        snprintf(entry, sizeof entry,
                 "{\"status\":\"ok\",\"outputs\":{\"y\":{\"dataType\":\"float32\",\"shape\":[2,2],"
                 "\"data\":[%.17g,-3071.5,6,4.5]}}}", 1.0 - (12294 + k) * 0x1p-24);
        doc = json_parse(entry, strlen(entry), NULL, &jerr);
        ck_assert_ptr_nonnull(doc);
        cf_text_clear(&report);
        ck_assert_int_eq(cf_compare_result(&l.c, &x, 0, WNNStatus_Success, "r.json", json_root(doc),
                                           CF_MODE_BOUNDS, &report, NULL),
                         k == 0);
        ck_assert_int_eq(strstr(cf_text_str(&report), "element 0:") != NULL, k == 1);
        json_free(doc);
    }
    cf_execution_free(&x);
    unload(&l);
    cf_text_free(&err);
    cf_text_free(&report);
}
END_TEST

#define AP_CASE \
    "{'tests':[{'name':'ap','graph':{'inputs':{" \
    "'x':{'data':[1,-2,3,4],'descriptor':{'shape':[1,1,2,2],'dataType':'float32'}}}," \
    "'operators':[{'name':'averagePool2d','arguments':[{'input':'x'}," \
    "{'options':{'windowDimensions':[1,2],'padding':[1,0,0,0]}}],'outputs':'y'}]," \
    "'expectedOutputs':{'y':{'data':[%s,-0.5,3.5],'descriptor':{'shape':[1,1,3,1]," \
    "'dataType':'float32'}}}}}]}"

START_TEST(masked_elements_are_skipped)
{
    /* averagePool2d: the first output row's window lies in the padding (unspecified); its
     * expected value 1000 is never looked at */
    char buf[1024];
    cf_compare_stats stats;
    cf_text report;
    cf_values ev, av, mv;
    const double expect[3] = {1000, 1, 2}, got[3] = {-7, 1, 2.5}, mags[3] = {0, 1, 1};
    const uint8_t mask[3] = {1, 0, 0};
    cf_text_init(&report);
    memset(&stats, 0, sizeof stats);
    snprintf(buf, sizeof buf, AP_CASE, "1000");
    ck_assert_msg(run_and_compare(buf, CF_MODE_BOUNDS, &report, &stats), "%s", cf_text_str(&report));
    ck_assert_uint_eq(stats.unspecified, 1);
    ck_assert_uint_eq(stats.bounded, 2);
    ck_assert_uint_eq(stats.checked, 2);
    /* directly: masked elements are skipped, unmasked ones judged */
    memset(&ev, 0, sizeof ev);
    ev.dataType = F32;
    ev.count = 3;
    av = ev;
    mv = ev;
    ev.f = expect;
    av.f = got;
    mv.f = mags;
    memset(&stats, 0, sizeof stats);
    cf_text_clear(&report);
    ck_assert(!cf_compare_values_bounded("c", "o", &ev, &av, mask, 4, &mv, NULL, &report, &stats));
    ck_assert_uint_eq(stats.failed, 1);
    ck_assert_uint_eq(stats.unspecified, 1);
    ck_assert_msg(strstr(cf_text_str(&report), "element 2: expected 2, got 2.5") != NULL, "%s",
                  cf_text_str(&report));
    ck_assert_msg(strstr(cf_text_str(&report), "1 unspecified elements skipped") != NULL, "%s",
                  cf_text_str(&report));
    ck_assert(strstr(cf_text_str(&report), "element 0") == NULL);
    /* with the mask off, element 0 fails too */
    ck_assert(!cf_compare_values_bounded("c", "o", &ev, &av, NULL, 4, &mv, NULL, NULL, &stats));
    cf_text_free(&report);
}
END_TEST

#define BN_CASE \
    "{'tests':[{'name':'bn','graph':{'inputs':{" \
    "'x':{'data':[-41,83],'descriptor':{'shape':[1,2],'dataType':'float32'}}," \
    "'m':{'data':[51,99],'descriptor':{'shape':[2],'dataType':'float32'}}," \
    "'v':{'data':[30,86],'descriptor':{'shape':[2],'dataType':'float32'}}," \
    "'s':{'data':[65,-71],'descriptor':{'shape':[2],'dataType':'float32'}}}," \
    "'operators':[{'name':'batchNormalization','arguments':[{'input':'x'},{'mean':'m'}," \
    "{'variance':'v'},{'options':{'scale':'s'}}],'outputs':'y'}]," \
    "'expectedOutputs':{'y':{'data':[%s,%s],'descriptor':{'shape':[1,2],'dataType':'float32'}}}}," \
    "'tolerance':{'metricType':'ULP','value':%s}}]}"

START_TEST(operators_without_a_magnitude_sum_keep_the_wpt_budget)
{
    /* batchNormalization's magnitude evaluation subtracts: (|x| - |mean|) / ... can be far
     * below the result. Element 0: (-41 - 51) / sqrt(30 + 1e-5) * 65 + 64 */
    char buf[2048], e0[40], e1[40];
    double y0, y1;
    cf_text report, err;
    loaded l;
    cf_bounds b;
    cf_execution x;
    cf_text_init(&report);
    cf_text_init(&err);
    snprintf(buf, sizeof buf, BN_CASE, "0", "0", "0");
    load(&l, buf);
    ck_assert_msg(cf_execute(&l.c, NULL, &x, &err) == 0, "%s", cf_text_str(&err));
    y0 = (double)((const float *)x.outputs[0].data)[0];
    y1 = (double)((const float *)x.outputs[0].data)[1];
    ck_assert(y0 < -1024 && y0 > -2048);
    cf_execution_free(&x);
    cf_text_free(&err);
    compute(&l, &b);
    ck_assert(b.outputs[0].nonlinear);
    ck_assert(b.outputs[0].length == 6);
    ck_assert(fabs(magnitude(&b, 0, 0)) < fabs(y0) / 4); /* not a magnitude */
    cf_bounds_free(&b);
    unload(&l);
    /* 30 float32 steps (2^-13 each near -1092) off: beyond 2 * 6 * 2^-24 * 1092 (about 6.4
     * steps), within a 40 ULP budget, not within 20 */
    snprintf(e0, sizeof e0, "%.17g", y0 - 30 * 0x1p-13);
    snprintf(e1, sizeof e1, "%.17g", y1);
    snprintf(buf, sizeof buf, BN_CASE, e0, e1, "40");
    ck_assert_msg(run_and_compare(buf, CF_MODE_BOUNDS, &report, NULL), "%s", cf_text_str(&report));
    snprintf(buf, sizeof buf, BN_CASE, e0, e1, "20");
    ck_assert(!run_and_compare(buf, CF_MODE_BOUNDS, &report, NULL));
    ck_assert_msg(strstr(cf_text_str(&report), "or within the wpt budget") != NULL, "%s",
                  cf_text_str(&report));
    ck_assert_msg(strstr(cf_text_str(&report), "; wpt budget: distance 30 ULP, allowed 20 ULP") != NULL,
                  "%s", cf_text_str(&report));
    cf_text_free(&report);
}
END_TEST

/* add is neither data movement nor accumulating: the wpt budget (1 ULP) */
#define ADD_CASE \
    "{'tests':[{'name':'a','graph':{'inputs':{" \
    "'x':{'data':[1,2],'descriptor':{'shape':[2],'dataType':'float32'}}}," \
    "'operators':[{'name':'add','arguments':[{'a':'x'},{'b':'x'}],'outputs':'y'}]," \
    "'expectedOutputs':{'y':{'data':[%s,4],'descriptor':{'shape':[2],'dataType':'float32'}}}}," \
    "'tolerance':{'metricType':'ULP','value':1}}]}"

START_TEST(auto_picks_a_rule_per_output)
{
    /* transpose moves data: exact, so -0 for +0 fails in auto mode and passes in wpt mode */
    static const char *transpose =
        "{'tests':[{'name':'t','graph':{'inputs':{"
        "'x':{'data':[0,1],'descriptor':{'shape':[1,2],'dataType':'float32'}}},"
        "'operators':[{'name':'transpose','arguments':[{'input':'x'}],'outputs':'y'}],"
        "'expectedOutputs':{'y':{'data':[-0,1],'descriptor':{'shape':[2,1],'dataType':'float32'}}}},"
        "'tolerance':{'metricType':'ULP','value':0}}]}";
    /* an integer result of exact arithmetic: exact even with a tolerance of 1 */
    static const char *sum =
        "{'tests':[{'name':'s','graph':{'inputs':{"
        "'x':{'data':[1,2],'descriptor':{'shape':[2],'dataType':'int32'}}},"
        "'operators':[{'name':'reduceSum','arguments':[{'input':'x'}],'outputs':'y'}],"
        "'expectedOutputs':{'y':{'data':[4],'descriptor':{'shape':[],'dataType':'int32'}}}},"
        "'tolerance':{'metricType':'ULP','value':1}}]}";
    char buf[1024];
    cf_text report;
    cf_text_init(&report);
    ck_assert(run_and_compare(transpose, CF_MODE_WPT, &report, NULL));
    ck_assert(!run_and_compare(transpose, CF_MODE_AUTO, &report, NULL));
    ck_assert_msg(strstr(cf_text_str(&report), "output \"y\" (mode exact):") != NULL, "%s",
                  cf_text_str(&report));
    ck_assert(run_and_compare(transpose, CF_MODE_BOUNDS, NULL, NULL)); /* no accumulation: wpt */
    /* no report wanted: a wrong shape fails quietly */
    {
        static const char *wrongShape =
            "{'tests':[{'name':'t','graph':{'inputs':{"
            "'x':{'data':[0,1],'descriptor':{'shape':[1,2],'dataType':'float32'}}},"
            "'operators':[{'name':'transpose','arguments':[{'input':'x'}],'outputs':'y'}],"
            "'expectedOutputs':{'y':{'data':[0,1],'descriptor':{'shape':[1,2],'dataType':'float32'}}}}}]}";
        ck_assert(!run_and_compare(wrongShape, CF_MODE_AUTO, NULL, NULL));
        ck_assert(!run_and_compare(wrongShape, CF_MODE_BOUNDS, NULL, NULL));
    }
    snprintf(buf, sizeof buf, ADD_CASE, "2.0000002384185791"); /* 1 ULP */
    ck_assert(run_and_compare(buf, CF_MODE_AUTO, NULL, NULL));
    ck_assert(!run_and_compare(buf, CF_MODE_EXACT, NULL, NULL));
    snprintf(buf, sizeof buf, ADD_CASE, "2.0000004768371582"); /* 2 ULP */
    cf_text_clear(&report);
    ck_assert(!run_and_compare(buf, CF_MODE_AUTO, &report, NULL));
    ck_assert_msg(strstr(cf_text_str(&report), "(mode wpt)") != NULL, "%s", cf_text_str(&report));
    ck_assert(run_and_compare(sum, CF_MODE_WPT, NULL, NULL));
    ck_assert(run_and_compare(sum, CF_MODE_BOUNDS, NULL, NULL)); /* integers: the wpt rules */
    cf_text_clear(&report);
    ck_assert(!run_and_compare(sum, CF_MODE_AUTO, &report, NULL));
    ck_assert_msg(strstr(cf_text_str(&report), "(mode exact)") != NULL, "%s", cf_text_str(&report));
    /* the plain comparator entry points take bounds and auto without magnitudes */
    {
        cf_values ev, av;
        const double e[1] = {1}, a[1] = {1.0000001192092896};
        const int64_t ei[1] = {4}, ai[1] = {3};
        cf_tolerance tol = {CF_METRIC_ULP, 1};
        memset(&ev, 0, sizeof ev);
        ev.dataType = F32;
        ev.count = 1;
        av = ev;
        ev.f = e;
        av.f = a;
        ck_assert(cf_compare_values("c", "o", &ev, &av, NULL, CF_MODE_BOUNDS, &tol, NULL, NULL));
        ck_assert(cf_compare_values("c", "o", &ev, &av, NULL, CF_MODE_AUTO, &tol, NULL, NULL));
        ev.dataType = av.dataType = WNNOperandDataType_Int64;
        ev.f = av.f = NULL;
        ev.i = ei;
        av.i = ai;
        ck_assert(cf_compare_values("c", "o", &ev, &av, NULL, CF_MODE_WPT, &tol, NULL, NULL));
        ck_assert(!cf_compare_values("c", "o", &ev, &av, NULL, CF_MODE_AUTO, &tol, NULL, NULL));
    }
    cf_text_free(&report);
}
END_TEST

/* Every mode on a few WPT files: the reference passes (the full suite runs in CI). */
START_TEST(wpt_files_pass_in_bounds_and_auto)
{
    static const char *const files[] = {"conformance/wpt/matmul.json", "conformance/wpt/gemm.json",
                                        "conformance/wpt/conv2d.json", "conformance/wpt/softmax.json",
                                        "conformance/wpt/transpose.json", NULL};
    size_t i, k;
    for (i = 0; files[i]; i++) {
        cf_file f;
        cf_text err;
        cf_text_init(&err);
        ck_assert_msg(cf_file_open(&f, files[i], NULL, &err) == 0, "%s", cf_text_str(&err));
        for (k = 0; k < f.caseCount; k++) {
            cf_case c;
            cf_execution x;
            cf_text report;
            cf_text_init(&report);
            ck_assert_msg(cf_case_load(&f, k, &c, &err) == 0, "%s", cf_text_str(&err));
            ck_assert_msg(cf_execute(&c, NULL, &x, &err) == 0, "%s", cf_text_str(&err));
            ck_assert_msg(cf_compare_case(&c, &x, CF_MODE_BOUNDS, &report, NULL), "%s",
                          cf_text_str(&report));
            ck_assert_msg(cf_compare_case(&c, &x, CF_MODE_AUTO, &report, NULL), "%s",
                          cf_text_str(&report));
            cf_execution_free(&x);
            cf_case_free(&c);
            cf_text_free(&report);
        }
        cf_file_close(&f);
        cf_text_free(&err);
    }
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* Emulated implementations: a sum accumulated in float32, and one accumulated in float16      */
/* ------------------------------------------------------------------------------------------ */

/* A value in [-1, 1) from a linear congruential generator. */
static double next_value(uint32_t *state)
{
    *state = *state * 1103515245u + 12345u;
    return (double)(*state & 0x7FFFFFFFu) / 2147483648.0 * 2 - 1;
}

/* Judge a float32 result `got` of reduceSum over the values x (count) against the oracle,
 * with the suite's budget for reductions (count ULP), in a mode. */
static int judge_sum(const float *x, size_t count, double got, cf_mode mode, cf_text *report)
{
    cf_text json, err;
    cf_file f;
    cf_case c;
    cf_execution run;
    json_document *doc;
    json_error jerr;
    char buf[64], entry[200];
    size_t i;
    double exact = 0;
    int pass;
    cf_text_init(&json);
    cf_text_init(&err);
    cf_text_append(&json, "{\"tests\":[{\"name\":\"sum\",\"graph\":{\"inputs\":{\"x\":{\"data\":[");
    for (i = 0; i < count; i++) {
        cf_text_printf(&json, "%s%s", i ? "," : "", json_format_double((double)x[i], buf, sizeof buf));
        exact += (double)x[i]; /* exact: at most 35 significant bits here */
    }
    cf_text_printf(&json, "],\"descriptor\":{\"shape\":[%lu],\"dataType\":\"float32\"}}},"
                   "\"operators\":[{\"name\":\"reduceSum\",\"arguments\":[{\"input\":\"x\"}],"
                   "\"outputs\":\"y\"}],\"expectedOutputs\":{\"y\":{\"data\":[%s],\"descriptor\":"
                   "{\"shape\":[],\"dataType\":\"float32\"}}}},\"tolerance\":{\"metricType\":\"ULP\","
                   "\"value\":%lu}}]}", (unsigned long)count,
                   json_format_double(exact, buf, sizeof buf), (unsigned long)count);
    ck_assert_msg(cf_file_open_text(&f, "sum.json", json.s, json.length, NULL, &err) == 0, "%s",
                  cf_text_str(&err));
    ck_assert_msg(cf_case_load(&f, 0, &c, &err) == 0, "%s", cf_text_str(&err));
    ck_assert_msg(cf_execute(&c, NULL, &run, &err) == 0, "%s", cf_text_str(&err));
    snprintf(entry, sizeof entry, "{\"status\":\"ok\",\"outputs\":{\"y\":{\"dataType\":\"float32\","
             "\"shape\":[],\"data\":[%s]}}}", json_format_double(got, buf, sizeof buf));
    doc = json_parse(entry, strlen(entry), NULL, &jerr);
    ck_assert_ptr_nonnull(doc);
    pass = cf_compare_result(&c, &run, 0, WNNStatus_Success, "r.json", json_root(doc), mode, report,
                             NULL);
    json_free(doc);
    cf_execution_free(&run);
    cf_case_free(&c);
    cf_file_close(&f);
    cf_text_free(&json);
    cf_text_free(&err);
    return pass;
}

START_TEST(emulated_accumulations)
{
    float x[4096];
    size_t i;
    uint32_t state = 12345;
    double sum32 = 0, sum16 = 0;
    cf_text report;
    cf_text_init(&report);
    /* 2048 values near +1000, then 2048 near -1000: the float32 running sum reaches 2e6, where
     * float32 values are 0.125 apart; the result is near 29. Accumulating in float32, in
     * order, is off by about 3.4 - some 1.8 million ULP of the result, far beyond the suite's
     * 4096 ULP, well within the bound (2 * 4096 * 2^-24 * 4.1e6, about 2000) */
    for (i = 0; i < 4096; i++)
        x[i] = cf_float32_from_double((i < 2048 ? 1000 : -1000) + next_value(&state));
    for (i = 0; i < 4096; i++)
        sum32 = (double)cf_float32_from_double(sum32 + (double)x[i]);
    ck_assert(judge_sum(x, 4096, sum32, CF_MODE_BOUNDS, &report));
    ck_assert(!judge_sum(x, 4096, sum32, CF_MODE_WPT, &report));
    /* 64 values in [0, 1): no cancellation. float32 accumulation passes; float16 accumulation
     * (about 20 times the bound) is caught */
    state = 12345;
    sum32 = 0;
    for (i = 0; i < 64; i++) {
        x[i] = cf_float32_from_double((next_value(&state) + 1) / 2);
        sum32 = (double)cf_float32_from_double(sum32 + (double)x[i]);
        sum16 = cf_float16_to_double(cf_float16_from_double(sum16 + (double)x[i]));
    }
    ck_assert(judge_sum(x, 64, sum32, CF_MODE_BOUNDS, &report));
    cf_text_clear(&report);
    ck_assert(!judge_sum(x, 64, sum16, CF_MODE_BOUNDS, &report));
    ck_assert_msg(strstr(cf_text_str(&report), "n = 64 from reduceSum") != NULL, "%s",
                  cf_text_str(&report));
    cf_text_free(&report);
}
END_TEST

static Suite *bounds_suite(void)
{
    Suite *s = suite_create("bounds");
    TCase *formula = tcase_create("formula"), *cases = tcase_create("cases");
    TCase *compare = tcase_create("compare");
    tcase_add_test(formula, constants_and_formula);
    tcase_add_test(formula, judging_against_a_bound);
    tcase_add_test(formula, nan_and_infinity_rules);
    tcase_add_test(formula, mode_names);
    tcase_add_test(cases, matmul_length_and_magnitudes);
    tcase_add_test(cases, lengths_from_shapes_and_options);
    tcase_add_test(cases, graphs_of_several_operators);
    tcase_add_test(cases, bad_cases_are_errors_not_crashes);
    tcase_add_test(compare, just_inside_and_just_outside);
    tcase_add_test(compare, results_files_in_bounds_mode);
    tcase_add_test(compare, masked_elements_are_skipped);
    tcase_add_test(compare, operators_without_a_magnitude_sum_keep_the_wpt_budget);
    tcase_add_test(compare, auto_picks_a_rule_per_output);
    tcase_add_test(compare, wpt_files_pass_in_bounds_and_auto);
    tcase_add_test(compare, emulated_accumulations);
    tcase_set_timeout(compare, 60);
    suite_add_tcase(s, formula);
    suite_add_tcase(s, cases);
    suite_add_tcase(s, compare);
    return s;
}

TH_MAIN(bounds_suite)
