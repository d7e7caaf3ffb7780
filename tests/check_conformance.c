/* tests/check_conformance.c - the conformance runner: the strict case loader and operator
 * call table, the comparator's ULP/ATOL/integer math, results files. */
#include "harness.h"
#include "../conformance/conformance.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* A one-case file: inputs a and b (float32 [2], b a constant), the given operators, and
 * expected output "out" (float32 [2]). extra (when not NULL) replaces the tolerance member
 * of the case object. */
static char *one_case(const char *operators, const char *expected, const char *extra)
{
    char buf[4096];
    snprintf(buf, sizeof buf,
             "{'tests':[{'name':'t','graph':{'inputs':{"
             "'a':{'data':[1,2],'descriptor':{'shape':[2],'dataType':'float32'}},"
             "'b':{'data':[3,4],'descriptor':{'shape':[2],'dataType':'float32'},'constant':true}},"
             "'operators':[%s],"
             "'expectedOutputs':{%s}}"
             "%s}]}",
             operators,
             expected ? expected : "'out':{'data':[4,6],'descriptor':{'shape':[2],'dataType':'float32'}}",
             extra ? extra : ",'tolerance':{'metricType':'ULP','value':0}");
    return dq(buf);
}

typedef enum stage { OPENED_NOT, LOADED_NOT, EXECUTED_NOT, EXECUTED } stage;

/* Open, load case 0 and execute; returns how far it got; err gets the message. */
static stage run_text(const char *json, cf_execution *x, cf_text *err)
{
    cf_file f;
    cf_case c;
    stage s;
    memset(x, 0, sizeof *x);
    if (cf_file_open_text(&f, "case.json", json, strlen(json), NULL, err) != 0)
        return OPENED_NOT;
    if (cf_case_load(&f, 0, &c, err) != 0) {
        cf_file_close(&f);
        return LOADED_NOT;
    }
    s = cf_execute(&c, NULL, x, err) == 0 ? EXECUTED : EXECUTED_NOT;
    cf_case_free(&c);
    cf_file_close(&f);
    return s;
}

/* The case must fail to load or run with a message containing needle, naming the file and
 * the case. */
static void expect_case_error(const char *operators, const char *expected, const char *extra,
                              const char *needle)
{
    char *json = one_case(operators, expected, extra);
    cf_execution x;
    cf_text err;
    stage s;
    cf_text_init(&err);
    s = run_text(json, &x, &err);
    ck_assert_msg(s != EXECUTED, "accepted: %s", json);
    ck_assert_msg(strstr(cf_text_str(&err), needle) != NULL, "message \"%s\" lacks \"%s\"",
                  cf_text_str(&err), needle);
    ck_assert_msg(strncmp(cf_text_str(&err), "case.json:1:", 12) == 0, "no position: %s",
                  cf_text_str(&err));
    ck_assert_msg(strstr(cf_text_str(&err), "case \"t\"") != NULL, "no case name: %s",
                  cf_text_str(&err));
    cf_execution_free(&x);
    cf_text_free(&err);
    free(json);
}

static const char *ADD = "{'name':'add','arguments':[{'a':'a'},{'b':'b'}],'outputs':'out'}";

START_TEST(a_valid_case_runs_and_passes)
{
    char *json = one_case(ADD, NULL, NULL);
    cf_file f;
    cf_case c;
    cf_execution x;
    cf_text err, report;
    cf_compare_stats stats;
    memset(&stats, 0, sizeof stats);
    cf_text_init(&err);
    cf_text_init(&report);
    ck_assert_int_eq(cf_file_open_text(&f, "case.json", json, strlen(json), NULL, &err), 0);
    ck_assert_int_eq(cf_case_load(&f, 0, &c, &err), 0);
    ck_assert_msg(cf_execute(&c, NULL, &x, &err) == 0, "%s", cf_text_str(&err));
    ck_assert_uint_eq(x.count, 1);
    ck_assert_int_eq(cf_compare_case(&c, &x, CF_MODE_EXACT, &report, &stats), 1);
    ck_assert_uint_eq(stats.checked, 2);
    ck_assert_str_eq(cf_text_str(&report), "");
    cf_execution_free(&x);
    cf_case_free(&c);
    cf_file_close(&f);
    cf_text_free(&err);
    cf_text_free(&report);
    free(json);
}
END_TEST

/* A long chain of operators (the symbol table grows many times) and an input the outputs do
 * not depend on (not a graph input, so it must not be bound). */
START_TEST(long_chains_and_unused_inputs)
{
    cf_text json, err, report;
    cf_file f;
    cf_case c;
    cf_execution x;
    int i, n = 3000;
    cf_text_init(&json);
    cf_text_init(&err);
    cf_text_init(&report);
    cf_text_append(&json, "{\"tests\":[{\"name\":\"chain\",\"graph\":{\"inputs\":{"
                          "\"a\":{\"data\":[1,2],\"descriptor\":{\"shape\":[2],\"dataType\":\"float32\"}},"
                          "\"u\":{\"data\":[0],\"descriptor\":{\"shape\":[1],\"dataType\":\"float32\"}},"
                          "\"b\":{\"data\":[3,4],\"descriptor\":{\"shape\":[2],\"dataType\":\"float32\"},"
                          "\"constant\":true}},\"operators\":[");
    for (i = 0; i < n; i++)
        cf_text_printf(&json, "%s{\"name\":\"add\",\"arguments\":[{\"a\":\"%s%d\"},{\"b\":\"b\"}],"
                       "\"outputs\":\"x%d\"}", i ? "," : "", i ? "x" : "a", i ? i - 1 : 0, i);
    /* the first operator reads "a0": rename it to "a" */
    cf_text_printf(&json, "],\"expectedOutputs\":{\"x%d\":{\"data\":[9001,12002],\"descriptor\":"
                   "{\"shape\":[2],\"dataType\":\"float32\"}}}}}]}", n - 1);
    {
        char *a0 = strstr(json.s, "\"a0\"");
        ck_assert_ptr_nonnull(a0);
        memmove(a0 + 2, a0 + 3, strlen(a0 + 3) + 1);
        json.length--;
    }
    ck_assert_msg(cf_file_open_text(&f, "chain.json", json.s, json.length, NULL, &err) == 0, "%s",
                  cf_text_str(&err));
    ck_assert_msg(cf_case_load(&f, 0, &c, &err) == 0, "%s", cf_text_str(&err));
    ck_assert_msg(cf_execute(&c, NULL, &x, &err) == 0, "%s", cf_text_str(&err));
    ck_assert_msg(cf_compare_case(&c, &x, CF_MODE_EXACT, &report, NULL), "%s", cf_text_str(&report));
    cf_execution_free(&x);
    cf_case_free(&c);
    cf_file_close(&f);
    cf_text_free(&json);
    cf_text_free(&err);
    cf_text_free(&report);
}
END_TEST

START_TEST(operator_table_has_the_95_operators)
{
    size_t i, j;
    for (i = 0; i < CF_OPERATOR_COUNT; i++) {
        ck_assert_ptr_nonnull(cf_operator_name(i));
        ck_assert(cf_operator_known(cf_operator_name(i)));
        for (j = 0; j < i; j++)
            ck_assert_str_ne(cf_operator_name(i), cf_operator_name(j));
    }
    ck_assert_ptr_null(cf_operator_name(CF_OPERATOR_COUNT));
    ck_assert_str_eq(cf_operator_name(0), "argMin");
    ck_assert_str_eq(cf_operator_name(CF_OPERATOR_COUNT - 1), "where");
    ck_assert(cf_operator_known("convTranspose2d"));
    ck_assert(cf_operator_known("isInfinite"));
    ck_assert(!cf_operator_known("addd"));
    ck_assert(!cf_operator_known("Add"));
}
END_TEST

