/* tools/manifest.c - manifest + blob weight stores (see tensorio.h), the format of the
 * webnn-graph tool.
 *
 * The manifest is JSON: {"format": "wg-weights-manifest", "version": 1, "endianness":
 * "little", "tensors": {"W": {"dataType": "float32", "shape": [2, 3], "byteOffset": 8,
 * "byteLength": 24, "layout": "row-major"}, ...}} ("layout" optional). Every member is
 * required unless said optional, and an unknown member is an error. The blob starts with
 * "WGWT" and a u32 little-endian version 1; tensor offsets count from the blob's first byte,
 * start at or after byte 8 and do not overlap (holes are allowed, e.g. for alignment).
 * dataType takes webnn's names; int4 and uint4 take one byte per value.
 */
#include "tio_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define BLOB_MAGIC "WGWT"
#define BLOB_HEADER 8

typedef struct mf_parser {
    tio_weights *w;
    char *err;
    size_t errSize;
} mf_parser;

static int mf_error(const mf_parser *p, const json_value *at, const char *key, const char *what)
{
    if (key != NULL)
        return tio_fail(p->err, p->errSize, "%s: line %lu column %lu: tensor '%s': %s", p->w->name,
                        (unsigned long)at->line, (unsigned long)at->column, key, what);
    return tio_fail(p->err, p->errSize, "%s: line %lu column %lu: %s", p->w->name, (unsigned long)at->line,
                    (unsigned long)at->column, what);
}

/* Check an object's members against names (NULL-terminated; the first `required` of them
 * must be present) and return them in found[]. */
static int mf_members(const mf_parser *p, const json_value *obj, const char *key,
                      const char *const *names, size_t required, const json_value **found)
{
    char what[256], list[160];
    size_t i, j, used = 0;
    list[0] = '\0';
    for (j = 0; names[j] != NULL; j++) {
        found[j] = NULL;
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", j > 0 ? ", " : "", names[j]);
    }
    for (i = 0; i < obj->length; i++) {
        const json_value *m = &obj->items[i];
        for (j = 0; names[j] != NULL; j++)
            if (strcmp(m->key, names[j]) == 0 && strlen(m->key) == m->keyLength)
                break;
        if (names[j] == NULL) {
            snprintf(what, sizeof what, "unknown member \"%.64s\" (expected %s)", m->key, list);
            return mf_error(p, m, key, what);
        }
        found[j] = m;
    }
    for (j = 0; j < required; j++)
        if (found[j] == NULL) {
            snprintf(what, sizeof what, "missing member \"%s\"", names[j]);
            return mf_error(p, obj, key, what);
        }
    return 0;
}

static int mf_uint(const mf_parser *p, const json_value *v, const char *key, const char *name, uint64_t *out)
{
    char what[128];
    if (v->type != JSON_NUMBER || json_to_uint64(v, out) != JSON_CONV_OK) {
        snprintf(what, sizeof what, "\"%s\" must be a non-negative integer", name);
        return mf_error(p, v, key, what);
    }
    return 0;
}

