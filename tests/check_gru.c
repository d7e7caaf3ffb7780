/* tests/check_gru.c - gru and gruCell.
 *
 * Expected values come from hand calculations (written out beside each case) and from a
 * plain GRU written here over double arrays, independently of ops/gru.c, following the
 * spec's formulas. Cases whose arithmetic is exact (relu activations, dyadic values) must
 * match bit for bit; cases with sigmoid/tanh may differ from the test's own double
 * evaluation by one unit in the last place of the output type (a different association of
 * the same sums can move a value across a rounding boundary). */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define F32 WNNOperandDataType_Float32
#define F16 WNNOperandDataType_Float16
#define RELU WNNRecurrentNetworkActivation_Relu
#define SIGMOID WNNRecurrentNetworkActivation_Sigmoid
#define TANH WNNRecurrentNetworkActivation_Tanh
#define FORWARD WNNRecurrentNetworkDirection_Forward
#define BACKWARD WNNRecurrentNetworkDirection_Backward
#define BOTH WNNRecurrentNetworkDirection_Both
#define ZRN WNNGruWeightLayout_Zrn
#define RZN WNNGruWeightLayout_Rzn

/* The largest tensor any case here uses, in elements. */
/* NAN and INFINITY are float expressions; these are their double values. */
#define DNAN ((double)NAN)
#define DINF ((double)INFINITY)

#define MAXN 128

/* One gru (or gruCell, with steps = 1 and direction forward) configuration. */
typedef struct gru_case {
    uint32_t steps, batch, inputSize, hidden;
    WNNRecurrentNetworkDirection direction;
    WNNGruWeightLayout layout;
    int resetAfter, returnSequence;
    const WNNRecurrentNetworkActivation *activations; /* NULL: the default pair */
    const double *x;     /* [steps, batch, inputSize] */
    const double *w;     /* [D, 3H, inputSize] */
    const double *r;     /* [D, 3H, H] */
    const double *bias;  /* [D, 3H] or NULL */
    const double *rbias; /* [D, 3H] or NULL */
    const double *h0;    /* [D, batch, H] or NULL (gruCell: the hidden state, required) */
} gru_case;

static size_t dirs(const gru_case *c)
{
    return c->direction == BOTH ? 2 : 1;
}

/* ---- the test's own GRU ------------------------------------------------------------------- */

static double act(WNNRecurrentNetworkActivation a, double v)
{
    if (a == RELU)
        return v > 0 ? v : 0;
    if (a == SIGMOID)
        return 1 / (1 + exp(-v));
    return tanh(v);
}

enum { GATE_Z, GATE_R, GATE_N };

/* The weight row of unit j of a gate under a layout. */
static size_t gate_row(WNNGruWeightLayout layout, int gate, size_t H, size_t j)
{
    static const size_t zrn[3] = {0, 1, 2}, rzn[3] = {1, 0, 2}; /* block of z, r, n */
    return (layout == ZRN ? zrn : rzn)[gate] * H + j;
}

/* One step of direction d: h [batch][H] is replaced by the next hidden state. */
static void oracle_step(const gru_case *c, size_t d, const double *x, double *h)
{
    size_t B = c->batch, I = c->inputSize, H = c->hidden, b, j, k;
    const WNNRecurrentNetworkActivation *a = c->activations;
    WNNRecurrentNetworkActivation f = a ? a[0] : SIGMOID, g = a ? a[1] : TANH;
    double next[MAXN], rg[MAXN];
    for (b = 0; b < B; b++) {
        double pre[3][MAXN], rec[3][MAXN]; /* x·Wᵀ + bias, h·Rᵀ + recurrentBias per gate */
        int gate;
        for (gate = 0; gate < 3; gate++)
            for (j = 0; j < H; j++) {
                size_t row = gate_row(c->layout, gate, H, j);
                double xs = 0, hs = 0;
                for (k = 0; k < I; k++)
                    xs += x[b * I + k] * c->w[(d * 3 * H + row) * I + k];
                for (k = 0; k < H; k++)
                    hs += h[b * H + k] * c->r[(d * 3 * H + row) * H + k];
                pre[gate][j] = xs + (c->bias ? c->bias[d * 3 * H + row] : 0);
                rec[gate][j] = hs + (c->rbias ? c->rbias[d * 3 * H + row] : 0);
            }
        for (j = 0; j < H; j++)
            rg[j] = act(f, pre[GATE_R][j] + rec[GATE_R][j]);
        for (j = 0; j < H; j++) {
            double z = act(f, pre[GATE_Z][j] + rec[GATE_Z][j]), n;
            if (c->resetAfter) {
                n = act(g, pre[GATE_N][j] + rg[j] * rec[GATE_N][j]);
            } else {
                /* (r ⊙ h)·R_nᵀ + rb_n */
                size_t row = gate_row(c->layout, GATE_N, H, j);
                double s = c->rbias ? c->rbias[d * 3 * H + row] : 0;
                for (k = 0; k < H; k++)
                    s += rg[k] * h[b * H + k] * c->r[(d * 3 * H + row) * H + k];
                n = act(g, pre[GATE_N][j] + s);
            }
            next[b * H + j] = (1 - z) * n + z * h[b * H + j];
        }
    }
    memcpy(h, next, B * H * sizeof(double));
}

/* out0 [D, batch, H], seq [steps, D, batch, H]. */
static void oracle_gru(const gru_case *c, double *out0, double *seq)
{
    size_t D = dirs(c), B = c->batch, H = c->hidden, I = c->inputSize, d, s, i;
    for (d = 0; d < D; d++) {
        double h[MAXN];
        for (i = 0; i < B * H; i++)
            h[i] = c->h0 ? c->h0[d * B * H + i] : 0;
        for (s = 0; s < c->steps; s++) {
            size_t t = (c->direction == BACKWARD || d == 1) ? c->steps - 1 - s : s;
            oracle_step(c, d, c->x + t * B * I, h);
            for (i = 0; i < B * H; i++)
                seq[(t * D + d) * B * H + i] = h[i];
        }
        for (i = 0; i < B * H; i++)
            out0[d * B * H + i] = h[i];
    }
}

/* ---- comparing ------------------------------------------------------------------------------ */

/* Distance in units in the last place of the type (sign-magnitude order; NaN equals NaN). */
static double ulp_distance(WNNOperandDataType type, double a, double b)
{
    long long ia, ib;
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b) ? 0 : DINF;
    if (type == F32) {
        float fa = (float)a, fb = (float)b;
        uint32_t ua, ub;
        memcpy(&ua, &fa, 4);
        memcpy(&ub, &fb, 4);
        ia = (ua & 0x80000000u) ? -(long long)(ua & 0x7FFFFFFFu) : (long long)ua;
        ib = (ub & 0x80000000u) ? -(long long)(ub & 0x7FFFFFFFu) : (long long)ub;
    } else {
        uint16_t ua, ub;
        th_pack(F16, &a, 1, &ua);
        th_pack(F16, &b, 1, &ub);
        ia = (ua & 0x8000u) ? -(long long)(ua & 0x7FFFu) : (long long)ua;
        ib = (ub & 0x8000u) ? -(long long)(ub & 0x7FFFu) : (long long)ub;
    }
    return (double)(ia > ib ? ia - ib : ib - ia);
}