START_TEST(unknown_names_are_errors)
{
    expect_case_error("{'name':'addd','arguments':[{'a':'a'},{'b':'b'}],'outputs':'out'}", NULL,
                      NULL, "unknown operator \"addd\"");
    expect_case_error("{'name':'add','arguments':[{'a':'a'},{'b':'b'},{'options':{'lable':'x'}}],"
                      "'outputs':'out'}", NULL, NULL, "unknown option \"lable\" (add takes: label)");
    expect_case_error("{'name':'add','arguments':[{'a':'a'},{'c':'b'}],'outputs':'out'}", NULL, NULL,
                      "argument 1 is named \"c\"; add's argument 1 is \"b\"");
    expect_case_error("{'name':'add','arguments':[{'a':'a'},{'b':'b'},{'options':{}},{'x':1}],"
                      "'outputs':'out'}", NULL, NULL, "4 arguments given, add takes at most 3");
    expect_case_error("{'name':'add','arguments':[{'a':'a'}],'outputs':'out'}", NULL, NULL,
                      "missing argument 1, \"b\"");
    expect_case_error("{'name':'add','arguments':[{'a':'a'},{'b':'zz'}],'outputs':'out'}", NULL, NULL,
                      "no operand named \"zz\"");
    expect_case_error("{'name':'add','arguments':[{'a':'a'},{'b':'b'}],'outputs':'out','label':'x'}",
                      NULL, NULL, "unknown member \"label\" in an operator");
    expect_case_error(ADD, NULL, ",'tolerence':{}", "unknown member \"tolerence\" in a case");
    expect_case_error(ADD, "'out':{'data':[4,6],'descriptor':{'shape':[2],'dataType':'float32',"
                      "'dimensions':[2]}}", NULL, "unknown member \"dimensions\" in a descriptor");
    expect_case_error(ADD, "'out':{'data':[4,6],'descriptor':{'shape':[2],'dataType':'float64'}}",
                      NULL, "\"float64\" is not a data type");
    expect_case_error("{'name':'conv2d','arguments':[{'input':'a'},{'filter':'b'},"
                      "{'options':{'inputLayout':'nchww'}}],'outputs':'out'}", NULL, NULL,
                      "option \"inputLayout\" must be one of \"nchw\", \"nhwc\", got \"nchww\"");
    expect_case_error("{'name':'resample2d','arguments':[{'input':'a'},"
                      "{'options':{'mode':'nearest'}}],'outputs':'out'}", NULL, NULL,
                      "must be one of \"nearest-neighbor\", \"linear\"");
    expect_case_error("{'name':'gru','arguments':[{'input':'a'},{'weight':'b'},{'recurrentWeight':'b'},"
                      "{'steps':1},{'hiddenSize':1},{'options':{'activations':['relu','gelu']}}],"
                      "'outputs':'out'}", NULL, NULL,
                      "option \"activations\"[1] must be one of \"relu\", \"sigmoid\", \"tanh\"");
    expect_case_error("{'name':'cast','arguments':[{'input':'a'},{'type':'bool'}],'outputs':'out'}",
                      NULL, NULL, "argument \"type\" must be a data type");
}
END_TEST

START_TEST(values_of_the_wrong_kind_are_errors)
{
    expect_case_error("{'name':'softmax','arguments':[{'input':'a'},{'axis':'x'}],'outputs':'out'}",
                      NULL, NULL, "argument \"axis\" must be an integer from 0 to 4294967295");
    expect_case_error("{'name':'softmax','arguments':[{'input':'a'},{'axis':1.5}],'outputs':'out'}",
                      NULL, NULL, "not an integer");
    expect_case_error("{'name':'reduceSum','arguments':[{'input':'a'},{'options':{'keepDimensions':1}}],"
                      "'outputs':'out'}", NULL, NULL, "must be true or false");
    expect_case_error("{'name':'reduceSum','arguments':[{'input':'a'},{'options':{'axes':[-1]}}],"
                      "'outputs':'out'}", NULL, NULL, "option \"axes\"[0] must be an integer from 0");
    expect_case_error("{'name':'elu','arguments':[{'input':'a'},{'options':{'alpha':'NaN'}}],"
                      "'outputs':'out'}", NULL, NULL, "must be a finite number");
    expect_case_error("{'name':'resample2d','arguments':[{'input':'a'},{'options':{'scales':[1e39,1]}}],"
                      "'outputs':'out'}", NULL, NULL, "must be a finite float32 number");
    expect_case_error("{'name':'clamp','arguments':[{'input':'a'},{'options':{'minValue':'1.5'}}],"
                      "'outputs':'out'}", NULL, NULL, "must be an MLNumber");
    expect_case_error("{'name':'triangular','arguments':[{'input':'a'},{'options':{'diagonal':2147483648}}],"
                      "'outputs':'out'}", NULL, NULL, "must be an integer from -2147483648");
    expect_case_error("{'name':'add','arguments':[{'a':'a'},{'b':'b'}],'outputs':['out','x']}", NULL,
                      NULL, "add made 1 output but \"outputs\" names 2");
    expect_case_error("{'name':'add','arguments':[{'a':'a'},{'b':'b'}],'outputs':'a'}", NULL, NULL,
                      "\"a\" is already used");
    expect_case_error(ADD, "'nope':{'data':[4,6],'descriptor':{'shape':[2],'dataType':'float32'}}",
                      NULL, "expected output \"nope\" is not an operand of the graph");
    expect_case_error("{'name':'add','arguments':[{'a':3},{'b':'b'}],'outputs':'out'}", NULL, NULL,
                      "argument \"a\" must name an operand (a string), got 3");
}
END_TEST

START_TEST(data_errors)
{
    expect_case_error(ADD, "'out':{'data':[4,6,8],'descriptor':{'shape':[2],'dataType':'float32'}}",
                      NULL, "3 data elements for a shape of 2 elements");
    expect_case_error(ADD, "'out':{'data':[4,300],'descriptor':{'shape':[2],'dataType':'int8'}}",
                      NULL, "element 1: 300 is out of range for int8");
    expect_case_error(ADD, "'out':{'data':[4,1.5],'descriptor':{'shape':[2],'dataType':'int32'}}",
                      NULL, "element 1: 1.5 is not an integer for int32");
    expect_case_error(ADD, "'out':{'data':[4,'NaN'],'descriptor':{'shape':[2],'dataType':'int32'}}",
                      NULL, "an integer (a number or a decimal string) expected for int32, got string");
    expect_case_error(ADD, "'out':{'data':[4,'x'],'descriptor':{'shape':[2],'dataType':'float32'}}",
                      NULL, "got string \"x\"");
    expect_case_error(ADD, "'out':{'data':1,'descriptor':{'shape':[65536,65536],'dataType':'float32'}}",
                      NULL, "more than 2^31-1 elements");
    expect_case_error(ADD, "'out':{'data':1,'descriptor':{'shape':[4294967296],'dataType':'float32'}}",
                      NULL, "dimension 0 must be an integer from 0 to 2^31-1");
    expect_case_error(ADD, "'out':{'data':{},'descriptor':{'shape':[2],'dataType':'float32'}}",
                      NULL, "data must be an array or a number");
    expect_case_error(ADD, NULL, ",'tolerance':{'metricType':'ULPS','value':1}",
                      "\"metricType\" must be \"ULP\" or \"ATOL\"");
    expect_case_error(ADD, NULL, ",'tolerance':{'metricType':'ULP','value':-1}",
                      "must be a finite number >= 0");
}
END_TEST

START_TEST(data_is_read_exactly)
{
    static const char *text =
        "{'tests':[{'name':'t','graph':{'inputs':{"
        "'i':{'data':['9007199254740993','-9223372036854775808',-0],'descriptor':{'shape':[3],'dataType':'int64'}},"
        "'u':{'data':['18446744073709551615',1e3],'descriptor':{'shape':[2],'dataType':'uint64'}},"
        "'h':{'data':[0.1,65520,'-Infinity',-0,'NaN',5.960464477539063e-8],'descriptor':{'shape':[6],'dataType':'float16'}},"
        "'f':{'data':[0.1,3.5e38,-0],'descriptor':{'shape':[3],'dataType':'float32'}},"
        "'q':{'data':[-8,7],'descriptor':{'shape':[2],'dataType':'int4'}},"
        "'z':{'data':2,'descriptor':{'shape':[2147483647],'dataType':'uint8'}}},"
        "'operators':[],'expectedOutputs':{'i':{'data':[0,0,0],'descriptor':{'shape':[3],'dataType':'int64'}}}}}]}";
    char *json = dq(text);
    cf_file f;
    cf_case c;
    cf_text err;
    int64_t i64[3];
    uint64_t u64[2];
    uint16_t h[6];
    float f32[3];
    int8_t q[2];
    cf_text_init(&err);
    ck_assert_int_eq(cf_file_open_text(&f, "data.json", json, strlen(json), NULL, &err), 0);
    ck_assert_msg(cf_case_load(&f, 0, &c, &err) == 0, "%s", cf_text_str(&err));
    ck_assert_uint_eq(c.inputCount, 6);
    cf_tensor_pack(&c.inputs[0], i64);
    ck_assert(i64[0] == 9007199254740993LL && i64[1] == INT64_MIN && i64[2] == 0);
    cf_tensor_pack(&c.inputs[1], u64);
    ck_assert(u64[0] == UINT64_MAX && u64[1] == 1000);
    cf_tensor_pack(&c.inputs[2], h);
    ck_assert_uint_eq(h[0], 0x2E66);
    ck_assert_uint_eq(h[1], 0x7C00); /* 65520 rounds to infinity */
    ck_assert_uint_eq(h[2], 0xFC00);
    ck_assert_uint_eq(h[3], 0x8000);
    ck_assert_uint_eq(h[4] & 0x7C00, 0x7C00);
    ck_assert_uint_ne(h[4] & 0x3FF, 0);
    ck_assert_uint_eq(h[5], 0x0001);
    cf_tensor_pack(&c.inputs[3], f32);
    ck_assert(f32[0] == 0.1f);
    ck_assert(isinf(f32[1]));
    ck_assert(f32[2] == 0 && signbit(f32[2]));
    cf_tensor_pack(&c.inputs[4], q);
    ck_assert(q[0] == -8 && q[1] == 7);
    /* a bare number: one value stored for 2^31-1 elements */
    ck_assert_int_eq(c.inputs[5].fill, 1);
    ck_assert_uint_eq(c.inputs[5].count, 2147483647u);
    ck_assert(c.inputs[5].u[0] == 2);
    cf_case_free(&c);
    cf_file_close(&f);
    cf_text_free(&err);
    free(json);
}
END_TEST

