/* tests/check_concat_split.c - concat and split. */
#include "movement.h"

#include <stdio.h>

#define MAX_COUNT 8192

/* ---- builders for mv_check ------------------------------------------------------------------ */

/* concat([x, x, x], axis) */
static WNNStatus build_concat3(WNNGraphBuilder b, WNNOperand x, const void *arg, WNNOperand *out)
{
    WNNOperand inputs[3];
    inputs[0] = inputs[1] = inputs[2] = x;
    return wnnGraphBuilderConcat(b, 3, inputs, *(const uint32_t *)arg, NULL, out);
}

/* the last of split(x, 2, {axis}) */
static WNNStatus build_split_last(WNNGraphBuilder b, WNNOperand x, const void *arg,
                                  WNNOperand *out)
{
    WNNSplitOptions o = WNN_SPLIT_OPTIONS_INIT;
    WNNOperand pieces[2];
    size_t count = 0;
    WNNStatus s;
    o.axis = *(const uint32_t *)arg;
    s = wnnGraphBuilderSplit(b, x, 2, NULL, 0, &o, 2, pieces, &count);
    if (s == WNNStatus_Success) {
        ck_assert_uint_eq(count, 2);
        *out = pieces[1];
    }
    return s;
}

/* ---- concat --------------------------------------------------------------------------------- */

START_TEST(concat_repeated_input)
{
    static const uint32_t s23[] = {2, 3}, s63[] = {6, 3}, s29[] = {2, 9}, s4[] = {4}, s12[] = {12};
    uint32_t axis;
    size_t map[18], i, j;
    /* axis 0: the three copies one after another */
    for (i = 0; i < 18; i++)
        map[i] = i % 6;
    axis = 0;
    mv_check("concat [x,x,x] axis 0", build_concat3, &axis, s23, 2, s63, 2, map);
    /* axis 1: each row is the row three times */
    for (i = 0; i < 2; i++)
        for (j = 0; j < 9; j++)
            map[i * 9 + j] = i * 3 + j % 3;
    axis = 1;
    mv_check("concat [x,x,x] axis 1", build_concat3, &axis, s23, 2, s29, 2, map);
    for (i = 0; i < 12; i++)
        map[i] = i % 4;
    axis = 0;
    mv_check("concat [x,x,x] 1-D", build_concat3, &axis, s4, 1, s12, 1, map);
}
END_TEST

START_TEST(concat_distinct_inputs_every_type)
{
    /* a [2,1], b [2,2], c [2,0] (empty), d [2,1] along axis 1 -> [2,4]; their elements are
     * consecutive in one pattern buffer P: a = P[0..1], b = P[2..5], d = P[6..7]. */
    static const uint32_t s21[] = {2, 1}, s22[] = {2, 2}, s20[] = {2, 0}, s24[] = {2, 4};
    size_t map[8], i, t;
    for (i = 0; i < 2; i++) {
        map[i * 4 + 0] = i;
        map[i * 4 + 1] = 2 + i * 2;
        map[i * 4 + 2] = 2 + i * 2 + 1;
        map[i * 4 + 3] = 6 + i;
    }
    for (t = 0; t < MV_TYPE_COUNT; t++) {
        unsigned char p[64];
        size_t size = wnnOperandDataTypeByteSize(mv_types[t]);
        th_env env;
        th_result r;
        WNNOperand in[4], out;
        mv_pattern(size, 8, p);
        th_init(&env);
        in[0] = th_input(&env, mv_types[t], s21, 2, p);
        in[1] = th_input(&env, mv_types[t], s22, 2, p + 2 * size);
        in[2] = th_input(&env, mv_types[t], s20, 2, p);
        in[3] = th_input(&env, mv_types[t], s21, 2, p + 6 * size);
        ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, 4, in, 1, NULL, &out),
                         WNNStatus_Success);
        mv_assert_shape("concat", out, s24, 2);
        ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
        mv_assert_map("concat a, b, c, d", &r, p, map, 8);
        th_result_free(&r);
        th_free(&env);
    }
}
END_TEST