/* v rounded once to the type. */
static double round_to(WNNOperandDataType type, double v)
{
    unsigned char buf[4];
    th_result r;
    th_pack(type, &v, 1, buf);
    r.type = type;
    r.data = buf;
    return th_get(&r, 0);
}

/* Every element of r within `ulps` of want rounded to r's type (0: the same value). */
static void expect_values(const th_result *r, const double *want, size_t n, double ulps,
                          const char *what)
{
    size_t i;
    ck_assert_uint_eq(r->count, n);
    for (i = 0; i < n; i++) {
        double w = round_to(r->type, want[i]), got = th_get(r, i);
        int ok = ulps == 0 ? th_same(got, w) : ulp_distance(r->type, got, w) <= ulps;
        ck_assert_msg(ok, "%s[%lu] = %.9g, want %.9g", what, (unsigned long)i, got, w);
    }
}

static void expect_shape(WNNOperand o, size_t rank, uint32_t d0, uint32_t d1, uint32_t d2,
                         uint32_t d3)
{
    size_t got;
    const uint32_t *shape = wnnOperandGetShape(o, &got);
    const uint32_t want[4] = {d0, d1, d2, d3};
    size_t i;
    ck_assert_uint_eq(got, rank);
    for (i = 0; i < rank; i++)
        ck_assert_uint_eq(shape[i], want[i]);
}

/* ---- running ------------------------------------------------------------------------------ */

typedef struct packed {
    unsigned char data[6][MAXN * 4];
} packed;

static WNNOperand pack_input(th_env *env, packed *p, int slot, WNNOperandDataType type,
                             const double *values, const uint32_t *shape, size_t rank)
{
    size_t n = 1, i;
    for (i = 0; i < rank; i++)
        n *= shape[i];
    ck_assert_uint_le(n, MAXN);
    th_pack(type, values, n, p->data[slot]);
    return th_input(env, type, shape, rank, p->data[slot]);
}

