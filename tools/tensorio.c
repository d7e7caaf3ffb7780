/* tools/tensorio.c - see tensorio.h: the shared helpers, narrowing, and the weight store
 * that safetensors.c and manifest.c fill (opening by path, key look-up, loading). */
#include "tio_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Messages, sources, small helpers                                                           */
/* ------------------------------------------------------------------------------------------ */

int tio_fail(char *err, size_t errSize, const char *fmt, ...)
{
    va_list ap;
    if (err != NULL && errSize > 0) {
        va_start(ap, fmt);
        vsnprintf(err, errSize, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void tio_source_memory(tio_source *s, const void *bytes, size_t length)
{
    s->memory = (const unsigned char *)bytes;
    s->file = NULL;
    s->length = bytes != NULL ? (uint64_t)length : 0;
}

int tio_source_open(tio_source *s, const char *path, char *err, size_t errSize)
{
    long end;
    s->memory = NULL;
    s->length = 0;
    s->file = fopen(path, "rb");
    if (s->file == NULL)
        return tio_fail(err, errSize, "%s: cannot open: %s", path, strerror(errno));
    /* The length is needed up front so that every size can be checked against it before
     * anything is allocated: only seekable files are accepted. */
    if (fseek(s->file, 0, SEEK_END) != 0 || (end = ftell(s->file)) < 0) {
        fclose(s->file);
        s->file = NULL;
        return tio_fail(err, errSize, "%s: cannot measure the file (not a regular file?)", path);
    }
    s->length = (uint64_t)end;
    return 0;
}

int tio_source_read(tio_source *s, uint64_t offset, void *dst, size_t n)
{
    if (offset > s->length || (uint64_t)n > s->length - offset)
        return -1;
    if (n == 0)
        return 0;
    if (s->memory != NULL) {
        memcpy(dst, s->memory + offset, n);
        return 0;
    }
    if (s->file == NULL || offset > (uint64_t)LONG_MAX || fseek(s->file, (long)offset, SEEK_SET) != 0)
        return -1;
    return fread(dst, 1, n, s->file) == n ? 0 : -1;
}

void tio_source_close(tio_source *s)
{
    if (s->file != NULL)
        fclose(s->file);
    s->file = NULL;
    s->memory = NULL;
    s->length = 0;
}

int tio_read_file(const char *path, size_t maxBytes, unsigned char **bytes, size_t *length,
                  char *err, size_t errSize)
{
    tio_source s;
    unsigned char *buf;
    *bytes = NULL;
    *length = 0;
    if (tio_source_open(&s, path, err, errSize) != 0)
        return -1;
    if (s.length > (uint64_t)maxBytes) {
        tio_source_close(&s);
        return tio_fail(err, errSize, "%s: the file has %llu bytes, over the limit of %llu", path,
                        (unsigned long long)s.length, (unsigned long long)maxBytes);
    }
    buf = (unsigned char *)malloc(s.length > 0 ? (size_t)s.length : 1);
    if (buf == NULL) {
        tio_source_close(&s);
        return tio_fail(err, errSize, "%s: out of memory", path);
    }
    if (tio_source_read(&s, 0, buf, (size_t)s.length) != 0) {
        free(buf);
        tio_source_close(&s);
        return tio_fail(err, errSize, "%s: read error", path);
    }
    *bytes = buf;
    *length = (size_t)s.length;
    tio_source_close(&s);
    return 0;
}

int tio_host_little_endian(void)
{
    const uint16_t one = 1;
    unsigned char first;
    memcpy(&first, &one, 1);
    return first == 1;
}

void tio_swap_bytes(void *data, size_t count, size_t size)
{
    unsigned char *p = (unsigned char *)data;
    size_t i, j;
    if (size < 2)
        return;
    for (i = 0; i < count; i++, p += size)
        for (j = 0; j < size / 2; j++) {
            unsigned char t = p[j];
            p[j] = p[size - 1 - j];
            p[size - 1 - j] = t;
        }
}

const char *tio_type_name(int type)
{
    const char *s = type < 0 ? NULL : wnnOperandDataTypeString((WNNOperandDataType)type);
    return s != NULL ? s : "unknown";
}

int tio_shape_count(const uint32_t *shape, size_t rank, size_t *count)
{
    uint64_t product = 1;
    size_t i;
    for (i = 0; i < rank; i++)
        if (shape[i] == 0) {
            *count = 0;
            return 0;
        }
    for (i = 0; i < rank; i++) {
        product *= shape[i]; /* both factors <= 2^31-1: no wrap-around in 64 bits */
        if (product > TIO_MAX_DIMENSION)
            return -1;
    }
    *count = (size_t)product;
    return 0;
}

void tio_format_shape(char *buf, size_t size, const uint32_t *shape, size_t rank)
{
    size_t used = 0, i;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (i = 0; i <= rank && used < size; i++) {
        int n;
        if (i == rank)
            n = snprintf(buf + used, size - used, "]");
        else
            n = snprintf(buf + used, size - used, "%s%lu", i == 0 ? "[" : ", ", (unsigned long)shape[i]);
        if (n < 0)
            return;
        used += (size_t)n;
    }
    if (rank == 0 && size > 2)
        snprintf(buf, size, "[]");
}

void tio_snippet(char *buf, size_t size, const unsigned char *p, size_t n)
{
    size_t used = 0, i, shown = n < 16 ? n : 16;
    if (size == 0)
        return;
    if (n == 0) {
        snprintf(buf, size, "the end of the header");
        return;
    }
    buf[0] = '\0';
    for (i = 0; i <= shown + 1 && used + 1 < size; i++) {
        int k;
        if (i == 0 || i == shown + 1)
            k = snprintf(buf + used, size - used, i == 0 ? "\"" : n > shown ? "...\"" : "\"");
        else if (p[i - 1] >= 0x20 && p[i - 1] < 0x7F && p[i - 1] != '"' && p[i - 1] != '\\')
            k = snprintf(buf + used, size - used, "%c", (char)p[i - 1]);
        else
            k = snprintf(buf + used, size - used, "\\x%02X", (unsigned)p[i - 1]);
        if (k < 0)
            return;
        used += (size_t)k;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Tensors                                                                                    */
/* ------------------------------------------------------------------------------------------ */

void tio_tensor_free(tio_tensor *t)
{
    if (t == NULL)
        return;
    free(t->data);
    memset(t, 0, sizeof *t);
}

int tio_tensor_narrow(tio_tensor *t, WNNOperandDataType want, char *err, size_t errSize)
{
    int lo, hi;
    size_t i;
    if (t->dataType == want)
        return 0;
    if (t->dataType == WNNOperandDataType_Int8 && want == WNNOperandDataType_Int4) {
        lo = -8;
        hi = 7;
    } else if (t->dataType == WNNOperandDataType_Uint8 && want == WNNOperandDataType_Uint4) {
        lo = 0;
        hi = 15;
    } else {
        return tio_fail(err, errSize, "has data type %s, expected %s", tio_type_name((int)t->dataType),
                        tio_type_name((int)want));
    }
    for (i = 0; i < t->count; i++) {
        int v = t->dataType == WNNOperandDataType_Int8 ? (int)((const int8_t *)t->data)[i]
                                                       : (int)((const uint8_t *)t->data)[i];
        if (v < lo || v > hi)
            return tio_fail(err, errSize, "element %lu has value %d, outside %s's range [%d, %d]",
                            (unsigned long)i, v, tio_type_name((int)want), lo, hi);
    }
    t->dataType = want;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The weight store                                                                           */
/* ------------------------------------------------------------------------------------------ */

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = (char *)malloc(n);
    if (c != NULL)
        memcpy(c, s, n);
    return c;
}

tio_weights *tio_weights_new(const char *name, const char *dataName)
{
    tio_weights *w = (tio_weights *)calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    w->name = copy_string(name);
    w->dataName = copy_string(dataName);
    if (w->name == NULL || w->dataName == NULL) {
        tio_weights_close(w);
        return NULL;
    }
    return w;
}

void tio_weights_close(tio_weights *w)
{
    if (w == NULL)
        return;
    tio_source_close(&w->source);
    json_free(w->doc);
    free(w->entries);
    free(w->byKey);
    free(w->name);
    free(w->dataName);
    free(w);
}

size_t tio_weights_count(const tio_weights *w)
{
    return w != NULL ? w->count : 0;
}

const char *tio_weights_key(const tio_weights *w, size_t index)
{
    return w != NULL && index < w->count ? w->entries[index].key : NULL;
}

static int compare_keys(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    if (c != 0)
        return c;
    return na < nb ? -1 : na > nb ? 1 : 0;
}

/* qsort comparators receive only the two elements: the index arrays sorted below hold
 * pointers to entries, so no context is needed. */
static int by_key(const void *a, const void *b)
{
    const tio_entry *x = *(const tio_entry *const *)a, *y = *(const tio_entry *const *)b;
    return compare_keys(x->key, x->keyLength, y->key, y->keyLength);
}

static int by_begin(const void *a, const void *b)
{
    const tio_entry *x = *(const tio_entry *const *)a, *y = *(const tio_entry *const *)b;
    if (x->begin != y->begin)
        return x->begin < y->begin ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return 0;
}

int tio_weights_finish(tio_weights *w, const uint64_t *contiguousLength, size_t maxBytes,
                       char *err, size_t errSize)
{
    const tio_entry **order;
    const tio_entry *last = NULL;
    uint64_t covered = 0;
    size_t i;
    for (i = 0; i < w->count; i++) {
        const tio_entry *e = &w->entries[i];
        if (e->end - e->begin > (uint64_t)maxBytes)
            return tio_fail(err, errSize, "%s: %s: tensor '%s' has %llu bytes, over the limit of %llu",
                            w->name, e->where, e->key,
                            (unsigned long long)(e->end - e->begin), (unsigned long long)maxBytes);
    }
    if (w->count > SIZE_MAX / sizeof *order)
        return tio_fail(err, errSize, "%s: too many tensors", w->name);
    order = (const tio_entry **)malloc(w->count > 0 ? w->count * sizeof *order : 1);
    w->byKey = (size_t *)malloc(w->count > 0 ? w->count * sizeof *w->byKey : 1);
    if (order == NULL || w->byKey == NULL) {
        free(order);
        return tio_fail(err, errSize, "%s: out of memory", w->name);
    }
    for (i = 0; i < w->count; i++)
        order[i] = &w->entries[i];
    qsort((void *)order, w->count, sizeof *order, by_begin);
    for (i = 0; i < w->count; i++) {
        const tio_entry *e = order[i];
        if (e->begin == e->end)
            continue; /* an empty tensor occupies no byte */
        if (contiguousLength != NULL && e->begin > covered) {
            free(order);
            return tio_fail(err, errSize,
                            "%s: bytes %llu to %llu of the data belong to no tensor (the format forbids holes)",
                            w->name, (unsigned long long)covered, (unsigned long long)e->begin);
        }
        if (last != NULL && e->begin < covered) {
            int r = tio_fail(err, errSize, "%s: tensors '%s' (bytes %llu to %llu) and '%s' (bytes %llu to %llu) overlap",
                             w->name, last->key, (unsigned long long)last->begin,
                             (unsigned long long)last->end, e->key, (unsigned long long)e->begin,
                             (unsigned long long)e->end);
            free(order);
            return r;
        }
        covered = e->end; /* sorted by begin and not overlapping: ends grow */
        last = e;
    }
    if (contiguousLength != NULL && covered < *contiguousLength) {
        free(order);
        return tio_fail(err, errSize,
                        "%s: bytes %llu to %llu of the data belong to no tensor (the format forbids holes)",
                        w->name, (unsigned long long)covered, (unsigned long long)*contiguousLength);
    }
    for (i = 0; i < w->count; i++)
        order[i] = &w->entries[i];
    qsort((void *)order, w->count, sizeof *order, by_key);
    for (i = 0; i < w->count; i++)
        w->byKey[i] = (size_t)(order[i] - w->entries);
    free(order);
    return 0;
}

static const tio_entry *find_entry(const tio_weights *w, const char *key)
{
    size_t lo = 0, hi = w->count, n = strlen(key);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const tio_entry *e = &w->entries[w->byKey[mid]];
        int c = compare_keys(key, n, e->key, e->keyLength);
        if (c == 0)
            return e;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

int tio_weights_describe(const tio_weights *w, const char *key, int *type, uint32_t *shape,
                         size_t *rank)
{
    const tio_entry *e = w != NULL && key != NULL ? find_entry(w, key) : NULL;
    if (e == NULL)
        return -1;
    *type = e->type;
    memcpy(shape, e->shape, e->rank * sizeof *shape);
    *rank = e->rank;
    return 0;
}

/* "no tensor 'x'; the store has 'a', 'b', ... (and 5 more)" */
static int missing_key(const tio_weights *w, const char *key, char *err, size_t errSize)
{
    char list[512];
    size_t used = 0, i;
    list[0] = '\0';
    for (i = 0; i < w->count && i < 10; i++) {
        int n = snprintf(list + used, sizeof list - used, "%s'%s'", i > 0 ? ", " : "", w->entries[i].key);
        if (n < 0 || (size_t)n >= sizeof list - used) {
            used = sizeof list - 1;
            break;
        }
        used += (size_t)n;
    }
    if (w->count > 10)
        snprintf(list + used, sizeof list - used, " (and %lu more)", (unsigned long)(w->count - 10));
    if (w->count == 0)
        return tio_fail(err, errSize, "%s: no tensor '%s' (the store is empty)", w->name, key);
    return tio_fail(err, errSize, "%s: no tensor '%s'; the store has %s", w->name, key, list);
}

int tio_weights_load(tio_weights *w, const char *key, WNNOperandDataType type,
                     const uint32_t *shape, size_t rank, tio_tensor *out, char *err, size_t errSize)
{
    const tio_entry *e;
    char have[160], want[160], why[160];
    size_t size;
    memset(out, 0, sizeof *out);
    if (w == NULL || key == NULL || (rank > 0 && shape == NULL))
        return tio_fail(err, errSize, "tio_weights_load: invalid argument");
    e = find_entry(w, key);
    if (e == NULL)
        return missing_key(w, key, err, errSize);
    if (e->type < 0)
        return tio_fail(err, errSize, "%s: tensor '%s': unsupported dtype %s (webnn has no such type)",
                        w->name, key, e->dtype);
    if (e->type != (int)type &&
        !(e->type == WNNOperandDataType_Int8 && type == WNNOperandDataType_Int4) &&
        !(e->type == WNNOperandDataType_Uint8 && type == WNNOperandDataType_Uint4))
        return tio_fail(err, errSize, "%s: tensor '%s' has data type %s, expected %s", w->name, key,
                        tio_type_name(e->type), tio_type_name((int)type));
    if (rank != e->rank || (rank > 0 && memcmp(shape, e->shape, rank * sizeof *shape) != 0)) {
        tio_format_shape(have, sizeof have, e->shape, e->rank);
        tio_format_shape(want, sizeof want, shape, rank > TIO_MAX_RANK ? TIO_MAX_RANK : rank);
        return tio_fail(err, errSize, "%s: tensor '%s' has shape %s, expected %s%s", w->name, key,
                        have, want, rank > TIO_MAX_RANK ? " (and more)" : "");
    }
    size = (size_t)(e->end - e->begin); /* checked against maxBytes at open */
    out->data = malloc(size > 0 ? size : 1);
    if (out->data == NULL)
        return tio_fail(err, errSize, "%s: tensor '%s': out of memory", w->name, key);
    if (tio_source_read(&w->source, w->dataStart + e->begin, out->data, size) != 0) {
        tio_tensor_free(out);
        return tio_fail(err, errSize, "%s: byte %llu: tensor '%s': cannot read %lu bytes", w->dataName,
                        (unsigned long long)(w->dataStart + e->begin), key, (unsigned long)size);
    }
    out->dataType = (WNNOperandDataType)e->type;
    memcpy(out->shape, e->shape, e->rank * sizeof *e->shape);
    out->rank = e->rank;
    out->count = e->count;
    if (!tio_host_little_endian()) /* both formats store little-endian data */
        tio_swap_bytes(out->data, out->count, wnnOperandDataTypeByteSize(out->dataType));
    if (type == WNNOperandDataType_Int4 || type == WNNOperandDataType_Uint4) {
        /* stored int4/uint4 bytes are checked as narrowed int8/uint8 ones are */
        if (out->dataType == type)
            out->dataType = type == WNNOperandDataType_Int4 ? WNNOperandDataType_Int8 : WNNOperandDataType_Uint8;
        if (tio_tensor_narrow(out, type, why, sizeof why) != 0) {
            tio_tensor_free(out);
            return tio_fail(err, errSize, "%s: tensor '%s': %s", w->name, key, why);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Opening                                                                                    */
/* ------------------------------------------------------------------------------------------ */

int tio_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* stem (s less its suffix) + newSuffix, malloc'd */
static char *replace_suffix(const char *s, const char *suffix, const char *newSuffix)
{
    size_t stem = strlen(s) - strlen(suffix), m = strlen(newSuffix);
    char *r = (char *)malloc(stem + m + 1);
    if (r != NULL) {
        memcpy(r, s, stem);
        memcpy(r + stem, newSuffix, m + 1);
    }
    return r;
}

static int open_safetensors_file(const char *path, size_t maxBytes, size_t maxTotalBytes,
                                 tio_weights **out, char *err, size_t errSize)
{
    tio_weights *w = tio_weights_new(path, path);
    if (w == NULL)
        return tio_fail(err, errSize, "%s: out of memory", path);
    if (tio_source_open(&w->source, path, err, errSize) != 0) {
        tio_weights_close(w);
        return -1;
    }
    if (w->source.length > (uint64_t)maxTotalBytes) {
        tio_fail(err, errSize, "%s: the file has %llu bytes, over the limit of %llu", path,
                 (unsigned long long)w->source.length, (unsigned long long)maxTotalBytes);
        tio_weights_close(w);
        return -1;
    }
    if (tio_safetensors_parse(w, maxBytes, err, errSize) != 0) {
        tio_weights_close(w);
        return -1;
    }
    *out = w;
    return 0;
}

static int open_manifest_files(const char *manifestPath, const char *blobPath, size_t maxBytes,
                               size_t maxTotalBytes, tio_weights **out, char *err, size_t errSize)
{
    unsigned char *text;
    size_t length;
    tio_weights *w;
    if (tio_read_file(manifestPath, TIO_MANIFEST_MAX_BYTES, &text, &length, err, errSize) != 0)
        return -1;
    w = tio_weights_new(manifestPath, blobPath);
    if (w == NULL) {
        free(text);
        return tio_fail(err, errSize, "%s: out of memory", manifestPath);
    }
    if (tio_source_open(&w->source, blobPath, err, errSize) != 0) {
        free(text);
        tio_weights_close(w);
        return -1;
    }
    if (w->source.length > (uint64_t)maxTotalBytes) {
        tio_fail(err, errSize, "%s: the file has %llu bytes, over the limit of %llu", blobPath,
                 (unsigned long long)w->source.length, (unsigned long long)maxTotalBytes);
        free(text);
        tio_weights_close(w);
        return -1;
    }
    if (tio_manifest_parse(w, text, length, maxBytes, err, errSize) != 0) {
        free(text);
        tio_weights_close(w);
        return -1;
    }
    free(text);
    *out = w;
    return 0;
}

int tio_weights_open_limited(const char *path, size_t maxBytes, size_t maxTotalBytes,
                             tio_weights **out, char *err, size_t errSize)
{
    char *other;
    int r;
    if (out == NULL || path == NULL)
        return tio_fail(err, errSize, "tio_weights_open: invalid argument");
    *out = NULL;
    if (tio_has_suffix(path, ".safetensors"))
        return open_safetensors_file(path, maxBytes, maxTotalBytes, out, err, errSize);
    if (tio_has_suffix(path, ".manifest.json")) {
        other = replace_suffix(path, ".manifest.json", ".weights");
        if (other == NULL)
            return tio_fail(err, errSize, "%s: out of memory", path);
        r = open_manifest_files(path, other, maxBytes, maxTotalBytes, out, err, errSize);
        free(other);
        return r;
    }
    if (tio_has_suffix(path, ".weights")) {
        other = replace_suffix(path, ".weights", ".manifest.json");
        if (other == NULL)
            return tio_fail(err, errSize, "%s: out of memory", path);
        r = open_manifest_files(other, path, maxBytes, maxTotalBytes, out, err, errSize);
        free(other);
        return r;
    }
    return tio_fail(err, errSize, "%s: unknown kind of weights file (expected a name ending in "
                    ".safetensors, .manifest.json or .weights)", path);
}

int tio_weights_open(const char *path, size_t maxBytes, tio_weights **out, char *err, size_t errSize)
{
    return tio_weights_open_limited(path, maxBytes, SIZE_MAX, out, err, errSize);
}

int tio_weights_open_memory(const char *kind, const void *bytes, size_t length,
                            const void *blob, size_t blobLength, const char *name,
                            size_t maxBytes, tio_weights **out, char *err, size_t errSize)
{
    tio_weights *w;
    char *blobName;
    int r;
    if (out == NULL || kind == NULL || (bytes == NULL && length > 0))
        return tio_fail(err, errSize, "tio_weights_open_memory: invalid argument");
    *out = NULL;
    if (name == NULL)
        name = "(memory)";
    if (strcmp(kind, "safetensors") == 0) {
        w = tio_weights_new(name, name);
        if (w == NULL)
            return tio_fail(err, errSize, "%s: out of memory", name);
        tio_source_memory(&w->source, bytes, length);
        r = tio_safetensors_parse(w, maxBytes, err, errSize);
    } else if (strcmp(kind, "manifest") == 0) {
        if (blob == NULL && blobLength > 0)
            return tio_fail(err, errSize, "tio_weights_open_memory: invalid argument");
        blobName = tio_has_suffix(name, ".manifest.json") ? replace_suffix(name, ".manifest.json", ".weights")
                                                     : replace_suffix(name, "", ".weights");
        if (blobName == NULL)
            return tio_fail(err, errSize, "%s: out of memory", name);
        w = tio_weights_new(name, blobName);
        free(blobName);
        if (w == NULL)
            return tio_fail(err, errSize, "%s: out of memory", name);
        tio_source_memory(&w->source, blob, blobLength);
        r = tio_manifest_parse(w, (const unsigned char *)bytes, length, maxBytes, err, errSize);
    } else {
        return tio_fail(err, errSize, "%s: unknown weights kind '%s' (expected safetensors or manifest)",
                        name, kind);
    }
    if (r != 0) {
        tio_weights_close(w);
        return -1;
    }
    *out = w;
    return 0;
}
