/* fuzz/fuzz_weights.h - what the safetensors and manifest targets do with an opened store:
 * load every tensor it declares, as declared (and int8/uint8 ones also as int4/uint4, which
 * narrows them), and a key it does not have. Every refusal must carry a message.
 */
#ifndef FUZZ_FUZZ_WEIGHTS_H
#define FUZZ_FUZZ_WEIGHTS_H

#include <stdlib.h>
#include <string.h>

#include "../tools/tensorio.h"

static void fz_load(tio_weights *w, const char *key, WNNOperandDataType type,
                    const uint32_t *shape, size_t rank)
{
    char err[512];
    tio_tensor t;
    memset(&t, 0, sizeof t);
    err[0] = '\0';
    if (tio_weights_load(w, key, type, shape, rank, &t, err, sizeof err) != 0) {
        if (err[0] == '\0' || t.data != NULL)
            abort();
        return;
    }
    if (t.dataType != type || t.rank != rank ||
        (rank && memcmp(t.shape, shape, rank * sizeof shape[0]) != 0))
        abort(); /* a load gives what was asked for */
    tio_tensor_free(&t);
}

static void fz_load_all(tio_weights *w)
{
    size_t i, n = tio_weights_count(w);
    for (i = 0; i < n; i++) {
        const char *key = tio_weights_key(w, i);
        uint32_t shape[TIO_MAX_RANK];
        size_t rank = 0;
        int type = -1;
        if (!key || tio_weights_describe(w, key, &type, shape, &rank) != 0 || rank > TIO_MAX_RANK)
            abort(); /* every listed key is described */
        /* a type webnn.h lacks: loading it as float32 must be refused cleanly */
        fz_load(w, key, type < 0 ? WNNOperandDataType_Float32 : (WNNOperandDataType)type, shape,
                rank);
        if (type == WNNOperandDataType_Int8)
            fz_load(w, key, WNNOperandDataType_Int4, shape, rank);
        if (type == WNNOperandDataType_Uint8)
            fz_load(w, key, WNNOperandDataType_Uint4, shape, rank);
    }
    if (tio_weights_key(w, n) != NULL)
        abort();
    fz_load(w, "no such key \x01", WNNOperandDataType_Float32, NULL, 0);
}

#endif
