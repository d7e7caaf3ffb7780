/*
 * webnn.h - the W3C Web Neural Network API (WebNN) in C99.
 *
 * This is the only public header of the WebNN reference implementation. Names follow the
 * specification's WebIDL mechanically: "ML" becomes "WNN", MLGraphBuilder.conv2d() becomes
 * wnnGraphBuilderConv2d(), MLConv2dOptions becomes WNNConv2dOptions and the enum value
 * "float32" becomes WNNOperandDataType_Float32.
 *
 * ---------------------------------------------------------------------------------------------
 * A short manual
 * ---------------------------------------------------------------------------------------------
 *
 *   WNNContext ctx; WNNGraphBuilder b; WNNOperand x, y; WNNGraph g;
 *   uint32_t shape[1] = {3};
 *   WNNOperandDescriptor desc = {WNNOperandDataType_Float32, shape, 1};
 *   wnnCreateContext(NULL, &ctx);
 *   wnnCreateGraphBuilder(ctx, &b);
 *   wnnGraphBuilderInput(b, "x", &desc, &x);
 *   wnnGraphBuilderRelu(b, x, NULL, &y);              // NULL options: the spec's defaults
 *   WNNNamedOperand out = {"y", y};
 *   if (wnnGraphBuilderBuild(b, 1, &out, &g) != WNNStatus_Success)
 *       puts(wnnGraphBuilderGetErrorMessage(b));
 *   ... wnnContextCreateTensor / WriteTensor / Dispatch / ReadTensor ...
 *
 * Errors. Every call returns a WNNStatus. WNNStatus_Success is 0; the others are the
 * exceptions the specification throws (TypeError, InvalidStateError, ...) followed by two
 * C-only statuses: InvalidArgument (a NULL builder, context or graph handle, or a NULL
 * out-pointer) and OutOfMemory. A NULL operand passed to an operator is a TypeError, as
 * WebIDL's conversion of null to MLOperand throws one; so is an enum value out of range in an
 * operator call. A builder and a context each keep the message of their last error,
 * "<operator>[<label>]: <what>, got <value>", readable with wnnGraphBuilderGetErrorMessage()
 * and wnnContextGetErrorMessage(). A failed call leaves its out-parameters unchanged and
 * changes nothing else in the builder or context.
 *
 * Options. Every options structure has a WNN_<NAME>_OPTIONS_INIT macro holding the
 * specification's defaults; passing NULL options means "all defaults". A sequence member is a
 * pointer and a count: a NULL pointer means "not given", a non-NULL pointer with count 0 means
 * "given and empty" (the specification treats the two differently, e.g. reduction axes). An
 * optional MLOperand member is NULL when absent. MLNumber values are WNNNumber, which holds a
 * double, an int64 or a uint64 exactly; optional MLNumber members have a has<Name> flag
 * (NaN is a legal value, so it cannot mean "absent").
 *
 * Ownership. A builder owns its operands: they live until the builder is released. A graph
 * owns copies of everything it needs (including constants) and outlives its builder. The
 * caller owns every buffer it passes; the library copies what it keeps. There is no
 * reference counting: release each handle once (releasing NULL is a no-op). Objects are not
 * thread-safe; different contexts may be used from different threads.
 *
 * Extensions. Facilities of the reference oracle that the specification does not have are
 * marked "C-only extension" below: the choice of executor, resource limits (maxTensorBytes,
 * maxGraphBytes), int4/uint4 data types, and the unspecified mask, which tells which output
 * elements have a value the specification does not define (an out-of-range index, an integer
 * overflow, ...), the magnitude evaluation behind the "bounds" comparisons, and an observed
 * dispatch that reports every operator's outputs (tracing and timing).
 */
#ifndef WEBNN_H
#define WEBNN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ----------------------------------------------------------------------------------------- */
/* Basic types                                                                               */
/* ----------------------------------------------------------------------------------------- */

typedef uint32_t WNNBool; /* 0 is false, anything else is true */

typedef enum WNNStatus {
    WNNStatus_Success = 0,
    WNNStatus_TypeError = 1,          /* the spec's TypeError: invalid arguments */
    WNNStatus_InvalidStateError = 2,  /* the spec's InvalidStateError DOMException */
    WNNStatus_NotSupportedError = 3,  /* the spec's NotSupportedError DOMException */
    WNNStatus_OperationError = 4,     /* the spec's OperationError DOMException */
    WNNStatus_InvalidArgument = 5,    /* C-only: NULL handle or pointer */
    WNNStatus_OutOfMemory = 6,        /* C-only: an allocation failed */
    WNNStatus_Force32 = 0x7FFFFFFF
} WNNStatus;

typedef enum WNNOperandDataType {
    WNNOperandDataType_Float32 = 0,
    WNNOperandDataType_Float16 = 1,
    WNNOperandDataType_Int32 = 2,
    WNNOperandDataType_Uint32 = 3,
    WNNOperandDataType_Int64 = 4,
    WNNOperandDataType_Uint64 = 5,
    WNNOperandDataType_Int8 = 6,
    WNNOperandDataType_Uint8 = 7,
    /* C-only extension (not in MLOperandDataType; used by quantization conformance cases):
     * 4-bit integers stored one element per byte, int4 sign-extended to the byte. */
    WNNOperandDataType_Int4 = 8,
    WNNOperandDataType_Uint4 = 9,
    WNNOperandDataType_Force32 = 0x7FFFFFFF
} WNNOperandDataType;

typedef enum WNNPowerPreference {
    WNNPowerPreference_Default = 0,
    WNNPowerPreference_HighPerformance = 1,
    WNNPowerPreference_LowPower = 2,
    WNNPowerPreference_Force32 = 0x7FFFFFFF
} WNNPowerPreference;

