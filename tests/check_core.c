/* tests/check_core.c - the core API: float16 conversion, the cast algorithm for scalar
 * constants, input/constant/build/dispatch checks and API misuse. */
#include "harness.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Read back a scalar constant through clamp (an exact copy for every type). */
static th_result scalar_value(WNNOperandDataType type, WNNNumber value)
{
    th_env env;
    WNNOperand c, out;
    th_result r;
    th_init(&env);
    ck_assert_int_eq(wnnGraphBuilderConstantScalar(env.builder, type, value, &c),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderClamp(env.builder, c, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    th_free(&env);
    return r;
}

START_TEST(float16_round_trips_every_encoding)
{
    /* Every non-NaN binary16 pattern passes through a graph (input -> clamp -> output)
     * unchanged, and its value is the exact double the test computes independently. */
    static uint16_t bits[65536];
    th_env env;
    uint32_t shape[1] = {65536};
    WNNOperand x, out;
    th_result r;
    size_t i;
    for (i = 0; i < 65536; i++)
        bits[i] = (uint16_t)i;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float16, shape, 1, bits);
    ck_assert_int_eq(wnnGraphBuilderClamp(env.builder, x, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    for (i = 0; i < 65536; i++) {
        uint16_t got = ((uint16_t *)r.data)[i];
        int isNaN = (i & 0x7C00) == 0x7C00 && (i & 0x3FF);
        if (isNaN)
            ck_assert_msg((got & 0x7C00) == 0x7C00 && (got & 0x3FF), "NaN %04lx lost",
                          (unsigned long)i);
        else
            ck_assert_msg(got == i, "float16 %04lx came back as %04x", (unsigned long)i, got);
    }
    th_result_free(&r);
    th_free(&env);
}
END_TEST

static const struct {
    double value;
    uint16_t bits;
} f16_cases[] = {
    {1.0, 0x3C00},         {-2.0, 0xC000},        {65504.0, 0x7BFF},      {65519.99, 0x7BFF},
    {65520.0, 0x7C00},     {1e9, 0x7C00},         {-1e9, 0xFC00},         {0x1p-24, 0x0001},
    {0x1p-25, 0x0000},     {0x1.8p-25, 0x0001},   {0x3p-25, 0x0002},      {-0x1p-25, 0x8000},
    {0x1p-14, 0x0400},     {0x1.ffcp-15, 0x0400}, {1.0 + 0x1p-11, 0x3C00}, {1.0 + 0x3p-11, 0x3C02},
    {-0.0, 0x8000},        {INFINITY, 0x7C00},    {0.1, 0x2E66},          {1e-5, 0x00A8},
};

START_TEST(float16_rounding_of_scalar_constants)
{
    size_t i;
    for (i = 0; i < sizeof f16_cases / sizeof f16_cases[0]; i++) {
        th_result r = scalar_value(WNNOperandDataType_Float16, wnnNumberFromDouble(f16_cases[i].value));
        ck_assert_msg(((uint16_t *)r.data)[0] == f16_cases[i].bits, "%a -> %04x, want %04x",
                      f16_cases[i].value, ((uint16_t *)r.data)[0], f16_cases[i].bits);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(cast_algorithm_saturates_and_rounds_half_even)
{
    static const struct {
        WNNOperandDataType type;
        double value;
        double want;
    } cases[] = {
        {WNNOperandDataType_Int8, 300.0, 127.0},    {WNNOperandDataType_Int8, -300.0, -128.0},
        {WNNOperandDataType_Int8, 2.5, 2.0},        {WNNOperandDataType_Int8, 3.5, 4.0},
        {WNNOperandDataType_Int8, -2.5, -2.0},      {WNNOperandDataType_Int8, NAN, 0.0},
        {WNNOperandDataType_Int8, -0.0, 0.0},       {WNNOperandDataType_Uint8, -1.0, 0.0},
        {WNNOperandDataType_Uint8, 255.5, 255.0},   {WNNOperandDataType_Uint8, 254.5, 254.0},
        {WNNOperandDataType_Uint8, INFINITY, 255.0}, {WNNOperandDataType_Int32, 1e10, 2147483647.0},
        {WNNOperandDataType_Int32, -1e10, -2147483648.0},
        /* uint32 uses unsigned bounds (the text's signed bounds are a drafting error) */
        {WNNOperandDataType_Uint32, 3e9, 3e9},      {WNNOperandDataType_Uint32, 5e9, 4294967295.0},
        {WNNOperandDataType_Int32, 0.5, 0.0},       {WNNOperandDataType_Int32, 1.5, 2.0},
        {WNNOperandDataType_Float32, 0.1, (double)0.1f},
        {WNNOperandDataType_Float32, 1e39, INFINITY}, {WNNOperandDataType_Float32, -1e39, -INFINITY},
        {WNNOperandDataType_Float32, 0x1.ffffffp127, INFINITY},
        {WNNOperandDataType_Float32, 0x1.fffffefp127, (double)FLT_MAX},
        {WNNOperandDataType_Float32, -0.0, -0.0},   {WNNOperandDataType_Float32, -1e-50, -0.0},
        {WNNOperandDataType_Float32, NAN, NAN},     {WNNOperandDataType_Float32, 0x1p-150, 0.0},
        {WNNOperandDataType_Float32, 0x1.8p-150, 0x1p-149},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        th_result r = scalar_value(cases[i].type, wnnNumberFromDouble(cases[i].value));
        ck_assert_msg(th_same(th_get(&r, 0), cases[i].want), "case %lu: %a -> %a, want %a",
                      (unsigned long)i, cases[i].value, th_get(&r, 0), cases[i].want);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(cast_algorithm_is_exact_for_64_bit_integers)
{
    th_result r;
    r = scalar_value(WNNOperandDataType_Int64, wnnNumberFromInt64(9007199254740993LL));
    ck_assert(((int64_t *)r.data)[0] == 9007199254740993LL);
    th_result_free(&r);
    r = scalar_value(WNNOperandDataType_Int64, wnnNumberFromUint64(18446744073709551615ULL));
    ck_assert(((int64_t *)r.data)[0] == INT64_MAX);
    th_result_free(&r);
    r = scalar_value(WNNOperandDataType_Uint64, wnnNumberFromUint64(18446744073709551615ULL));
    ck_assert(((uint64_t *)r.data)[0] == 18446744073709551615ULL);
    th_result_free(&r);
    r = scalar_value(WNNOperandDataType_Uint64, wnnNumberFromInt64(-5));
    ck_assert(((uint64_t *)r.data)[0] == 0);
    th_result_free(&r);
    r = scalar_value(WNNOperandDataType_Int64, wnnNumberFromDouble(9.3e18));
    ck_assert(((int64_t *)r.data)[0] == INT64_MAX);
    th_result_free(&r);
    r = scalar_value(WNNOperandDataType_Uint64, wnnNumberFromDouble(1.9e19));
    ck_assert(((uint64_t *)r.data)[0] == UINT64_MAX);
    th_result_free(&r);
    r = scalar_value(WNNOperandDataType_Int8, wnnNumberFromInt64(INT64_MIN));
    ck_assert_int_eq(((int8_t *)r.data)[0], -128);
    th_result_free(&r);
    /* int64 -> float32 is rounded once from the exact integer: 2^24 + 1 is a tie -> 2^24 */
    r = scalar_value(WNNOperandDataType_Float32, wnnNumberFromInt64(16777217));
    ck_assert(th_same(th_get(&r, 0), 16777216.0));
    th_result_free(&r);
    /* 2^53 + 1 as int64 -> float32 rounds to 2^53 (not via a double tie) */
    r = scalar_value(WNNOperandDataType_Float32, wnnNumberFromInt64(9007199254740993LL));
    ck_assert(th_same(th_get(&r, 0), 9007199254740992.0));
    th_result_free(&r);
    r = scalar_value(WNNOperandDataType_Float16, wnnNumberFromUint64(70000));
    ck_assert(th_same(th_get(&r, 0), INFINITY));
    th_result_free(&r);
}
END_TEST

START_TEST(input_and_constant_validation)
{
    th_env env;
    WNNOperandDescriptor d;
    uint32_t shape[17] = {2, 3};
    float data[6] = {0};
    int8_t int4data[2] = {7, 8};
    WNNOperand o = NULL, first;
    size_t i;
    th_init(&env);
    d.dataType = WNNOperandDataType_Float32;
    d.shape = shape;
    d.shapeCount = 2;
    th_assert_status(&env, wnnGraphBuilderInput(env.builder, "", &d, &o), WNNStatus_TypeError,
                     "input: the name must not be empty");
    ck_assert_int_eq(wnnGraphBuilderInput(env.builder, "x", &d, &first), WNNStatus_Success);
    th_assert_status(&env, wnnGraphBuilderInput(env.builder, "x", &d, &o), WNNStatus_TypeError,
                     "already has the name");
    th_assert_status(&env, wnnGraphBuilderInput(env.builder, NULL, &d, &o),
                     WNNStatus_InvalidArgument, "must not be NULL");
    d.dataType = (WNNOperandDataType)42;
    th_assert_status(&env, wnnGraphBuilderInput(env.builder, "y", &d, &o), WNNStatus_TypeError,
                     "not an MLOperandDataType, got 42");
    d.dataType = WNNOperandDataType_Float32;
    for (i = 0; i < 17; i++)
        shape[i] = 1;
    d.shapeCount = 17;
    th_assert_status(&env, wnnGraphBuilderInput(env.builder, "y", &d, &o), WNNStatus_TypeError,
                     "maximum of 16, got 17");
    d.shapeCount = 1;
    shape[0] = 2147483648u;
    th_assert_status(&env, wnnGraphBuilderInput(env.builder, "y", &d, &o), WNNStatus_TypeError,
                     "exceeds 2^31-1, got 2147483648");
    shape[0] = 65536;
    shape[1] = 32768;
    d.shapeCount = 2;
    th_assert_status(&env, wnnGraphBuilderInput(env.builder, "y", &d, &o), WNNStatus_TypeError,
                     "element count exceeds 2^31-1");
    /* a zero dimension makes an empty tensor, whatever the other dimensions */
    shape[0] = 0;
    shape[1] = 2147483647u;
    ck_assert_int_eq(wnnGraphBuilderInput(env.builder, "empty", &d, &o), WNNStatus_Success);
    shape[0] = 2;
    shape[1] = 3;
    th_assert_status(&env, wnnGraphBuilderConstant(env.builder, &d, data, 20, &o),
                     WNNStatus_TypeError, "byte length must be 24, got 20");
    d.dataType = WNNOperandDataType_Int4;
    d.shapeCount = 1;
    shape[0] = 2;
    th_assert_status(&env, wnnGraphBuilderConstant(env.builder, &d, int4data, 2, &o),
                     WNNStatus_TypeError, "outside its 4-bit range");
    ck_assert_ptr_null(o == first ? NULL : NULL);
    th_free(&env);
}
END_TEST

START_TEST(build_checks)
{
    th_env env, other;
    uint32_t shape[1] = {2};
    float data[2] = {1.0f, 2.0f};
    WNNOperand x, y, c, foreign;
    WNNNamedOperand named[2];
    WNNGraph g = NULL;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, shape, 1, data);
    c = th_constant(&env, WNNOperandDataType_Float32, shape, 1, data);
    foreign = th_input(&other, WNNOperandDataType_Float32, shape, 1, data);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, c, NULL, &y), WNNStatus_Success);
    th_assert_status(&env, wnnGraphBuilderBuild(env.builder, 0, named, &g), WNNStatus_TypeError,
                     "outputs must not be empty");
    named[0].name = "";
    named[0].operand = y;
    th_assert_status(&env, wnnGraphBuilderBuild(env.builder, 1, named, &g), WNNStatus_TypeError,
                     "empty name");
    named[0].name = "x";
    named[0].operand = x;
    th_assert_status(&env, wnnGraphBuilderBuild(env.builder, 1, named, &g), WNNStatus_TypeError,
                     "is a graph input; wrap it with identity()");
    named[0].operand = c;
    th_assert_status(&env, wnnGraphBuilderBuild(env.builder, 1, named, &g), WNNStatus_TypeError,
                     "is a graph constant");
    named[0].operand = foreign;
    th_assert_status(&env, wnnGraphBuilderBuild(env.builder, 1, named, &g), WNNStatus_TypeError,
                     "not an operand of this builder");
    named[0].operand = y;
    named[1].name = "x";
    named[1].operand = y;
    th_assert_status(&env, wnnGraphBuilderBuild(env.builder, 2, named, &g), WNNStatus_TypeError,
                     "two outputs have the same name");
    ck_assert_ptr_null(g);
    named[1].name = "again";
    ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 2, named, &g), WNNStatus_Success);
    th_assert_status(&env, wnnGraphBuilderBuild(env.builder, 1, named, &g),
                     WNNStatus_InvalidStateError, "already built");
    th_assert_status(&env, wnnGraphBuilderInput(env.builder, "z", NULL, &x),
                     WNNStatus_InvalidArgument, NULL);
    ck_assert_int_eq(wnnGraphBuilderBuild(NULL, 1, named, &g), WNNStatus_InvalidArgument);
    /* the graph outlives its builder */
    th_free(&env);
    wnnGraphRelease(g);
    th_free(&other);
}
END_TEST

/* A graph y = x0 + x1 with an unreachable input u, for dispatch checks. */
START_TEST(dispatch_checks)
{
    WNNContext ctx, otherCtx;
    WNNGraphBuilder b;
    WNNOperandDescriptor d;
    WNNTensorDescriptor td;
    uint32_t shape[1] = {2}, shape3[1] = {3};
    WNNOperand x0, x1, u, y;
    WNNNamedOperand named;
    WNNGraph g;
    WNNTensor t0, t1, tu, ty, bad, ro, foreign;
    WNNNamedTensor in[3], out[2];
    float a[2] = {1.5f, 2.0f}, bb[2] = {0.25f, -4.0f}, got[2];
    uint8_t mask[2];
    size_t unspecified = 9;
    ck_assert_int_eq(wnnCreateContext(NULL, &ctx), WNNStatus_Success);
    ck_assert_int_eq(wnnCreateContext(NULL, &otherCtx), WNNStatus_Success);
    ck_assert_int_eq(wnnCreateGraphBuilder(ctx, &b), WNNStatus_Success);
    d.dataType = WNNOperandDataType_Float32;
    d.shape = shape;
    d.shapeCount = 1;
    ck_assert_int_eq(wnnGraphBuilderInput(b, "x0", &d, &x0), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "x1", &d, &x1), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "u", &d, &u), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderAdd(b, x0, x1, NULL, &y), WNNStatus_Success);
    named.name = "y";
    named.operand = y;
    ck_assert_int_eq(wnnGraphBuilderBuild(b, 1, &named, &g), WNNStatus_Success);
    td.dataType = WNNOperandDataType_Float32;
    td.shape = shape;
    td.shapeCount = 1;
    td.readable = 0;
    td.writable = 1;
    ck_assert_int_eq(wnnContextCreateTensor(ctx, &td, &t0), WNNStatus_Success);
    ck_assert_int_eq(wnnContextCreateTensor(ctx, &td, &t1), WNNStatus_Success);
    ck_assert_int_eq(wnnContextCreateTensor(ctx, &td, &tu), WNNStatus_Success);
    ck_assert_int_eq(wnnContextCreateTensor(otherCtx, &td, &foreign), WNNStatus_Success);
    td.readable = 1;
    td.writable = 0;
    ck_assert_int_eq(wnnContextCreateTensor(ctx, &td, &ty), WNNStatus_Success);
    ck_assert_int_eq(wnnContextCreateTensor(ctx, &td, &ro), WNNStatus_Success);
    td.shape = shape3;
    ck_assert_int_eq(wnnContextCreateTensor(ctx, &td, &bad), WNNStatus_Success);
    ck_assert_int_eq(wnnContextWriteTensor(ctx, t0, a, sizeof a), WNNStatus_Success);
    ck_assert_int_eq(wnnContextWriteTensor(ctx, t1, bb, sizeof bb), WNNStatus_Success);
    ck_assert_int_eq(wnnContextWriteTensor(ctx, ro, a, sizeof a), WNNStatus_TypeError);
    ck_assert(strstr(wnnContextGetErrorMessage(ctx), "not created writable"));
    ck_assert_int_eq(wnnContextWriteTensor(ctx, t0, a, 4), WNNStatus_TypeError);
    ck_assert_int_eq(wnnContextReadTensor(ctx, t0, got, sizeof got), WNNStatus_TypeError);
    ck_assert(strstr(wnnContextGetErrorMessage(ctx), "not created readable"));
    in[0].name = "x0"; in[0].tensor = t0;
    in[1].name = "x1"; in[1].tensor = t1;
    in[2].name = "u"; in[2].tensor = tu;
    out[0].name = "y"; out[0].tensor = ty;
    /* the unreachable input u is not a graph input: binding it is an error */
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 3, in, 1, out), WNNStatus_TypeError);
    ck_assert(strstr(wnnContextGetErrorMessage(ctx), "the graph has 2 inputs, got 3"));
    /* missing input */
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 1, in, 1, out), WNNStatus_TypeError);
    /* a wrong name */
    in[1].name = "nope";
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 2, in, 1, out), WNNStatus_TypeError);
    ck_assert(strstr(wnnContextGetErrorMessage(ctx), "no input named \"nope\""));
    in[1].name = "x1";
    /* the same name twice */
    in[1].name = "x0";
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 2, in, 1, out), WNNStatus_TypeError);
    in[1].name = "x1";
    /* a mistyped (wrong shape) output */
    out[0].tensor = bad;
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 2, in, 1, out), WNNStatus_TypeError);
    ck_assert(strstr(wnnContextGetErrorMessage(ctx), "must be float32 [2], got float32 [3]"));
    /* a tensor bound twice */
    out[0].tensor = t0;
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 2, in, 1, out), WNNStatus_TypeError);
    ck_assert(strstr(wnnContextGetErrorMessage(ctx), "bound twice"));
    /* a tensor of another context */
    out[0].tensor = foreign;
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 2, in, 1, out), WNNStatus_TypeError);
    /* an extra output */
    out[0].tensor = ty;
    out[1].name = "z";
    out[1].tensor = ro;
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 2, in, 2, out), WNNStatus_TypeError);
    /* the graph of another context */
    ck_assert_int_eq(wnnContextDispatch(otherCtx, g, 2, in, 1, out), WNNStatus_TypeError);
    ck_assert_int_eq(wnnContextDispatch(NULL, g, 2, in, 1, out), WNNStatus_InvalidArgument);
    ck_assert_int_eq(wnnContextDispatch(ctx, NULL, 2, in, 1, out), WNNStatus_InvalidArgument);
    /* and finally the right call */
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 2, in, 1, out), WNNStatus_Success);
    ck_assert_int_eq(wnnContextReadTensor(ctx, ty, got, sizeof got), WNNStatus_Success);
    ck_assert(got[0] == 1.75f && got[1] == -2.0f);
    ck_assert_int_eq(wnnContextReadTensorUnspecifiedMask(ctx, ty, mask, 2, &unspecified),
                     WNNStatus_Success);
    ck_assert_uint_eq(unspecified, 0);
    wnnTensorRelease(t0); wnnTensorRelease(t1); wnnTensorRelease(tu); wnnTensorRelease(ty);
    wnnTensorRelease(bad); wnnTensorRelease(ro); wnnTensorRelease(foreign);
    wnnTensorRelease(NULL);
    wnnGraphRelease(g);
    wnnGraphBuilderRelease(b);
    wnnContextRelease(ctx);
    wnnContextRelease(otherCtx);
}
END_TEST