START_TEST(files_that_are_not_case_files)
{
    cf_file f;
    cf_text err;
    cf_text_init(&err);
    ck_assert_int_eq(cf_file_open(&f, "conformance/wpt/index.json", NULL, &err), -1);
    ck_assert_msg(strstr(cf_text_str(&err), "not a case file") != NULL, "%s", cf_text_str(&err));
    cf_text_clear(&err);
    ck_assert_int_eq(cf_file_open_text(&f, "x.json", "{\"tests\":[}", 11, NULL, &err), -1);
    ck_assert_str_eq(cf_text_str(&err), "x.json:1:11: unexpected '}', expected a value");
    cf_text_clear(&err);
    ck_assert_int_eq(cf_file_open_text(&f, "x.json", "{\"tests\":[],\"test\":[]}", 22, NULL, &err), -1);
    ck_assert_msg(strstr(cf_text_str(&err), "x.json:1:13: unknown member \"test\"") != NULL, "%s",
                  cf_text_str(&err));
    cf_text_clear(&err);
    ck_assert_int_eq(cf_file_open(&f, "no/such/file.json", NULL, &err), -1);
    ck_assert_msg(strstr(cf_text_str(&err), "no/such/file.json: cannot open") != NULL, "%s",
                  cf_text_str(&err));
    cf_text_free(&err);
}
END_TEST