/* Build and run gru; res receives 1 or 2 outputs (shapes checked). */
static void run_gru(const gru_case *c, WNNOperandDataType type, th_result *res)
{
    th_env env;
    packed p;
    WNNOperand x, w, r, outs[2] = {NULL, NULL};
    WNNGruOptions o = WNN_GRU_OPTIONS_INIT;
    uint32_t D = (uint32_t)dirs(c), H = c->hidden, B = c->batch, I = c->inputSize;
    uint32_t sx[3], sw[3], sr[3], sb[2], sh[3];
    size_t count = 0;
    WNNStatus s;
    sx[0] = c->steps, sx[1] = B, sx[2] = I;
    sw[0] = D, sw[1] = 3 * H, sw[2] = I;
    sr[0] = D, sr[1] = 3 * H, sr[2] = H;
    sb[0] = D, sb[1] = 3 * H;
    sh[0] = D, sh[1] = B, sh[2] = H;
    th_init(&env);
    x = pack_input(&env, &p, 0, type, c->x, sx, 3);
    w = pack_input(&env, &p, 1, type, c->w, sw, 3);
    r = pack_input(&env, &p, 2, type, c->r, sr, 3);
    if (c->bias)
        o.bias = pack_input(&env, &p, 3, type, c->bias, sb, 2);
    if (c->rbias)
        o.recurrentBias = pack_input(&env, &p, 4, type, c->rbias, sb, 2);
    if (c->h0)
        o.initialHiddenState = pack_input(&env, &p, 5, type, c->h0, sh, 3);
    o.resetAfter = (WNNBool)c->resetAfter;
    o.returnSequence = (WNNBool)c->returnSequence;
    o.direction = c->direction;
    o.layout = c->layout;
    if (c->activations) {
        o.activations = c->activations;
        o.activationsCount = 2;
    }
    s = wnnGraphBuilderGru(env.builder, x, w, r, c->steps, H, &o, outs, &count);
    ck_assert_msg(s == WNNStatus_Success, "gru: %s", wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_uint_eq(count, c->returnSequence ? 2 : 1);
    ck_assert_int_eq(wnnOperandGetDataType(outs[0]), type);
    expect_shape(outs[0], 3, D, B, H, 0);
    if (c->returnSequence)
        expect_shape(outs[1], 4, c->steps, D, B, H);
    else
        ck_assert_ptr_null(outs[1]);
    ck_assert_int_eq(th_run(&env, count, outs, res), WNNStatus_Success);
    th_free(&env);
}

/* Build and run gruCell with c->h0 as the hidden state ([batch, H]). */
static void run_gru_cell(const gru_case *c, WNNOperandDataType type, th_result *res)
{
    th_env env;
    packed p;
    WNNOperand x, w, r, h, out;
    WNNGruCellOptions o = WNN_GRU_CELL_OPTIONS_INIT;
    uint32_t H = c->hidden, B = c->batch, I = c->inputSize;
    uint32_t sx[2], sw[2], sr[2], sb[1], sh[2];
    WNNStatus s;
    sx[0] = B, sx[1] = I;
    sw[0] = 3 * H, sw[1] = I;
    sr[0] = 3 * H, sr[1] = H;
    sb[0] = 3 * H;
    sh[0] = B, sh[1] = H;
    th_init(&env);
    x = pack_input(&env, &p, 0, type, c->x, sx, 2);
    w = pack_input(&env, &p, 1, type, c->w, sw, 2);
    r = pack_input(&env, &p, 2, type, c->r, sr, 2);
    h = pack_input(&env, &p, 5, type, c->h0, sh, 2);
    if (c->bias)
        o.bias = pack_input(&env, &p, 3, type, c->bias, sb, 1);
    if (c->rbias)
        o.recurrentBias = pack_input(&env, &p, 4, type, c->rbias, sb, 1);
    o.resetAfter = (WNNBool)c->resetAfter;
    o.layout = c->layout;
    if (c->activations) {
        o.activations = c->activations;
        o.activationsCount = 2;
    }
    s = wnnGraphBuilderGruCell(env.builder, x, w, r, h, H, &o, &out);
    ck_assert_msg(s == WNNStatus_Success, "gruCell: %s",
                  wnnGraphBuilderGetErrorMessage(env.builder));
    expect_shape(out, 2, B, H, 0, 0);
    ck_assert_int_eq(th_run(&env, 1, &out, res), WNNStatus_Success);
    th_free(&env);
}

/* Run gru and compare both outputs with the test's GRU. */
static void check_gru_case(const gru_case *c, WNNOperandDataType type, double ulps)
{
    double out0[MAXN], seq[MAXN];
    th_result res[2];
    char what[160];
    oracle_gru(c, out0, seq);
    run_gru(c, type, res);
    snprintf(what, sizeof what, "gru dir %d layout %d resetAfter %d bias %d output0",
             (int)c->direction, (int)c->layout, c->resetAfter, c->bias != NULL);
    expect_values(&res[0], out0, dirs(c) * c->batch * c->hidden, ulps, what);
    th_result_free(&res[0]);
    if (c->returnSequence) {
        snprintf(what, sizeof what, "gru dir %d layout %d resetAfter %d bias %d sequence",
                 (int)c->direction, (int)c->layout, c->resetAfter, c->bias != NULL);
        expect_values(&res[1], seq, c->steps * dirs(c) * c->batch * c->hidden, ulps, what);
        th_result_free(&res[1]);
    }
}

/* Deterministic test data: multiples of 1/64 in [-1, 1] (exact in float16 and float32). */
static void fill(double *v, size_t n, unsigned seed)
{
    size_t i;
    unsigned s = seed * 2654435761u + 12345u;
    for (i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        v[i] = (double)((int)((s >> 16) % 129u) - 64) / 64.0;
    }
}

/* ---- hand-checked cases ------------------------------------------------------------------- */

START_TEST(gru_cell_hand_checked)
{
    /* H = 1, I = 1, relu for both activations, x = 1, h = 2.
     * zrn rows: W = [z 0.5, r 1, n 2], R = [z 0.25, r 0.5, n 1],
     * bias = [0.5, 0, 1], recurrentBias = [0, 0.5, -1].
     *   z = relu((0.5 + 0) + (1*0.5 + 2*0.25)) = 1.5
     *   r = relu((0 + 0.5) + (1*1 + 2*0.5)) = 2.5
     *   resetAfter:  n = relu(1 + (1*2 + 2.5*(-1 + 2*1))) = 5.5, h' = 1.5*2 + 5.5*(1-1.5) = 0.25
     *   !resetAfter: n = relu((1 - 1) + (1*2 + (2.5*2)*1)) = 7,  h' = 3 + 7*(-0.5) = -0.5
     * rzn holds the same numbers with the z and r rows swapped. */
    static const WNNRecurrentNetworkActivation relu2[2] = {RELU, RELU};
    static const double x[] = {1}, h[] = {2};
    static const double wZrn[] = {0.5, 1, 2}, rZrn[] = {0.25, 0.5, 1};
    static const double bZrn[] = {0.5, 0, 1}, rbZrn[] = {0, 0.5, -1};
    static const double wRzn[] = {1, 0.5, 2}, rRzn[] = {0.5, 0.25, 1};
    static const double bRzn[] = {0, 0.5, 1}, rbRzn[] = {0.5, 0, -1};
    static const double after[] = {0.25}, before[] = {-0.5};
    int layout, resetAfter;
    for (layout = 0; layout < 2; layout++)
        for (resetAfter = 0; resetAfter < 2; resetAfter++) {
            gru_case c;
            th_result res[2];
            memset(&c, 0, sizeof c);
            c.steps = 1, c.batch = 1, c.inputSize = 1, c.hidden = 1;
            c.layout = layout ? RZN : ZRN;
            c.resetAfter = resetAfter;
            c.activations = relu2;
            c.x = x, c.h0 = h;
            c.w = layout ? wRzn : wZrn;
            c.r = layout ? rRzn : rZrn;
            c.bias = layout ? bRzn : bZrn;
            c.rbias = layout ? rbRzn : rbZrn;
            run_gru_cell(&c, F32, res);
            expect_values(&res[0], resetAfter ? after : before, 1, 0, "gruCell hand");
            th_result_free(&res[0]);
            /* gru with one step and the same state as initialHiddenState agrees. */
            run_gru(&c, F32, res);
            expect_values(&res[0], resetAfter ? after : before, 1, 0, "gru hand");
            th_result_free(&res[0]);
        }
}
END_TEST

START_TEST(gru_time_alignment_hand_checked)
{
    /* H = 1, I = 1, relu for both. W = [z 0, r 0, n 1], R = [0, 0, 1], recurrentBias
     * [0, 1, 0], no bias: z = relu(0) = 0, r = relu(1) = 1, n = relu(x + 1*(0 + h)) = x + h
     * (all positive here), h' = 0*h + n*(1 - 0) = x + h. So each step adds its input to the
     * state, and the order of the steps shows in the sequence.
     * x = [1, 10]; initial state 100 (forward direction) and 1000 (backward direction).
     *   forward:  t=0: 101, t=1: 111                      -> output 111
     *   backward: t=1 first: 1010, then t=0: 1011         -> output 1011
     * The backward sequence is stored at the input time index: seq[0] = 1011, seq[1] = 1010. */
    static const WNNRecurrentNetworkActivation relu2[2] = {RELU, RELU};
    static const double x[] = {1, 10};
    static const double w[] = {0, 0, 1, 0, 0, 1}, r[] = {0, 0, 1, 0, 0, 1};
    static const double rb[] = {0, 1, 0, 0, 1, 0};
    static const double h0Both[] = {100, 1000}, h0Fwd[] = {100}, h0Bwd[] = {1000};
    static const double outBoth[] = {111, 1011}, seqBoth[] = {101, 1011, 111, 1010};
    static const double outFwd[] = {111}, seqFwd[] = {101, 111};
    static const double outBwd[] = {1011}, seqBwd[] = {1011, 1010};
    gru_case c;
    th_result res[2];
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 1, c.inputSize = 1, c.hidden = 1;
    c.layout = ZRN, c.resetAfter = 1, c.returnSequence = 1, c.activations = relu2;
    c.x = x, c.w = w, c.r = r, c.rbias = rb;
    c.direction = BOTH, c.h0 = h0Both;
    run_gru(&c, F32, res);
    expect_values(&res[0], outBoth, 2, 0, "both output0");
    expect_values(&res[1], seqBoth, 4, 0, "both sequence [t][d]");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    c.direction = FORWARD, c.h0 = h0Fwd;
    run_gru(&c, F32, res);
    expect_values(&res[0], outFwd, 1, 0, "forward output0");
    expect_values(&res[1], seqFwd, 2, 0, "forward sequence");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    c.direction = BACKWARD, c.h0 = h0Bwd;
    run_gru(&c, F32, res);
    expect_values(&res[0], outBwd, 1, 0, "backward output0");
    expect_values(&res[1], seqBwd, 2, 0, "backward sequence");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    /* Without returnSequence only output0 exists. */
    c.returnSequence = 0;
    run_gru(&c, F32, res);
    expect_values(&res[0], outBwd, 1, 0, "backward output0 alone");
    th_result_free(&res[0]);
    /* The test's own GRU agrees (it is used for the larger cases below). */
    {
        double o0[2], sq[4];
        c.direction = BOTH, c.h0 = h0Both;
        oracle_gru(&c, o0, sq);
        ck_assert(o0[0] == 111 && o0[1] == 1011 && sq[1] == 1011 && sq[3] == 1010);
    }
}
END_TEST

START_TEST(gru_state_is_not_rounded_between_steps)
{
    /* The same adding network: h_t = x_t + h_{t-1}. float16, x = [2048, 1, 1]:
     * exactly 2048, 2049, 2050; one rounding per output gives the sequence [2048, 2048
     * (2049 ties to even), 2050] and the final state 2050. Rounding the state after every
     * step would give 2048 + 1 -> 2048, + 1 -> 2048. float32 with 2^24 likewise. */
    static const WNNRecurrentNetworkActivation relu2[2] = {RELU, RELU};
    static const double x16[] = {2048, 1, 1}, x32[] = {16777216, 1, 1};
    static const double w[] = {0, 0, 1}, r[] = {0, 0, 1}, rb[] = {0, 1, 0};
    static const double out16[] = {2050}, seq16[] = {2048, 2049, 2050};
    static const double out32[] = {16777218}, seq32[] = {16777216, 16777217, 16777218};
    gru_case c;
    th_result res[2];
    memset(&c, 0, sizeof c);
    c.steps = 3, c.batch = 1, c.inputSize = 1, c.hidden = 1;
    c.layout = ZRN, c.resetAfter = 1, c.returnSequence = 1, c.activations = relu2;
    c.direction = FORWARD, c.w = w, c.r = r, c.rbias = rb;
    c.x = x16;
    run_gru(&c, F16, res);
    expect_values(&res[0], out16, 1, 0, "float16 output0");
    expect_values(&res[1], seq16, 3, 0, "float16 sequence");
    ck_assert(th_get(&res[1], 1) == 2048.0); /* 2049 rounded once, ties to even */
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    c.x = x32;
    run_gru(&c, F32, res);
    expect_values(&res[0], out32, 1, 0, "float32 output0");
    expect_values(&res[1], seq32, 3, 0, "float32 sequence");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
}
END_TEST

/* ---- option grid against the test's GRU ------------------------------------------------- */

START_TEST(gru_options_match_reference_formula)
{
    static const WNNRecurrentNetworkDirection directions[3] = {FORWARD, BACKWARD, BOTH};
    double x[3 * 2 * 3], w[2 * 6 * 3], r[2 * 6 * 2], b[2 * 6], rb[2 * 6], h0[2 * 2 * 2];
    int di, layout, resetAfter, opts;
    fill(x, 18, 1);
    fill(w, 36, 2);
    fill(r, 24, 3);
    fill(b, 12, 4);
    fill(rb, 12, 5);
    fill(h0, 8, 6);
    for (di = 0; di < 3; di++)
        for (layout = 0; layout < 2; layout++)
            for (resetAfter = 0; resetAfter < 2; resetAfter++)
                for (opts = 0; opts < 4; opts++) {
                    gru_case c;
                    memset(&c, 0, sizeof c);
                    c.steps = 3, c.batch = 2, c.inputSize = 3, c.hidden = 2;
                    c.direction = directions[di];
                    c.layout = layout ? RZN : ZRN;
                    c.resetAfter = resetAfter;
                    c.returnSequence = opts != 1;
                    c.x = x, c.w = w, c.r = r;
                    /* opts: 0 none, 1 bias only, 2 recurrentBias only, 3 all + initial state */
                    c.bias = (opts == 1 || opts == 3) ? b : NULL;
                    c.rbias = opts >= 2 ? rb : NULL;
                    c.h0 = opts == 3 ? h0 : NULL;
                    check_gru_case(&c, F32, 1);
                }
}
END_TEST

START_TEST(gru_every_activation_pair)
{
    static const WNNRecurrentNetworkActivation all[3] = {RELU, SIGMOID, TANH};
    double x[2 * 2 * 2], w[6 * 2], r[6 * 2], b[6], h0[2 * 2];
    int f, g;
    fill(x, 8, 11);
    fill(w, 12, 12);
    fill(r, 12, 13);
    fill(b, 6, 14);
    fill(h0, 4, 15);
    for (f = 0; f < 3; f++)
        for (g = 0; g < 3; g++) {
            WNNRecurrentNetworkActivation pair[2];
            gru_case c;
            th_result res[2];
            double want[MAXN], seq[MAXN];
            pair[0] = all[f];
            pair[1] = all[g];
            memset(&c, 0, sizeof c);
            c.steps = 2, c.batch = 2, c.inputSize = 2, c.hidden = 2;
            c.direction = FORWARD, c.layout = ZRN, c.resetAfter = 1, c.returnSequence = 1;
            c.activations = pair;
            c.x = x, c.w = w, c.r = r, c.bias = b, c.rbias = b, c.h0 = h0;
            check_gru_case(&c, F32, 1);
            /* gruCell: one step from h0 with the first input step. */
            c.steps = 1;
            oracle_gru(&c, want, seq);
            run_gru_cell(&c, F32, res);
            expect_values(&res[0], want, 4, 1, "gruCell activations");
            th_result_free(&res[0]);
        }
}
END_TEST

START_TEST(gru_cell_options_match_reference_formula)
{
    double x[2 * 3], w[6 * 3], r[6 * 2], b[6], rb[6], h[2 * 2];
    int layout, resetAfter, opts;
    fill(x, 6, 21);
    fill(w, 18, 22);
    fill(r, 12, 23);
    fill(b, 6, 24);
    fill(rb, 6, 25);
    fill(h, 4, 26);
    for (layout = 0; layout < 2; layout++)
        for (resetAfter = 0; resetAfter < 2; resetAfter++)
            for (opts = 0; opts < 4; opts++) {
                gru_case c;
                th_result res[1];
                double want[MAXN], seq[MAXN];
                memset(&c, 0, sizeof c);
                c.steps = 1, c.batch = 2, c.inputSize = 3, c.hidden = 2;
                c.direction = FORWARD;
                c.layout = layout ? RZN : ZRN;
                c.resetAfter = resetAfter;
                c.x = x, c.w = w, c.r = r, c.h0 = h;
                c.bias = (opts & 1) ? b : NULL;
                c.rbias = (opts & 2) ? rb : NULL;
                oracle_gru(&c, want, seq);
                run_gru_cell(&c, F32, res);
                expect_values(&res[0], want, 4, 1, "gruCell options");
                th_result_free(&res[0]);
            }
}
END_TEST

START_TEST(gru_float16)
{
    double x[3 * 2 * 3], w[2 * 6 * 3], r[2 * 6 * 2], b[2 * 6], h0[2 * 2 * 2];
    gru_case c;
    th_result res[1];
    double want[MAXN], seq[MAXN];
    fill(x, 18, 31);
    fill(w, 36, 32);
    fill(r, 24, 33);
    fill(b, 12, 34);
    fill(h0, 8, 35);
    memset(&c, 0, sizeof c);
    c.steps = 3, c.batch = 2, c.inputSize = 3, c.hidden = 2;
    c.direction = BOTH, c.layout = RZN, c.resetAfter = 0, c.returnSequence = 1;
    c.x = x, c.w = w, c.r = r, c.bias = b, c.rbias = b, c.h0 = h0;
    check_gru_case(&c, F16, 1);
    c.steps = 1, c.direction = FORWARD;
    oracle_gru(&c, want, seq);
    run_gru_cell(&c, F16, res);
    ck_assert_int_eq(res[0].type, F16);
    expect_values(&res[0], want, 4, 1, "gruCell float16");
    th_result_free(&res[0]);
}
END_TEST

START_TEST(gru_special_values)
{
    /* H = 1, I = 1, default activations (sigmoid, tanh), W = [1, 1, 1], R = 0, h = 0.5.
     *   x = +inf: z = r = 1, n = tanh(inf) = 1        -> h' = 0.5 + 1*0 = 0.5
     *   x = -inf: z = r = 0, n = tanh(-inf + 0) = -1  -> h' = 0 + (-1)*1 = -1
     *   x = NaN: NaN.  x = +-800: sigmoid saturates without overflow: 0.5 and -1. */
    static const double x[] = {DINF, -DINF, DNAN, 800, -800};
    static const double w[] = {1, 1, 1}, r[] = {0, 0, 0}, h[] = {0.5, 0.5, 0.5, 0.5, 0.5};
    static const double want[] = {0.5, -1, DNAN, 0.5, -1};
    gru_case c;
    th_result res[1];
    int type;
    memset(&c, 0, sizeof c);
    c.steps = 1, c.batch = 5, c.inputSize = 1, c.hidden = 1;
    c.layout = ZRN, c.resetAfter = 1, c.x = x, c.w = w, c.r = r, c.h0 = h;
    for (type = 0; type < 2; type++) {
        run_gru_cell(&c, type ? F16 : F32, res);
        expect_values(&res[0], want, 5, 0, "gruCell special values");
        th_result_free(&res[0]);
    }
    /* relu(-0) = +0 (relu is max(0, x)): I = 1, H = 1, relu for both, resetAfter false,
     * x = 0, W = [0, 0, -1], R = [0, 0, 1], h = -1, bias = recurrentBias = [0, 0, -0]:
     *   z = relu((0 + 0) + (0*0 + -1*0)) = relu(+0) = +0, r = +0 likewise,
     *   n = relu((-0 + -0) + (0*-1 + (0*-1)*1)) = relu(-0) = +0,
     *   h' = z*h + n*(1 - z) = -0 + +0 = +0 (it would be -0 if relu kept -0). */
    {
        static const WNNRecurrentNetworkActivation relu2[2] = {RELU, RELU};
        static const double x1[] = {0}, w1[] = {0, 0, -1}, r1[] = {0, 0, 1}, h1[] = {-1};
        static const double b1[] = {0, 0, -0.0};
        memset(&c, 0, sizeof c);
        c.steps = 1, c.batch = 1, c.inputSize = 1, c.hidden = 1;
        c.layout = ZRN, c.resetAfter = 0, c.activations = relu2;
        c.x = x1, c.w = w1, c.r = r1, c.h0 = h1, c.bias = b1, c.rbias = b1;
        run_gru_cell(&c, F32, res);
        ck_assert_msg(th_same(th_get(&res[0], 0), 0.0), "relu(-0): %g", th_get(&res[0], 0));
        th_result_free(&res[0]);
    }
}
END_TEST

START_TEST(gru_zero_size)
{
    static const double none[1] = {0};
    double x[2 * 1 * 3], w[6 * 3], r[6 * 2], b[6], h0[4];
    gru_case c;
    th_result res[2];
    fill(x, 6, 41);
    fill(w, 18, 42);
    fill(r, 12, 43);
    fill(b, 6, 44);
    fill(h0, 4, 45);
    /* batch 0: both outputs are empty. */
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 0, c.inputSize = 3, c.hidden = 2;
    c.direction = BOTH, c.layout = ZRN, c.resetAfter = 1, c.returnSequence = 1;
    c.x = none, c.w = w, c.r = r;
    {
        double w2[2 * 6 * 3], r2[2 * 6 * 2];
        fill(w2, 36, 46);
        fill(r2, 24, 47);
        c.w = w2, c.r = r2;
        run_gru(&c, F32, res);
        ck_assert_uint_eq(res[0].count, 0);
        ck_assert_uint_eq(res[1].count, 0);
        th_result_free(&res[0]);
        th_result_free(&res[1]);
    }
    /* hidden 0: weights [1, 0, I] and [1, 0, 0]; outputs [1, 1, 0] and [2, 1, 1, 0]. */
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 1, c.inputSize = 3, c.hidden = 0;
    c.direction = FORWARD, c.layout = ZRN, c.resetAfter = 1, c.returnSequence = 1;
    c.x = x, c.w = none, c.r = none, c.bias = none, c.rbias = none;
    run_gru(&c, F32, res);
    ck_assert_uint_eq(res[0].count, 0);
    ck_assert_uint_eq(res[1].count, 0);
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    /* inputSize 0: x·Wᵀ is an empty sum (0); the recurrence still runs on the biases. */
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 1, c.inputSize = 0, c.hidden = 2;
    c.direction = BACKWARD, c.layout = RZN, c.resetAfter = 0, c.returnSequence = 1;
    c.x = none, c.w = none, c.r = r, c.bias = b, c.rbias = b, c.h0 = h0;
    check_gru_case(&c, F32, 1);
    /* steps 0 (allowed for gru, see the notes): output0 is the initial state, exactly; the
     * sequence is empty. Without an initial state it is zeros. */
    memset(&c, 0, sizeof c);
    c.steps = 0, c.batch = 1, c.inputSize = 3, c.hidden = 2;
    c.direction = BOTH, c.layout = ZRN, c.resetAfter = 1, c.returnSequence = 1;
    {
        double w2[2 * 6 * 3], r2[2 * 6 * 2];
        static const double zeros[4] = {0, 0, 0, 0};
        fill(w2, 36, 48);
        fill(r2, 24, 49);
        c.x = none, c.w = w2, c.r = r2, c.h0 = h0;
        run_gru(&c, F32, res);
        expect_values(&res[0], h0, 4, 0, "steps 0 output0");
        ck_assert_uint_eq(res[1].count, 0);
        th_result_free(&res[0]);
        th_result_free(&res[1]);
        c.h0 = NULL;
        run_gru(&c, F32, res);
        expect_values(&res[0], zeros, 4, 0, "steps 0 output0 zeros");
        th_result_free(&res[0]);
        th_result_free(&res[1]);
    }
    /* gruCell with batch 0. */
    memset(&c, 0, sizeof c);
    c.steps = 1, c.batch = 0, c.inputSize = 3, c.hidden = 2;
    c.layout = ZRN, c.resetAfter = 1, c.x = none, c.w = w, c.r = r, c.h0 = none;
    run_gru_cell(&c, F32, res);
    ck_assert_uint_eq(res[0].count, 0);
    th_result_free(&res[0]);
}
END_TEST

/* ---- WPT cases ---------------------------------------------------------------------------- */

/* WPT gru: "gru float32 tensors steps=2 with options.bias, options.recurrentBias,
 * options.direction='both' and options.returnSequence=true" (tolerance 6 ULP). Options:
 * resetAfter true, returnSequence true, activations relu, relu, direction both. */
static const double wg_input[] = {1, 2, 2, 1, 1, 1, 3, 4, 1, 2, 1, 1};
static const double wg_weight[] = {
    1, -1, 2, -2, 0.5, -0.5, 0, 0.1, 1, -1, 2, -2, 0.5, -0.5, 0, 0.1, 1, -1, 2, -2, 0.5, -0.5,
    0, 0.1, 1, -1, 2, -2, 0.5, -0.5, 0, 0.1, 1, -1, 2, -2, 0.5, -0.5, 0, 0.1, 1, -1, 2, -2, 0.5,
    -0.5, 0, 0.1};
static const double wg_bias[] = {
    1, 2, 1, 2, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 1, 2, 1, 2, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5};
static const double wg_output1[] = {
    0, 0, -0.33243751525878906, -23.753076553344727, 0, 0, 0, -2.213315725326538,
    -1.1077498197555542, -12.323249816894531, -1.1077498197555542, -14.518925666809082, 0, 0,
    -0.28068751096725464, -25.444257736206055, -1.7041922807693481, -9.28022289276123,
    -1.4041223526000977, -21.154621124267578, -1.1077498197555542, -12.323249816894531,
    -1.1077498197555542, -14.518925666809082};
static const double wg_output2[] = {
    0, 0, -0.375, -5.7599992752075195, -6, -22.5, -3.375, -5.114999771118164, -1.5, -4.5, -1.5,
    -5.114999771118164, 0, 0, -0.28068751096725464, -25.444257736206055, -1.7041922807693481,
    -9.28022289276123, -1.4041223526000977, -21.154621124267578, -1.1077498197555542,
    -12.323249816894531, -1.1077498197555542, -14.518925666809082, 0, 0, -0.33243751525878906,
    -23.753076553344727, 0, 0, 0, -2.213315725326538, -1.1077498197555542, -12.323249816894531,
    -1.1077498197555542, -14.518925666809082, 0, 0, -0.375, -7.139999866485596, 0, 0, -0.375,
    -5.7599992752075195, -1.5, -4.5, -1.5, -5.114999771118164};

/* WPT gru_cell: "gruCell float32 tensors with all options" (tolerance 3 ULP). Options:
 * resetAfter false, layout zrn, activations relu, relu; hidden state zeros; the weights,
 * biases and recurrent weight (0.1 everywhere) are the first direction of the case above. */
static const double wgc_input[] = {1, 2, 2, 1, 1, 1};
static const double wgc_output[] = {0, 0, -0.25, -3.84, -4, -15, -2.25, -3.41, -1, -3, -1, -3.41};

START_TEST(gru_wpt_cases)
{
    static const WNNRecurrentNetworkActivation relu2[2] = {RELU, RELU};
    double rw[2 * 12 * 4], zeros[12];
    gru_case c;
    th_result res[2];
    size_t i;
    for (i = 0; i < 96; i++)
        rw[i] = 0.1;
    for (i = 0; i < 12; i++)
        zeros[i] = 0;
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 3, c.inputSize = 2, c.hidden = 4;
    c.direction = BOTH, c.layout = ZRN, c.resetAfter = 1, c.returnSequence = 1;
    c.activations = relu2;
    c.x = wg_input, c.w = wg_weight, c.r = rw, c.bias = wg_bias, c.rbias = wg_bias;
    run_gru(&c, F32, res);
    expect_values(&res[0], wg_output1, 24, 6, "WPT gru both output0");
    expect_values(&res[1], wg_output2, 48, 6, "WPT gru both sequence");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    memset(&c, 0, sizeof c);
    c.steps = 1, c.batch = 3, c.inputSize = 2, c.hidden = 4;
    c.layout = ZRN, c.resetAfter = 0, c.activations = relu2;
    c.x = wgc_input, c.w = wg_weight, c.r = rw, c.bias = wg_bias, c.rbias = wg_bias;
    c.h0 = zeros;
    run_gru_cell(&c, F32, res);
    expect_values(&res[0], wgc_output, 12, 3, "WPT gruCell all options");
    th_result_free(&res[0]);
}
END_TEST

/* ---- validation --------------------------------------------------------------------------- */

typedef struct venv {
    th_env env;
    th_env other;
    int names;
} venv;

/* A graph input of the given type and shape (no data: these graphs are never run). */
static WNNOperand vin(venv *v, WNNOperandDataType type, size_t rank, uint32_t d0, uint32_t d1,
                      uint32_t d2)
{
    WNNOperandDescriptor desc;
    uint32_t shape[3];
    char name[32];
    WNNOperand o = NULL;
    shape[0] = d0, shape[1] = d1, shape[2] = d2;
    desc.dataType = type;
    desc.shape = shape;
    desc.shapeCount = rank;
    snprintf(name, sizeof name, "v%d", v->names++);
    ck_assert_int_eq(wnnGraphBuilderInput(v->env.builder, name, &desc, &o), WNNStatus_Success);
    return o;
}

START_TEST(gru_validation_errors)
{
    venv v;
    WNNOperand x, w, r, b, h0, foreign, outs[2] = {NULL, NULL};
    WNNGruOptions o = WNN_GRU_OPTIONS_INIT;
    static const WNNRecurrentNetworkActivation three[3] = {RELU, RELU, RELU};
    static const WNNRecurrentNetworkActivation bad[2] = {RELU, (WNNRecurrentNetworkActivation)7};
    size_t count = 99;
    memset(&v, 0, sizeof v);
    th_init(&v.env);
    th_init(&v.other);
    /* A valid configuration: steps 2, batch 1, inputSize 3, hiddenSize 2. */
    x = vin(&v, F32, 3, 2, 1, 3);
    w = vin(&v, F32, 3, 1, 6, 3);
    r = vin(&v, F32, 3, 1, 6, 2);
    b = vin(&v, F32, 2, 1, 6, 0);
    h0 = vin(&v, F32, 3, 1, 1, 2);
    {
        WNNOperandDescriptor d;
        uint32_t s1[1] = {1};
        d.dataType = F32;
        d.shape = s1;
        d.shapeCount = 1;
        ck_assert_int_eq(wnnGraphBuilderInput(v.other.builder, "f", &d, &foreign),
                         WNNStatus_Success);
    }
#define GRU_FAILS(X, W, R, STEPS, H, OPTS, NEEDLE) \
    th_assert_status(&v.env, wnnGraphBuilderGru(v.env.builder, X, W, R, STEPS, H, OPTS, outs, \
                                                &count), \
                     WNNStatus_TypeError, NEEDLE)
    /* operands: NULL, another builder's (arguments and options) */
    GRU_FAILS(NULL, w, r, 2, 2, NULL, "gru: input is NULL");
    GRU_FAILS(x, foreign, r, 2, 2, NULL, "gru: weight was created by another builder");
    GRU_FAILS(x, w, NULL, 2, 2, NULL, "gru: recurrentWeight is NULL");
    o.bias = foreign;
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: options.bias was created by another builder");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    o.recurrentBias = foreign;
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: options.recurrentBias was created by another builder");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    o.initialHiddenState = foreign;
    GRU_FAILS(x, w, r, 2, 2, &o, "options.initialHiddenState was created by another builder");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    /* data types */
    GRU_FAILS(vin(&v, WNNOperandDataType_Int32, 3, 2, 1, 3), w, r, 2, 2, NULL,
              "gru: the data type of input must be one of float32, float16, got int32");
    GRU_FAILS(x, vin(&v, F16, 3, 1, 6, 3), r, 2, 2, NULL,
              "gru: the data type of weight must be the input's float32, got float16");
    GRU_FAILS(x, w, vin(&v, F16, 3, 1, 6, 2), 2, 2, NULL,
              "gru: the data type of recurrentWeight must be the input's float32, got float16");
    /* ranks */
    GRU_FAILS(vin(&v, F32, 2, 2, 3, 0), w, r, 2, 2, NULL,
              "gru: the rank of input must be 3, got 2");
    GRU_FAILS(x, vin(&v, F32, 2, 6, 3, 0), r, 2, 2, NULL,
              "gru: the rank of weight must be 3, got 2");
    GRU_FAILS(x, w, vin(&v, F32, 2, 6, 2, 0), 2, 2, NULL,
              "gru: the rank of recurrentWeight must be 3, got 2");
    /* steps */
    GRU_FAILS(x, w, r, 3, 2, NULL, "gru: input's shape[0] must equal steps 3, got 2");
    GRU_FAILS(x, w, r, 0, 2, NULL, "gru: input's shape[0] must equal steps 0, got 2");
    /* weight and recurrentWeight shapes (numDirections, 3 * hiddenSize, inputSize) */
    GRU_FAILS(x, vin(&v, F32, 3, 1, 6, 2), r, 2, 2, NULL,
              "gru: the shape of weight must be [1, 6, 3], got [1, 6, 2]");
    GRU_FAILS(x, w, r, 2, 3, NULL, "gru: the shape of weight must be [1, 9, 3], got [1, 6, 3]");
    o.direction = BOTH;
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: the shape of weight must be [2, 6, 3], got [1, 6, 3]");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    GRU_FAILS(x, w, vin(&v, F32, 3, 1, 6, 3), 2, 2, NULL,
              "gru: the shape of recurrentWeight must be [1, 6, 2], got [1, 6, 3]");
    /* 3 * hiddenSize beyond 32 bits cannot match any weight */
    GRU_FAILS(x, w, r, 2, 2000000000u, NULL,
              "gru: the shape of weight must be [1, 6000000000, 3], got [1, 6, 3]");
    /* hiddenSize * 6 > 2^31-1 cannot be reached: recurrentWeight [D, 3H, H] would need
     * 3H^2 <= 2^31-1 elements, so H <= 26754 and 6H is far below the bound. */
    /* bias, recurrentBias, initialHiddenState */
    o.bias = vin(&v, F16, 2, 1, 6, 0);
    GRU_FAILS(x, w, r, 2, 2, &o,
              "gru: the data type of options.bias must be the input's float32, got float16");
    o.bias = vin(&v, F32, 1, 6, 0, 0);
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: the shape of options.bias must be [1, 6], got [6]");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    o.recurrentBias = vin(&v, F16, 2, 1, 6, 0);
    GRU_FAILS(x, w, r, 2, 2, &o, "the data type of options.recurrentBias must be the input's");
    o.recurrentBias = vin(&v, F32, 2, 1, 5, 0);
    GRU_FAILS(x, w, r, 2, 2, &o,
              "gru: the shape of options.recurrentBias must be [1, 6], got [1, 5]");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    o.initialHiddenState = vin(&v, F16, 3, 1, 1, 2);
    GRU_FAILS(x, w, r, 2, 2, &o, "the data type of options.initialHiddenState must be");
    o.initialHiddenState = vin(&v, F32, 3, 1, 2, 2);
    GRU_FAILS(x, w, r, 2, 2, &o,
              "gru: the shape of options.initialHiddenState must be [1, 1, 2], got [1, 2, 2]");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    /* activations: exactly 2 when given (an empty list is given) */
    o.activations = three;
    o.activationsCount = 3;
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: options.activations must have 2 items, got 3");
    o.activationsCount = 1;
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: options.activations must have 2 items, got 1");
    o.activationsCount = 0;
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: options.activations must have 2 items, got 0");
    /* enums (the WebIDL binding's TypeError) */
    o.activations = bad;
    o.activationsCount = 2;
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: options.activations item is not a valid enum value, got 7");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    o.direction = (WNNRecurrentNetworkDirection)3;
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: options.direction is not a valid enum value, got 3");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    o.layout = (WNNGruWeightLayout)2;
    GRU_FAILS(x, w, r, 2, 2, &o, "gru: options.layout is not a valid enum value, got 2");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    /* the label names the call */
    o.label = "enc";
    GRU_FAILS(x, w, r, 3, 2, &o, "gru[enc]: input's shape[0]");
    o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    /* an output with more than 2^31-1 elements: the sequence [50000, 1, 50000, 1] */
    {
        WNNOperand bx = vin(&v, F32, 3, 50000, 50000, 0);
        WNNOperand bw = vin(&v, F32, 3, 1, 3, 0);
        WNNOperand br = vin(&v, F32, 3, 1, 3, 1);
        o.returnSequence = 1;
        GRU_FAILS(bx, bw, br, 50000, 1, &o, "gru: the output element count exceeds 2^31-1");
        o.returnSequence = 0;
        ck_assert_int_eq(wnnGraphBuilderGru(v.env.builder, bx, bw, br, 50000, 1, &o, outs,
                                            &count),
                         WNNStatus_Success);
        ck_assert_uint_eq(count, 1);
        o = (WNNGruOptions)WNN_GRU_OPTIONS_INIT;
    }
    /* failed calls leave the outputs and the count unchanged */
    outs[0] = outs[1] = NULL;
    count = 99;
    GRU_FAILS(x, w, r, 3, 2, NULL, "gru: ");
    ck_assert_ptr_null(outs[0]);
    ck_assert_uint_eq(count, 99);
    /* C-only: NULL builder or outputs */
    ck_assert_int_eq(wnnGraphBuilderGru(NULL, x, w, r, 2, 2, NULL, outs, &count),
                     WNNStatus_InvalidArgument);
    th_assert_status(&v.env, wnnGraphBuilderGru(v.env.builder, x, w, r, 2, 2, NULL, NULL, &count),
                     WNNStatus_InvalidArgument, "gru: the output pointer is NULL");
    /* all options valid, and a NULL count is allowed */
    o.bias = b;
    o.recurrentBias = b;
    o.initialHiddenState = h0;
    o.returnSequence = 1;
    ck_assert_int_eq(wnnGraphBuilderGru(v.env.builder, x, w, r, 2, 2, &o, outs, NULL),
                     WNNStatus_Success);
    /* after build: InvalidStateError */
    {
        WNNNamedOperand named;
        WNNGraph g = NULL;
        named.name = "o";
        named.operand = outs[0];
        ck_assert_int_eq(wnnGraphBuilderBuild(v.env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&v.env, wnnGraphBuilderGru(v.env.builder, x, w, r, 2, 2, NULL, outs,
                                                    &count),
                         WNNStatus_InvalidStateError, "gru: the builder has already built");
        wnnGraphRelease(g);
    }
#undef GRU_FAILS
    th_free(&v.env);
    th_free(&v.other);
}
END_TEST

START_TEST(gru_cell_validation_errors)
{
    venv v;
    WNNOperand x, w, r, h, foreign, out = NULL;
    WNNGruCellOptions o = WNN_GRU_CELL_OPTIONS_INIT;
    static const WNNRecurrentNetworkActivation one[1] = {RELU};
    memset(&v, 0, sizeof v);
    th_init(&v.env);
    th_init(&v.other);
    /* valid: batch 1, inputSize 3, hiddenSize 2 */
    x = vin(&v, F32, 2, 1, 3, 0);
    w = vin(&v, F32, 2, 6, 3, 0);
    r = vin(&v, F32, 2, 6, 2, 0);
    h = vin(&v, F32, 2, 1, 2, 0);
    {
        WNNOperandDescriptor d;
        uint32_t s1[1] = {6};
        d.dataType = F32;
        d.shape = s1;
        d.shapeCount = 1;
        ck_assert_int_eq(wnnGraphBuilderInput(v.other.builder, "f", &d, &foreign),
                         WNNStatus_Success);
    }
#define CELL_FAILS(X, W, R, HS, HSIZE, OPTS, NEEDLE) \
    th_assert_status(&v.env, \
                     wnnGraphBuilderGruCell(v.env.builder, X, W, R, HS, HSIZE, OPTS, &out), \
                     WNNStatus_TypeError, NEEDLE)
    CELL_FAILS(x, w, r, NULL, 2, NULL, "gruCell: hiddenState is NULL");
    CELL_FAILS(foreign, w, r, h, 2, NULL, "gruCell: input was created by another builder");
    o.bias = foreign;
    CELL_FAILS(x, w, r, h, 2, &o, "gruCell: options.bias was created by another builder");
    o = (WNNGruCellOptions)WNN_GRU_CELL_OPTIONS_INIT;
    o.recurrentBias = foreign;
    CELL_FAILS(x, w, r, h, 2, &o, "gruCell: options.recurrentBias was created by another");
    o = (WNNGruCellOptions)WNN_GRU_CELL_OPTIONS_INIT;
    CELL_FAILS(vin(&v, WNNOperandDataType_Uint8, 2, 1, 3, 0), w, r, h, 2, NULL,
               "gruCell: the data type of input must be one of float32, float16, got uint8");
    CELL_FAILS(x, vin(&v, F16, 2, 6, 3, 0), r, h, 2, NULL,
               "gruCell: the data type of weight must be the input's float32, got float16");
    CELL_FAILS(x, w, vin(&v, F16, 2, 6, 2, 0), h, 2, NULL,
               "gruCell: the data type of recurrentWeight must be");
    CELL_FAILS(x, w, r, vin(&v, F16, 2, 1, 2, 0), 2, NULL,
               "gruCell: the data type of hiddenState must be the input's float32, got float16");
    CELL_FAILS(vin(&v, F32, 3, 1, 1, 3), w, r, h, 2, NULL,
               "gruCell: the rank of input must be 2, got 3");
    CELL_FAILS(x, vin(&v, F32, 1, 18, 0, 0), r, h, 2, NULL,
               "gruCell: the rank of weight must be 2, got 1");
    CELL_FAILS(x, w, vin(&v, F32, 3, 1, 6, 2), h, 2, NULL,
               "gruCell: the rank of recurrentWeight must be 2, got 3");
    CELL_FAILS(x, w, r, vin(&v, F32, 1, 2, 0, 0), 2, NULL,
               "gruCell: the rank of hiddenState must be 2, got 1");
    CELL_FAILS(x, vin(&v, F32, 2, 6, 4, 0), r, h, 2, NULL,
               "gruCell: the shape of weight must be [6, 3], got [6, 4]");
    CELL_FAILS(x, w, r, h, 1, NULL, "gruCell: the shape of weight must be [3, 3], got [6, 3]");
    CELL_FAILS(x, w, vin(&v, F32, 2, 6, 1, 0), h, 2, NULL,
               "gruCell: the shape of recurrentWeight must be [6, 2], got [6, 1]");
    CELL_FAILS(x, w, r, vin(&v, F32, 2, 2, 2, 0), 2, NULL,
               "gruCell: the shape of hiddenState must be [1, 2], got [2, 2]");
    /* hiddenSize * 6 > 2^31-1 is unreachable here too (recurrentWeight holds 3H^2). */
    o.bias = vin(&v, F16, 1, 6, 0, 0);
    CELL_FAILS(x, w, r, h, 2, &o, "gruCell: the data type of options.bias must be");
    o.bias = vin(&v, F32, 2, 1, 6, 0);
    CELL_FAILS(x, w, r, h, 2, &o, "gruCell: the shape of options.bias must be [6], got [1, 6]");
    o = (WNNGruCellOptions)WNN_GRU_CELL_OPTIONS_INIT;
    o.recurrentBias = vin(&v, F16, 1, 6, 0, 0);
    CELL_FAILS(x, w, r, h, 2, &o, "gruCell: the data type of options.recurrentBias must be");
    o.recurrentBias = vin(&v, F32, 1, 7, 0, 0);
    CELL_FAILS(x, w, r, h, 2, &o,
               "gruCell: the shape of options.recurrentBias must be [6], got [7]");
    o = (WNNGruCellOptions)WNN_GRU_CELL_OPTIONS_INIT;
    o.activations = one;
    o.activationsCount = 1;
    CELL_FAILS(x, w, r, h, 2, &o, "gruCell: options.activations must have 2 items, got 1");
    o = (WNNGruCellOptions)WNN_GRU_CELL_OPTIONS_INIT;
    o.layout = (WNNGruWeightLayout)5;
    CELL_FAILS(x, w, r, h, 2, &o, "gruCell: options.layout is not a valid enum value, got 5");
    o = (WNNGruCellOptions)WNN_GRU_CELL_OPTIONS_INIT;
    o.label = "c1";
    CELL_FAILS(x, w, r, h, 3, &o, "gruCell[c1]: the shape of weight");
    ck_assert_ptr_null(out);
    ck_assert_int_eq(wnnGraphBuilderGruCell(NULL, x, w, r, h, 2, NULL, &out),
                     WNNStatus_InvalidArgument);
    th_assert_status(&v.env, wnnGraphBuilderGruCell(v.env.builder, x, w, r, h, 2, NULL, NULL),
                     WNNStatus_InvalidArgument, "gruCell: the output pointer is NULL");
    ck_assert_int_eq(wnnGraphBuilderGruCell(v.env.builder, x, w, r, h, 2, NULL, &out),
                     WNNStatus_Success);
    {
        WNNNamedOperand named;
        WNNGraph g = NULL;
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(v.env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&v.env, wnnGraphBuilderGruCell(v.env.builder, x, w, r, h, 2, NULL, &out),
                         WNNStatus_InvalidStateError, "gruCell: the builder has already built");
        wnnGraphRelease(g);
    }
#undef CELL_FAILS
    th_free(&v.env);
    th_free(&v.other);
}
END_TEST

static Suite *gru_suite(void)
{
    Suite *s = suite_create("gru");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, gru_cell_hand_checked);
    tcase_add_test(t, gru_time_alignment_hand_checked);
    tcase_add_test(t, gru_state_is_not_rounded_between_steps);
    tcase_add_test(t, gru_options_match_reference_formula);
    tcase_add_test(t, gru_every_activation_pair);
    tcase_add_test(t, gru_cell_options_match_reference_formula);
    tcase_add_test(t, gru_float16);
    tcase_add_test(t, gru_special_values);
    tcase_add_test(t, gru_zero_size);
    tcase_add_test(t, gru_wpt_cases);
    tcase_add_test(t, gru_validation_errors);
    tcase_add_test(t, gru_cell_validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(gru_suite)
