/* tests/check_shape.c - reshape, expand, transpose, tile, reverse. */
#include "movement.h"

#include <math.h>
#include <stdio.h>

/* ---- builders for mv_check ------------------------------------------------------------------ */

typedef struct dims_arg {
    const uint32_t *dims;
    size_t count;
} dims_arg;

static WNNStatus build_reshape(WNNGraphBuilder b, WNNOperand x, const void *arg, WNNOperand *out)
{
    const dims_arg *a = (const dims_arg *)arg;
    return wnnGraphBuilderReshape(b, x, a->dims, a->count, NULL, out);
}

static WNNStatus build_expand(WNNGraphBuilder b, WNNOperand x, const void *arg, WNNOperand *out)
{
    const dims_arg *a = (const dims_arg *)arg;
    return wnnGraphBuilderExpand(b, x, a->dims, a->count, NULL, out);
}

static WNNStatus build_tile(WNNGraphBuilder b, WNNOperand x, const void *arg, WNNOperand *out)
{
    const dims_arg *a = (const dims_arg *)arg;
    return wnnGraphBuilderTile(b, x, a->dims, a->count, NULL, out);
}

static WNNStatus build_transpose(WNNGraphBuilder b, WNNOperand x, const void *arg,
                                 WNNOperand *out)
{
    return wnnGraphBuilderTranspose(b, x, (const WNNTransposeOptions *)arg, out);
}

static WNNStatus build_reverse(WNNGraphBuilder b, WNNOperand x, const void *arg, WNNOperand *out)
{
    return wnnGraphBuilderReverse(b, x, (const WNNReverseOptions *)arg, out);
}

/* ---- reshape -------------------------------------------------------------------------------- */

START_TEST(reshape_keeps_row_major_order)
{
    static const uint32_t s234[] = {2, 3, 4}, s46[] = {4, 6}, s11[] = {1, 1}, s111[] = {1, 1, 1};
    static const uint32_t s03[] = {0, 3}, s305[] = {3, 0, 5}, s0[] = {0};
    size_t map[24], i;
    dims_arg a;
    for (i = 0; i < 24; i++)
        map[i] = i;
    a.dims = s46;
    a.count = 2;
    mv_check("reshape [2,3,4] to [4,6]", build_reshape, &a, s234, 3, s46, 2, map);
    a.dims = NULL; /* an empty newShape: a scalar */
    a.count = 0;
    mv_check("reshape [1,1] to []", build_reshape, &a, s11, 2, NULL, 0, map);
    a.dims = s111;
    a.count = 3;
    mv_check("reshape [] to [1,1,1]", build_reshape, &a, NULL, 0, s111, 3, map);
    /* zero-size: any shape with no element is reachable from an empty input */
    a.dims = s305;
    a.count = 3;
    mv_check("reshape [0,3] to [3,0,5]", build_reshape, &a, s03, 2, s305, 3, map);
    a.dims = s0;
    a.count = 1;
    mv_check("reshape [0,3] to [0]", build_reshape, &a, s03, 2, s0, 1, map);
}
END_TEST

/* ---- expand --------------------------------------------------------------------------------- */

