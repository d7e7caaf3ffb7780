/* ops/matmul.c - matmul and gemm.
 *
 * Spec: "matmul" and "gemm". matmul multiplies the last two dimensions of a [..., M, K] and
 * b [..., K, N] (both of rank >= 2: there is no 1-D vector promotion), broadcasting the batch
 * dimensions bidirectionally. gemm computes alpha * A * B + beta * C on 2-D a and b, each
 * optionally transposed, with c unidirectionally broadcast to [M, N].
 *
 * Numerics: products of exact float32/float16 values are exact in double; each dot product
 * is accumulated in double and rounded once into the output type. An empty inner dimension
 * (K = 0) gives +0. */
#include "../ref/builder.h"
#include "../ref/exact_sum.h"

#include <stdint.h>

/* ---- matmul ------------------------------------------------------------------------------ */

typedef struct matmul_attrs {
    ref_shape batchA, batchB, batchOut; /* the shapes without their last two dimensions */
    uint32_t M, K, N;
} matmul_attrs;

static WNNStatus matmul_kernel(const void *attrs, const ref_tensor *const *inputs,
                               size_t inputCount, ref_tensor *const *outputs,
                               size_t outputCount)
{
    const matmul_attrs *m = (const matmul_attrs *)attrs;
    const ref_tensor *a = inputs[0], *b = inputs[1];
    ref_tensor *out = outputs[0];
    size_t batches = ref_shape_count(&m->batchOut), batch, i, j, k;
    (void)inputCount;
    (void)outputCount;
    for (batch = 0; batch < batches; batch++) {
        /* The matrices of a and b that broadcast to this output matrix. */
        size_t aBase = ref_broadcast_index(&m->batchA, &m->batchOut, batch) * m->M * m->K;
        size_t bBase = ref_broadcast_index(&m->batchB, &m->batchOut, batch) * m->K * m->N;
        size_t outBase = batch * m->M * m->N;
        for (i = 0; i < m->M; i++)
            for (j = 0; j < m->N; j++) {
                size_t oi = outBase + i * m->N + j;
                /* The products of float32/float16 values are exact in double and their sum
                 * is kept exact (ref_exact_sum), so the element is rounded once. A sum of -0
                 * products stays -0; an empty sum (K = 0) is +0. */
                ref_exact_sum sum;
                ref_exact_sum_init(&sum);
                for (k = 0; k < m->K; k++) {
                    size_t ai = aBase + i * m->K + k, bi = bBase + k * m->N + j;
                    ref_exact_sum_add(&sum, ref_load_f(a, ai) * ref_load_f(b, bi));
                    ref_propagate_mask(out, oi, a, ai);
                    ref_propagate_mask(out, oi, b, bi);
                }
                ref_store_f(out, oi, ref_exact_sum_odd(&sum));
            }
    }
    return WNNStatus_Success;
}

/* The batch part of a shape (all but its last two dimensions). */
static ref_shape batch_shape(const ref_shape *shape)
{
    ref_shape batch = *shape;
    batch.rank = shape->rank - 2;
    return batch;
}

