/* tests/harness.c - see harness.h. */
#include "harness.h"
#include "../tools/cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void th_init(th_env *env)
{
    /* The operator tests check validation rules on shapes up to the spec's 2^31-1 elements
     * without dispatching them, so the context has no resource limits; check_limits.c tests
     * the limits and their defaults. */
    WNNContextOptions options = WNN_CONTEXT_OPTIONS_INIT;
    options.maxTensorBytes = UINT64_MAX;
    options.maxGraphBytes = UINT64_MAX;
    memset(env, 0, sizeof *env);
    ck_assert_int_eq(wnnCreateContext(&options, &env->context), WNNStatus_Success);
    ck_assert_int_eq(wnnCreateGraphBuilder(env->context, &env->builder), WNNStatus_Success);
}

void th_free(th_env *env)
{
    wnnGraphBuilderRelease(env->builder);
    wnnContextRelease(env->context);
    memset(env, 0, sizeof *env);
}

WNNOperand th_input(th_env *env, WNNOperandDataType type, const uint32_t *shape, size_t rank,
                    const void *data)
{
    WNNOperandDescriptor desc;
    WNNOperand operand = NULL;
    WNNStatus s;
    ck_assert_uint_lt(env->inputCount, TH_MAX_INPUTS);
    desc.dataType = type;
    desc.shape = shape;
    desc.shapeCount = rank;
    snprintf(env->inputs[env->inputCount].name, sizeof env->inputs[0].name, "in%lu",
             (unsigned long)env->inputCount);
    s = wnnGraphBuilderInput(env->builder, env->inputs[env->inputCount].name, &desc, &operand);
    ck_assert_msg(s == WNNStatus_Success, "input: %s", wnnGraphBuilderGetErrorMessage(env->builder));
    env->inputs[env->inputCount].operand = operand;
    env->inputs[env->inputCount].data = data;
    env->inputCount++;
    return operand;
}

static size_t element_count(const uint32_t *shape, size_t rank)
{
    size_t n = 1, i;
    for (i = 0; i < rank; i++)
        n *= shape[i];
    return n;
}

WNNOperand th_constant(th_env *env, WNNOperandDataType type, const uint32_t *shape,
                       size_t rank, const void *data)
{
    WNNOperandDescriptor desc;
    WNNOperand operand = NULL;
    WNNStatus s;
    desc.dataType = type;
    desc.shape = shape;
    desc.shapeCount = rank;
    s = wnnGraphBuilderConstant(env->builder, &desc, data,
                                element_count(shape, rank) * wnnOperandDataTypeByteSize(type),
                                &operand);
    ck_assert_msg(s == WNNStatus_Success, "constant: %s",
                  wnnGraphBuilderGetErrorMessage(env->builder));
    return operand;
}

