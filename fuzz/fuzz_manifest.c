/* fuzz/fuzz_manifest.c - the manifest + blob weight reader (tools/tensorio.h).
 *
 * The first two bytes (little-endian) give the manifest's length: that many following bytes
 * (or all that are left) are the manifest JSON, the rest is the blob. The pair is opened with
 * a small per-tensor limit; a refusal must carry a message. An opened store has every
 * declared tensor loaded (fuzz_weights.h).
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
    size_t manifest;
    if (size < 2)
        return 0;
    manifest = (size_t)data[0] | (size_t)data[1] << 8;
    data += 2;
    size -= 2;
    if (manifest > size)
        manifest = size;
    err[0] = '\0';
    if (tio_weights_open_memory("manifest", data, manifest, data + manifest, size - manifest,
                                "fuzz.manifest.json", (size_t)1 << 20, &w, err, sizeof err) != 0) {
        if (err[0] == '\0' || w != NULL)
            abort();
        return 0;
    }
    fz_load_all(w);
    tio_weights_close(w);
    return 0;
}