WNNStatus wnnGraphBuilderMatmul(WNNGraphBuilder b, WNNOperand a, WNNOperand bb,
                                const WNNOperatorOptions *options, WNNOperand *out)
{
    ref_op op;
    const ref_desc *da, *db;
    matmul_attrs attrs;
    ref_desc desc;
    WNNOperand operands[2];
    char sa[256], sb[256];
    WNNStatus s;
    size_t rankA, rankB;
    uint32_t colsA, rowsA, colsB, rowsB;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_matmul, options ? options->label : NULL, out)))
        return s;
    /* SPEC-STEP 2: validate operand a and b. */
    if ((s = ref_op_operand(&op, a, "a", &da)) || (s = ref_op_operand(&op, bb, "b", &db)))
        return s;
    /* SPEC-STEP 3: a's data type must be float32 or float16; b's must be the same as a's. */
    if ((s = ref_op_check_type(&op, "a", da->type, REF_TYPES_FLOAT)))
        return s;
    if (db->type != da->type)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the data type of b must be a's (%s), got %s", ref_desc_type_name(da),
                           ref_desc_type_name(db));
    /* SPEC-STEP 4.1-4.5: both ranks must be at least 2. */
    rankA = da->shape.rank;
    rankB = db->shape.rank;
    if (rankA < 2)
        return ref_op_fail(&op, WNNStatus_TypeError, "the rank of a must be at least 2, got %lu",
                           (unsigned long)rankA);
    if (rankB < 2)
        return ref_op_fail(&op, WNNStatus_TypeError, "the rank of b must be at least 2, got %lu",
                           (unsigned long)rankB);
    /* SPEC-STEP 4.6-4.10: colsA must equal rowsB. */
    colsA = da->shape.dims[rankA - 1];
    rowsA = da->shape.dims[rankA - 2];
    colsB = db->shape.dims[rankB - 1];
    rowsB = db->shape.dims[rankB - 2];
    if (colsA != rowsB)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the columns of a must equal the rows of b, got %lu and %lu",
                           (unsigned long)colsA, (unsigned long)rowsB);
    /* SPEC-STEP 4.11-4.13: the batch shapes broadcast bidirectionally. */
    attrs.batchA = batch_shape(&da->shape);
    attrs.batchB = batch_shape(&db->shape);
    if (!ref_broadcast_bidirectional(&attrs.batchA, &attrs.batchB, &attrs.batchOut)) {
        ref_shape_format(&attrs.batchA, sa, sizeof sa);
        ref_shape_format(&attrs.batchB, sb, sizeof sb);
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the batch shapes of a and b are not bidirectionally broadcastable, "
                           "got %s and %s", sa, sb);
    }
    attrs.M = rowsA;
    attrs.K = colsA;
    attrs.N = colsB;
    /* SPEC-STEP 4.14-4.15: append << rowsA, colsB >>; a's data type. */
    desc.type = da->type;
    desc.shape = attrs.batchOut;
    if (desc.shape.rank + 2 > REF_MAX_RANK)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the output rank exceeds this implementation's maximum of %d",
                           REF_MAX_RANK);
    desc.shape.dims[desc.shape.rank++] = rowsA;
    desc.shape.dims[desc.shape.rank++] = colsB;
    /* SPEC-STEP 5-6: make graph connections. */
    operands[0] = a;
    operands[1] = bb;
    op.kernelPropagatesMask = 1;
    return ref_op_finish(&op, matmul_kernel, &attrs, sizeof attrs, 2, operands, 1, &desc, out);
}

/* ---- gemm -------------------------------------------------------------------------------- */

typedef struct gemm_attrs {
    uint32_t M, K, N;
    int aTranspose, bTranspose;
    double alpha, beta; /* already cast to a's data type */
    ref_shape cShape, outShape;
} gemm_attrs;