START_TEST(constant_tensors)
{
    WNNContext ctx, otherCtx;
    WNNGraphBuilder b;
    WNNOperandDescriptor d;
    uint32_t shape[1] = {2};
    float data[2] = {3.0f, 4.0f};
    WNNTensor ct, plain, foreign;
    WNNTensorDescriptor td;
    WNNOperand c, y;
    ck_assert_int_eq(wnnCreateContext(NULL, &ctx), WNNStatus_Success);
    ck_assert_int_eq(wnnCreateContext(NULL, &otherCtx), WNNStatus_Success);
    ck_assert_int_eq(wnnCreateGraphBuilder(ctx, &b), WNNStatus_Success);
    d.dataType = WNNOperandDataType_Float32;
    d.shape = shape;
    d.shapeCount = 1;
    ck_assert_int_eq(wnnContextCreateConstantTensor(ctx, &d, data, 7, &ct), WNNStatus_TypeError);
    ck_assert_int_eq(wnnContextCreateConstantTensor(ctx, &d, data, 8, &ct), WNNStatus_Success);
    ck_assert_int_eq(wnnContextCreateConstantTensor(otherCtx, &d, data, 8, &foreign),
                     WNNStatus_Success);
    td.dataType = WNNOperandDataType_Float32;
    td.shape = shape;
    td.shapeCount = 1;
    td.readable = td.writable = 1;
    ck_assert_int_eq(wnnContextCreateTensor(ctx, &td, &plain), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderConstantTensor(b, plain, &c), WNNStatus_TypeError);
    ck_assert(strstr(wnnGraphBuilderGetErrorMessage(b), "not created by createConstantTensor"));
    ck_assert_int_eq(wnnGraphBuilderConstantTensor(b, foreign, &c), WNNStatus_TypeError);
    ck_assert_int_eq(wnnGraphBuilderConstantTensor(b, ct, &c), WNNStatus_Success);
    wnnTensorRelease(ct); /* the builder holds its own copy */
    ck_assert_int_eq(wnnGraphBuilderAdd(b, c, c, NULL, &y), WNNStatus_Success);
    {
        WNNNamedOperand named;
        WNNNamedTensor out;
        WNNGraph g;
        float got[2];
        named.name = "y";
        named.operand = y;
        ck_assert_int_eq(wnnGraphBuilderBuild(b, 1, &named, &g), WNNStatus_Success);
        out.name = "y";
        out.tensor = plain;
        ck_assert_int_eq(wnnContextDispatch(ctx, g, 0, NULL, 1, &out), WNNStatus_Success);
        ck_assert_int_eq(wnnContextReadTensor(ctx, plain, got, sizeof got), WNNStatus_Success);
        ck_assert(got[0] == 6.0f && got[1] == 8.0f);
        wnnGraphRelease(g);
    }
    wnnTensorRelease(plain);
    wnnTensorRelease(foreign);
    wnnGraphBuilderRelease(b);
    wnnContextRelease(ctx);
    wnnContextRelease(otherCtx);
}
END_TEST