/* C-only extension: which executor evaluates graphs of a context. */
typedef enum WNNExecutor {
    WNNExecutor_Reference = 0, /* the float64 reference interpreter */
    WNNExecutor_Force32 = 0x7FFFFFFF
} WNNExecutor;

typedef enum WNNInputOperandLayout {
    WNNInputOperandLayout_Nchw = 0,
    WNNInputOperandLayout_Nhwc = 1,
    WNNInputOperandLayout_Force32 = 0x7FFFFFFF
} WNNInputOperandLayout;

typedef enum WNNConv2dFilterOperandLayout {
    WNNConv2dFilterOperandLayout_Oihw = 0,
    WNNConv2dFilterOperandLayout_Hwio = 1,
    WNNConv2dFilterOperandLayout_Ohwi = 2,
    WNNConv2dFilterOperandLayout_Ihwo = 3,
    WNNConv2dFilterOperandLayout_Force32 = 0x7FFFFFFF
} WNNConv2dFilterOperandLayout;

typedef enum WNNConvTranspose2dFilterOperandLayout {
    WNNConvTranspose2dFilterOperandLayout_Iohw = 0,
    WNNConvTranspose2dFilterOperandLayout_Hwoi = 1,
    WNNConvTranspose2dFilterOperandLayout_Ohwi = 2,
    WNNConvTranspose2dFilterOperandLayout_Force32 = 0x7FFFFFFF
} WNNConvTranspose2dFilterOperandLayout;

typedef enum WNNRoundingType {
    WNNRoundingType_Floor = 0,
    WNNRoundingType_Ceil = 1,
    WNNRoundingType_Force32 = 0x7FFFFFFF
} WNNRoundingType;

typedef enum WNNPaddingMode {
    WNNPaddingMode_Constant = 0,
    WNNPaddingMode_Edge = 1,
    WNNPaddingMode_Reflection = 2,
    WNNPaddingMode_Force32 = 0x7FFFFFFF
} WNNPaddingMode;

typedef enum WNNInterpolationMode {
    WNNInterpolationMode_NearestNeighbor = 0,
    WNNInterpolationMode_Linear = 1,
    WNNInterpolationMode_Force32 = 0x7FFFFFFF
} WNNInterpolationMode;

typedef enum WNNRecurrentNetworkActivation {
    WNNRecurrentNetworkActivation_Relu = 0,
    WNNRecurrentNetworkActivation_Sigmoid = 1,
    WNNRecurrentNetworkActivation_Tanh = 2,
    WNNRecurrentNetworkActivation_Force32 = 0x7FFFFFFF
} WNNRecurrentNetworkActivation;

typedef enum WNNRecurrentNetworkDirection {
    WNNRecurrentNetworkDirection_Forward = 0,
    WNNRecurrentNetworkDirection_Backward = 1,
    WNNRecurrentNetworkDirection_Both = 2,
    WNNRecurrentNetworkDirection_Force32 = 0x7FFFFFFF
} WNNRecurrentNetworkDirection;

typedef enum WNNGruWeightLayout {
    WNNGruWeightLayout_Zrn = 0,
    WNNGruWeightLayout_Rzn = 1,
    WNNGruWeightLayout_Force32 = 0x7FFFFFFF
} WNNGruWeightLayout;

typedef enum WNNLstmWeightLayout {
    WNNLstmWeightLayout_Iofg = 0,
    WNNLstmWeightLayout_Ifgo = 1,
    WNNLstmWeightLayout_Force32 = 0x7FFFFFFF
} WNNLstmWeightLayout;

/* MLNumber = (bigint or unrestricted double): exactly one of the three values, named by type. */
typedef enum WNNNumberType {
    WNNNumberType_Double = 0,
    WNNNumberType_Int64 = 1,  /* a bigint within int64 */
    WNNNumberType_Uint64 = 2, /* a bigint within uint64 */
    WNNNumberType_Force32 = 0x7FFFFFFF
} WNNNumberType;

typedef struct WNNNumber {
    WNNNumberType type;
    double asDouble;
    int64_t asInt64;
    uint64_t asUint64;
} WNNNumber;

#define WNN_NUMBER_DOUBLE(v) {WNNNumberType_Double, (v), 0, 0}
WNNNumber wnnNumberFromDouble(double value);
WNNNumber wnnNumberFromInt64(int64_t value);
WNNNumber wnnNumberFromUint64(uint64_t value);

/* Opaque handles. */
typedef struct WNNContextImpl *WNNContext;
typedef struct WNNGraphBuilderImpl *WNNGraphBuilder;
typedef struct WNNOperandImpl *WNNOperand;
typedef struct WNNGraphImpl *WNNGraph;
typedef struct WNNTensorImpl *WNNTensor;

/* C-only extension: resource limits of a context, so that hostile or mistaken input is
 * refused with an error instead of exhausting memory. The specification lets an
 * implementation refuse a byte length it does not support ("check dimensions") and a graph
 * it cannot convert (build() rejects with an OperationError); these name the amounts.
 *
 * maxTensorBytes bounds the byte length of every operand (input, constant, each operator's
 * output) and of every tensor (createTensor, createConstantTensor): a larger one is a
 * TypeError when it is created. Element counts are already at most 2^31-1, but that still
 * allows an 8 GiB float32 tensor and a 16 GiB int64 one. The default, 1 GiB, is seven times
 * the largest tensor of the conformance suites (36,000,000 float32 elements) and still
 * allocatable on a CI machine.
 *
 * maxGraphBytes bounds what evaluating a graph holds at once: every reachable operand (graph
 * inputs, constants, intermediate results: the evaluator keeps them all), a second buffer
 * per graph output (results are written to fresh buffers, so that a failed dispatch leaves
 * the output tensors unchanged) and the largest scratch buffer of one operator's kernel.
 * build() refuses a graph above it with an OperationError. The default, 4 GiB, holds four
 * tensors at the tensor limit and fits the memory of common CI runners with room to spare.
 * Beyond it, an evaluation may allocate one byte per element for unspecified masks (where
 * elements are marked) and, in wnnContextDispatchMagnitudes, a copy of one operator's
 * floating-point inputs; nothing else grows with the input.
 *
 * 0 in WNNContextOptions means the default. */
