/* ops/scatter.c - scatterElements, scatterND.
 *
 * Spec: "scatterElements", "scatterND". The output is a copy of the input into which the
 * updates are written at positions given by integer indices (int32, uint32 or int64). An
 * index must lie in [-N, N) where N is the size of the dimension it indexes; a negative
 * index counts from the end (i + N).
 *
 * What the spec leaves open, and what is produced (every such element marked unspecified):
 * SPEC-SILENT: an out-of-range index (not detectable when building) is clamped into
 *   [-N, N-1] and made non-negative, as gather does: the update is written at the clamped
 *   position, which is marked. Nothing is ever written out of bounds; when N is 0 the input
 *   has no element and nothing is written.
 * SPEC-SILENT: duplicate indices: the updates are applied in the row-major order of the
 *   indices, so the last one wins; every output element written more than once is marked.
 * An unspecified (masked) index could have sent its update anywhere: then the whole output
 * is marked. */
#include "../ref/builder.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct scatter_attrs {
    uint32_t axis;
} scatter_attrs;

#define SCATTER_INDEX_TYPES (REF_TYPE(Int32) | REF_TYPE(Uint32) | REF_TYPE(Int64))

/* What happened to one output element. */
#define WRITTEN 1u      /* at least one update was written here */
#define DUPLICATE 2u    /* more than one update was written here */
#define OUT_OF_RANGE 4u /* an update arrived here through a clamped, out-of-range index */

/* Element i of an indices tensor made an offset into a dimension of size n > 0: *inRange
 * says whether it was in [-n, n); out-of-range values are clamped into [0, n). */
static size_t normalize_index(const ref_tensor *indices, size_t i, uint32_t n, int *inRange)
{
    /* int32 and int64 load exactly; uint32 loads as its non-negative value. */
    int64_t index = ref_load_i(indices, i);
    int64_t size = (int64_t)n;
    *inRange = index >= -size && index < size;
    if (index < -size)
        index = -size;
    if (index > size - 1)
        index = size - 1;
    if (index < 0)
        index += size; /* counts from the end */
    return (size_t)index;
}

/* The scatter bookkeeping: for each output element, the updates element written last (if
 * any) and its WRITTEN / DUPLICATE / OUT_OF_RANGE flags. */
typedef struct scatter_log {
    size_t *writer;
    unsigned char *flags;
} scatter_log;

/* The log's size for an output: the node's scratchBytes, counted against maxGraphBytes. */
static uint64_t log_bytes(const ref_desc *output)
{
    return (uint64_t)ref_shape_count(&output->shape) * (sizeof(size_t) + 1);
}

static WNNStatus log_create(scatter_log *log, size_t count)
{
    log->writer = (size_t *)malloc((count ? count : 1) * sizeof *log->writer);
    log->flags = (unsigned char *)calloc(count ? count : 1, 1);
    if (!log->writer || !log->flags) {
        free(log->writer);
        free(log->flags);
        return WNNStatus_OutOfMemory;
    }
    return WNNStatus_Success;
}

/* Record that updates element u is written to output element e. */
static void log_write(scatter_log *log, size_t e, size_t u, int inRange)
{
    if (log->flags[e] & WRITTEN)
        log->flags[e] |= DUPLICATE;
    log->flags[e] |= WRITTEN;
    if (!inRange)
        log->flags[e] |= OUT_OF_RANGE;
    log->writer[e] = u; /* a later update replaces an earlier one */
}

/* Produce the output from the log: unwritten elements are copied from the input, written
 * ones from their last update; unspecified marks follow. */
static void log_apply(scatter_log *log, ref_tensor *out, const ref_tensor *in,
                      const ref_tensor *indices, const ref_tensor *updates)
{
    size_t e, i;
    int indexMasked = 0;
    for (i = 0; indices->mask && i < indices->count; i++)
        indexMasked |= indices->mask[i];
    for (e = 0; e < out->count; e++) {
        if (log->flags[e] & WRITTEN) {
            ref_copy_element(out, e, updates, log->writer[e]);
            ref_propagate_mask(out, e, updates, log->writer[e]);
        } else {
            ref_copy_element(out, e, in, e);
            ref_propagate_mask(out, e, in, e);
        }
        if ((log->flags[e] & (DUPLICATE | OUT_OF_RANGE)) || indexMasked)
            ref_mark_unspecified(out, e);
    }
    free(log->writer);
    free(log->flags);
}

/* ---- scatterElements ---------------------------------------------------------------------- */

/* indices and updates have shape [outer, m, inner]; updates element (o, k, j) goes to output
 * element (o, indices[o, k, j], j) of shape [outer, n, inner]. */
