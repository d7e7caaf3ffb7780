/* ref/tensor.c - see tensor.h. */
#include "tensor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t ref_shape_count(const ref_shape *shape)
{
    size_t n = 1, i;
    for (i = 0; i < shape->rank; i++)
        n *= shape->dims[i];
    return n;
}

int ref_shape_equal(const ref_shape *a, const ref_shape *b)
{
    size_t i;
    if (a->rank != b->rank)
        return 0;
    for (i = 0; i < a->rank; i++)
        if (a->dims[i] != b->dims[i])
            return 0;
    return 1;
}

size_t ref_shape_checked_count(const ref_shape *shape, int *ok)
{
    /* A zero dimension makes the product zero whatever the others are, so it is seen first. */
    size_t i;
    uint64_t n = 1;
    *ok = 1;
    for (i = 0; i < shape->rank; i++)
        if (shape->dims[i] == 0)
            return 0;
    for (i = 0; i < shape->rank; i++) {
        n *= shape->dims[i]; /* both factors are below 2^32: no overflow of uint64_t */
        if (n > REF_MAX_DIMENSION) {
            *ok = 0;
            return 0;
        }
    }
    return (size_t)n;
}

int ref_broadcast_bidirectional(const ref_shape *a, const ref_shape *b, ref_shape *out)
{
    /* SPEC-STEP 1-3: the output rank is the larger rank. */
    size_t rank = a->rank > b->rank ? a->rank : b->rank, i;
    out->rank = rank;
    /* SPEC-STEP 4-9: pad both shapes with leading 1s and compare axis by axis. */
    for (i = 0; i < rank; i++) {
        uint32_t da = i < rank - a->rank ? 1 : a->dims[i - (rank - a->rank)];
        uint32_t db = i < rank - b->rank ? 1 : b->dims[i - (rank - b->rank)];
        if (da != db && da != 1 && db != 1)
            return 0;
        /* SPEC-SILENT: the text appends "the maximum of dimA and dimB"; with zero-size
         * dimensions (allowed by the WG) a 1 broadcasts to 0, so the result is the
         * dimension that is not 1. */
        out->dims[i] = da == 1 ? db : da;
    }
    return 1;
}

int ref_broadcast_unidirectional(const ref_shape *from, const ref_shape *to, ref_shape *out)
{
    size_t i, pad;
    if (from->rank > to->rank)
        return 0;
    pad = to->rank - from->rank;
    for (i = 0; i < to->rank; i++) {
        uint32_t dfrom = i < pad ? 1 : from->dims[i - pad];
        if (to->dims[i] != dfrom && dfrom != 1)
            return 0;
    }
    *out = *to;
    return 1;
}

void ref_shape_format(const ref_shape *shape, char *buf, size_t size)
{
    size_t i, used;
    if (size == 0)
        return;
    used = (size_t)snprintf(buf, size, "[");
    for (i = 0; i < shape->rank && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, i ? ", %lu" : "%lu",
                                 (unsigned long)shape->dims[i]);
    if (used < size)
        snprintf(buf + used, size - used, "]");
}

void ref_index_to_coords(size_t index, const ref_shape *shape, size_t *coords)
{
    size_t d;
    for (d = shape->rank; d-- > 0;) {
        coords[d] = index % shape->dims[d];
        index /= shape->dims[d];
    }
}

size_t ref_coords_to_index(const size_t *coords, const ref_shape *shape)
{
    size_t d, index = 0;
    for (d = 0; d < shape->rank; d++)
        index = index * shape->dims[d] + coords[d];
    return index;
}

void ref_shape_strides(const ref_shape *shape, size_t *strides)
{
    size_t i, stride = 1;
    for (i = shape->rank; i-- > 0;) {
        strides[i] = stride;
        stride *= shape->dims[i];
    }
}

size_t ref_broadcast_index(const ref_shape *in, const ref_shape *out, size_t outIndex)
{
    size_t result = 0, stride = 1, i;
    size_t pad = out->rank - in->rank;
    for (i = out->rank; i-- > 0;) {
        size_t coordinate = outIndex % out->dims[i];
        outIndex /= out->dims[i];
        if (i >= pad) {
            uint32_t d = in->dims[i - pad];
            if (d != 1)
                result += coordinate * stride;
            stride *= d;
        }
    }
    return result;
}