START_TEST(expand_broadcasts_unidirectionally)
{
    static const uint32_t s31[] = {3, 1}, s234[] = {2, 3, 4}, s22[] = {2, 2}, s12[] = {1, 2};
    static const uint32_t s02[] = {0, 2}, s4[] = {4}, s30[] = {3, 0};
    size_t map[24], a0, b0, c0;
    dims_arg a;
    /* [3,1] -> [2,3,4]: out[a][b][c] = in[b][0] */
    for (a0 = 0; a0 < 2; a0++)
        for (b0 = 0; b0 < 3; b0++)
            for (c0 = 0; c0 < 4; c0++)
                map[(a0 * 3 + b0) * 4 + c0] = b0;
    a.dims = s234;
    a.count = 3;
    mv_check("expand [3,1] to [2,3,4]", build_expand, &a, s31, 2, s234, 3, map);
    /* a scalar fills any shape */
    for (a0 = 0; a0 < 4; a0++)
        map[a0] = 0;
    a.dims = s22;
    a.count = 2;
    mv_check("expand [] to [2,2]", build_expand, &a, NULL, 0, s22, 2, map);
    /* [4] -> [4]: the same shape is a copy */
    for (a0 = 0; a0 < 4; a0++)
        map[a0] = a0;
    a.dims = s4;
    a.count = 1;
    mv_check("expand [4] to [4]", build_expand, &a, s4, 1, s4, 1, map);
    /* zero-size: a dimension of 1 expands to 0 */
    a.dims = s02;
    a.count = 2;
    mv_check("expand [1,2] to [0,2]", build_expand, &a, s12, 2, s02, 2, map);
    a.dims = s30;
    a.count = 2;
    mv_check("expand [3,1] to [3,0]", build_expand, &a, s31, 2, s30, 2, map);
}
END_TEST

/* ---- transpose ------------------------------------------------------------------------------ */

START_TEST(transpose_permutes_axes)
{
    static const uint32_t s234[] = {2, 3, 4}, s432[] = {4, 3, 2}, s423[] = {4, 2, 3};
    static const uint32_t p201[] = {2, 0, 1}, p012[] = {0, 1, 2};
    static const uint32_t s12134[] = {1, 2, 1, 3, 4}, s23141[] = {2, 3, 1, 4, 1};
    static const uint32_t p13042[] = {1, 3, 0, 4, 2};
    static const uint32_t s023[] = {0, 2, 3}, s320[] = {3, 2, 0}, s5[] = {5};
    WNNTransposeOptions o = WNN_TRANSPOSE_OPTIONS_INIT;
    size_t map[24], a, b, c;
    /* default: reversed axes; out[c][b][a] = in[a][b][c] */
    for (c = 0; c < 4; c++)
        for (b = 0; b < 3; b++)
            for (a = 0; a < 2; a++)
                map[(c * 3 + b) * 2 + a] = (a * 3 + b) * 4 + c;
    mv_check("transpose [2,3,4] default", build_transpose, NULL, s234, 3, s432, 3, map);
    /* permutation [2,0,1]: output axis d is input axis perm[d]; out[p][q][r] = in[q][r][p] */
    for (a = 0; a < 4; a++)
        for (b = 0; b < 2; b++)
            for (c = 0; c < 3; c++)
                map[(a * 2 + b) * 3 + c] = (b * 3 + c) * 4 + a;
    o.permutation = p201;
    o.permutationCount = 3;
    mv_check("transpose [2,3,4] by [2,0,1]", build_transpose, &o, s234, 3, s423, 3, map);
    /* the identity permutation */
    for (a = 0; a < 24; a++)
        map[a] = a;
    o.permutation = p012;
    mv_check("transpose [2,3,4] by [0,1,2]", build_transpose, &o, s234, 3, s234, 3, map);
    /* WPT "transpose float32 5D tensor options.permutation": [1,2,1,3,4] by [1,3,0,4,2] gives
     * [2,3,1,4,1] with the elements in their original order (only size-1 axes move across
     * the others). */
    o.permutation = p13042;
    o.permutationCount = 5;
    mv_check("transpose 5-D WPT case", build_transpose, &o, s12134, 5, s23141, 5, map);
    /* rank 0 and rank 1: the default permutation changes nothing */
    mv_check("transpose []", build_transpose, NULL, NULL, 0, NULL, 0, map);
    mv_check("transpose [5]", build_transpose, NULL, s5, 1, s5, 1, map);
    /* zero-size */
    mv_check("transpose [0,2,3] default", build_transpose, NULL, s023, 3, s320, 3, map);
}
END_TEST

/* ---- tile ----------------------------------------------------------------------------------- */