#define WNN_DEFAULT_MAX_TENSOR_BYTES ((uint64_t)1 << 30)
#define WNN_DEFAULT_MAX_GRAPH_BYTES ((uint64_t)4 << 30)

typedef struct WNNContextOptions {
    WNNPowerPreference powerPreference;
    WNNBool accelerated;
    WNNExecutor executor;    /* C-only extension */
    uint64_t maxTensorBytes; /* C-only extension: 0 means WNN_DEFAULT_MAX_TENSOR_BYTES */
    uint64_t maxGraphBytes;  /* C-only extension: 0 means WNN_DEFAULT_MAX_GRAPH_BYTES */
} WNNContextOptions;
#define WNN_CONTEXT_OPTIONS_INIT {WNNPowerPreference_Default, 1, WNNExecutor_Reference, 0, 0}

/* MLOperandDescriptor. shape has shapeCount items; shapeCount 0 is a scalar. */
typedef struct WNNOperandDescriptor {
    WNNOperandDataType dataType;
    const uint32_t *shape;
    size_t shapeCount;
} WNNOperandDescriptor;

/* MLTensorDescriptor. */
typedef struct WNNTensorDescriptor {
    WNNOperandDataType dataType;
    const uint32_t *shape;
    size_t shapeCount;
    WNNBool readable;
    WNNBool writable;
} WNNTensorDescriptor;

/* MLNamedOperands / MLNamedTensors entries. */
typedef struct WNNNamedOperand {
    const char *name;
    WNNOperand operand;
} WNNNamedOperand;

typedef struct WNNNamedTensor {
    const char *name;
    WNNTensor tensor;
} WNNNamedTensor;

/* ----------------------------------------------------------------------------------------- */
/* Core: contexts, builders, graphs, tensors                                                 */
/* ----------------------------------------------------------------------------------------- */

const char *wnnStatusString(WNNStatus status);
/* The spec's name of a data type ("float32", ...), or NULL when out of range. */
const char *wnnOperandDataTypeString(WNNOperandDataType dataType);
/* Size of one element in bytes (int4/uint4: 1), or 0 when out of range. */
size_t wnnOperandDataTypeByteSize(WNNOperandDataType dataType);

/* ML.createContext(options). */
WNNStatus wnnCreateContext(const WNNContextOptions *options, WNNContext *out);
const char *wnnContextGetErrorMessage(WNNContext context);
void wnnContextRelease(WNNContext context);

/* MLGraphBuilder constructor. */
WNNStatus wnnCreateGraphBuilder(WNNContext context, WNNGraphBuilder *out);
const char *wnnGraphBuilderGetErrorMessage(WNNGraphBuilder builder);
void wnnGraphBuilderRelease(WNNGraphBuilder builder);

/* MLOperand.dataType and MLOperand.shape. The shape pointer lives as long as the builder;
 * *shapeCount receives the rank. */
WNNOperandDataType wnnOperandGetDataType(WNNOperand operand);
const uint32_t *wnnOperandGetShape(WNNOperand operand, size_t *shapeCount);

/* MLGraphBuilder.input(name, descriptor). */
WNNStatus wnnGraphBuilderInput(WNNGraphBuilder b, const char *name,
                               const WNNOperandDescriptor *desc, WNNOperand *out);
/* MLGraphBuilder.constant(descriptor, buffer): byteLength must equal the descriptor's. */
WNNStatus wnnGraphBuilderConstant(WNNGraphBuilder b, const WNNOperandDescriptor *desc,
                                  const void *data, size_t byteLength, WNNOperand *out);
/* MLGraphBuilder.constant(dataType, value): value goes through the spec's cast algorithm. */
WNNStatus wnnGraphBuilderConstantScalar(WNNGraphBuilder b, WNNOperandDataType type,
                                        WNNNumber value, WNNOperand *out);
/* MLGraphBuilder.constant(tensor): tensor made by wnnContextCreateConstantTensor. */
WNNStatus wnnGraphBuilderConstantTensor(WNNGraphBuilder b, WNNTensor tensor, WNNOperand *out);
/* MLGraphBuilder.build(outputs): synchronous here. Output names must be distinct. */
WNNStatus wnnGraphBuilderBuild(WNNGraphBuilder b, size_t count,
                               const WNNNamedOperand *outputs, WNNGraph *out);
void wnnGraphRelease(WNNGraph graph);

/* MLContext.createTensor(descriptor): contents zero-initialised. */
WNNStatus wnnContextCreateTensor(WNNContext c, const WNNTensorDescriptor *desc, WNNTensor *out);
/* MLContext.createConstantTensor(descriptor, inputData). */
WNNStatus wnnContextCreateConstantTensor(WNNContext c, const WNNOperandDescriptor *desc,
                                         const void *data, size_t byteLength, WNNTensor *out);
/* MLContext.writeTensor(tensor, inputData): byteLength must equal the tensor's. */
WNNStatus wnnContextWriteTensor(WNNContext c, WNNTensor t, const void *data, size_t byteLength);
/* MLContext.readTensor(tensor, outputData): byteLength must equal the tensor's. */
WNNStatus wnnContextReadTensor(WNNContext c, WNNTensor t, void *data, size_t byteLength);
/* MLContext.dispatch(graph, inputs, outputs): synchronous here. */
WNNStatus wnnContextDispatch(WNNContext c, WNNGraph g,
                             size_t inputCount, const WNNNamedTensor *inputs,
                             size_t outputCount, const WNNNamedTensor *outputs);