START_TEST(concat_of_8192_inputs_and_not_8193)
{
    /* 8192 scalar-like constants [1] holding 0..8191 (constants: the harness binds at most
     * 16 graph inputs); concatenated they count up. */
    static const uint32_t s1[] = {1};
    WNNOperand *inputs = (WNNOperand *)malloc((MAX_COUNT + 1) * sizeof *inputs);
    th_env env;
    th_result r;
    WNNOperand out = NULL;
    size_t rank;
    int32_t k;
    ck_assert_ptr_nonnull(inputs);
    th_init(&env);
    for (k = 0; k <= MAX_COUNT; k++)
        inputs[k] = th_constant(&env, WNNOperandDataType_Int32, s1, 1, &k);
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, MAX_COUNT + 1, inputs, 0, NULL, &out),
                     WNNStatus_TypeError,
                     "concat: the number of inputs must be a valid tensor count (1 to 8192), got "
                     "8193");
    ck_assert_ptr_null(out);
    ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, MAX_COUNT, inputs, 0, NULL, &out),
                     WNNStatus_Success);
    ck_assert_uint_eq(wnnOperandGetShape(out, &rank)[0], MAX_COUNT);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    for (k = 0; k < MAX_COUNT; k++)
        ck_assert_int_eq(((int32_t *)r.data)[k], k);
    th_result_free(&r);
    th_free(&env);
    free(inputs);
}
END_TEST

START_TEST(concat_zero_size)
{
    static const uint32_t s03[] = {0, 3}, s23[] = {2, 3}, s02[] = {0, 2}, s05[] = {0, 5};
    static const float a[6] = {1, 2, 3, 4, 5, 6};
    th_env env;
    th_result r[3];
    WNNOperand e3, x, e2, pair[2], outs[3];
    size_t i;
    th_init(&env);
    e3 = th_input(&env, WNNOperandDataType_Float32, s03, 2, a);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, a);
    e2 = th_input(&env, WNNOperandDataType_Float32, s02, 2, a);
    /* an empty input contributes nothing */
    pair[0] = e3;
    pair[1] = x;
    ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, 2, pair, 0, NULL, &outs[0]),
                     WNNStatus_Success);
    mv_assert_shape("concat [0,3]+[2,3]", outs[0], s23, 2);
    /* only empty inputs: along the empty axis, and across it */
    pair[0] = pair[1] = e3;
    ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, 2, pair, 0, NULL, &outs[1]),
                     WNNStatus_Success);
    mv_assert_shape("concat [0,3]+[0,3]", outs[1], s03, 2);
    pair[0] = e2;
    ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, 2, pair, 1, NULL, &outs[2]),
                     WNNStatus_Success);
    mv_assert_shape("concat [0,2]+[0,3] axis 1", outs[2], s05, 2);
    ck_assert_int_eq(th_run(&env, 3, outs, r), WNNStatus_Success);
    for (i = 0; i < 6; i++)
        ck_assert(th_same(th_get(&r[0], i), (double)a[i]));
    ck_assert_uint_eq(r[1].count, 0);
    ck_assert_uint_eq(r[2].count, 0);
    for (i = 0; i < 3; i++)
        th_result_free(&r[i]);
    th_free(&env);
}
END_TEST