START_TEST(tile_repeats_along_each_axis)
{
    static const uint32_t s23[] = {2, 3}, r22[] = {2, 2}, s46[] = {4, 6}, r02[] = {0, 2};
    static const uint32_t s06[] = {0, 6}, s03[] = {0, 3}, r31[] = {3, 1}, s4[] = {4}, r1[] = {1};
    size_t map[24], i, j;
    dims_arg a;
    /* out[i][j] = in[i mod 2][j mod 3] */
    for (i = 0; i < 4; i++)
        for (j = 0; j < 6; j++)
            map[i * 6 + j] = (i % 2) * 3 + j % 3;
    a.dims = r22;
    a.count = 2;
    mv_check("tile [2,3] by [2,2]", build_tile, &a, s23, 2, s46, 2, map);
    for (i = 0; i < 4; i++)
        map[i] = i;
    a.dims = r1;
    a.count = 1;
    mv_check("tile [4] by [1]", build_tile, &a, s4, 1, s4, 1, map);
    a.dims = NULL;
    a.count = 0;
    mv_check("tile [] by []", build_tile, &a, NULL, 0, NULL, 0, map);
    /* zero-size: a repetition of 0 empties the axis; an empty axis stays empty */
    a.dims = r02;
    a.count = 2;
    mv_check("tile [2,3] by [0,2]", build_tile, &a, s23, 2, s06, 2, map);
    a.dims = r31;
    mv_check("tile [0,3] by [3,1]", build_tile, &a, s03, 2, s03, 2, map);
}
END_TEST

