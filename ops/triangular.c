/* ops/triangular.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderTriangular(WNNGraphBuilder b, WNNOperand input, const WNNTriangularOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_triangular, options ? options->label : NULL);
}