/* MLTensor.destroy() and release in one: the handle is invalid afterwards. */
void wnnTensorRelease(WNNTensor tensor);
WNNOperandDataType wnnTensorGetDataType(WNNTensor tensor);
const uint32_t *wnnTensorGetShape(WNNTensor tensor, size_t *shapeCount);

/* C-only extension: the unspecified mask of a tensor written by the last dispatch that
 * wrote it. mask receives one byte per element (1: the specification does not define this
 * element's value; the tensor holds the reference's documented choice), count must equal the
 * element count. *unspecifiedCount (may be NULL) receives the number of 1 bytes. */
WNNStatus wnnContextReadTensorUnspecifiedMask(WNNContext c, WNNTensor t, uint8_t *mask,
                                              size_t count, size_t *unspecifiedCount);

/* C-only extension: the magnitude evaluation behind the "bounds" comparison mode. Checked
 * like wnnContextDispatch and run the same way, except that every operator reads the absolute
 * values of its floating-point inputs. For an accumulating operator (matmul, conv2d,
 * reductions, ...) each output element is then the sum of the magnitudes of the terms behind
 * it, the scale of the rounding error an implementation may make there. Integer data is
 * used as it is. */
WNNStatus wnnContextDispatchMagnitudes(WNNContext c, WNNGraph g,
                                       size_t inputCount, const WNNNamedTensor *inputs,
                                       size_t outputCount, const WNNNamedTensor *outputs);

/* C-only extension: watching a dispatch operator by operator, for tracing and timing. The
 * observer's functions are called for each operator of the graph (in evaluation order: the
 * operators the outputs depend on, each after those it reads), before it runs and after, with
 * its outputs. Either function may be NULL. The tensors are valid only during the call. */
typedef struct WNNObservedTensor {
    WNNOperandDataType dataType;
    const uint32_t *shape;
    size_t shapeCount;
    size_t count;         /* elements */
    const void *data;     /* count elements of dataType */
    const uint8_t *mask;  /* NULL when every element is specified, else count bytes (1: the
                             specification does not define the element's value) */
} WNNObservedTensor;

typedef struct WNNDispatchObserver {
    void *userData;
    void (*operatorBegin)(void *userData, size_t index, const char *operatorName,
                          const char *label /* "" when none */);
    void (*operatorEnd)(void *userData, size_t index, const char *operatorName,
                        const char *label, size_t outputCount, const WNNObservedTensor *outputs);
} WNNDispatchObserver;

/* wnnContextDispatch, calling observer (may be NULL) around every operator. */
WNNStatus wnnContextDispatchObserved(WNNContext c, WNNGraph g,
                                     size_t inputCount, const WNNNamedTensor *inputs,
                                     size_t outputCount, const WNNNamedTensor *outputs,
                                     const WNNDispatchObserver *observer);

/* ----------------------------------------------------------------------------------------- */
/* Operator options                                                                          */
/* ----------------------------------------------------------------------------------------- */

/* MLOperatorOptions: label ("" or NULL: none) appears in error messages. */
typedef struct WNNOperatorOptions {
    const char *label;
} WNNOperatorOptions;
#define WNN_OPERATOR_OPTIONS_INIT {NULL}

typedef struct WNNArgMinMaxOptions {
    const char *label;
    WNNBool keepDimensions;
    WNNOperandDataType outputDataType;
} WNNArgMinMaxOptions;
#define WNN_ARG_MIN_MAX_OPTIONS_INIT {NULL, 0, WNNOperandDataType_Int32}

typedef struct WNNBatchNormalizationOptions {
    const char *label;
    WNNOperand scale;
    WNNOperand bias;
    uint32_t axis;
    double epsilon;
} WNNBatchNormalizationOptions;
#define WNN_BATCH_NORMALIZATION_OPTIONS_INIT {NULL, NULL, NULL, 1, 1e-5}

typedef struct WNNClampOptions {
    const char *label;
    WNNBool hasMinValue;
    WNNNumber minValue;
    WNNBool hasMaxValue;
    WNNNumber maxValue;
} WNNClampOptions;
#define WNN_CLAMP_OPTIONS_INIT {NULL, 0, WNN_NUMBER_DOUBLE(0), 0, WNN_NUMBER_DOUBLE(0)}

typedef struct WNNConv2dOptions {
    const char *label;
    const uint32_t *padding; size_t paddingCount;       /* default [0,0,0,0] */
    const uint32_t *strides; size_t stridesCount;       /* default [1,1] */
    const uint32_t *dilations; size_t dilationsCount;   /* default [1,1] */
    uint32_t groups;
    WNNInputOperandLayout inputLayout;
    WNNConv2dFilterOperandLayout filterLayout;
    WNNOperand bias;
} WNNConv2dOptions;
#define WNN_CONV2D_OPTIONS_INIT {NULL, NULL, 0, NULL, 0, NULL, 0, 1, \
    WNNInputOperandLayout_Nchw, WNNConv2dFilterOperandLayout_Oihw, NULL}