START_TEST(tile_wpt_uint32_case)
{
    /* WPT "tile uint32 2D tensor" (web-platform-tests, 3-Clause BSD License). */
    static const uint32_t s22[] = {2, 2}, r23[] = {2, 3};
    static const uint32_t in[] = {1, 2, 3, 4};
    static const uint32_t want[] = {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4,
                                    1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4};
    th_env env;
    th_result r;
    WNNOperand x, out;
    size_t i;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Uint32, s22, 2, in);
    ck_assert_int_eq(wnnGraphBuilderTile(env.builder, x, r23, 2, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_uint_eq(r.count, 24);
    for (i = 0; i < 24; i++)
        ck_assert_uint_eq(((uint32_t *)r.data)[i], want[i]);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

/* ---- reverse -------------------------------------------------------------------------------- */

START_TEST(reverse_flips_the_given_axes)
{
    static const uint32_t s34[] = {3, 4}, ax1[] = {1}, ax10[] = {1, 0}, none[1] = {0};
    static const uint32_t s3212[] = {3, 2, 1, 2}, ax31[] = {3, 1}, s03[] = {0, 3};
    WNNReverseOptions o = WNN_REVERSE_OPTIONS_INIT;
    size_t map[24], i, j, a, b, d;
    /* default: every axis; out[i][j] = in[2-i][3-j] */
    for (i = 0; i < 3; i++)
        for (j = 0; j < 4; j++)
            map[i * 4 + j] = (2 - i) * 4 + (3 - j);
    mv_check("reverse [3,4] default", build_reverse, NULL, s34, 2, s34, 2, map);
    o.axes = ax10;
    o.axesCount = 2;
    mv_check("reverse [3,4] axes [1,0]", build_reverse, &o, s34, 2, s34, 2, map);
    /* axes [1]: out[i][j] = in[i][3-j] */
    for (i = 0; i < 3; i++)
        for (j = 0; j < 4; j++)
            map[i * 4 + j] = i * 4 + (3 - j);
    o.axes = ax1;
    o.axesCount = 1;
    mv_check("reverse [3,4] axes [1]", build_reverse, &o, s34, 2, s34, 2, map);
    /* explicitly empty axes: a copy */
    for (i = 0; i < 12; i++)
        map[i] = i;
    o.axes = none;
    o.axesCount = 0;
    mv_check("reverse [3,4] axes []", build_reverse, &o, s34, 2, s34, 2, map);
    /* the WPT case "reverse float32 4D input options.axes=[3, 1]": [3,2,1,2],
     * out[a][b][0][d] = in[a][1-b][0][1-d] */
    for (a = 0; a < 3; a++)
        for (b = 0; b < 2; b++)
            for (d = 0; d < 2; d++)
                map[(a * 2 + b) * 2 + d] = (a * 2 + (1 - b)) * 2 + (1 - d);
    o.axes = ax31;
    o.axesCount = 2;
    mv_check("reverse [3,2,1,2] axes [3,1]", build_reverse, &o, s3212, 4, s3212, 4, map);
    /* a scalar reverses nothing; an empty tensor has nothing to reverse */
    map[0] = 0;
    mv_check("reverse []", build_reverse, NULL, NULL, 0, NULL, 0, map);
    mv_check("reverse [0,3]", build_reverse, NULL, s03, 2, s03, 2, map);
}
END_TEST

/* ---- exact values --------------------------------------------------------------------------- */

START_TEST(int64_and_uint64_beyond_2_pow_53_are_exact)
{
    static const uint32_t s4[] = {4}, s22[] = {2, 2};
    static const int64_t in[] = {9007199254740993LL, -9007199254740993LL, INT64_MIN, INT64_MAX};
    static const uint64_t uin[] = {18446744073709551615ULL, 9007199254740993ULL,
                                   18446744073709551557ULL, 1};
    th_env env;
    th_result r[2];
    WNNOperand x, y, outs[2];
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int64, s4, 1, in);
    y = th_input(&env, WNNOperandDataType_Uint64, s22, 2, uin);
    ck_assert_int_eq(wnnGraphBuilderReverse(env.builder, x, NULL, &outs[0]), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderTranspose(env.builder, y, NULL, &outs[1]), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    ck_assert(((int64_t *)r[0].data)[0] == INT64_MAX);
    ck_assert(((int64_t *)r[0].data)[1] == INT64_MIN);
    ck_assert(((int64_t *)r[0].data)[2] == -9007199254740993LL);
    ck_assert(((int64_t *)r[0].data)[3] == 9007199254740993LL);
    ck_assert(((uint64_t *)r[1].data)[0] == 18446744073709551615ULL);
    ck_assert(((uint64_t *)r[1].data)[1] == 18446744073709551557ULL);
    ck_assert(((uint64_t *)r[1].data)[2] == 9007199254740993ULL);
    ck_assert(((uint64_t *)r[1].data)[3] == 1);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

START_TEST(float_special_values_are_copied_bit_for_bit)
{
    /* A NaN with a payload, the signed zeros, the smallest subnormal, infinities: tile
     * copies their bits (no arithmetic touches them). */
    static const uint32_t s6[] = {6}, r2[] = {2};
    static const uint32_t f32[] = {0x7FC00123u, 0x80000000u, 0x00000000u,
                                   0x00000001u, 0xFF800000u, 0xFFFFFFFFu};
    static const uint16_t f16[] = {0x7E01u, 0x8000u, 0x0000u, 0x0001u, 0xFC00u, 0x7C00u};
    th_env env;
    th_result r[2];
    WNNOperand x, y, outs[2];
    size_t i;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s6, 1, f32);
    y = th_input(&env, WNNOperandDataType_Float16, s6, 1, f16);
    ck_assert_int_eq(wnnGraphBuilderTile(env.builder, x, r2, 1, NULL, &outs[0]),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderTile(env.builder, y, r2, 1, NULL, &outs[1]),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    for (i = 0; i < 12; i++) {
        ck_assert_uint_eq(((uint32_t *)r[0].data)[i], f32[i % 6]);
        ck_assert_uint_eq(((uint16_t *)r[1].data)[i], f16[i % 6]);
    }
    ck_assert(isnan(th_get(&r[0], 0)) && signbit(th_get(&r[0], 1)));
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

START_TEST(unspecified_mask_moves_with_its_element)
{
    /* add overflows in element [0][2] only; transpose moves it to [2][0]; reshape keeps
     * flat position 2 marked; expand copies it to every broadcast position. */
    static const uint32_t s23[] = {2, 3}, s6[] = {6}, s123[] = {1, 2, 3}, s223[] = {2, 2, 3};
    static const int32_t a[] = {1, 2, INT32_MAX, 4, 5, 6}, one[] = {1, 1, 1, 1, 1, 1};
    th_env env;
    th_result r[3];
    WNNOperand x, y, sum, outs[3], reshaped;
    size_t i;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s23, 2, a);
    y = th_input(&env, WNNOperandDataType_Int32, s23, 2, one);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderTranspose(env.builder, sum, NULL, &outs[0]),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderReshape(env.builder, sum, s6, 1, NULL, &outs[1]),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderReshape(env.builder, sum, s123, 3, NULL, &reshaped),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderExpand(env.builder, reshaped, s223, 3, NULL, &outs[2]),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 3, outs, r), WNNStatus_Success);
    /* transpose [2,3] -> [3,2]: out[j][i] = in[i][j]; in[0][2] is out[2][0] = flat 4 */
    for (i = 0; i < 6; i++)
        ck_assert_int_eq(r[0].mask[i], i == 4);
    ck_assert_uint_eq(r[0].unspecified, 1);
    ck_assert_int_eq(((int32_t *)r[0].data)[1], 5); /* out[0][1] = in[1][0] + 1 */
    for (i = 0; i < 6; i++)
        ck_assert_int_eq(r[1].mask[i], i == 2);
    for (i = 0; i < 12; i++)
        ck_assert_int_eq(r[2].mask[i], i % 6 == 2);
    for (i = 0; i < 3; i++)
        th_result_free(&r[i]);
    th_free(&env);
}
END_TEST

/* ---- validation ----------------------------------------------------------------------------- */

START_TEST(reshape_validation)
{
    th_env env;
    static const uint32_t s23[] = {2, 3}, s5[] = {5}, big[] = {2147483648u, 1};
    static const uint32_t huge[] = {65536, 65536}, r17[17] = {1};
    static const uint32_t s06[] = {0, 6}, s0[] = {0}, s1[] = {1};
    static const float f[6] = {0};
    WNNOperand x, z, out = NULL;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, f);
    z = th_input(&env, WNNOperandDataType_Float32, s06, 2, f);
    th_assert_status(&env, wnnGraphBuilderReshape(env.builder, x, s5, 1, NULL, &out),
                     WNNStatus_TypeError,
                     "reshape: the product of newShape must equal the input's element count 6, "
                     "got 5");
    th_assert_status(&env, wnnGraphBuilderReshape(env.builder, x, big, 2, NULL, &out),
                     WNNStatus_TypeError, "newShape[0] must be a valid dimension");
    th_assert_status(&env, wnnGraphBuilderReshape(env.builder, x, huge, 2, NULL, &out),
                     WNNStatus_TypeError, "got a product above 2^31-1");
    th_assert_status(&env, wnnGraphBuilderReshape(env.builder, x, r17, 17, NULL, &out),
                     WNNStatus_TypeError, "maximum rank of 16, got 17");
    th_assert_status(&env, wnnGraphBuilderReshape(env.builder, x, NULL, 0, NULL, &out),
                     WNNStatus_TypeError, "element count 6, got 1");
    th_assert_status(&env, wnnGraphBuilderReshape(env.builder, x, NULL, 2, NULL, &out),
                     WNNStatus_InvalidArgument, "newShape is NULL with 2 items");
    /* zero-size: the product must still match */
    th_assert_status(&env, wnnGraphBuilderReshape(env.builder, z, s1, 1, NULL, &out),
                     WNNStatus_TypeError, "element count 0, got 1");
    th_assert_status(&env, wnnGraphBuilderReshape(env.builder, x, s0, 1, NULL, &out),
                     WNNStatus_TypeError, "element count 6, got 0");
    ck_assert_ptr_null(out);
    th_free(&env);
}
END_TEST

