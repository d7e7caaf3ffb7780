/* tests/check_activation.c - elu, gelu, hardSigmoid, hardSwish, leakyRelu, linear, relu,
 * prelu, sigmoid, softplus, softsign, tanh. */
#include "harness.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* C99 defines NAN and INFINITY as float constants; these are their double spellings. */
#define NAN_D ((double)NAN)
#define INF_D ((double)INFINITY)

#define F32 WNNOperandDataType_Float32
#define F16 WNNOperandDataType_Float16

enum { ELU, GELU, HARD_SIGMOID, HARD_SWISH, LEAKY_RELU, LINEAR, RELU, SIGMOID, SOFTPLUS,
       SOFTSIGN, TANH, OP_COUNT };

/* One builder call: opt is NULL for the defaults, else {alpha, beta}. */
static WNNStatus build_op(int op, WNNGraphBuilder b, WNNOperand x, const double *opt,
                          const char *label, WNNOperand *out)
{
    WNNOperatorOptions plain = WNN_OPERATOR_OPTIONS_INIT;
    plain.label = label;
    switch (op) {
    case ELU: {
        WNNEluOptions o = WNN_ELU_OPTIONS_INIT;
        o.label = label;
        if (opt)
            o.alpha = opt[0];
        return wnnGraphBuilderElu(b, x, &o, out);
    }
    case HARD_SIGMOID: {
        WNNHardSigmoidOptions o = WNN_HARD_SIGMOID_OPTIONS_INIT;
        o.label = label;
        if (opt) {
            o.alpha = opt[0];
            o.beta = opt[1];
        }
        return wnnGraphBuilderHardSigmoid(b, x, &o, out);
    }
    case LEAKY_RELU: {
        WNNLeakyReluOptions o = WNN_LEAKY_RELU_OPTIONS_INIT;
        o.label = label;
        if (opt)
            o.alpha = opt[0];
        return wnnGraphBuilderLeakyRelu(b, x, &o, out);
    }
    case LINEAR: {
        WNNLinearOptions o = WNN_LINEAR_OPTIONS_INIT;
        o.label = label;
        if (opt) {
            o.alpha = opt[0];
            o.beta = opt[1];
        }
        return wnnGraphBuilderLinear(b, x, &o, out);
    }
    case GELU: return wnnGraphBuilderGelu(b, x, label ? &plain : NULL, out);
    case HARD_SWISH: return wnnGraphBuilderHardSwish(b, x, label ? &plain : NULL, out);
    case RELU: return wnnGraphBuilderRelu(b, x, label ? &plain : NULL, out);
    case SIGMOID: return wnnGraphBuilderSigmoid(b, x, label ? &plain : NULL, out);
    case SOFTPLUS: return wnnGraphBuilderSoftplus(b, x, label ? &plain : NULL, out);
    case SOFTSIGN: return wnnGraphBuilderSoftsign(b, x, label ? &plain : NULL, out);
    default: return wnnGraphBuilderTanh(b, x, label ? &plain : NULL, out);
    }
}

static const struct {
    const char *name;
    int options;          /* how many of alpha, beta */
    double defaults[2];   /* the spec's defaults */
    int nanIsUnspecified; /* written with max(0, x) / min(0, x) */
} ops[OP_COUNT] = {
    {"elu", 1, {1.0, 0.0}, 1},         {"gelu", 0, {0.0, 0.0}, 0},
    {"hardSigmoid", 2, {0.2, 0.5}, 1}, {"hardSwish", 0, {0.0, 0.0}, 0},
    {"leakyRelu", 1, {0.01, 0.0}, 1},  {"linear", 2, {1.0, 0.0}, 0},
    {"relu", 0, {0.0, 0.0}, 1},        {"sigmoid", 0, {0.0, 0.0}, 0},
    {"softplus", 0, {0.0, 0.0}, 0},    {"softsign", 0, {0.0, 0.0}, 0},
    {"tanh", 0, {0.0, 0.0}, 0},
};

