/* tools/tensorio.h - tensor and weight files: NumPy .npy, safetensors, manifest + blob.
 *
 * The readers are strict and bounded: every size is checked for overflow and against the
 * caller's limit before anything is allocated, every malformed input is an error message
 * naming the file and the byte offset (or line and column, for JSON text), never a crash.
 * Tensors are held in webnn.h's layout: elements in C (row-major) order, host byte order,
 * float16 as binary16 bits, int4/uint4 one byte per element (int4 sign-extended).
 *
 * Choices where a format leaves room (docs/graph-files.md, "Tensor and weight files"):
 *   - .npy with fortran_order True is read and transposed to C order;
 *   - .npy headers are limited to TIO_NPY_MAX_HEADER bytes and must be ASCII;
 *   - a safetensors data buffer must be covered exactly by its tensors (no holes, no
 *     trailing bytes), as the format requires; a manifest's blob may have holes;
 *   - safetensors dtypes webnn.h has no type for (BF16, F64, BOOL, ...) are accepted at open
 *     (their shape and offsets are checked) and are an error when such a tensor is loaded.
 */
#ifndef TOOLS_TENSORIO_H
#define TOOLS_TENSORIO_H

#include <stddef.h>
#include <stdint.h>
#include "../webnn.h"

#define TIO_MAX_RANK 16
/* Largest dimension and element count (webnn's limit, 2^31-1). */
#define TIO_MAX_DIMENSION 2147483647u
/* Longest .npy header and safetensors header accepted. */
#define TIO_NPY_MAX_HEADER ((size_t)1 << 20)
#define TIO_SAFETENSORS_MAX_HEADER ((size_t)100 << 20)
/* Longest manifest (JSON text) accepted. */
#define TIO_MANIFEST_MAX_BYTES ((size_t)100 << 20)

typedef struct tio_tensor {
    WNNOperandDataType dataType;
    uint32_t shape[TIO_MAX_RANK];
    size_t rank;
    size_t count;   /* product of shape (1 for rank 0) */
    void *data;     /* malloc'd: count elements in webnn.h's layout (host byte order; int4 and
                       uint4 take one byte per element, as webnn.h's extension does) */
} tio_tensor;
/* Frees t->data and empties t (NULL: no-op). */
void tio_tensor_free(tio_tensor *t);
/* Errors: a message like "x.npy: byte 42: header: expected 'descr', got ..." written into
 * err (errSize bytes, always NUL-terminated). Every function returns 0 or -1. */

/* .npy (format versions 1.0, 2.0 and 3.0 read; 1.0 written, or 2.0 when the header needs it).
 * dtypes: '<f2' float16, '<f4' float32, '|i1'/'i1' int8, '|u1' uint8, '<i4' int32, '<u4'
 * uint32, '<i8' int64, '<u8' uint64 ('>' big-endian forms are read and converted; '=' too);
 * fortran_order True is read (transposed to C order); others ('<f8', '|b1', object,
 * structured) are a clear error naming the dtype. int4/uint4 are written as '|i1'/'|u1'.
 * maxBytes bounds the data size (checked before allocating; the error names the size and
 * the limit). On error *out is left empty (data NULL). */
int tio_npy_read(const char *path, size_t maxBytes, tio_tensor *out, char *err, size_t errSize);
int tio_npy_read_memory(const void *bytes, size_t length, const char *name, size_t maxBytes,
                        tio_tensor *out, char *err, size_t errSize);
int tio_npy_write(const char *path, const tio_tensor *t, char *err, size_t errSize);

/* Make t hold `want`: the same type is a no-op; int8 -> int4 and uint8 -> uint4 are accepted
 * when every value lies in the narrow type's range (else an error naming the first bad
 * element index and value); anything else is an error "has data type X, expected Y". */
int tio_tensor_narrow(tio_tensor *t, WNNOperandDataType want, char *err, size_t errSize);

/* Weight stores: a safetensors file, or a manifest + blob pair. */
typedef struct tio_weights tio_weights;
/* Open by path: "*.safetensors" is a safetensors file; "*.manifest.json" is a manifest whose
 * blob is the same stem + ".weights"; "*.weights" is a blob whose manifest is the same stem +
 * ".manifest.json". Everything is validated on open: the header or manifest, every tensor's
 * dtype name, shape and place in the data, and that no tensor is over maxBytes. Tensor data
 * is read from the file when loaded, so memory stays bounded by the header and maxBytes. */
int tio_weights_open(const char *path, size_t maxBytes, tio_weights **out, char *err, size_t errSize);
/* The same, and the data file (safetensors file or blob) may be at most maxTotalBytes. */
int tio_weights_open_limited(const char *path, size_t maxBytes, size_t maxTotalBytes,
                             tio_weights **out, char *err, size_t errSize);
/* From memory (for fuzzing and tests): kind "safetensors" (bytes = the whole file) or
 * "manifest" (bytes = manifest JSON, blob/blobLength = the blob). The bytes and the blob
 * are not copied: they must stay valid and unchanged until tio_weights_close. */
int tio_weights_open_memory(const char *kind, const void *bytes, size_t length,
                            const void *blob, size_t blobLength, const char *name,
                            size_t maxBytes, tio_weights **out, char *err, size_t errSize);
void tio_weights_close(tio_weights *w); /* NULL: no-op */
size_t tio_weights_count(const tio_weights *w);
/* Keys in the order the file lists them; NULL when index is out of range. */
const char *tio_weights_key(const tio_weights *w, size_t index);
/* The declaration of tensor `key` as stored: its data type (-1 through *type when webnn.h has
 * none, e.g. safetensors BF16), shape and rank. Returns 0, or -1 when there is no such key. */
int tio_weights_describe(const tio_weights *w, const char *key, int *type, uint32_t *shape,
                         size_t *rank);
/* Load tensor `key`, checking it against the declaration: data type and shape must be
 * equal (int8/uint8 stored data accepted for int4/uint4 declarations via tio_tensor_narrow);
 * a missing key is an error listing up to 10 keys the store has. */
int tio_weights_load(tio_weights *w, const char *key, WNNOperandDataType type,
                     const uint32_t *shape, size_t rank, tio_tensor *out, char *err, size_t errSize);
/* Writing (for generating example weights and for tests). int4/uint4 tensors are written as
 * I8/U8. Keys must be valid UTF-8, distinct and not "__metadata__". */
int tio_safetensors_write(const char *path, size_t count, const char *const *keys,
                          const tio_tensor *tensors, char *err, size_t errSize);
/* A manifest (manifestPath) and its blob (blobPath), tensors in the order given, each at an
 * offset that is a multiple of 8. */
int tio_manifest_write(const char *manifestPath, const char *blobPath, size_t count,
                       const char *const *keys, const tio_tensor *tensors, char *err,
                       size_t errSize);

/* Small helpers the graph tools share: whether the host stores numbers little-endian (the
 * byte order of every file format here), and whether s ends with suffix. */
int tio_host_little_endian(void);
/* Reverse the bytes of each of count elements of size bytes. */
void tio_swap_bytes(void *data, size_t count, size_t size);
int tio_has_suffix(const char *s, const char *suffix);

#endif
