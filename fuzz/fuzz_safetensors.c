/* fuzz/fuzz_safetensors.c - the safetensors reader (tools/tensorio.h).
 *
 * The bytes are opened as a safetensors file held in memory, with a small per-tensor limit;
 * a refusal must carry a message. An opened store has every declared tensor loaded
 * (fuzz_weights.h).
 *
 * fuzz-max-len: 4096
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "fuzz_weights.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    tio_weights *w = NULL;
    err[0] = '\0';
    if (tio_weights_open_memory("safetensors", data, size, NULL, 0, "fuzz.safetensors",
                                (size_t)1 << 20, &w, err, sizeof err) != 0) {
        if (err[0] == '\0' || w != NULL)
            abort();
        return 0;
    }
    fz_load_all(w);
    tio_weights_close(w);
    return 0;
}
