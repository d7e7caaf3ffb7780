/* tests/check_lstm.c - lstm and lstmCell.
 *
 * Expected values come from hand calculations (written out beside each case) and from a
 * plain LSTM written here over double arrays, independently of ops/lstm.c, following the
 * spec's formulas (the output gate's peephole reads the cell state given to the step, as
 * the spec's emulation does). Cases whose arithmetic is exact (relu activations, dyadic
 * values) must match bit for bit; cases with sigmoid/tanh may differ from the test's own
 * double evaluation by one unit in the last place of the output type. */
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
#define IOFG WNNLstmWeightLayout_Iofg
#define IFGO WNNLstmWeightLayout_Ifgo

/* The largest tensor any case here uses, in elements. */
/* NAN and INFINITY are float expressions; these are their double values. */
#define DNAN ((double)NAN)
#define DINF ((double)INFINITY)

#define MAXN 128

/* One lstm (or lstmCell, with steps = 1 and direction forward) configuration. */
typedef struct lstm_case {
    uint32_t steps, batch, inputSize, hidden;
    WNNRecurrentNetworkDirection direction;
    WNNLstmWeightLayout layout;
    int returnSequence;
    const WNNRecurrentNetworkActivation *activations; /* NULL: the default three */
    const double *x;     /* [steps, batch, inputSize] */
    const double *w;     /* [D, 4H, inputSize] */
    const double *r;     /* [D, 4H, H] */
    const double *bias;  /* [D, 4H] or NULL */
    const double *rbias; /* [D, 4H] or NULL */
    const double *peep;  /* [D, 3H] or NULL */
    const double *h0;    /* [D, batch, H] or NULL (lstmCell: the hidden state, required) */
    const double *c0;    /* [D, batch, H] or NULL (lstmCell: the cell state, required) */
} lstm_case;

static size_t dirs(const lstm_case *c)
{
    return c->direction == BOTH ? 2 : 1;
}

/* ---- the test's own LSTM ------------------------------------------------------------------ */

static double act(WNNRecurrentNetworkActivation a, double v)
{
    if (a == RELU)
        return v > 0 ? v : 0;
    if (a == SIGMOID)
        return 1 / (1 + exp(-v));
    return tanh(v);
}

enum { GATE_I, GATE_O, GATE_F, GATE_G };

/* The weight row of unit j of a gate under a layout. */
static size_t gate_row(WNNLstmWeightLayout layout, int gate, size_t H, size_t j)
{
    /* block of i, o, f, g: "iofg" 0 1 2 3; "ifgo" holds i, f, g, o. */
    static const size_t iofg[4] = {0, 1, 2, 3}, ifgo[4] = {0, 3, 1, 2};
    return (layout == IOFG ? iofg : ifgo)[gate] * H + j;
}

/* One step of direction d: h and c [batch][H] are replaced by the next states. */
static void oracle_step(const lstm_case *c, size_t d, const double *x, double *h, double *cs)
{
    size_t B = c->batch, I = c->inputSize, H = c->hidden, b, j, k;
    const WNNRecurrentNetworkActivation *a = c->activations;
    WNNRecurrentNetworkActivation fa = a ? a[0] : SIGMOID, ga = a ? a[1] : TANH;
    WNNRecurrentNetworkActivation ha = a ? a[2] : TANH;
    double hn[MAXN], cn[MAXN];
    for (b = 0; b < B; b++)
        for (j = 0; j < H; j++) {
            double v[4], cPrev = cs[b * H + j], cNew;
            int gate;
            for (gate = 0; gate < 4; gate++) {
                size_t row = gate_row(c->layout, gate, H, j);
                double s = 0;
                for (k = 0; k < I; k++)
                    s += x[b * I + k] * c->w[(d * 4 * H + row) * I + k];
                for (k = 0; k < H; k++)
                    s += h[b * H + k] * c->r[(d * 4 * H + row) * H + k];
                if (c->bias)
                    s += c->bias[d * 4 * H + row];
                if (c->rbias)
                    s += c->rbias[d * 4 * H + row];
                /* peepholes packed i, o, f; all three read the previous cell state */
                if (c->peep && gate != GATE_G)
                    s += c->peep[d * 3 * H + (size_t)gate * H + j] * cPrev;
                v[gate] = act(gate == GATE_G ? ga : fa, s);
            }
            cNew = v[GATE_F] * cPrev + v[GATE_I] * v[GATE_G];
            cn[b * H + j] = cNew;
            hn[b * H + j] = v[GATE_O] * act(ha, cNew);
        }
    memcpy(h, hn, B * H * sizeof(double));
    memcpy(cs, cn, B * H * sizeof(double));
}