START_TEST(magnitude_evaluation_reads_absolute_values)
{
    /* y = a + b normally gives 1 and -1; the magnitude evaluation gives |a| + |b| = 5. */
    WNNContext ctx;
    WNNGraphBuilder b;
    WNNOperandDescriptor d;
    WNNTensorDescriptor td;
    uint32_t shape[1] = {2};
    float av[2] = {-2.0f, 2.0f}, bv[2] = {3.0f, -3.0f}, got[2];
    WNNOperand a, c, y;
    WNNNamedOperand named;
    WNNNamedTensor out;
    WNNGraph g;
    WNNTensor t;
    ck_assert_int_eq(wnnCreateContext(NULL, &ctx), WNNStatus_Success);
    ck_assert_int_eq(wnnCreateGraphBuilder(ctx, &b), WNNStatus_Success);
    d.dataType = WNNOperandDataType_Float32;
    d.shape = shape;
    d.shapeCount = 1;
    ck_assert_int_eq(wnnGraphBuilderConstant(b, &d, av, sizeof av, &a), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderConstant(b, &d, bv, sizeof bv, &c), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderAdd(b, a, c, NULL, &y), WNNStatus_Success);
    named.name = "y";
    named.operand = y;
    ck_assert_int_eq(wnnGraphBuilderBuild(b, 1, &named, &g), WNNStatus_Success);
    td.dataType = WNNOperandDataType_Float32;
    td.shape = shape;
    td.shapeCount = 1;
    td.readable = 1;
    td.writable = 0;
    ck_assert_int_eq(wnnContextCreateTensor(ctx, &td, &t), WNNStatus_Success);
    out.name = "y";
    out.tensor = t;
    ck_assert_int_eq(wnnContextDispatch(ctx, g, 0, NULL, 1, &out), WNNStatus_Success);
    ck_assert_int_eq(wnnContextReadTensor(ctx, t, got, sizeof got), WNNStatus_Success);
    ck_assert(got[0] == 1.0f && got[1] == -1.0f);
    ck_assert_int_eq(wnnContextDispatchMagnitudes(ctx, g, 0, NULL, 1, &out), WNNStatus_Success);
    ck_assert_int_eq(wnnContextReadTensor(ctx, t, got, sizeof got), WNNStatus_Success);
    ck_assert(got[0] == 5.0f && got[1] == 5.0f);
    ck_assert_int_eq(wnnContextDispatchMagnitudes(ctx, g, 1, &out, 0, NULL), WNNStatus_TypeError);
    wnnTensorRelease(t);
    wnnGraphRelease(g);
    wnnGraphBuilderRelease(b);
    wnnContextRelease(ctx);
}
END_TEST