static WNNStatus scatter_elements_kernel(const void *attrs, const ref_tensor *const *inputs,
                                         size_t inputCount, ref_tensor *const *outputs,
                                         size_t outputCount)
{
    const scatter_attrs *a = (const scatter_attrs *)attrs;
    const ref_tensor *in = inputs[0], *indices = inputs[1], *updates = inputs[2];
    ref_tensor *out = outputs[0];
    uint32_t n = in->desc.shape.dims[a->axis];
    size_t m = indices->desc.shape.dims[a->axis];
    size_t outer = 1, inner = 1, i, o, k, j;
    scatter_log log;
    (void)inputCount;
    (void)outputCount;
    if (log_create(&log, out->count))
        return WNNStatus_OutOfMemory;
    for (i = 0; i < a->axis; i++)
        outer *= in->desc.shape.dims[i];
    for (i = a->axis + 1; i < in->desc.shape.rank; i++)
        inner *= in->desc.shape.dims[i];
    for (o = 0; o < outer && n > 0; o++) {
        for (k = 0; k < m; k++) {
            for (j = 0; j < inner; j++) {
                size_t u = (o * m + k) * inner + j;
                int inRange;
                size_t at = normalize_index(indices, u, n, &inRange);
                log_write(&log, (o * n + at) * inner + j, u, inRange);
            }
        }
    }
    log_apply(&log, out, in, indices, updates);
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderScatterElements(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                         WNNOperand updates, const WNNScatterOptions *options,
                                         WNNOperand *out)
{
    static const WNNScatterOptions defaults = WNN_SCATTER_OPTIONS_INIT;
    ref_op op;
    scatter_attrs attrs;
    const ref_desc *in, *idx, *upd;
    ref_desc outDesc;
    size_t i;
    WNNStatus s;
    if (!options)
        options = &defaults;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    s = ref_op_begin(&op, b, REF_OP_scatterElements, options->label, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    /* SPEC-STEP 2: validate input, indices and updates. */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, indices, "indices", &idx)) ||
        (s = ref_op_operand(&op, updates, "updates", &upd)))
        return s;
    /* SPEC-STEP 3: indices are int32, uint32 or int64 (input may be any type). */
    if ((s = ref_op_check_type(&op, "indices", idx->type, SCATTER_INDEX_TYPES)) ||
        (s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 4: updates have the input's data type. */
    if (upd->type != in->type)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the data type of updates must equal the input's %s, got %s",
                           ref_desc_type_name(in), ref_desc_type_name(upd));
    /* SPEC-STEP 5: allowed ranks: input 1 to N; indices and updates the input's rank. */
    if (in->shape.rank < 1)
        return ref_op_fail(&op, WNNStatus_TypeError, "the input's rank must be at least 1, got 0");
    if (idx->shape.rank != in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the rank of indices must equal the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)idx->shape.rank);
    if (upd->shape.rank != in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the rank of updates must equal the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)upd->shape.rank);
    /* SPEC-STEP 6-7: axis < rank. */
    if (options->axis >= in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "axis must be less than the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)options->axis);
    /* SPEC-STEP 8-10: indices.shape must equal input.shape except at axis. */
    for (i = 0; i < in->shape.rank; i++)
        if (i != options->axis && idx->shape.dims[i] != in->shape.dims[i])
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "indices.shape[%lu] must equal input.shape[%lu] = %lu, got %lu",
                               (unsigned long)i, (unsigned long)i,
                               (unsigned long)in->shape.dims[i],
                               (unsigned long)idx->shape.dims[i]);
    /* SPEC-STEP 11: updates.shape must equal indices.shape. */
    if (!ref_shape_equal(&upd->shape, &idx->shape)) {
        char want[256], got[256];
        ref_shape_format(&idx->shape, want, sizeof want);
        ref_shape_format(&upd->shape, got, sizeof got);
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the shape of updates must equal the shape of indices %s, got %s",
                           want, got);
    }
    attrs.axis = options->axis;
    /* SPEC-STEP 12: make graph connections; the output is a copy of the input's descriptor. */
    outDesc = *in;
    {
        WNNOperand operands[3];
        operands[0] = input;
        operands[1] = indices;
        operands[2] = updates;
        op.scratchBytes = log_bytes(&outDesc);
        return ref_op_finish(&op, scatter_elements_kernel, &attrs, sizeof attrs, 3, operands, 1,
                             &outDesc, out);
    }
}

/* ---- scatterND ---------------------------------------------------------------------------- */

/* indices has shape [..., k]: T index tuples (T = product of its leading dimensions) of k
 * coordinates. Tuple t selects the slice output[c0, ..., c(k-1), *, ..., *] of S elements
 * (S = product of input.shape[k:]), which receives updates elements [t * S, (t + 1) * S). */
