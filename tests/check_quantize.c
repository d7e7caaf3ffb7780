/* tests/check_quantize.c - quantizeLinear, dequantizeLinear. */
#include "harness.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* NAN, INFINITY and FLT_MAX are float constants; their values as doubles. */
#define D_NAN ((double)NAN)
#define D_INF ((double)INFINITY)
#define D_FLT_MAX ((double)FLT_MAX)

#define F32 WNNOperandDataType_Float32
#define F16 WNNOperandDataType_Float16
#define U8 WNNOperandDataType_Uint8
#define I8 WNNOperandDataType_Int8
#define U32 WNNOperandDataType_Uint32
#define I32 WNNOperandDataType_Int32
#define I4 WNNOperandDataType_Int4
#define U4 WNNOperandDataType_Uint4

typedef WNNStatus (*qdq_builder)(WNNGraphBuilder, WNNOperand, WNNOperand, WNNOperand,
                                 const WNNOperatorOptions *, WNNOperand *);

/* One quantize or dequantize call: input of inType/shape, scale and zeroPoint of
 * scaleType/zpType and paramShape (same rank). */
typedef struct qdq_case {
    qdq_builder build;
    WNNOperandDataType inType, scaleType, zpType;
    size_t rank;
    const uint32_t *inShape, *paramShape;
    const void *in, *scale, *zeroPoint;
} qdq_case;

