/* ops/slice.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderSlice(WNNGraphBuilder b, WNNOperand input, const uint32_t *starts, size_t startsCount, const uint32_t *sizes, size_t sizesCount, const WNNSliceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)starts;
    (void)startsCount;
    (void)sizes;
    (void)sizesCount;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_slice, options ? options->label : NULL);
}
