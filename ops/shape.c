/* ops/shape.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderReshape(WNNGraphBuilder b, WNNOperand input, const uint32_t *newShape, size_t newShapeCount, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)newShape;
    (void)newShapeCount;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reshape, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderExpand(WNNGraphBuilder b, WNNOperand input, const uint32_t *newShape, size_t newShapeCount, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)newShape;
    (void)newShapeCount;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_expand, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderTranspose(WNNGraphBuilder b, WNNOperand input, const WNNTransposeOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_transpose, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderTile(WNNGraphBuilder b, WNNOperand input, const uint32_t *repetitions, size_t repetitionsCount, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)repetitions;
    (void)repetitionsCount;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_tile, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReverse(WNNGraphBuilder b, WNNOperand input, const WNNReverseOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reverse, options ? options->label : NULL);
}
