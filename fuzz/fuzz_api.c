/* fuzz/fuzz_api.c - the public API (webnn.h) driven by a little program read from the bytes.
 *
 * The bytes are a sequence of instructions, each an opcode byte and its operands' bytes
 * (reading past the end gives zeros, so every input is a valid program):
 *   input      data type, shape                  -> wnnGraphBuilderInput
 *   constant   data type, shape, byte length     -> wnnGraphBuilderConstant
 *   scalar     data type, number                 -> wnnGraphBuilderConstantScalar
 *   operator   one of the 95, its arguments      -> wnnGraphBuilder<Op>
 *   build      outputs, then dispatch            -> wnnGraphBuilderBuild, wnnContextDispatch
 * Data types and other enums are in range most of the time and sometimes not; shapes have
 * rank 0 to 5 (rarely up to 8) and dimensions 0 to 4 mostly, sometimes 5 to 255 and
 * sometimes 2^16-1, 2^31-1, 2^31 or 2^32-1 to reach the size checks; lists have random
 * lengths and may be absent; operands may be NULL; options structures are given or not.
 *
 * Invariants (abort() when broken: that is a finding):
 *   - every status is one of WNNStatus's values;
 *   - a failed call leaves a non-empty error message and its out-parameters unchanged;
 *   - a successful call gives non-NULL operands, graphs and tensors;
 *   - nothing leaks (the leak checker runs after each input).
 * A graph is dispatched only when the bytes of every operand created stay under
 * FA_MAX_DISPATCH_BYTES, so that huge shapes reach the builder's checks but are never
 * allocated.
 *
 * Built with -DFA_TRACE, it prints every call's status and shape (to read a finding).
 *
 * fuzz-max-len: 2048
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../webnn.h"

/* Build with -DFA_TRACE to print each call's status and the shapes made (to read a finding). */
#ifdef FA_TRACE
#define FA_PRINT(args) fprintf args
#else
#define FA_PRINT(args) ((void)0)
#endif

#define FA_MAX_OPERANDS 64
#define FA_MAX_INPUTS 16
#define FA_MAX_LIST 8
#define FA_MAX_RANK 8
#define FA_MAX_DISPATCH_BYTES 1048576.0

typedef struct fa_state {
    const uint8_t *data;
    size_t size, at;
    WNNContext context;
    WNNGraphBuilder builder;
    WNNOperand operands[FA_MAX_OPERANDS];
    uint32_t deps[FA_MAX_OPERANDS]; /* bit i: depends on graph input i */
    size_t operandCount;
    WNNOperand inputs[FA_MAX_INPUTS];
    char inputNames[FA_MAX_INPUTS][8];
    size_t inputCount;
    double bytes;                   /* of every operand created */
    uint32_t argDeps;               /* inputs behind the operands of the current call */
    uint32_t lists[6][FA_MAX_LIST];
    float floats[FA_MAX_LIST];
    WNNRecurrentNetworkActivation activations[FA_MAX_LIST];
    uint32_t shape[FA_MAX_RANK];
} fa_state;

/* ------------------------------------------------------------------------------------------ */
/* Reading the program                                                                        */
/* ------------------------------------------------------------------------------------------ */

static unsigned u8(fa_state *s)
{
    return s->at < s->size ? s->data[s->at++] : 0;
}

static uint32_t u32(fa_state *s)
{
    uint32_t v = u8(s);
    v |= (uint32_t)u8(s) << 8;
    v |= (uint32_t)u8(s) << 16;
    return v | (uint32_t)u8(s) << 24;
}

/* A dimension, an axis or a list item: small mostly, sometimes at or beyond the limits. */
static uint32_t small_u32(fa_state *s)
{
    static const uint32_t special[] = {5, 6, 7, 8, 16, 255, 65535, 0x7FFFFFFFu, 0x80000000u,
                                       0xFFFFFFFFu, 8192, 8193, 1u << 20, 3, 1, 0};
    unsigned b = u8(s);
    return b < 224 ? b % 5 : special[b % 16];
}

/* An enum value: one of the count valid ones mostly, sometimes not. */
static int32_t enum_value(fa_state *s, int32_t count)
{
    static const int32_t invalid[] = {-1, 0x7FFFFFFF, 100, 0x7FFFFFFE};
    unsigned b = u8(s);
    if (b < 248)
        return (int32_t)(b % (unsigned)count);
    return b % 2 ? count : invalid[b % 4];
}

static WNNOperandDataType data_type(fa_state *s)
{
    return (WNNOperandDataType)enum_value(s, 10);
}

static WNNBool boolean(fa_state *s)
{
    unsigned b = u8(s);
    return b % 5 == 4 ? 0x80000000u : b % 2; /* any non-zero value is true */
}

static double number_double(fa_state *s)
{
    static const double table[] = {0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e-5, 65504.0, 1e300,
                                   -1e300, 5e-324, 3.0, 0.2, -2.5, 255.0, 4294967296.0};
    unsigned b = u8(s);
    if (b < 200)
        return table[b % 16];
    if (b < 210)
        return NAN;
    if (b < 220)
        return b % 2 ? INFINITY : -INFINITY;
    {
        uint64_t bits = u32(s);
        double d;
        bits |= (uint64_t)u32(s) << 32;
        memcpy(&d, &bits, sizeof d);
        return d;
    }
}

