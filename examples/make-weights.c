/* examples/make-weights.c - writes the example graphs' weights (.safetensors) and sample
 * inputs (.npy), deterministically: every tensor's values come from a fixed pseudo-random
 * sequence seeded by the tensor's name, so the files are the same on every machine.
 *
 *   make-weights DIR      writes DIR/convblock/..., DIR/lstm/..., DIR/transformer/...
 *
 * `make check` regenerates them and compares them with the committed files.
 */
#include "../tools/tensorio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TENSORS 16

/* How a tensor's values are made from uniform numbers u in [-1, 1): scale * u + offset, or
 * for a variance offset + scale * |u|. */
typedef enum kind { UNIFORM, POSITIVE } kind;

typedef struct spec {
    const char *key;
    uint32_t shape[4];
    size_t rank;
    kind how;
    double scale, offset;
} spec;

/* xorshift64*, seeded from the FNV-1a hash of the name: a fixed sequence per tensor. */
static uint64_t seed_of(const char *name)
{
    uint64_t h = 14695981039346656037u;
    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 1099511628211u;
    return h ? h : 1;
}

static uint64_t next(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 2685821657736338717u;
}

/* A number in [-1, 1) with 24 significant bits: exact in float32. */
static double uniform(uint64_t *state)
{
    return ((double)(next(state) >> 40) - 8388608.0) / 8388608.0;
}

static int make(const spec *s, tio_tensor *t)
{
    uint64_t state = seed_of(s->key);
    size_t i;
    float *data;
    memset(t, 0, sizeof *t);
    t->dataType = WNNOperandDataType_Float32;
    t->rank = s->rank;
    t->count = 1;
    for (i = 0; i < s->rank; i++) {
        t->shape[i] = s->shape[i];
        t->count *= s->shape[i];
    }
    data = (float *)malloc(t->count * sizeof *data);
    if (!data)
        return -1;
    for (i = 0; i < t->count; i++) {
        double u = uniform(&state);
        data[i] = (float)(s->how == POSITIVE ? s->offset + s->scale * fabs(u)
                                             : s->offset + s->scale * u);
    }
    t->data = data;
    return 0;
}

static int write_set(const char *dir, const char *example, const char *file, const spec *specs,
                     size_t count)
{
    tio_tensor tensors[MAX_TENSORS];
    const char *keys[MAX_TENSORS];
    char path[1024], err[512];
    size_t i;
    int result = 0;
    for (i = 0; i < count; i++) {
        keys[i] = specs[i].key;
        if (make(&specs[i], &tensors[i]) != 0) {
            fprintf(stderr, "make-weights: out of memory\n");
            while (i-- > 0)
                tio_tensor_free(&tensors[i]);
            return -1;
        }
    }
    snprintf(path, sizeof path, "%s/%s/%s", dir, example, file);
    if (tio_safetensors_write(path, count, keys, tensors, err, sizeof err) != 0) {
        fprintf(stderr, "make-weights: %s\n", err);
        result = -1;
    }
    for (i = 0; i < count; i++)
        tio_tensor_free(&tensors[i]);
    return result;
}

static int write_input(const char *dir, const char *example, const spec *s)
{
    tio_tensor t;
    char path[1024], err[512];
    int result = 0;
    if (make(s, &t) != 0) {
        fprintf(stderr, "make-weights: out of memory\n");
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s/%s.npy", dir, example, s->key);
    if (tio_npy_write(path, &t, err, sizeof err) != 0) {
        fprintf(stderr, "make-weights: %s\n", err);
        result = -1;
    }
    tio_tensor_free(&t);
    return result;
}

int main(int argc, char **argv)
{
    /* scales 1/sqrt(fan-in), so activations stay of order one */
    static const spec convblock[] = {
        {"conv1.weight", {16, 3, 3, 3}, 4, UNIFORM, 0.19245008972987526, 0},
        {"conv1.bias", {16}, 1, UNIFORM, 0.1, 0},
        {"bn1.running_mean", {16}, 1, UNIFORM, 0.2, 0},
        {"bn1.running_var", {16}, 1, POSITIVE, 0.5, 0.5},
        {"bn1.weight", {16}, 1, UNIFORM, 0.1, 1.0},
        {"bn1.bias", {16}, 1, UNIFORM, 0.1, 0},
        {"conv2.weight", {32, 16, 3, 3}, 4, UNIFORM, 0.08333333333333333, 0},
        {"conv2.bias", {32}, 1, UNIFORM, 0.1, 0},
        {"fc.weight", {32, 10}, 2, UNIFORM, 0.17677669529663687, 0},
        {"fc.bias", {10}, 1, UNIFORM, 0.1, 0},
    };
    static const spec lstm[] = {
        {"lstm.weight_ih", {1, 128, 16}, 3, UNIFORM, 0.25, 0},
        {"lstm.weight_hh", {1, 128, 32}, 3, UNIFORM, 0.17677669529663687, 0},
        {"lstm.bias_ih", {1, 128}, 2, UNIFORM, 0.1, 0},
        {"lstm.bias_hh", {1, 128}, 2, UNIFORM, 0.1, 0},
        {"head.weight", {32, 4}, 2, UNIFORM, 0.17677669529663687, 0},
        {"head.bias", {4}, 1, UNIFORM, 0.1, 0},
    };
    static const spec transformer[] = {
        {"ln1.weight", {32}, 1, UNIFORM, 0.1, 1.0},
        {"ln1.bias", {32}, 1, UNIFORM, 0.1, 0},
        {"attn.q.weight", {32, 32}, 2, UNIFORM, 0.17677669529663687, 0},
        {"attn.k.weight", {32, 32}, 2, UNIFORM, 0.17677669529663687, 0},
        {"attn.v.weight", {32, 32}, 2, UNIFORM, 0.17677669529663687, 0},
        {"attn.out.weight", {32, 32}, 2, UNIFORM, 0.17677669529663687, 0},
        {"ln2.weight", {32}, 1, UNIFORM, 0.1, 1.0},
        {"ln2.bias", {32}, 1, UNIFORM, 0.1, 0},
        {"ffn.up.weight", {32, 64}, 2, UNIFORM, 0.17677669529663687, 0},
        {"ffn.up.bias", {64}, 1, UNIFORM, 0.1, 0},
        {"ffn.down.weight", {64, 32}, 2, UNIFORM, 0.125, 0},
        {"ffn.down.bias", {32}, 1, UNIFORM, 0.1, 0},
    };
    static const spec image = {"image", {1, 3, 32, 32}, 4, UNIFORM, 1.0, 0};
    static const spec sequence = {"sequence", {8, 1, 16}, 3, UNIFORM, 1.0, 0};
    static const spec tokens = {"tokens", {1, 8, 32}, 3, UNIFORM, 1.0, 0};
    const char *dir = argc > 1 ? argv[1] : "examples";
    if (argc > 2) {
        fprintf(stderr, "usage: make-weights [DIR]\n");
        return 2;
    }
    if (write_set(dir, "convblock", "convblock.safetensors", convblock,
                  sizeof convblock / sizeof convblock[0]) != 0 ||
        write_set(dir, "lstm", "lstm.safetensors", lstm, sizeof lstm / sizeof lstm[0]) != 0 ||
        write_set(dir, "transformer", "block.safetensors", transformer,
                  sizeof transformer / sizeof transformer[0]) != 0 ||
        write_input(dir, "convblock", &image) != 0 || write_input(dir, "lstm", &sequence) != 0 ||
        write_input(dir, "transformer", &tokens) != 0)
        return 1;
    return 0;
}