START_TEST(old_data_notes_and_disagreements)
{
    char *json;
    cf_execution x;
    cf_text err;
    stage s;
    cf_text_init(&err);
    /* pad "symmetric": rejected, flagged as a documented disagreement */
    json = one_case("{'name':'pad','arguments':[{'input':'a'},{'beginningPadding':[1]},"
                    "{'endingPadding':[1]},{'options':{'mode':'symmetric'}}],'outputs':'out'}",
                    NULL, NULL);
    s = run_text(json, &x, &err);
    ck_assert_int_eq(s, EXECUTED_NOT);
    ck_assert_int_eq(x.disagreement, 1);
    ck_assert_int_eq(x.status, WNNStatus_TypeError);
    ck_assert_msg(strstr(cf_text_str(&err), "\"symmetric\" is not in the specification") != NULL,
                  "%s", cf_text_str(&err));
    cf_execution_free(&x);
    free(json);
    /* pool2d roundingType: read as outputShapeRounding with a note */
    cf_text_clear(&err);
    json = one_case("{'name':'averagePool2d','arguments':[{'input':'a'},"
                    "{'options':{'roundingType':'ceil'}}],'outputs':'out'}", NULL, NULL);
    run_text(json, &x, &err);
    ck_assert_msg(strstr(cf_text_str(&x.notes), "option \"roundingType\" read as "
                                                "\"outputShapeRounding\"") != NULL,
                  "%s", cf_text_str(&x.notes));
    ck_assert_int_eq(x.disagreement, 0);
    cf_execution_free(&x);
    free(json);
    expect_case_error("{'name':'maxPool2d','arguments':[{'input':'a'},{'options':{'roundingType':"
                      "'ceil','outputShapeRounding':'floor'}}],'outputs':'out'}", NULL, NULL,
                      "both \"roundingType\" and its new name \"outputShapeRounding\"");
    expect_case_error("{'name':'maxPool2d','arguments':[{'input':'a'},{'options':{'roundingType':"
                      "'round'}}],'outputs':'out'}", NULL, NULL, "must be one of \"floor\", \"ceil\"");
    /* softmax without axis: axis 1 of a 2-D input, with a note; other ranks are errors */
    cf_text_clear(&err);
    json = dq("{'tests':[{'name':'t','graph':{'inputs':{"
              "'a':{'data':[1,2],'descriptor':{'shape':[1,2],'dataType':'float32'}}},"
              "'operators':[{'name':'softmax','arguments':[{'input':'a'}],'outputs':'out'}],"
              "'expectedOutputs':{'out':{'data':[0.2689414322376251,0.7310585975646973],"
              "'descriptor':{'shape':[1,2],'dataType':'float32'}}}}}]}");
    run_text(json, &x, &err);
    ck_assert_msg(strstr(cf_text_str(&x.notes), "softmax: no \"axis\"") != NULL, "%s",
                  cf_text_str(&x.notes));
    cf_execution_free(&x);
    free(json);
    expect_case_error("{'name':'softmax','arguments':[{'input':'a'}],'outputs':'out'}", NULL, NULL,
                      "only understood for a 2-D input");
    cf_text_free(&err);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* Numbers and the comparator                                                                 */
/* ------------------------------------------------------------------------------------------ */

static double f16_value(unsigned bits)
{
    int e = (int)((bits >> 10) & 0x1F), m = (int)(bits & 0x3FF);
    double v = e == 0 ? ldexp(m, -24) : ldexp(m + 1024, e - 25);
    return (bits & 0x8000) ? -v : v;
}

/* Nearest float16 by searching every finite encoding, ties to the even one; beyond 65520 in
 * magnitude, infinity. Independent of the code under test. */
static uint16_t f16_search(double v)
{
    unsigned bits, best = 0;
    double bestDiff = (double)INFINITY, a = fabs(v);
    if (a >= 65520.0)
        return (uint16_t)(0x7C00 | (signbit(v) ? 0x8000 : 0));
    for (bits = 0; bits < 0x7C00; bits++) {
        double d = fabs(f16_value(bits) - a);
        if (d < bestDiff || (d == bestDiff && !(bits & 1))) {
            bestDiff = d;
            best = bits;
        }
    }
    return (uint16_t)(best | (signbit(v) ? 0x8000u : 0u));
}

START_TEST(float16_conversion_rounds_to_nearest_even)
{
    static const double special[] = {0.0, -0.0, 1.0, 1.0 + 0x1p-11, 1.0 + 0x3p-11, 0x1p-24, 0x1p-25,
                                     0x3p-25, 0x1p-14, 0x1p-14 - 0x1p-25, 65504.0, 65519.99, 65520.0,
                                     -65536.0, 1e-10, 0.1, -2.5, 0x1.ffep-15, 1e300};
    size_t i;
    uint32_t seed = 12345;
    for (i = 0; i < sizeof special / sizeof special[0]; i++)
        ck_assert_msg(cf_float16_from_double(special[i]) == f16_search(special[i]), "%a: %04x vs %04x",
                      special[i], cf_float16_from_double(special[i]), f16_search(special[i]));
    for (i = 0; i < 300; i++) {
        double v;
        seed = seed * 1103515245u + 12345u;
        v = ldexp((double)(seed >> 8) / 16777216.0 + 0.5, (int)(seed % 44) - 28);
        if (seed & 0x10)
            v = -v;
        ck_assert_msg(cf_float16_from_double(v) == f16_search(v), "%a", v);
    }
    /* every encoding reads back and converts to itself */
    for (i = 0; i < 0x10000; i++) {
        double d = cf_float16_to_double((uint16_t)i);
        if (isnan(d))
            continue;
        ck_assert_uint_eq(cf_float16_from_double(d), i);
    }
    ck_assert_uint_eq(cf_float16_from_double((double)NAN) & 0x7E00, 0x7E00);
    ck_assert(isinf(cf_float16_to_double(0x7C00)));
    ck_assert(isnan(cf_float16_to_double(0x7C01)));
}
END_TEST

START_TEST(float32_conversion_handles_overflow)
{
    ck_assert(isinf(cf_float32_from_double(0x1.ffffffp127)));
    ck_assert(cf_float32_from_double(0x1.fffffefffffffp127) == FLT_MAX);
    ck_assert(isinf(cf_float32_from_double(-1e300)) && cf_float32_from_double(-1e300) < 0);
    ck_assert(cf_float32_from_double(0x1p-150) == 0);          /* tie to even: 0 */
    ck_assert(cf_float32_from_double(0x1.8p-149) == 0x1p-148f); /* tie to even: 2 * 2^-149 */
    ck_assert(isnan(cf_float32_from_double((double)NAN)));
}
END_TEST

START_TEST(ulp_distances_follow_the_suite)
{
    double one_up = (double)nextafterf(1.0f, 2.0f);
    /* float32: sign-magnitude bit distance */
    ck_assert(cf_ulp_float32(1.0, 1.0) == 0);
    ck_assert(cf_ulp_float32(1.0, one_up) == 1);
    ck_assert(cf_ulp_float32(one_up, 1.0) == 1);
    ck_assert(cf_ulp_float32(-0.0, 0.0) == 0);
    ck_assert(cf_ulp_float32(-0x1p-149, 0x1p-149) == 2);
    ck_assert(cf_ulp_float32(0.1, (double)0.1f) == 0); /* the expectation is rounded first */
    ck_assert(cf_ulp_float32((double)FLT_MAX, (double)INFINITY) == 1);
    ck_assert(cf_ulp_float32((double)NAN, -(double)NAN) == 0);
    ck_assert(isinf(cf_ulp_float32((double)NAN, 1.0)));
    ck_assert(cf_ulp_float32(-1.0, 1.0) == 2.0 * 0x3F800000);
    /* float16: raw 16-bit pattern difference after the equality test */
    ck_assert(cf_ulp_float16(1.0, 1.0 + 0x1p-10) == 1);
    ck_assert(cf_ulp_float16(-0.0, 0.0) == 0);
    ck_assert(cf_ulp_float16(0x1p-24, -0x1p-24) == 0x8000); /* 0x0001 vs 0x8001 */
    ck_assert(cf_ulp_float16(-1.0, -1.0 - 0x1p-10) == 1);
    ck_assert(cf_ulp_float16(0.1, 0.1000061) == 0); /* both round to 0x2E66 */
    ck_assert(isinf(cf_ulp_float16(1.0, (double)NAN)));
}
END_TEST

static cf_verdict judge_f(WNNOperandDataType t, cf_mode mode, cf_metric metric, double value,
                          double expected, double actual)
{
    cf_tolerance tol;
    cf_element e, a;
    cf_verdict v;
    tol.metric = metric;
    tol.value = value;
    memset(&e, 0, sizeof e);
    memset(&a, 0, sizeof a);
    e.f = expected;
    a.f = actual;
    cf_judge(t, mode, &tol, &e, &a, &v);
    return v;
}

START_TEST(judging_floats)
{
    const WNNOperandDataType F32 = WNNOperandDataType_Float32, F16 = WNNOperandDataType_Float16;
    double up1 = (double)nextafterf(1.0f, 2.0f), up2 = (double)nextafterf((float)up1, 2.0f);
    cf_verdict v;
    v = judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 1, 1.0, up1);
    ck_assert(v.pass && v.distance == 1 && v.allowed == 1);
    v = judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 1, 1.0, up2);
    ck_assert(!v.pass && v.distance == 2);
    /* NaN meets NaN only; an infinity the same infinity only */
    ck_assert(judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 0, (double)NAN, (double)NAN).pass);
    v = judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 1000, (double)NAN, 1.0);
    ck_assert(!v.pass && isinf(v.distance));
    v = judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 1000, 1.0, (double)NAN);
    ck_assert(!v.pass);
    v = judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 1000, (double)FLT_MAX, (double)INFINITY);
    ck_assert(!v.pass && isinf(v.distance));
    ck_assert(judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 0, (double)INFINITY, (double)INFINITY).pass);
    ck_assert(!judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 5, (double)INFINITY, -(double)INFINITY).pass);
    /* an expectation beyond float32's range is infinity there */
    ck_assert(judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 0, 3.5e38, (double)INFINITY).pass);
    /* +0 and -0: equal in wpt mode, different in exact mode */
    ck_assert(judge_f(F32, CF_MODE_WPT, CF_METRIC_ULP, 0, 0.0, -0.0).pass);
    ck_assert(judge_f(F16, CF_MODE_WPT, CF_METRIC_ULP, 0, -0.0, 0.0).pass);
    v = judge_f(F32, CF_MODE_EXACT, CF_METRIC_ULP, 100, 0.0, -0.0);
    ck_assert(!v.pass && v.distance == 1 && v.allowed == 0);
    /* exact: the expectation rounded to the type, NaN payloads ignored */
    ck_assert(judge_f(F32, CF_MODE_EXACT, CF_METRIC_NONE, 0, 0.1, (double)0.1f).pass);
    ck_assert(judge_f(F16, CF_MODE_EXACT, CF_METRIC_NONE, 0, 0.1, 0.0999755859375).pass);
    ck_assert(judge_f(F32, CF_MODE_EXACT, CF_METRIC_NONE, 0, (double)NAN, -(double)NAN).pass);
    ck_assert(!judge_f(F32, CF_MODE_EXACT, CF_METRIC_NONE, 0, 1.0, up1).pass);
    /* ATOL: |actual - expected| with the expectation unrounded */
    v = judge_f(F32, CF_MODE_WPT, CF_METRIC_ATOL, 1e-9, 0.1, (double)0.1f);
    ck_assert(!v.pass && fabs(v.distance - fabs((double)0.1f - 0.1)) < 1e-20);
    ck_assert(judge_f(F32, CF_MODE_WPT, CF_METRIC_ATOL, 2e-9, 0.1, (double)0.1f).pass);
    ck_assert(judge_f(F16, CF_MODE_WPT, CF_METRIC_ATOL, 1e-3, 0.5, 0.5009765625).pass);
    ck_assert(!judge_f(F16, CF_MODE_WPT, CF_METRIC_ATOL, 1e-3, 0.5, 0.501953125).pass);
    ck_assert(!judge_f(F32, CF_MODE_WPT, CF_METRIC_ATOL, 1e30, (double)INFINITY, 1.0).pass);
    /* float16 ULP: raw difference, so across zero the distance is huge */
    v = judge_f(F16, CF_MODE_WPT, CF_METRIC_ULP, 2, 0x1p-24, -0x1p-24);
    ck_assert(!v.pass && v.distance == 0x8000);
    v = judge_f(F16, CF_MODE_WPT, CF_METRIC_ULP, 2, 1.0, 1.0 + 0x1p-9);
    ck_assert(v.pass && v.distance == 2);
    /* no tolerance in the case: 0 ULP */
    ck_assert(!judge_f(F32, CF_MODE_WPT, CF_METRIC_NONE, 5, 1.0, up1).pass);
}
END_TEST

START_TEST(judging_integers)
{
    cf_tolerance tol;
    cf_element e, a;
    cf_verdict v;
    memset(&e, 0, sizeof e);
    memset(&a, 0, sizeof a);
    tol.metric = CF_METRIC_ULP;
    tol.value = 0;
    e.i = INT64_MIN;
    a.i = INT64_MAX;
    cf_judge(WNNOperandDataType_Int64, CF_MODE_WPT, &tol, &e, &a, &v);
    ck_assert(!v.pass && v.distance == 18446744073709551615.0);
    e.i = 9007199254740993LL; /* beyond 2^53: exact, not through double */
    a.i = 9007199254740992LL;
    cf_judge(WNNOperandDataType_Int64, CF_MODE_WPT, &tol, &e, &a, &v);
    ck_assert(!v.pass && v.distance == 1);
    tol.value = 1;
    cf_judge(WNNOperandDataType_Int64, CF_MODE_WPT, &tol, &e, &a, &v);
    ck_assert(v.pass);
    cf_judge(WNNOperandDataType_Int64, CF_MODE_EXACT, &tol, &e, &a, &v);
    ck_assert(!v.pass && v.allowed == 0);
    e.u = UINT64_MAX;
    a.u = 0;
    cf_judge(WNNOperandDataType_Uint64, CF_MODE_WPT, &tol, &e, &a, &v);
    ck_assert(!v.pass);
    a.u = UINT64_MAX;
    cf_judge(WNNOperandDataType_Uint64, CF_MODE_EXACT, &tol, &e, &a, &v);
    ck_assert(v.pass && v.distance == 0);
}
END_TEST