WNNStatus th_run(th_env *env, size_t count, const WNNOperand *outputs, th_result *results)
{
    WNNNamedOperand named[TH_MAX_OUTPUTS];
    WNNNamedTensor inputs[TH_MAX_INPUTS], outs[TH_MAX_OUTPUTS];
    char names[TH_MAX_OUTPUTS][16];
    size_t i, inputCount = 0;
    WNNGraph graph = NULL;
    WNNStatus s;
    ck_assert_uint_le(count, TH_MAX_OUTPUTS);
    for (i = 0; i < count; i++) {
        snprintf(names[i], sizeof names[i], "out%lu", (unsigned long)i);
        named[i].name = names[i];
        named[i].operand = outputs[i];
    }
    s = wnnGraphBuilderBuild(env->builder, count, named, &graph);
    if (s != WNNStatus_Success)
        return s;
    /* Bind every input the graph uses: an input the outputs do not reach is not a graph
     * input, so binding it would be an error; the harness feeds only reachable ones by
     * trying each and keeping those dispatch accepts is not possible, so tests that leave
     * inputs unreachable must not create them. */
    for (i = 0; i < env->inputCount; i++) {
        WNNTensorDescriptor td;
        size_t rank;
        const uint32_t *shape = wnnOperandGetShape(env->inputs[i].operand, &rank);
        WNNTensor t = NULL;
        td.dataType = wnnOperandGetDataType(env->inputs[i].operand);
        td.shape = shape;
        td.shapeCount = rank;
        td.readable = 0;
        td.writable = 1;
        ck_assert_int_eq(wnnContextCreateTensor(env->context, &td, &t), WNNStatus_Success);
        ck_assert_int_eq(wnnContextWriteTensor(env->context, t, env->inputs[i].data,
                                               element_count(shape, rank) *
                                                   wnnOperandDataTypeByteSize(td.dataType)),
                         WNNStatus_Success);
        inputs[inputCount].name = env->inputs[i].name;
        inputs[inputCount++].tensor = t;
    }
    for (i = 0; i < count; i++) {
        WNNTensorDescriptor td;
        size_t rank;
        const uint32_t *shape = wnnOperandGetShape(outputs[i], &rank);
        td.dataType = wnnOperandGetDataType(outputs[i]);
        td.shape = shape;
        td.shapeCount = rank;
        td.readable = 1;
        td.writable = 0;
        ck_assert_int_eq(wnnContextCreateTensor(env->context, &td, &outs[i].tensor),
                         WNNStatus_Success);
        outs[i].name = names[i];
        results[i].type = td.dataType;
        results[i].count = element_count(shape, rank);
    }
    s = wnnContextDispatch(env->context, graph, inputCount, inputs, count, outs);
    ck_assert_msg(s == WNNStatus_Success, "dispatch: %s", wnnContextGetErrorMessage(env->context));
    for (i = 0; i < count; i++) {
        size_t bytes = results[i].count * wnnOperandDataTypeByteSize(results[i].type);
        results[i].data = malloc(bytes ? bytes : 1);
        results[i].mask = (uint8_t *)malloc(results[i].count ? results[i].count : 1);
        ck_assert_ptr_nonnull(results[i].data);
        ck_assert_ptr_nonnull(results[i].mask);
        ck_assert_int_eq(wnnContextReadTensor(env->context, outs[i].tensor, results[i].data, bytes),
                         WNNStatus_Success);
        ck_assert_int_eq(wnnContextReadTensorUnspecifiedMask(env->context, outs[i].tensor,
                                                             results[i].mask, results[i].count,
                                                             &results[i].unspecified),
                         WNNStatus_Success);
        wnnTensorRelease(outs[i].tensor);
    }
    for (i = 0; i < inputCount; i++)
        wnnTensorRelease(inputs[i].tensor);
    wnnGraphRelease(graph);
    return WNNStatus_Success;
}

void th_result_free(th_result *r)
{
    free(r->data);
    free(r->mask);
    r->data = NULL;
    r->mask = NULL;
}

/* float16 from double, round to nearest even (an independent implementation from the
 * library's, by searching the nearest encoding, so the tests do not trust the code under
 * test). */
static double f16_value(unsigned bits)
{
    int e = (int)((bits >> 10) & 0x1F), f = (int)(bits & 0x3FF);
    double m = e == 0 ? ldexp(f, -24) : e == 31 ? (f ? (double)NAN : (double)INFINITY) : ldexp(f + 1024, e - 25);
    return (bits & 0x8000) ? -m : m;
}

static uint16_t f16_bits(double v)
{
    unsigned best = 0, bits;
    double bestDiff = INFINITY;
    if (isnan(v))
        return 0x7E00;
    for (bits = 0; bits <= 0x7C00; bits++) {
        double d = fabs(f16_value(bits) - fabs(v));
        /* ties: the even encoding (lowest bit 0) wins */
        if (d < bestDiff || (d == bestDiff && !(bits & 1))) {
            bestDiff = d;
            best = bits;
        }
    }
    /* beyond 65520 (the midpoint to 2^16) the value rounds to infinity */
    if (fabs(v) >= 65520.0)
        best = 0x7C00;
    return (uint16_t)(best | (signbit(v) ? 0x8000u : 0u));
}

