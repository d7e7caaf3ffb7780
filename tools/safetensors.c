/* tools/safetensors.c - safetensors files (see tensorio.h).
 *
 * A file is: a u64 little-endian header length N, N bytes of JSON (an object: one member per
 * tensor, {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, and optionally
 * "__metadata__", an object of strings), then the data buffer that the offsets index. The
 * tensors must cover the buffer exactly. Data is little-endian.
 */
#include "tio_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Every dtype the format names; type -1 when webnn.h has no such type (an error only when
 * the tensor is loaded). Sizes in bits, as the format has sub-byte types. */
static const struct st_dtype {
    const char *name;
    unsigned bits;
    int type;
} st_dtypes[] = {
    {"F16", 16, WNNOperandDataType_Float16}, {"F32", 32, WNNOperandDataType_Float32},
    {"I8", 8, WNNOperandDataType_Int8},      {"U8", 8, WNNOperandDataType_Uint8},
    {"I32", 32, WNNOperandDataType_Int32},   {"U32", 32, WNNOperandDataType_Uint32},
    {"I64", 64, WNNOperandDataType_Int64},   {"U64", 64, WNNOperandDataType_Uint64},
    {"BF16", 16, -1}, {"F64", 64, -1}, {"BOOL", 8, -1}, {"I16", 16, -1}, {"U16", 16, -1},
    {"F8_E4M3", 8, -1}, {"F8_E5M2", 8, -1}, {"F8_E8M0", 8, -1}, {"F6_E2M3", 6, -1},
    {"F6_E3M2", 6, -1}, {"F4", 4, -1}, {"C64", 64, -1},
};

typedef struct st_parser {
    tio_weights *w;
    const unsigned char *header;
    size_t length;
    char *err;
    size_t errSize;
} st_parser;

/* The file's byte offset of a JSON position (line and byte column in the header). */
static uint64_t st_byte(const st_parser *p, uint32_t line, uint32_t column)
{
    size_t i = 0;
    uint32_t l = 1;
    while (l < line && i < p->length) {
        if (p->header[i] == '\n')
            l++;
        i++;
    }
    return 8 + (uint64_t)i + (column > 0 ? column - 1 : 0);
}

static int st_error(const st_parser *p, const json_value *at, const char *key, const char *what)
{
    uint64_t byte = st_byte(p, at->line, at->column);
    if (key != NULL)
        return tio_fail(p->err, p->errSize, "%s: byte %llu: header: tensor '%s': %s", p->w->name,
                        (unsigned long long)byte, key, what);
    return tio_fail(p->err, p->errSize, "%s: byte %llu: header: %s", p->w->name, (unsigned long long)byte, what);
}

static int st_parse_shape(const st_parser *p, const json_value *v, tio_entry *e)
{
    char what[128];
    size_t i;
    if (v->type != JSON_ARRAY)
        return st_error(p, v, e->key, "\"shape\" must be an array of non-negative integers");
    if (v->length > TIO_MAX_RANK) {
        snprintf(what, sizeof what, "\"shape\" has %lu dimensions, more than %d", (unsigned long)v->length,
                 TIO_MAX_RANK);
        return st_error(p, v, e->key, what);
    }
    for (i = 0; i < v->length; i++) {
        int64_t d;
        if (json_to_int64(&v->items[i], &d) != JSON_CONV_OK || v->items[i].type != JSON_NUMBER)
            return st_error(p, &v->items[i], e->key, "\"shape\" must be an array of non-negative integers");
        if (d < 0 || d > (int64_t)TIO_MAX_DIMENSION) {
            snprintf(what, sizeof what, "dimension %s is %s", v->items[i].text,
                     d < 0 ? "negative" : "above 2147483647");
            return st_error(p, &v->items[i], e->key, what);
        }
        e->shape[i] = (uint32_t)d;
    }
    e->rank = v->length;
    if (tio_shape_count(e->shape, e->rank, &e->count) != 0)
        return st_error(p, v, e->key, "\"shape\" has more than 2147483647 elements");
    return 0;
}

