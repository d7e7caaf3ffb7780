/* tests/check_slice_pad.c - slice and pad. */
#include "movement.h"

#include <math.h>
#include <stdio.h>

/* ---- slice ---------------------------------------------------------------------------------- */

typedef struct slice_arg {
    const uint32_t *starts, *sizes, *strides; /* strides NULL: the default */
    size_t rank;
} slice_arg;

static WNNStatus build_slice(WNNGraphBuilder b, WNNOperand x, const void *arg, WNNOperand *out)
{
    const slice_arg *a = (const slice_arg *)arg;
    WNNSliceOptions o = WNN_SLICE_OPTIONS_INIT;
    o.strides = a->strides;
    o.stridesCount = a->strides ? a->rank : 0;
    return wnnGraphBuilderSlice(b, x, a->starts, a->rank, a->sizes, a->rank, &o, out);
}

START_TEST(slice_takes_a_window)
{
    static const uint32_t s46[] = {4, 6}, st12[] = {1, 2}, sz23[] = {2, 3}, s23[] = {2, 3};
    static const uint32_t all0[] = {0, 0}, sz46[] = {4, 6};
    slice_arg a;
    size_t map[24], i, j;
    /* out[i][j] = in[1+i][2+j] */
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
            map[i * 3 + j] = (1 + i) * 6 + 2 + j;
    a.starts = st12;
    a.sizes = sz23;
    a.strides = NULL;
    a.rank = 2;
    mv_check("slice [4,6] at [1,2] size [2,3]", build_slice, &a, s46, 2, s23, 2, map);
    /* the whole tensor */
    for (i = 0; i < 24; i++)
        map[i] = i;
    a.starts = all0;
    a.sizes = sz46;
    mv_check("slice [4,6] whole", build_slice, &a, s46, 2, s46, 2, map);
    /* a scalar: empty starts and sizes */
    a.starts = a.sizes = NULL;
    a.rank = 0;
    mv_check("slice []", build_slice, &a, NULL, 0, NULL, 0, map);
}
END_TEST

START_TEST(slice_with_strides)
{
    static const uint32_t s212[] = {2, 12}, st02[] = {0, 2}, sz210[] = {2, 10};
    static const uint32_t str14[] = {1, 4}, s23[] = {2, 3};
    static const uint32_t s10[] = {10}, st1[] = {1}, sz8[] = {8}, str4[] = {4}, s2[] = {2};
    static const uint32_t s5[] = {5}, st2[] = {2}, sz1[] = {1}, str7[] = {7}, s1[] = {1};
    slice_arg a;
    size_t map[24], i, j;
    /* [2,12] from [0,2] size [2,10] strides [1,4]: columns 2, 6, 10 (ceil(10/4) = 3) */
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
            map[i * 3 + j] = i * 12 + 2 + 4 * j;
    a.starts = st02;
    a.sizes = sz210;
    a.strides = str14;
    a.rank = 2;
    mv_check("slice [2,12] strides [1,4]", build_slice, &a, s212, 2, s23, 2, map);
    /* size divisible by the stride: 8 / 4 = 2 elements, 1 and 5 */
    map[0] = 1;
    map[1] = 5;
    a.starts = st1;
    a.sizes = sz8;
    a.strides = str4;
    a.rank = 1;
    mv_check("slice [10] from 1 size 8 stride 4", build_slice, &a, s10, 1, s2, 1, map);
    /* a stride larger than the size takes the first element only */
    map[0] = 2;
    a.starts = st2;
    a.sizes = sz1;
    a.strides = str7;
    mv_check("slice [5] from 2 size 1 stride 7", build_slice, &a, s5, 1, s1, 1, map);
}
END_TEST