static void run_case(const qdq_case *c, th_result *r)
{
    th_env env;
    WNNOperand in, scale, zp, out;
    th_init(&env);
    in = th_input(&env, c->inType, c->inShape, c->rank, c->in);
    scale = th_constant(&env, c->scaleType, c->paramShape, c->rank, c->scale);
    zp = th_constant(&env, c->zpType, c->paramShape, c->rank, c->zeroPoint);
    ck_assert_msg(c->build(env.builder, in, scale, zp, NULL, &out) == WNNStatus_Success, "%s",
                  wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

static void assert_values(const th_result *r, const double *want, size_t n, const char *what)
{
    size_t i;
    ck_assert_uint_eq(r->count, n);
    for (i = 0; i < n; i++)
        ck_assert_msg(th_same(th_get(r, i), want[i]), "%s[%lu] = %.17g, want %.17g", what,
                      (unsigned long)i, th_get(r, i), want[i]);
}

static void assert_mask(const th_result *r, const uint8_t *want, size_t n, const char *what)
{
    size_t i;
    for (i = 0; i < n; i++)
        ck_assert_msg(r->mask[i] == want[i], "%s: mask[%lu] = %d, want %d", what,
                      (unsigned long)i, r->mask[i], want[i]);
}

static const uint32_t one[] = {1};
/* Zero bytes enough for the small constants of the validation tests. */
static const uint64_t zeros[16];

/* ---- quantizeLinear ---------------------------------------------------------------------- */

START_TEST(quantize_uint8_and_int8_ties_and_saturation)
{
    static const uint32_t s10[] = {10}, s4[] = {4};
    static const float x[] = {0, 0.5f, 1.5f, 2.5f, -0.5f, 3.5f, 254.5f, 300, -1, -0.0f};
    static const float s1[] = {1};
    static const uint8_t z0[] = {0};
    static const double want[] = {0, 0, 2, 2, 0, 4, 254, 255, 0, 0};
    /* int8 with zeroPoint -128: 0 -> -128, 255 -> 127, 256 -> 128 saturates, -1 -> -129
     * saturates; scale 0.5 doubles before rounding: 63.75 * 2 = 127.5 -> 128 (even). */
    static const float xi[] = {0, 255, 256, -1};
    static const int8_t zm128[] = {-128};
    static const double wanti[] = {-128, 127, 127, -128};
    static const float xh[] = {63.75f, -0.25f, 0.75f, -64.25f};
    static const float half[] = {0.5f};
    static const int8_t zi0[] = {0};
    static const double wanth[] = {127, 0, 2, -128}; /* 127.5 -> 128 -> 127; -0.5 -> 0; 1.5 -> 2 */
    qdq_case c = {wnnGraphBuilderQuantizeLinear, F32, F32, U8, 1, s10, one, x, s1, z0};
    th_result r;
    run_case(&c, &r);
    assert_values(&r, want, 10, "uint8");
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    c.zpType = I8;
    c.inShape = s4;
    c.in = xi;
    c.zeroPoint = zm128;
    run_case(&c, &r);
    assert_values(&r, wanti, 4, "int8");
    th_result_free(&r);
    c.in = xh;
    c.scale = half;
    c.zeroPoint = zi0;
    run_case(&c, &r);
    assert_values(&r, wanth, 4, "int8 scale 0.5");
    th_result_free(&r);
}
END_TEST

START_TEST(quantize_32_bit_outputs_saturate_to_their_own_range)
{
    /* SPEC-ISSUE ops-§8.12: the emulation clamps to [0, 255] for every type; uint32 and
     * int32 saturate to their own ranges. 4294967040 = 2^32 - 256 is a float32. */
    static const uint32_t s5[] = {5};
    static const float xu[] = {1000, 4294967040.0f, 3e9f, -5, 4294967296.0f};
    static const float s1[] = {1};
    static const uint32_t zu0[] = {0}, zu255[] = {255};
    static const double wantu[] = {1000, 4294967040.0, 3000000000.0, 0, 4294967295.0};
    static const double wantu255[] = {1255, 4294967295.0, 3000000255.0, 250, 4294967295.0};
    static const float xi[] = {3e9f, -3e9f, 1e6f, -2147483648.0f, 2147483520.0f};
    static const int32_t zi0[] = {0}, zi1[] = {-1};
    static const double wanti[] = {2147483647.0, -2147483648.0, 1e6, -2147483648.0,
                                   2147483520.0};
    static const double wanti1[] = {2147483647.0, -2147483648.0, 999999, -2147483648.0,
                                    2147483519.0};
    qdq_case c = {wnnGraphBuilderQuantizeLinear, F32, F32, U32, 1, s5, one, xu, s1, zu0};
    th_result r;
    run_case(&c, &r);
    assert_values(&r, wantu, 5, "uint32");
    th_result_free(&r);
    c.zeroPoint = zu255;
    run_case(&c, &r);
    assert_values(&r, wantu255, 5, "uint32 zp 255");
    th_result_free(&r);
    c.zpType = I32;
    c.in = xi;
    c.zeroPoint = zi0;
    run_case(&c, &r);
    assert_values(&r, wanti, 5, "int32");
    th_result_free(&r);
    c.zeroPoint = zi1;
    run_case(&c, &r);
    assert_values(&r, wanti1, 5, "int32 zp -1");
    th_result_free(&r);
}
END_TEST

START_TEST(quantize_rounds_the_exact_quotient)
{
    /* The double quotient of these float32 pairs is exactly a half-integer, but the exact
     * quotient is not (found by exhaustive search with rational arithmetic):
     *   862800960 / 0x1.8912a2p-1  is just below 1123848073.5 -> 1123848073
     *     (rounding the double tie to even would give 1123848074);
     *   562127680 / 0x1.9378eep-1  is just above 713331036.5 -> 713331037
     *     (the double tie to even would give 713331036).
     * And a true tie: 3 / 2 = 1.5 -> 2, 5 / 2 = 2.5 -> 2. */
    static const uint32_t s4[] = {4};
    static const float x[] = {862800960.0f, 562127680.0f, 3, 5};
    static const float s[] = {0x1.8912a2p-1f, 0x1.9378eep-1f, 2, 2};
    static const int32_t z[] = {0, 0, 0, 0};
    static const double want[] = {1123848073.0, 713331037.0, 2, 2};
    qdq_case c = {wnnGraphBuilderQuantizeLinear, F32, F32, I32, 1, s4, s4, x, s, z};
    th_result r;
    /* the premise: the double quotients are the half-integers */
    ck_assert((double)x[0] / (double)s[0] == 1123848073.5);
    ck_assert((double)x[1] / (double)s[1] == 713331036.5);
    run_case(&c, &r);
    assert_values(&r, want, 4, "exact ties");
    th_result_free(&r);
}
END_TEST

START_TEST(quantize_per_axis_and_block_wise)
{
    /* [2, 4], per-row scale [1, 2] and zeroPoint [0, 10]:
     * row 0: 1, 2, 3, 4; row 1: 5/2 = 2.5 -> 2, 3, 3.5 -> 4, 4, plus 10. */
    static const uint32_t s24[] = {2, 4}, s21[] = {2, 1}, s14[] = {1, 4};
    static const float x[] = {1, 2, 3, 4, 5, 6, 7, 8};
    static const float sr[] = {1, 2}, sc[] = {1, 2, 4, 0.5f};
    static const uint8_t zr[] = {0, 10}, zc[] = {1, 2, 3, 4};
    static const double wantr[] = {1, 2, 3, 4, 12, 13, 14, 14};
    /* per-column: x / [1, 2, 4, 0.5] + [1, 2, 3, 4]:
     * 1+1, 1+2, 0.75->1 +3, 8+4 | 5+1, 3+2, 1.75->2 +3, 16+4 */
    static const double wantc[] = {2, 3, 4, 12, 6, 5, 5, 20};
    qdq_case c = {wnnGraphBuilderQuantizeLinear, F32, F32, U8, 2, s24, s21, x, sr, zr};
    th_result r;
    run_case(&c, &r);
    assert_values(&r, wantr, 8, "per-row");
    th_result_free(&r);
    c.paramShape = s14;
    c.scale = sc;
    c.zeroPoint = zc;
    run_case(&c, &r);
    assert_values(&r, wantc, 8, "per-column");
    th_result_free(&r);
    {
        /* [4, 6] with scale [2, 3]: blocks of 2 x 2. x = 10 * i + j, scale of block (bi, bj)
         * is 2^(bi) (1 or 2), zeroPoint bi * 3 + bj. */
        static const uint32_t s46[] = {4, 6}, s23[] = {2, 3};
        static const float sb[] = {1, 1, 1, 2, 2, 2};
        static const uint8_t zb[] = {0, 1, 2, 3, 4, 5};
        float xb[24];
        double want[24];
        size_t i, j;
        for (i = 0; i < 4; i++)
            for (j = 0; j < 6; j++) {
                double q = (double)(10 * i + j) / (i < 2 ? 1.0 : 2.0);
                double rq = floor(q);
                if (q - rq > 0.5 || (q - rq == 0.5 && fmod(rq, 2) != 0))
                    rq += 1;
                xb[i * 6 + j] = (float)(10 * i + j);
                want[i * 6 + j] = rq + (double)((i / 2) * 3 + j / 2);
            }
        /* a few by hand: x[2][1] = 21 -> 10.5 -> 10, + 3 = 13; x[3][5] = 35 -> 17.5 -> 18,
         * + 5 = 23; x[1][3] = 13 -> + 1 = 14 */
        ck_assert(th_same(want[2 * 6 + 1], 13) && th_same(want[3 * 6 + 5], 23) &&
                  th_same(want[1 * 6 + 3], 14));
        c.inShape = s46;
        c.paramShape = s23;
        c.in = xb;
        c.scale = sb;
        c.zeroPoint = zb;
        run_case(&c, &r);
        assert_values(&r, want, 24, "block-wise");
        th_result_free(&r);
    }
}
END_TEST

START_TEST(quantize_to_int4_and_uint4)
{
    /* C-only extension: saturation to [-8, 7] and [0, 15]. */
    static const uint32_t s6[] = {6};
    static const float x[] = {-10, -8.5f, 7.4f, 7.5f, 100, -0.5f};
    static const float s1[] = {1};
    static const int8_t z0[] = {0}, zm3[] = {-3};
    static const uint8_t z12[] = {12};
    static const double want0[] = {-8, -8, 7, 7, 7, 0};
    static const double wantm3[] = {-8, -8, 4, 5, 7, -3};
    /* WPT "quantizeLinear float32 tensor with uint4 zeroPoint which has odd size" (its scale
     * brought to rank 1); its expected 16 for the first element is outside uint4 and
     * saturates to 15 here. */
    static const float xw[] = {4.794857501983643f, 2.794857501983643f, 1.794857501983643f, 0,
                               3.794857501983643f, -100};
    static const float sw[] = {1.1202747821807861f};
    static const double wantw[] = {15, 14, 14, 12, 15, 0};
    qdq_case c = {wnnGraphBuilderQuantizeLinear, F32, F32, I4, 1, s6, one, x, s1, z0};
    th_result r;
    run_case(&c, &r);
    assert_values(&r, want0, 6, "int4");
    th_result_free(&r);
    c.zeroPoint = zm3;
    run_case(&c, &r);
    assert_values(&r, wantm3, 6, "int4 zp -3");
    th_result_free(&r);
    c.zpType = U4;
    c.in = xw;
    c.scale = sw;
    c.zeroPoint = z12;
    run_case(&c, &r);
    /* 4.79/1.12 = 4.28 -> 4 + 12 = 16 -> 15; 2.49 -> 2 -> 14; 1.60 -> 2 -> 14; 0 -> 12;
     * 3.39 -> 3 -> 15; -89.3 -> -89 + 12 -> 0 */
    assert_values(&r, wantw, 6, "uint4");
    th_result_free(&r);
}
END_TEST

START_TEST(quantize_float16)
{
    /* float16 input and scale: 100.5 / 1 -> 100 (tie to even); 1000 / float16(0.1) where
     * float16(0.1) = 0.0999755859375 -> 10002.44... -> 10002. */
    static const uint32_t s2[] = {2};
    static const double xv[] = {100.5, 1000}, sv[] = {1, 0.1};
    uint16_t x[2], s[2];
    static const int32_t z[] = {0, 0};
    static const double want[] = {100, 10002};
    qdq_case c = {wnnGraphBuilderQuantizeLinear, F16, F16, I32, 1, s2, s2, x, s, z};
    th_result r;
    th_pack(F16, xv, 2, x);
    th_pack(F16, sv, 2, s);
    run_case(&c, &r);
    assert_values(&r, want, 2, "float16");
    th_result_free(&r);
}
END_TEST

START_TEST(quantize_special_values_and_bad_scales)
{
    /* NaN input: 0, marked. +-inf saturate, unmarked. A scale that is not positive and
     * finite is implementation-defined: the formula is applied and the element marked
     * (scale 0: 1/0 = inf -> 255 and 0/0 = NaN -> 0; scale -1: -2 + 10 = 8; scale NaN: 0;
     * scale inf: 5/inf = 0 -> 10). A subnormal positive scale is fine: 2^-148 / 2^-149 = 2. */
    static const uint32_t s9[] = {9};
    static const float x[] = {NAN, INFINITY, -INFINITY, 1, 0, 2, 5, 5, 0x1p-148f};
    static const float s[] = {1, 1, 1, 0, 0, -1, NAN, INFINITY, 0x1p-149f};
    static const uint8_t z[] = {10, 10, 10, 10, 10, 10, 10, 10, 10};
    static const double want[] = {0, 255, 0, 255, 0, 8, 0, 10, 12};
    static const uint8_t mask[] = {1, 0, 0, 1, 1, 1, 1, 1, 0};
    qdq_case c = {wnnGraphBuilderQuantizeLinear, F32, F32, U8, 1, s9, s9, x, s, z};
    th_result r;
    run_case(&c, &r);
    assert_values(&r, want, 9, "special");
    assert_mask(&r, mask, 9, "special");
    th_result_free(&r);
}
END_TEST

/* ---- dequantizeLinear -------------------------------------------------------------------- */

START_TEST(dequantize_every_input_type)
{
    static const uint32_t s2[] = {2};
    static const float half[] = {0.5f}, s1[] = {1};
    qdq_case c = {wnnGraphBuilderDequantizeLinear, U8, F32, U8, 1, s2, one, NULL, half, NULL};
    th_result r;
    {
        static const uint8_t x[] = {0, 255}, z[] = {128};
        static const double want[] = {-64, 63.5};
        c.in = x;
        c.zeroPoint = z;
        run_case(&c, &r);
        assert_values(&r, want, 2, "uint8");
        th_result_free(&r);
    }
    {
        static const int8_t x[] = {-128, 127}, z[] = {-128};
        static const double want[] = {0, 127.5};
        c.inType = c.zpType = I8;
        c.in = x;
        c.zeroPoint = z;
        run_case(&c, &r);
        assert_values(&r, want, 2, "int8");
        th_result_free(&r);
    }
    {
        /* 4294967295 rounds to 2^32 in float32; INT32_MIN - INT32_MAX = -(2^32 - 1) is
         * exact before the single rounding to -2^32. */
        static const uint32_t x[] = {4294967295u, 16777217u}, z[] = {0};
        static const int32_t xi[] = {INT32_MIN, 5}, zi[] = {INT32_MAX};
        static const double want[] = {4294967296.0, 16777216.0};
        static const double wanti[] = {-4294967296.0, -2147483648.0};
        c.inType = c.zpType = U32;
        c.in = x;
        c.zeroPoint = z;
        c.scale = s1;
        run_case(&c, &r);
        assert_values(&r, want, 2, "uint32");
        th_result_free(&r);
        c.inType = c.zpType = I32;
        c.in = xi;
        c.zeroPoint = zi;
        run_case(&c, &r);
        /* 5 - INT32_MAX = -2147483642 -> float32 -2147483648 */
        assert_values(&r, wanti, 2, "int32");
        th_result_free(&r);
    }
    {
        /* C-only extension: int4 in [-8, 7] and uint4 in [0, 15]. */
        static const uint32_t s4[] = {4};
        static const int8_t x[] = {-8, -1, 0, 7}, z[] = {-8};
        static const uint8_t xu[] = {0, 1, 14, 15}, zu[] = {15};
        static const float s3[] = {3};
        static const double want[] = {0, 21, 24, 45}, wantu[] = {-45, -42, -3, 0};
        c.inShape = s4;
        c.inType = c.zpType = I4;
        c.in = x;
        c.zeroPoint = z;
        c.scale = s3;
        run_case(&c, &r);
        assert_values(&r, want, 4, "int4");
        th_result_free(&r);
        c.inType = c.zpType = U4;
        c.in = xu;
        c.zeroPoint = zu;
        run_case(&c, &r);
        assert_values(&r, wantu, 4, "uint4");
        th_result_free(&r);
    }
}
END_TEST

START_TEST(dequantize_rounds_once)
{
    /* 2318611251 * 0x1.fffff6p+0: the exact product lies just above a float32 midpoint, to
     * which the double product rounds; rounding that double again would go to the even
     * neighbour 4637220864, the single correct rounding is 4637221376 (found with rational
     * arithmetic). float16: 2049 * 1 is a tie -> 2048, 2051 -> 2052, 65520 -> inf. */
    static const uint32_t s1u[] = {1}, s3[] = {3};
    static const uint32_t x[] = {2318611251u}, z[] = {0};
    static const float s[] = {0x1.fffff6p+0f};
    static const int32_t xi[] = {2049, 2051, 65520}, zi[] = {0};
    static const double one16 = 1;
    uint16_t s16;
    qdq_case c = {wnnGraphBuilderDequantizeLinear, U32, F32, U32, 1, s1u, one, x, s, z};
    th_result r;
    ck_assert((double)(float)(2318611251.0 * (double)s[0]) == 4637220864.0); /* the premise */
    run_case(&c, &r);
    ck_assert(th_same(th_get(&r, 0), 4637221376.0));
    th_result_free(&r);
    th_pack(F16, &one16, 1, &s16);
    c.inType = c.zpType = I32;
    c.scaleType = F16;
    c.inShape = s3;
    c.in = xi;
    c.zeroPoint = zi;
    c.scale = &s16;
    run_case(&c, &r);
    {
        static const double want[] = {2048, 2052, D_INF};
        assert_values(&r, want, 3, "float16");
    }
    th_result_free(&r);
}
END_TEST

START_TEST(dequantize_block_wise_and_bad_scales)
{
    /* [2, 4] int8 with scale [1, 2] (blocks of two columns): x - zp times scale.
     * Row 0 block 0: scale 1 zp 0; block 1: scale 0 (marked) zp 1;
     * row 1 block 0: scale -2 (marked) zp 0; block 1: scale NaN (marked). */
    static const uint32_t s24[] = {2, 4}, s22[] = {2, 2};
    static const int8_t x[] = {1, -2, 0, 3, 4, -5, 6, 7}, z[] = {0, 1, 0, 1};
    static const float s[] = {1, 0, -2, NAN};
    static const double want[] = {1, -2, -0.0, 0, -8, 10, D_NAN, D_NAN};
    static const uint8_t mask[] = {0, 0, 1, 1, 1, 1, 1, 1};
    qdq_case c = {wnnGraphBuilderDequantizeLinear, I8, F32, I8, 2, s24, s22, x, s, z};
    th_result r;
    run_case(&c, &r);
    assert_values(&r, want, 8, "block-wise");
    assert_mask(&r, mask, 8, "block-wise");
    th_result_free(&r);
}
END_TEST

/* ---- shapes ------------------------------------------------------------------------------ */

START_TEST(scalars_and_zero_size)
{
    static const float x0 = 7.5f, s0 = 2.5f;
    static const uint8_t z0 = 3;
    static const uint32_t s03[] = {0, 3}, s13[] = {1, 3}, s20[] = {2, 0}, s25[] = {2, 5};
    static const float f3[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    static const uint8_t u3[10] = {0};
    qdq_case c = {wnnGraphBuilderQuantizeLinear, F32, F32, U8, 0, NULL, NULL, &x0, &s0, &z0};
    th_result r;
    /* rank 0: 7.5 / 2.5 = 3, + 3 */
    run_case(&c, &r);
    ck_assert(th_same(th_get(&r, 0), 6));
    th_result_free(&r);
    /* empty inputs: [0, 3] with [1, 3] (0 is a multiple of 1), [0, 3] with [0, 3], and
     * [2, 0] with [2, 5] (0 is a multiple of 5) */
    c.rank = 2;
    c.inShape = s03;
    c.paramShape = s13;
    c.in = f3;
    c.scale = f3;
    c.zeroPoint = u3;
    run_case(&c, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    c.paramShape = s03;
    run_case(&c, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    c.build = wnnGraphBuilderDequantizeLinear;
    c.inType = U8;
    c.inShape = s20;
    c.paramShape = s25;
    run_case(&c, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
}
END_TEST

START_TEST(unspecified_inputs_propagate_element_by_element)
{
    /* add(INT32_MAX, 1) overflows (unspecified) in element 0 only; dequantize and then
     * quantize keep the mark on element 0 and nowhere else. */
    static const uint32_t s3[] = {3}, s1[] = {1};
    static const int32_t a[] = {INT32_MAX, 1, 2}, b[] = {1, 1, 1}, z[] = {0};
    static const float s[] = {1};
    static const uint8_t zu[] = {0};
    th_env env;
    th_result r[2];
    WNNOperand x, y, sum, sc, zp, zp8, deq, q, outs[2];
    th_init(&env);
    x = th_input(&env, I32, s3, 1, a);
    y = th_input(&env, I32, s3, 1, b);
    sc = th_constant(&env, F32, s1, 1, s);
    zp = th_constant(&env, I32, s1, 1, z);
    zp8 = th_constant(&env, U8, s1, 1, zu);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderDequantizeLinear(env.builder, sum, sc, zp, NULL, &deq),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderQuantizeLinear(env.builder, deq, sc, zp8, NULL, &q),
                     WNNStatus_Success);
    outs[0] = deq;
    outs[1] = q;
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    {
        static const uint8_t mask[] = {1, 0, 0};
        static const double want[] = {2, 3};
        assert_mask(&r[0], mask, 3, "dequantize");
        assert_mask(&r[1], mask, 3, "quantize");
        ck_assert(th_same(th_get(&r[0], 1), want[0]) && th_same(th_get(&r[1], 2), want[1]));
    }
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

/* ---- validation -------------------------------------------------------------------------- */

START_TEST(quantize_validation_errors)
{
    static const uint32_t s24[] = {2, 4}, s2[] = {2}, s12[] = {1, 2}, s13[] = {1, 3};
    static const uint32_t s11[] = {1, 1}, s30[] = {3, 0}, s03[] = {0, 3};
    th_env env, other;
    WNNOperand x, xh, xi, sf, sh, si, s1d, zu, zf, z64, z1d, z12, s12o, s13o, z13, foreign;
    WNNOperand xe, se, ze, out = NULL;
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    th_init(&env);
    th_init(&other);
    x = th_constant(&env, F32, s24, 2, zeros);
    xh = th_constant(&env, F16, s24, 2, zeros);
    xi = th_constant(&env, I32, s24, 2, zeros);
    sf = th_constant(&env, F32, s11, 2, zeros);
    sh = th_constant(&env, F16, s11, 2, zeros);
    si = th_constant(&env, I32, s11, 2, zeros);
    s1d = th_constant(&env, F32, s2, 1, zeros);
    zu = th_constant(&env, U8, s11, 2, zeros);
    zf = th_constant(&env, F32, s11, 2, zeros);
    z64 = th_constant(&env, WNNOperandDataType_Int64, s11, 2, zeros);
    z1d = th_constant(&env, U8, s2, 1, zeros);
    z12 = th_constant(&env, U8, s12, 2, zeros);
    s12o = th_constant(&env, F32, s12, 2, zeros);
    s13o = th_constant(&env, F32, s13, 2, zeros);
    z13 = th_constant(&env, U8, s13, 2, zeros);
    xe = th_constant(&env, F32, s30, 2, zeros);
    se = th_constant(&env, F32, s03, 2, zeros);
    ze = th_constant(&env, U8, s03, 2, zeros);
    foreign = th_constant(&other, F32, s11, 2, zeros);
#define Q(a, b, c) wnnGraphBuilderQuantizeLinear(env.builder, a, b, c, &o, &out)
    th_assert_status(&env, Q(xi, si, zu), WNNStatus_TypeError,
                     "quantizeLinear: the data type of input must be one of float32, float16, "
                     "got int32");
    th_assert_status(&env, Q(x, si, zu), WNNStatus_TypeError,
                     "the data type of scale must be one of float32, float16, got int32");
    th_assert_status(&env, Q(x, sh, zu), WNNStatus_TypeError,
                     "the data type of scale must be the input's (float32), got float16");
    th_assert_status(&env, Q(xh, sf, zu), WNNStatus_TypeError,
                     "the data type of scale must be the input's (float16), got float32");
    th_assert_status(&env, Q(x, sf, zf), WNNStatus_TypeError,
                     "the data type of zeroPoint must be one of int32, uint32, int8, uint8, "
                     "int4, uint4, got float32");
    th_assert_status(&env, Q(x, sf, z64), WNNStatus_TypeError,
                     "the data type of zeroPoint must be one of");
    th_assert_status(&env, Q(x, s1d, z1d), WNNStatus_TypeError,
                     "the ranks of scale and zeroPoint must be the input's (2), got 1 and 1");
    th_assert_status(&env, Q(x, sf, z1d), WNNStatus_TypeError,
                     "the ranks of scale and zeroPoint must be the input's (2), got 2 and 1");
    th_assert_status(&env, Q(x, sf, z12), WNNStatus_TypeError,
                     "the shapes of scale and zeroPoint must be equal, got [1, 1] and [1, 2]");
    th_assert_status(&env, Q(x, s13o, z13), WNNStatus_TypeError,
                     "scale's shape is not blockwise broadcastable to the input's, got [1, 3] "
                     "and [2, 4]");
    /* a 0 scale dimension covers only an empty input dimension */
    th_assert_status(&env, Q(xe, se, ze), WNNStatus_TypeError,
                     "not blockwise broadcastable to the input's, got [0, 3] and [3, 0]");
    ck_assert_int_eq(Q(x, s12o, z12), WNNStatus_Success);
    th_assert_status(&env, Q(NULL, sf, zu), WNNStatus_TypeError, "input is NULL");
    th_assert_status(&env, Q(x, NULL, zu), WNNStatus_TypeError, "scale is NULL");
    th_assert_status(&env, Q(x, sf, NULL), WNNStatus_TypeError, "zeroPoint is NULL");
    th_assert_status(&env, Q(x, foreign, zu), WNNStatus_TypeError,
                     "scale was created by another builder");
    o.label = "q";
    th_assert_status(&env, Q(xi, si, zu), WNNStatus_TypeError, "quantizeLinear[q]: ");
#undef Q
    th_assert_status(&env, wnnGraphBuilderQuantizeLinear(env.builder, x, sf, zu, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    th_free(&env);
    th_free(&other);
}
END_TEST

START_TEST(dequantize_validation_errors)
{
    static const uint32_t s24[] = {2, 4}, s11[] = {1, 1}, s2[] = {2}, s13[] = {1, 3};
    th_env env;
    WNNOperand x, xf, x64, sf, si, zu, zi8, zf, z1d, s1d, s13o, z13, out = NULL;
    th_init(&env);
    x = th_constant(&env, U8, s24, 2, zeros);
    xf = th_constant(&env, F32, s24, 2, zeros);
    x64 = th_constant(&env, WNNOperandDataType_Uint64, s24, 2, zeros);
    sf = th_constant(&env, F32, s11, 2, zeros);
    si = th_constant(&env, U8, s11, 2, zeros);
    zu = th_constant(&env, U8, s11, 2, zeros);
    zi8 = th_constant(&env, I8, s11, 2, zeros);
    zf = th_constant(&env, F32, s11, 2, zeros);
    z1d = th_constant(&env, U8, s2, 1, zeros);
    s1d = th_constant(&env, F32, s2, 1, zeros);
    s13o = th_constant(&env, F32, s13, 2, zeros);
    z13 = th_constant(&env, U8, s13, 2, zeros);
#define D(a, b, c) wnnGraphBuilderDequantizeLinear(env.builder, a, b, c, NULL, &out)
    th_assert_status(&env, D(xf, sf, zf), WNNStatus_TypeError,
                     "dequantizeLinear: the data type of input must be one of int32, uint32, "
                     "int8, uint8, int4, uint4, got float32");
    th_assert_status(&env, D(x64, sf, zu), WNNStatus_TypeError,
                     "the data type of input must be one of");
    th_assert_status(&env, D(x, si, zu), WNNStatus_TypeError,
                     "the data type of scale must be one of float32, float16, got uint8");
    th_assert_status(&env, D(x, sf, zf), WNNStatus_TypeError,
                     "the data type of zeroPoint must be one of int32, uint32, int8, uint8, "
                     "int4, uint4, got float32");
    th_assert_status(&env, D(x, sf, zi8), WNNStatus_TypeError,
                     "the data type of zeroPoint must be the input's (uint8), got int8");
    th_assert_status(&env, D(x, s1d, zu), WNNStatus_TypeError,
                     "the ranks of scale and zeroPoint must be the input's (2), got 1 and 2");
    th_assert_status(&env, D(x, sf, z1d), WNNStatus_TypeError,
                     "the ranks of scale and zeroPoint must be the input's (2), got 2 and 1");
    th_assert_status(&env, D(x, s13o, zu), WNNStatus_TypeError,
                     "the shapes of scale and zeroPoint must be equal, got [1, 3] and [1, 1]");
    th_assert_status(&env, D(x, s13o, z13), WNNStatus_TypeError,
                     "dequantizeLinear: scale's shape is not blockwise broadcastable");
    th_assert_status(&env, D(x, sf, NULL), WNNStatus_TypeError, "zeroPoint is NULL");
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(D(x, sf, zu), WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, D(x, sf, zu), WNNStatus_InvalidStateError, "already built");
        th_assert_status(&env, wnnGraphBuilderQuantizeLinear(env.builder, xf, sf, zu, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
#undef D
    th_free(&env);
}
END_TEST

START_TEST(int4_is_only_for_quantization)
{
    /* The int4/uint4 extension is accepted by these two operators only. */
    static const uint32_t s2[] = {2};
    th_env env;
    WNNOperand a, out = NULL;
    th_init(&env);
    a = th_input(&env, I4, s2, 1, NULL);
    th_assert_status(&env, wnnGraphBuilderAdd(env.builder, a, a, NULL, &out),
                     WNNStatus_TypeError, "got int4");
    th_free(&env);
}
END_TEST

static Suite *quantize_suite(void)
{
    Suite *s = suite_create("quantize");
    TCase *t = tcase_create("core");
    tcase_add_test(t, quantize_uint8_and_int8_ties_and_saturation);
    tcase_add_test(t, quantize_32_bit_outputs_saturate_to_their_own_range);
    tcase_add_test(t, quantize_rounds_the_exact_quotient);
    tcase_add_test(t, quantize_per_axis_and_block_wise);
    tcase_add_test(t, quantize_to_int4_and_uint4);
    tcase_add_test(t, quantize_float16);
    tcase_add_test(t, quantize_special_values_and_bad_scales);
    tcase_add_test(t, dequantize_every_input_type);
    tcase_add_test(t, dequantize_rounds_once);
    tcase_add_test(t, dequantize_block_wise_and_bad_scales);
    tcase_add_test(t, scalars_and_zero_size);
    tcase_add_test(t, unspecified_inputs_propagate_element_by_element);
    tcase_add_test(t, quantize_validation_errors);
    tcase_add_test(t, dequantize_validation_errors);
    tcase_add_test(t, int4_is_only_for_quantization);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(quantize_suite)
