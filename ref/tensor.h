/* ref/tensor.h - shapes, typed tensor storage, exact element access, broadcasting and the
 * unspecified mask. */
#ifndef REF_TENSOR_H
#define REF_TENSOR_H

#include <stddef.h>
#include <stdint.h>
#include "numeric.h"

/* The largest rank this implementation supports. The specification sets no maximum and lets
 * implementations choose one ("check dimensions", Issue 456); every operator's required
 * ranks are at most 5. */
#define REF_MAX_RANK 16
/* The largest valid dimension and element count: the range of IDL long (2^31 - 1). */
#define REF_MAX_DIMENSION 2147483647u

typedef struct ref_shape {
    size_t rank;
    uint32_t dims[REF_MAX_RANK];
} ref_shape;

typedef struct ref_desc {
    WNNOperandDataType type;
    ref_shape shape;
} ref_desc;

/* A tensor during evaluation: typed storage plus the unspecified mask (NULL while no element
 * is marked). data may be read-only (graph constants and inputs) for input tensors. */
typedef struct ref_tensor {
    ref_desc desc;
    size_t count;
    void *data;
    uint8_t *mask;
    int maskFailed; /* marking needed memory that could not be had */
} ref_tensor;

size_t ref_shape_count(const ref_shape *shape);
int ref_shape_equal(const ref_shape *a, const ref_shape *b);
/* The element count, or 0 with *ok = 0 when it exceeds REF_MAX_DIMENSION. */
size_t ref_shape_checked_count(const ref_shape *shape, int *ok);
/* Bidirectional / unidirectional broadcasting of shapes (the spec's algorithms); return 0 on
 * failure. out may alias neither input. */
int ref_broadcast_bidirectional(const ref_shape *a, const ref_shape *b, ref_shape *out);
int ref_broadcast_unidirectional(const ref_shape *from, const ref_shape *to, ref_shape *out);
/* Write a shape as "[2, 3]" into buf (always terminated). */
void ref_shape_format(const ref_shape *shape, char *buf, size_t size);

/* The coordinates of element `index` of a row-major tensor of `shape`, and back. */
void ref_index_to_coords(size_t index, const ref_shape *shape, size_t *coords);
size_t ref_coords_to_index(const size_t *coords, const ref_shape *shape);
/* Row-major strides of a shape (in elements). */
void ref_shape_strides(const ref_shape *shape, size_t *strides);
/* Flat index of the element of `in` that broadcasts to flat index `outIndex` of `out`
 * (in is right-aligned to out; dimensions of size 1 repeat). */
size_t ref_broadcast_index(const ref_shape *in, const ref_shape *out, size_t outIndex);

/* Exact element access. ref_load fills the field of the type's class. */
ref_scalar ref_load(const ref_tensor *t, size_t i);
double ref_load_f(const ref_tensor *t, size_t i);   /* float types only */
int64_t ref_load_i(const ref_tensor *t, size_t i);  /* signed types, and uint4/uint8/uint32 */
uint64_t ref_load_u(const ref_tensor *t, size_t i); /* unsigned types */
/* Store a value of the type's class: floats are rounded once to the type; integers must be
 * in range (use ref_wrap_i / ref_wrap_u first). */
void ref_store(ref_tensor *t, size_t i, ref_scalar v);
void ref_store_f(ref_tensor *t, size_t i, double v);
void ref_store_i(ref_tensor *t, size_t i, int64_t v);
void ref_store_u(ref_tensor *t, size_t i, uint64_t v);
/* Copy element src[j] to dst[i] bit for bit (same data type). */
void ref_copy_element(ref_tensor *dst, size_t i, const ref_tensor *src, size_t j);

/* Mark element i of t as unspecified. */
void ref_mark_unspecified(ref_tensor *t, size_t i);
/* Mark output element i unspecified when input element j is (in may be NULL). */
void ref_propagate_mask(ref_tensor *out, size_t i, const ref_tensor *in, size_t j);

#endif