START_TEST(expand_validation)
{
    th_env env;
    static const uint32_t s23[] = {2, 3}, s3[] = {3}, s24[] = {2, 4}, s0[] = {0}, s1[] = {1};
    static const uint32_t big[] = {2, 2147483648u}, r17[17] = {1};
    static const float f[6] = {0};
    WNNOperand x, z, out = NULL;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, f);
    z = th_input(&env, WNNOperandDataType_Float32, s0, 1, f);
    th_assert_status(&env, wnnGraphBuilderExpand(env.builder, x, s24, 2, NULL, &out),
                     WNNStatus_TypeError,
                     "expand: the input shape is not unidirectionally broadcastable to newShape, "
                     "got [2, 3] and [2, 4]");
    /* newShape of lower rank than the input */
    th_assert_status(&env, wnnGraphBuilderExpand(env.builder, x, s3, 1, NULL, &out),
                     WNNStatus_TypeError, "got [2, 3] and [3]");
    /* ops-§8.13: dimensions above 2^31-1 (a size-1 axis would broadcast to it) */
    {
        static const uint32_t s21[] = {2, 1};
        WNNOperand w = th_input(&env, WNNOperandDataType_Float32, s21, 2, f);
        th_assert_status(&env, wnnGraphBuilderExpand(env.builder, w, big, 2, NULL, &out),
                         WNNStatus_TypeError, "newShape[1] must be a valid dimension");
    }
    th_assert_status(&env, wnnGraphBuilderExpand(env.builder, x, r17, 17, NULL, &out),
                     WNNStatus_TypeError, "maximum of 16, got 17");
    /* zero-size: an empty axis cannot grow to 1 */
    th_assert_status(&env, wnnGraphBuilderExpand(env.builder, z, s1, 1, NULL, &out),
                     WNNStatus_TypeError, "got [0] and [1]");
    th_assert_status(&env, wnnGraphBuilderExpand(env.builder, x, NULL, 1, NULL, &out),
                     WNNStatus_InvalidArgument, "newShape is NULL");
    ck_assert_ptr_null(out);
    th_free(&env);
}
END_TEST