typedef struct WNNConvTranspose2dOptions {
    const char *label;
    const uint32_t *padding; size_t paddingCount;             /* default [0,0,0,0] */
    const uint32_t *strides; size_t stridesCount;             /* default [1,1] */
    const uint32_t *dilations; size_t dilationsCount;         /* default [1,1] */
    const uint32_t *outputPadding; size_t outputPaddingCount; /* default [0,0] */
    const uint32_t *outputSizes; size_t outputSizesCount;     /* optional */
    uint32_t groups;
    WNNInputOperandLayout inputLayout;
    WNNConvTranspose2dFilterOperandLayout filterLayout;
    WNNOperand bias;
} WNNConvTranspose2dOptions;
#define WNN_CONV_TRANSPOSE2D_OPTIONS_INIT {NULL, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, 1, \
    WNNInputOperandLayout_Nchw, WNNConvTranspose2dFilterOperandLayout_Iohw, NULL}

typedef struct WNNCumulativeSumOptions {
    const char *label;
    WNNBool exclusive;
    WNNBool reversed;
} WNNCumulativeSumOptions;
#define WNN_CUMULATIVE_SUM_OPTIONS_INIT {NULL, 0, 0}

typedef struct WNNEluOptions {
    const char *label;
    double alpha;
} WNNEluOptions;
#define WNN_ELU_OPTIONS_INIT {NULL, 1.0}

typedef struct WNNGatherOptions {
    const char *label;
    uint32_t axis;
} WNNGatherOptions;
#define WNN_GATHER_OPTIONS_INIT {NULL, 0}

typedef struct WNNGemmOptions {
    const char *label;
    WNNOperand c;
    double alpha;
    double beta;
    WNNBool aTranspose;
    WNNBool bTranspose;
} WNNGemmOptions;
#define WNN_GEMM_OPTIONS_INIT {NULL, NULL, 1.0, 1.0, 0, 0}

typedef struct WNNGruOptions {
    const char *label;
    WNNOperand bias;
    WNNOperand recurrentBias;
    WNNOperand initialHiddenState;
    WNNBool resetAfter;
    WNNBool returnSequence;
    WNNRecurrentNetworkDirection direction;
    WNNGruWeightLayout layout;
    const WNNRecurrentNetworkActivation *activations; size_t activationsCount;
} WNNGruOptions;
#define WNN_GRU_OPTIONS_INIT {NULL, NULL, NULL, NULL, 1, 0, \
    WNNRecurrentNetworkDirection_Forward, WNNGruWeightLayout_Zrn, NULL, 0}

typedef struct WNNGruCellOptions {
    const char *label;
    WNNOperand bias;
    WNNOperand recurrentBias;
    WNNBool resetAfter;
    WNNGruWeightLayout layout;
    const WNNRecurrentNetworkActivation *activations; size_t activationsCount;
} WNNGruCellOptions;
#define WNN_GRU_CELL_OPTIONS_INIT {NULL, NULL, NULL, 1, WNNGruWeightLayout_Zrn, NULL, 0}

typedef struct WNNHardSigmoidOptions {
    const char *label;
    double alpha;
    double beta;
} WNNHardSigmoidOptions;
#define WNN_HARD_SIGMOID_OPTIONS_INIT {NULL, 0.2, 0.5}

typedef struct WNNInstanceNormalizationOptions {
    const char *label;
    WNNOperand scale;
    WNNOperand bias;
    double epsilon;
    WNNInputOperandLayout layout;
} WNNInstanceNormalizationOptions;
#define WNN_INSTANCE_NORMALIZATION_OPTIONS_INIT {NULL, NULL, NULL, 1e-5, WNNInputOperandLayout_Nchw}

typedef struct WNNLayerNormalizationOptions {
    const char *label;
    WNNOperand scale;
    WNNOperand bias;
    const uint32_t *axes; size_t axesCount; /* NULL: [1, ..., rank-1] */
    double epsilon;
} WNNLayerNormalizationOptions;
#define WNN_LAYER_NORMALIZATION_OPTIONS_INIT {NULL, NULL, NULL, NULL, 0, 1e-5}

typedef struct WNNLeakyReluOptions {
    const char *label;
    double alpha;
} WNNLeakyReluOptions;
#define WNN_LEAKY_RELU_OPTIONS_INIT {NULL, 0.01}

typedef struct WNNLinearOptions {
    const char *label;
    double alpha;
    double beta;
} WNNLinearOptions;
#define WNN_LINEAR_OPTIONS_INIT {NULL, 1.0, 0.0}

typedef struct WNNLstmOptions {
    const char *label;
    WNNOperand bias;
    WNNOperand recurrentBias;
    WNNOperand peepholeWeight;
    WNNOperand initialHiddenState;
    WNNOperand initialCellState;
    WNNBool returnSequence;
    WNNRecurrentNetworkDirection direction;
    WNNLstmWeightLayout layout;
    const WNNRecurrentNetworkActivation *activations; size_t activationsCount;
} WNNLstmOptions;
#define WNN_LSTM_OPTIONS_INIT {NULL, NULL, NULL, NULL, NULL, NULL, 0, \
    WNNRecurrentNetworkDirection_Forward, WNNLstmWeightLayout_Iofg, NULL, 0}

typedef struct WNNLstmCellOptions {
    const char *label;
    WNNOperand bias;
    WNNOperand recurrentBias;
    WNNOperand peepholeWeight;
    WNNLstmWeightLayout layout;
    const WNNRecurrentNetworkActivation *activations; size_t activationsCount;
} WNNLstmCellOptions;
#define WNN_LSTM_CELL_OPTIONS_INIT {NULL, NULL, NULL, NULL, WNNLstmWeightLayout_Iofg, NULL, 0}

typedef struct WNNPadOptions {
    const char *label;
    WNNPaddingMode mode;
    WNNNumber value;
} WNNPadOptions;
#define WNN_PAD_OPTIONS_INIT {NULL, WNNPaddingMode_Constant, WNN_NUMBER_DOUBLE(0)}

