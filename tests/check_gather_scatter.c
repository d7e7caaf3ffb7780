/* tests/check_gather_scatter.c - gather, gatherElements, gatherND, scatterElements,
 * scatterND. */
#include "harness.h"

#include <math.h>
#include <string.h>

#define F32 WNNOperandDataType_Float32
#define I32 WNNOperandDataType_Int32
#define U32 WNNOperandDataType_Uint32
#define I64 WNNOperandDataType_Int64

enum { GATHER, GATHER_ELEMENTS, GATHER_ND };
enum { SCATTER_ELEMENTS, SCATTER_ND };

/* One operand of a test graph: data type, shape and raw data. */
typedef struct spec {
    WNNOperandDataType type;
    const uint32_t *shape;
    size_t rank;
    const void *data;
} spec;

static spec make_spec(WNNOperandDataType type, const uint32_t *shape, size_t rank,
                      const void *data)
{
    spec s;
    s.type = type;
    s.shape = shape;
    s.rank = rank;
    s.data = data;
    return s;
}

static WNNStatus build_gather(int kind, WNNGraphBuilder b, WNNOperand x, WNNOperand i,
                              uint32_t axis, WNNOperand *out)
{
    WNNGatherOptions options = WNN_GATHER_OPTIONS_INIT;
    options.axis = axis;
    switch (kind) {
    case GATHER: return wnnGraphBuilderGather(b, x, i, &options, out);
    case GATHER_ELEMENTS: return wnnGraphBuilderGatherElements(b, x, i, &options, out);
    default: return wnnGraphBuilderGatherND(b, x, i, NULL, out);
    }
}

static WNNStatus build_scatter(int kind, WNNGraphBuilder b, WNNOperand x, WNNOperand i,
                               WNNOperand u, uint32_t axis, WNNOperand *out)
{
    WNNScatterOptions options = WNN_SCATTER_OPTIONS_INIT;
    options.axis = axis;
    if (kind == SCATTER_ELEMENTS)
        return wnnGraphBuilderScatterElements(b, x, i, u, &options, out);
    return wnnGraphBuilderScatterND(b, x, i, u, NULL, out);
}