START_TEST(transpose_validation)
{
    th_env env;
    static const uint32_t s234[] = {2, 3, 4}, p01[] = {0, 1}, p013[] = {0, 1, 3};
    static const uint32_t p011[] = {0, 1, 1};
    static const float f[24] = {0};
    WNNTransposeOptions o = WNN_TRANSPOSE_OPTIONS_INIT;
    WNNOperand x, out = NULL;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s234, 3, f);
    o.permutation = p01;
    o.permutationCount = 2;
    th_assert_status(&env, wnnGraphBuilderTranspose(env.builder, x, &o, &out),
                     WNNStatus_TypeError,
                     "transpose: the size of permutation must equal the input's rank 3, got 2");
    o.permutation = p013;
    o.permutationCount = 3;
    th_assert_status(&env, wnnGraphBuilderTranspose(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "permutation[2] must be less than the input's rank 3, "
                                          "got 3");
    o.permutation = p011;
    th_assert_status(&env, wnnGraphBuilderTranspose(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "must not contain duplicate values, got 1 twice");
    o.permutation = p01; /* explicitly empty: a rank-3 input needs 3 items */
    o.permutationCount = 0;
    th_assert_status(&env, wnnGraphBuilderTranspose(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "rank 3, got 0");
    o.permutation = NULL;
    o.permutationCount = 3;
    th_assert_status(&env, wnnGraphBuilderTranspose(env.builder, x, &o, &out),
                     WNNStatus_InvalidArgument, "options.permutation is NULL with 3 items");
    ck_assert_ptr_null(out);
    th_free(&env);
}
END_TEST

START_TEST(tile_validation)
{
    th_env env;
    static const uint32_t s23[] = {2, 3}, r2[] = {2}, s65536[] = {65536}, r32768[] = {32768};
    static const uint32_t r32767[] = {32767}, s2[] = {2}, rwrap[] = {2147483648u};
    static const float f[6] = {0};
    WNNOperand x, big, two, out = NULL;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, f);
    th_assert_status(&env, wnnGraphBuilderTile(env.builder, x, r2, 1, NULL, &out),
                     WNNStatus_TypeError,
                     "tile: the size of repetitions must equal the input's rank 2, got 1");
    /* ops-§8.13: the output dimension must stay a valid dimension: 65536 * 32768 = 2^31 */
    big = th_input(&env, WNNOperandDataType_Float32, s65536, 1, f);
    th_assert_status(&env, wnnGraphBuilderTile(env.builder, big, r32768, 1, NULL, &out),
                     WNNStatus_TypeError,
                     "output dimension 0 (input dimension 65536 times repetitions 32768) must "
                     "be a valid dimension (at most 2^31-1), got 2147483648");
    /* 2 * 2^31 = 2^32 must not wrap around to 0 */
    two = th_input(&env, WNNOperandDataType_Float32, s2, 1, f);
    th_assert_status(&env, wnnGraphBuilderTile(env.builder, two, rwrap, 1, NULL, &out),
                     WNNStatus_TypeError, "got 4294967296");
    th_assert_status(&env, wnnGraphBuilderTile(env.builder, x, NULL, 2, NULL, &out),
                     WNNStatus_InvalidArgument, "repetitions is NULL with 2 items");
    ck_assert_ptr_null(out);
    /* just below the limit is accepted (built, not run) */
    ck_assert_int_eq(wnnGraphBuilderTile(env.builder, big, r32767, 1, NULL, &out),
                     WNNStatus_Success);
    th_free(&env);
}
END_TEST

START_TEST(reverse_validation)
{
    th_env env;
    static const uint32_t s23[] = {2, 3}, ax2[] = {2}, ax11[] = {0, 1, 1};
    static const float f[6] = {0};
    WNNReverseOptions o = WNN_REVERSE_OPTIONS_INIT;
    WNNOperand x, s, out = NULL;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, f);
    s = th_input(&env, WNNOperandDataType_Float32, NULL, 0, f);
    o.axes = ax2;
    o.axesCount = 1;
    th_assert_status(&env, wnnGraphBuilderReverse(env.builder, x, &o, &out), WNNStatus_TypeError,
                     "reverse: axes[0] must be less than the input's rank 2, got 2");
    th_assert_status(&env, wnnGraphBuilderReverse(env.builder, s, &o, &out), WNNStatus_TypeError,
                     "rank 0, got 2");
    o.axes = ax11;
    o.axesCount = 3;
    th_assert_status(&env, wnnGraphBuilderReverse(env.builder, x, &o, &out), WNNStatus_TypeError,
                     "reverse: axes must not contain duplicate values, got 1 twice");
    o.axes = NULL;
    o.axesCount = 1;
    th_assert_status(&env, wnnGraphBuilderReverse(env.builder, x, &o, &out),
                     WNNStatus_InvalidArgument, "options.axes is NULL with 1 items");
    ck_assert_ptr_null(out);
    th_free(&env);
}
END_TEST

