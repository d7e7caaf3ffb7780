/* ops/matmul.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderMatmul(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_matmul, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderGemm(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNGemmOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_gemm, options ? options->label : NULL);
}