START_TEST(masked_and_bare_number_elements)
{
    float expected[4] = {1, 2, 3, 4}, actual[4] = {1, 2, 99, 4};
    uint8_t mask[4] = {0, 0, 1, 0};
    cf_values ev, av;
    cf_tolerance tol = {CF_METRIC_ULP, 0};
    cf_compare_stats stats;
    cf_text report;
    double fill = 7;
    float *big;
    size_t i;
    memset(&ev, 0, sizeof ev);
    memset(&av, 0, sizeof av);
    memset(&stats, 0, sizeof stats);
    cf_text_init(&report);
    ev.dataType = av.dataType = WNNOperandDataType_Float32;
    ev.count = av.count = 4;
    ev.raw = expected;
    av.raw = actual;
    /* the masked element is skipped and counted */
    ck_assert_int_eq(cf_compare_values("c", "o", &ev, &av, mask, CF_MODE_WPT, &tol, &report, &stats), 1);
    ck_assert_uint_eq(stats.unspecified, 1);
    ck_assert_uint_eq(stats.checked, 3);
    ck_assert_int_eq(cf_compare_values("c", "o", &ev, &av, NULL, CF_MODE_WPT, &tol, &report, &stats), 0);
    ck_assert_msg(strstr(cf_text_str(&report), "case \"c\": output \"o\":\n    element 2: expected 3, "
                         "got 99, distance 42336256 ULP, allowed 0 ULP\n    1 of 4 compared elements differ")
                      != NULL, "%s", cf_text_str(&report));
    /* a bare-number expectation: the first 1000 elements only, as the suite does */
    big = (float *)malloc(5000 * sizeof *big);
    for (i = 0; i < 5000; i++)
        big[i] = 7;
    big[1500] = 8;
    memset(&ev, 0, sizeof ev);
    ev.dataType = WNNOperandDataType_Float32;
    ev.count = 5000;
    ev.fill = 1;
    ev.f = &fill;
    av.count = 5000;
    av.raw = big;
    ck_assert_uint_eq(cf_checked_count(&ev), 1000);
    ck_assert_int_eq(cf_compare_values("c", "o", &ev, &av, NULL, CF_MODE_WPT, &tol, NULL, NULL), 1);
    big[999] = 8;
    ck_assert_int_eq(cf_compare_values("c", "o", &ev, &av, NULL, CF_MODE_WPT, &tol, NULL, NULL), 0);
    free(big);
    cf_text_free(&report);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* The WPT data and results files                                                             */
/* ------------------------------------------------------------------------------------------ */

START_TEST(binary_wpt_files_pass)
{
    static const char *files[] = {"add", "sub", "mul", "div", "max", "min", "pow"};
    size_t i, k;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[64];
        cf_file f;
        cf_text err;
        cf_text_init(&err);
        snprintf(path, sizeof path, "conformance/wpt/%s.json", files[i]);
        ck_assert_msg(cf_file_open(&f, path, NULL, &err) == 0, "%s", cf_text_str(&err));
        for (k = 0; k < f.caseCount; k++) {
            cf_case c;
            cf_execution x;
            cf_text report;
            int mode;
            cf_text_init(&report);
            ck_assert_msg(cf_case_load(&f, k, &c, &err) == 0, "%s", cf_text_str(&err));
            if (c.inputs[0].count > 1000000) { /* the 36,000,000-element case: not here */
                cf_case_free(&c);
                continue;
            }
            ck_assert_msg(cf_execute(&c, NULL, &x, &err) == 0, "%s", cf_text_str(&err));
            for (mode = 0; mode < 2; mode++)
                ck_assert_msg(cf_compare_case(&c, &x, (cf_mode)mode, &report, NULL), "%s: %s", path,
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

/* Every data-driven WPT case is read (structure, data, operator arguments and options)
 * without a loader error: a failure may only come from the implementation (a status), the
 * documented pad "symmetric" disagreement, or the two int4/uint4 values out of range. */
START_TEST(every_wpt_case_is_read)
{
    cf_text err;
    const json_value *files;
    size_t i, k, cases = 0, dataDefects = 0, disagreements = 0;
    json_error jerr;
    json_document *doc = json_parse_file("conformance/wpt/index.json", NULL, &jerr);
    ck_assert_msg(doc != NULL, "%s", jerr.message);
    files = json_get(json_root(doc), "files");
    ck_assert_ptr_nonnull(files);
    ck_assert_uint_eq(files->length, 95);
    cf_text_init(&err);
    for (i = 0; i < files->length; i++) {
        char path[128];
        cf_file f;
        snprintf(path, sizeof path, "conformance/wpt/%s", json_get(&files->items[i], "file")->text);
        ck_assert_msg(cf_file_open(&f, path, NULL, &err) == 0, "%s", cf_text_str(&err));
        for (k = 0; k < f.caseCount; k++) {
            cf_case c;
            cf_execution x;
            cases++;
            cf_text_clear(&err);
            if (cf_case_load(&f, k, &c, &err) != 0) {
                ck_assert_msg(strstr(cf_text_str(&err), "is out of range for int4") ||
                                  strstr(cf_text_str(&err), "is out of range for uint4"),
                              "%s", cf_text_str(&err));
                dataDefects++;
                continue;
            }
            if (c.inputs[0].count > 1000000) {
                cf_case_free(&c);
                continue;
            }
            if (cf_execute(&c, NULL, &x, &err) != 0) {
                ck_assert_msg(x.status != WNNStatus_Success, "%s", cf_text_str(&err));
                disagreements += x.disagreement;
            }
            cf_execution_free(&x);
            cf_case_free(&c);
        }
        cf_file_close(&f);
    }
    ck_assert_uint_eq(cases, 1686);
    ck_assert_uint_eq(dataDefects, 2);
    ck_assert_uint_eq(disagreements, 1);
    cf_text_free(&err);
    json_free(doc);
}
END_TEST

/* The oracle's run of conformance/wpt/add.json case 0, and a results entry for it built from
 * text with the oracle's values, after `edit`. */
typedef struct fixture {
    cf_file f;
    cf_case c;
    cf_execution x;
} fixture;

static void fixture_open(fixture *fx)
{
    cf_text err;
    cf_text_init(&err);
    ck_assert_msg(cf_file_open(&fx->f, "conformance/wpt/add.json", NULL, &err) == 0, "%s",
                  cf_text_str(&err));
    ck_assert_msg(cf_case_load(&fx->f, 0, &fx->c, &err) == 0, "%s", cf_text_str(&err));
    ck_assert_str_eq(fx->c.name, "add float32 1D constant tensors");
    ck_assert_msg(cf_execute(&fx->c, NULL, &fx->x, &err) == 0, "%s", cf_text_str(&err));
    ck_assert_uint_eq(fx->x.outputs[0].count, 24);
    cf_text_free(&err);
}

static void fixture_close(fixture *fx)
{
    cf_execution_free(&fx->x);
    cf_case_free(&fx->c);
    cf_file_close(&fx->f);
}

/* The results entry: data elements from the oracle, except element `index` replaced by
 * `replacement` (when not NULL); shape and dataType as given. Returns the verdict and the
 * report. */
static int judge_result(fixture *fx, const char *status, const char *dataType, const char *shape,
                        size_t index, const char *replacement, int dropElement, cf_text *report)
{
    cf_text json;
    const float *data = (const float *)fx->x.outputs[0].data;
    json_document *doc;
    json_error jerr;
    size_t i;
    int pass, first = 1;
    cf_text_init(&json);
    cf_text_printf(&json, "{\"status\":\"%s\",\"error\":{\"name\":\"OperationError\",\"message\":"
                   "\"device lost\"},\"ignored\":1,\"outputs\":{\"output\":{\"dataType\":\"%s\","
                   "\"shape\":%s,\"data\":[", status, dataType, shape);
    for (i = 0; i < 24; i++) {
        char buf[40];
        if (dropElement && i == index)
            continue;
        if (!first)
            cf_text_append(&json, ",");
        first = 0;
        if (replacement && i == index)
            cf_text_append(&json, replacement);
        else
            cf_text_append(&json, json_format_double((double)data[i], buf, sizeof buf));
    }
    cf_text_append(&json, "]}}}");
    doc = json_parse(cf_text_str(&json), json.length, NULL, &jerr);
    ck_assert_msg(doc != NULL, "%s: %s", jerr.message, cf_text_str(&json));
    pass = cf_compare_result(&fx->c, &fx->x, 0, WNNStatus_Success, "results.json", json_root(doc),
                             CF_MODE_WPT, report, NULL);
    json_free(doc);
    cf_text_free(&json);
    return pass;
}

START_TEST(wrong_results_are_caught)
{
    fixture fx;
    cf_text report;
    char off[40];
    const float *data;
    cf_text_init(&report);
    fixture_open(&fx);
    data = (const float *)fx.x.outputs[0].data;
    /* the oracle's own values pass */
    ck_assert_msg(judge_result(&fx, "ok", "float32", "[24]", 0, NULL, 0, &report), "%s",
                  cf_text_str(&report));
    /* one element off by 2 ULP, beyond the case's budget of 1 ULP */
    json_format_double((double)nextafterf(nextafterf(data[5], (float)INFINITY), (float)INFINITY),
                       off, sizeof off);
    ck_assert(!judge_result(&fx, "ok", "float32", "[24]", 5, off, 0, &report));
    ck_assert_msg(strstr(cf_text_str(&report), "element 5: expected") &&
                      strstr(cf_text_str(&report), "distance 2 ULP, allowed 1 ULP") &&
                      strstr(cf_text_str(&report), "case \"add float32 1D constant tensors\": output "
                                                   "\"output\""),
                  "%s", cf_text_str(&report));
    /* one element off by 1 ULP: within the budget */
    cf_text_clear(&report);
    json_format_double((double)nextafterf(data[5], (float)INFINITY), off, sizeof off);
    ck_assert_msg(judge_result(&fx, "ok", "float32", "[24]", 5, off, 0, &report), "%s",
                  cf_text_str(&report));
    /* a NaN where a number is expected */
    cf_text_clear(&report);
    ck_assert(!judge_result(&fx, "ok", "float32", "[24]", 3, "\"NaN\"", 0, &report));
    ck_assert_msg(strstr(cf_text_str(&report), "element 3: expected") &&
                      strstr(cf_text_str(&report), "got NaN, distance incomparable"),
                  "%s", cf_text_str(&report));
    /* a wrong shape */
    cf_text_clear(&report);
    ck_assert(!judge_result(&fx, "ok", "float32", "[4,6]", 0, NULL, 0, &report));
    ck_assert_msg(strstr(cf_text_str(&report), "shape [4, 6], expected [24]") != NULL, "%s",
                  cf_text_str(&report));
    /* a wrong data type */
    cf_text_clear(&report);
    ck_assert(!judge_result(&fx, "ok", "float16", "[24]", 0, NULL, 0, &report));
    ck_assert_msg(strstr(cf_text_str(&report), "data type float16, expected float32") != NULL, "%s",
                  cf_text_str(&report));
    /* too few elements */
    cf_text_clear(&report);
    ck_assert(!judge_result(&fx, "ok", "float32", "[24]", 23, NULL, 1, &report));
    ck_assert_msg(strstr(cf_text_str(&report), "23 data elements for a shape of 24") != NULL, "%s",
                  cf_text_str(&report));
    /* a string that is not a number */
    cf_text_clear(&report);
    ck_assert(!judge_result(&fx, "ok", "float32", "[24]", 7, "\"7\"", 0, &report));
    ck_assert_msg(strstr(cf_text_str(&report), "results.json:1:") &&
                      strstr(cf_text_str(&report), "element 7: a number"),
                  "%s", cf_text_str(&report));
    /* an error result where the oracle has outputs */
    cf_text_clear(&report);
    ck_assert(!judge_result(&fx, "error", "float32", "[24]", 0, NULL, 0, &report));
    ck_assert_msg(strstr(cf_text_str(&report), "reported an error: OperationError: device lost") != NULL,
                  "%s", cf_text_str(&report));
    /* no result at all */
    cf_text_clear(&report);
    ck_assert(!cf_compare_result(&fx.c, &fx.x, 0, WNNStatus_Success, "results.json", NULL,
                                 CF_MODE_WPT, &report, NULL));
    ck_assert_msg(strstr(cf_text_str(&report), "no result for \"add/add float32 1D constant tensors\"")
                      != NULL, "%s", cf_text_str(&report));
    /* an error result agrees with an oracle that rejects the case (TypeError) only */
    cf_text_clear(&report);
    {
        json_error jerr;
        json_document *doc = json_parse("{\"status\":\"error\"}", 18, NULL, &jerr);
        ck_assert(cf_compare_result(&fx.c, &fx.x, 1, WNNStatus_TypeError, "r", json_root(doc),
                                    CF_MODE_WPT, &report, NULL));
        ck_assert(!cf_compare_result(&fx.c, &fx.x, 1, WNNStatus_NotSupportedError, "r",
                                     json_root(doc), CF_MODE_WPT, &report, NULL));
        json_free(doc);
    }
    fixture_close(&fx);
    cf_text_free(&report);
}
END_TEST

/* Written expectations and results read back to the same values. */
START_TEST(written_outputs_read_back)
{
    fixture fx;
    FILE *f = tmpfile();
    json_writer w;
    long n;
    char *text;
    json_document *doc;
    json_error jerr;
    cf_text report;
    fixture_open(&fx);
    cf_text_init(&report);
    json_writer_init(&w, f, 1);
    json_write_object_begin(&w);
    json_write_key(&w, "status");
    json_write_string(&w, "ok");
    json_write_key(&w, "outputs");
    json_write_object_begin(&w);
    json_write_key(&w, "output");
    cf_write_result_output(&w, &fx.x.outputs[0]);
    json_write_object_end(&w);
    json_write_key(&w, "expected");
    cf_write_expected_output(&w, &fx.x.outputs[0], 1);
    json_write_object_end(&w);
    ck_assert_int_eq(json_writer_finish(&w), 0);
    n = ftell(f);
    text = (char *)malloc((size_t)n + 1);
    rewind(f);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    doc = json_parse(text, (size_t)n, NULL, &jerr);
    ck_assert_msg(doc != NULL, "%s", jerr.message);
    ck_assert_msg(cf_compare_result(&fx.c, &fx.x, 0, WNNStatus_Success, "r", json_root(doc),
                                    CF_MODE_EXACT, &report, NULL),
                  "%s", cf_text_str(&report));
    ck_assert_int_eq(json_get(json_get(json_root(doc), "expected"), "data")->type, JSON_ARRAY);
    ck_assert(strstr(text, "\"shape\": [24]") != NULL);
    ck_assert(strstr(text, "\"dataType\": \"float32\"") != NULL);
    json_free(doc);
    free(text);
    fclose(f);
    fixture_close(&fx);
    cf_text_free(&report);
}
END_TEST

/* Garbled case files: every single-byte corruption of a case using several operators must
 * load, run or fail cleanly (the sanitizers watch for anything else). */
/* Open text and run every case in it; returns how many ran to the end. */
static size_t run_all_cases(const char *json)
{
    cf_file f;
    cf_text err;
    size_t k, ran = 0;
    cf_text_init(&err);
    if (cf_file_open_text(&f, "fuzz.json", json, strlen(json), NULL, &err) == 0) {
        for (k = 0; k < f.caseCount; k++) {
            cf_case c;
            cf_execution x;
            cf_text report;
            cf_text_init(&report);
            if (cf_case_load(&f, k, &c, &err) == 0) {
                if (cf_execute(&c, NULL, &x, &err) == 0) {
                    cf_compare_case(&c, &x, CF_MODE_WPT, &report, NULL);
                    ran++;
                }
                cf_execution_free(&x);
                cf_case_free(&c);
            }
            cf_text_free(&report);
        }
        cf_file_close(&f);
    }
    cf_text_free(&err);
    return ran;
}

/* Garbled case files: every single-byte corruption of cases using several operators must
 * load, run or fail cleanly (the sanitizers watch for anything else). */
START_TEST(fuzz_garbled_cases)
{
#define FUZZ_INPUTS "'inputs':{'a':{'data':[1,-2.5,'NaN',4],'descriptor':{'shape':[2,2],'dataType':" \
    "'float32'}},'i':{'data':['9',1],'descriptor':{'shape':[2],'dataType':'int64'},'constant':true}}"
    static const char *seed =
        "{'tests':["
        "{'name':'add','graph':{" FUZZ_INPUTS ","
        "'operators':[{'name':'add','arguments':[{'a':'a'},{'b':'a'}],'outputs':'s'}],"
        "'expectedOutputs':{'s':{'data':[2,-5,'NaN',8],'descriptor':{'shape':[2,2],'dataType':'float32'}}}},"
        "'tolerance':{'metricType':'ULP','value':1}},"
        "{'name':'clamp','graph':{" FUZZ_INPUTS ","
        "'operators':[{'name':'clamp','arguments':[{'input':'a'},{'options':{'minValue':-1,"
        "'maxValue':'7'}}],'outputs':'c'}],"
        "'expectedOutputs':{'c':{'data':1,'descriptor':{'shape':[2,2],'dataType':'float32'}}}}},"
        "{'name':'split','graph':{" FUZZ_INPUTS ","
        "'operators':[{'name':'split','arguments':[{'input':'a'},{'splits':[1,1]},{'options':{'axis':1}}],"
        "'outputs':['p','q']}],"
        "'expectedOutputs':{'p':{'data':[1,2],'descriptor':{'shape':[2,1],'dataType':'float32'}}}}},"
        "{'name':'conv','graph':{" FUZZ_INPUTS ","
        "'operators':[{'name':'conv2d','arguments':[{'input':'a'},{'filter':'a'},{'options':{"
        "'padding':[0,0,0,0],'inputLayout':'nhwc','bias':'i'}}],'outputs':'v'}],"
        "'expectedOutputs':{'v':{'data':0,'descriptor':{'shape':[1],'dataType':'float32'}}}}}]}";
#undef FUZZ_INPUTS
    static const char garbage[] = {'"', '\\', '[', '{', ',', ':', '-', '9', 'x', ' '};
    char *text = dq(seed);
    size_t n = strlen(text), pos, g;
    ck_assert_uint_eq(run_all_cases(text), 3); /* add, clamp, split run; conv2d rejects 2-D */
    for (pos = 0; pos < n; pos++)
        for (g = 0; g < sizeof garbage; g++) {
            char saved = text[pos];
            text[pos] = garbage[g];
            run_all_cases(text);
            text[pos] = saved;
        }
    free(text);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* Case-format extensions: expectedError, descriptor-only outputs, tolerance, spec and notes   */
/* ------------------------------------------------------------------------------------------ */

/* Load case 0 of json and judge it as `webnn test` does: for a case giving "expectedError",
 * the verdict of cf_check_expected_error (1, 0, or -1 when the reader stopped first); for
 * the others cf_compare_case's in mode (-1 when it did not run). report gets the reason;
 * stats (may be NULL) the elements compared. */
static int verdict_of(const char *json, cf_mode mode, cf_text *report, cf_compare_stats *stats)
{
    cf_file f;
    cf_case c;
    cf_execution x;
    cf_text err;
    int v;
    cf_text_init(&err);
    ck_assert_msg(cf_file_open_text(&f, "case.json", json, strlen(json), NULL, &err) == 0, "%s",
                  cf_text_str(&err));
    ck_assert_msg(cf_case_load(&f, 0, &c, &err) == 0, "%s", cf_text_str(&err));
    if (c.expectError) {
        int failed = cf_execute(&c, NULL, &x, &err) != 0;
        v = cf_check_expected_error(&c, &x, failed, report);
        if (v < 0)
            cf_text_append(report, cf_text_str(&err));
    } else if (cf_execute(&c, NULL, &x, &err) != 0) {
        cf_text_append(report, cf_text_str(&err));
        v = -1;
    } else
        v = cf_compare_case(&c, &x, mode, report, stats);
    cf_execution_free(&x);
    cf_case_free(&c);
    cf_file_close(&f);
    cf_text_free(&err);
    return v;
}

static const char *RESHAPE3 =
    "{'name':'reshape','arguments':[{'input':'a'},{'newShape':[3]}],'outputs':'out'}";

START_TEST(expected_errors)
{
    static const struct {
        const char *operators, *expected, *extra;
        int verdict;
        const char *needle; /* in the report */
    } cases[] = {
        /* an operator call rejected as expected: passes (no expectedOutputs, or an empty
         * object, or descriptors only) */
        {"RESHAPE3", "", ",'expectedError':{'status':'TypeError','message':'element count 2'}", 1, ""},
        {"RESHAPE3", "'out':{'descriptor':{'shape':[3],'dataType':'float32'}}",
         ",'expectedError':{'status':'TypeError','message':'newShape'}", 1, ""},
        /* a failure of build(): an input as an output */
        {"", "'a':{'descriptor':{'shape':[2],'dataType':'float32'}}",
         ",'expectedError':{'status':'TypeError','message':'is a graph input'}", 1, ""},
        /* a case expecting an error that builds fine FAILS */
        {"ADD", "'out':{'descriptor':{'shape':[2],'dataType':'float32'}}",
         ",'expectedError':{'status':'TypeError','message':'anything'}", 0,
         "expected TypeError with a message containing \"anything\", but the graph built and ran"},
        {"ADD", "", ",'expectedError':{'status':'TypeError','message':'anything'}", 0,
         "but the graph built"},
        /* the right status with the wrong message FAILS */
        {"RESHAPE3", "", ",'expectedError':{'status':'TypeError','message':'must be positive'}", 0,
         "TypeError as expected, but the message \"reshape: the product of newShape"},
        /* the wrong status FAILS */
        {"RESHAPE3", "", ",'expectedError':{'status':'NotSupportedError','message':'newShape'}", 0,
         "expected NotSupportedError, got TypeError: reshape:"},
        /* a reader error is not the builder's: no verdict (the case is wrong) */
        {"{'name':'reshape','arguments':[{'input':'a'},{'newShape':[3]},{'options':{'lable':'x'}}],"
         "'outputs':'out'}", "", ",'expectedError':{'status':'TypeError','message':'newShape'}", -1,
         "unknown option"},
        {"", "", ",'expectedError':{'status':'TypeError','message':'newShape'}", -1,
         "no expectedOutputs and no last operator"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *ops = cases[i].operators;
        char *json;
        cf_text report;
        int v;
        ops = strcmp(ops, "RESHAPE3") == 0 ? RESHAPE3 : strcmp(ops, "ADD") == 0 ? ADD : ops;
        json = one_case(ops, cases[i].expected, cases[i].extra);
        cf_text_init(&report);
        v = verdict_of(json, CF_MODE_WPT, &report, NULL);
        ck_assert_msg(v == cases[i].verdict, "case %lu: verdict %d, expected %d: %s", (unsigned long)i,
                      v, cases[i].verdict, cf_text_str(&report));
        ck_assert_msg(strstr(cf_text_str(&report), cases[i].needle) != NULL,
                      "case %lu: report \"%s\" lacks \"%s\"", (unsigned long)i, cf_text_str(&report),
                      cases[i].needle);
        cf_text_free(&report);
        free(json);
    }
}
END_TEST

/* The new members are read as strictly as the others. */
START_TEST(case_extensions_are_read_strictly)
{
    static const char *ERR = ",'expectedError':{'status':'TypeError','message':'m'}";
    expect_case_error(ADD, "", ",'expectedError':{'status':'TypeError','message':'m','name':'x'}",
                      "unknown member \"name\" in an expected error");
    expect_case_error(ADD, "", ",'expectedError':{'status':'Error','message':'m'}",
                      "\"status\" must be \"TypeError\"");
    expect_case_error(ADD, "", ",'expectedError':{'status':'Success','message':'m'}",
                      "\"status\" must be \"TypeError\"");
    expect_case_error(ADD, "", ",'expectedError':{'status':'TypeError'}",
                      "needs a \"message\"");
    expect_case_error(ADD, "", ",'expectedError':{'status':'TypeError','message':''}",
                      "needs a \"message\"");
    expect_case_error(ADD, "", ",'expectedError':'TypeError'", "\"expectedError\" must be an object");
    expect_case_error(ADD, NULL, ERR, "a case expecting an error gives no output data");
    expect_case_error(ADD, "", ",'expectedError':{'status':'TypeError','message':'m'},"
                      "'tolerance':{'metricType':'ULP','value':0}",
                      "a case expecting an error has no \"tolerance\"");
    expect_case_error(ADD, NULL, ",'spec':7", "\"spec\" must be a string");
    expect_case_error(ADD, NULL, ",'notes':['a']", "\"notes\" must be a string");
    expect_case_error(ADD, NULL, ",'note':'a'", "unknown member \"note\" in a case");
    /* without expectedError, expectedOutputs stays required and non-empty */
    expect_case_error(ADD, "", "", "\"expectedOutputs\" must be a non-empty object");
    /* a descriptor-only output still needs a full descriptor */
    expect_case_error(ADD, "'out':{'descriptor':{'shape':[2]}}", "",
                      "the descriptor needs \"dataType\" and \"shape\"");
    expect_case_error(ADD, "'out':{'descriptor':{'shape':[2],'dataType':'float31'}}", "",
                      "is not a data type");
    expect_case_error(ADD, "'out':{}", "", "a \"descriptor\" object is required");
}
END_TEST

START_TEST(spec_and_notes_are_kept)
{
    char *json = one_case(ADD, NULL, ",'spec':'add / step 3','notes':'why\\nand more'");
    cf_file f;
    cf_case c;
    cf_text err;
    cf_text_init(&err);
    ck_assert_int_eq(cf_file_open_text(&f, "case.json", json, strlen(json), NULL, &err), 0);
    ck_assert_msg(cf_case_load(&f, 0, &c, &err) == 0, "%s", cf_text_str(&err));
    ck_assert_str_eq(c.spec, "add / step 3");
    ck_assert_str_eq(c.notes, "why\nand more");
    ck_assert_int_eq(c.expectError, 0);
    ck_assert_int_eq(c.tolerance.metric, CF_METRIC_NONE);
    cf_case_free(&c);
    cf_file_close(&f);
    cf_text_free(&err);
    free(json);
}
END_TEST

START_TEST(descriptor_only_outputs)
{
    static const struct {
        const char *expected;
        int verdict;
        const char *needle;
    } cases[] = {
        {"'out':{'descriptor':{'shape':[2],'dataType':'float32'}}", 1, ""},
        {"'out':{'descriptor':{'shape':[1,2],'dataType':'float32'}}", 0, "shape [2], expected [1, 2]"},
        {"'out':{'descriptor':{'shape':[2],'dataType':'float16'}}", 0,
         "data type float32, expected float16"},
    };
    size_t i;
    int mode;
    for (mode = 0; mode < 2; mode++)
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            char *json = one_case(ADD, cases[i].expected, "");
            cf_text report;
            cf_compare_stats stats;
            int v;
            memset(&stats, 0, sizeof stats);
            cf_text_init(&report);
            v = verdict_of(json, (cf_mode)mode, &report, &stats);
            ck_assert_msg(v == cases[i].verdict, "case %lu: %d: %s", (unsigned long)i, v,
                          cf_text_str(&report));
            ck_assert_msg(strstr(cf_text_str(&report), cases[i].needle) != NULL, "%s",
                          cf_text_str(&report));
            ck_assert_uint_eq(stats.checked, 0); /* no values compared */
            cf_text_free(&report);
            free(json);
        }
}
END_TEST

/* A case's "tolerance" applies whatever the operator (mode wpt; exact ignores it). */
START_TEST(case_tolerance_for_any_operator)
{
    static const char *RELU = "{'name':'relu','arguments':[{'input':'a'}],'outputs':'out'}";
    static const char *CAST = "{'name':'cast','arguments':[{'input':'a'},{'type':'int32'}],"
                              "'outputs':'out'}";
    static const struct {
        const char *op, *expected, *extra;
        cf_mode mode;
        int verdict;
    } cases[] = {
        /* relu([1, 2]) = [1, 2]; expected [1.25, 2] */
        {"RELU", "'out':{'data':[1.25,2],'descriptor':{'shape':[2],'dataType':'float32'}}",
         ",'tolerance':{'metricType':'ATOL','value':0.25}", CF_MODE_WPT, 1},
        {"RELU", "'out':{'data':[1.25,2],'descriptor':{'shape':[2],'dataType':'float32'}}",
         ",'tolerance':{'metricType':'ATOL','value':0.125}", CF_MODE_WPT, 0},
        {"RELU", "'out':{'data':[1.25,2],'descriptor':{'shape':[2],'dataType':'float32'}}", "",
         CF_MODE_WPT, 0},
        {"RELU", "'out':{'data':[1.25,2],'descriptor':{'shape':[2],'dataType':'float32'}}",
         ",'tolerance':{'metricType':'ATOL','value':0.25}", CF_MODE_EXACT, 0},
        /* 1.0000001192092896 is 1 ULP above 1 in float32 */
        {"RELU", "'out':{'data':[1.0000001192092896,2],'descriptor':{'shape':[2],'dataType':'float32'}}",
         ",'tolerance':{'metricType':'ULP','value':1}", CF_MODE_WPT, 1},
        {"RELU", "'out':{'data':[1.0000001192092896,2],'descriptor':{'shape':[2],'dataType':'float32'}}",
         ",'tolerance':{'metricType':'ULP','value':0}", CF_MODE_WPT, 0},
        /* an integer output: cast([1, 2]) = [1, 2]; expected [3, 2] is 2 away */
        {"CAST", "'out':{'data':[3,2],'descriptor':{'shape':[2],'dataType':'int32'}}",
         ",'tolerance':{'metricType':'ULP','value':2}", CF_MODE_WPT, 1},
        {"CAST", "'out':{'data':[3,2],'descriptor':{'shape':[2],'dataType':'int32'}}",
         ",'tolerance':{'metricType':'ULP','value':1}", CF_MODE_WPT, 0},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *op = strcmp(cases[i].op, "RELU") == 0 ? RELU : CAST;
        char *json = one_case(op, cases[i].expected, cases[i].extra);
        cf_text report;
        int v;
        cf_text_init(&report);
        v = verdict_of(json, cases[i].mode, &report, NULL);
        ck_assert_msg(v == cases[i].verdict, "case %lu: %d: %s", (unsigned long)i, v,
                      cf_text_str(&report));
        cf_text_free(&report);
        free(json);
    }
}
END_TEST

static Suite *conformance_suite(void)
{
    Suite *s = suite_create("conformance");
    TCase *loader = tcase_create("loader"), *numbers = tcase_create("comparator"),
          *wpt = tcase_create("wpt");
    tcase_add_test(loader, a_valid_case_runs_and_passes);
    tcase_add_test(loader, long_chains_and_unused_inputs);
    tcase_add_test(loader, operator_table_has_the_95_operators);
    tcase_add_test(loader, unknown_names_are_errors);
    tcase_add_test(loader, values_of_the_wrong_kind_are_errors);
    tcase_add_test(loader, data_errors);
    tcase_add_test(loader, data_is_read_exactly);
    tcase_add_test(loader, files_that_are_not_case_files);
    tcase_add_test(loader, old_data_notes_and_disagreements);
    tcase_add_test(loader, expected_errors);
    tcase_add_test(loader, case_extensions_are_read_strictly);
    tcase_add_test(loader, spec_and_notes_are_kept);
    tcase_add_test(loader, descriptor_only_outputs);
    tcase_add_test(loader, case_tolerance_for_any_operator);
    tcase_set_timeout(loader, 120);
    tcase_add_test(loader, fuzz_garbled_cases);
    tcase_set_timeout(numbers, 60);
    tcase_add_test(numbers, float16_conversion_rounds_to_nearest_even);
    tcase_add_test(numbers, float32_conversion_handles_overflow);
    tcase_add_test(numbers, ulp_distances_follow_the_suite);
    tcase_add_test(numbers, judging_floats);
    tcase_add_test(numbers, judging_integers);
    tcase_add_test(numbers, masked_and_bare_number_elements);
    tcase_set_timeout(wpt, 120);
    tcase_add_test(wpt, binary_wpt_files_pass);
    tcase_add_test(wpt, every_wpt_case_is_read);
    tcase_add_test(wpt, wrong_results_are_caught);
    tcase_add_test(wpt, written_outputs_read_back);
    suite_add_tcase(s, loader);
    suite_add_tcase(s, numbers);
    suite_add_tcase(s, wpt);
    return s;
}

TH_MAIN(conformance_suite)