/* Checks every operator of this file makes: operand validation, data types, labels, the
 * output pointer, and the builder state. */
typedef WNNStatus (*any_build)(WNNGraphBuilder b, WNNOperand x, const char *label,
                               WNNOperand *out);

static WNNStatus any_reshape(WNNGraphBuilder b, WNNOperand x, const char *label, WNNOperand *out)
{
    static const uint32_t s[] = {2};
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    o.label = label;
    return wnnGraphBuilderReshape(b, x, s, 1, &o, out);
}

static WNNStatus any_expand(WNNGraphBuilder b, WNNOperand x, const char *label, WNNOperand *out)
{
    static const uint32_t s[] = {2};
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    o.label = label;
    return wnnGraphBuilderExpand(b, x, s, 1, &o, out);
}

static WNNStatus any_transpose(WNNGraphBuilder b, WNNOperand x, const char *label,
                               WNNOperand *out)
{
    WNNTransposeOptions o = WNN_TRANSPOSE_OPTIONS_INIT;
    o.label = label;
    return wnnGraphBuilderTranspose(b, x, &o, out);
}

static WNNStatus any_tile(WNNGraphBuilder b, WNNOperand x, const char *label, WNNOperand *out)
{
    static const uint32_t r[] = {1};
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    o.label = label;
    return wnnGraphBuilderTile(b, x, r, 1, &o, out);
}