/* outH, outC [D, batch, H], seq [steps, D, batch, H]. */
static void oracle_lstm(const lstm_case *c, double *outH, double *outC, double *seq)
{
    size_t D = dirs(c), B = c->batch, H = c->hidden, I = c->inputSize, d, s, i;
    for (d = 0; d < D; d++) {
        double h[MAXN], cs[MAXN];
        for (i = 0; i < B * H; i++) {
            h[i] = c->h0 ? c->h0[d * B * H + i] : 0;
            cs[i] = c->c0 ? c->c0[d * B * H + i] : 0;
        }
        for (s = 0; s < c->steps; s++) {
            size_t t = (c->direction == BACKWARD || d == 1) ? c->steps - 1 - s : s;
            oracle_step(c, d, c->x + t * B * I, h, cs);
            for (i = 0; i < B * H; i++)
                seq[(t * D + d) * B * H + i] = h[i];
        }
        for (i = 0; i < B * H; i++) {
            outH[d * B * H + i] = h[i];
            outC[d * B * H + i] = cs[i];
        }
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
    unsigned char data[8][MAXN * 4];
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

/* Build and run lstm; res receives 2 or 3 outputs (shapes checked). */
static void run_lstm(const lstm_case *c, WNNOperandDataType type, th_result *res)
{
    th_env env;
    packed p;
    WNNOperand x, w, r, outs[3] = {NULL, NULL, NULL};
    WNNLstmOptions o = WNN_LSTM_OPTIONS_INIT;
    uint32_t D = (uint32_t)dirs(c), H = c->hidden, B = c->batch, I = c->inputSize;
    uint32_t sx[3], sw[3], sr[3], sb[2], sp[2], sh[3];
    size_t count = 0;
    WNNStatus s;
    sx[0] = c->steps, sx[1] = B, sx[2] = I;
    sw[0] = D, sw[1] = 4 * H, sw[2] = I;
    sr[0] = D, sr[1] = 4 * H, sr[2] = H;
    sb[0] = D, sb[1] = 4 * H;
    sp[0] = D, sp[1] = 3 * H;
    sh[0] = D, sh[1] = B, sh[2] = H;
    th_init(&env);
    x = pack_input(&env, &p, 0, type, c->x, sx, 3);
    w = pack_input(&env, &p, 1, type, c->w, sw, 3);
    r = pack_input(&env, &p, 2, type, c->r, sr, 3);
    if (c->bias)
        o.bias = pack_input(&env, &p, 3, type, c->bias, sb, 2);
    if (c->rbias)
        o.recurrentBias = pack_input(&env, &p, 4, type, c->rbias, sb, 2);
    if (c->peep)
        o.peepholeWeight = pack_input(&env, &p, 5, type, c->peep, sp, 2);
    if (c->h0)
        o.initialHiddenState = pack_input(&env, &p, 6, type, c->h0, sh, 3);
    if (c->c0)
        o.initialCellState = pack_input(&env, &p, 7, type, c->c0, sh, 3);
    o.returnSequence = (WNNBool)c->returnSequence;
    o.direction = c->direction;
    o.layout = c->layout;
    if (c->activations) {
        o.activations = c->activations;
        o.activationsCount = 3;
    }
    s = wnnGraphBuilderLstm(env.builder, x, w, r, c->steps, H, &o, outs, &count);
    ck_assert_msg(s == WNNStatus_Success, "lstm: %s",
                  wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_uint_eq(count, c->returnSequence ? 3 : 2);
    ck_assert_int_eq(wnnOperandGetDataType(outs[0]), type);
    ck_assert_int_eq(wnnOperandGetDataType(outs[1]), type);
    expect_shape(outs[0], 3, D, B, H, 0);
    expect_shape(outs[1], 3, D, B, H, 0);
    if (c->returnSequence)
        expect_shape(outs[2], 4, c->steps, D, B, H);
    else
        ck_assert_ptr_null(outs[2]);
    ck_assert_int_eq(th_run(&env, count, outs, res), WNNStatus_Success);
    th_free(&env);
}

/* Build and run lstmCell with c->h0 and c->c0 as the states ([batch, H]). */
static void run_lstm_cell(const lstm_case *c, WNNOperandDataType type, th_result *res)
{
    th_env env;
    packed p;
    WNNOperand x, w, r, h, cs, outs[2];
    WNNLstmCellOptions o = WNN_LSTM_CELL_OPTIONS_INIT;
    uint32_t H = c->hidden, B = c->batch, I = c->inputSize;
    uint32_t sx[2], sw[2], sr[2], sb[1], sp[1], sh[2];
    WNNStatus s;
    sx[0] = B, sx[1] = I;
    sw[0] = 4 * H, sw[1] = I;
    sr[0] = 4 * H, sr[1] = H;
    sb[0] = 4 * H;
    sp[0] = 3 * H;
    sh[0] = B, sh[1] = H;
    th_init(&env);
    x = pack_input(&env, &p, 0, type, c->x, sx, 2);
    w = pack_input(&env, &p, 1, type, c->w, sw, 2);
    r = pack_input(&env, &p, 2, type, c->r, sr, 2);
    h = pack_input(&env, &p, 6, type, c->h0, sh, 2);
    cs = pack_input(&env, &p, 7, type, c->c0, sh, 2);
    if (c->bias)
        o.bias = pack_input(&env, &p, 3, type, c->bias, sb, 1);
    if (c->rbias)
        o.recurrentBias = pack_input(&env, &p, 4, type, c->rbias, sb, 1);
    if (c->peep)
        o.peepholeWeight = pack_input(&env, &p, 5, type, c->peep, sp, 1);
    o.layout = c->layout;
    if (c->activations) {
        o.activations = c->activations;
        o.activationsCount = 3;
    }
    s = wnnGraphBuilderLstmCell(env.builder, x, w, r, h, cs, H, &o, outs);
    ck_assert_msg(s == WNNStatus_Success, "lstmCell: %s",
                  wnnGraphBuilderGetErrorMessage(env.builder));
    expect_shape(outs[0], 2, B, H, 0, 0);
    expect_shape(outs[1], 2, B, H, 0, 0);
    ck_assert_int_eq(th_run(&env, 2, outs, res), WNNStatus_Success);
    th_free(&env);
}

/* Run lstm and compare every output with the test's LSTM. */
static void check_lstm_case(const lstm_case *c, WNNOperandDataType type, double ulps)
{
    double outH[MAXN], outC[MAXN], seq[MAXN];
    th_result res[3];
    char what[160];
    size_t n = dirs(c) * c->batch * c->hidden;
    oracle_lstm(c, outH, outC, seq);
    run_lstm(c, type, res);
    snprintf(what, sizeof what, "lstm dir %d layout %d bias %d peep %d",
             (int)c->direction, (int)c->layout, c->bias != NULL, c->peep != NULL);
    expect_values(&res[0], outH, n, ulps, what);
    expect_values(&res[1], outC, n, ulps, what);
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    if (c->returnSequence) {
        expect_values(&res[2], seq, c->steps * n, ulps, what);
        th_result_free(&res[2]);
    }
}

/* lstmCell against one step of the test's LSTM. */
static void check_lstm_cell_case(const lstm_case *c, WNNOperandDataType type, double ulps)
{
    double outH[MAXN], outC[MAXN], seq[MAXN];
    th_result res[2];
    lstm_case one = *c;
    one.steps = 1;
    one.direction = FORWARD;
    oracle_lstm(&one, outH, outC, seq);
    run_lstm_cell(&one, type, res);
    expect_values(&res[0], outH, c->batch * c->hidden, ulps, "lstmCell hidden state");
    expect_values(&res[1], outC, c->batch * c->hidden, ulps, "lstmCell cell state");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
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

START_TEST(lstm_cell_hand_checked)
{
    /* H = 1, I = 1, relu for all three, x = 1, h = 1, c = 2.
     * iofg rows: W = [i 1, o 0.5, f 0.25, g 2], R = [i 0.5, o 0, f 0, g 1],
     * bias = [0.25, 0, 0, -1], recurrentBias = [0, 0.5, 0, 0], peephole (i, o, f) =
     * [0.5, 0.5, 1]:
     *   i = relu(2*0.5 + ((0.25 + 0) + (1*1 + 1*0.5)))    = 2.75
     *   f = relu(2*1 + ((0 + 0) + (1*0.25 + 0)))          = 2.25
     *   g = relu((-1 + 0) + (1*2 + 1*1))                  = 2
     *   o = relu(2*0.5 + ((0 + 0.5) + (1*0.5 + 0)))       = 2   (previous cell state 2)
     *   c' = 2.25*2 + 2.75*2 = 10,  h' = 2 * relu(10) = 20
     * (with the new cell state in the output peephole, as ONNX does, o would be 6 and
     * h' 60.) ifgo holds the same rows in the order i, f, g, o; the peephole order stays
     * i, o, f. */
    static const WNNRecurrentNetworkActivation relu3[3] = {RELU, RELU, RELU};
    static const double x[] = {1}, h[] = {1}, cs[] = {2}, peep[] = {0.5, 0.5, 1};
    static const double wIofg[] = {1, 0.5, 0.25, 2}, rIofg[] = {0.5, 0, 0, 1};
    static const double bIofg[] = {0.25, 0, 0, -1}, rbIofg[] = {0, 0.5, 0, 0};
    static const double wIfgo[] = {1, 0.25, 2, 0.5}, rIfgo[] = {0.5, 0, 1, 0};
    static const double bIfgo[] = {0.25, 0, -1, 0}, rbIfgo[] = {0, 0, 0, 0.5};
    static const double wantH[] = {20}, wantC[] = {10};
    int layout;
    for (layout = 0; layout < 2; layout++) {
        lstm_case c;
        th_result res[3];
        memset(&c, 0, sizeof c);
        c.steps = 1, c.batch = 1, c.inputSize = 1, c.hidden = 1;
        c.layout = layout ? IFGO : IOFG;
        c.activations = relu3;
        c.x = x, c.h0 = h, c.c0 = cs, c.peep = peep;
        c.w = layout ? wIfgo : wIofg;
        c.r = layout ? rIfgo : rIofg;
        c.bias = layout ? bIfgo : bIofg;
        c.rbias = layout ? rbIfgo : rbIofg;
        run_lstm_cell(&c, F32, res);
        expect_values(&res[0], wantH, 1, 0, "lstmCell hand h");
        expect_values(&res[1], wantC, 1, 0, "lstmCell hand c");
        th_result_free(&res[0]);
        th_result_free(&res[1]);
        /* lstm with one step from the same initial states agrees. */
        run_lstm(&c, F32, res);
        expect_values(&res[0], wantH, 1, 0, "lstm hand h");
        expect_values(&res[1], wantC, 1, 0, "lstm hand c");
        th_result_free(&res[0]);
        th_result_free(&res[1]);
        /* and so does the test's own LSTM */
        {
            double oh[1], oc[1], sq[1];
            oracle_lstm(&c, oh, oc, sq);
            ck_assert(oh[0] == 20 && oc[0] == 10);
        }
    }
}
END_TEST

START_TEST(lstm_time_alignment_hand_checked)
{
    /* H = 1, I = 1, relu for all three. W = [i 0, o 0, f 0, g 1], R = 0, recurrentBias
     * [1, 1, 1, 0]: i = o = f = relu(1) = 1, g = relu(x) = x, c' = c + x, h' = relu(c').
     * x = [1, 10]; initial cell state 100 (forward direction) and 1000 (backward).
     *   forward:  t=0: 101, t=1: 111                      -> h = c = 111
     *   backward: t=1 first: 1010, then t=0: 1011         -> h = c = 1011
     * The backward sequence is stored at the input time index: seq[0] = 1011, seq[1] = 1010. */
    static const WNNRecurrentNetworkActivation relu3[3] = {RELU, RELU, RELU};
    static const double x[] = {1, 10};
    static const double w[] = {0, 0, 0, 1, 0, 0, 0, 1}, r[] = {0, 0, 0, 0, 0, 0, 0, 0};
    static const double rb[] = {1, 1, 1, 0, 1, 1, 1, 0};
    static const double c0Both[] = {100, 1000}, c0Fwd[] = {100}, c0Bwd[] = {1000};
    static const double outBoth[] = {111, 1011}, seqBoth[] = {101, 1011, 111, 1010};
    static const double outFwd[] = {111}, seqFwd[] = {101, 111};
    static const double outBwd[] = {1011}, seqBwd[] = {1011, 1010};
    lstm_case c;
    th_result res[3];
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 1, c.inputSize = 1, c.hidden = 1;
    c.layout = IOFG, c.returnSequence = 1, c.activations = relu3;
    c.x = x, c.w = w, c.r = r, c.rbias = rb;
    c.direction = BOTH, c.c0 = c0Both;
    run_lstm(&c, F32, res);
    expect_values(&res[0], outBoth, 2, 0, "both hidden");
    expect_values(&res[1], outBoth, 2, 0, "both cell");
    expect_values(&res[2], seqBoth, 4, 0, "both sequence [t][d]");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    th_result_free(&res[2]);
    c.direction = FORWARD, c.c0 = c0Fwd;
    run_lstm(&c, F32, res);
    expect_values(&res[0], outFwd, 1, 0, "forward hidden");
    expect_values(&res[2], seqFwd, 2, 0, "forward sequence");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    th_result_free(&res[2]);
    c.direction = BACKWARD, c.c0 = c0Bwd;
    run_lstm(&c, F32, res);
    expect_values(&res[0], outBwd, 1, 0, "backward hidden");
    expect_values(&res[1], outBwd, 1, 0, "backward cell");
    expect_values(&res[2], seqBwd, 2, 0, "backward sequence");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    th_result_free(&res[2]);
    c.returnSequence = 0;
    run_lstm(&c, F32, res);
    expect_values(&res[0], outBwd, 1, 0, "backward hidden alone");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
}
END_TEST

START_TEST(lstm_state_is_not_rounded_between_steps)
{
    /* The same adding network: c_t = c_{t-1} + x_t, h = c. float16, x = [2048, 1, 1]:
     * exactly 2048, 2049, 2050; rounded once per output: sequence [2048, 2048, 2050], final
     * 2050 (rounding after every step would stay at 2048). float32 with 2^24 likewise. */
    static const WNNRecurrentNetworkActivation relu3[3] = {RELU, RELU, RELU};
    static const double x16[] = {2048, 1, 1}, x32[] = {16777216, 1, 1};
    static const double w[] = {0, 0, 0, 1}, r[] = {0, 0, 0, 0}, rb[] = {1, 1, 1, 0};
    static const double out16[] = {2050}, seq16[] = {2048, 2049, 2050};
    static const double out32[] = {16777218}, seq32[] = {16777216, 16777217, 16777218};
    lstm_case c;
    th_result res[3];
    memset(&c, 0, sizeof c);
    c.steps = 3, c.batch = 1, c.inputSize = 1, c.hidden = 1;
    c.layout = IOFG, c.returnSequence = 1, c.activations = relu3;
    c.direction = FORWARD, c.w = w, c.r = r, c.rbias = rb;
    c.x = x16;
    run_lstm(&c, F16, res);
    expect_values(&res[0], out16, 1, 0, "float16 hidden");
    expect_values(&res[1], out16, 1, 0, "float16 cell");
    expect_values(&res[2], seq16, 3, 0, "float16 sequence");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    th_result_free(&res[2]);
    c.x = x32;
    run_lstm(&c, F32, res);
    expect_values(&res[0], out32, 1, 0, "float32 hidden");
    expect_values(&res[1], out32, 1, 0, "float32 cell");
    expect_values(&res[2], seq32, 3, 0, "float32 sequence");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    th_result_free(&res[2]);
}
END_TEST

/* ---- option grid against the test's LSTM ------------------------------------------------ */

START_TEST(lstm_options_match_reference_formula)
{
    static const WNNRecurrentNetworkDirection directions[3] = {FORWARD, BACKWARD, BOTH};
    double x[3 * 2 * 3], w[2 * 8 * 3], r[2 * 8 * 2], b[2 * 8], rb[2 * 8], p[2 * 6];
    double h0[2 * 2 * 2], c0[2 * 2 * 2];
    int di, layout, opts;
    fill(x, 18, 1);
    fill(w, 48, 2);
    fill(r, 32, 3);
    fill(b, 16, 4);
    fill(rb, 16, 5);
    fill(p, 12, 6);
    fill(h0, 8, 7);
    fill(c0, 8, 8);
    for (di = 0; di < 3; di++)
        for (layout = 0; layout < 2; layout++)
            for (opts = 0; opts < 6; opts++) {
                lstm_case c;
                memset(&c, 0, sizeof c);
                c.steps = 3, c.batch = 2, c.inputSize = 3, c.hidden = 2;
                c.direction = directions[di];
                c.layout = layout ? IFGO : IOFG;
                c.returnSequence = opts != 1;
                c.x = x, c.w = w, c.r = r;
                /* opts: 0 none, 1 bias, 2 recurrentBias, 3 peephole, 4 both states,
                 * 5 everything */
                c.bias = (opts == 1 || opts == 5) ? b : NULL;
                c.rbias = (opts == 2 || opts == 5) ? rb : NULL;
                c.peep = (opts == 3 || opts == 5) ? p : NULL;
                c.h0 = opts >= 4 ? h0 : NULL;
                c.c0 = opts >= 4 ? c0 : NULL;
                check_lstm_case(&c, F32, 1);
                if (opts >= 4)
                    check_lstm_cell_case(&c, F32, 1);
            }
}
END_TEST

START_TEST(lstm_every_activation)
{
    static const WNNRecurrentNetworkActivation all[3] = {RELU, SIGMOID, TANH};
    double x[2 * 2 * 2], w[8 * 2], r[8 * 2], b[8], p[6], h0[2 * 2], c0[2 * 2];
    int f, g, h;
    fill(x, 8, 11);
    fill(w, 16, 12);
    fill(r, 16, 13);
    fill(b, 8, 14);
    fill(p, 6, 15);
    fill(h0, 4, 16);
    fill(c0, 4, 17);
    for (f = 0; f < 3; f++)
        for (g = 0; g < 3; g++)
            for (h = 0; h < 3; h++) {
                WNNRecurrentNetworkActivation three[3];
                lstm_case c;
                three[0] = all[f];
                three[1] = all[g];
                three[2] = all[h];
                memset(&c, 0, sizeof c);
                c.steps = 2, c.batch = 2, c.inputSize = 2, c.hidden = 2;
                c.direction = FORWARD, c.layout = IOFG, c.returnSequence = 1;
                c.activations = three;
                c.x = x, c.w = w, c.r = r, c.bias = b, c.rbias = b, c.peep = p;
                c.h0 = h0, c.c0 = c0;
                check_lstm_case(&c, F32, 1);
                check_lstm_cell_case(&c, F32, 1);
            }
}
END_TEST

START_TEST(lstm_float16)
{
    double x[3 * 2 * 3], w[2 * 8 * 3], r[2 * 8 * 2], b[2 * 8], p[2 * 6];
    double h0[2 * 2 * 2], c0[2 * 2 * 2];
    lstm_case c;
    fill(x, 18, 31);
    fill(w, 48, 32);
    fill(r, 32, 33);
    fill(b, 16, 34);
    fill(p, 12, 35);
    fill(h0, 8, 36);
    fill(c0, 8, 37);
    memset(&c, 0, sizeof c);
    c.steps = 3, c.batch = 2, c.inputSize = 3, c.hidden = 2;
    c.direction = BOTH, c.layout = IFGO, c.returnSequence = 1;
    c.x = x, c.w = w, c.r = r, c.bias = b, c.rbias = b, c.peep = p, c.h0 = h0, c.c0 = c0;
    check_lstm_case(&c, F16, 1);
    check_lstm_cell_case(&c, F16, 1);
}
END_TEST

START_TEST(lstm_special_values)
{
    /* H = 1, I = 1, default activations, W = [1, 1, 1, 1], R = 0, h = 0, no peephole.
     *   x = +inf, c = 0.5: i = o = f = 1, g = 1: c' = 1.5, h' = tanh(1.5)
     *   x = -inf, c = 0.5: i = o = f = 0, g = -1: c' = 0*0.5 + 0*-1 = 0, h' = 0*tanh(0) = 0
     *   x = NaN: NaN.
     *   x = 0, c = +inf: a missing peephole is a zero weight, as in the spec's emulation
     *   (cellState * 0): inf * 0 = NaN reaches every gate with a peephole: NaN. */
    static const double x[] = {DINF, -DINF, DNAN, 0};
    static const double w[] = {1, 1, 1, 1}, r[] = {0, 0, 0, 0};
    static const double h[] = {0, 0, 0, 0}, cs[] = {0.5, 0.5, 0.5, DINF};
    double wantH[4], wantC[4] = {1.5, 0, DNAN, DNAN};
    lstm_case c;
    th_result res[2];
    int type;
    wantH[0] = tanh(1.5);
    wantH[1] = 0;
    wantH[2] = DNAN;
    wantH[3] = DNAN;
    memset(&c, 0, sizeof c);
    c.steps = 1, c.batch = 4, c.inputSize = 1, c.hidden = 1;
    c.layout = IOFG, c.x = x, c.w = w, c.r = r, c.h0 = h, c.c0 = cs;
    for (type = 0; type < 2; type++) {
        run_lstm_cell(&c, type ? F16 : F32, res);
        expect_values(&res[0], wantH, 4, 1, "lstmCell special h");
        expect_values(&res[1], wantC, 4, 0, "lstmCell special c");
        th_result_free(&res[0]);
        th_result_free(&res[1]);
    }
}
END_TEST

START_TEST(lstm_zero_size)
{
    static const double none[1] = {0};
    double x[2 * 1 * 3], w[2 * 8 * 3], r[2 * 8 * 2], b[2 * 8], h0[4], c0[4];
    lstm_case c;
    th_result res[3];
    fill(x, 6, 41);
    fill(w, 48, 42);
    fill(r, 32, 43);
    fill(b, 16, 44);
    fill(h0, 4, 45);
    fill(c0, 4, 46);
    /* batch 0: every output is empty. */
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 0, c.inputSize = 3, c.hidden = 2;
    c.direction = BOTH, c.layout = IOFG, c.returnSequence = 1;
    c.x = none, c.w = w, c.r = r;
    run_lstm(&c, F32, res);
    ck_assert_uint_eq(res[0].count, 0);
    ck_assert_uint_eq(res[1].count, 0);
    ck_assert_uint_eq(res[2].count, 0);
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    th_result_free(&res[2]);
    /* hidden 0 */
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 1, c.inputSize = 3, c.hidden = 0;
    c.direction = FORWARD, c.layout = IFGO, c.returnSequence = 1;
    c.x = x, c.w = none, c.r = none, c.bias = none, c.peep = none;
    run_lstm(&c, F32, res);
    ck_assert_uint_eq(res[0].count, 0);
    ck_assert_uint_eq(res[1].count, 0);
    ck_assert_uint_eq(res[2].count, 0);
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    th_result_free(&res[2]);
    /* inputSize 0: x·Wᵀ is an empty sum (0); the recurrence runs on biases and states. */
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 1, c.inputSize = 0, c.hidden = 2;
    c.direction = BACKWARD, c.layout = IOFG, c.returnSequence = 1;
    c.x = none, c.w = none, c.r = r, c.bias = b, c.h0 = h0, c.c0 = c0;
    check_lstm_case(&c, F32, 1);
    check_lstm_cell_case(&c, F32, 1);
    /* lstmCell with batch 0 */
    memset(&c, 0, sizeof c);
    c.steps = 1, c.batch = 0, c.inputSize = 3, c.hidden = 2;
    c.layout = IOFG, c.x = none, c.w = w, c.r = r, c.h0 = none, c.c0 = none;
    run_lstm_cell(&c, F32, res);
    ck_assert_uint_eq(res[0].count, 0);
    ck_assert_uint_eq(res[1].count, 0);
    th_result_free(&res[0]);
    th_result_free(&res[1]);
}
END_TEST

/* ---- WPT cases ---------------------------------------------------------------------------- */

/* WPT lstm: "lstm float32 tensors steps=2 with bidirections" (tolerance 3 ULP). Options:
 * bias, recurrentBias, returnSequence true, direction both, layout iofg; recurrentWeight 0.1
 * everywhere; default activations. */
static const double wl_input[] = {1, 2, 2, 1, 3, 4, 1, 2};
static const double wl_weight[] = {
    1, -1, 2, -2, 1, -1, 2, -2, 1, -1, 2, -2, 1, -1, 2, -2, 1, -1, 2, -2, 1, -1, 2, -2, 1, -1,
    2, -2, 1, -1, 2, -2};
static const double wl_bias[] = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2};
static const double wl_output1[] = {
    0.5764073133468628, 0.8236227035522461, 0.6612355709075928, 0.8442635536193848,
    0.5764073133468628, 0.8236227035522461, 0.8635294437408447, 0.9491351246833801};
static const double wl_output2[] = {
    1.0171456336975098, 1.6205494403839111, 1.3388464450836182, 1.7642604112625122,
    1.0171456336975098, 1.6205494403839111, 1.4856269359588623, 1.8449554443359375};
static const double wl_output3[] = {
    0.3696063756942749, 0.6082833409309387, 0.7037754058837891, 0.7586681246757507,
    0.5764073133468628, 0.8236227035522461, 0.8635294437408447, 0.9491351246833801,
    0.5764073133468628, 0.8236227035522461, 0.6612355709075928, 0.8442635536193848,
    0.3696063756942749, 0.6082833409309387, 0.3696063756942749, 0.6082833409309387};
/* WPT lstm: "lstm float16 tensors steps=1 with options.bias, options.recurrentBias" and
 * lstm_cell: "lstmCell float32 tensors with all options" (peephole zeros, zero states):
 * first direction of the data above, activations relu, relu, relu. */
static const double wlh_output1[] = {1, 8, 27, 216};
static const double wlh_output2[] = {1, 4, 9, 36};

START_TEST(lstm_wpt_cases)
{
    static const WNNRecurrentNetworkActivation relu3[3] = {RELU, RELU, RELU};
    static const double zeros[6] = {0, 0, 0, 0, 0, 0};
    double rw[32];
    lstm_case c;
    th_result res[3];
    size_t i;
    for (i = 0; i < 32; i++)
        rw[i] = 0.1;
    memset(&c, 0, sizeof c);
    c.steps = 2, c.batch = 2, c.inputSize = 2, c.hidden = 2;
    c.direction = BOTH, c.layout = IOFG, c.returnSequence = 1;
    c.x = wl_input, c.w = wl_weight, c.r = rw, c.bias = wl_bias, c.rbias = wl_bias;
    run_lstm(&c, F32, res);
    expect_values(&res[0], wl_output1, 8, 3, "WPT lstm both hidden");
    expect_values(&res[1], wl_output2, 8, 3, "WPT lstm both cell");
    expect_values(&res[2], wl_output3, 16, 3, "WPT lstm both sequence");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    th_result_free(&res[2]);
    /* float16, one step, relu */
    memset(&c, 0, sizeof c);
    c.steps = 1, c.batch = 2, c.inputSize = 2, c.hidden = 2;
    c.direction = FORWARD, c.layout = IOFG, c.returnSequence = 0, c.activations = relu3;
    c.x = wl_input, c.w = wl_weight, c.r = rw, c.bias = wl_bias, c.rbias = wl_bias;
    run_lstm(&c, F16, res);
    expect_values(&res[0], wlh_output1, 4, 3, "WPT lstm float16 hidden");
    expect_values(&res[1], wlh_output2, 4, 3, "WPT lstm float16 cell");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
    /* lstmCell, all options */
    c.peep = zeros, c.h0 = zeros, c.c0 = zeros;
    run_lstm_cell(&c, F32, res);
    expect_values(&res[0], wlh_output1, 4, 1, "WPT lstmCell hidden");
    expect_values(&res[1], wlh_output2, 4, 1, "WPT lstmCell cell");
    th_result_free(&res[0]);
    th_result_free(&res[1]);
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

static WNNOperand foreign_operand(venv *v)
{
    WNNOperandDescriptor d;
    uint32_t s1[1] = {1};
    WNNOperand o = NULL;
    d.dataType = F32;
    d.shape = s1;
    d.shapeCount = 1;
    ck_assert_int_eq(wnnGraphBuilderInput(v->other.builder, "f", &d, &o), WNNStatus_Success);
    return o;
}

START_TEST(lstm_validation_errors)
{
    venv v;
    WNNOperand x, w, r, b, p, h0, foreign, outs[3] = {NULL, NULL, NULL};
    WNNLstmOptions o = WNN_LSTM_OPTIONS_INIT;
    static const WNNRecurrentNetworkActivation two[2] = {RELU, RELU};
    static const WNNRecurrentNetworkActivation bad[3] = {RELU, RELU,
                                                         (WNNRecurrentNetworkActivation)3};
    size_t count = 99;
    memset(&v, 0, sizeof v);
    th_init(&v.env);
    th_init(&v.other);
    /* valid: steps 2, batch 1, inputSize 3, hiddenSize 2 */
    x = vin(&v, F32, 3, 2, 1, 3);
    w = vin(&v, F32, 3, 1, 8, 3);
    r = vin(&v, F32, 3, 1, 8, 2);
    b = vin(&v, F32, 2, 1, 8, 0);
    p = vin(&v, F32, 2, 1, 6, 0);
    h0 = vin(&v, F32, 3, 1, 1, 2);
    foreign = foreign_operand(&v);
#define LSTM_FAILS(X, W, R, STEPS, H, OPTS, NEEDLE) \
    th_assert_status(&v.env, wnnGraphBuilderLstm(v.env.builder, X, W, R, STEPS, H, OPTS, outs, \
                                                 &count), \
                     WNNStatus_TypeError, NEEDLE)
#define RESET() (o = (WNNLstmOptions)WNN_LSTM_OPTIONS_INIT)
    /* operands */
    LSTM_FAILS(NULL, w, r, 2, 2, NULL, "lstm: input is NULL");
    LSTM_FAILS(x, w, foreign, 2, 2, NULL, "lstm: recurrentWeight was created by another builder");
    o.bias = foreign;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: options.bias was created by another builder");
    RESET();
    o.recurrentBias = foreign;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: options.recurrentBias was created by another builder");
    RESET();
    o.peepholeWeight = foreign;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: options.peepholeWeight was created by another builder");
    RESET();
    o.initialHiddenState = foreign;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: options.initialHiddenState was created by another");
    RESET();
    o.initialCellState = foreign;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: options.initialCellState was created by another");
    RESET();
    /* data types */
    LSTM_FAILS(vin(&v, WNNOperandDataType_Int64, 3, 2, 1, 3), w, r, 2, 2, NULL,
               "lstm: the data type of input must be one of float32, float16, got int64");
    LSTM_FAILS(x, vin(&v, F16, 3, 1, 8, 3), r, 2, 2, NULL,
               "lstm: the data type of weight must be the input's float32, got float16");
    LSTM_FAILS(x, w, vin(&v, F16, 3, 1, 8, 2), 2, 2, NULL,
               "lstm: the data type of recurrentWeight must be the input's float32");
    /* ranks */
    LSTM_FAILS(vin(&v, F32, 2, 2, 3, 0), w, r, 2, 2, NULL,
               "lstm: the rank of input must be 3, got 2");
    LSTM_FAILS(x, vin(&v, F32, 2, 8, 3, 0), r, 2, 2, NULL,
               "lstm: the rank of weight must be 3, got 2");
    LSTM_FAILS(x, w, vin(&v, F32, 1, 16, 0, 0), 2, 2, NULL,
               "lstm: the rank of recurrentWeight must be 3, got 1");
    /* steps: 0 is an error (explicit step), and must match input's shape[0] */
    LSTM_FAILS(vin(&v, F32, 3, 0, 1, 3), w, r, 0, 2, NULL, "lstm: steps must not be 0");
    LSTM_FAILS(x, w, r, 1, 2, NULL, "lstm: input's shape[0] must equal steps 1, got 2");
    /* weight and recurrentWeight: [numDirections, 4 * hiddenSize, inputSize / hiddenSize] */
    LSTM_FAILS(x, vin(&v, F32, 3, 1, 6, 3), r, 2, 2, NULL,
               "lstm: the shape of weight must be [1, 8, 3], got [1, 6, 3]");
    o.direction = BOTH;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: the shape of weight must be [2, 8, 3], got [1, 8, 3]");
    RESET();
    LSTM_FAILS(x, w, r, 2, 1, NULL, "lstm: the shape of weight must be [1, 4, 3], got [1, 8, 3]");
    LSTM_FAILS(x, w, vin(&v, F32, 3, 1, 8, 3), 2, 2, NULL,
               "lstm: the shape of recurrentWeight must be [1, 8, 2], got [1, 8, 3]");
    LSTM_FAILS(x, w, r, 2, 4000000000u, NULL,
               "lstm: the shape of weight must be [1, 16000000000, 3], got [1, 8, 3]");
    /* hiddenSize * 8 > 2^31-1 cannot be reached: recurrentWeight holds 4H^2 <= 2^31-1
     * elements, so H <= 23170. */
    /* bias, recurrentBias [1, 8]; peepholeWeight [1, 6]; initial states [1, 1, 2] */
    o.bias = vin(&v, F16, 2, 1, 8, 0);
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: the data type of options.bias must be the input's");
    o.bias = vin(&v, F32, 2, 1, 6, 0);
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: the shape of options.bias must be [1, 8], got [1, 6]");
    RESET();
    o.recurrentBias = vin(&v, F16, 2, 1, 8, 0);
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: the data type of options.recurrentBias must be");
    o.recurrentBias = vin(&v, F32, 1, 8, 0, 0);
    LSTM_FAILS(x, w, r, 2, 2, &o,
               "lstm: the shape of options.recurrentBias must be [1, 8], got [8]");
    RESET();
    o.peepholeWeight = vin(&v, F16, 2, 1, 6, 0);
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: the data type of options.peepholeWeight must be");
    o.peepholeWeight = b;
    LSTM_FAILS(x, w, r, 2, 2, &o,
               "lstm: the shape of options.peepholeWeight must be [1, 6], got [1, 8]");
    RESET();
    o.initialHiddenState = vin(&v, F16, 3, 1, 1, 2);
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: the data type of options.initialHiddenState must be");
    o.initialHiddenState = vin(&v, F32, 3, 2, 1, 2);
    LSTM_FAILS(x, w, r, 2, 2, &o,
               "lstm: the shape of options.initialHiddenState must be [1, 1, 2], got [2, 1, 2]");
    RESET();
    o.initialCellState = vin(&v, F16, 3, 1, 1, 2);
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: the data type of options.initialCellState must be");
    o.initialCellState = vin(&v, F32, 3, 1, 1, 3);
    LSTM_FAILS(x, w, r, 2, 2, &o,
               "lstm: the shape of options.initialCellState must be [1, 1, 2], got [1, 1, 3]");
    RESET();
    /* activations: exactly 3 */
    o.activations = two;
    o.activationsCount = 2;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: options.activations must have 3 items, got 2");
    o.activationsCount = 0;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: options.activations must have 3 items, got 0");
    o.activations = bad;
    o.activationsCount = 3;
    LSTM_FAILS(x, w, r, 2, 2, &o,
               "lstm: options.activations item is not a valid enum value, got 3");
    RESET();
    o.direction = (WNNRecurrentNetworkDirection)7;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: options.direction is not a valid enum value, got 7");
    RESET();
    o.layout = (WNNLstmWeightLayout)2;
    LSTM_FAILS(x, w, r, 2, 2, &o, "lstm: options.layout is not a valid enum value, got 2");
    RESET();
    o.label = "dec";
    LSTM_FAILS(x, w, r, 1, 2, &o, "lstm[dec]: input's shape[0]");
    RESET();
    /* an output with more than 2^31-1 elements: the sequence [50000, 1, 50000, 1] */
    {
        WNNOperand bx = vin(&v, F32, 3, 50000, 50000, 0);
        WNNOperand bw = vin(&v, F32, 3, 1, 4, 0);
        WNNOperand br = vin(&v, F32, 3, 1, 4, 1);
        o.returnSequence = 1;
        LSTM_FAILS(bx, bw, br, 50000, 1, &o, "lstm: the output element count exceeds 2^31-1");
        RESET();
        ck_assert_int_eq(wnnGraphBuilderLstm(v.env.builder, bx, bw, br, 50000, 1, &o, outs,
                                             &count),
                         WNNStatus_Success);
        ck_assert_uint_eq(count, 2);
    }
    /* failed calls leave the outputs and the count unchanged */
    outs[0] = outs[1] = outs[2] = NULL;
    count = 99;
    LSTM_FAILS(x, w, r, 1, 2, NULL, "lstm: ");
    ck_assert_ptr_null(outs[0]);
    ck_assert_uint_eq(count, 99);
    ck_assert_int_eq(wnnGraphBuilderLstm(NULL, x, w, r, 2, 2, NULL, outs, &count),
                     WNNStatus_InvalidArgument);
    th_assert_status(&v.env, wnnGraphBuilderLstm(v.env.builder, x, w, r, 2, 2, NULL, NULL, &count),
                     WNNStatus_InvalidArgument, "lstm: the output pointer is NULL");
    /* every option valid; a NULL count is allowed */
    o.bias = b;
    o.recurrentBias = b;
    o.peepholeWeight = p;
    o.initialHiddenState = h0;
    o.initialCellState = h0;
    o.returnSequence = 1;
    ck_assert_int_eq(wnnGraphBuilderLstm(v.env.builder, x, w, r, 2, 2, &o, outs, NULL),
                     WNNStatus_Success);
    {
        WNNNamedOperand named;
        WNNGraph g = NULL;
        named.name = "o";
        named.operand = outs[2];
        ck_assert_int_eq(wnnGraphBuilderBuild(v.env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&v.env, wnnGraphBuilderLstm(v.env.builder, x, w, r, 2, 2, NULL, outs,
                                                     &count),
                         WNNStatus_InvalidStateError, "lstm: the builder has already built");
        wnnGraphRelease(g);
    }
#undef RESET
#undef LSTM_FAILS
    th_free(&v.env);
    th_free(&v.other);
}
END_TEST

START_TEST(lstm_cell_validation_errors)
{
    venv v;
    WNNOperand x, w, r, h, cs, foreign, outs[2] = {NULL, NULL};
    WNNLstmCellOptions o = WNN_LSTM_CELL_OPTIONS_INIT;
    static const WNNRecurrentNetworkActivation four[4] = {RELU, RELU, RELU, RELU};
    memset(&v, 0, sizeof v);
    th_init(&v.env);
    th_init(&v.other);
    /* valid: batch 1, inputSize 3, hiddenSize 2 */
    x = vin(&v, F32, 2, 1, 3, 0);
    w = vin(&v, F32, 2, 8, 3, 0);
    r = vin(&v, F32, 2, 8, 2, 0);
    h = vin(&v, F32, 2, 1, 2, 0);
    cs = vin(&v, F32, 2, 1, 2, 0);
    foreign = foreign_operand(&v);
#define CELL_FAILS(X, W, R, HS, CS, HSIZE, OPTS, NEEDLE) \
    th_assert_status(&v.env, \
                     wnnGraphBuilderLstmCell(v.env.builder, X, W, R, HS, CS, HSIZE, OPTS, outs), \
                     WNNStatus_TypeError, NEEDLE)
#define RESET() (o = (WNNLstmCellOptions)WNN_LSTM_CELL_OPTIONS_INIT)
    CELL_FAILS(x, w, r, h, NULL, 2, NULL, "lstmCell: cellState is NULL");
    CELL_FAILS(x, w, r, foreign, cs, 2, NULL, "lstmCell: hiddenState was created by another");
    o.peepholeWeight = foreign;
    CELL_FAILS(x, w, r, h, cs, 2, &o, "lstmCell: options.peepholeWeight was created by another");
    RESET();
    o.bias = foreign;
    CELL_FAILS(x, w, r, h, cs, 2, &o, "lstmCell: options.bias was created by another builder");
    RESET();
    o.recurrentBias = foreign;
    CELL_FAILS(x, w, r, h, cs, 2, &o, "lstmCell: options.recurrentBias was created by another");
    RESET();
    CELL_FAILS(vin(&v, WNNOperandDataType_Int8, 2, 1, 3, 0), w, r, h, cs, 2, NULL,
               "lstmCell: the data type of input must be one of float32, float16, got int8");
    CELL_FAILS(x, vin(&v, F16, 2, 8, 3, 0), r, h, cs, 2, NULL,
               "lstmCell: the data type of weight must be the input's float32, got float16");
    CELL_FAILS(x, w, vin(&v, F16, 2, 8, 2, 0), h, cs, 2, NULL,
               "lstmCell: the data type of recurrentWeight must be");
    CELL_FAILS(x, w, r, vin(&v, F16, 2, 1, 2, 0), cs, 2, NULL,
               "lstmCell: the data type of hiddenState must be");
    CELL_FAILS(x, w, r, h, vin(&v, F16, 2, 1, 2, 0), 2, NULL,
               "lstmCell: the data type of cellState must be the input's float32, got float16");
    CELL_FAILS(vin(&v, F32, 1, 3, 0, 0), w, r, h, cs, 2, NULL,
               "lstmCell: the rank of input must be 2, got 1");
    CELL_FAILS(x, vin(&v, F32, 3, 1, 8, 3), r, h, cs, 2, NULL,
               "lstmCell: the rank of weight must be 2, got 3");
    CELL_FAILS(x, w, vin(&v, F32, 1, 16, 0, 0), h, cs, 2, NULL,
               "lstmCell: the rank of recurrentWeight must be 2, got 1");
    CELL_FAILS(x, w, r, vin(&v, F32, 3, 1, 1, 2), cs, 2, NULL,
               "lstmCell: the rank of hiddenState must be 2, got 3");
    CELL_FAILS(x, w, r, h, vin(&v, F32, 1, 2, 0, 0), 2, NULL,
               "lstmCell: the rank of cellState must be 2, got 1");
    CELL_FAILS(x, vin(&v, F32, 2, 8, 2, 0), r, h, cs, 2, NULL,
               "lstmCell: the shape of weight must be [8, 3], got [8, 2]");
    CELL_FAILS(x, w, r, h, cs, 3, NULL,
               "lstmCell: the shape of weight must be [12, 3], got [8, 3]");
    CELL_FAILS(x, w, vin(&v, F32, 2, 8, 3, 0), h, cs, 2, NULL,
               "lstmCell: the shape of recurrentWeight must be [8, 2], got [8, 3]");
    CELL_FAILS(x, w, r, vin(&v, F32, 2, 1, 3, 0), cs, 2, NULL,
               "lstmCell: the shape of hiddenState must be [1, 2], got [1, 3]");
    CELL_FAILS(x, w, r, h, vin(&v, F32, 2, 2, 2, 0), 2, NULL,
               "lstmCell: the shape of cellState must be [1, 2], got [2, 2]");
    /* hiddenSize * 8 > 2^31-1 is unreachable here too (recurrentWeight holds 4H^2). */
    o.bias = vin(&v, F16, 1, 8, 0, 0);
    CELL_FAILS(x, w, r, h, cs, 2, &o, "lstmCell: the data type of options.bias must be");
    o.bias = vin(&v, F32, 1, 6, 0, 0);
    CELL_FAILS(x, w, r, h, cs, 2, &o, "lstmCell: the shape of options.bias must be [8], got [6]");
    RESET();
    o.recurrentBias = vin(&v, F16, 1, 8, 0, 0);
    CELL_FAILS(x, w, r, h, cs, 2, &o, "lstmCell: the data type of options.recurrentBias must");
    o.recurrentBias = vin(&v, F32, 2, 1, 8, 0);
    CELL_FAILS(x, w, r, h, cs, 2, &o,
               "lstmCell: the shape of options.recurrentBias must be [8], got [1, 8]");
    RESET();
    o.peepholeWeight = vin(&v, F16, 1, 6, 0, 0);
    CELL_FAILS(x, w, r, h, cs, 2, &o, "lstmCell: the data type of options.peepholeWeight must");
    o.peepholeWeight = vin(&v, F32, 1, 8, 0, 0);
    CELL_FAILS(x, w, r, h, cs, 2, &o,
               "lstmCell: the shape of options.peepholeWeight must be [6], got [8]");
    RESET();
    o.activations = four;
    o.activationsCount = 4;
    CELL_FAILS(x, w, r, h, cs, 2, &o, "lstmCell: options.activations must have 3 items, got 4");
    RESET();
    o.layout = (WNNLstmWeightLayout)9;
    CELL_FAILS(x, w, r, h, cs, 2, &o, "lstmCell: options.layout is not a valid enum value, got 9");
    RESET();
    o.label = "cell";
    CELL_FAILS(x, w, r, h, cs, 1, &o, "lstmCell[cell]: the shape of weight");
    RESET();
    ck_assert_ptr_null(outs[0]);
    ck_assert_int_eq(wnnGraphBuilderLstmCell(NULL, x, w, r, h, cs, 2, NULL, outs),
                     WNNStatus_InvalidArgument);
    th_assert_status(&v.env, wnnGraphBuilderLstmCell(v.env.builder, x, w, r, h, cs, 2, NULL, NULL),
                     WNNStatus_InvalidArgument, "lstmCell: the output pointer is NULL");
    ck_assert_int_eq(wnnGraphBuilderLstmCell(v.env.builder, x, w, r, h, cs, 2, NULL, outs),
                     WNNStatus_Success);
    ck_assert_ptr_nonnull(outs[1]);
    {
        WNNNamedOperand named;
        WNNGraph g = NULL;
        named.name = "o";
        named.operand = outs[1];
        ck_assert_int_eq(wnnGraphBuilderBuild(v.env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&v.env,
                         wnnGraphBuilderLstmCell(v.env.builder, x, w, r, h, cs, 2, NULL, outs),
                         WNNStatus_InvalidStateError, "lstmCell: the builder has already built");
        wnnGraphRelease(g);
    }
#undef RESET
#undef CELL_FAILS
    th_free(&v.env);
    th_free(&v.other);
}
END_TEST

static Suite *lstm_suite(void)
{
    Suite *s = suite_create("lstm");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, lstm_cell_hand_checked);
    tcase_add_test(t, lstm_time_alignment_hand_checked);
    tcase_add_test(t, lstm_state_is_not_rounded_between_steps);
    tcase_add_test(t, lstm_options_match_reference_formula);
    tcase_add_test(t, lstm_every_activation);
    tcase_add_test(t, lstm_float16);
    tcase_add_test(t, lstm_special_values);
    tcase_add_test(t, lstm_zero_size);
    tcase_add_test(t, lstm_wpt_cases);
    tcase_add_test(t, lstm_validation_errors);
    tcase_add_test(t, lstm_cell_validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(lstm_suite)
