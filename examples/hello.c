#include <stdio.h>
#include "webnn.h"
int main(void) {  /* y = x * 0.5 on the float64 reference, rounded once to float32 */
    WNNContext ctx; WNNGraphBuilder b; WNNOperand x, half, y; WNNGraph g; WNNTensor t;
    uint32_t shape[1] = {3}; float data[3] = {1.5f, -2.0f, 65504.0f}, result[3];
    WNNOperandDescriptor desc = {WNNOperandDataType_Float32, shape, 1};
    WNNTensorDescriptor tdesc = {WNNOperandDataType_Float32, shape, 1, 1, 0};
    wnnCreateContext(NULL, &ctx); wnnCreateGraphBuilder(ctx, &b);
    wnnGraphBuilderConstant(b, &desc, data, sizeof data, &x);
    wnnGraphBuilderConstantScalar(b, WNNOperandDataType_Float32, wnnNumberFromDouble(0.5), &half);
    if (wnnGraphBuilderMul(b, x, half, NULL, &y)) return puts(wnnGraphBuilderGetErrorMessage(b)), 1;
    WNNNamedOperand named = {"y", y}; wnnGraphBuilderBuild(b, 1, &named, &g);
    wnnContextCreateTensor(ctx, &tdesc, &t); WNNNamedTensor out = {"y", t};
    wnnContextDispatch(ctx, g, 0, NULL, 1, &out); wnnContextReadTensor(ctx, t, result, sizeof result);
    printf("%g %g %g\n", result[0], result[1], result[2]);
    wnnTensorRelease(t); wnnGraphRelease(g); wnnGraphBuilderRelease(b); wnnContextRelease(ctx);
    return 0;
}
