/* ref/operators.h - the operator registry: one line per MLGraphBuilder operator method, in
 * the specification's order. It generates the operator enum and the name table used by error
 * messages, traces and the conformance call table. Adding an operator: one line here and one
 * file in ops/. */
#ifndef REF_OPERATORS_H
#define REF_OPERATORS_H

#define REF_OPERATORS(X) \
    X(argMin) X(argMax) X(batchNormalization) X(cast) X(clamp) X(concat) X(conv2d) \
    X(convTranspose2d) X(cumulativeSum) \
    X(add) X(sub) X(mul) X(div) X(max) X(min) X(pow) \
    X(equal) X(notEqual) X(greater) X(greaterOrEqual) X(lesser) X(lesserOrEqual) \
    X(logicalNot) X(logicalAnd) X(logicalOr) X(logicalXor) X(isNaN) X(isInfinite) \
    X(abs) X(ceil) X(cos) X(erf) X(exp) X(floor) X(identity) X(log) X(neg) X(reciprocal) \
    X(roundEven) X(sin) X(sign) X(sqrt) X(tan) \
    X(dequantizeLinear) X(quantizeLinear) X(elu) X(expand) X(gather) X(gatherElements) \
    X(gatherND) X(gelu) X(gemm) X(gru) X(gruCell) X(hardSigmoid) X(hardSwish) \
    X(instanceNormalization) X(layerNormalization) X(leakyRelu) X(linear) X(lstm) \
    X(lstmCell) X(matmul) X(pad) X(averagePool2d) X(l2Pool2d) X(maxPool2d) X(prelu) \
    X(reduceL1) X(reduceL2) X(reduceLogSum) X(reduceLogSumExp) X(reduceMax) X(reduceMean) \
    X(reduceMin) X(reduceProduct) X(reduceSum) X(reduceSumSquare) X(relu) X(resample2d) \
    X(reshape) X(reverse) X(scatterElements) X(scatterND) X(sigmoid) X(slice) X(softmax) \
    X(softplus) X(softsign) X(split) X(tanh) X(tile) X(transpose) X(triangular) X(where)

#define REF_OP_ENUM_(name) REF_OP_##name,
typedef enum ref_op_id { REF_OPERATORS(REF_OP_ENUM_) REF_OP_COUNT } ref_op_id;
#undef REF_OP_ENUM_

/* The specification defines 95 operators; this fails to compile if the list drifts. */
typedef char ref_operator_count_is_95[REF_OP_COUNT == 95 ? 1 : -1];

/* The spec's name of an operator ("conv2d"), or "unknown". */
const char *ref_op_name(ref_op_id op);
/* The operator named `name`, or REF_OP_COUNT. */
ref_op_id ref_op_from_name(const char *name);

#endif