START_TEST(concat_validation)
{
    th_env env, other;
    static const uint32_t s23[] = {2, 3}, s24[] = {2, 4}, s33[] = {3, 3}, s6[] = {6};
    static const uint32_t sbig[] = {2147483647u}, s1[] = {1};
    static const float f[12] = {0};
    static const int32_t i32[6] = {0};
    static const int8_t i4[6] = {0};
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    WNNOperand x, y, z, w, v, scalar, big, one, foreign, nibbles, in[3], out = NULL;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, f);
    y = th_input(&env, WNNOperandDataType_Int32, s23, 2, i32);
    z = th_input(&env, WNNOperandDataType_Float32, s24, 2, f);
    w = th_input(&env, WNNOperandDataType_Float32, s33, 2, f);
    v = th_input(&env, WNNOperandDataType_Float32, s6, 1, f);
    scalar = th_input(&env, WNNOperandDataType_Float32, NULL, 0, f);
    big = th_input(&env, WNNOperandDataType_Float32, sbig, 1, f); /* never dispatched */
    one = th_input(&env, WNNOperandDataType_Float32, s1, 1, f);
    foreign = th_input(&other, WNNOperandDataType_Float32, s23, 2, f);
    nibbles = th_input(&env, WNNOperandDataType_Int4, s23, 2, i4);
    in[0] = x;
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 0, in, 0, NULL, &out),
                     WNNStatus_TypeError, "concat: the number of inputs must be a valid tensor "
                                          "count (1 to 8192), got 0");
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 1, in, 2, NULL, &out),
                     WNNStatus_TypeError,
                     "concat: axis must be less than the rank 2 of inputs[0], got 2");
    in[0] = scalar;
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 1, in, 0, NULL, &out),
                     WNNStatus_TypeError, "rank 0 of inputs[0], got 0");
    in[0] = x;
    in[1] = x;
    in[2] = y;
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 3, in, 0, NULL, &out),
                     WNNStatus_TypeError,
                     "concat: the data type of inputs[2] must equal that of inputs[0] (float32), "
                     "got int32");
    in[2] = v;
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 3, in, 0, NULL, &out),
                     WNNStatus_TypeError,
                     "concat: the rank of inputs[2] must equal that of inputs[0] (2), got 1");
    in[1] = z; /* [2,4] with [2,3]: only axis 1 may differ */
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 2, in, 0, NULL, &out),
                     WNNStatus_TypeError,
                     "concat: dimension 1 of inputs[1] must equal that of inputs[0] (3), got 4");
    ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, 2, in, 1, NULL, &out), WNNStatus_Success);
    in[1] = w; /* [3,3] with [2,3]: only axis 0 may differ */
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 2, in, 1, NULL, &out),
                     WNNStatus_TypeError, "dimension 0 of inputs[1] must equal that of inputs[0] "
                                          "(2), got 3");
    ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, 2, in, 0, NULL, &out), WNNStatus_Success);
    out = NULL;
    /* the size along the axis must stay a valid dimension */
    in[0] = big;
    in[1] = one;
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 2, in, 0, NULL, &out),
                     WNNStatus_TypeError,
                     "concat: the output size along axis 0 must be a valid dimension (at most "
                     "2^31-1), got 2147483648 after inputs[1]");
    /* operands */
    in[0] = x;
    in[1] = NULL;
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 2, in, 0, NULL, &out),
                     WNNStatus_TypeError, "concat: inputs[1] is NULL");
    in[1] = foreign;
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 2, in, 0, NULL, &out),
                     WNNStatus_TypeError, "inputs[1] was created by another builder");
    in[0] = nibbles;
    in[1] = nibbles;
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 2, in, 0, NULL, &out),
                     WNNStatus_TypeError, "the data type of inputs[0] must be one of");
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 2, NULL, 0, NULL, &out),
                     WNNStatus_InvalidArgument, "inputs is NULL with 2 items");
    in[0] = x;
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 1, in, 0, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_int_eq(wnnGraphBuilderConcat(NULL, 1, in, 0, NULL, &out), WNNStatus_InvalidArgument);
    o.label = "join";
    th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 1, in, 5, &o, &out),
                     WNNStatus_TypeError, "concat[join]: axis");
    ck_assert_ptr_null(out);
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, 1, in, 0, NULL, &out),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderConcat(env.builder, 1, in, 0, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

/* ---- split ---------------------------------------------------------------------------------- */

START_TEST(split_pieces_every_type)
{
    static const uint32_t s24[] = {2, 4}, s2x[3][2] = {{2, 1}, {2, 0}, {2, 3}};
    static const uint32_t sizes[] = {1, 0, 3}, s64[] = {6, 4}, s34[] = {3, 4}, s22[] = {2, 2};
    size_t map[16], i, j, t;
    uint32_t axis = 1;
    /* mv_check: the second half of [2,4] along axis 1 is out[i][j] = in[i][2+j] */
    for (i = 0; i < 2; i++)
        for (j = 0; j < 2; j++)
            map[i * 2 + j] = i * 4 + 2 + j;
    mv_check("split [2,4] in 2 along axis 1, piece 1", build_split_last, &axis, s24, 2, s22, 2, map);
    /* the second of two equal pieces along axis 0 of [6,4] */
    for (i = 0; i < 12; i++)
        map[i] = 12 + i;
    axis = 0;
    mv_check("split [6,4] in 2 along axis 0, piece 1", build_split_last, &axis, s64, 2, s34, 2,
             map);
    /* sizes [1, 0, 3] along axis 1 of [2,4]: every piece, every type */
    for (t = 0; t < MV_TYPE_COUNT; t++) {
        unsigned char p[64];
        size_t size = wnnOperandDataTypeByteSize(mv_types[t]), count = 0, k;
        size_t maps[3][6];
        th_env env;
        th_result r[3];
        WNNSplitOptions o = WNN_SPLIT_OPTIONS_INIT;
        WNNOperand x, outs[3];
        for (i = 0; i < 2; i++) {
            maps[0][i] = i * 4;
            for (j = 0; j < 3; j++)
                maps[2][i * 3 + j] = i * 4 + 1 + j;
        }
        mv_pattern(size, 8, p);
        th_init(&env);
        x = th_input(&env, mv_types[t], s24, 2, p);
        o.axis = 1;
        ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, x, 0, sizes, 3, &o, 3, outs, &count),
                         WNNStatus_Success);
        ck_assert_uint_eq(count, 3);
        for (k = 0; k < 3; k++)
            mv_assert_shape("split [1,0,3]", outs[k], s2x[k], 2);
        ck_assert_int_eq(th_run(&env, 3, outs, r), WNNStatus_Success);
        mv_assert_map("split piece 0", &r[0], p, maps[0], 2);
        ck_assert_uint_eq(r[1].count, 0);
        mv_assert_map("split piece 2", &r[2], p, maps[2], 6);
        for (k = 0; k < 3; k++)
            th_result_free(&r[k]);
        th_free(&env);
    }
}
END_TEST