void th_pack(WNNOperandDataType type, const double *values, size_t count, void *buf)
{
    size_t i;
    for (i = 0; i < count; i++) {
        double v = values[i];
        switch (type) {
        case WNNOperandDataType_Float32: ((float *)buf)[i] = (float)v; break;
        case WNNOperandDataType_Float16: ((uint16_t *)buf)[i] = f16_bits(v); break;
        case WNNOperandDataType_Int32: ((int32_t *)buf)[i] = (int32_t)v; break;
        case WNNOperandDataType_Uint32: ((uint32_t *)buf)[i] = (uint32_t)v; break;
        case WNNOperandDataType_Int64: ((int64_t *)buf)[i] = (int64_t)v; break;
        case WNNOperandDataType_Uint64: ((uint64_t *)buf)[i] = (uint64_t)v; break;
        case WNNOperandDataType_Int8:
        case WNNOperandDataType_Int4: ((int8_t *)buf)[i] = (int8_t)v; break;
        default: ((uint8_t *)buf)[i] = (uint8_t)v; break;
        }
    }
}

double th_get(const th_result *r, size_t i)
{
    switch (r->type) {
    case WNNOperandDataType_Float32: return (double)((const float *)r->data)[i];
    case WNNOperandDataType_Float16: return f16_value(((const uint16_t *)r->data)[i]);
    case WNNOperandDataType_Int32: return ((const int32_t *)r->data)[i];
    case WNNOperandDataType_Uint32: return ((const uint32_t *)r->data)[i];
    case WNNOperandDataType_Int64: return (double)((const int64_t *)r->data)[i];
    case WNNOperandDataType_Uint64: return (double)((const uint64_t *)r->data)[i];
    case WNNOperandDataType_Int8:
    case WNNOperandDataType_Int4: return ((const int8_t *)r->data)[i];
    default: return ((const uint8_t *)r->data)[i];
    }
}

int th_same(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return a == b && signbit(a) == signbit(b);
}

void th_check_status_(th_env *env, WNNStatus got, WNNStatus want, const char *needle,
                      const char *file, int line)
{
    const char *message = wnnGraphBuilderGetErrorMessage(env->builder);
    ck_assert_msg(got == want, "%s:%d: status %s, wanted %s (message: %s)", file, line,
                  wnnStatusString(got), wnnStatusString(want), message);
    if (needle)
        ck_assert_msg(strstr(message, needle) != NULL, "%s:%d: message \"%s\" lacks \"%s\"",
                      file, line, message, needle);
}

char *th_slurp(FILE *f)
{
    long n;
    char *s;
    fflush(f);
    n = ftell(f);
    ck_assert_int_ge(n, 0);
    s = (char *)malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    rewind(f);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    return s;
}

th_cli_run th_cli_argv(int argc, char **argv)
{
    FILE *out = tmpfile(), *err = tmpfile();
    th_cli_run r;
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    r.status = webnn_main(argc, argv, out, err);
    r.out = th_slurp(out);
    r.err = th_slurp(err);
    fclose(out);
    fclose(err);
    return r;
}

th_cli_run th_cli(const char *first, ...)
{
    char *argv[32];
    int argc = 0;
    va_list ap;
    const char *a;
    argv[argc++] = (char *)"webnn";
    va_start(ap, first);
    for (a = first; a; a = va_arg(ap, const char *)) {
        ck_assert_int_lt(argc, 31);
        argv[argc++] = (char *)a;
    }
    va_end(ap);
    argv[argc] = NULL;
    return th_cli_argv(argc, argv);
}

void th_cli_free(th_cli_run *r)
{
    free(r->out);
    free(r->err);
}