static int st_parse_entry(const st_parser *p, const json_value *m, tio_entry *e, uint64_t bufferLength)
{
    const json_value *dtype = NULL, *shape = NULL, *offsets = NULL;
    const struct st_dtype *d = NULL;
    uint64_t begin, end, bits;
    char what[512];
    size_t i;
    e->key = m->key;
    e->keyLength = m->keyLength;
    snprintf(e->where, sizeof e->where, "byte %llu", (unsigned long long)st_byte(p, m->keyLine, m->keyColumn));
    if (strlen(m->key) != m->keyLength)
        return st_error(p, m, NULL, "a tensor name contains a NUL character");
    if (m->type != JSON_OBJECT)
        return st_error(p, m, e->key, "expected an object {\"dtype\", \"shape\", \"data_offsets\"}");
    for (i = 0; i < m->length; i++) {
        const json_value *c = &m->items[i];
        if (strcmp(c->key, "dtype") == 0)
            dtype = c;
        else if (strcmp(c->key, "shape") == 0)
            shape = c;
        else if (strcmp(c->key, "data_offsets") == 0)
            offsets = c;
        else {
            snprintf(what, sizeof what, "unknown member \"%.64s\" (expected dtype, shape, data_offsets)", c->key);
            return st_error(p, c, e->key, what);
        }
    }
    if (dtype == NULL || shape == NULL || offsets == NULL) {
        snprintf(what, sizeof what, "missing member \"%s\"",
                 dtype == NULL ? "dtype" : shape == NULL ? "shape" : "data_offsets");
        return st_error(p, m, e->key, what);
    }
    if (dtype->type != JSON_STRING)
        return st_error(p, dtype, e->key, "\"dtype\" must be a string");
    for (i = 0; i < sizeof st_dtypes / sizeof st_dtypes[0]; i++)
        if (json_is_string(dtype, st_dtypes[i].name))
            d = &st_dtypes[i];
    if (d == NULL) {
        snprintf(what, sizeof what, "unknown dtype \"%.32s\"", dtype->text);
        return st_error(p, dtype, e->key, what);
    }
    e->dtype = d->name;
    e->type = d->type;
    if (st_parse_shape(p, shape, e) != 0)
        return -1;
    if (offsets->type != JSON_ARRAY || offsets->length != 2 ||
        offsets->items[0].type != JSON_NUMBER || offsets->items[1].type != JSON_NUMBER ||
        json_to_uint64(&offsets->items[0], &begin) != JSON_CONV_OK ||
        json_to_uint64(&offsets->items[1], &end) != JSON_CONV_OK)
        return st_error(p, offsets, e->key, "\"data_offsets\" must be [begin, end], two non-negative integers");
    if (begin > end || end > bufferLength) {
        snprintf(what, sizeof what, "data_offsets [%llu, %llu] %s the data buffer of %llu bytes",
                 (unsigned long long)begin, (unsigned long long)end,
                 begin > end ? "are reversed in" : "go past the end of", (unsigned long long)bufferLength);
        return st_error(p, offsets, e->key, what);
    }
    bits = (uint64_t)e->count * d->bits; /* count <= 2^31-1, bits <= 64: no wrap-around */
    if (bits % 8 != 0 || end - begin != bits / 8) {
        char shapeText[200];
        tio_format_shape(shapeText, sizeof shapeText, e->shape, e->rank);
        if (bits % 8 != 0)
            snprintf(what, sizeof what, "shape %s of %s is not a whole number of bytes", shapeText, d->name);
        else
            snprintf(what, sizeof what, "data_offsets [%llu, %llu] hold %llu bytes, but shape %s of %s needs %llu",
                     (unsigned long long)begin, (unsigned long long)end, (unsigned long long)(end - begin),
                     shapeText, d->name, (unsigned long long)(bits / 8));
        return st_error(p, offsets, e->key, what);
    }
    e->begin = begin;
    e->end = end;
    return 0;
}