static WNNStatus gemm_kernel(const void *attrs, const ref_tensor *const *inputs,
                             size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const gemm_attrs *g = (const gemm_attrs *)attrs;
    const ref_tensor *a = inputs[0], *b = inputs[1];
    const ref_tensor *c = inputCount > 2 ? inputs[2] : NULL;
    ref_tensor *out = outputs[0];
    size_t i, j, k;
    (void)outputCount;
    for (i = 0; i < g->M; i++)
        for (j = 0; j < g->N; j++) {
            size_t oi = i * g->N + j;
            /* alpha * (A B) + beta * C. The dot product is exact (exact products, exact
             * sum: a sum of -0 products stays -0, an empty one, K = 0, is +0); it is then
             * scaled by alpha and beta * c is added, in double. */
            ref_exact_sum dot;
            double sum;
            ref_exact_sum_init(&dot);
            for (k = 0; k < g->K; k++) {
                /* A is [M, K], or [K, M] when transposed; B is [K, N], or [N, K]. */
                size_t ai = g->aTranspose ? k * g->M + i : i * g->K + k;
                size_t bi = g->bTranspose ? j * g->K + k : k * g->N + j;
                ref_exact_sum_add(&dot, ref_load_f(a, ai) * ref_load_f(b, bi));
                ref_propagate_mask(out, oi, a, ai);
                ref_propagate_mask(out, oi, b, bi);
            }
            /* (an empty product is +0 without alpha, as the emulation's empty matmul) */
            sum = g->K ? g->alpha * ref_exact_sum_nearest(&dot) : 0.0;
            /* SPEC-SILENT: the prose computes an absent c "as if c is a scalar 0.0" (adding
             * beta * 0, which turns a -0 result into +0), the emulation adds nothing; they
             * differ only in the sign of a zero result. The emulation is followed. */
            if (c) {
                /* c broadcasts unidirectionally (right-aligned) to [M, N]. */
                size_t ci = ref_broadcast_index(&g->cShape, &g->outShape, oi);
                sum += g->beta * ref_load_f(c, ci);
                ref_propagate_mask(out, oi, c, ci);
            }
            ref_store_f(out, oi, sum);
        }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderGemm(WNNGraphBuilder b, WNNOperand a, WNNOperand bb,
                              const WNNGemmOptions *options, WNNOperand *out)
{
    static const WNNGemmOptions defaults = WNN_GEMM_OPTIONS_INIT;
    const WNNGemmOptions *opt = options ? options : &defaults;
    ref_op op;
    const ref_desc *da, *db, *dc;
    gemm_attrs attrs;
    uint32_t shapeA[2], shapeB[2];
    ref_shape broadcast;
    ref_desc desc;
    WNNOperand operands[3];
    char text[256];
    WNNStatus s;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_gemm, opt->label, out)))
        return s;
    /* WebIDL: alpha and beta are (restricted) doubles: NaN and infinities throw TypeError. */
    if ((s = ref_op_check_finite(&op, "alpha", opt->alpha)) ||
        (s = ref_op_check_finite(&op, "beta", opt->beta)))
        return s;
    /* SPEC-STEP 2: validate operand a and b.
     * SPEC-ISSUE ops-§8.18: the text leaves c out of "validate operand"; an operand from
     * another builder cannot be meant to be accepted, so c is validated too. */
    if ((s = ref_op_operand(&op, a, "a", &da)) || (s = ref_op_operand(&op, bb, "b", &db)) ||
        (s = ref_op_optional_operand(&op, opt->c, "c", &dc)))
        return s;
    /* SPEC-STEP 3: a's data type must be float32 or float16; b's must be the same as a's. */
    if ((s = ref_op_check_type(&op, "a", da->type, REF_TYPES_FLOAT)))
        return s;
    if (db->type != da->type)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the data type of b must be a's (%s), got %s", ref_desc_type_name(da),
                           ref_desc_type_name(db));
    /* SPEC-STEP 4: a and b must have rank 2. */
    if (da->shape.rank != 2)
        return ref_op_fail(&op, WNNStatus_TypeError, "the rank of a must be 2, got %lu",
                           (unsigned long)da->shape.rank);
    if (db->shape.rank != 2)
        return ref_op_fail(&op, WNNStatus_TypeError, "the rank of b must be 2, got %lu",
                           (unsigned long)db->shape.rank);
    /* SPEC-STEP 5-6: cast alpha and beta to a's data type. */
    attrs.alpha = ref_cast_double(opt->alpha, da->type).f;
    attrs.beta = ref_cast_double(opt->beta, da->type).f;
    /* SPEC-STEP 7-10: the shapes, reversed when transposed. */
    attrs.aTranspose = opt->aTranspose != 0;
    attrs.bTranspose = opt->bTranspose != 0;
    shapeA[0] = da->shape.dims[attrs.aTranspose ? 1 : 0];
    shapeA[1] = da->shape.dims[attrs.aTranspose ? 0 : 1];
    shapeB[0] = db->shape.dims[attrs.bTranspose ? 1 : 0];
    shapeB[1] = db->shape.dims[attrs.bTranspose ? 0 : 1];
    /* SPEC-STEP 11: shapeA[1] must equal shapeB[0]. */
    if (shapeA[1] != shapeB[0])
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the columns of (transposed) a must equal the rows of (transposed) b, "
                           "got %lu and %lu",
                           (unsigned long)shapeA[1], (unsigned long)shapeB[0]);
    attrs.M = shapeA[0];
    attrs.K = shapeA[1];
    attrs.N = shapeB[1];
    attrs.outShape.rank = 2;
    attrs.outShape.dims[0] = attrs.M;
    attrs.outShape.dims[1] = attrs.N;
    attrs.cShape.rank = 0;
    /* SPEC-STEP 12: c, if it exists, is unidirectionally broadcastable to [M, N] (so its
     * rank is 0 to 2) and has an allowed data type ("same as a"). */
    if (dc) {
        if (!ref_broadcast_unidirectional(&dc->shape, &attrs.outShape, &broadcast)) {
            ref_shape_format(&dc->shape, text, sizeof text);
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "c is not unidirectionally broadcastable to [%lu, %lu], got %s",
                               (unsigned long)attrs.M, (unsigned long)attrs.N, text);
        }
        if (dc->type != da->type)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "the data type of c must be a's (%s), got %s",
                               ref_desc_type_name(da), ref_desc_type_name(dc));
        attrs.cShape = dc->shape;
    }
    /* SPEC-STEP 13: the output descriptor: a's data type, [M, N]. */
    desc.type = da->type;
    desc.shape = attrs.outShape;
    /* SPEC-STEP 14-15: make graph connections: a, b and c if it exists. */
    operands[0] = a;
    operands[1] = bb;
    operands[2] = opt->c;
    op.kernelPropagatesMask = 1;
    return ref_op_finish(&op, gemm_kernel, &attrs, sizeof attrs, dc ? 3 : 2, operands, 1, &desc,
                         out);
}