static WNNStatus any_reverse(WNNGraphBuilder b, WNNOperand x, const char *label, WNNOperand *out)
{
    WNNReverseOptions o = WNN_REVERSE_OPTIONS_INIT;
    o.label = label;
    return wnnGraphBuilderReverse(b, x, &o, out);
}

START_TEST(common_validation)
{
    static const struct {
        const char *name;
        any_build build;
    } ops[] = {{"reshape", any_reshape}, {"expand", any_expand}, {"transpose", any_transpose},
               {"tile", any_tile},       {"reverse", any_reverse}};
    static const uint32_t s2[] = {2};
    static const float f[2] = {0};
    static const int8_t i4[2] = {0};
    size_t k;
    for (k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        th_env env, other;
        WNNOperand x, foreign, nibbles, out = NULL;
        WNNNamedOperand named;
        WNNGraph g;
        char needle[96];
        th_init(&env);
        th_init(&other);
        x = th_input(&env, WNNOperandDataType_Float32, s2, 1, f);
        foreign = th_input(&other, WNNOperandDataType_Float32, s2, 1, f);
        nibbles = th_input(&env, WNNOperandDataType_Int4, s2, 1, i4);
        snprintf(needle, sizeof needle, "%s: input is NULL", ops[k].name);
        th_assert_status(&env, ops[k].build(env.builder, NULL, NULL, &out), WNNStatus_TypeError,
                         needle);
        th_assert_status(&env, ops[k].build(env.builder, foreign, NULL, &out),
                         WNNStatus_TypeError, "input was created by another builder");
        /* int4 (a C-only extension) is not one of the tables' "any" data types */
        snprintf(needle, sizeof needle, "%s[lbl]: the data type of input must be one of", ops[k].name);
        th_assert_status(&env, ops[k].build(env.builder, nibbles, "lbl", &out),
                         WNNStatus_TypeError, needle);
        th_assert_status(&env, ops[k].build(env.builder, x, NULL, NULL),
                         WNNStatus_InvalidArgument, "output pointer is NULL");
        ck_assert_int_eq(ops[k].build(NULL, x, NULL, &out), WNNStatus_InvalidArgument);
        ck_assert_ptr_null(out);
        /* after build, every call throws InvalidStateError */
        ck_assert_int_eq(ops[k].build(env.builder, x, NULL, &out), WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, ops[k].build(env.builder, x, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
        th_free(&env);
        th_free(&other);
    }
}
END_TEST

static Suite *shape_suite(void)
{
    Suite *s = suite_create("shape");
    TCase *t = tcase_create("core");
    tcase_add_test(t, reshape_keeps_row_major_order);
    tcase_add_test(t, expand_broadcasts_unidirectionally);
    tcase_add_test(t, transpose_permutes_axes);
    tcase_add_test(t, tile_repeats_along_each_axis);
    tcase_add_test(t, tile_wpt_uint32_case);
    tcase_add_test(t, reverse_flips_the_given_axes);
    tcase_add_test(t, int64_and_uint64_beyond_2_pow_53_are_exact);
    tcase_add_test(t, float_special_values_are_copied_bit_for_bit);
    tcase_add_test(t, unspecified_mask_moves_with_its_element);
    tcase_add_test(t, reshape_validation);
    tcase_add_test(t, expand_validation);
    tcase_add_test(t, transpose_validation);
    tcase_add_test(t, tile_validation);
    tcase_add_test(t, reverse_validation);
    tcase_add_test(t, common_validation);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(shape_suite)