START_TEST(split_wpt_number_case)
{
    /* WPT "split float32 4D tensor number splits default options" (web-platform-tests,
     * 3-Clause BSD License): [12,1,1,2] in 4 pieces of [3,1,1,2], in order. */
    static const uint32_t s12[] = {12, 1, 1, 2}, s3[] = {3, 1, 1, 2};
    static const float in[] = {-64.52056884765625f, -84.60513305664062f, -67.99282836914062f,
                               -23.446075439453125f, -85.64382934570312f, 46.87752151489258f,
                               -68.11224365234375f,  75.99607849121094f,  -61.05668640136719f,
                               -90.92643737792969f,  53.916622161865234f, 84.16268920898438f,
                               -95.57494354248047f,  -52.40757751464844f, -29.007186889648438f,
                               71.65496063232422f,   50.66357421875f,     21.364582061767578f,
                               -27.127241134643555f, 65.1489486694336f,   -30.40681266784668f,
                               -6.818390369415283f,  46.673622131347656f, -21.12453842163086f};
    th_env env;
    th_result r[4];
    WNNOperand x, outs[4];
    size_t count = 0, k, i;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s12, 4, in);
    ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, x, 4, NULL, 0, NULL, 4, outs, &count),
                     WNNStatus_Success);
    ck_assert_uint_eq(count, 4);
    for (k = 0; k < 4; k++)
        mv_assert_shape("split WPT", outs[k], s3, 4);
    ck_assert_int_eq(th_run(&env, 4, outs, r), WNNStatus_Success);
    for (k = 0; k < 4; k++) {
        for (i = 0; i < 6; i++)
            ck_assert(th_same(th_get(&r[k], i), (double)in[k * 6 + i]));
        th_result_free(&r[k]);
    }
    th_free(&env);
}
END_TEST

