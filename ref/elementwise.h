/* ref/elementwise.h - shared validation and loops for element-wise operators: the spec's
 * unary and binary operation steps, and kernels that apply a per-element function with
 * broadcasting and unspecified-mask propagation. */
#ifndef REF_ELEMENTWISE_H
#define REF_ELEMENTWISE_H

#include "builder.h"

/* The output data type is the input's (for ref_op_unary / ref_op_binary). */
#define REF_SAME_TYPE WNNOperandDataType_Force32

/* Per-element functions. x (and y) are exact values of the input type; the result must be a
 * value of the output class (floats: any double, rounded once when stored; integers:
 * already in the output type's range, see ref_fit_signed). Set *unspecified when the
 * specification does not define this element's value. */
typedef ref_scalar (*ref_unary_fn)(ref_scalar x, WNNOperandDataType inType,
                                   WNNOperandDataType outType, const void *attrs,
                                   int *unspecified);
typedef ref_scalar (*ref_binary_fn)(ref_scalar x, ref_scalar y, WNNOperandDataType inType,
                                    WNNOperandDataType outType, const void *attrs,
                                    int *unspecified);

/* Unary operator steps: validate input, check its data type against `allowed`, create an
 * output of the input's shape with type outType (REF_SAME_TYPE: the input's). */
WNNStatus ref_op_unary(ref_op *op, WNNOperand input, const char *argument, unsigned allowed,
                       WNNOperandDataType outType, ref_kernel kernel, const void *attrs,
                       size_t attrSize, WNNOperand *out);
/* Binary operator steps: validate a and b, same data type, in `allowed`, bidirectionally
 * broadcast shapes; output type outType (REF_SAME_TYPE: a's). */
WNNStatus ref_op_binary(ref_op *op, WNNOperand a, WNNOperand b, const char *nameA,
                        const char *nameB, unsigned allowed, WNNOperandDataType outType,
                        ref_kernel kernel, const void *attrs, size_t attrSize, WNNOperand *out);

/* Kernel loops: out[i] = fn(in[i]) and out[i] = fn(a[ia], b[ib]) with broadcasting. */
void ref_map_unary(const ref_tensor *in, ref_tensor *out, ref_unary_fn fn, const void *attrs);
void ref_map_binary(const ref_tensor *a, const ref_tensor *b, ref_tensor *out, ref_binary_fn fn,
                    const void *attrs);

/* An exact integer result brought into the output type: wraps (two's complement) and sets
 * *unspecified when it does not fit, as integer overflow is unspecified. */
ref_scalar ref_fit_signed(int64_t value, int overflowed, WNNOperandDataType type,
                          int *unspecified);
ref_scalar ref_fit_unsigned(uint64_t value, int overflowed, WNNOperandDataType type,
                            int *unspecified);
ref_scalar ref_float_scalar(double value);

#endif