/* What the observer of a dispatch saw. */
typedef struct seen_ops {
    int begins, ends;
    char order[64];
    float lastValue;
    size_t lastCount;
} seen_ops;

static void seen_begin(void *user, size_t index, const char *op, const char *label)
{
    seen_ops *s = (seen_ops *)user;
    ck_assert_uint_eq(index, (size_t)s->ends); /* each begin comes before its end */
    (void)op;
    (void)label;
    s->begins++;
}

static void seen_end(void *user, size_t index, const char *op, const char *label,
                     size_t outputCount, const WNNObservedTensor *outputs)
{
    seen_ops *s = (seen_ops *)user;
    size_t n = strlen(s->order);
    ck_assert_uint_eq(index, (size_t)s->ends);
    ck_assert_uint_eq(outputCount, 1);
    ck_assert_int_eq(outputs[0].dataType, WNNOperandDataType_Float32);
    ck_assert_uint_eq(outputs[0].shapeCount, 1);
    snprintf(s->order + n, sizeof s->order - n, "%s%s[%s]", n ? " " : "", op, label);
    s->lastCount = outputs[0].count;
    s->lastValue = ((const float *)outputs[0].data)[1];
    s->ends++;
}

START_TEST(observed_dispatch_reports_every_operator)
{
    /* y = relu(neg(a)) with the unused z = abs(a) not evaluated; the observer sees neg, then
     * relu, with their labels and outputs, and the result is the plain dispatch's. */
    WNNContext ctx;
    WNNGraphBuilder b;
    WNNOperandDescriptor d;
    WNNTensorDescriptor td;
    WNNOperatorOptions first = WNN_OPERATOR_OPTIONS_INIT, second = WNN_OPERATOR_OPTIONS_INIT;
    uint32_t shape[1] = {2};
    float av[2] = {-2.0f, 3.0f}, got[2];
    WNNOperand a, n, y, z;
    WNNNamedOperand named;
    WNNNamedTensor out;
    WNNDispatchObserver observer;
    seen_ops seen;
    WNNGraph g;
    WNNTensor t;
    memset(&seen, 0, sizeof seen);
    first.label = "first";
    second.label = "second";
    ck_assert_int_eq(wnnCreateContext(NULL, &ctx), WNNStatus_Success);
    ck_assert_int_eq(wnnCreateGraphBuilder(ctx, &b), WNNStatus_Success);
    d.dataType = WNNOperandDataType_Float32;
    d.shape = shape;
    d.shapeCount = 1;
    ck_assert_int_eq(wnnGraphBuilderConstant(b, &d, av, sizeof av, &a), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderAbs(b, a, NULL, &z), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderNeg(b, a, &first, &n), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderRelu(b, n, &second, &y), WNNStatus_Success);
    named.name = "y";
    named.operand = y;
    ck_assert_int_eq(wnnGraphBuilderBuild(b, 1, &named, &g), WNNStatus_Success);
    td.dataType = WNNOperandDataType_Float32;
    td.shape = shape;
    td.shapeCount = 1;
    td.readable = 1;
    td.writable = 0;
    ck_assert_int_eq(wnnContextCreateTensor(ctx, &td, &t), WNNStatus_Success);
    out.name = "y";
    out.tensor = t;
    observer.userData = &seen;
    observer.operatorBegin = seen_begin;
    observer.operatorEnd = seen_end;
    ck_assert_int_eq(wnnContextDispatchObserved(ctx, g, 0, NULL, 1, &out, &observer),
                     WNNStatus_Success);
    ck_assert_str_eq(seen.order, "neg[first] relu[second]");
    ck_assert_int_eq(seen.begins, 2);
    ck_assert_uint_eq(seen.lastCount, 2);
    ck_assert(seen.lastValue == 0.0f);
    ck_assert_int_eq(wnnContextReadTensor(ctx, t, got, sizeof got), WNNStatus_Success);
    ck_assert(got[0] == 2.0f && got[1] == 0.0f);
    /* a NULL observer, or one without functions, is a plain dispatch */
    ck_assert_int_eq(wnnContextDispatchObserved(ctx, g, 0, NULL, 1, &out, NULL), WNNStatus_Success);
    observer.operatorBegin = NULL;
    observer.operatorEnd = NULL;
    ck_assert_int_eq(wnnContextDispatchObserved(ctx, g, 0, NULL, 1, &out, &observer),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnContextDispatchObserved(ctx, g, 1, &out, 0, NULL, &observer),
                     WNNStatus_TypeError);
    wnnTensorRelease(t);
    wnnGraphRelease(g);
    wnnGraphBuilderRelease(b);
    wnnContextRelease(ctx);
}
END_TEST