START_TEST(slice_wpt_strides_case)
{
    /* WPT "slice float32 2D tensor with strides" (web-platform-tests, 3-Clause BSD
     * License). */
    static const uint32_t s212[] = {2, 12}, st02[] = {0, 2}, sz210[] = {2, 10};
    static const uint32_t str14[] = {1, 4};
    static const float in[] = {28.846250534057617f,  97.95414733886719f,  -68.15961456298828f,
                               14.978987693786621f,  90.23090362548828f,  76.59095764160156f,
                               -24.556316375732422f, 79.58749389648438f,  65.21376037597656f,
                               57.4397087097168f,    74.41775512695312f,  -4.513182163238525f,
                               0.5424534678459167f,  80.44634246826172f,  28.32765007019043f,
                               74.02619171142578f,   -74.54559326171875f, -27.306041717529297f,
                               -70.42774200439453f,  59.82632064819336f,  -58.46095275878906f,
                               79.80570983886719f,   -70.42774200439453f, 42.665199279785156f};
    static const float want[] = {-68.15961456298828f, -24.556316375732422f, 74.41775512695312f,
                                 28.32765007019043f,  -70.42774200439453f,  -70.42774200439453f};
    WNNSliceOptions o = WNN_SLICE_OPTIONS_INIT;
    th_env env;
    th_result r;
    WNNOperand x, out;
    size_t i;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s212, 2, in);
    o.strides = str14;
    o.stridesCount = 2;
    ck_assert_int_eq(wnnGraphBuilderSlice(env.builder, x, st02, 2, sz210, 2, &o, &out),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_uint_eq(r.count, 6);
    for (i = 0; i < 6; i++)
        ck_assert(th_same(th_get(&r, i), (double)want[i]));
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(slice_zero_size)
{
    static const uint32_t s46[] = {4, 6}, st40[] = {4, 0}, sz06[] = {0, 6}, s06[] = {0, 6};
    static const uint32_t s03[] = {0, 3}, st01[] = {0, 1}, sz02[] = {0, 2}, s02[] = {0, 2};
    static const uint32_t st23[] = {2, 3}, sz20[] = {2, 0}, str13[] = {1, 3}, s20[] = {2, 0};
    slice_arg a;
    size_t map[1] = {0};
    /* size 0 at the end of an axis: start may equal the dimension */
    a.starts = st40;
    a.sizes = sz06;
    a.strides = NULL;
    a.rank = 2;
    mv_check("slice [4,6] from [4,0] size [0,6]", build_slice, &a, s46, 2, s06, 2, map);
    /* an empty input axis: start 0 size 0 */
    a.starts = st01;
    a.sizes = sz02;
    mv_check("slice [0,3] from [0,1] size [0,2]", build_slice, &a, s03, 2, s02, 2, map);
    /* size 0 with a stride: ceil(0 / 3) = 0 */
    a.starts = st23;
    a.sizes = sz20;
    a.strides = str13;
    mv_check("slice [4,6] size [2,0] strides [1,3]", build_slice, &a, s46, 2, s20, 2, map);
}
END_TEST

START_TEST(slice_validation)
{
    th_env env, other;
    static const uint32_t s46[] = {4, 6}, z2[] = {0, 0}, one2[] = {1, 1}, z1[] = {0};
    static const uint32_t st50[] = {5, 0}, st31[] = {3, 1}, sz22[] = {2, 2}, str10[] = {1, 0};
    static const uint32_t st1[] = {0, 1}, szwrap[] = {1, 4294967295u}, one3[] = {1, 1, 1};
    static const uint32_t s03[] = {0, 3}, st10[] = {1, 0}, sz01[] = {0, 1}, sz10[] = {1, 0};
    static const float f[24] = {0};
    static const int8_t i4[24] = {0};
    WNNSliceOptions o = WNN_SLICE_OPTIONS_INIT;
    WNNOperand x, z, foreign, nibbles, out = NULL;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s46, 2, f);
    z = th_input(&env, WNNOperandDataType_Float32, s03, 2, f);
    foreign = th_input(&other, WNNOperandDataType_Float32, s46, 2, f);
    nibbles = th_input(&env, WNNOperandDataType_Int4, s46, 2, i4);
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, z1, 1, one2, 2, NULL, &out),
                     WNNStatus_TypeError,
                     "slice: the sizes of starts and sizes must both equal the input's rank 2, "
                     "got 1 and 2");
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, z2, 2, one3, 3, NULL, &out),
                     WNNStatus_TypeError, "got 2 and 3");
    o.strides = one3;
    o.stridesCount = 3;
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, z2, 2, one2, 2, &o, &out),
                     WNNStatus_TypeError,
                     "slice: the size of strides must equal the input's rank 2, got 3");
    o.strides = str10;
    o.stridesCount = 2;
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, z2, 2, one2, 2, &o, &out),
                     WNNStatus_TypeError, "slice: strides[1] must be at least 1, got 0");
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, st50, 2, z2, 2, NULL, &out),
                     WNNStatus_TypeError,
                     "slice: starts[0] must not exceed the input dimension 4, got 5");
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, st31, 2, sz22, 2, NULL, &out),
                     WNNStatus_TypeError,
                     "slice: starts[0] + sizes[0] must not exceed the input dimension 4, got 3 "
                     "+ 2");
    /* start + size computed without 32-bit wrap-around */
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, st1, 2, szwrap, 2, NULL, &out),
                     WNNStatus_TypeError, "got 1 + 4294967295");
    /* an empty axis admits only start 0 size 0 */
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, z, st10, 2, sz01, 2, NULL, &out),
                     WNNStatus_TypeError, "starts[0] must not exceed the input dimension 0, got 1");
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, z, z2, 2, sz10, 2, NULL, &out),
                     WNNStatus_TypeError,
                     "starts[0] + sizes[0] must not exceed the input dimension 0, got 0 + 1");
    /* operands, types, pointers, state */
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, NULL, z2, 2, one2, 2, NULL, &out),
                     WNNStatus_TypeError, "slice: input is NULL");
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, foreign, z2, 2, one2, 2, NULL, &out),
                     WNNStatus_TypeError, "input was created by another builder");
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, nibbles, z2, 2, one2, 2, NULL, &out),
                     WNNStatus_TypeError, "the data type of input must be one of");
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, NULL, 2, one2, 2, NULL, &out),
                     WNNStatus_InvalidArgument, "starts or sizes is NULL");
    o.strides = NULL;
    o.stridesCount = 2;
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, z2, 2, one2, 2, &o, &out),
                     WNNStatus_InvalidArgument, "options.strides is NULL with 2 items");
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, z2, 2, one2, 2, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    o.strides = NULL;
    o.stridesCount = 0;
    o.label = "cut";
    th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, st50, 2, z2, 2, &o, &out),
                     WNNStatus_TypeError, "slice[cut]: starts[0]");
    ck_assert_ptr_null(out);
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderSlice(env.builder, x, z2, 2, one2, 2, NULL, &out),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderSlice(env.builder, x, z2, 2, one2, 2, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

/* ---- pad ------------------------------------------------------------------------------------ */

typedef struct pad_arg {
    const uint32_t *beginning, *ending;
    size_t rank;
    WNNPaddingMode mode;
} pad_arg;

static WNNStatus build_pad(WNNGraphBuilder b, WNNOperand x, const void *arg, WNNOperand *out)
{
    const pad_arg *a = (const pad_arg *)arg;
    WNNPadOptions o = WNN_PAD_OPTIONS_INIT;
    o.mode = a->mode;
    return wnnGraphBuilderPad(b, x, a->beginning, a->rank, a->ending, a->rank, &o, out);
}

/* The specification's example: input [[1,2,3],[4,5,6]], beginningPadding [1,2],
 * endingPadding [1,2]. The expected outputs are the spec's; as the input value v is input
 * element v - 1, they are also maps (0 = a constant element). */
static const double spec_constant[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0,
                                       0, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0};
static const double spec_edge[] = {1, 1, 1, 2, 3, 3, 3, 1, 1, 1, 2, 3, 3, 3,
                                   4, 4, 4, 5, 6, 6, 6, 4, 4, 4, 5, 6, 6, 6};
static const double spec_reflection[] = {6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1,
                                         6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1};

START_TEST(pad_spec_example_every_mode_and_type)
{
    static const uint32_t s23[] = {2, 3}, p12[] = {1, 2}, s47[] = {4, 7};
    static const double *const expected[] = {spec_constant, spec_edge, spec_reflection};
    static const WNNPaddingMode modes[] = {WNNPaddingMode_Constant, WNNPaddingMode_Edge,
                                           WNNPaddingMode_Reflection};
    static const char *const names[] = {"pad constant", "pad edge", "pad reflection"};
    static const float in[] = {1, 2, 3, 4, 5, 6};
    size_t m, i;
    for (m = 0; m < 3; m++) {
        pad_arg a;
        size_t map[28];
        th_env env;
        th_result r;
        WNNOperand x, out;
        for (i = 0; i < 28; i++)
            map[i] = expected[m][i] == 0 ? MV_ZERO : (size_t)expected[m][i] - 1;
        a.beginning = a.ending = p12;
        a.rank = 2;
        a.mode = modes[m];
        mv_check(names[m], build_pad, &a, s23, 2, s47, 2, map);
        /* and the values themselves, in float32 */
        th_init(&env);
        x = th_input(&env, WNNOperandDataType_Float32, s23, 2, in);
        ck_assert_int_eq(build_pad(env.builder, x, &a, &out), WNNStatus_Success);
        ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
        for (i = 0; i < 28; i++)
            ck_assert_msg(th_same(th_get(&r, i), expected[m][i]), "%s element %lu: %g",
                          names[m], (unsigned long)i, th_get(&r, i));
        th_result_free(&r);
        th_free(&env);
    }
}
END_TEST

START_TEST(pad_three_axes_and_scalar)
{
    /* [2,2,2] padded by 1 before on every axis, edge mode: the output [3,3,3] repeats the
     * first slice/row/column; out[a][b][c] = in[max(a-1,0)][max(b-1,0)][max(c-1,0)]. Also
     * reflection by 1 after: out[a][b][c] = in[r(a)][r(b)][r(c)] with r(0)=0, r(1)=1, r(2)=0. */
    static const uint32_t s222[] = {2, 2, 2}, s333[] = {3, 3, 3}, p1[] = {1, 1, 1};
    static const uint32_t p0[] = {0, 0, 0};
    size_t map[27], a, b, c;
    pad_arg arg;
    for (a = 0; a < 3; a++)
        for (b = 0; b < 3; b++)
            for (c = 0; c < 3; c++)
                map[(a * 3 + b) * 3 + c] =
                    ((a ? a - 1 : 0) * 2 + (b ? b - 1 : 0)) * 2 + (c ? c - 1 : 0);
    arg.beginning = p1;
    arg.ending = p0;
    arg.rank = 3;
    arg.mode = WNNPaddingMode_Edge;
    mv_check("pad [2,2,2] edge before", build_pad, &arg, s222, 3, s333, 3, map);
    for (a = 0; a < 3; a++)
        for (b = 0; b < 3; b++)
            for (c = 0; c < 3; c++)
                map[(a * 3 + b) * 3 + c] = ((a % 2) * 2 + b % 2) * 2 + c % 2;
    arg.beginning = p0;
    arg.ending = p1;
    arg.mode = WNNPaddingMode_Reflection;
    mv_check("pad [2,2,2] reflection after", build_pad, &arg, s222, 3, s333, 3, map);
    /* a scalar: nothing to pad (rank 0 allowed since webnn#894), every mode */
    map[0] = 0;
    arg.beginning = arg.ending = NULL;
    arg.rank = 0;
    for (a = 0; a < 3; a++) {
        arg.mode = (WNNPaddingMode)a;
        mv_check("pad []", build_pad, &arg, NULL, 0, NULL, 0, map);
    }
}
END_TEST

START_TEST(pad_wpt_reflection_case)
{
    /* WPT "pad float32 4D tensor options.mode='reflection'" (web-platform-tests, 3-Clause
     * BSD License): [1,3,3,1] padded by [0,2,2,0] on both sides. */
    static const uint32_t s1331[] = {1, 3, 3, 1}, p[] = {0, 2, 2, 0};
    static const float in[] = {22.76361846923828f,  -21.168529510498047f, -91.66168975830078f,
                               16.863798141479492f, 60.51472091674805f,   -70.56755065917969f,
                               -60.643272399902344f, -47.8821907043457f,  68.72557830810547f};
    /* Each output row is one of three: rows 0, 4 from input row 2; rows 1, 3, 5 from row 1;
     * rows 2, 6 from row 0; and within a row the columns read 2,1,0,1,2,1,0. */
    static const int rowOf[] = {2, 1, 0, 1, 2, 1, 0}, colOf[] = {2, 1, 0, 1, 2, 1, 0};
    WNNPadOptions o = WNN_PAD_OPTIONS_INIT;
    th_env env;
    th_result r;
    WNNOperand x, out;
    size_t i, j;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s1331, 4, in);
    o.mode = WNNPaddingMode_Reflection;
    ck_assert_int_eq(wnnGraphBuilderPad(env.builder, x, p, 4, p, 4, &o, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_uint_eq(r.count, 49);
    /* first WPT expected row: 68.72557830810547, -47.8821907043457, -60.643272399902344, ... */
    ck_assert(th_same(th_get(&r, 0), (double)68.72557830810547f));
    ck_assert(th_same(th_get(&r, 1), (double)-47.8821907043457f));
    ck_assert(th_same(th_get(&r, 2), (double)-60.643272399902344f));
    for (i = 0; i < 7; i++)
        for (j = 0; j < 7; j++)
            ck_assert(th_same(th_get(&r, i * 7 + j), (double)in[rowOf[i] * 3 + colOf[j]]));
    th_result_free(&r);
    th_free(&env);
}
END_TEST

/* Pad a [1] tensor of `type` by one constant element on each side with `value`; return the
 * padded element's bytes in out (8 bytes). */
static void pad_value(WNNOperandDataType type, WNNNumber value, const void *input, void *bytes)
{
    static const uint32_t s1[] = {1}, p1[] = {1};
    WNNPadOptions o = WNN_PAD_OPTIONS_INIT;
    th_env env;
    th_result r;
    WNNOperand x, out;
    size_t size = wnnOperandDataTypeByteSize(type);
    th_init(&env);
    x = th_input(&env, type, s1, 1, input);
    o.value = value;
    ck_assert_int_eq(wnnGraphBuilderPad(env.builder, x, p1, 1, p1, 1, &o, &out),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_uint_eq(r.count, 3);
    /* both padded elements hold the value; the middle one is the input, untouched */
    ck_assert(memcmp(r.data, (unsigned char *)r.data + 2 * size, size) == 0);
    ck_assert(memcmp((unsigned char *)r.data + size, input, size) == 0);
    ck_assert_uint_eq(r.unspecified, 0);
    memset(bytes, 0, 8);
    memcpy(bytes, r.data, size);
    th_result_free(&r);
    th_free(&env);
}

START_TEST(pad_value_is_cast_to_the_input_type)
{
    static const unsigned char in[8] = {7, 7, 7, 7, 7, 7, 7, 7};
    union {
        unsigned char b[8];
        float f32;
        uint16_t f16;
        int32_t i32;
        uint32_t u32;
        int64_t i64;
        uint64_t u64;
        int8_t i8;
        uint8_t u8;
    } v;
    /* integers: saturate, then round half to even */
    pad_value(WNNOperandDataType_Int8, wnnNumberFromDouble(300.0), in, v.b);
    ck_assert_int_eq(v.i8, 127);
    pad_value(WNNOperandDataType_Int8, wnnNumberFromDouble(-300.0), in, v.b);
    ck_assert_int_eq(v.i8, -128);
    pad_value(WNNOperandDataType_Uint8, wnnNumberFromDouble(-1.0), in, v.b);
    ck_assert_int_eq(v.u8, 0);
    pad_value(WNNOperandDataType_Int32, wnnNumberFromDouble(2.5), in, v.b);
    ck_assert_int_eq(v.i32, 2);
    pad_value(WNNOperandDataType_Int32, wnnNumberFromDouble(-3.5), in, v.b);
    ck_assert_int_eq(v.i32, -4);
    pad_value(WNNOperandDataType_Int32, wnnNumberFromDouble((double)NAN), in, v.b);
    ck_assert_int_eq(v.i32, 0);
    pad_value(WNNOperandDataType_Uint32, wnnNumberFromDouble(5e9), in, v.b);
    ck_assert_uint_eq(v.u32, 4294967295u);
    /* 64-bit integers from a bigint, exactly */
    pad_value(WNNOperandDataType_Int64, wnnNumberFromInt64(-9007199254740993LL), in, v.b);
    ck_assert(v.i64 == -9007199254740993LL);
    pad_value(WNNOperandDataType_Uint64, wnnNumberFromUint64(18446744073709551615ULL), in, v.b);
    ck_assert(v.u64 == 18446744073709551615ULL);
    pad_value(WNNOperandDataType_Int64, wnnNumberFromUint64(18446744073709551615ULL), in, v.b);
    ck_assert(v.i64 == INT64_MAX);
    /* floats: rounded once to nearest even; NaN and infinities kept */
    pad_value(WNNOperandDataType_Float32, wnnNumberFromDouble(0.1), in, v.b);
    ck_assert(v.f32 == 0.1f);
    pad_value(WNNOperandDataType_Float32, wnnNumberFromDouble((double)NAN), in, v.b);
    ck_assert(isnan(v.f32));
    pad_value(WNNOperandDataType_Float32, wnnNumberFromDouble(-0.0), in, v.b);
    ck_assert(v.f32 == 0.0f && signbit(v.f32));
    pad_value(WNNOperandDataType_Float16, wnnNumberFromDouble(0.1), in, v.b);
    ck_assert_uint_eq(v.f16, 0x2E66); /* 0.0999755859375, the nearest float16 */
    pad_value(WNNOperandDataType_Float16, wnnNumberFromDouble(70000.0), in, v.b);
    ck_assert_uint_eq(v.f16, 0x7C00); /* beyond 65520: +infinity */
    pad_value(WNNOperandDataType_Float16, wnnNumberFromDouble(-(double)INFINITY), in, v.b);
    ck_assert_uint_eq(v.f16, 0xFC00);
}
END_TEST

START_TEST(pad_zero_size)
{
    static const uint32_t s02[] = {0, 2}, b10[] = {1, 0}, e11[] = {1, 1}, s23[] = {2, 3};
    static const uint32_t b01[] = {0, 1}, s04[] = {0, 4}, z2[] = {0, 0};
    size_t map[6], i, m;
    pad_arg a;
    /* constant padding of an empty axis: every output element is the value (0) */
    for (i = 0; i < 6; i++)
        map[i] = MV_ZERO;
    a.beginning = b10;
    a.ending = e11;
    a.rank = 2;
    a.mode = WNNPaddingMode_Constant;
    mv_check("pad [0,2] constant", build_pad, &a, s02, 2, s23, 2, map);
    /* zero padding of the empty axis reads nothing: allowed in every mode */
    a.beginning = b01;
    a.ending = b01;
    for (m = 0; m < 3; m++) {
        a.mode = (WNNPaddingMode)m;
        mv_check("pad [0,2] along the non-empty axis", build_pad, &a, s02, 2, s04, 2, map);
    }
    a.beginning = a.ending = z2;
    for (m = 0; m < 3; m++) {
        a.mode = (WNNPaddingMode)m;
        mv_check("pad [0,2] by zero", build_pad, &a, s02, 2, s02, 2, map);
    }
}
END_TEST

START_TEST(pad_unspecified_mask)
{
    /* int32 overflow marks input element 1; constant padding is never marked, edge copies
     * carry the mark. */
    static const uint32_t s3[] = {3}, p2[] = {2};
    static const int32_t a[] = {1, INT32_MAX, 3}, one[] = {1, 1, 1};
    static const uint8_t wantConstant[] = {0, 0, 0, 1, 0, 0, 0};
    static const uint8_t wantEdge[] = {0, 0, 0, 1, 0, 0, 0};
    static const uint8_t wantReflection[] = {0, 1, 0, 1, 0, 1, 0};
    WNNPadOptions o = WNN_PAD_OPTIONS_INIT;
    th_env env;
    th_result r[3];
    WNNOperand x, y, sum, outs[3];
    size_t i;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s3, 1, a);
    y = th_input(&env, WNNOperandDataType_Int32, s3, 1, one);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    o.value = wnnNumberFromDouble(-1.0);
    ck_assert_int_eq(wnnGraphBuilderPad(env.builder, sum, p2, 1, p2, 1, &o, &outs[0]),
                     WNNStatus_Success);
    o.mode = WNNPaddingMode_Edge;
    ck_assert_int_eq(wnnGraphBuilderPad(env.builder, sum, p2, 1, p2, 1, &o, &outs[1]),
                     WNNStatus_Success);
    o.mode = WNNPaddingMode_Reflection;
    ck_assert_int_eq(wnnGraphBuilderPad(env.builder, sum, p2, 1, p2, 1, &o, &outs[2]),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 3, outs, r), WNNStatus_Success);
    for (i = 0; i < 7; i++) {
        ck_assert_int_eq(r[0].mask[i], wantConstant[i]);
        ck_assert_int_eq(r[1].mask[i], wantEdge[i]);
        ck_assert_int_eq(r[2].mask[i], wantReflection[i]);
    }
    ck_assert_int_eq(((int32_t *)r[0].data)[0], -1);
    ck_assert_int_eq(((int32_t *)r[1].data)[0], 2);
    ck_assert_int_eq(((int32_t *)r[1].data)[6], 4);
    ck_assert_int_eq(((int32_t *)r[2].data)[0], 4); /* [2, X, 4] reflected: 4 X 2 X 4 X 2 */
    for (i = 0; i < 3; i++)
        th_result_free(&r[i]);
    th_free(&env);
}
END_TEST

START_TEST(pad_validation)
{
    th_env env, other;
    static const uint32_t s23[] = {2, 3}, s02[] = {0, 2}, s1[] = {1}, s2[] = {2}, s22[] = {2, 2};
    static const uint32_t p1[] = {1}, p11[] = {1, 1}, p12[] = {1, 2}, p13[] = {1, 3};
    static const uint32_t p20[] = {2, 0}, p00[] = {0, 0}, p10[] = {1, 0}, p01[] = {0, 1};
    static const uint32_t pbig[] = {2147483646u}, pmax[] = {4294967295u}, p0[] = {0};
    static const uint32_t pwide[] = {65535, 65535};
    static const float f[6] = {0};
    static const int8_t i4[6] = {0};
    WNNPadOptions o = WNN_PAD_OPTIONS_INIT;
    WNNOperand x, z, one, two, sq, foreign, nibbles, out = NULL;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, f);
    z = th_input(&env, WNNOperandDataType_Float32, s02, 2, f);
    one = th_input(&env, WNNOperandDataType_Float32, s1, 1, f);
    two = th_input(&env, WNNOperandDataType_Float32, s2, 1, f);
    sq = th_input(&env, WNNOperandDataType_Float32, s22, 2, f);
    foreign = th_input(&other, WNNOperandDataType_Float32, s23, 2, f);
    nibbles = th_input(&env, WNNOperandDataType_Int4, s23, 2, i4);
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p1, 1, p11, 2, NULL, &out),
                     WNNStatus_TypeError,
                     "pad: the sizes of beginningPadding and endingPadding must both equal the "
                     "input's rank 2, got 1 and 2");
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p11, 2, NULL, 0, NULL, &out),
                     WNNStatus_TypeError, "got 2 and 0");
    /* reflection: each padding strictly smaller than the dimension (webnn#377, #739) */
    o.mode = WNNPaddingMode_Reflection;
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p20, 2, p00, 2, &o, &out),
                     WNNStatus_TypeError,
                     "pad: reflection padding must be smaller than input dimension 0 (2), got "
                     "beginning 2 and ending 0");
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p00, 2, p13, 2, &o, &out),
                     WNNStatus_TypeError, "input dimension 1 (3), got beginning 0 and ending 3");
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, one, p1, 1, p1, 1, &o, &out),
                     WNNStatus_TypeError, "(1), got beginning 1 and ending 1");
    /* ... the largest allowed reflection padding is dim - 1 */
    ck_assert_int_eq(wnnGraphBuilderPad(env.builder, x, p12, 2, p12, 2, &o, &out),
                     WNNStatus_Success);
    out = NULL;
    /* edge and reflection of an empty axis need an element */
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, z, p10, 2, p00, 2, &o, &out),
                     WNNStatus_TypeError,
                     "pad: reflection padding of empty input dimension 0 needs an element, got "
                     "beginning 1 and ending 0");
    o.mode = WNNPaddingMode_Edge;
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, z, p00, 2, p10, 2, &o, &out),
                     WNNStatus_TypeError,
                     "pad: edge padding of empty input dimension 0 needs an element, got "
                     "beginning 0 and ending 1");
    /* edge has no limit on a non-empty axis (1 + 2147483646 = 2^31-1) */
    ck_assert_int_eq(wnnGraphBuilderPad(env.builder, one, pbig, 1, p0, 1, &o, &out),
                     WNNStatus_Success);
    out = NULL;
    /* output dimensions must be valid dimensions: 2 + 2147483646 + 1 > 2^31-1, and the
     * sum of two 2^32-1 paddings must not wrap around */
    o.mode = WNNPaddingMode_Constant;
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, two, pbig, 1, p1, 1, &o, &out),
                     WNNStatus_TypeError,
                     "pad: output dimension 0 must be a valid dimension (at most 2^31-1), got "
                     "2147483649");
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, two, pmax, 1, pmax, 1, &o, &out),
                     WNNStatus_TypeError, "got 8589934592");
    /* ... and so must the element count: 65537 * 65537 > 2^31-1 */
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, sq, pwide, 2, p00, 2, &o, &out),
                     WNNStatus_TypeError, "pad: the output element count exceeds 2^31-1");
    /* the mode must be an MLPaddingMode ("symmetric" does not exist) */
    o.mode = (WNNPaddingMode)3;
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p00, 2, p00, 2, &o, &out),
                     WNNStatus_TypeError, "pad: options.mode is not a valid enum value, got 3");
    o.mode = (WNNPaddingMode)-1;
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p00, 2, p00, 2, &o, &out),
                     WNNStatus_TypeError, "got -1");
    o.mode = WNNPaddingMode_Constant;
    o.value.type = (WNNNumberType)3;
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p00, 2, p00, 2, &o, &out),
                     WNNStatus_InvalidArgument, "the WNNNumber type of options.value");
    o.value = wnnNumberFromDouble(0.0);
    /* operands, types, pointers, labels, state */
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, NULL, p00, 2, p00, 2, NULL, &out),
                     WNNStatus_TypeError, "pad: input is NULL");
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, foreign, p00, 2, p00, 2, NULL, &out),
                     WNNStatus_TypeError, "input was created by another builder");
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, nibbles, p00, 2, p00, 2, NULL, &out),
                     WNNStatus_TypeError, "the data type of input must be one of");
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, NULL, 2, p00, 2, NULL, &out),
                     WNNStatus_InvalidArgument, "is NULL with a non-zero count");
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p00, 2, p00, 2, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    o.label = "frame";
    th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p1, 1, p1, 1, &o, &out),
                     WNNStatus_TypeError, "pad[frame]: the sizes");
    ck_assert_ptr_null(out);
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderPad(env.builder, x, p01, 2, p00, 2, NULL, &out),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderPad(env.builder, x, p00, 2, p00, 2, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *slice_pad_suite(void)
{
    Suite *s = suite_create("slice_pad");
    TCase *t = tcase_create("core");
    tcase_add_test(t, slice_takes_a_window);
    tcase_add_test(t, slice_with_strides);
    tcase_add_test(t, slice_wpt_strides_case);
    tcase_add_test(t, slice_zero_size);
    tcase_add_test(t, slice_validation);
    tcase_add_test(t, pad_spec_example_every_mode_and_type);
    tcase_add_test(t, pad_three_axes_and_scalar);
    tcase_add_test(t, pad_wpt_reflection_case);
    tcase_add_test(t, pad_value_is_cast_to_the_input_type);
    tcase_add_test(t, pad_zero_size);
    tcase_add_test(t, pad_unspecified_mask);
    tcase_add_test(t, pad_validation);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(slice_pad_suite)