/* Run a gather; the output shape is compared with wantShape (wantRank dims). */
static void run_gather(int kind, spec in, spec idx, uint32_t axis, const uint32_t *wantShape,
                       size_t wantRank, th_result *r)
{
    th_env env;
    WNNOperand x, i, out;
    WNNStatus s;
    const uint32_t *shape;
    size_t rank, d;
    th_init(&env);
    x = th_input(&env, in.type, in.shape, in.rank, in.data);
    i = th_input(&env, idx.type, idx.shape, idx.rank, idx.data);
    s = build_gather(kind, env.builder, x, i, axis, &out);
    ck_assert_msg(s == WNNStatus_Success, "%s", wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_int_eq(wnnOperandGetDataType(out), in.type);
    shape = wnnOperandGetShape(out, &rank);
    ck_assert_uint_eq(rank, wantRank);
    for (d = 0; d < rank; d++)
        ck_assert_uint_eq(shape[d], wantShape[d]);
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

/* Run a scatter; the output always has the input's descriptor. */
static void run_scatter(int kind, spec in, spec idx, spec upd, uint32_t axis, th_result *r)
{
    th_env env;
    WNNOperand x, i, u, out;
    WNNStatus s;
    const uint32_t *shape;
    size_t rank, d;
    th_init(&env);
    x = th_input(&env, in.type, in.shape, in.rank, in.data);
    i = th_input(&env, idx.type, idx.shape, idx.rank, idx.data);
    u = th_input(&env, upd.type, upd.shape, upd.rank, upd.data);
    s = build_scatter(kind, env.builder, x, i, u, axis, &out);
    ck_assert_msg(s == WNNStatus_Success, "%s", wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_int_eq(wnnOperandGetDataType(out), in.type);
    shape = wnnOperandGetShape(out, &rank);
    ck_assert_uint_eq(rank, in.rank);
    for (d = 0; d < rank; d++)
        ck_assert_uint_eq(shape[d], in.shape[d]);
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

/* Compare values and the unspecified mask (mask NULL: nothing marked). */
static void expect(const th_result *r, const double *want, const uint8_t *mask, size_t n)
{
    size_t i;
    ck_assert_uint_eq(r->count, n);
    for (i = 0; i < n; i++) {
        ck_assert_msg(th_same(th_get(r, i), want[i]), "element %lu: %g, want %g",
                      (unsigned long)i, th_get(r, i), want[i]);
        ck_assert_msg(r->mask[i] == (mask ? mask[i] : 0), "mask of element %lu: %d",
                      (unsigned long)i, r->mask[i]);
    }
}

/* The spec examples' input [4, 3]. */
static const float grid[12] = {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32};
static const uint32_t s43[2] = {4, 3};

/* ---- gather ------------------------------------------------------------------------------- */

START_TEST(gather_spec_examples)
{
    th_result r;
    {
        static const uint32_t idx[2] = {3, 1}, s2[1] = {2}, os[2] = {2, 3};
        static const double want[6] = {30, 31, 32, 10, 11, 12};
        run_gather(GATHER, make_spec(F32, s43, 2, grid), make_spec(U32, s2, 1, idx), 0, os, 2,
                   &r);
        expect(&r, want, NULL, 6);
        th_result_free(&r);
    }
    {
        static const int32_t idx[3] = {2, 1, 1};
        static const uint32_t s3[1] = {3}, os[2] = {4, 3};
        static const double want[12] = {2, 1, 1, 12, 11, 11, 22, 21, 21, 32, 31, 31};
        run_gather(GATHER, make_spec(F32, s43, 2, grid), make_spec(I32, s3, 1, idx), 1, os, 2,
                   &r);
        expect(&r, want, NULL, 12);
        th_result_free(&r);
    }
    {
        static const int64_t idx[4] = {0, 1, 1, 2};
        static const uint32_t s22[2] = {2, 2}, os[3] = {4, 2, 2};
        static const double want[16] = {0,  1,  1,  2,  10, 11, 11, 12,
                                        20, 21, 21, 22, 30, 31, 31, 32};
        run_gather(GATHER, make_spec(F32, s43, 2, grid), make_spec(I64, s22, 2, idx), 1, os, 3,
                   &r);
        expect(&r, want, NULL, 16);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(gather_negative_scalar_and_out_of_range_indices)
{
    th_result r;
    /* Scalar indices on a 1-D input: a rank-0 output (SPEC-ISSUE ops-§8.11). */
    {
        static const float v[3] = {5, 6, 7};
        static const uint32_t s3[1] = {3};
        static const int32_t minus1 = -1;
        static const double want[1] = {7};
        run_gather(GATHER, make_spec(F32, s3, 1, v), make_spec(I32, NULL, 0, &minus1), 0, NULL,
                   0, &r);
        expect(&r, want, NULL, 1);
        th_result_free(&r);
    }
    /* The suite's out-of-range cases: 10 and -10 on a dimension of 4 clamp to the last and
     * the first row; marked. In range -4 is row 0, not marked. */
    {
        static const int32_t idx[4] = {10, -10, -4, 2};
        static const uint32_t s4[1] = {4}, os[2] = {4, 3};
        static const double want[12] = {30, 31, 32, 0, 1, 2, 0, 1, 2, 20, 21, 22};
        static const uint8_t mask[12] = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        run_gather(GATHER, make_spec(F32, s43, 2, grid), make_spec(I32, s4, 1, idx), 0, os, 2,
                   &r);
        expect(&r, want, mask, 12);
        th_result_free(&r);
    }
    /* int64 far outside, uint32 above 2^31: along axis 1 (3 elements) 2^40 -> 2,
     * INT64_MIN -> 0 (both marked), -3 -> 0 (in range). */
    {
        static const int64_t idx[3] = {1099511627776LL, INT64_MIN, -3};
        static const uint32_t big[2] = {4294967295u, 2147483648u};
        static const uint32_t s3[1] = {3}, s2[1] = {2}, os3[2] = {4, 3}, os2[2] = {4, 2};
        static const double want[12] = {2, 0, 0, 12, 10, 10, 22, 20, 20, 32, 30, 30};
        static const uint8_t mask[12] = {1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0};
        static const double want2[8] = {2, 2, 12, 12, 22, 22, 32, 32};
        static const uint8_t mask2[8] = {1, 1, 1, 1, 1, 1, 1, 1};
        run_gather(GATHER, make_spec(F32, s43, 2, grid), make_spec(I64, s3, 1, idx), 1, os3, 2,
                   &r);
        expect(&r, want, mask, 12);
        th_result_free(&r);
        run_gather(GATHER, make_spec(F32, s43, 2, grid), make_spec(U32, s2, 1, big), 1, os2, 2,
                   &r);
        expect(&r, want2, mask2, 8);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(gather_copies_every_type_exactly)
{
    static const uint32_t s3[1] = {3}, s2[1] = {2};
    static const int32_t idx[2] = {2, 0};
    th_result r;
    {
        static const int64_t v[3] = {9007199254740993LL, INT64_MIN, INT64_MAX};
        run_gather(GATHER, make_spec(I64, s3, 1, v), make_spec(I32, s2, 1, idx), 0, s2, 1, &r);
        ck_assert(((int64_t *)r.data)[0] == INT64_MAX);
        ck_assert(((int64_t *)r.data)[1] == 9007199254740993LL);
        th_result_free(&r);
    }
    {
        static const uint64_t v[3] = {18446744073709551615ULL, 1, 9007199254740993ULL};
        run_gather(GATHER, make_spec(WNNOperandDataType_Uint64, s3, 1, v),
                   make_spec(I32, s2, 1, idx), 0, s2, 1, &r);
        ck_assert(((uint64_t *)r.data)[0] == 9007199254740993ULL);
        ck_assert(((uint64_t *)r.data)[1] == 18446744073709551615ULL);
        th_result_free(&r);
    }
    {
        /* float16 bits, including a NaN payload and -0, copied bit for bit */
        static const uint16_t v[3] = {0x7E01, 0x1234, 0x8000};
        run_gather(GATHER, make_spec(WNNOperandDataType_Float16, s3, 1, v),
                   make_spec(I32, s2, 1, idx), 0, s2, 1, &r);
        ck_assert_uint_eq(((uint16_t *)r.data)[0], 0x8000);
        ck_assert_uint_eq(((uint16_t *)r.data)[1], 0x7E01);
        th_result_free(&r);
    }
    {
        static const float v[3] = {(double)NAN, 1, -0.0f};
        run_gather(GATHER, make_spec(F32, s3, 1, v), make_spec(I32, s2, 1, idx), 0, s2, 1, &r);
        ck_assert(th_same(th_get(&r, 0), -0.0));
        ck_assert(isnan(th_get(&r, 1)));
        th_result_free(&r);
    }
    {
        static const int8_t v[3] = {-128, 0, 127};
        static const uint8_t u[3] = {255, 0, 7};
        static const uint32_t w[3] = {4294967295u, 0, 7};
        run_gather(GATHER, make_spec(WNNOperandDataType_Int8, s3, 1, v),
                   make_spec(I32, s2, 1, idx), 0, s2, 1, &r);
        ck_assert_int_eq(((int8_t *)r.data)[0], 127);
        ck_assert_int_eq(((int8_t *)r.data)[1], -128);
        th_result_free(&r);
        run_gather(GATHER, make_spec(WNNOperandDataType_Uint8, s3, 1, u),
                   make_spec(I32, s2, 1, idx), 0, s2, 1, &r);
        ck_assert_uint_eq(((uint8_t *)r.data)[1], 255);
        th_result_free(&r);
        run_gather(GATHER, make_spec(U32, s3, 1, w), make_spec(I32, s2, 1, idx), 0, s2, 1, &r);
        ck_assert_uint_eq(((uint32_t *)r.data)[1], 4294967295u);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(gather_zero_size)
{
    static const float none[1] = {0};
    static const int32_t idx[2] = {0, -1};
    th_result r;
    /* empty indices: [4, 0] from axis 0... here [0, 3] */
    {
        static const uint32_t s0[1] = {0}, os[2] = {0, 3};
        run_gather(GATHER, make_spec(F32, s43, 2, grid), make_spec(I32, s0, 1, none), 0, os, 2,
                   &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
    }
    /* An empty indexed dimension: every index is out of range; the value is 0, marked. */
    {
        static const uint32_t s20[2] = {2, 0}, s2[1] = {2}, os[2] = {2, 2};
        static const double want[4] = {0, 0, 0, 0};
        static const uint8_t mask[4] = {1, 1, 1, 1};
        run_gather(GATHER, make_spec(F32, s20, 2, none), make_spec(I32, s2, 1, idx), 1, os, 2,
                   &r);
        expect(&r, want, mask, 4);
        th_result_free(&r);
    }
    /* An empty other dimension: nothing to read, nothing to write. */
    {
        static const uint32_t s03[2] = {0, 3}, s2[1] = {2}, os[2] = {0, 2};
        run_gather(GATHER, make_spec(F32, s03, 2, none), make_spec(I32, s2, 1, idx), 1, os, 2,
                   &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
    }
}
END_TEST

/* ---- gatherElements ----------------------------------------------------------------------- */

START_TEST(gather_elements_spec_examples)
{
    th_result r;
    {
        static const uint32_t idx[6] = {3, 1, 1, 2, 0, 3}, s23[2] = {2, 3};
        static const double want[6] = {30, 11, 12, 20, 1, 32};
        run_gather(GATHER_ELEMENTS, make_spec(F32, s43, 2, grid), make_spec(U32, s23, 2, idx),
                   0, s23, 2, &r);
        expect(&r, want, NULL, 6);
        th_result_free(&r);
    }
    {
        /* output shape = indices shape [4, 1] (SPEC-ISSUE ops-§8.4) */
        static const int32_t idx[4] = {2, 1, 0, 2};
        static const uint32_t s41[2] = {4, 1};
        static const double want[4] = {2, 11, 20, 32};
        run_gather(GATHER_ELEMENTS, make_spec(F32, s43, 2, grid), make_spec(I32, s41, 2, idx),
                   1, s41, 2, &r);
        expect(&r, want, NULL, 4);
        th_result_free(&r);
    }
    {
        static const float v[16] = {0,   1,   10,  11,  100, 101, 110, 111,
                                    200, 201, 210, 211, 300, 301, 310, 311};
        static const int64_t idx[4] = {0, 2, 1, 3};
        static const uint32_t s422[3] = {4, 2, 2}, s122[3] = {1, 2, 2};
        static const double want[4] = {0, 201, 110, 311};
        run_gather(GATHER_ELEMENTS, make_spec(F32, s422, 3, v), make_spec(I64, s122, 3, idx), 0,
                   s122, 3, &r);
        expect(&r, want, NULL, 4);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(gather_elements_negative_and_out_of_range)
{
    th_result r;
    static const int32_t idx[6] = {-1, 3, -3, 0, -4, 99};
    static const uint32_t s23[2] = {2, 3}, s26[2] = {2, 6};
    /* axis 1 of [4, 3]: row 0 gets -1 -> 2, 3 -> clamped 2, -3 -> 0; row 1: 0, -4 -> clamped
     * 0, 99 -> clamped 2. */
    static const double want[6] = {2, 2, 0, 10, 10, 12};
    static const uint8_t mask[6] = {0, 1, 0, 0, 1, 1};
    run_gather(GATHER_ELEMENTS,
               make_spec(F32, s23, 2, grid), /* [[0, 1, 2], [10, 11, 12]] */
               make_spec(I32, s23, 2, idx), 1, s23, 2, &r);
    expect(&r, want, mask, 6);
    th_result_free(&r);
    /* More indices than input elements along the axis: output [2, 6]. */
    {
        static const int32_t many[12] = {0, 1, 2, 2, 1, 0, -1, -2, -3, 0, 0, 0};
        static const double w[12] = {0, 1, 2, 2, 1, 0, 12, 11, 10, 10, 10, 10};
        run_gather(GATHER_ELEMENTS, make_spec(F32, s23, 2, grid), make_spec(I32, s26, 2, many),
                   1, s26, 2, &r);
        expect(&r, w, NULL, 12);
        th_result_free(&r);
    }
    /* Zero size: no index along the axis; an empty input axis with indices: 0, marked. */
    {
        static const uint32_t s20[2] = {2, 0}, s22[2] = {2, 2};
        static const float none[1] = {0};
        static const double zeros[4] = {0, 0, 0, 0};
        static const uint8_t all[4] = {1, 1, 1, 1};
        run_gather(GATHER_ELEMENTS, make_spec(F32, s23, 2, grid), make_spec(I32, s20, 2, none),
                   1, s20, 2, &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
        run_gather(GATHER_ELEMENTS, make_spec(F32, s20, 2, none), make_spec(I32, s22, 2, idx),
                   1, s22, 2, &r);
        expect(&r, zeros, all, 4);
        th_result_free(&r);
    }
}
END_TEST

/* ---- gatherND ----------------------------------------------------------------------------- */

START_TEST(gather_nd_spec_examples)
{
    static const float a22[4] = {0, 1, 2, 3};
    static const float a222[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const uint32_t s22[2] = {2, 2}, s222[3] = {2, 2, 2};
    th_result r;
    {
        static const uint32_t idx[6] = {0, 0, 1, 1, 1, 0}, s32[2] = {3, 2}, os[1] = {3};
        static const double want[3] = {0, 3, 2};
        run_gather(GATHER_ND, make_spec(F32, s22, 2, a22), make_spec(U32, s32, 2, idx), 0, os,
                   1, &r);
        expect(&r, want, NULL, 3);
        th_result_free(&r);
    }
    {
        static const int32_t idx[2] = {1, 0};
        static const uint32_t s21[2] = {2, 1};
        static const double want[4] = {2, 3, 0, 1};
        run_gather(GATHER_ND, make_spec(F32, s22, 2, a22), make_spec(I32, s21, 2, idx), 0, s22,
                   2, &r);
        expect(&r, want, NULL, 4);
        th_result_free(&r);
    }
    {
        static const int64_t idx[4] = {0, 1, 1, 0};
        static const double want[4] = {2, 3, 4, 5};
        run_gather(GATHER_ND, make_spec(F32, s222, 3, a222), make_spec(I64, s22, 2, idx), 0,
                   s22, 2, &r);
        expect(&r, want, NULL, 4);
        th_result_free(&r);
    }
    {
        static const uint32_t idx[3] = {1, 0, 1}, s31[2] = {3, 1}, os[3] = {3, 2, 2};
        static const double want[12] = {4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7};
        run_gather(GATHER_ND, make_spec(F32, s222, 3, a222), make_spec(U32, s31, 2, idx), 0, os,
                   3, &r);
        expect(&r, want, NULL, 12);
        th_result_free(&r);
    }
    /* full coordinates with negative values: [-1, -2, 0] is [1, 0, 0] */
    {
        static const int32_t idx[3] = {-1, -2, 0};
        static const uint32_t s3[1] = {3};
        static const double want[1] = {4};
        run_gather(GATHER_ND, make_spec(F32, s222, 3, a222), make_spec(I32, s3, 1, idx), 0,
                   NULL, 0, &r);
        expect(&r, want, NULL, 1);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(gather_nd_out_of_range_empty_tuples_and_zero_size)
{
    static const float a222[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const uint32_t s222[3] = {2, 2, 2}, s22[2] = {2, 2};
    th_result r;
    /* [5, 0] clamps to [1, 0]: the slice [4, 5], marked; [0, -1] is [0, 1]. */
    {
        static const int32_t idx[4] = {5, 0, 0, -1};
        static const double want[4] = {4, 5, 2, 3};
        static const uint8_t mask[4] = {1, 1, 0, 0};
        run_gather(GATHER_ND, make_spec(F32, s222, 3, a222), make_spec(I32, s22, 2, idx), 0,
                   s22, 2, &r);
        expect(&r, want, mask, 4);
        th_result_free(&r);
    }
    /* Tuples of 0 coordinates select the whole input: indices [2, 0] -> [2, 2, 2, 2]. */
    {
        static const int32_t none[1] = {0};
        static const uint32_t s20[2] = {2, 0}, os[4] = {2, 2, 2, 2};
        static const double want[16] = {0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7};
        run_gather(GATHER_ND, make_spec(F32, s222, 3, a222), make_spec(I32, s20, 2, none), 0,
                   os, 4, &r);
        expect(&r, want, NULL, 16);
        th_result_free(&r);
    }
    /* No tuple: indices [0, 1] -> [0, 2, 2]. */
    {
        static const int32_t none[1] = {0};
        static const uint32_t s01[2] = {0, 1}, os[3] = {0, 2, 2};
        run_gather(GATHER_ND, make_spec(F32, s222, 3, a222), make_spec(I32, s01, 2, none), 0,
                   os, 3, &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
    }
    /* An empty indexed dimension: 0, marked. */
    {
        static const float none[1] = {0};
        static const int32_t idx[2] = {0, 1};
        static const uint32_t s03[2] = {0, 3}, s21[2] = {2, 1}, os[2] = {2, 3};
        static const double want[6] = {0, 0, 0, 0, 0, 0};
        static const uint8_t mask[6] = {1, 1, 1, 1, 1, 1};
        run_gather(GATHER_ND, make_spec(F32, s03, 2, none), make_spec(I32, s21, 2, idx), 0, os,
                   2, &r);
        expect(&r, want, mask, 6);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(gather_marks_follow_the_elements_read)
{
    /* int32 add overflows in element 1 of the input and in the index; the gathered outputs
     * that read them are marked, the others are not. */
    th_env env;
    static const uint32_t s3[1] = {3}, s2[1] = {2};
    static const int32_t a[3] = {10, INT32_MAX, 30}, b[3] = {0, 1, 0};
    static const int32_t ia[2] = {INT32_MAX, 0}, ib[2] = {INT32_MAX, 2};
    WNNOperand x, y, in, i, j, idx, out;
    th_result r;
    th_init(&env);
    x = th_input(&env, I32, s3, 1, a);
    y = th_input(&env, I32, s3, 1, b);
    i = th_input(&env, I32, s2, 1, ia);
    j = th_input(&env, I32, s2, 1, ib);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &in), WNNStatus_Success);
    /* indices: INT32_MAX + INT32_MAX wraps to -2 (marked) -> element 1; 0 + 2 = 2 */
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, i, j, NULL, &idx), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderGather(env.builder, in, idx, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_int_eq(((int32_t *)r.data)[0], INT32_MIN);
    ck_assert_int_eq(((int32_t *)r.data)[1], 30);
    ck_assert_int_eq(r.mask[0], 1);
    ck_assert_int_eq(r.mask[1], 0);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(gather_validation_errors)
{
    th_env env, other;
    static const uint32_t s23[2] = {2, 3}, s2[1] = {2}, s32[2] = {3, 2}, s33[2] = {3, 3};
    static const uint32_t s21[2] = {2, 1};
    static const uint32_t ones[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    static const uint64_t zeros[9] = {0};
    WNNOperand x, scalar, foreign, big, out = NULL;
    WNNOperand idx[8], i2, i21, i33, i32x, iscalar;
    WNNGatherOptions options = WNN_GATHER_OPTIONS_INIT;
    int kind, t;
    static const char *names[3] = {"gather: ", "gatherElements: ", "gatherND: "};
    th_init(&env);
    th_init(&other);
    x = th_input(&env, F32, s23, 2, zeros);
    scalar = th_input(&env, F32, NULL, 0, zeros);
    foreign = th_input(&other, I32, s23, 2, zeros);
    big = th_input(&env, F32, ones, 16, zeros);
    for (t = 0; t <= (int)WNNOperandDataType_Uint8; t++)
        idx[t] = th_input(&env, (WNNOperandDataType)t, s21, 2, zeros);
    i2 = th_input(&env, I32, s2, 1, zeros);
    i21 = idx[I32];
    i33 = th_input(&env, I32, s33, 2, zeros);
    i32x = th_input(&env, I32, s32, 2, zeros);
    iscalar = th_input(&env, I32, NULL, 0, zeros);
    for (kind = 0; kind < 3; kind++) {
        /* indices: int32, uint32, int64 only (not uint64) */
        for (t = 0; t <= (int)WNNOperandDataType_Uint8; t++) {
            /* indices [2, 1] on axis 1 suit all three operators */
            WNNStatus s = build_gather(kind, env.builder, x, idx[t], 1, &out);
            if (t == I32 || t == U32 || t == I64) {
                ck_assert_msg(s == WNNStatus_Success, "%s%s", names[kind],
                              wnnGraphBuilderGetErrorMessage(env.builder));
            } else {
                char needle[96];
                th_assert_status(&env, s, WNNStatus_TypeError, names[kind]);
                strcpy(needle, "the data type of indices must be one of int32, uint32, int64, got ");
                strcat(needle, wnnOperandDataTypeString((WNNOperandDataType)t));
                th_assert_status(&env, s, WNNStatus_TypeError, needle);
            }
        }
        th_assert_status(&env, build_gather(kind, env.builder, NULL, i21, 0, &out),
                         WNNStatus_TypeError, "input is NULL");
        th_assert_status(&env, build_gather(kind, env.builder, x, NULL, 0, &out),
                         WNNStatus_TypeError, "indices is NULL");
        th_assert_status(&env, build_gather(kind, env.builder, x, foreign, 0, &out),
                         WNNStatus_TypeError, "indices was created by another builder");
        th_assert_status(&env, build_gather(kind, env.builder, x, i21, 0, NULL),
                         WNNStatus_InvalidArgument, "output pointer is NULL");
        ck_assert_int_eq(build_gather(kind, NULL, x, i21, 0, &out), WNNStatus_InvalidArgument);
    }
    /* gather */
    th_assert_status(&env, build_gather(GATHER, env.builder, x, i2, 2, &out),
                     WNNStatus_TypeError, "gather: axis must be less than the input's rank 2, got 2");
    th_assert_status(&env, build_gather(GATHER, env.builder, scalar, i2, 0, &out),
                     WNNStatus_TypeError, "axis must be less than the input's rank 0, got 0");
    th_assert_status(&env, build_gather(GATHER, env.builder, big, big, 0, &out),
                     WNNStatus_TypeError, "gather: the data type of indices");
    {
        WNNOperand bigIdx = th_input(&env, I32, ones, 16, zeros);
        th_assert_status(&env, build_gather(GATHER, env.builder, big, bigIdx, 0, &out),
                         WNNStatus_TypeError,
                         "gather: the rank of the output exceeds this implementation's maximum "
                         "of 16, got 31");
        /* gatherND: [1]*16 indices with k = 1 on a rank-16 input -> 15 + 15 = 30 */
        th_assert_status(&env, build_gather(GATHER_ND, env.builder, big, bigIdx, 0, &out),
                         WNNStatus_TypeError, "gatherND: the rank of the output exceeds");
    }
    options.label = "g";
    options.axis = 3;
    th_assert_status(&env, wnnGraphBuilderGather(env.builder, x, i2, &options, &out),
                     WNNStatus_TypeError, "gather[g]: axis");
    /* gatherElements */
    th_assert_status(&env, build_gather(GATHER_ELEMENTS, env.builder, x, i2, 0, &out),
                     WNNStatus_TypeError,
                     "gatherElements: the rank of indices must equal the input's rank 2, got 1");
    th_assert_status(&env, build_gather(GATHER_ELEMENTS, env.builder, scalar, iscalar, 0, &out),
                     WNNStatus_TypeError, "gatherElements: the input's rank must be at least 1");
    th_assert_status(&env, build_gather(GATHER_ELEMENTS, env.builder, x, i21, 2, &out),
                     WNNStatus_TypeError, "gatherElements: axis must be less than");
    th_assert_status(&env, build_gather(GATHER_ELEMENTS, env.builder, x, i32x, 0, &out),
                     WNNStatus_TypeError,
                     "gatherElements: indices.shape[1] must equal input.shape[1] = 3, got 2");
    th_assert_status(&env, build_gather(GATHER_ELEMENTS, env.builder, x, i33, 1, &out),
                     WNNStatus_TypeError, "indices.shape[0] must equal input.shape[0] = 2, got 3");
    /* any size along the axis: [3, 3] indices on axis 0 of [2, 3] give a [3, 3] output */
    ck_assert_int_eq(build_gather(GATHER_ELEMENTS, env.builder, x, i33, 0, &out),
                     WNNStatus_Success);
    /* gatherND */
    th_assert_status(&env, build_gather(GATHER_ND, env.builder, x, iscalar, 0, &out),
                     WNNStatus_TypeError, "gatherND: the rank of indices must be at least 1, got 0");
    th_assert_status(&env, build_gather(GATHER_ND, env.builder, scalar, i2, 0, &out),
                     WNNStatus_TypeError, "gatherND: the input's rank must be at least 1, got 0");
    th_assert_status(&env, build_gather(GATHER_ND, env.builder, x, i33, 0, &out),
                     WNNStatus_TypeError,
                     "gatherND: the last dimension of indices must not exceed the input's rank 2, "
                     "got 3");
    /* After build. */
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(build_gather(GATHER, env.builder, x, i2, 0, &out), WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        for (kind = 0; kind < 3; kind++)
            th_assert_status(&env, build_gather(kind, env.builder, x, i2, 0, &out),
                             WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

/* ---- scatterElements ---------------------------------------------------------------------- */

START_TEST(scatter_elements_spec_examples)
{
    th_result r;
    {
        static const uint32_t idx[6] = {3, 1, 1, 2, 0, 3}, s23[2] = {2, 3};
        static const float upd[6] = {-1, -2, -3, -4, -5, -6};
        static const double want[12] = {0, -5, 2, 10, -2, -3, -4, 21, 22, -1, 31, -6};
        run_scatter(SCATTER_ELEMENTS, make_spec(F32, s43, 2, grid), make_spec(U32, s23, 2, idx),
                    make_spec(F32, s23, 2, upd), 0, &r);
        expect(&r, want, NULL, 12);
        th_result_free(&r);
    }
    {
        static const int32_t idx[4] = {2, 1, 0, 2};
        static const uint32_t s41[2] = {4, 1};
        static const float upd[4] = {-1, -2, -3, -4};
        static const double want[12] = {0, 1, -1, 10, -2, 12, -3, 21, 22, 30, 31, -4};
        run_scatter(SCATTER_ELEMENTS, make_spec(F32, s43, 2, grid), make_spec(I32, s41, 2, idx),
                    make_spec(F32, s41, 2, upd), 1, &r);
        expect(&r, want, NULL, 12);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(scatter_elements_duplicates_out_of_range_and_negative)
{
    static const float in[5] = {1, 2, 3, 4, 5};
    static const uint32_t s15[2] = {1, 5}, s13[2] = {1, 3};
    th_result r;
    /* duplicates: the last update wins, marked */
    {
        static const int64_t idx[3] = {1, -4, 3};
        static const float upd[3] = {7, 9, 8};
        static const double want[5] = {1, 9, 3, 8, 5};
        static const uint8_t mask[5] = {0, 1, 0, 0, 0};
        run_scatter(SCATTER_ELEMENTS, make_spec(F32, s15, 2, in), make_spec(I64, s13, 2, idx),
                    make_spec(F32, s13, 2, upd), 1, &r);
        expect(&r, want, mask, 5);
        th_result_free(&r);
    }
    /* out of range: 5 -> 4 and -6 -> 0, marked */
    {
        static const int32_t idx[3] = {5, -6, 2};
        static const float upd[3] = {10, 20, 30};
        static const double want[5] = {20, 2, 30, 4, 10};
        static const uint8_t mask[5] = {1, 0, 0, 0, 1};
        run_scatter(SCATTER_ELEMENTS, make_spec(F32, s15, 2, in), make_spec(I32, s13, 2, idx),
                    make_spec(F32, s13, 2, upd), 1, &r);
        expect(&r, want, mask, 5);
        th_result_free(&r);
    }
    /* int64 data beyond 2^53, uint32 indices */
    {
        static const int64_t data[3] = {1, 2, 3}, upd[2] = {9007199254740993LL, INT64_MIN};
        static const uint32_t idx[2] = {2, 0}, s3[1] = {3}, s2[1] = {2};
        run_scatter(SCATTER_ELEMENTS, make_spec(I64, s3, 1, data), make_spec(U32, s2, 1, idx),
                    make_spec(I64, s2, 1, upd), 0, &r);
        ck_assert(((int64_t *)r.data)[0] == INT64_MIN);
        ck_assert(((int64_t *)r.data)[1] == 2);
        ck_assert(((int64_t *)r.data)[2] == 9007199254740993LL);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
    /* zero size: no update (indices [1, 0]) leaves the input; an empty input stays empty */
    {
        static const uint32_t s10[2] = {1, 0}, s03[2] = {0, 3};
        static const float none[1] = {0};
        static const double want[5] = {1, 2, 3, 4, 5};
        run_scatter(SCATTER_ELEMENTS, make_spec(F32, s15, 2, in), make_spec(I32, s10, 2, none),
                    make_spec(F32, s10, 2, none), 1, &r);
        expect(&r, want, NULL, 5);
        th_result_free(&r);
        run_scatter(SCATTER_ELEMENTS, make_spec(F32, s03, 2, none), make_spec(I32, s03, 2, none),
                    make_spec(F32, s03, 2, none), 1, &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
        /* input [1, 0] with indices [1, 0] along axis 0 of size 1: nothing */
        run_scatter(SCATTER_ELEMENTS, make_spec(F32, s10, 2, none), make_spec(I32, s10, 2, none),
                    make_spec(F32, s10, 2, none), 0, &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
    }
}
END_TEST

/* ---- scatterND ---------------------------------------------------------------------------- */

START_TEST(scatter_nd_spec_examples)
{
    th_result r;
    {
        static const float in[8] = {0, 1, 2, 3, 4, 5, 6, 7}, upd[4] = {-1, -2, -3, -4};
        static const uint32_t idx[4] = {4, 3, 1, 7}, s8[1] = {8}, s41[2] = {4, 1}, s4[1] = {4};
        static const double want[8] = {0, -3, 2, -2, -1, 5, 6, -4};
        run_scatter(SCATTER_ND, make_spec(F32, s8, 1, in), make_spec(U32, s41, 2, idx),
                    make_spec(F32, s4, 1, upd), 0, &r);
        expect(&r, want, NULL, 8);
        th_result_free(&r);
    }
    {
        static const float in[4] = {0, 1, 2, 3}, upd[2] = {-1, -2};
        static const int32_t idx[4] = {0, 0, 1, 1};
        static const uint32_t s22[2] = {2, 2}, s2[1] = {2};
        static const double want[4] = {-1, 1, 2, -2};
        run_scatter(SCATTER_ND, make_spec(F32, s22, 2, in), make_spec(I32, s22, 2, idx),
                    make_spec(F32, s2, 1, upd), 0, &r);
        expect(&r, want, NULL, 4);
        th_result_free(&r);
    }
    {
        static const float in[6] = {0, 1, 2, 3, 4, 5}, upd[4] = {-1, -2, -3, -4};
        static const int64_t idx[2] = {2, 0};
        static const uint32_t s32[2] = {3, 2}, s21[2] = {2, 1}, s22[2] = {2, 2};
        static const double want[6] = {-3, -4, 2, 3, -1, -2};
        run_scatter(SCATTER_ND, make_spec(F32, s32, 2, in), make_spec(I64, s21, 2, idx),
                    make_spec(F32, s22, 2, upd), 0, &r);
        expect(&r, want, NULL, 6);
        th_result_free(&r);
    }
    {
        static const float in[8] = {0, 1, 2, 3, 4, 5, 6, 7}, upd[4] = {-1, -2, -3, -4};
        static const uint32_t idx[4] = {0, 1, 1, 0}, s222[3] = {2, 2, 2}, s22[2] = {2, 2};
        static const double want[8] = {0, 1, -1, -2, -3, -4, 6, 7};
        run_scatter(SCATTER_ND, make_spec(F32, s222, 3, in), make_spec(U32, s22, 2, idx),
                    make_spec(F32, s22, 2, upd), 0, &r);
        expect(&r, want, NULL, 8);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(scatter_nd_duplicates_out_of_range_and_zero_size)
{
    static const float in[6] = {0, 1, 2, 3, 4, 5};
    static const uint32_t s32[2] = {3, 2};
    th_result r;
    /* rows [1], [-2] (= 1 again), [9] (clamped to 2): row 1 duplicated, row 2 marked */
    {
        static const int32_t idx[3] = {1, -2, 9};
        static const float upd[6] = {10, 11, 20, 21, 30, 31};
        static const uint32_t s31[2] = {3, 1};
        static const double want[6] = {0, 1, 20, 21, 30, 31};
        static const uint8_t mask[6] = {0, 0, 1, 1, 1, 1};
        run_scatter(SCATTER_ND, make_spec(F32, s32, 2, in), make_spec(I32, s31, 2, idx),
                    make_spec(F32, s32, 2, upd), 0, &r);
        expect(&r, want, mask, 6);
        th_result_free(&r);
    }
    /* A full coordinate with rank-0 updates: [-1, 0] is element (2, 0). */
    {
        static const int64_t idx[2] = {-1, 0};
        static const float upd = 42;
        static const uint32_t s2[1] = {2};
        static const double want[6] = {0, 1, 2, 3, 42, 5};
        run_scatter(SCATTER_ND, make_spec(F32, s32, 2, in), make_spec(I64, s2, 1, idx),
                    make_spec(F32, NULL, 0, &upd), 0, &r);
        expect(&r, want, NULL, 6);
        th_result_free(&r);
    }
    /* Empty tuples replace the whole input: two of them, every element duplicated. */
    {
        static const int32_t none[1] = {0};
        static const float upd[12] = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2};
        static const uint32_t s20[2] = {2, 0}, s232[3] = {2, 3, 2}, s10[2] = {1, 0};
        static const double want[6] = {2, 2, 2, 2, 2, 2};
        static const uint8_t mask[6] = {1, 1, 1, 1, 1, 1};
        run_scatter(SCATTER_ND, make_spec(F32, s32, 2, in), make_spec(I32, s20, 2, none),
                    make_spec(F32, s232, 3, upd), 0, &r);
        expect(&r, want, mask, 6);
        th_result_free(&r);
        {
            static const uint32_t s132[3] = {1, 3, 2};
            run_scatter(SCATTER_ND, make_spec(F32, s32, 2, in), make_spec(I32, s10, 2, none),
                        make_spec(F32, s132, 3, upd + 6), 0, &r);
            expect(&r, want, NULL, 6);
            th_result_free(&r);
        }
    }
    /* No tuple: indices [0, 1], updates [0, 2]: the input unchanged. */
    {
        static const float none[1] = {0};
        static const uint32_t s01[2] = {0, 1}, s02[2] = {0, 2};
        static const double want[6] = {0, 1, 2, 3, 4, 5};
        run_scatter(SCATTER_ND, make_spec(F32, s32, 2, in), make_spec(I32, s01, 2, none),
                    make_spec(F32, s02, 2, none), 0, &r);
        expect(&r, want, NULL, 6);
        th_result_free(&r);
    }
    /* An empty input: tuples point nowhere, nothing written. */
    {
        static const float none[1] = {0};
        static const int32_t idx[2] = {0, 1};
        static const uint32_t s03[2] = {0, 3}, s21[2] = {2, 1}, s23[2] = {2, 3};
        static const float upd[6] = {1, 2, 3, 4, 5, 6};
        run_scatter(SCATTER_ND, make_spec(F32, s03, 2, none), make_spec(I32, s21, 2, idx),
                    make_spec(F32, s23, 2, upd), 0, &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(scatter_marks)
{
    /* An unspecified input element overwritten by an update is no longer unspecified; an
     * unspecified index could have written anywhere: everything is marked. */
    th_env env;
    static const uint32_t s3[1] = {3}, s1[1] = {1}, s11[2] = {1, 1};
    static const int32_t a[3] = {INT32_MAX, INT32_MAX, 0}, b[3] = {1, 1, 0};
    static const int32_t idx[1] = {0}, upd[1] = {5};
    static const int32_t big[1] = {INT32_MAX};
    WNNOperand x, y, in, i, u, out1, i2, wrapped, out2;
    WNNOperand outs[2];
    th_result r[2];
    th_init(&env);
    x = th_input(&env, I32, s3, 1, a);
    y = th_input(&env, I32, s3, 1, b);
    i = th_input(&env, I32, s1, 1, idx);
    u = th_input(&env, I32, s1, 1, upd);
    i2 = th_input(&env, I32, s11, 2, big);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &in), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderScatterElements(env.builder, in, i, u, NULL, &out1),
                     WNNStatus_Success);
    /* INT32_MAX + INT32_MAX wraps to -2 (marked): an index into [3] that is in range (1) */
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, i2, i2, NULL, &wrapped), WNNStatus_Success);
    {
        static const float fz[3] = {0, 0, 0}, fu[1] = {1.0f};
        WNNOperand fin = th_input(&env, F32, s3, 1, fz), fupd = th_input(&env, F32, s1, 1, fu);
        ck_assert_int_eq(wnnGraphBuilderScatterND(env.builder, fin, wrapped, fupd, NULL, &out2),
                         WNNStatus_Success);
    }
    outs[0] = out1;
    outs[1] = out2;
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    ck_assert_int_eq(((int32_t *)r[0].data)[0], 5);
    ck_assert(r[0].mask[0] == 0 && r[0].mask[1] == 1 && r[0].mask[2] == 0);
    ck_assert(th_same(th_get(&r[1], 1), 1.0));
    ck_assert_uint_eq(r[1].unspecified, 3);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

START_TEST(scatter_index_types)
{
    static const uint32_t s23[2] = {2, 3}, s21[2] = {2, 1};
    static const uint64_t zeros[6] = {0};
    static const char *names[2] = {"scatterElements: ", "scatterND: "};
    int kind, t;
    /* indices [2, 1]: scatterElements on axis 1 (updates [2, 1]), scatterND (updates [2, 3]) */
    for (kind = 0; kind < 2; kind++) {
        for (t = 0; t <= (int)WNNOperandDataType_Uint8; t++) {
            th_env env;
            WNNOperand x, i, u, out = NULL;
            WNNStatus s;
            th_init(&env);
            x = th_input(&env, F32, s23, 2, zeros);
            i = th_input(&env, (WNNOperandDataType)t, s21, 2, zeros);
            u = th_input(&env, F32, kind == SCATTER_ELEMENTS ? s21 : s23, 2, zeros);
            s = build_scatter(kind, env.builder, x, i, u, 1, &out);
            if (t == I32 || t == U32 || t == I64) {
                ck_assert_msg(s == WNNStatus_Success, "%s%s", names[kind],
                              wnnGraphBuilderGetErrorMessage(env.builder));
            } else {
                char needle[96];
                th_assert_status(&env, s, WNNStatus_TypeError, names[kind]);
                strcpy(needle, "the data type of indices must be one of int32, uint32, int64, got ");
                strcat(needle, wnnOperandDataTypeString((WNNOperandDataType)t));
                th_assert_status(&env, s, WNNStatus_TypeError, needle);
            }
            th_free(&env);
        }
    }
}
END_TEST

START_TEST(scatter_validation_errors)
{
    th_env env, other;
    static const uint32_t s23[2] = {2, 3}, s2[1] = {2}, s22[2] = {2, 2}, s33[2] = {3, 3};
    static const uint32_t s21[2] = {2, 1}, s3[1] = {3};
    static const uint64_t zeros[9] = {0};
    WNNOperand x, scalar, foreign, out = NULL;
    WNNOperand i21, f21, u23, ui23, u2, i33, i3, iscalar, i2, u22;
    WNNScatterOptions options = WNN_SCATTER_OPTIONS_INIT;
    int kind;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, F32, s23, 2, zeros);
    scalar = th_input(&env, F32, NULL, 0, zeros);
    foreign = th_input(&other, F32, s23, 2, zeros);
    i21 = th_input(&env, I32, s21, 2, zeros);
    f21 = th_input(&env, F32, s21, 2, zeros);
    u23 = th_input(&env, F32, s23, 2, zeros);
    ui23 = th_input(&env, I32, s23, 2, zeros);
    u2 = th_input(&env, F32, s2, 1, zeros);
    i33 = th_input(&env, I32, s33, 2, zeros);
    i3 = th_input(&env, I32, s3, 1, zeros);
    iscalar = th_input(&env, I32, NULL, 0, zeros);
    i2 = th_input(&env, I32, s2, 1, zeros);
    u22 = th_input(&env, F32, s22, 2, zeros);
    for (kind = 0; kind < 2; kind++) {
        WNNOperand u = kind == SCATTER_ELEMENTS ? f21 : u23; /* valid updates for i21, axis 1 */
        ck_assert_int_eq(build_scatter(kind, env.builder, x, i21, u, 1, &out), WNNStatus_Success);
        th_assert_status(&env, build_scatter(kind, env.builder, NULL, i21, u, 1, &out),
                         WNNStatus_TypeError, "input is NULL");
        th_assert_status(&env, build_scatter(kind, env.builder, x, NULL, u, 1, &out),
                         WNNStatus_TypeError, "indices is NULL");
        th_assert_status(&env, build_scatter(kind, env.builder, x, i21, NULL, 1, &out),
                         WNNStatus_TypeError, "updates is NULL");
        th_assert_status(&env, build_scatter(kind, env.builder, foreign, i21, u, 1, &out),
                         WNNStatus_TypeError, "input was created by another builder");
        th_assert_status(&env, build_scatter(kind, env.builder, x, i21, ui23, 1, &out),
                         WNNStatus_TypeError,
                         "the data type of updates must equal the input's float32, got int32");
        th_assert_status(&env, build_scatter(kind, env.builder, x, i21, u, 1, NULL),
                         WNNStatus_InvalidArgument, "output pointer is NULL");
        ck_assert_int_eq(build_scatter(kind, NULL, x, i21, u, 1, &out), WNNStatus_InvalidArgument);
    }
    /* scatterElements */
    th_assert_status(&env, build_scatter(SCATTER_ELEMENTS, env.builder, scalar, iscalar, scalar, 0,
                                         &out),
                     WNNStatus_TypeError, "scatterElements: the input's rank must be at least 1");
    th_assert_status(&env, build_scatter(SCATTER_ELEMENTS, env.builder, x, i3, f21, 1, &out),
                     WNNStatus_TypeError,
                     "scatterElements: the rank of indices must equal the input's rank 2, got 1");
    th_assert_status(&env, build_scatter(SCATTER_ELEMENTS, env.builder, x, i21, u2, 1, &out),
                     WNNStatus_TypeError,
                     "scatterElements: the rank of updates must equal the input's rank 2, got 1");
    th_assert_status(&env, build_scatter(SCATTER_ELEMENTS, env.builder, x, i21, f21, 2, &out),
                     WNNStatus_TypeError,
                     "scatterElements: axis must be less than the input's rank 2, got 2");
    th_assert_status(&env, build_scatter(SCATTER_ELEMENTS, env.builder, x, i21, f21, 0, &out),
                     WNNStatus_TypeError,
                     "scatterElements: indices.shape[1] must equal input.shape[1] = 3, got 1");
    th_assert_status(&env, build_scatter(SCATTER_ELEMENTS, env.builder, x, i33, u23, 1, &out),
                     WNNStatus_TypeError, "indices.shape[0] must equal input.shape[0] = 2, got 3");
    th_assert_status(&env, build_scatter(SCATTER_ELEMENTS, env.builder, x, i21, u23, 1, &out),
                     WNNStatus_TypeError,
                     "scatterElements: the shape of updates must equal the shape of indices "
                     "[2, 1], got [2, 3]");
    options.label = "se";
    options.axis = 4;
    th_assert_status(&env, wnnGraphBuilderScatterElements(env.builder, x, i21, f21, &options, &out),
                     WNNStatus_TypeError, "scatterElements[se]: axis");
    /* scatterND */
    th_assert_status(&env, build_scatter(SCATTER_ND, env.builder, scalar, i21, u23, 0, &out),
                     WNNStatus_TypeError, "scatterND: the input's rank must be at least 1, got 0");
    th_assert_status(&env, build_scatter(SCATTER_ND, env.builder, x, iscalar, u23, 0, &out),
                     WNNStatus_TypeError,
                     "scatterND: the rank of indices must be at least 1, got 0");
    th_assert_status(&env, build_scatter(SCATTER_ND, env.builder, x, i33, u23, 0, &out),
                     WNNStatus_TypeError,
                     "scatterND: the last dimension of indices must not exceed the input's rank 2, "
                     "got 3");
    th_assert_status(&env, build_scatter(SCATTER_ND, env.builder, x, i21, u22, 0, &out),
                     WNNStatus_TypeError,
                     "scatterND: the shape of updates must be [2, 3], got [2, 2]");
    th_assert_status(&env, build_scatter(SCATTER_ND, env.builder, x, i2, u2, 0, &out),
                     WNNStatus_TypeError, "the shape of updates must be [], got [2]");
    ck_assert_int_eq(build_scatter(SCATTER_ND, env.builder, x, i2, scalar, 0, &out),
                     WNNStatus_Success);
    /* After build. */
    {
        WNNNamedOperand named;
        WNNGraph g;
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        for (kind = 0; kind < 2; kind++)
            th_assert_status(&env, build_scatter(kind, env.builder, x, i2, scalar, 0, &out),
                             WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *gather_scatter_suite(void)
{
    Suite *s = suite_create("gather_scatter");
    TCase *t = tcase_create("core");
    tcase_add_test(t, gather_spec_examples);
    tcase_add_test(t, gather_negative_scalar_and_out_of_range_indices);
    tcase_add_test(t, gather_copies_every_type_exactly);
    tcase_add_test(t, gather_zero_size);
    tcase_add_test(t, gather_elements_spec_examples);
    tcase_add_test(t, gather_elements_negative_and_out_of_range);
    tcase_add_test(t, gather_nd_spec_examples);
    tcase_add_test(t, gather_nd_out_of_range_empty_tuples_and_zero_size);
    tcase_add_test(t, gather_marks_follow_the_elements_read);
    tcase_add_test(t, gather_validation_errors);
    tcase_add_test(t, scatter_elements_spec_examples);
    tcase_add_test(t, scatter_elements_duplicates_out_of_range_and_negative);
    tcase_add_test(t, scatter_nd_spec_examples);
    tcase_add_test(t, scatter_nd_duplicates_out_of_range_and_zero_size);
    tcase_add_test(t, scatter_marks);
    tcase_add_test(t, scatter_index_types);
    tcase_add_test(t, scatter_validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(gather_scatter_suite)