/* Split [8192] (values 0..8191) into 8192 pieces, by count or by a list of ones, and
 * concatenate the pieces in reverse order: the result counts down. 8193 pieces fail. */
static void split_8192(int byList)
{
    static const uint32_t s[] = {MAX_COUNT}, s1[] = {1};
    uint32_t *ones = (uint32_t *)malloc((MAX_COUNT + 1) * sizeof *ones);
    int32_t *values = (int32_t *)malloc(MAX_COUNT * sizeof *values);
    WNNOperand *pieces = (WNNOperand *)malloc((MAX_COUNT + 1) * sizeof *pieces);
    WNNOperand *reversed = (WNNOperand *)malloc(MAX_COUNT * sizeof *reversed);
    th_env env;
    th_result r;
    WNNOperand x, out;
    size_t count = 12345, k;
    ck_assert(ones && values && pieces && reversed);
    for (k = 0; k <= MAX_COUNT; k++)
        ones[k] = 1;
    for (k = 0; k < MAX_COUNT; k++)
        values[k] = (int32_t)k;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s, 1, values);
    if (byList) {
        static const uint32_t s8193[] = {MAX_COUNT + 1};
        WNNOperand y = th_constant(&env, WNNOperandDataType_Int32, s8193, 1, ones);
        th_assert_status(&env,
                         wnnGraphBuilderSplit(env.builder, y, 0, ones, MAX_COUNT + 1, NULL,
                                              MAX_COUNT + 1, pieces, &count),
                         WNNStatus_TypeError,
                         "split: the size of splits must be a valid tensor count (1 to 8192), "
                         "got 8193");
        ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, x, 0, ones, MAX_COUNT, NULL,
                                              MAX_COUNT, pieces, &count),
                         WNNStatus_Success);
    } else {
        th_assert_status(&env,
                         wnnGraphBuilderSplit(env.builder, x, MAX_COUNT + 1, NULL, 0, NULL,
                                              MAX_COUNT + 1, pieces, &count),
                         WNNStatus_TypeError,
                         "split: splits must be a valid tensor count (1 to 8192), got 8193");
        ck_assert_uint_eq(count, 12345); /* unchanged by the failure */
        ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, x, MAX_COUNT, NULL, 0, NULL,
                                              MAX_COUNT, pieces, &count),
                         WNNStatus_Success);
    }
    ck_assert_uint_eq(count, MAX_COUNT);
    for (k = 0; k < MAX_COUNT; k++) {
        mv_assert_shape("split 8192", pieces[k], s1, 1);
        reversed[k] = pieces[MAX_COUNT - 1 - k];
    }
    ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, MAX_COUNT, reversed, 0, NULL, &out),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    for (k = 0; k < MAX_COUNT; k++)
        ck_assert_int_eq(((int32_t *)r.data)[k], (int32_t)(MAX_COUNT - 1 - k));
    th_result_free(&r);
    th_free(&env);
    free(ones);
    free(values);
    free(pieces);
    free(reversed);
}

START_TEST(split_into_8192_pieces_by_count_and_not_8193)
{
    split_8192(0);
}
END_TEST

START_TEST(split_into_8192_pieces_by_list_and_not_8193)
{
    split_8192(1);
}
END_TEST