static WNNNumber number(fa_state *s)
{
    static const int64_t ints[] = {0, 1, -1, 127, -128, 255, 65535, 2147483647, -2147483647 - 1,
                                   INT64_MAX, INT64_MIN, 9007199254740993, 7, -8, 15, 16};
    unsigned b = u8(s);
    if (b < 128)
        return wnnNumberFromDouble(number_double(s));
    if (b < 200)
        return wnnNumberFromInt64(ints[b % 16]);
    if (b < 250)
        return wnnNumberFromUint64(b % 2 ? UINT64_MAX : (uint64_t)ints[b % 16]);
    {
        WNNNumber n = wnnNumberFromInt64(0);
        n.type = (WNNNumberType)enum_value(s, 3); /* maybe out of range */
        return n;
    }
}

static const char *label(fa_state *s)
{
    static const char *const labels[] = {
        NULL, "", "lbl",
        "a label longer than any message buffer: ................................................"
        "................................................................................"
        "................................................................................"
        "................................................................................"};
    return labels[u8(s) % 4];
}

/* A list of uint32 in buffer slot: NULL (absent, with a count that must be ignored) or
 * 0 to FA_MAX_LIST items. */
static const uint32_t *list(fa_state *s, size_t slot, size_t *count)
{
    unsigned b = u8(s);
    size_t i;
    if (b >= 240) {
        *count = b % 4;
        return NULL;
    }
    *count = b % (FA_MAX_LIST + 1);
    for (i = 0; i < *count; i++)
        s->lists[slot][i] = small_u32(s);
    return s->lists[slot];
}

static const float *float_list(fa_state *s, size_t *count)
{
    static const float table[] = {1.0f, 2.0f, 0.5f, 0.0f, -1.0f, 3.0f, 1e30f, 0.25f};
    unsigned b = u8(s);
    size_t i;
    if (b >= 240) {
        *count = b % 3;
        return NULL;
    }
    *count = b % 5;
    for (i = 0; i < *count; i++) {
        unsigned v = u8(s);
        s->floats[i] = v < 240 ? table[v % 8] : v % 2 ? (float)NAN : (float)INFINITY;
    }
    return s->floats;
}

static const WNNRecurrentNetworkActivation *activations(fa_state *s, size_t *count)
{
    unsigned b = u8(s);
    size_t i;
    if (b >= 128) {
        *count = 0;
        return NULL;
    }
    *count = b % 5;
    for (i = 0; i < *count; i++)
        s->activations[i] = (WNNRecurrentNetworkActivation)enum_value(s, 3);
    return s->activations;
}

/* An operand created so far (its inputs join the current call's dependencies), or NULL. */
static WNNOperand operand(fa_state *s)
{
    unsigned b = u8(s);
    size_t i;
    if (s->operandCount == 0 || b == 255)
        return NULL;
    i = b % s->operandCount;
    s->argDeps |= s->deps[i];
    return s->operands[i];
}

/* An optional operand member: absent half the time. */
static WNNOperand optional_operand(fa_state *s)
{
    return u8(s) % 2 ? operand(s) : NULL;
}

