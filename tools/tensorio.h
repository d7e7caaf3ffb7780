/* TEMPORARY: declarations only, replaced by the real header */
#ifndef TOOLS_TENSORIO_H
#define TOOLS_TENSORIO_H
#include <stddef.h>
#include <stdint.h>
#include "../webnn.h"
#define TIO_MAX_RANK 16
typedef struct tio_tensor {
    WNNOperandDataType dataType;
    uint32_t shape[TIO_MAX_RANK];
    size_t rank;
    size_t count;
    void *data;
} tio_tensor;
void tio_tensor_free(tio_tensor *t);
int tio_npy_read(const char *path, size_t maxBytes, tio_tensor *out, char *err, size_t errSize);
int tio_npy_write(const char *path, const tio_tensor *t, char *err, size_t errSize);
int tio_tensor_narrow(tio_tensor *t, WNNOperandDataType want, char *err, size_t errSize);
typedef struct tio_weights tio_weights;
int tio_weights_open(const char *path, size_t maxBytes, tio_weights **out, char *err, size_t errSize);
void tio_weights_close(tio_weights *w);
int tio_weights_load(tio_weights *w, const char *key, WNNOperandDataType type,
                     const uint32_t *shape, size_t rank, tio_tensor *out, char *err, size_t errSize);
int tio_safetensors_write(const char *path, size_t count, const char *const *keys,
                          const tio_tensor *tensors, char *err, size_t errSize);
#endif