typedef struct WNNPool2dOptions {
    const char *label;
    const uint32_t *windowDimensions; size_t windowDimensionsCount; /* default: spatial dims */
    const uint32_t *padding; size_t paddingCount;                   /* default [0,0,0,0] */
    const uint32_t *strides; size_t stridesCount;                   /* default [1,1] */
    const uint32_t *dilations; size_t dilationsCount;               /* default [1,1] */
    WNNInputOperandLayout layout;
    WNNRoundingType outputShapeRounding;
    const uint32_t *outputSizes; size_t outputSizesCount;           /* optional */
} WNNPool2dOptions;
#define WNN_POOL2D_OPTIONS_INIT {NULL, NULL, 0, NULL, 0, NULL, 0, NULL, 0, \
    WNNInputOperandLayout_Nchw, WNNRoundingType_Floor, NULL, 0}

typedef struct WNNReduceOptions {
    const char *label;
    const uint32_t *axes; size_t axesCount; /* NULL: all axes; non-NULL with 0: none */
    WNNBool keepDimensions;
} WNNReduceOptions;
#define WNN_REDUCE_OPTIONS_INIT {NULL, NULL, 0, 0}

typedef struct WNNResample2dOptions {
    const char *label;
    WNNInterpolationMode mode;
    const float *scales; size_t scalesCount;    /* default [1.0, 1.0] */
    const uint32_t *sizes; size_t sizesCount;   /* optional; overrides scales */
    const uint32_t *axes; size_t axesCount;     /* default [2, 3] */
} WNNResample2dOptions;
#define WNN_RESAMPLE2D_OPTIONS_INIT {NULL, WNNInterpolationMode_NearestNeighbor, \
    NULL, 0, NULL, 0, NULL, 0}

typedef struct WNNReverseOptions {
    const char *label;
    const uint32_t *axes; size_t axesCount; /* NULL: all axes; non-NULL with 0: none */
} WNNReverseOptions;
#define WNN_REVERSE_OPTIONS_INIT {NULL, NULL, 0}

typedef struct WNNScatterOptions {
    const char *label;
    uint32_t axis;
} WNNScatterOptions;
#define WNN_SCATTER_OPTIONS_INIT {NULL, 0}

typedef struct WNNSliceOptions {
    const char *label;
    const uint32_t *strides; size_t stridesCount; /* default all 1 */
} WNNSliceOptions;
#define WNN_SLICE_OPTIONS_INIT {NULL, NULL, 0}

typedef struct WNNSplitOptions {
    const char *label;
    uint32_t axis;
} WNNSplitOptions;
#define WNN_SPLIT_OPTIONS_INIT {NULL, 0}

typedef struct WNNTransposeOptions {
    const char *label;
    const uint32_t *permutation; size_t permutationCount; /* NULL: reversed axes */
} WNNTransposeOptions;
#define WNN_TRANSPOSE_OPTIONS_INIT {NULL, NULL, 0}

typedef struct WNNTriangularOptions {
    const char *label;
    WNNBool upper;
    int32_t diagonal;
} WNNTriangularOptions;
#define WNN_TRIANGULAR_OPTIONS_INIT {NULL, 1, 0}

/* ----------------------------------------------------------------------------------------- */
/* Operators: one function per MLGraphBuilder method, in the specification's order.          */
/* Each creates its output operand(s) in *out; options may be NULL (defaults).               */
/* ----------------------------------------------------------------------------------------- */

#define WNN_UNARY_(Name) \
    WNNStatus wnnGraphBuilder##Name(WNNGraphBuilder b, WNNOperand input, \
                                    const WNNOperatorOptions *options, WNNOperand *out)
#define WNN_BINARY_(Name) \
    WNNStatus wnnGraphBuilder##Name(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, \
                                    const WNNOperatorOptions *options, WNNOperand *out)

/* argMin / argMax */
WNNStatus wnnGraphBuilderArgMin(WNNGraphBuilder b, WNNOperand input, uint32_t axis,
                                const WNNArgMinMaxOptions *options, WNNOperand *out);
WNNStatus wnnGraphBuilderArgMax(WNNGraphBuilder b, WNNOperand input, uint32_t axis,
                                const WNNArgMinMaxOptions *options, WNNOperand *out);
/* batchNormalization */
WNNStatus wnnGraphBuilderBatchNormalization(WNNGraphBuilder b, WNNOperand input,
                                            WNNOperand mean, WNNOperand variance,
                                            const WNNBatchNormalizationOptions *options,
                                            WNNOperand *out);
/* cast */
WNNStatus wnnGraphBuilderCast(WNNGraphBuilder b, WNNOperand input, WNNOperandDataType dataType,
                              const WNNOperatorOptions *options, WNNOperand *out);
/* clamp */
WNNStatus wnnGraphBuilderClamp(WNNGraphBuilder b, WNNOperand input,
                               const WNNClampOptions *options, WNNOperand *out);
/* concat: inputs has inputCount items (1 to 8192) */
WNNStatus wnnGraphBuilderConcat(WNNGraphBuilder b, size_t inputCount, const WNNOperand *inputs,
                                uint32_t axis, const WNNOperatorOptions *options, WNNOperand *out);
/* conv2d, convTranspose2d */
WNNStatus wnnGraphBuilderConv2d(WNNGraphBuilder b, WNNOperand input, WNNOperand filter,
                                const WNNConv2dOptions *options, WNNOperand *out);
WNNStatus wnnGraphBuilderConvTranspose2d(WNNGraphBuilder b, WNNOperand input, WNNOperand filter,
                                         const WNNConvTranspose2dOptions *options,
                                         WNNOperand *out);
/* cumulativeSum */
WNNStatus wnnGraphBuilderCumulativeSum(WNNGraphBuilder b, WNNOperand input, uint32_t axis,
                                       const WNNCumulativeSumOptions *options, WNNOperand *out);