static int mf_entry(const mf_parser *p, const json_value *m, tio_entry *e, uint64_t blobLength)
{
    static const char *const names[] = {"dataType", "shape", "byteOffset", "byteLength", "layout", NULL};
    const json_value *f[5];
    char what[512], shapeText[200];
    uint64_t offset, length, need;
    size_t i;
    int t;
    e->key = m->key;
    e->keyLength = m->keyLength;
    snprintf(e->where, sizeof e->where, "line %lu column %lu", (unsigned long)m->keyLine,
             (unsigned long)m->keyColumn);
    if (strlen(m->key) != m->keyLength)
        return mf_error(p, m, NULL, "a tensor name contains a NUL character");
    if (m->type != JSON_OBJECT)
        return mf_error(p, m, e->key, "expected an object {\"dataType\", \"shape\", \"byteOffset\", \"byteLength\"}");
    if (mf_members(p, m, e->key, names, 4, f) != 0)
        return -1;
    e->type = -1;
    for (t = 0; t <= (int)WNNOperandDataType_Uint4; t++)
        if (json_is_string(f[0], tio_type_name(t)))
            e->type = t;
    if (e->type < 0) {
        snprintf(what, sizeof what, "unknown dataType %s%.32s%s (expected float32, float16, int8, uint8, "
                 "int32, uint32, int64, uint64, int4 or uint4)", f[0]->type == JSON_STRING ? "\"" : "",
                 f[0]->type == JSON_STRING ? f[0]->text : json_type_name(f[0]->type),
                 f[0]->type == JSON_STRING ? "\"" : "");
        return mf_error(p, f[0], e->key, what);
    }
    e->dtype = tio_type_name(e->type);
    if (f[1]->type != JSON_ARRAY)
        return mf_error(p, f[1], e->key, "\"shape\" must be an array of non-negative integers");
    if (f[1]->length > TIO_MAX_RANK) {
        snprintf(what, sizeof what, "\"shape\" has %lu dimensions, more than %d", (unsigned long)f[1]->length,
                 TIO_MAX_RANK);
        return mf_error(p, f[1], e->key, what);
    }
    for (i = 0; i < f[1]->length; i++) {
        const json_value *d = &f[1]->items[i];
        int64_t v;
        if (d->type != JSON_NUMBER || json_to_int64(d, &v) != JSON_CONV_OK)
            return mf_error(p, d, e->key, "\"shape\" must be an array of non-negative integers");
        if (v < 0 || v > (int64_t)TIO_MAX_DIMENSION) {
            snprintf(what, sizeof what, "dimension %s is %s", d->text, v < 0 ? "negative" : "above 2147483647");
            return mf_error(p, d, e->key, what);
        }
        e->shape[i] = (uint32_t)v;
    }
    e->rank = f[1]->length;
    if (tio_shape_count(e->shape, e->rank, &e->count) != 0)
        return mf_error(p, f[1], e->key, "\"shape\" has more than 2147483647 elements");
    if (mf_uint(p, f[2], e->key, "byteOffset", &offset) != 0 || mf_uint(p, f[3], e->key, "byteLength", &length) != 0)
        return -1;
    if (f[4] != NULL && !json_is_string(f[4], "row-major"))
        return mf_error(p, f[4], e->key, "\"layout\" must be \"row-major\"");
    tio_format_shape(shapeText, sizeof shapeText, e->shape, e->rank);
    need = (uint64_t)e->count * wnnOperandDataTypeByteSize((WNNOperandDataType)e->type);
    if (length != need) {
        snprintf(what, sizeof what, "byteLength %llu, but shape %s of %s needs %llu", (unsigned long long)length,
                 shapeText, e->dtype, (unsigned long long)need);
        return mf_error(p, f[3], e->key, what);
    }
    if (offset < BLOB_HEADER) {
        snprintf(what, sizeof what, "byteOffset %llu lies in the blob's %d-byte header", (unsigned long long)offset,
                 BLOB_HEADER);
        return mf_error(p, f[2], e->key, what);
    }
    if (offset > blobLength || length > blobLength - offset) {
        snprintf(what, sizeof what, "bytes %llu to %llu go past the end of the blob (%llu bytes)",
                 (unsigned long long)offset, (unsigned long long)(offset + length), (unsigned long long)blobLength);
        return mf_error(p, f[2], e->key, what);
    }
    e->begin = offset;
    e->end = offset + length;
    return 0;
}