int tio_safetensors_parse(tio_weights *w, size_t maxBytes, char *err, size_t errSize)
{
    unsigned char prefix[8];
    unsigned char *header;
    uint64_t n = 0, bufferLength;
    json_limits limits = JSON_LIMITS_DEFAULT;
    json_error jerr;
    const json_value *root;
    st_parser p;
    size_t i, count = 0;
    int i8;

    if (w->source.length < 8)
        return tio_fail(err, errSize, "%s: byte %llu: the file ends inside the 8-byte header length", w->name,
                        (unsigned long long)w->source.length);
    if (tio_source_read(&w->source, 0, prefix, 8) != 0)
        return tio_fail(err, errSize, "%s: read error", w->name);
    for (i8 = 7; i8 >= 0; i8--)
        n = n << 8 | prefix[i8];
    if (n > TIO_SAFETENSORS_MAX_HEADER)
        return tio_fail(err, errSize, "%s: byte 0: header length %llu exceeds the limit of %lu bytes", w->name,
                        (unsigned long long)n, (unsigned long)TIO_SAFETENSORS_MAX_HEADER);
    if (n > w->source.length - 8)
        return tio_fail(err, errSize, "%s: byte 0: header length %llu goes past the end of the file (%llu bytes)",
                        w->name, (unsigned long long)n, (unsigned long long)w->source.length);
    header = (unsigned char *)malloc(n > 0 ? (size_t)n : 1);
    if (header == NULL)
        return tio_fail(err, errSize, "%s: out of memory", w->name);
    if (tio_source_read(&w->source, 8, header, (size_t)n) != 0) {
        free(header);
        return tio_fail(err, errSize, "%s: read error", w->name);
    }
    p.w = w;
    p.header = header;
    p.length = (size_t)n;
    p.err = err;
    p.errSize = errSize;
    if (n == 0 || header[0] != '{') {
        char got[96];
        tio_snippet(got, sizeof got, header, (size_t)n);
        free(header);
        return tio_fail(err, errSize, "%s: byte 8: header: expected a JSON object '{', got %s", w->name, got);
    }
    limits.maxBytes = (size_t)n;
    w->doc = json_parse((const char *)header, (size_t)n, &limits, &jerr);
    if (w->doc == NULL) {
        tio_fail(err, errSize, "%s: byte %llu: header: %s", w->name,
                 (unsigned long long)st_byte(&p, jerr.line, jerr.column), jerr.message);
        free(header);
        return -1;
    }
    root = json_root(w->doc);
    w->dataStart = 8 + n;
    bufferLength = w->source.length - w->dataStart;
    w->entries = (tio_entry *)calloc(root->length > 0 ? root->length : 1, sizeof *w->entries);
    if (w->entries == NULL) {
        free(header);
        return tio_fail(err, errSize, "%s: out of memory", w->name);
    }
    for (i = 0; i < root->length; i++) {
        const json_value *m = &root->items[i];
        if (strcmp(m->key, "__metadata__") == 0 && m->keyLength == strlen("__metadata__")) {
            size_t j;
            if (m->type != JSON_OBJECT) {
                free(header);
                return st_error(&p, m, NULL, "\"__metadata__\" must be an object of strings");
            }
            for (j = 0; j < m->length; j++)
                if (m->items[j].type != JSON_STRING) {
                    free(header);
                    return st_error(&p, &m->items[j], NULL, "\"__metadata__\" values must be strings");
                }
            continue;
        }
        if (st_parse_entry(&p, m, &w->entries[count], bufferLength) != 0) {
            free(header);
            return -1;
        }
        count++;
    }
    free(header);
    w->count = count;
    return tio_weights_finish(w, &bufferLength, maxBytes, err, errSize);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */
/* ------------------------------------------------------------------------------------------ */

typedef struct st_text {
    char *s;
    size_t length, capacity;
    int failed;
} st_text;

static void st_append(st_text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (n > SIZE_MAX / 2 - t->length) {
        t->failed = 1;
        return;
    }
    if (t->length + n + 1 > t->capacity) {
        size_t c = (t->length + n + 1) * 2;
        char *g = (char *)realloc(t->s, c);
        if (g == NULL) {
            t->failed = 1;
            return;
        }
        t->s = g;
        t->capacity = c;
    }
    memcpy(t->s + t->length, s, n);
    t->length += n;
    t->s[t->length] = '\0';
}

static void st_appends(st_text *t, const char *s)
{
    st_append(t, s, strlen(s));
}

/* A JSON string: quotes and backslashes escaped, control characters as \u00XX. */
static void st_append_string(st_text *t, const char *s)
{
    st_appends(t, "\"");
    for (; *s != '\0'; s++) {
        char esc[8];
        if (*s == '"' || *s == '\\') {
            esc[0] = '\\';
            esc[1] = *s;
            st_append(t, esc, 2);
        } else if ((unsigned char)*s < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04X", (unsigned)(unsigned char)*s);
            st_appends(t, esc);
        } else {
            st_append(t, s, 1);
        }
    }
    st_appends(t, "\"");
}

static const char *st_dtype_name(WNNOperandDataType type)
{
    switch (type) {
    case WNNOperandDataType_Float16: return "F16";
    case WNNOperandDataType_Float32: return "F32";
    case WNNOperandDataType_Int32: return "I32";
    case WNNOperandDataType_Uint32: return "U32";
    case WNNOperandDataType_Int64: return "I64";
    case WNNOperandDataType_Uint64: return "U64";
    case WNNOperandDataType_Int8: case WNNOperandDataType_Int4: return "I8";
    case WNNOperandDataType_Uint8: case WNNOperandDataType_Uint4: return "U8";
    case WNNOperandDataType_Force32: break;
    }
    return NULL;
}

/* Write count elements of size bytes little-endian. */
static int write_little_endian(FILE *f, const void *data, size_t count, size_t size)
{
    unsigned char chunk[4096];
    const unsigned char *p = (const unsigned char *)data;
    size_t done = 0;
    if (count == 0)
        return 0;
    if (tio_host_little_endian() || size < 2)
        return fwrite(data, size, count, f) == count ? 0 : -1;
    while (done < count) {
        size_t n = count - done < sizeof chunk / size ? count - done : sizeof chunk / size;
        memcpy(chunk, p + done * size, n * size);
        tio_swap_bytes(chunk, n, size);
        if (fwrite(chunk, size, n, f) != n)
            return -1;
        done += n;
    }
    return 0;
}

int tio_safetensors_write(const char *path, size_t count, const char *const *keys,
                          const tio_tensor *tensors, char *err, size_t errSize)
{
    st_text t = {NULL, 0, 0, 0};
    uint64_t offset = 0;
    unsigned char prefix[8];
    json_document *check;
    json_error jerr;
    FILE *f;
    size_t i, j;
    int ok;
    if (path == NULL || (count > 0 && (keys == NULL || tensors == NULL)))
        return tio_fail(err, errSize, "tio_safetensors_write: invalid argument");
    st_appends(&t, "{");
    for (i = 0; i < count; i++) {
        const tio_tensor *x = &tensors[i];
        const char *dtype = st_dtype_name(x->dataType);
        size_t n;
        char num[64];
        if (keys[i] == NULL || strcmp(keys[i], "__metadata__") == 0)
            return free(t.s), tio_fail(err, errSize, "%s: tensor %lu: invalid name", path, (unsigned long)i);
        if (dtype == NULL || x->rank > TIO_MAX_RANK || tio_shape_count(x->shape, x->rank, &n) != 0 ||
            n != x->count || (n > 0 && x->data == NULL))
            return free(t.s), tio_fail(err, errSize, "%s: tensor '%s': invalid tensor", path, keys[i]);
        st_appends(&t, i > 0 ? "," : "");
        st_append_string(&t, keys[i]);
        st_appends(&t, ":{\"dtype\":\"");
        st_appends(&t, dtype);
        st_appends(&t, "\",\"shape\":[");
        for (j = 0; j < x->rank; j++) {
            snprintf(num, sizeof num, "%s%lu", j > 0 ? "," : "", (unsigned long)x->shape[j]);
            st_appends(&t, num);
        }
        snprintf(num, sizeof num, "],\"data_offsets\":[%llu,%llu]}", (unsigned long long)offset,
                 (unsigned long long)(offset + (uint64_t)n * wnnOperandDataTypeByteSize(x->dataType)));
        st_appends(&t, num);
        offset += (uint64_t)n * wnnOperandDataTypeByteSize(x->dataType);
    }
    st_appends(&t, "}");
    /* pad with spaces so that the data starts at a multiple of 8 bytes */
    while (!t.failed && t.length % 8 != 0)
        st_appends(&t, " ");
    if (t.failed)
        return free(t.s), tio_fail(err, errSize, "%s: out of memory", path);
    /* the header must read back: this rejects names that are not UTF-8, or repeated */
    check = json_parse(t.s, t.length, NULL, &jerr);
    if (check == NULL)
        return free(t.s), tio_fail(err, errSize, "%s: the tensor names do not make a valid header: %s", path,
                                   jerr.message);
    json_free(check);
    for (i = 0; i < 8; i++)
        prefix[i] = (unsigned char)((uint64_t)t.length >> (8 * i) & 0xFF);
    f = fopen(path, "wb");
    if (f == NULL) {
        free(t.s);
        return tio_fail(err, errSize, "%s: cannot create: %s", path, strerror(errno));
    }
    ok = fwrite(prefix, 1, 8, f) == 8 && fwrite(t.s, 1, t.length, f) == t.length;
    for (i = 0; ok && i < count; i++)
        ok = write_little_endian(f, tensors[i].data, tensors[i].count,
                                 wnnOperandDataTypeByteSize(tensors[i].dataType)) == 0;
    if (fclose(f) != 0)
        ok = 0;
    free(t.s);
    return ok ? 0 : tio_fail(err, errSize, "%s: write error", path);
}