/* element-wise binary */
WNN_BINARY_(Add); WNN_BINARY_(Sub); WNN_BINARY_(Mul); WNN_BINARY_(Div);
WNN_BINARY_(Max); WNN_BINARY_(Min); WNN_BINARY_(Pow);
/* element-wise logical */
WNN_BINARY_(Equal); WNN_BINARY_(NotEqual); WNN_BINARY_(Greater); WNN_BINARY_(GreaterOrEqual);
WNN_BINARY_(Lesser); WNN_BINARY_(LesserOrEqual);
WNNStatus wnnGraphBuilderLogicalNot(WNNGraphBuilder b, WNNOperand a,
                                    const WNNOperatorOptions *options, WNNOperand *out);
WNN_BINARY_(LogicalAnd); WNN_BINARY_(LogicalOr); WNN_BINARY_(LogicalXor);
WNNStatus wnnGraphBuilderIsNaN(WNNGraphBuilder b, WNNOperand a,
                               const WNNOperatorOptions *options, WNNOperand *out);
WNNStatus wnnGraphBuilderIsInfinite(WNNGraphBuilder b, WNNOperand a,
                                    const WNNOperatorOptions *options, WNNOperand *out);
/* element-wise unary */
WNN_UNARY_(Abs); WNN_UNARY_(Ceil); WNN_UNARY_(Cos); WNN_UNARY_(Erf); WNN_UNARY_(Exp);
WNN_UNARY_(Floor); WNN_UNARY_(Identity); WNN_UNARY_(Log); WNN_UNARY_(Neg);
WNN_UNARY_(Reciprocal); WNN_UNARY_(RoundEven); WNN_UNARY_(Sin); WNN_UNARY_(Sign);
WNN_UNARY_(Sqrt); WNN_UNARY_(Tan);
/* dequantizeLinear, quantizeLinear */
WNNStatus wnnGraphBuilderDequantizeLinear(WNNGraphBuilder b, WNNOperand input, WNNOperand scale,
                                          WNNOperand zeroPoint,
                                          const WNNOperatorOptions *options, WNNOperand *out);
WNNStatus wnnGraphBuilderQuantizeLinear(WNNGraphBuilder b, WNNOperand input, WNNOperand scale,
                                        WNNOperand zeroPoint,
                                        const WNNOperatorOptions *options, WNNOperand *out);
/* elu */
WNNStatus wnnGraphBuilderElu(WNNGraphBuilder b, WNNOperand input,
                             const WNNEluOptions *options, WNNOperand *out);
/* expand */
WNNStatus wnnGraphBuilderExpand(WNNGraphBuilder b, WNNOperand input, const uint32_t *newShape,
                                size_t newShapeCount, const WNNOperatorOptions *options,
                                WNNOperand *out);
/* gather, gatherElements, gatherND */
WNNStatus wnnGraphBuilderGather(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                const WNNGatherOptions *options, WNNOperand *out);
WNNStatus wnnGraphBuilderGatherElements(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                        const WNNGatherOptions *options, WNNOperand *out);
WNNStatus wnnGraphBuilderGatherND(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                  const WNNOperatorOptions *options, WNNOperand *out);
/* gelu */
WNN_UNARY_(Gelu);
/* gemm */
WNNStatus wnnGraphBuilderGemm(WNNGraphBuilder b, WNNOperand a, WNNOperand bb,
                              const WNNGemmOptions *options, WNNOperand *out);
/* gru: outputs receives 1 operand, or 2 with returnSequence; *outputCount (may be NULL) says
 * how many. outputs must have room for 2. */
WNNStatus wnnGraphBuilderGru(WNNGraphBuilder b, WNNOperand input, WNNOperand weight,
                             WNNOperand recurrentWeight, uint32_t steps, uint32_t hiddenSize,
                             const WNNGruOptions *options, WNNOperand *outputs,
                             size_t *outputCount);
WNNStatus wnnGraphBuilderGruCell(WNNGraphBuilder b, WNNOperand input, WNNOperand weight,
                                 WNNOperand recurrentWeight, WNNOperand hiddenState,
                                 uint32_t hiddenSize, const WNNGruCellOptions *options,
                                 WNNOperand *out);
/* hardSigmoid, hardSwish */
WNNStatus wnnGraphBuilderHardSigmoid(WNNGraphBuilder b, WNNOperand input,
                                     const WNNHardSigmoidOptions *options, WNNOperand *out);
WNN_UNARY_(HardSwish);
/* instanceNormalization, layerNormalization */
WNNStatus wnnGraphBuilderInstanceNormalization(WNNGraphBuilder b, WNNOperand input,
                                               const WNNInstanceNormalizationOptions *options,
                                               WNNOperand *out);
WNNStatus wnnGraphBuilderLayerNormalization(WNNGraphBuilder b, WNNOperand input,
                                            const WNNLayerNormalizationOptions *options,
                                            WNNOperand *out);
/* leakyRelu, linear */
WNNStatus wnnGraphBuilderLeakyRelu(WNNGraphBuilder b, WNNOperand input,
                                   const WNNLeakyReluOptions *options, WNNOperand *out);
WNNStatus wnnGraphBuilderLinear(WNNGraphBuilder b, WNNOperand input,
                                const WNNLinearOptions *options, WNNOperand *out);
/* lstm: outputs receives 2 operands, or 3 with returnSequence; room for 3 needed. */
WNNStatus wnnGraphBuilderLstm(WNNGraphBuilder b, WNNOperand input, WNNOperand weight,
                              WNNOperand recurrentWeight, uint32_t steps, uint32_t hiddenSize,
                              const WNNLstmOptions *options, WNNOperand *outputs,
                              size_t *outputCount);
