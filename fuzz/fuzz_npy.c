/* fuzz/fuzz_npy.c - the .npy reader and writer (tools/tensorio.h).
 *
 * The bytes are read as a .npy file with a small data limit. A refusal must carry a message
 * naming the file. A tensor read is written to a temporary file and read back: the second
 * tensor must equal the first (data type, shape, every byte of data).
 *
 * fuzz-max-len: 4096
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "../tools/tensorio.h"

#define FZ_MAX_BYTES ((size_t)1 << 20)

static int same_tensor(const tio_tensor *a, const tio_tensor *b)
{
    size_t bytes = a->count * wnnOperandDataTypeByteSize(a->dataType);
    if (a->dataType != b->dataType || a->rank != b->rank || a->count != b->count)
        return 0;
    if (a->rank && memcmp(a->shape, b->shape, a->rank * sizeof a->shape[0]) != 0)
        return 0;
    return bytes == 0 || memcmp(a->data, b->data, bytes) == 0;
}

/* Write t to a temporary file and read it back: it must be the same tensor. */
static void round_trip(const tio_tensor *t)
{
    char path[] = "/tmp/fuzz_npy_XXXXXX";
    char err[512];
    tio_tensor again;
    int fd = mkstemp(path);
    if (fd < 0)
        return; /* no temporary file: nothing to judge */
    close(fd);
    memset(&again, 0, sizeof again);
    if (tio_npy_write(path, t, err, sizeof err) != 0) {
        fprintf(stderr, "writing a tensor read failed: %s\n", err);
        remove(path);
        abort();
    }
    if (tio_npy_read(path, FZ_MAX_BYTES, &again, err, sizeof err) != 0) {
        fprintf(stderr, "a written .npy does not read back: %s\n", err);
        remove(path);
        abort();
    }
    remove(path);
    if (!same_tensor(t, &again)) {
        fprintf(stderr, "a written .npy reads back as a different tensor\n");
        abort();
    }
    tio_tensor_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    tio_tensor t;
    memset(&t, 0, sizeof t);
    if (tio_npy_read_memory(data, size, "fuzz.npy", FZ_MAX_BYTES, &t, err, sizeof err) != 0) {
        if (strncmp(err, "fuzz.npy", 8) != 0 || t.data != NULL)
            abort(); /* a refusal names the file and leaves nothing allocated */
        return 0;
    }
    round_trip(&t);
    tio_tensor_free(&t);
    return 0;
}