static void run_op(int op, WNNOperandDataType type, const void *data, size_t n,
                   const double *opt, th_result *r)
{
    th_env env;
    uint32_t shape[1];
    WNNOperand x, out;
    th_init(&env);
    shape[0] = (uint32_t)n;
    x = th_input(&env, type, shape, 1, data);
    ck_assert_msg(build_op(op, env.builder, x, opt, NULL, &out) == WNNStatus_Success, "%s",
                  wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

static double f16_round(double v)
{
    uint16_t bits;
    th_result r;
    th_pack(F16, &v, 1, &bits);
    r.type = F16;
    r.data = &bits;
    return th_get(&r, 0);
}

static double round_to(WNNOperandDataType type, long double v)
{
    if (type == F32)
        return (double)(float)v;
    return f16_round((double)v);
}

/* Whether x is an infinity. Not isinf(): for long double it compares with LDBL_MAX, which
 * overflows where long double arithmetic is emulated in double precision (valgrind). */
static int infinite_ld(long double x)
{
    return x == (long double)INFINITY || x == -(long double)INFINITY;
}

/* The textbook definitions, in long double, with the limits at the infinities written out.
 * a and b are alpha and beta already rounded to the input type (the spec's cast). */
static long double expect_ld(int op, long double x, long double a, long double b)
{
    long double v;
    if (isnan(x))
        return x;
    switch (op) {
    case ELU:
        if (x > 0)
            return x;
        /* x <= 0: max(0, x) = +0 plus a * (e^x - 1); +0 + -0 = +0 (elu(-0), or a = 0) */
        return x == 0 ? 0.0L : 0.0L + a * expm1l(x);
    case GELU:
        if (infinite_ld(x))
            return x > 0 ? x : -0.0L;
        return 0.5L * x * erfcl(-x / sqrtl(2.0L)); /* 1 + erf(z) = erfc(-z) */
    case HARD_SIGMOID:
        v = (a == 0 && infinite_ld(x)) ? b : a * x + b;
        return v >= 1 ? 1.0L : v > 0 ? v : 0.0L;
    case HARD_SWISH:
        if (x >= 3)
            return x;
        if (x <= -3)
            return -0.0L;
        return x * (x + 3) / 6;
    case LEAKY_RELU:
        if (x > 0)
            return x;
        if (x == 0 || (a == 0 && infinite_ld(x)))
            return 0.0L;
        return 0.0L + a * x; /* +0 + -0 = +0 when a = 0 */
    case LINEAR: return (a == 0 && infinite_ld(x)) ? b : a * x + b;
    case RELU: return x > 0 ? x : 0.0L;
    case SIGMOID: return 1.0L / (1.0L + expl(-x));
    case SOFTPLUS: return x > 0 ? x + log1pl(expl(-x)) : log1pl(expl(x));
    case SOFTSIGN:
        if (infinite_ld(x))
            return x > 0 ? 1.0L : -1.0L;
        return x / (1.0L + fabsl(x));
    default: return tanhl(x);
    }
}

static double cast_option(WNNOperandDataType type, double v)
{
    return type == F32 ? (double)(float)v : f16_round(v);
}

static const double grid32[] = {
    NAN_D, INF_D, -INF_D, 0.0, -0.0, 0x1p-149, -0x1p-149, (double)FLT_MAX, -(double)FLT_MAX, 0x1p-126,
    1.0, -1.0, 0.5, -0.5, 2.5, -2.5, 3.0, -3.0, 6.0, -6.0, 10.0, -10.0, 100.0, -100.0,
    -103.0, 20.0, -20.0, (double)0.1f, 1e-8, -1e-8, 50.0, -50.0, 2.75, -1.25};
#define GRID32_N (sizeof grid32 / sizeof grid32[0])

static const double grid16[] = {
    NAN_D, INF_D, -INF_D, 0.0, -0.0, 0x1p-24, -0x1p-24, 65504.0, -65504.0, 0x1p-14,
    1.0, -1.0, 0.5, -0.5, 2.5, -2.5, 3.0, -3.0, 6.0, -6.0, 10.0, -10.0, 100.0, -100.0,
    20.0, -20.0, 0.0999755859375, 2.75, -1.25, -11.0, 12.0};
#define GRID16_N (sizeof grid16 / sizeof grid16[0])

/* Run op over the grid of one type with options opt (NULL: defaults) and check every value
 * and mask bit. */
static void check_grid(int op, WNNOperandDataType type, const double *opt)
{
    const double *grid = type == F32 ? grid32 : grid16;
    size_t n = type == F32 ? GRID32_N : GRID16_N, i;
    float in32[64];
    uint16_t in16[64];
    double a = cast_option(type, opt ? opt[0] : ops[op].defaults[0]);
    double b = cast_option(type, opt ? opt[1] : ops[op].defaults[1]);
    th_result r;
    for (i = 0; i < n; i++)
        in32[i] = (float)grid[i];
    th_pack(F16, grid, n, in16);
    run_op(op, type, type == F32 ? (const void *)in32 : (const void *)in16, n, opt, &r);
    for (i = 0; i < n; i++) {
        double x = grid[i];
        double want = round_to(type, expect_ld(op, (long double)x, (long double)a,
                                               (long double)b));
        int masked = isnan(x) && ops[op].nanIsUnspecified;
        ck_assert_msg(th_same(th_get(&r, i), want), "%s %s(%a; %a, %a) = %a, want %a",
                      wnnOperandDataTypeString(type), ops[op].name, x, a, b, th_get(&r, i),
                      want);
        ck_assert_msg(r.mask[i] == masked, "%s(%a): mask %d", ops[op].name, x, r.mask[i]);
    }
    th_result_free(&r);
}

START_TEST(special_value_grids_default_options)
{
    int op;
    for (op = 0; op < OP_COUNT; op++) {
        check_grid(op, F32, NULL);
        check_grid(op, F16, NULL);
    }
}
END_TEST

START_TEST(special_value_grids_other_options)
{
    /* alpha/beta pairs that are not exact in either type, negative and zero ones */
    static const double options[][2] = {{0.3, -0.1}, {-2.5, 0.7}, {0.0, 0.25}, {1.0 / 3, 1.0}};
    int op;
    size_t k;
    for (op = 0; op < OP_COUNT; op++) {
        if (!ops[op].options)
            continue;
        for (k = 0; k < sizeof options / sizeof options[0]; k++) {
            check_grid(op, F32, options[k]);
            check_grid(op, F16, options[k]);
        }
    }
}
END_TEST

START_TEST(limits_and_signed_zeros)
{
    /* written out by hand, independent of the grid's formulas */
    static const float in[] = {-INF_D, INF_D, -0.0f, 0.0f};
    static const struct {
        int op;
        double want[4];
    } cases[] = {
        {ELU, {-1.0, INF_D, 0.0, 0.0}},        /* elu(-inf) = -alpha, elu(-0) = +0 */
        {GELU, {-0.0, INF_D, -0.0, 0.0}},      /* the limit at -inf, not -inf * 0 */
        {HARD_SIGMOID, {0.0, 1.0, 0.5, 0.5}},
        {HARD_SWISH, {-0.0, INF_D, -0.0, 0.0}}, /* x * 0 = -0 for x <= -3 */
        {LEAKY_RELU, {-INF_D, INF_D, 0.0, 0.0}},
        {LINEAR, {-INF_D, INF_D, 0.0, 0.0}}, /* -0 * 1 + 0 = +0 */
        {RELU, {0.0, INF_D, 0.0, 0.0}},        /* max(0, -0) = +0 */
        {SIGMOID, {0.0, 1.0, 0.5, 0.5}},
        {SOFTPLUS, {0.0, INF_D, 0.693147182464599609375, 0.693147182464599609375}},
        {SOFTSIGN, {-1.0, 1.0, -0.0, 0.0}},       /* not inf / inf */
        {TANH, {-1.0, 1.0, -0.0, 0.0}},
    };
    size_t k, i;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        th_result r;
        run_op(cases[k].op, F32, in, 4, NULL, &r);
        for (i = 0; i < 4; i++)
            ck_assert_msg(th_same(th_get(&r, i), cases[k].want[i]), "%s(%a) = %a, want %a",
                          ops[cases[k].op].name, (double)in[i], th_get(&r, i),
                          cases[k].want[i]);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(zero_coefficient_at_infinity_is_the_limit)
{
    /* alpha = 0: leakyRelu is relu, linear is the constant beta, hardSigmoid the constant
     * clamp(beta): their values at +-inf are those constants, not 0 * inf = NaN. */
    static const float in[] = {-INF_D, INF_D};
    static const double zero[2] = {0.0, 0.75};
    th_result r;
    run_op(LEAKY_RELU, F32, in, 2, zero, &r);
    ck_assert(th_same(th_get(&r, 0), 0.0));
    ck_assert(th_same(th_get(&r, 1), INF_D));
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    run_op(LINEAR, F32, in, 2, zero, &r);
    ck_assert(th_same(th_get(&r, 0), 0.75));
    ck_assert(th_same(th_get(&r, 1), 0.75));
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    run_op(HARD_SIGMOID, F32, in, 2, zero, &r);
    ck_assert(th_same(th_get(&r, 0), 0.75));
    ck_assert(th_same(th_get(&r, 1), 0.75));
    th_result_free(&r);
    run_op(ELU, F32, in, 2, zero, &r);
    ck_assert(th_same(th_get(&r, 0), 0.0)); /* +0 + 0 * (0 - 1) = +0 + -0 = +0 */
    ck_assert(th_same(th_get(&r, 1), INF_D));
    th_result_free(&r);
}
END_TEST

START_TEST(options_are_cast_to_the_input_type)
{
    th_result r;
    /* float16 linear, alpha 1/3 -> 1365 * 2^-12: 5 * alpha = 1.66626 rounds to 1706/1024
     * (5/3 itself would round to 1707/1024). */
    {
        static const double x[] = {5.0};
        static const double opt[2] = {1.0 / 3.0, 0.0};
        uint16_t bits[1];
        th_pack(F16, x, 1, bits);
        run_op(LINEAR, F16, bits, 1, opt, &r);
        ck_assert_msg(th_same(th_get(&r, 0), 1706.0 / 1024.0), "%a", th_get(&r, 0));
        th_result_free(&r);
    }
    /* float16 beta 1.5 * 2^-24 is a tie -> 2^-23; 2^-24 + 2^-23 = 3 * 2^-24 is exact
     * (uncast, 2.5 * 2^-24 would round to 2^-23). */
    {
        static const double x[] = {0x1p-24};
        static const double opt[2] = {1.0, 0x1.8p-24};
        uint16_t bits[1];
        th_pack(F16, x, 1, bits);
        run_op(LINEAR, F16, bits, 1, opt, &r);
        ck_assert_msg(th_same(th_get(&r, 0), 0x3p-24), "%a", th_get(&r, 0));
        th_result_free(&r);
    }
    /* float32 beta 2^-24 + 2^-60 -> 2^-24: 1 + 2^-24 is a tie -> 1 (uncast: 1 + 2^-23) */
    {
        static const float x[] = {1.0f};
        static const double opt[2] = {1.0, 0x1p-24 + 0x1p-60};
        run_op(LINEAR, F32, x, 1, opt, &r);
        ck_assert_msg(th_same(th_get(&r, 0), 1.0), "%a", th_get(&r, 0));
        th_result_free(&r);
    }
    /* float16 leakyRelu alpha 1e-8 -> +0: leakyRelu(-65504) = +0 (uncast: -6.55e-4);
     * elu likewise: elu(-1) = +0 + 0 * (e^-1 - 1) = +0 */
    {
        static const double x[] = {-65504.0, -1.0};
        static const double opt[2] = {1e-8, 0.0};
        uint16_t bits[2];
        th_pack(F16, x, 2, bits);
        run_op(LEAKY_RELU, F16, bits, 2, opt, &r);
        ck_assert_msg(th_same(th_get(&r, 0), 0.0), "%a", th_get(&r, 0));
        th_result_free(&r);
        run_op(ELU, F16, bits, 2, opt, &r);
        ck_assert_msg(th_same(th_get(&r, 1), 0.0), "%a", th_get(&r, 1));
        th_result_free(&r);
    }
    /* the default alpha 0.01 on float16 is 1311 * 2^-17 = 0.0100021362...: leakyRelu(-4)
     * rounds 4 * that to the float16 grid of [2^-5, 2^-4) */
    {
        static const double x[] = {-4.0};
        uint16_t bits[1];
        double want = -f16_round(4.0 * f16_round(0.01));
        th_pack(F16, x, 1, bits);
        run_op(LEAKY_RELU, F16, bits, 1, NULL, &r);
        ck_assert(want == -1311.0 * 0x1p-15);
        ck_assert_msg(th_same(th_get(&r, 0), want), "%a", th_get(&r, 0));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(options_cast_to_infinity)
{
    /* alpha 1e5 is finite as a double but casts to +inf in float16 (and 1e300 in float32):
     * where the expression multiplies it by 0 there is no value: NaN, marked. */
    static const double x[] = {2.0, 0.0, -1.0, -INF_D};
    static const double big16[2] = {1e5, 0.5}, big32[2] = {1e300, 0.5};
    uint16_t bits[4];
    float f32[4];
    th_result r;
    size_t i;
    th_pack(F16, x, 4, bits);
    for (i = 0; i < 4; i++)
        f32[i] = (float)x[i];
    run_op(LEAKY_RELU, F16, bits, 4, big16, &r);
    ck_assert(isnan(th_get(&r, 0)) && r.mask[0]);
    ck_assert(isnan(th_get(&r, 1)) && r.mask[1]);
    ck_assert(th_same(th_get(&r, 2), -INF_D) && !r.mask[2]);
    ck_assert(th_same(th_get(&r, 3), -INF_D) && !r.mask[3]);
    th_result_free(&r);
    run_op(ELU, F32, f32, 4, big32, &r);
    ck_assert(isnan(th_get(&r, 0)) && r.mask[0]);
    ck_assert(isnan(th_get(&r, 1)) && r.mask[1]);
    ck_assert(th_same(th_get(&r, 2), -INF_D) && !r.mask[2]);
    ck_assert(th_same(th_get(&r, 3), -INF_D) && !r.mask[3]);
    th_result_free(&r);
    run_op(LINEAR, F16, bits, 4, big16, &r);
    ck_assert(th_same(th_get(&r, 0), INF_D) && !r.mask[0]);
    ck_assert(isnan(th_get(&r, 1)) && r.mask[1]);
    ck_assert(th_same(th_get(&r, 2), -INF_D) && !r.mask[2]);
    th_result_free(&r);
    run_op(HARD_SIGMOID, F16, bits, 4, big16, &r);
    ck_assert(th_same(th_get(&r, 0), 1.0) && !r.mask[0]);
    ck_assert(isnan(th_get(&r, 1)) && r.mask[1]);
    ck_assert(th_same(th_get(&r, 2), 0.0) && !r.mask[2]);
    ck_assert_uint_eq(r.unspecified, 1);
    th_result_free(&r);
    /* beta cast to +inf with alpha * x = -inf: inf - inf */
    {
        static const double opt[2] = {1.0, 1e5};
        run_op(LINEAR, F16, bits, 4, opt, &r);
        ck_assert(th_same(th_get(&r, 0), INF_D) && !r.mask[0]);
        ck_assert(isnan(th_get(&r, 3)) && r.mask[3]);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(float16_rounds_once)
{
    /* sigmoid(-12) = 6.144e-6: float16 subnormal 103 * 2^-24; softplus(-17) = 4.14e-8 rounds
     * to 2^-24; gelu(-4) = -1.2668e-4 -> -2125 * 2^-24; hardSwish(1) = 4/6 -> 1365/2048 */
    static const double x[] = {-12.0, -17.0, -4.0, 1.0};
    uint16_t bits[4];
    th_result r;
    th_pack(F16, x, 4, bits);
    run_op(SIGMOID, F16, bits, 4, NULL, &r);
    ck_assert_msg(th_same(th_get(&r, 0), f16_round(1.0 / (1.0 + exp(12.0)))), "%a",
                  th_get(&r, 0));
    ck_assert(th_get(&r, 0) < 0x1p-14 && th_get(&r, 0) > 0); /* subnormal */
    th_result_free(&r);
    run_op(SOFTPLUS, F16, bits, 4, NULL, &r);
    ck_assert_msg(th_same(th_get(&r, 1), 0x1p-24), "%a", th_get(&r, 1));
    th_result_free(&r);
    run_op(GELU, F16, bits, 4, NULL, &r);
    ck_assert_msg(th_same(th_get(&r, 2), f16_round(-4.0 * 0.5 * erfc(4.0 / sqrt(2.0)))), "%a",
                  th_get(&r, 2));
    th_result_free(&r);
    run_op(HARD_SWISH, F16, bits, 4, NULL, &r);
    ck_assert_msg(th_same(th_get(&r, 3), 1365.0 / 2048.0), "%a", th_get(&r, 3));
    th_result_free(&r);
}
END_TEST

START_TEST(relu_integers)
{
    static const int8_t i8[] = {-128, -1, 0, 1, 127};
    static const int32_t i32[] = {INT32_MIN, -1, 0, 1, INT32_MAX};
    static const int64_t i64[] = {INT64_MIN, -9007199254740993LL, 0, 9007199254740993LL,
                                  INT64_MAX};
    th_result r;
    run_op(RELU, WNNOperandDataType_Int8, i8, 5, NULL, &r);
    ck_assert_int_eq(((int8_t *)r.data)[0], 0);
    ck_assert_int_eq(((int8_t *)r.data)[1], 0);
    ck_assert_int_eq(((int8_t *)r.data)[3], 1);
    ck_assert_int_eq(((int8_t *)r.data)[4], 127);
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    run_op(RELU, WNNOperandDataType_Int32, i32, 5, NULL, &r);
    ck_assert_int_eq(((int32_t *)r.data)[0], 0);
    ck_assert_int_eq(((int32_t *)r.data)[4], INT32_MAX);
    th_result_free(&r);
    run_op(RELU, WNNOperandDataType_Int64, i64, 5, NULL, &r);
    ck_assert(((int64_t *)r.data)[0] == 0);
    ck_assert(((int64_t *)r.data)[1] == 0);
    ck_assert(((int64_t *)r.data)[3] == 9007199254740993LL);
    ck_assert(((int64_t *)r.data)[4] == INT64_MAX);
    th_result_free(&r);
}
END_TEST

/* prelu on a 1-D input and a 1-D slope of the same length (or broadcast slope of 1). */
static void run_prelu(WNNOperandDataType type, const void *x, size_t nx, const void *s,
                      size_t ns, th_result *r)
{
    th_env env;
    uint32_t sx[1], ss[1];
    WNNOperand a, b, out;
    th_init(&env);
    sx[0] = (uint32_t)nx;
    ss[0] = (uint32_t)ns;
    a = th_input(&env, type, sx, 1, x);
    b = th_input(&env, type, ss, 1, s);
    ck_assert_msg(wnnGraphBuilderPrelu(env.builder, a, b, NULL, &out) == WNNStatus_Success, "%s",
                  wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

START_TEST(prelu_floats)
{
    /* pairs (x, slope): ordinary values, then the special cases */
    static const float x[] = {3.0f, -3.0f, -0.0f, 0.0f, -2.0f, 2.0f, -2.0f, 0.0f, 5.0f,
                              NAN_D, -INF_D, -INF_D, INF_D, -0x1p-149f, -FLT_MAX};
    static const float s[] = {0.5f, 0.5f, 0.5f, -4.0f, NAN_D, NAN_D, -INF_D, INF_D,
                              INF_D, 0.5f, 0.0f, -INF_D, 0.25f, 0.5f, 2.0f};
    static const double want[] = {3.0, -1.5, 0.0, 0.0, NAN_D, NAN_D, INF_D, NAN_D, NAN_D,
                                  NAN_D, 0.0, INF_D, INF_D, -0.0, -INF_D};
    static const uint8_t mask[] = {0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0};
    th_result r;
    size_t i;
    run_prelu(F32, x, 15, s, 15, &r);
    for (i = 0; i < 15; i++) {
        ck_assert_msg(th_same(th_get(&r, i), want[i]), "prelu(%a, %a) = %a, want %a",
                      (double)x[i], (double)s[i], th_get(&r, i), want[i]);
        ck_assert_msg(r.mask[i] == mask[i], "prelu(%a, %a): mask %d", (double)x[i],
                      (double)s[i], r.mask[i]);
    }
    th_result_free(&r);
    /* float16: slope * x rounded once: -3 * (1365 * 2^-12) = -(1 - 2^-12), a tie -> -1 */
    {
        static const double xv[] = {-3.0, -1000.0, 7.0};
        static const double sv[] = {1.0 / 3.0, 0.1, -9.0};
        uint16_t xb[3], sb[3];
        th_pack(F16, xv, 3, xb);
        th_pack(F16, sv, 3, sb);
        run_prelu(F16, xb, 3, sb, 3, &r);
        ck_assert_msg(th_same(th_get(&r, 0), -1.0), "%a", th_get(&r, 0));
        ck_assert(th_same(th_get(&r, 1), f16_round(-1000.0 * f16_round(0.1))));
        ck_assert(th_same(th_get(&r, 2), 7.0));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(prelu_integers)
{
    static const int8_t x8[] = {-128, -3, 5, -100, 0, -1};
    static const int8_t s8[] = {-1, 2, 100, 2, -7, -128};
    static const int64_t x64[] = {-9007199254740993LL, INT64_MIN, 7, -1};
    static const int64_t s64[] = {3, 2, -5, INT64_MIN};
    static const int32_t x32[] = {-70000, -2};
    static const int32_t s32[] = {70000, -1073741824};
    th_result r;
    run_prelu(WNNOperandDataType_Int8, x8, 6, s8, 6, &r);
    ck_assert_int_eq(((int8_t *)r.data)[0], -128); /* 128 wraps */
    ck_assert_int_eq(r.mask[0], 1);
    ck_assert_int_eq(((int8_t *)r.data)[1], -6);
    ck_assert_int_eq(((int8_t *)r.data)[2], 5);
    ck_assert_int_eq(((int8_t *)r.data)[3], 56); /* -200 wraps to 56 */
    ck_assert_int_eq(r.mask[3], 1);
    ck_assert_int_eq(((int8_t *)r.data)[4], 0);
    ck_assert_int_eq(((int8_t *)r.data)[5], -128); /* 128 wraps */
    ck_assert_int_eq(r.mask[5], 1);
    ck_assert_uint_eq(r.unspecified, 3);
    th_result_free(&r);
    run_prelu(WNNOperandDataType_Int64, x64, 4, s64, 4, &r);
    ck_assert(((int64_t *)r.data)[0] == -27021597764222979LL);
    ck_assert(((int64_t *)r.data)[1] == 0); /* MIN * 2 wraps to 0 */
    ck_assert_int_eq(r.mask[1], 1);
    ck_assert(((int64_t *)r.data)[2] == 7);
    ck_assert(((int64_t *)r.data)[3] == INT64_MIN); /* -1 * MIN wraps to MIN */
    ck_assert_int_eq(r.mask[3], 1);
    ck_assert_uint_eq(r.unspecified, 2);
    th_result_free(&r);
    run_prelu(WNNOperandDataType_Int32, x32, 2, s32, 2, &r);
    ck_assert_int_eq(((int32_t *)r.data)[0], -605032704); /* -4.9e9 + 2^32 */
    ck_assert_int_eq(r.mask[0], 1);
    ck_assert_int_eq(((int32_t *)r.data)[1], INT32_MIN); /* 2^31 wraps */
    ck_assert_int_eq(r.mask[1], 1);
    th_result_free(&r);
}
END_TEST

START_TEST(prelu_broadcasting_and_zero_size)
{
    th_env env;
    static const uint32_t s3[] = {3}, s21[] = {2, 1}, s01[] = {0, 1}, s13[] = {1, 3};
    static const float x[] = {-1.0f, 2.0f, -3.0f}, slope[] = {0.5f, -2.0f};
    WNNOperand a, b, c, d, outs[2];
    th_result r[2];
    size_t rank;
    const uint32_t *shape;
    th_init(&env);
    a = th_input(&env, F32, s3, 1, x);
    b = th_input(&env, F32, s21, 2, slope);
    /* the output is larger than the input: [3] with [2, 1] -> [2, 3] */
    ck_assert_int_eq(wnnGraphBuilderPrelu(env.builder, a, b, NULL, &outs[0]), WNNStatus_Success);
    shape = wnnOperandGetShape(outs[0], &rank);
    ck_assert_uint_eq(rank, 2);
    ck_assert_uint_eq(shape[0], 2);
    ck_assert_uint_eq(shape[1], 3);
    c = th_input(&env, F32, s01, 2, x);
    d = th_input(&env, F32, s13, 2, x);
    ck_assert_int_eq(wnnGraphBuilderPrelu(env.builder, c, d, NULL, &outs[1]), WNNStatus_Success);
    shape = wnnOperandGetShape(outs[1], &rank);
    ck_assert_uint_eq(shape[0], 0);
    ck_assert_uint_eq(shape[1], 3);
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    {
        static const double want[] = {-0.5, 2.0, -1.5, 2.0, 2.0, 6.0};
        size_t i;
        for (i = 0; i < 6; i++)
            ck_assert_msg(th_same(th_get(&r[0], i), want[i]), "[%lu] = %a", (unsigned long)i,
                          th_get(&r[0], i));
    }
    ck_assert_uint_eq(r[1].count, 0);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

START_TEST(zero_size_and_scalars)
{
    static const uint32_t s03[] = {0, 3};
    static const float one[] = {-0.75f};
    int op;
    for (op = 0; op < OP_COUNT; op++) {
        th_env env;
        WNNOperand a, b, outs[2];
        th_result r[2];
        size_t rank;
        const uint32_t *shape;
        th_init(&env);
        a = th_input(&env, F16, s03, 2, one);
        b = th_input(&env, F32, NULL, 0, one);
        ck_assert_int_eq(build_op(op, env.builder, a, NULL, NULL, &outs[0]), WNNStatus_Success);
        ck_assert_int_eq(build_op(op, env.builder, b, NULL, NULL, &outs[1]), WNNStatus_Success);
        shape = wnnOperandGetShape(outs[0], &rank);
        ck_assert_uint_eq(rank, 2);
        ck_assert_uint_eq(shape[0], 0);
        ck_assert_uint_eq(shape[1], 3);
        ck_assert_int_eq(wnnOperandGetDataType(outs[0]), F16);
        wnnOperandGetShape(outs[1], &rank);
        ck_assert_uint_eq(rank, 0);
        ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
        ck_assert_uint_eq(r[0].count, 0);
        ck_assert_uint_eq(r[1].count, 1);
        {
            double a0 = cast_option(F32, ops[op].defaults[0]);
            double b0 = cast_option(F32, ops[op].defaults[1]);
            double want = round_to(F32, expect_ld(op, -0.75L, (long double)a0, (long double)b0));
            ck_assert_msg(th_same(th_get(&r[1], 0), want), "%s(-0.75) = %a, want %a",
                          ops[op].name, th_get(&r[1], 0), want);
        }
        th_result_free(&r[0]);
        th_result_free(&r[1]);
        th_free(&env);
    }
}
END_TEST

START_TEST(validation_errors)
{
    static const WNNOperandDataType all[] = {F32, F16, WNNOperandDataType_Int32,
                                             WNNOperandDataType_Uint32, WNNOperandDataType_Int64,
                                             WNNOperandDataType_Uint64, WNNOperandDataType_Int8,
                                             WNNOperandDataType_Uint8};
    static const uint32_t s2[] = {2};
    static const uint64_t zeros[2] = {0, 0};
    static const double bad[] = {NAN_D, INF_D, -INF_D};
    int op;
    size_t t;
    for (op = 0; op < OP_COUNT; op++) {
        th_env env, other;
        WNNOperand x[8], foreign, out = NULL;
        char needle[96];
        th_init(&env);
        th_init(&other);
        for (t = 0; t < 8; t++)
            x[t] = th_input(&env, all[t], s2, 1, zeros);
        foreign = th_input(&other, F32, s2, 1, zeros);
        /* data types: float32/float16, and relu also int64/int32/int8 */
        for (t = 0; t < 8; t++) {
            int allowed = t < 2 || (op == RELU && (all[t] == WNNOperandDataType_Int64 ||
                                                  all[t] == WNNOperandDataType_Int32 ||
                                                  all[t] == WNNOperandDataType_Int8));
            WNNStatus s = build_op(op, env.builder, x[t], NULL, NULL, &out);
            if (allowed) {
                ck_assert_msg(s == WNNStatus_Success, "%s rejects %s", ops[op].name,
                              wnnOperandDataTypeString(all[t]));
                ck_assert_int_eq(wnnOperandGetDataType(out), all[t]);
            } else {
                snprintf(needle, sizeof needle, "%s: the data type of input must be one of",
                         ops[op].name);
                th_assert_status(&env, s, WNNStatus_TypeError, needle);
                snprintf(needle, sizeof needle, "got %s", wnnOperandDataTypeString(all[t]));
                th_assert_status(&env, s, WNNStatus_TypeError, needle);
            }
        }
        /* alpha and beta must be finite (IDL double) */
        for (t = 0; t < 3 && ops[op].options; t++) {
            double opt[2];
            opt[0] = bad[t];
            opt[1] = 0.5;
            snprintf(needle, sizeof needle, "%s: alpha must be a finite number", ops[op].name);
            th_assert_status(&env, build_op(op, env.builder, x[0], opt, NULL, &out),
                             WNNStatus_TypeError, needle);
            if (ops[op].options == 2) {
                opt[0] = 0.5;
                opt[1] = bad[t];
                snprintf(needle, sizeof needle, "%s: beta must be a finite number",
                         ops[op].name);
                th_assert_status(&env, build_op(op, env.builder, x[0], opt, NULL, &out),
                                 WNNStatus_TypeError, needle);
            }
        }
        if (ops[op].options) {
            /* the largest finite doubles are valid (they cast to infinity) */
            double opt[2] = {DBL_MAX, -DBL_MAX};
            ck_assert_int_eq(build_op(op, env.builder, x[0], opt, NULL, &out),
                             WNNStatus_Success);
        }
        out = NULL;
        snprintf(needle, sizeof needle, "%s: input is NULL", ops[op].name);
        th_assert_status(&env, build_op(op, env.builder, NULL, NULL, NULL, &out),
                         WNNStatus_TypeError, needle);
        th_assert_status(&env, build_op(op, env.builder, foreign, NULL, NULL, &out),
                         WNNStatus_TypeError, "input was created by another builder");
        th_assert_status(&env, build_op(op, env.builder, x[0], NULL, NULL, NULL),
                         WNNStatus_InvalidArgument, "output pointer is NULL");
        ck_assert_int_eq(build_op(op, NULL, x[0], NULL, NULL, &out), WNNStatus_InvalidArgument);
        ck_assert_ptr_null(out);
        snprintf(needle, sizeof needle, "%s[lbl]: input is NULL", ops[op].name);
        th_assert_status(&env, build_op(op, env.builder, NULL, NULL, "lbl", &out),
                         WNNStatus_TypeError, needle);
        {
            WNNNamedOperand named;
            WNNGraph g;
            WNNOperand y;
            ck_assert_int_eq(build_op(op, env.builder, x[0], NULL, NULL, &y), WNNStatus_Success);
            named.name = "o";
            named.operand = y;
            ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
            snprintf(needle, sizeof needle, "%s: the builder has already built", ops[op].name);
            th_assert_status(&env, build_op(op, env.builder, x[0], NULL, NULL, &out),
                             WNNStatus_InvalidStateError, needle);
            if (ops[op].options) {
                /* "can not build" is checked before the options' finiteness here */
                double opt[2] = {NAN_D, NAN_D};
                th_assert_status(&env, build_op(op, env.builder, x[0], opt, NULL, &out),
                                 WNNStatus_InvalidStateError, needle);
            }
            wnnGraphRelease(g);
        }
        th_free(&env);
        th_free(&other);
    }
}
END_TEST

START_TEST(prelu_validation_errors)
{
    th_env env, other;
    static const uint32_t s2[] = {2}, s3[] = {3};
    static const uint64_t zeros[3] = {0, 0, 0};
    WNNOperand f2, f3, h2, i2, u2, u2b, foreign, out = NULL;
    WNNOperatorOptions options = WNN_OPERATOR_OPTIONS_INIT;
    th_init(&env);
    th_init(&other);
    f2 = th_input(&env, F32, s2, 1, zeros);
    f3 = th_input(&env, F32, s3, 1, zeros);
    h2 = th_input(&env, F16, s2, 1, zeros);
    i2 = th_input(&env, WNNOperandDataType_Int32, s2, 1, zeros);
    u2 = th_input(&env, WNNOperandDataType_Uint8, s2, 1, zeros);
    u2b = th_input(&env, WNNOperandDataType_Uint32, s2, 1, zeros);
    foreign = th_input(&other, F32, s2, 1, zeros);
    th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, f2, h2, NULL, &out),
                     WNNStatus_TypeError,
                     "prelu: the data types of input and slope must be equal, got float32 and "
                     "float16");
    th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, u2, u2, NULL, &out),
                     WNNStatus_TypeError, "prelu: the data type of input must be one of");
    th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, u2b, u2b, NULL, &out),
                     WNNStatus_TypeError, "got uint32");
    th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, f2, f3, NULL, &out),
                     WNNStatus_TypeError,
                     "prelu: the shapes of input and slope are not bidirectionally "
                     "broadcastable, got [2] and [3]");
    th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, NULL, f2, NULL, &out),
                     WNNStatus_TypeError, "prelu: input is NULL");
    th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, f2, NULL, NULL, &out),
                     WNNStatus_TypeError, "prelu: slope is NULL");
    th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, f2, foreign, NULL, &out),
                     WNNStatus_TypeError, "slope was created by another builder");
    th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, f2, f2, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_int_eq(wnnGraphBuilderPrelu(NULL, f2, f2, NULL, &out), WNNStatus_InvalidArgument);
    ck_assert_ptr_null(out);
    options.label = "p";
    th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, f2, NULL, &options, &out),
                     WNNStatus_TypeError, "prelu[p]: slope is NULL");
    ck_assert_int_eq(wnnGraphBuilderPrelu(env.builder, i2, i2, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderPrelu(env.builder, h2, h2, NULL, &out), WNNStatus_Success);
    {
        WNNNamedOperand named;
        WNNGraph g;
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderPrelu(env.builder, f2, f2, NULL, &out),
                         WNNStatus_InvalidStateError, "prelu: the builder has already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

START_TEST(unspecified_mask_flows_through)
{
    th_env env;
    static const uint32_t s2[] = {2};
    static const int32_t a[] = {INT32_MAX, -4}, b[] = {1, 1};
    WNNOperand x, y, sum, out;
    th_result r;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s2, 1, a);
    y = th_input(&env, WNNOperandDataType_Int32, s2, 1, b);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderRelu(env.builder, sum, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_int_eq(r.mask[0], 1);
    ck_assert_int_eq(((int32_t *)r.data)[0], 0); /* relu(INT32_MIN) */
    ck_assert_int_eq(r.mask[1], 0);
    ck_assert_int_eq(((int32_t *)r.data)[1], 0);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

/* Raw float16 patterns, as the web-platform-tests compare float16 (same sign only here). */
static long ulp_f16(double a, double b)
{
    uint16_t ba, bb;
    th_pack(F16, &a, 1, &ba);
    th_pack(F16, &b, 1, &bb);
    return ba > bb ? (long)ba - bb : (long)bb - ba;
}

static long ulp_f32(double a, double b)
{
    float fa = (float)a, fb = (float)b;
    int32_t ia, ib;
    memcpy(&ia, &fa, 4);
    memcpy(&ib, &fb, 4);
    if (ia < 0)
        ia = INT32_MIN - ia;
    if (ib < 0)
        ib = INT32_MIN - ib;
    return ia > ib ? (long)ia - ib : (long)ib - ia;
}

START_TEST(wpt_cases)
{
    /* Data from web-platform-tests webnn/conformance_tests (3-Clause BSD License, Copyright
     * web-platform-tests contributors): the first eight elements of "leakyRelu float16 1D
     * tensor negative options.alpha" (alpha -97.70109193608776, 2 ULP), "elu float16 4D
     * tensor negative options.alpha" (alpha -3.468180406374035, 18 ULP), "hardSwish float16
     * 1D tensor" (4 ULP) and "gelu float32 1D tensor" (18 ULP). */
    static const double lr_in[] = {-19.046875, 50.78125, -69.5625, -80.5625, -90.375, 76,
                                   66.3125, -84.125};
    static const double lr_want[] = {1861, 50.78125, 6796, 7872, 8832, 76, 66.3125, 8216};
    static const double elu_in[] = {4.72265625, 0.376953125, 1.4189453125, -3.8671875,
                                    1.359375, -3.86328125, 7.83984375, -6.69140625};
    static const double elu_want[] = {4.72265625, 0.376953125, 1.4189453125, 3.396484375,
                                      1.359375, 3.39453125, 7.83984375, 3.46484375};
    static const double hs_in[] = {0.734375, 9.1171875, 3.544921875, 2.62109375, -6.4453125,
                                   -1.68359375, 5.5234375, -5.95703125};
    static const double hs_want[] = {0.45703125, 9.1171875, 3.544921875, 2.455078125, 0,
                                     -0.369384765625, 5.5234375, 0};
    static const float gelu_in[] = {0.878292441368103f, -0.09706497937440872f,
                                    0.1367187649011612f, 0.46406492590904236f,
                                    -0.26635801792144775f, -0.8252315521240234f,
                                    0.8530909419059753f, 0.3846154808998108f};
    static const double gelu_want[] = {0.7115113139152527, -0.0447796992957592,
                                       0.07579325884580612, 0.3149605691432953,
                                       -0.10520657151937485, -0.16885890066623688,
                                       0.6851989030838013, 0.24989959597587585};
    uint16_t bits[8];
    th_result r;
    size_t i;
    {
        double opt[2] = {-97.70109193608776, 0.0};
        th_pack(F16, lr_in, 8, bits);
        run_op(LEAKY_RELU, F16, bits, 8, opt, &r);
        for (i = 0; i < 8; i++)
            ck_assert_msg(ulp_f16(th_get(&r, i), lr_want[i]) <= 2, "leakyRelu[%lu] = %a",
                          (unsigned long)i, th_get(&r, i));
        th_result_free(&r);
    }
    {
        double opt[2] = {-3.468180406374035, 0.0};
        th_pack(F16, elu_in, 8, bits);
        run_op(ELU, F16, bits, 8, opt, &r);
        for (i = 0; i < 8; i++)
            ck_assert_msg(ulp_f16(th_get(&r, i), elu_want[i]) <= 18, "elu[%lu] = %a",
                          (unsigned long)i, th_get(&r, i));
        th_result_free(&r);
    }
    th_pack(F16, hs_in, 8, bits);
    run_op(HARD_SWISH, F16, bits, 8, NULL, &r);
    for (i = 0; i < 8; i++)
        ck_assert_msg(fabs(th_get(&r, i)) == fabs(hs_want[i]) || ulp_f16(th_get(&r, i),
                      hs_want[i]) <= 4, "hardSwish[%lu] = %a", (unsigned long)i, th_get(&r, i));
    th_result_free(&r);
    run_op(GELU, F32, gelu_in, 8, NULL, &r);
    for (i = 0; i < 8; i++)
        ck_assert_msg(ulp_f32(th_get(&r, i), gelu_want[i]) <= 18, "gelu[%lu] = %a",
                      (unsigned long)i, th_get(&r, i));
    th_result_free(&r);
}
END_TEST

static Suite *activation_suite(void)
{
    Suite *s = suite_create("activation");
    TCase *t = tcase_create("core");
    tcase_add_test(t, special_value_grids_default_options);
    tcase_add_test(t, special_value_grids_other_options);
    tcase_add_test(t, limits_and_signed_zeros);
    tcase_add_test(t, zero_coefficient_at_infinity_is_the_limit);
    tcase_add_test(t, options_are_cast_to_the_input_type);
    tcase_add_test(t, options_cast_to_infinity);
    tcase_add_test(t, float16_rounds_once);
    tcase_add_test(t, relu_integers);
    tcase_add_test(t, prelu_floats);
    tcase_add_test(t, prelu_integers);
    tcase_add_test(t, prelu_broadcasting_and_zero_size);
    tcase_add_test(t, zero_size_and_scalars);
    tcase_add_test(t, validation_errors);
    tcase_add_test(t, prelu_validation_errors);
    tcase_add_test(t, unspecified_mask_flows_through);
    tcase_add_test(t, wpt_cases);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(activation_suite)