START_TEST(split_zero_size)
{
    static const uint32_t s04[] = {0, 4}, s34[] = {3, 4}, z2[] = {0, 0, 3};
    static const uint32_t s0x[][2] = {{0, 4}, {0, 4}, {0, 4}};
    static const float a[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    th_env env;
    th_result r[4];
    WNNOperand e, x, outs[4];
    size_t count = 0, k, i;
    uint32_t sizes[3];
    th_init(&env);
    e = th_input(&env, WNNOperandDataType_Float32, s04, 2, a);
    x = th_input(&env, WNNOperandDataType_Float32, s34, 2, a);
    /* a count split of an empty axis: that many empty pieces (0 % 3 == 0) */
    ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, e, 3, NULL, 0, NULL, 4, outs, &count),
                     WNNStatus_Success);
    ck_assert_uint_eq(count, 3);
    for (k = 0; k < 3; k++)
        mv_assert_shape("split [0,4] in 3", outs[k], s0x[k], 2);
    /* a list with zeros: [0, 0, 3] along axis 0 of [3,4] */
    for (k = 0; k < 3; k++)
        sizes[k] = z2[k];
    ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, x, 0, sizes, 3, NULL, 3, outs, &count),
                     WNNStatus_Success);
    mv_assert_shape("split [0,0,3] piece 0", outs[0], s0x[0], 2);
    mv_assert_shape("split [0,0,3] piece 2", outs[2], s34, 2);
    /* an empty axis split by a list of zeros */
    sizes[0] = 0;
    ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, e, 0, sizes, 1, NULL, 1, &outs[3], &count),
                     WNNStatus_Success);
    ck_assert_uint_eq(count, 1);
    ck_assert_int_eq(th_run(&env, 4, outs, r), WNNStatus_Success);
    ck_assert_uint_eq(r[0].count, 0);
    ck_assert_uint_eq(r[1].count, 0);
    ck_assert_uint_eq(r[3].count, 0);
    for (i = 0; i < 12; i++)
        ck_assert(th_same(th_get(&r[2], i), (double)a[i]));
    for (k = 0; k < 4; k++)
        th_result_free(&r[k]);
    th_free(&env);
}
END_TEST

START_TEST(int64_and_uint64_beyond_2_pow_53_are_exact)
{
    static const uint32_t s2[] = {2}, s4[] = {4};
    static const int64_t a[] = {9007199254740993LL, INT64_MIN}, b[] = {-9007199254740993LL,
                                                                        INT64_MAX};
    static const uint64_t u[] = {18446744073709551615ULL, 9007199254740993ULL,
                                 18446744073709551557ULL, 0};
    th_env env;
    th_result r[3];
    WNNOperand in[2], x, outs[3];
    size_t count;
    th_init(&env);
    in[0] = th_input(&env, WNNOperandDataType_Int64, s2, 1, a);
    in[1] = th_input(&env, WNNOperandDataType_Int64, s2, 1, b);
    x = th_input(&env, WNNOperandDataType_Uint64, s4, 1, u);
    ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, 2, in, 0, NULL, &outs[0]),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, x, 2, NULL, 0, NULL, 2, &outs[1], &count),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 3, outs, r), WNNStatus_Success);
    ck_assert(((int64_t *)r[0].data)[0] == 9007199254740993LL);
    ck_assert(((int64_t *)r[0].data)[1] == INT64_MIN);
    ck_assert(((int64_t *)r[0].data)[2] == -9007199254740993LL);
    ck_assert(((int64_t *)r[0].data)[3] == INT64_MAX);
    ck_assert(((uint64_t *)r[1].data)[0] == 18446744073709551615ULL);
    ck_assert(((uint64_t *)r[1].data)[1] == 9007199254740993ULL);
    ck_assert(((uint64_t *)r[2].data)[0] == 18446744073709551557ULL);
    ck_assert(((uint64_t *)r[2].data)[1] == 0);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_result_free(&r[2]);
    th_free(&env);
}
END_TEST