/* lstmCell: outputs receives 2 operands (hidden state, cell state). */
WNNStatus wnnGraphBuilderLstmCell(WNNGraphBuilder b, WNNOperand input, WNNOperand weight,
                                  WNNOperand recurrentWeight, WNNOperand hiddenState,
                                  WNNOperand cellState, uint32_t hiddenSize,
                                  const WNNLstmCellOptions *options, WNNOperand *outputs);
/* matmul */
WNN_BINARY_(Matmul);
/* pad */
WNNStatus wnnGraphBuilderPad(WNNGraphBuilder b, WNNOperand input,
                             const uint32_t *beginningPadding, size_t beginningPaddingCount,
                             const uint32_t *endingPadding, size_t endingPaddingCount,
                             const WNNPadOptions *options, WNNOperand *out);
/* averagePool2d, l2Pool2d, maxPool2d */
WNNStatus wnnGraphBuilderAveragePool2d(WNNGraphBuilder b, WNNOperand input,
                                       const WNNPool2dOptions *options, WNNOperand *out);
WNNStatus wnnGraphBuilderL2Pool2d(WNNGraphBuilder b, WNNOperand input,
                                  const WNNPool2dOptions *options, WNNOperand *out);
WNNStatus wnnGraphBuilderMaxPool2d(WNNGraphBuilder b, WNNOperand input,
                                   const WNNPool2dOptions *options, WNNOperand *out);
/* prelu */
WNNStatus wnnGraphBuilderPrelu(WNNGraphBuilder b, WNNOperand input, WNNOperand slope,
                               const WNNOperatorOptions *options, WNNOperand *out);
/* reductions */
#define WNN_REDUCE_(Name) \
    WNNStatus wnnGraphBuilder##Name(WNNGraphBuilder b, WNNOperand input, \
                                    const WNNReduceOptions *options, WNNOperand *out)
WNN_REDUCE_(ReduceL1); WNN_REDUCE_(ReduceL2); WNN_REDUCE_(ReduceLogSum);
WNN_REDUCE_(ReduceLogSumExp); WNN_REDUCE_(ReduceMax); WNN_REDUCE_(ReduceMean);
WNN_REDUCE_(ReduceMin); WNN_REDUCE_(ReduceProduct); WNN_REDUCE_(ReduceSum);
WNN_REDUCE_(ReduceSumSquare);
/* relu */
WNN_UNARY_(Relu);
/* resample2d */
WNNStatus wnnGraphBuilderResample2d(WNNGraphBuilder b, WNNOperand input,
                                    const WNNResample2dOptions *options, WNNOperand *out);
/* reshape */
WNNStatus wnnGraphBuilderReshape(WNNGraphBuilder b, WNNOperand input, const uint32_t *newShape,
                                 size_t newShapeCount, const WNNOperatorOptions *options,
                                 WNNOperand *out);
/* reverse */
WNNStatus wnnGraphBuilderReverse(WNNGraphBuilder b, WNNOperand input,
                                 const WNNReverseOptions *options, WNNOperand *out);
/* scatterElements, scatterND */
WNNStatus wnnGraphBuilderScatterElements(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                         WNNOperand updates, const WNNScatterOptions *options,
                                         WNNOperand *out);
WNNStatus wnnGraphBuilderScatterND(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                   WNNOperand updates, const WNNOperatorOptions *options,
                                   WNNOperand *out);
/* sigmoid */
WNN_UNARY_(Sigmoid);
/* slice */
WNNStatus wnnGraphBuilderSlice(WNNGraphBuilder b, WNNOperand input,
                               const uint32_t *starts, size_t startsCount,
                               const uint32_t *sizes, size_t sizesCount,
                               const WNNSliceOptions *options, WNNOperand *out);
/* softmax */
WNNStatus wnnGraphBuilderSoftmax(WNNGraphBuilder b, WNNOperand input, uint32_t axis,
                                 const WNNOperatorOptions *options, WNNOperand *out);
/* softplus, softsign */
WNN_UNARY_(Softplus); WNN_UNARY_(Softsign);
/* split: splits is (unsigned long or sequence<unsigned long>). With splitSizes NULL,
 * splitCount equal pieces; otherwise splitSizesCount pieces of the given sizes. outputs must
 * have room for outputCapacity operands; *outputCount receives the number of pieces. */
WNNStatus wnnGraphBuilderSplit(WNNGraphBuilder b, WNNOperand input, uint32_t splitCount,
                               const uint32_t *splitSizes, size_t splitSizesCount,
                               const WNNSplitOptions *options, size_t outputCapacity,
                               WNNOperand *outputs, size_t *outputCount);
/* tanh */
WNN_UNARY_(Tanh);
/* tile */
WNNStatus wnnGraphBuilderTile(WNNGraphBuilder b, WNNOperand input, const uint32_t *repetitions,
                              size_t repetitionsCount, const WNNOperatorOptions *options,
                              WNNOperand *out);
/* transpose */
WNNStatus wnnGraphBuilderTranspose(WNNGraphBuilder b, WNNOperand input,
                                   const WNNTransposeOptions *options, WNNOperand *out);
/* triangular */
WNNStatus wnnGraphBuilderTriangular(WNNGraphBuilder b, WNNOperand input,
                                    const WNNTriangularOptions *options, WNNOperand *out);
/* where */
WNNStatus wnnGraphBuilderWhere(WNNGraphBuilder b, WNNOperand condition, WNNOperand trueValue,
                               WNNOperand falseValue, const WNNOperatorOptions *options,
                               WNNOperand *out);

#undef WNN_UNARY_
#undef WNN_BINARY_
#undef WNN_REDUCE_

#ifdef __cplusplus
}
#endif

#endif /* WEBNN_H */
