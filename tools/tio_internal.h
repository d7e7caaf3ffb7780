/* tools/tio_internal.h - what tools/tensorio.c, npy.c, safetensors.c and manifest.c share:
 * error messages, a bounded byte source (memory or a seekable file), shape arithmetic and
 * the weight store that both weight formats fill. Not part of the tools' interface. */
#ifndef TOOLS_TIO_INTERNAL_H
#define TOOLS_TIO_INTERNAL_H

#include "tensorio.h"
#include "json.h"

#include <stdio.h>

#if defined(__GNUC__) || defined(__clang__)
#define TIO_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TIO_PRINTF(f, a)
#endif

/* Write a message into err (when err and errSize allow) and return -1. */
int tio_fail(char *err, size_t errSize, const char *fmt, ...) TIO_PRINTF(3, 4);

/* Bytes to read from: memory (not owned) or an open file of known length. */
typedef struct tio_source {
    const unsigned char *memory;
    FILE *file;
    uint64_t length;
} tio_source;
void tio_source_memory(tio_source *s, const void *bytes, size_t length);
/* Opens path for reading and measures it. */
int tio_source_open(tio_source *s, const char *path, char *err, size_t errSize);
/* Copy n bytes at offset into dst: 0, or -1 when they are not all there (or a read fails). */
int tio_source_read(tio_source *s, uint64_t offset, void *dst, size_t n);
void tio_source_close(tio_source *s);

/* A whole file into malloc'd memory, at most maxBytes (else an error naming both). */
int tio_read_file(const char *path, size_t maxBytes, unsigned char **bytes, size_t *length,
                  char *err, size_t errSize);

/* webnn.h's name of a data type, or "unknown". */
const char *tio_type_name(int type);
/* The product of shape, or -1 when it is above TIO_MAX_DIMENSION (dimensions must already be
 * at most TIO_MAX_DIMENSION). A zero dimension makes the product 0 whatever the others. */
int tio_shape_count(const uint32_t *shape, size_t rank, size_t *count);
/* "[2, 3]" (truncated to fit). */
void tio_format_shape(char *buf, size_t size, const uint32_t *shape, size_t rank);
/* Up to 16 bytes of p in double quotes, non-printable bytes as \xNN, "end of header" when n is 0. */
void tio_snippet(char *buf, size_t size, const unsigned char *p, size_t n);

/* The weight store. */
typedef struct tio_entry {
    const char *key;    /* in the store's JSON document; no embedded NUL */
    size_t keyLength;
    const char *dtype;  /* the data type as the file names it (messages) */
    int type;           /* WNNOperandDataType, or -1 when webnn.h has none */
    uint32_t shape[TIO_MAX_RANK];
    size_t rank;
    size_t count;
    uint64_t begin, end; /* bytes of data, relative to the store's dataStart */
    char where[48];      /* where the declaration starts: "byte 37", "line 3 column 5" */
} tio_entry;

struct tio_weights {
    char *name;          /* the header or manifest file, in messages */
    char *dataName;      /* the file holding the data */
    json_document *doc;
    tio_entry *entries;  /* in the file's order */
    size_t count;
    size_t *byKey;       /* entry indices sorted by key */
    tio_source source;
    uint64_t dataStart;  /* where offsets count from in source */
};

/* A new empty store named name/dataName (copied), or NULL when out of memory. */
tio_weights *tio_weights_new(const char *name, const char *dataName);
/* After the entries are filled: sort the key index and check that no two tensors overlap
 * (sorted by begin). contiguousLength: when not NULL, the tensors must also cover
 * [0, *contiguousLength) exactly, as safetensors requires. Each tensor must fit maxBytes. */
int tio_weights_finish(tio_weights *w, const uint64_t *contiguousLength, size_t maxBytes,
                       char *err, size_t errSize);

/* The format readers: fill w from its source (already set). */
int tio_safetensors_parse(tio_weights *w, size_t maxBytes, char *err, size_t errSize);
int tio_manifest_parse(tio_weights *w, const unsigned char *manifest, size_t length,
                       size_t maxBytes, char *err, size_t errSize);

#endif