static WNNStatus scatter_nd_kernel(const void *attrs, const ref_tensor *const *inputs,
                                   size_t inputCount, ref_tensor *const *outputs,
                                   size_t outputCount)
{
    const ref_tensor *in = inputs[0], *indices = inputs[1], *updates = inputs[2];
    ref_tensor *out = outputs[0];
    size_t k = indices->desc.shape.dims[indices->desc.shape.rank - 1];
    size_t strides[REF_MAX_RANK], sliceSize = 1, tuples = 1, t, d, j;
    scatter_log log;
    (void)attrs;
    (void)inputCount;
    (void)outputCount;
    if (log_create(&log, out->count))
        return WNNStatus_OutOfMemory;
    ref_shape_strides(&in->desc.shape, strides);
    for (d = k; d < in->desc.shape.rank; d++)
        sliceSize *= in->desc.shape.dims[d];
    for (d = 0; d + 1 < indices->desc.shape.rank; d++)
        tuples *= indices->desc.shape.dims[d];
    /* An empty input has nowhere to write (and an empty indexed dimension makes it empty). */
    for (t = 0; t < tuples && in->count > 0; t++) {
        size_t base = 0;
        int inRange = 1;
        for (d = 0; d < k; d++) {
            int ok;
            base += normalize_index(indices, t * k + d, in->desc.shape.dims[d], &ok) * strides[d];
            inRange &= ok;
        }
        for (j = 0; j < sliceSize; j++)
            log_write(&log, base + j, t * sliceSize + j, inRange);
    }
    log_apply(&log, out, in, indices, updates);
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderScatterND(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                   WNNOperand updates, const WNNOperatorOptions *options,
                                   WNNOperand *out)
{
    ref_op op;
    const ref_desc *in, *idx, *upd;
    ref_desc outDesc;
    uint32_t expectedShape[2 * REF_MAX_RANK];
    size_t expectedRank = 0, indexableSize, coordinateSize, i;
    int equal;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_scatterND, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    /* SPEC-STEP 2: validate input, indices and updates. */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, indices, "indices", &idx)) ||
        (s = ref_op_operand(&op, updates, "updates", &upd)))
        return s;
    /* SPEC-STEP 3: indices are int32, uint32 or int64 (input may be any type). */
    if ((s = ref_op_check_type(&op, "indices", idx->type, SCATTER_INDEX_TYPES)) ||
        (s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 4: updates have the input's data type. */
    if (upd->type != in->type)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the data type of updates must equal the input's %s, got %s",
                           ref_desc_type_name(in), ref_desc_type_name(upd));
    /* SPEC-STEP 5: allowed ranks: input 1 to N, indices 1 to N, updates any. */
    if (in->shape.rank < 1)
        return ref_op_fail(&op, WNNStatus_TypeError, "the input's rank must be at least 1, got 0");
    if (idx->shape.rank < 1)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the rank of indices must be at least 1, got 0");
    /* SPEC-STEP 6-10: coordinateSize = indicesShape[indicesRank - 1] <= inputRank. */
    indexableSize = idx->shape.rank - 1;
    coordinateSize = idx->shape.dims[indexableSize];
    if (coordinateSize > in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the last dimension of indices must not exceed the input's rank %lu, "
                           "got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)coordinateSize);
    /* SPEC-STEP 11-14: updates.shape must be indicesShape[0, indexableSize) ++
     * inputShape[coordinateSize, inputRank). */
    for (i = 0; i < indexableSize; i++)
        expectedShape[expectedRank++] = idx->shape.dims[i];
    for (i = coordinateSize; i < in->shape.rank; i++)
        expectedShape[expectedRank++] = in->shape.dims[i];
    equal = upd->shape.rank == expectedRank;
    for (i = 0; equal && i < expectedRank; i++)
        equal = upd->shape.dims[i] == expectedShape[i];
    if (!equal) {
        char got[256], want[512];
        size_t used = 1;
        want[0] = '[';
        want[1] = '\0';
        for (i = 0; i < expectedRank; i++)
            used += (size_t)snprintf(want + used, sizeof want - used, i ? ", %lu" : "%lu",
                                     (unsigned long)expectedShape[i]);
        snprintf(want + used, sizeof want - used, "]");
        ref_shape_format(&upd->shape, got, sizeof got);
        return ref_op_fail(&op, WNNStatus_TypeError, "the shape of updates must be %s, got %s",
                           want, got);
    }
    /* SPEC-STEP 15-16: the output has the input's descriptor.
     * SPEC-ISSUE ops-§8.10: the "Returns" prose gives gatherND's rank formula; the algorithm
     * (followed here) gives the input's shape. */
    outDesc = *in;
    /* SPEC-STEP 17: make graph connections. */
    {
        WNNOperand operands[3];
        operands[0] = input;
        operands[1] = indices;
        operands[2] = updates;
        op.scratchBytes = log_bytes(&outDesc);
        return ref_op_finish(&op, scatter_nd_kernel, NULL, 0, 3, operands, 1, &outDesc, out);
    }
}