START_TEST(unspecified_mask_moves_with_its_element)
{
    /* add overflows in element 3 of [6]; split in 3 puts it in piece 1 at 1; concat of
     * [piece 2, piece 1] puts it at 3. */
    static const uint32_t s6[] = {6};
    static const int32_t a[] = {0, 1, 2, INT32_MAX, 4, 5}, one[] = {1, 1, 1, 1, 1, 1};
    th_env env;
    th_result r[2];
    WNNOperand x, y, sum, pieces[3], pair[2], outs[2];
    size_t count, i;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s6, 1, a);
    y = th_input(&env, WNNOperandDataType_Int32, s6, 1, one);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, sum, 3, NULL, 0, NULL, 3, pieces, &count),
                     WNNStatus_Success);
    pair[0] = pieces[2];
    pair[1] = pieces[1];
    ck_assert_int_eq(wnnGraphBuilderConcat(env.builder, 2, pair, 0, NULL, &outs[1]),
                     WNNStatus_Success);
    outs[0] = pieces[1];
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    ck_assert_int_eq(r[0].mask[0], 0);
    ck_assert_int_eq(r[0].mask[1], 1);
    ck_assert_int_eq(((int32_t *)r[0].data)[0], 3);
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(r[1].mask[i], i == 3);
    ck_assert_int_eq(((int32_t *)r[1].data)[0], 5);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