double ref_load_f(const ref_tensor *t, size_t i)
{
    if (t->desc.type == WNNOperandDataType_Float16)
        return ref_f16_to_double(((const uint16_t *)t->data)[i]);
    return (double)((const float *)t->data)[i];
}

int64_t ref_load_i(const ref_tensor *t, size_t i)
{
    switch (t->desc.type) {
    case WNNOperandDataType_Int4:
    case WNNOperandDataType_Int8: return ((const int8_t *)t->data)[i];
    case WNNOperandDataType_Int32: return ((const int32_t *)t->data)[i];
    case WNNOperandDataType_Int64: return ((const int64_t *)t->data)[i];
    case WNNOperandDataType_Uint4:
    case WNNOperandDataType_Uint8: return ((const uint8_t *)t->data)[i];
    case WNNOperandDataType_Uint32: return ((const uint32_t *)t->data)[i];
    default: return 0;
    }
}

uint64_t ref_load_u(const ref_tensor *t, size_t i)
{
    switch (t->desc.type) {
    case WNNOperandDataType_Uint4:
    case WNNOperandDataType_Uint8: return ((const uint8_t *)t->data)[i];
    case WNNOperandDataType_Uint32: return ((const uint32_t *)t->data)[i];
    case WNNOperandDataType_Uint64: return ((const uint64_t *)t->data)[i];
    default: return 0;
    }
}

ref_scalar ref_load(const ref_tensor *t, size_t i)
{
    ref_scalar s = {0.0, 0, 0};
    switch (ref_type_class(t->desc.type)) {
    case REF_CLASS_FLOAT: s.f = ref_load_f(t, i); break;
    case REF_CLASS_SIGNED: s.i = ref_load_i(t, i); break;
    default: s.u = ref_load_u(t, i); break;
    }
    return s;
}

void ref_store_f(ref_tensor *t, size_t i, double v)
{
    if (t->desc.type == WNNOperandDataType_Float16)
        ((uint16_t *)t->data)[i] = ref_double_to_f16(v);
    else
        ((float *)t->data)[i] = ref_double_to_f32(v);
}

void ref_store_i(ref_tensor *t, size_t i, int64_t v)
{
    switch (t->desc.type) {
    case WNNOperandDataType_Int4:
    case WNNOperandDataType_Int8: ((int8_t *)t->data)[i] = (int8_t)v; break;
    case WNNOperandDataType_Int32: ((int32_t *)t->data)[i] = (int32_t)v; break;
    case WNNOperandDataType_Int64: ((int64_t *)t->data)[i] = v; break;
    default: ref_store_u(t, i, (uint64_t)v); break;
    }
}

void ref_store_u(ref_tensor *t, size_t i, uint64_t v)
{
    switch (t->desc.type) {
    case WNNOperandDataType_Uint4:
    case WNNOperandDataType_Uint8: ((uint8_t *)t->data)[i] = (uint8_t)v; break;
    case WNNOperandDataType_Uint32: ((uint32_t *)t->data)[i] = (uint32_t)v; break;
    case WNNOperandDataType_Uint64: ((uint64_t *)t->data)[i] = v; break;
    default: break;
    }
}

void ref_store(ref_tensor *t, size_t i, ref_scalar v)
{
    switch (ref_type_class(t->desc.type)) {
    case REF_CLASS_FLOAT: ref_store_f(t, i, v.f); break;
    case REF_CLASS_SIGNED: ref_store_i(t, i, v.i); break;
    default: ref_store_u(t, i, v.u); break;
    }
}

void ref_copy_element(ref_tensor *dst, size_t i, const ref_tensor *src, size_t j)
{
    size_t size = ref_type_size(dst->desc.type);
    memcpy((unsigned char *)dst->data + i * size, (const unsigned char *)src->data + j * size,
           size);
}

void ref_propagate_mask(ref_tensor *out, size_t i, const ref_tensor *in, size_t j)
{
    if (in && in->mask && in->mask[j])
        ref_mark_unspecified(out, i);
}

void ref_mark_unspecified(ref_tensor *t, size_t i)
{
    if (!t->mask) {
        t->mask = (uint8_t *)calloc(t->count ? t->count : 1, 1);
        if (!t->mask) {
            t->maskFailed = 1;
            return;
        }
    }
    t->mask[i] = 1;
}