START_TEST(names_of_statuses_and_types)
{
    th_env env;
    WNNOperand out = NULL;
    th_init(&env);
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, NULL, NULL, NULL, &out),
                     WNNStatus_TypeError, "matmul: a is NULL");
    ck_assert_str_eq(wnnStatusString(WNNStatus_TypeError), "TypeError");
    ck_assert_str_eq(wnnOperandDataTypeString(WNNOperandDataType_Uint64), "uint64");
    ck_assert_ptr_null(wnnOperandDataTypeString((WNNOperandDataType)99));
    th_free(&env);
}
END_TEST

static Suite *core_suite(void)
{
    Suite *s = suite_create("core");
    TCase *t = tcase_create("core");
    tcase_add_test(t, float16_round_trips_every_encoding);
    tcase_add_test(t, float16_rounding_of_scalar_constants);
    tcase_add_test(t, cast_algorithm_saturates_and_rounds_half_even);
    tcase_add_test(t, cast_algorithm_is_exact_for_64_bit_integers);
    tcase_add_test(t, input_and_constant_validation);
    tcase_add_test(t, build_checks);
    tcase_add_test(t, dispatch_checks);
    tcase_add_test(t, constant_tensors);
    tcase_add_test(t, magnitude_evaluation_reads_absolute_values);
    tcase_add_test(t, observed_dispatch_reports_every_operator);
    tcase_add_test(t, names_of_statuses_and_types);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(core_suite)