int tio_manifest_parse(tio_weights *w, const unsigned char *manifest, size_t length,
                       size_t maxBytes, char *err, size_t errSize)
{
    static const char *const top[] = {"format", "version", "endianness", "tensors", NULL};
    const json_value *f[4], *root, *tensors;
    json_limits limits = JSON_LIMITS_DEFAULT;
    json_error jerr;
    mf_parser p;
    unsigned char blobHeader[BLOB_HEADER];
    uint32_t version;
    int64_t v;
    size_t i;

    p.w = w;
    p.err = err;
    p.errSize = errSize;
    /* the blob first: its magic says whether the pair belongs together at all */
    if (w->source.length < BLOB_HEADER)
        return tio_fail(err, errSize, "%s: byte %llu: the blob ends inside its 8-byte header", w->dataName,
                        (unsigned long long)w->source.length);
    if (tio_source_read(&w->source, 0, blobHeader, BLOB_HEADER) != 0)
        return tio_fail(err, errSize, "%s: read error", w->dataName);
    if (memcmp(blobHeader, BLOB_MAGIC, 4) != 0) {
        char got[96];
        tio_snippet(got, sizeof got, blobHeader, 4);
        return tio_fail(err, errSize, "%s: byte 0: expected the blob magic 'WGWT', got %s", w->dataName, got);
    }
    version = (uint32_t)blobHeader[4] | (uint32_t)blobHeader[5] << 8 | (uint32_t)blobHeader[6] << 16 |
              (uint32_t)blobHeader[7] << 24;
    if (version != 1)
        return tio_fail(err, errSize, "%s: byte 4: unsupported blob version %lu (1 is read)", w->dataName,
                        (unsigned long)version);

    if (length > TIO_MANIFEST_MAX_BYTES)
        return tio_fail(err, errSize, "%s: the manifest has %lu bytes, over the limit of %lu", w->name,
                        (unsigned long)length, (unsigned long)TIO_MANIFEST_MAX_BYTES);
    limits.maxBytes = TIO_MANIFEST_MAX_BYTES;
    w->doc = json_parse((const char *)manifest, length, &limits, &jerr);
    if (w->doc == NULL)
        return tio_fail(err, errSize, "%s: line %lu column %lu: %s", w->name, (unsigned long)jerr.line,
                        (unsigned long)jerr.column, jerr.message);
    root = json_root(w->doc);
    if (root->type != JSON_OBJECT)
        return mf_error(&p, root, NULL, "expected an object {\"format\", \"version\", \"endianness\", \"tensors\"}");
    if (mf_members(&p, root, NULL, top, 4, f) != 0)
        return -1;
    if (!json_is_string(f[0], "wg-weights-manifest"))
        return mf_error(&p, f[0], NULL, "\"format\" must be \"wg-weights-manifest\"");
    if (f[1]->type != JSON_NUMBER || json_to_int64(f[1], &v) != JSON_CONV_OK || v != 1)
        return mf_error(&p, f[1], NULL, "unsupported \"version\" (1 is read)");
    if (!json_is_string(f[2], "little"))
        return mf_error(&p, f[2], NULL, "unsupported \"endianness\" (only \"little\" is read)");
    tensors = f[3];
    if (tensors->type != JSON_OBJECT)
        return mf_error(&p, tensors, NULL, "\"tensors\" must be an object");
    w->entries = (tio_entry *)calloc(tensors->length > 0 ? tensors->length : 1, sizeof *w->entries);
    if (w->entries == NULL)
        return tio_fail(err, errSize, "%s: out of memory", w->name);
    for (i = 0; i < tensors->length; i++) {
        if (mf_entry(&p, &tensors->items[i], &w->entries[i], w->source.length) != 0)
            return -1;
        w->count = i + 1;
    }
    w->dataStart = 0;
    return tio_weights_finish(w, NULL, maxBytes, err, errSize);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */
/* ------------------------------------------------------------------------------------------ */

int tio_manifest_write(const char *manifestPath, const char *blobPath, size_t count,
                       const char *const *keys, const tio_tensor *tensors, char *err,
                       size_t errSize)
{
    static const unsigned char header[BLOB_HEADER] = {'W', 'G', 'W', 'T', 1, 0, 0, 0};
    static const unsigned char zeros[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    json_writer jw;
    uint64_t offset = BLOB_HEADER;
    FILE *m, *b;
    size_t i, j;
    int ok;
    if (manifestPath == NULL || blobPath == NULL || (count > 0 && (keys == NULL || tensors == NULL)))
        return tio_fail(err, errSize, "tio_manifest_write: invalid argument");
    for (i = 0; i < count; i++) {
        size_t n;
        if (keys[i] == NULL || tensors[i].rank > TIO_MAX_RANK ||
            wnnOperandDataTypeByteSize(tensors[i].dataType) == 0 ||
            tio_shape_count(tensors[i].shape, tensors[i].rank, &n) != 0 || n != tensors[i].count ||
            (n > 0 && tensors[i].data == NULL))
            return tio_fail(err, errSize, "%s: tensor %lu: invalid tensor", manifestPath, (unsigned long)i);
    }
    m = fopen(manifestPath, "wb");
    if (m == NULL)
        return tio_fail(err, errSize, "%s: cannot create: %s", manifestPath, strerror(errno));
    b = fopen(blobPath, "wb");
    if (b == NULL) {
        fclose(m);
        return tio_fail(err, errSize, "%s: cannot create: %s", blobPath, strerror(errno));
    }
    json_writer_init(&jw, m, 2);
    json_write_object_begin(&jw);
    json_write_key(&jw, "format");
    json_write_string(&jw, "wg-weights-manifest");
    json_write_key(&jw, "version");
    json_write_int64(&jw, 1);
    json_write_key(&jw, "endianness");
    json_write_string(&jw, "little");
    json_write_key(&jw, "tensors");
    json_write_object_begin(&jw);
    ok = fwrite(header, 1, BLOB_HEADER, b) == BLOB_HEADER;
    for (i = 0; i < count && ok; i++) {
        const tio_tensor *t = &tensors[i];
        size_t size = wnnOperandDataTypeByteSize(t->dataType), bytes = t->count * size;
        uint64_t pad = (8 - offset % 8) % 8;
        ok = pad == 0 || fwrite(zeros, 1, (size_t)pad, b) == pad;
        offset += pad;
        json_write_key(&jw, keys[i]);
        json_write_object_begin(&jw);
        json_write_key(&jw, "dataType");
        json_write_string(&jw, tio_type_name((int)t->dataType));
        json_write_key(&jw, "shape");
        json_write_array_begin_inline(&jw);
        for (j = 0; j < t->rank; j++)
            json_write_uint64(&jw, t->shape[j]);
        json_write_array_end(&jw);
        json_write_key(&jw, "byteOffset");
        json_write_uint64(&jw, offset);
        json_write_key(&jw, "byteLength");
        json_write_uint64(&jw, bytes);
        json_write_key(&jw, "layout");
        json_write_string(&jw, "row-major");
        json_write_object_end(&jw);
        if (ok && bytes > 0) {
            if (tio_host_little_endian() || size < 2) {
                ok = fwrite(t->data, 1, bytes, b) == bytes;
            } else { /* element by element, reversed, on a big-endian host */
                const unsigned char *d = (const unsigned char *)t->data;
                size_t k, q;
                for (k = 0; k < t->count && ok; k++)
                    for (q = size; q-- > 0 && ok;)
                        ok = fputc(d[k * size + q], b) != EOF;
            }
        }
        offset += bytes;
    }
    json_write_object_end(&jw);
    json_write_object_end(&jw);
    if (json_writer_finish(&jw) != 0)
        ok = 0;
    if (fclose(m) != 0)
        ok = 0;
    if (fclose(b) != 0)
        ok = 0;
    return ok ? 0 : tio_fail(err, errSize, "%s: write error", manifestPath);
}
