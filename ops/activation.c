/* ops/activation.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderElu(WNNGraphBuilder b, WNNOperand input, const WNNEluOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_elu, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderGelu(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_gelu, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderHardSigmoid(WNNGraphBuilder b, WNNOperand input, const WNNHardSigmoidOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_hardSigmoid, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderHardSwish(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_hardSwish, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLeakyRelu(WNNGraphBuilder b, WNNOperand input, const WNNLeakyReluOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_leakyRelu, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLinear(WNNGraphBuilder b, WNNOperand input, const WNNLinearOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_linear, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderRelu(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_relu, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderPrelu(WNNGraphBuilder b, WNNOperand input, WNNOperand slope, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)slope;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_prelu, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderSigmoid(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_sigmoid, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderSoftplus(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_softplus, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderSoftsign(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_softsign, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderTanh(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_tanh, options ? options->label : NULL);
}