/* Whether an options structure is passed (otherwise NULL: the defaults). */
static int given(fa_state *s)
{
    return u8(s) % 4 != 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Checking results                                                                           */
/* ------------------------------------------------------------------------------------------ */

static void check_status(WNNStatus status)
{
    if ((uint32_t)status > (uint32_t)WNNStatus_OutOfMemory || wnnStatusString(status) == NULL)
        abort();
}

static void need_message(const char *message)
{
    if (!message || message[0] == '\0')
        abort();
}

/* Bytes of an operand (a double: never overflows; huge shapes give huge values). */
static double operand_bytes(WNNOperand o)
{
    size_t rank = 0, i;
    const uint32_t *shape = wnnOperandGetShape(o, &rank);
    double bytes = (double)wnnOperandDataTypeByteSize(wnnOperandGetDataType(o));
    if (bytes == 0 || (rank && !shape))
        abort(); /* an operand always has a valid data type and a shape */
    for (i = 0; i < rank; i++)
        bytes *= shape[i];
    return bytes;
}

/* After a builder call creating outs[0..n): check it and keep its operands. */
static void created(fa_state *s, WNNStatus status, const WNNOperand *outs, size_t n)
{
    size_t i;
    FA_PRINT((stderr, "operand %lu: status %d %s\n", (unsigned long)s->operandCount, (int)status,
              status ? wnnGraphBuilderGetErrorMessage(s->builder) : ""));
    check_status(status);
    if (status != WNNStatus_Success) {
        need_message(wnnGraphBuilderGetErrorMessage(s->builder));
        for (i = 0; i < n; i++)
            if (outs[i] != NULL)
                abort(); /* a failed call changed an out-parameter */
        return;
    }
    for (i = 0; i < n; i++) {
        if (!outs[i])
            abort();
        s->bytes += operand_bytes(outs[i]);
#ifdef FA_TRACE
        {
            size_t rank, k;
            const uint32_t *shape = wnnOperandGetShape(outs[i], &rank);
            fprintf(stderr, "  %s [", wnnOperandDataTypeString(wnnOperandGetDataType(outs[i])));
            for (k = 0; k < rank; k++)
                fprintf(stderr, k ? ", %lu" : "%lu", (unsigned long)shape[k]);
            fprintf(stderr, "]\n");
        }
#endif
        if (s->operandCount < FA_MAX_OPERANDS) {
            s->deps[s->operandCount] = s->argDeps;
            s->operands[s->operandCount++] = outs[i];
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Instructions                                                                               */
/* ------------------------------------------------------------------------------------------ */

static void descriptor(fa_state *s, WNNOperandDescriptor *desc)
{
    unsigned b = u8(s);
    size_t i;
    desc->dataType = data_type(s);
    desc->shapeCount = b < 240 ? b % 6 : 6 + b % 3;
    for (i = 0; i < desc->shapeCount; i++)
        s->shape[i] = small_u32(s);
    desc->shape = b == 255 ? NULL : s->shape; /* NULL with a rank: an invalid argument */
}

static void do_input(fa_state *s)
{
    WNNOperandDescriptor desc;
    WNNOperand out = NULL;
    WNNStatus status;
    char name[8];
    unsigned b = u8(s);
    descriptor(s, &desc);
    /* a fresh name, or the previous one again (a duplicate), or an empty one */
    sprintf(name, "i%u", (unsigned)(b < 224 || s->inputCount == 0 ? s->inputCount : s->inputCount - 1));
    status = wnnGraphBuilderInput(s->builder, b == 255 ? "" : name, &desc, &out);
    s->argDeps = 0;
    if (status == WNNStatus_Success && s->inputCount < FA_MAX_INPUTS) {
        s->argDeps = 1u << s->inputCount;
        strcpy(s->inputNames[s->inputCount], name);
        s->inputs[s->inputCount++] = out;
    } else if (status == WNNStatus_Success) {
        s->argDeps = 1u << 31; /* an input not kept: graphs using it are not dispatched */
    }
    created(s, status, &out, 1);
}

static void do_constant(fa_state *s)
{
    WNNOperandDescriptor desc;
    WNNOperand out = NULL;
    WNNStatus status;
    unsigned char buf[4096];
    double bytes;
    size_t length, i;
    unsigned mode;
    descriptor(s, &desc);
    mode = u8(s);
    bytes = (double)wnnOperandDataTypeByteSize(desc.dataType);
    for (i = 0; desc.shape && i < desc.shapeCount; i++)
        bytes *= desc.shape[i];
    /* the right length when it fits the buffer, otherwise (or when asked) a wrong one */
    length = bytes <= sizeof buf ? (size_t)bytes : sizeof buf;
    if (mode % 8 == 7 && length > 0)
        length--;
    for (i = 0; i < length; i++)
        buf[i] = (unsigned char)(mode * 31 + i * 7); /* int4 bytes may be out of range too */
    if (mode % 16 == 5)
        memset(buf, 0, length);
    s->argDeps = 0;
    status = wnnGraphBuilderConstant(s->builder, &desc, mode == 255 ? NULL : buf, length, &out);
    created(s, status, &out, 1);
}

static void do_scalar(fa_state *s)
{
    WNNOperand out = NULL;
    WNNOperandDataType t = data_type(s);
    WNNStatus status = wnnGraphBuilderConstantScalar(s->builder, t, number(s), &out);
    s->argDeps = 0;
    created(s, status, &out, 1);
}

typedef WNNStatus (*fa_unary_fn)(WNNGraphBuilder, WNNOperand, const WNNOperatorOptions *,
                                 WNNOperand *);
typedef WNNStatus (*fa_binary_fn)(WNNGraphBuilder, WNNOperand, WNNOperand,
                                  const WNNOperatorOptions *, WNNOperand *);
typedef WNNStatus (*fa_reduce_fn)(WNNGraphBuilder, WNNOperand, const WNNReduceOptions *,
                                  WNNOperand *);
typedef WNNStatus (*fa_pool_fn)(WNNGraphBuilder, WNNOperand, const WNNPool2dOptions *,
                                WNNOperand *);

static const fa_unary_fn unary_ops[] = {
    wnnGraphBuilderAbs, wnnGraphBuilderCeil, wnnGraphBuilderCos, wnnGraphBuilderErf,
    wnnGraphBuilderExp, wnnGraphBuilderFloor, wnnGraphBuilderIdentity, wnnGraphBuilderLog,
    wnnGraphBuilderNeg, wnnGraphBuilderReciprocal, wnnGraphBuilderRoundEven, wnnGraphBuilderSin,
    wnnGraphBuilderSign, wnnGraphBuilderSqrt, wnnGraphBuilderTan, wnnGraphBuilderLogicalNot,
    wnnGraphBuilderIsNaN, wnnGraphBuilderIsInfinite, wnnGraphBuilderGelu,
    wnnGraphBuilderHardSwish, wnnGraphBuilderRelu, wnnGraphBuilderSigmoid,
    wnnGraphBuilderSoftplus, wnnGraphBuilderSoftsign, wnnGraphBuilderTanh};
static const fa_binary_fn binary_ops[] = {
    wnnGraphBuilderAdd, wnnGraphBuilderSub, wnnGraphBuilderMul, wnnGraphBuilderDiv,
    wnnGraphBuilderMax, wnnGraphBuilderMin, wnnGraphBuilderPow, wnnGraphBuilderEqual,
    wnnGraphBuilderNotEqual, wnnGraphBuilderGreater, wnnGraphBuilderGreaterOrEqual,
    wnnGraphBuilderLesser, wnnGraphBuilderLesserOrEqual, wnnGraphBuilderLogicalAnd,
    wnnGraphBuilderLogicalOr, wnnGraphBuilderLogicalXor, wnnGraphBuilderMatmul};
static const fa_reduce_fn reduce_ops[] = {
    wnnGraphBuilderReduceL1, wnnGraphBuilderReduceL2, wnnGraphBuilderReduceLogSum,
    wnnGraphBuilderReduceLogSumExp, wnnGraphBuilderReduceMax, wnnGraphBuilderReduceMean,
    wnnGraphBuilderReduceMin, wnnGraphBuilderReduceProduct, wnnGraphBuilderReduceSum,
    wnnGraphBuilderReduceSumSquare};
static const fa_pool_fn pool_ops[] = {wnnGraphBuilderAveragePool2d, wnnGraphBuilderL2Pool2d,
                                      wnnGraphBuilderMaxPool2d};

#define FA_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FA_UNARY FA_COUNT(unary_ops)
#define FA_BINARY FA_COUNT(binary_ops)
#define FA_REDUCE FA_COUNT(reduce_ops)
/* the operators with a signature of their own, called by do_other */
#define FA_OTHER 43
#define FA_OPERATORS (FA_UNARY + FA_BINARY + FA_REDUCE + FA_OTHER)
typedef char fa_all_operators[FA_OPERATORS == 95 ? 1 : -1];

static void pool_options(fa_state *s, WNNPool2dOptions *o)
{
    o->label = label(s);
    o->windowDimensions = list(s, 0, &o->windowDimensionsCount);
    o->padding = list(s, 1, &o->paddingCount);
    o->strides = list(s, 2, &o->stridesCount);
    o->dilations = list(s, 3, &o->dilationsCount);
    o->layout = (WNNInputOperandLayout)enum_value(s, 2);
    o->outputShapeRounding = (WNNRoundingType)enum_value(s, 2);
    o->outputSizes = list(s, 4, &o->outputSizesCount);
}

/* Operators with a signature of their own; which is 0 to FA_OTHER - 1. */
static void do_other(fa_state *s, unsigned which)
{
    WNNOperand outs[3] = {NULL, NULL, NULL}, a, b2, c;
    WNNStatus status = WNNStatus_Success;
    size_t n = 1;
    WNNOperatorOptions oo;
    oo.label = label(s);
    switch (which) {
    case 0: case 1: {
        WNNArgMinMaxOptions o = WNN_ARG_MIN_MAX_OPTIONS_INIT;
        uint32_t axis;
        a = operand(s);
        axis = small_u32(s);
        o.label = oo.label;
        o.keepDimensions = boolean(s);
        o.outputDataType = data_type(s);
        status = (which ? wnnGraphBuilderArgMax : wnnGraphBuilderArgMin)(
            s->builder, a, axis, given(s) ? &o : NULL, outs);
        break;
    }
    case 2: {
        WNNBatchNormalizationOptions o = WNN_BATCH_NORMALIZATION_OPTIONS_INIT;
        a = operand(s);
        b2 = operand(s);
        c = operand(s);
        o.label = oo.label;
        o.scale = optional_operand(s);
        o.bias = optional_operand(s);
        o.axis = small_u32(s);
        o.epsilon = number_double(s);
        status = wnnGraphBuilderBatchNormalization(s->builder, a, b2, c, given(s) ? &o : NULL,
                                                   outs);
        break;
    }
    case 3:
        a = operand(s);
        status = wnnGraphBuilderCast(s->builder, a, data_type(s), &oo, outs);
        break;
    case 4: {
        WNNClampOptions o = WNN_CLAMP_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.hasMinValue = boolean(s);
        o.minValue = number(s);
        o.hasMaxValue = boolean(s);
        o.maxValue = number(s);
        status = wnnGraphBuilderClamp(s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    case 5: {
        /* 1 to 8 inputs mostly; sometimes none, or at and beyond the limit of 8192 */
        unsigned b = u8(s);
        size_t count = b < 240 ? 1 + b % 8 : b % 3 == 0 ? 0 : b % 3 == 1 ? 8192 : 8193, i;
        WNNOperand *inputs = (WNNOperand *)malloc((count ? count : 1) * sizeof *inputs);
        uint32_t axis;
        if (!inputs)
            return;
        for (i = 0; i < count; i++)
            inputs[i] = i < 8 ? operand(s) : inputs[i % 8];
        axis = small_u32(s);
        status = wnnGraphBuilderConcat(s->builder, count, count || b % 2 ? inputs : NULL, axis,
                                       &oo, outs);
        free(inputs);
        break;
    }
    case 6: {
        WNNConv2dOptions o = WNN_CONV2D_OPTIONS_INIT;
        a = operand(s);
        b2 = operand(s);
        o.label = oo.label;
        o.padding = list(s, 0, &o.paddingCount);
        o.strides = list(s, 1, &o.stridesCount);
        o.dilations = list(s, 2, &o.dilationsCount);
        o.groups = small_u32(s);
        o.inputLayout = (WNNInputOperandLayout)enum_value(s, 2);
        o.filterLayout = (WNNConv2dFilterOperandLayout)enum_value(s, 4);
        o.bias = optional_operand(s);
        status = wnnGraphBuilderConv2d(s->builder, a, b2, given(s) ? &o : NULL, outs);
        break;
    }
    case 7: {
        WNNConvTranspose2dOptions o = WNN_CONV_TRANSPOSE2D_OPTIONS_INIT;
        a = operand(s);
        b2 = operand(s);
        o.label = oo.label;
        o.padding = list(s, 0, &o.paddingCount);
        o.strides = list(s, 1, &o.stridesCount);
        o.dilations = list(s, 2, &o.dilationsCount);
        o.outputPadding = list(s, 3, &o.outputPaddingCount);
        o.outputSizes = list(s, 4, &o.outputSizesCount);
        o.groups = small_u32(s);
        o.inputLayout = (WNNInputOperandLayout)enum_value(s, 2);
        o.filterLayout = (WNNConvTranspose2dFilterOperandLayout)enum_value(s, 3);
        o.bias = optional_operand(s);
        status = wnnGraphBuilderConvTranspose2d(s->builder, a, b2, given(s) ? &o : NULL, outs);
        break;
    }
    case 8: {
        WNNCumulativeSumOptions o = WNN_CUMULATIVE_SUM_OPTIONS_INIT;
        uint32_t axis;
        a = operand(s);
        axis = small_u32(s);
        o.label = oo.label;
        o.exclusive = boolean(s);
        o.reversed = boolean(s);
        status = wnnGraphBuilderCumulativeSum(s->builder, a, axis, given(s) ? &o : NULL, outs);
        break;
    }
    case 9: case 10:
        a = operand(s);
        b2 = operand(s);
        c = operand(s);
        status = (which == 9 ? wnnGraphBuilderDequantizeLinear : wnnGraphBuilderQuantizeLinear)(
            s->builder, a, b2, c, &oo, outs);
        break;
    case 11: {
        WNNEluOptions o = WNN_ELU_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.alpha = number_double(s);
        status = wnnGraphBuilderElu(s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    case 12: case 26: case 31: {
        size_t count;
        const uint32_t *shape;
        a = operand(s);
        shape = list(s, 0, &count);
        status = (which == 12 ? wnnGraphBuilderExpand
                  : which == 26 ? wnnGraphBuilderReshape : wnnGraphBuilderTile)(
            s->builder, a, shape, count, &oo, outs);
        break;
    }
    case 13: case 14: {
        WNNGatherOptions o = WNN_GATHER_OPTIONS_INIT;
        a = operand(s);
        b2 = operand(s);
        o.label = oo.label;
        o.axis = small_u32(s);
        status = (which == 13 ? wnnGraphBuilderGather : wnnGraphBuilderGatherElements)(
            s->builder, a, b2, given(s) ? &o : NULL, outs);
        break;
    }
    case 15:
        a = operand(s);
        b2 = operand(s);
        status = wnnGraphBuilderGatherND(s->builder, a, b2, &oo, outs);
        break;
    case 16: {
        WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
        a = operand(s);
        b2 = operand(s);
        o.label = oo.label;
        o.c = optional_operand(s);
        o.alpha = number_double(s);
        o.beta = number_double(s);
        o.aTranspose = boolean(s);
        o.bTranspose = boolean(s);
        status = wnnGraphBuilderGemm(s->builder, a, b2, given(s) ? &o : NULL, outs);
        break;
    }
    case 17: {
        WNNGruOptions o = WNN_GRU_OPTIONS_INIT;
        uint32_t steps, hidden;
        WNNOperand *many = (WNNOperand *)calloc(2, sizeof *many); /* room for exactly 2 */
        size_t count = 99;
        if (!many)
            return;
        a = operand(s);
        b2 = operand(s);
        c = operand(s);
        steps = small_u32(s);
        hidden = small_u32(s);
        o.label = oo.label;
        o.bias = optional_operand(s);
        o.recurrentBias = optional_operand(s);
        o.initialHiddenState = optional_operand(s);
        o.resetAfter = boolean(s);
        o.returnSequence = boolean(s);
        o.direction = (WNNRecurrentNetworkDirection)enum_value(s, 3);
        o.layout = (WNNGruWeightLayout)enum_value(s, 2);
        o.activations = activations(s, &o.activationsCount);
        status = wnnGraphBuilderGru(s->builder, a, b2, c, steps, hidden, given(s) ? &o : NULL,
                                    many, &count);
        check_status(status);
        if (status == WNNStatus_Success && count != 1 && count != 2)
            abort();
        n = status == WNNStatus_Success ? count : 2;
        outs[0] = many[0];
        outs[1] = many[1];
        free(many);
        break;
    }
    case 18: {
        WNNGruCellOptions o = WNN_GRU_CELL_OPTIONS_INIT;
        WNNOperand h;
        uint32_t hidden;
        a = operand(s);
        b2 = operand(s);
        c = operand(s);
        h = operand(s);
        hidden = small_u32(s);
        o.label = oo.label;
        o.bias = optional_operand(s);
        o.recurrentBias = optional_operand(s);
        o.resetAfter = boolean(s);
        o.layout = (WNNGruWeightLayout)enum_value(s, 2);
        o.activations = activations(s, &o.activationsCount);
        status = wnnGraphBuilderGruCell(s->builder, a, b2, c, h, hidden, given(s) ? &o : NULL,
                                        outs);
        break;
    }
    case 19: case 23: {
        WNNHardSigmoidOptions o = WNN_HARD_SIGMOID_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.alpha = number_double(s);
        o.beta = number_double(s);
        if (which == 19)
            status = wnnGraphBuilderHardSigmoid(s->builder, a, given(s) ? &o : NULL, outs);
        else {
            WNNLinearOptions l;
            l.label = o.label;
            l.alpha = o.alpha;
            l.beta = o.beta;
            status = wnnGraphBuilderLinear(s->builder, a, given(s) ? &l : NULL, outs);
        }
        break;
    }
    case 20: {
        WNNInstanceNormalizationOptions o = WNN_INSTANCE_NORMALIZATION_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.scale = optional_operand(s);
        o.bias = optional_operand(s);
        o.epsilon = number_double(s);
        o.layout = (WNNInputOperandLayout)enum_value(s, 2);
        status = wnnGraphBuilderInstanceNormalization(s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    case 21: {
        WNNLayerNormalizationOptions o = WNN_LAYER_NORMALIZATION_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.scale = optional_operand(s);
        o.bias = optional_operand(s);
        o.axes = list(s, 0, &o.axesCount);
        o.epsilon = number_double(s);
        status = wnnGraphBuilderLayerNormalization(s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    case 22: {
        WNNLeakyReluOptions o = WNN_LEAKY_RELU_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.alpha = number_double(s);
        status = wnnGraphBuilderLeakyRelu(s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    case 24: {
        WNNLstmOptions o = WNN_LSTM_OPTIONS_INIT;
        uint32_t steps, hidden;
        WNNOperand *many = (WNNOperand *)calloc(3, sizeof *many); /* room for exactly 3 */
        size_t count = 99;
        if (!many)
            return;
        a = operand(s);
        b2 = operand(s);
        c = operand(s);
        steps = small_u32(s);
        hidden = small_u32(s);
        o.label = oo.label;
        o.bias = optional_operand(s);
        o.recurrentBias = optional_operand(s);
        o.peepholeWeight = optional_operand(s);
        o.initialHiddenState = optional_operand(s);
        o.initialCellState = optional_operand(s);
        o.returnSequence = boolean(s);
        o.direction = (WNNRecurrentNetworkDirection)enum_value(s, 3);
        o.layout = (WNNLstmWeightLayout)enum_value(s, 2);
        o.activations = activations(s, &o.activationsCount);
        status = wnnGraphBuilderLstm(s->builder, a, b2, c, steps, hidden, given(s) ? &o : NULL,
                                     many, &count);
        check_status(status);
        if (status == WNNStatus_Success && count != 2 && count != 3)
            abort();
        n = status == WNNStatus_Success ? count : 3;
        memcpy(outs, many, 3 * sizeof *many);
        free(many);
        break;
    }
    case 25: {
        WNNLstmCellOptions o = WNN_LSTM_CELL_OPTIONS_INIT;
        WNNOperand h, cell;
        uint32_t hidden;
        a = operand(s);
        b2 = operand(s);
        c = operand(s);
        h = operand(s);
        cell = operand(s);
        hidden = small_u32(s);
        o.label = oo.label;
        o.bias = optional_operand(s);
        o.recurrentBias = optional_operand(s);
        o.peepholeWeight = optional_operand(s);
        o.layout = (WNNLstmWeightLayout)enum_value(s, 2);
        o.activations = activations(s, &o.activationsCount);
        status = wnnGraphBuilderLstmCell(s->builder, a, b2, c, h, cell, hidden,
                                         given(s) ? &o : NULL, outs);
        n = 2;
        break;
    }
    case 27: {
        WNNPadOptions o = WNN_PAD_OPTIONS_INIT;
        size_t nb, ne;
        const uint32_t *begin, *end;
        a = operand(s);
        begin = list(s, 0, &nb);
        end = list(s, 1, &ne);
        o.label = oo.label;
        o.mode = (WNNPaddingMode)enum_value(s, 3);
        o.value = number(s);
        status = wnnGraphBuilderPad(s->builder, a, begin, nb, end, ne, given(s) ? &o : NULL, outs);
        break;
    }
    case 28: case 29: case 30: {
        WNNPool2dOptions o = WNN_POOL2D_OPTIONS_INIT;
        a = operand(s);
        pool_options(s, &o);
        status = pool_ops[which - 28](s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    case 32:
        a = operand(s);
        b2 = operand(s);
        status = wnnGraphBuilderPrelu(s->builder, a, b2, &oo, outs);
        break;
    case 33: {
        WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.mode = (WNNInterpolationMode)enum_value(s, 2);
        o.scales = float_list(s, &o.scalesCount);
        o.sizes = list(s, 0, &o.sizesCount);
        o.axes = list(s, 1, &o.axesCount);
        status = wnnGraphBuilderResample2d(s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    case 34: {
        WNNReverseOptions o = WNN_REVERSE_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.axes = list(s, 0, &o.axesCount);
        status = wnnGraphBuilderReverse(s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    case 35: {
        WNNScatterOptions o = WNN_SCATTER_OPTIONS_INIT;
        a = operand(s);
        b2 = operand(s);
        c = operand(s);
        o.label = oo.label;
        o.axis = small_u32(s);
        status = wnnGraphBuilderScatterElements(s->builder, a, b2, c, given(s) ? &o : NULL, outs);
        break;
    }
    case 36:
        a = operand(s);
        b2 = operand(s);
        c = operand(s);
        status = wnnGraphBuilderScatterND(s->builder, a, b2, c, &oo, outs);
        break;
    case 37: {
        WNNSliceOptions o = WNN_SLICE_OPTIONS_INIT;
        size_t ns, nz;
        const uint32_t *starts, *sizes;
        a = operand(s);
        starts = list(s, 0, &ns);
        sizes = list(s, 1, &nz);
        o.label = oo.label;
        o.strides = list(s, 2, &o.stridesCount);
        status = wnnGraphBuilderSlice(s->builder, a, starts, ns, sizes, nz, given(s) ? &o : NULL,
                                      outs);
        break;
    }
    case 38:
        a = operand(s);
        status = wnnGraphBuilderSoftmax(s->builder, a, small_u32(s), &oo, outs);
        break;
    case 39: {
        WNNSplitOptions o = WNN_SPLIT_OPTIONS_INIT;
        uint32_t count;
        size_t nsizes, capacity = u8(s) % 9, got = 99, i;
        const uint32_t *sizes;
        WNNOperand *many = (WNNOperand *)calloc(capacity ? capacity : 1, sizeof *many);
        if (!many)
            return;
        a = operand(s);
        count = small_u32(s);
        sizes = u8(s) % 2 ? list(s, 0, &nsizes) : (nsizes = 0, (const uint32_t *)NULL);
        o.label = oo.label;
        o.axis = small_u32(s);
        status = wnnGraphBuilderSplit(s->builder, a, count, sizes, nsizes, given(s) ? &o : NULL,
                                      capacity, many, &got);
        check_status(status);
        if (status == WNNStatus_Success && (got == 0 || got > capacity))
            abort();
        /* keep up to three pieces; a failure must have left all of them NULL */
        for (i = 0; i < capacity; i++)
            if (status != WNNStatus_Success && many[i])
                abort();
        n = status == WNNStatus_Success ? (got < 3 ? got : 3) : 0;
        for (i = 0; i < n; i++)
            outs[i] = many[i];
        free(many);
        break;
    }
    case 40: {
        WNNTransposeOptions o = WNN_TRANSPOSE_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.permutation = list(s, 0, &o.permutationCount);
        status = wnnGraphBuilderTranspose(s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    case 41: {
        WNNTriangularOptions o = WNN_TRIANGULAR_OPTIONS_INIT;
        a = operand(s);
        o.label = oo.label;
        o.upper = boolean(s);
        o.diagonal = (int32_t)u32(s);
        status = wnnGraphBuilderTriangular(s->builder, a, given(s) ? &o : NULL, outs);
        break;
    }
    default: /* 42 */
        a = operand(s);
        b2 = operand(s);
        c = operand(s);
        status = wnnGraphBuilderWhere(s->builder, a, b2, c, &oo, outs);
        break;
    }
    created(s, status, outs, n);
}

static void do_operator(fa_state *s)
{
    unsigned which = u8(s) % FA_OPERATORS;
    WNNOperand out = NULL;
    WNNOperatorOptions oo;
    s->argDeps = 0;
    if (which < FA_UNARY) {
        WNNOperand a = operand(s);
        oo.label = label(s);
        created(s, unary_ops[which](s->builder, a, given(s) ? &oo : NULL, &out), &out, 1);
    } else if ((which -= FA_UNARY) < FA_BINARY) {
        WNNOperand a = operand(s), b2 = operand(s);
        oo.label = label(s);
        created(s, binary_ops[which](s->builder, a, b2, given(s) ? &oo : NULL, &out), &out, 1);
    } else if ((which -= FA_BINARY) < FA_REDUCE) {
        WNNReduceOptions o = WNN_REDUCE_OPTIONS_INIT;
        WNNOperand a = operand(s);
        o.label = label(s);
        o.axes = list(s, 0, &o.axesCount);
        o.keepDimensions = boolean(s);
        created(s, reduce_ops[which](s->builder, a, given(s) ? &o : NULL, &out), &out, 1);
    } else
        do_other(s, which - FA_REDUCE);
}

/* ------------------------------------------------------------------------------------------ */
/* Building and dispatching                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void context_failed(fa_state *s, WNNStatus status)
{
    check_status(status);
    if (status != WNNStatus_Success)
        need_message(wnnContextGetErrorMessage(s->context));
}

/* A tensor for operand o, written with bytes derived from seed when writable. Returns NULL
 * when it could not be made. */
static WNNTensor make_tensor(fa_state *s, WNNOperand o, int input, unsigned seed)
{
    WNNTensorDescriptor desc;
    WNNTensor t = NULL;
    WNNStatus status;
    desc.dataType = wnnOperandGetDataType(o);
    desc.shape = wnnOperandGetShape(o, &desc.shapeCount);
    desc.readable = !input;
    desc.writable = input;
    status = wnnContextCreateTensor(s->context, &desc, &t);
    context_failed(s, status);
    if (status != WNNStatus_Success)
        return NULL;
    if (!t)
        abort();
    if (input) {
        size_t bytes = (size_t)operand_bytes(o), i;
        unsigned char *buf = (unsigned char *)malloc(bytes ? bytes : 1);
        uint32_t x = seed * 2654435761u + 1;
        if (!buf)
            return t;
        for (i = 0; i < bytes; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (unsigned char)(x >> 16);
            /* small values most of the time, so that indices are often in range */
            if (seed % 3 != 0)
                buf[i] = i % wnnOperandDataTypeByteSize(desc.dataType) == 0 ? buf[i] % 3 : 0;
        }
        if (desc.dataType == WNNOperandDataType_Int4 || desc.dataType == WNNOperandDataType_Uint4)
            for (i = 0; i < bytes; i++)
                buf[i] = (unsigned char)(seed % 5 == 4 ? buf[i] : buf[i] % 8);
        context_failed(s, wnnContextWriteTensor(s->context, t, buf, bytes));
        free(buf);
    }
    return t;
}

static void dispatch(fa_state *s, WNNGraph g, const WNNNamedOperand *named, size_t count,
                     uint32_t deps)
{
    WNNNamedTensor ins[FA_MAX_INPUTS], outs[3];
    size_t nin = 0, nout = 0, i;
    unsigned how = u8(s);
    for (i = 0; i < s->inputCount; i++)
        if (deps & (1u << i)) {
            ins[nin].name = s->inputNames[i];
            ins[nin].tensor = make_tensor(s, s->inputs[i], 1, how + (unsigned)i);
            if (ins[nin].tensor)
                nin++;
        }
    for (i = 0; i < count; i++) {
        outs[nout].name = named[i].name;
        outs[nout].tensor = make_tensor(s, named[i].operand, 0, 0);
        if (outs[nout].tensor)
            nout++;
    }
    /* now and then one tensor too few: an error the context must report */
    {
        size_t useIn = how % 16 == 15 && nin ? nin - 1 : nin;
        WNNStatus status = how % 4 == 1
            ? wnnContextDispatchMagnitudes(s->context, g, useIn, ins, nout, outs)
            : wnnContextDispatch(s->context, g, useIn, ins, nout, outs);
        FA_PRINT((stderr, "dispatch%s: status %d %s\n", how % 4 == 1 ? " magnitudes" : "",
                  (int)status, status ? wnnContextGetErrorMessage(s->context) : ""));
        context_failed(s, status);
        if (status == WNNStatus_Success)
            for (i = 0; i < nout; i++) {
                size_t rank, elements = 1, k, unspecified = 0;
                const uint32_t *shape = wnnTensorGetShape(outs[i].tensor, &rank);
                size_t bytes = (size_t)operand_bytes(named[i].operand);
                unsigned char *buf;
                uint8_t *mask;
                for (k = 0; k < rank; k++)
                    elements *= shape[k];
                buf = (unsigned char *)malloc(bytes ? bytes : 1);
                mask = (uint8_t *)malloc(elements ? elements : 1);
                if (buf && mask) {
                    context_failed(s, wnnContextReadTensor(s->context, outs[i].tensor, buf, bytes));
                    context_failed(s, wnnContextReadTensorUnspecifiedMask(
                                          s->context, outs[i].tensor, mask, elements, &unspecified));
                    if (unspecified > elements)
                        abort();
                }
                free(buf);
                free(mask);
            }
    }
    for (i = 0; i < nin; i++)
        wnnTensorRelease(ins[i].tensor);
    for (i = 0; i < nout; i++)
        wnnTensorRelease(outs[i].tensor);
}

/* Build with up to three outputs; dispatch when small. Ends the program. */
static void do_build(fa_state *s)
{
    WNNNamedOperand named[3];
    char names[3][4];
    WNNGraph g = NULL;
    WNNStatus status;
    uint32_t deps = 0;
    size_t count = u8(s) % 4, i;
    for (i = 0; i < count; i++) {
        unsigned b;
        s->argDeps = 0;
        /* the last operand mostly, any other sometimes */
        b = u8(s);
        if (b < 128 && s->operandCount) {
            named[i].operand = s->operands[s->operandCount - 1 - i % s->operandCount];
            s->argDeps = s->deps[s->operandCount - 1 - i % s->operandCount];
        } else
            named[i].operand = operand(s);
        deps |= s->argDeps;
        sprintf(names[i], "o%u", b % 16 == 15 ? 0u : (unsigned)i); /* sometimes a duplicate */
        named[i].name = names[i];
    }
    status = wnnGraphBuilderBuild(s->builder, count, count ? named : NULL, &g);
    FA_PRINT((stderr, "build: status %d %s (%g bytes created)\n", (int)status,
              status ? wnnGraphBuilderGetErrorMessage(s->builder) : "", s->bytes));
    check_status(status);
    if (status != WNNStatus_Success) {
        need_message(wnnGraphBuilderGetErrorMessage(s->builder));
        if (g)
            abort();
        return;
    }
    if (!g)
        abort();
    /* the builder is spent: another call must fail cleanly */
    {
        WNNOperand out = NULL;
        WNNStatus again = wnnGraphBuilderConstantScalar(s->builder, WNNOperandDataType_Float32,
                                                        wnnNumberFromDouble(1.0), &out);
        check_status(again);
        if (again == WNNStatus_Success || out)
            abort();
        need_message(wnnGraphBuilderGetErrorMessage(s->builder));
    }
    if (s->bytes <= FA_MAX_DISPATCH_BYTES && !(deps & (1u << 31)))
        dispatch(s, g, named, count, deps);
    wnnGraphRelease(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fa_state *s = (fa_state *)calloc(1, sizeof *s);
    WNNContextOptions options = WNN_CONTEXT_OPTIONS_INIT;
    WNNStatus status;
    unsigned first;
    if (!s)
        return 0;
    s->data = data;
    s->size = size;
    first = u8(s);
    if (first >= 240) { /* context options, perhaps out of range */
        options.powerPreference = (WNNPowerPreference)enum_value(s, 3);
        options.accelerated = boolean(s);
        options.executor = (WNNExecutor)enum_value(s, 1);
    }
    status = wnnCreateContext(first >= 240 ? &options : NULL, &s->context);
    check_status(status);
    if (status == WNNStatus_Success) {
        status = wnnCreateGraphBuilder(s->context, &s->builder);
        context_failed(s, status);
    }
    if (status == WNNStatus_Success) {
        int built = 0;
        while (s->at < s->size && !built) {
            unsigned op = u8(s);
            switch (op % 8) {
            case 0: case 1: do_input(s); break;
            case 2: do_constant(s); break;
            case 3: do_scalar(s); break;
            case 7: do_build(s); built = 1; break;
            default: do_operator(s); break;
            }
        }
    }
    wnnGraphBuilderRelease(s->builder);
    wnnContextRelease(s->context);
    free(s);
    return 0;
}