START_TEST(split_validation)
{
    th_env env, other;
    static const uint32_t s64[] = {6, 4};
    static const uint32_t sz24[] = {2, 4}, sz33[] = {3, 3}, none[1] = {0};
    static const float f[24] = {0};
    static const int8_t i4[24] = {0};
    WNNSplitOptions o = WNN_SPLIT_OPTIONS_INIT;
    WNNOperand x, scalar, foreign, nibbles, outs[4];
    size_t count = 777;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s64, 2, f);
    scalar = th_input(&env, WNNOperandDataType_Float32, NULL, 0, f);
    foreign = th_input(&other, WNNOperandDataType_Float32, s64, 2, f);
    nibbles = th_input(&env, WNNOperandDataType_Int4, s64, 2, i4);
    outs[0] = NULL;
    o.axis = 2;
    th_assert_status(&env, wnnGraphBuilderSplit(env.builder, x, 2, NULL, 0, &o, 4, outs, &count),
                     WNNStatus_TypeError,
                     "split: options.axis must be less than the input's rank 2, got 2");
    o.axis = 0;
    th_assert_status(&env,
                     wnnGraphBuilderSplit(env.builder, scalar, 1, NULL, 0, &o, 4, outs, &count),
                     WNNStatus_TypeError, "rank 0, got 0");
    th_assert_status(&env, wnnGraphBuilderSplit(env.builder, x, 0, NULL, 0, NULL, 4, outs, &count),
                     WNNStatus_TypeError,
                     "split: splits must be a valid tensor count (1 to 8192), got 0");
    th_assert_status(&env, wnnGraphBuilderSplit(env.builder, x, 4, NULL, 0, NULL, 4, outs, &count),
                     WNNStatus_TypeError,
                     "split: splits must divide the input dimension 6 along axis 0, got 4");
    o.axis = 1;
    th_assert_status(&env, wnnGraphBuilderSplit(env.builder, x, 3, NULL, 0, &o, 4, outs, &count),
                     WNNStatus_TypeError, "input dimension 4 along axis 1, got 3");
    /* a list: 1 to 8192 items, summing to the axis size */
    th_assert_status(&env,
                     wnnGraphBuilderSplit(env.builder, x, 0, none, 0, NULL, 4, outs, &count),
                     WNNStatus_TypeError,
                     "split: the size of splits must be a valid tensor count (1 to 8192), got 0");
    th_assert_status(&env,
                     wnnGraphBuilderSplit(env.builder, x, 0, sz24, 2, &o, 4, outs, &count),
                     WNNStatus_TypeError,
                     "split: the sum of splits must equal the input dimension 4 along axis 1, "
                     "got 6");
    th_assert_status(&env,
                     wnnGraphBuilderSplit(env.builder, x, 0, sz33 + 1, 1, NULL, 4, outs, &count),
                     WNNStatus_TypeError,
                     "split: the sum of splits must equal the input dimension 6 along axis 0, "
                     "got 3");
    /* C-only: the outputs array must have room for every piece */
    th_assert_status(&env, wnnGraphBuilderSplit(env.builder, x, 3, NULL, 0, NULL, 2, outs, &count),
                     WNNStatus_InvalidArgument,
                     "split: outputCapacity must be at least the number of pieces 3, got 2");
    th_assert_status(&env, wnnGraphBuilderSplit(env.builder, x, 2, NULL, 0, NULL, 2, NULL, &count),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    th_assert_status(&env, wnnGraphBuilderSplit(env.builder, x, 0, NULL, 2, NULL, 2, outs, &count),
                     WNNStatus_InvalidArgument, "splitSizes is NULL with 2 items");
    /* operands */
    th_assert_status(&env,
                     wnnGraphBuilderSplit(env.builder, NULL, 2, NULL, 0, NULL, 2, outs, &count),
                     WNNStatus_TypeError, "split: input is NULL");
    th_assert_status(&env,
                     wnnGraphBuilderSplit(env.builder, foreign, 2, NULL, 0, NULL, 2, outs, &count),
                     WNNStatus_TypeError, "input was created by another builder");
    th_assert_status(&env,
                     wnnGraphBuilderSplit(env.builder, nibbles, 2, NULL, 0, NULL, 2, outs, &count),
                     WNNStatus_TypeError, "the data type of input must be one of");
    o.label = "cut";
    o.axis = 0;
    th_assert_status(&env, wnnGraphBuilderSplit(env.builder, x, 5, NULL, 0, &o, 4, outs, &count),
                     WNNStatus_TypeError, "split[cut]: splits must divide");
    ck_assert_ptr_null(outs[0]);
    ck_assert_uint_eq(count, 777); /* failed calls leave the out-parameters unchanged */
    ck_assert_int_eq(wnnGraphBuilderSplit(NULL, x, 2, NULL, 0, NULL, 2, outs, &count),
                     WNNStatus_InvalidArgument);
    /* outputCount may be NULL */
    ck_assert_int_eq(wnnGraphBuilderSplit(env.builder, x, 2, NULL, 0, NULL, 2, outs, NULL),
                     WNNStatus_Success);
    {
        WNNNamedOperand named;
        WNNGraph g;
        named.name = "o";
        named.operand = outs[0];
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env,
                         wnnGraphBuilderSplit(env.builder, x, 2, NULL, 0, NULL, 2, outs, &count),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *concat_split_suite(void)
{
    Suite *s = suite_create("concat_split");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, concat_repeated_input);
    tcase_add_test(t, concat_distinct_inputs_every_type);
    tcase_add_test(t, concat_of_8192_inputs_and_not_8193);
    tcase_add_test(t, concat_zero_size);
    tcase_add_test(t, concat_validation);
    tcase_add_test(t, split_pieces_every_type);
    tcase_add_test(t, split_wpt_number_case);
    tcase_add_test(t, split_into_8192_pieces_by_count_and_not_8193);
    tcase_add_test(t, split_into_8192_pieces_by_list_and_not_8193);
    tcase_add_test(t, split_zero_size);
    tcase_add_test(t, int64_and_uint64_beyond_2_pow_53_are_exact);
    tcase_add_test(t, unspecified_mask_moves_with_its_element);
    tcase_add_test(t, split_validation);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(concat_split_suite)
