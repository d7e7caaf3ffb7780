/* tools/npy.c - NumPy .npy files (see tensorio.h).
 *
 * A file is: the magic "\x93NUMPY", a major and a minor version byte, the header length
 * (u16 little-endian for 1.0, u32 for 2.0 and 3.0), the header - a Python dict literal
 * {'descr': ..., 'fortran_order': ..., 'shape': (...), } padded with spaces and ending in a
 * newline - then exactly count * element size bytes of data. 3.0 differs from 2.0 only in
 * allowing UTF-8 in the header; the dtypes read here need ASCII, so any other byte is an
 * error. The dict literal is parsed here, strictly: exactly the three keys, in any order,
 * strings in single or double quotes without escapes, True/False, tuples of non-negative
 * integers with Python's commas ((), (3,), (2, 3), (2, 3,)).
 */
#include "tio_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define NPY_MAGIC "\x93NUMPY"
#define NPY_MAGIC_LENGTH 6

/* The dtypes read: kind letter and size in the descr, and the webnn type. */
static const struct npy_dtype {
    char kind;
    size_t size;
    WNNOperandDataType type;
} npy_dtypes[] = {
    {'f', 2, WNNOperandDataType_Float16}, {'f', 4, WNNOperandDataType_Float32},
    {'i', 1, WNNOperandDataType_Int8},    {'u', 1, WNNOperandDataType_Uint8},
    {'i', 4, WNNOperandDataType_Int32},   {'u', 4, WNNOperandDataType_Uint32},
    {'i', 8, WNNOperandDataType_Int64},   {'u', 8, WNNOperandDataType_Uint64},
};

#define NPY_SUPPORTED "<f2 <f4 |i1 |u1 <i4 <u4 <i8 <u8, or their > and = forms"

typedef struct npy_parser {
    const unsigned char *text;
    size_t length, pos;
    uint64_t base; /* byte offset of text[0] in the file */
    const char *name;
    char *err;
    size_t errSize;
} npy_parser;

typedef struct npy_header {
    WNNOperandDataType type;
    size_t size;
    int swap;     /* the data's byte order differs from the host's */
    int fortran;
    uint32_t shape[TIO_MAX_RANK];
    size_t rank;
} npy_header;

static int parse_error(npy_parser *p, const char *what)
{
    char got[96];
    tio_snippet(got, sizeof got, p->text + p->pos, p->length - p->pos);
    return tio_fail(p->err, p->errSize, "%s: byte %llu: header: %s, got %s", p->name,
                    (unsigned long long)(p->base + p->pos), what, got);
}

static void skip_spaces(npy_parser *p)
{
    while (p->pos < p->length && (p->text[p->pos] == ' ' || p->text[p->pos] == '\t'))
        p->pos++;
}

static int accept(npy_parser *p, char c)
{
    skip_spaces(p);
    if (p->pos < p->length && p->text[p->pos] == (unsigned char)c) {
        p->pos++;
        return 1;
    }
    return 0;
}

/* A quoted string: its bytes are text[*start, *start + *n). */
static int parse_string(npy_parser *p, const char *what, size_t *start, size_t *n)
{
    unsigned char quote;
    size_t i;
    skip_spaces(p);
    if (p->pos >= p->length || (p->text[p->pos] != '\'' && p->text[p->pos] != '"'))
        return parse_error(p, what);
    quote = p->text[p->pos];
    for (i = p->pos + 1; i < p->length && p->text[i] != quote; i++)
        if (p->text[i] == '\\' || p->text[i] < 0x20 || p->text[i] >= 0x7F) {
            p->pos = i;
            return parse_error(p, "expected a plain ASCII string (escapes are not read)");
        }
    if (i >= p->length)
        return parse_error(p, "expected a closed string");
    *start = p->pos + 1;
    *n = i - p->pos - 1;
    p->pos = i + 1;
    return 0;
}

static int is_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int accept_word(npy_parser *p, const char *word)
{
    size_t n = strlen(word);
    skip_spaces(p);
    if (p->length - p->pos >= n && memcmp(p->text + p->pos, word, n) == 0 &&
        (p->pos + n == p->length || !is_word_char(p->text[p->pos + n]))) {
        p->pos += n;
        return 1;
    }
    return 0;
}

static int parse_descr(npy_parser *p, npy_header *h)
{
    size_t start, n, i, size = 0, digits;
    const unsigned char *s;
    char order = '=', kind;
    char shown[40];
    uint64_t at;
    skip_spaces(p);
    if (p->pos < p->length && p->text[p->pos] == '[')
        return parse_error(p, "structured dtypes (a list as 'descr') are not supported; expected a dtype string");
    at = p->base + p->pos;
    if (parse_string(p, "expected a dtype string for 'descr'", &start, &n) != 0)
        return -1;
    s = p->text + start;
    snprintf(shown, sizeof shown, "%.*s", (int)(n < 32 ? n : 32), (const char *)s);
    i = 0;
    if (n > 0 && (s[0] == '<' || s[0] == '>' || s[0] == '|' || s[0] == '='))
        order = (char)s[i++];
    kind = i < n ? (char)s[i++] : '\0';
    for (digits = 0; i < n && s[i] >= '0' && s[i] <= '9' && digits < 3; i++, digits++)
        size = size * 10 + (size_t)(s[i] - '0');
    if (i == n && digits > 0)
        for (i = 0; i < sizeof npy_dtypes / sizeof npy_dtypes[0]; i++)
            if (npy_dtypes[i].kind == kind && npy_dtypes[i].size == size) {
                if (order == '|' && size > 1)
                    return tio_fail(p->err, p->errSize,
                                    "%s: byte %llu: header: dtype '%s': byte order '|' is for one-byte types",
                                    p->name, (unsigned long long)at, shown);
                h->type = npy_dtypes[i].type;
                h->size = size;
                h->swap = size > 1 && (order == '<' || order == '>') &&
                          (order == '<') != tio_host_little_endian();
                return 0;
            }
    return tio_fail(p->err, p->errSize, "%s: byte %llu: header: unsupported dtype '%s' (supported: %s)",
                    p->name, (unsigned long long)at, shown, NPY_SUPPORTED);
}

static int parse_shape(npy_parser *p, npy_header *h)
{
    size_t items = 0;
    int trailingComma = 0;
    if (!accept(p, '('))
        return parse_error(p, "expected a tuple '(' for 'shape'");
    for (;;) {
        uint64_t v = 0;
        size_t digits = 0;
        uint64_t at;
        if (accept(p, ')'))
            break;
        if (items > 0 && !trailingComma)
            return parse_error(p, "expected ',' or ')' in 'shape'");
        skip_spaces(p);
        at = p->base + p->pos;
        if (p->pos < p->length && p->text[p->pos] == '-')
            return tio_fail(p->err, p->errSize, "%s: byte %llu: header: negative dimension in 'shape'",
                            p->name, (unsigned long long)at);
        while (p->pos < p->length && p->text[p->pos] >= '0' && p->text[p->pos] <= '9') {
            if (v <= TIO_MAX_DIMENSION) /* stop growing once too large: no wrap-around */
                v = v * 10 + (uint64_t)(p->text[p->pos] - '0');
            p->pos++;
            digits++;
        }
        if (digits == 0)
            return parse_error(p, "expected a dimension (a non-negative integer) in 'shape'");
        if (p->pos < p->length && p->text[p->pos] == 'L') /* Python 2's long integers */
            p->pos++;
        if (v > TIO_MAX_DIMENSION)
            return tio_fail(p->err, p->errSize, "%s: byte %llu: header: dimension %.*s exceeds %lu",
                            p->name, (unsigned long long)at, (int)(digits < 24 ? digits : 24),
                            (const char *)p->text + (at - p->base), (unsigned long)TIO_MAX_DIMENSION);
        if (items == TIO_MAX_RANK)
            return tio_fail(p->err, p->errSize, "%s: byte %llu: header: 'shape' has more than %d dimensions",
                            p->name, (unsigned long long)at, TIO_MAX_RANK);
        h->shape[items++] = (uint32_t)v;
        trailingComma = accept(p, ',');
    }
    if (items == 1 && !trailingComma)
        return tio_fail(p->err, p->errSize,
                        "%s: byte %llu: header: a one-dimensional 'shape' needs a trailing comma, as in (3,)",
                        p->name, (unsigned long long)(p->base + p->pos - 1));
    h->rank = items;
    return 0;
}

static int parse_header(npy_parser *p, npy_header *h)
{
    static const char *const keys[3] = {"descr", "fortran_order", "shape"};
    int seen[3] = {0, 0, 0};
    size_t i;
    if (!accept(p, '{'))
        return parse_error(p, "expected '{'");
    for (;;) {
        size_t start, n;
        uint64_t at;
        int k = -1;
        if (accept(p, '}'))
            break;
        skip_spaces(p);
        at = p->base + p->pos;
        if (parse_string(p, "expected 'descr', 'fortran_order', 'shape' or '}'", &start, &n) != 0)
            return -1;
        for (i = 0; i < 3; i++)
            if (strlen(keys[i]) == n && memcmp(keys[i], p->text + start, n) == 0)
                k = (int)i;
        if (k < 0)
            return tio_fail(p->err, p->errSize,
                            "%s: byte %llu: header: unknown key '%.*s' (expected 'descr', 'fortran_order' and 'shape')",
                            p->name, (unsigned long long)at, (int)(n < 32 ? n : 32),
                            (const char *)p->text + start);
        if (seen[k])
            return tio_fail(p->err, p->errSize, "%s: byte %llu: header: key '%s' repeated", p->name,
                            (unsigned long long)at, keys[k]);
        seen[k] = 1;
        if (!accept(p, ':'))
            return parse_error(p, "expected ':'");
        if (k == 0 && parse_descr(p, h) != 0)
            return -1;
        if (k == 1) {
            if (accept_word(p, "True"))
                h->fortran = 1;
            else if (accept_word(p, "False"))
                h->fortran = 0;
            else
                return parse_error(p, "expected True or False for 'fortran_order'");
        }
        if (k == 2 && parse_shape(p, h) != 0)
            return -1;
        if (!accept(p, ',')) {
            if (accept(p, '}'))
                break;
            return parse_error(p, "expected ',' or '}'");
        }
    }
    for (i = 0; i < 3; i++)
        if (!seen[i])
            return tio_fail(p->err, p->errSize, "%s: byte %llu: header: missing key '%s'", p->name,
                            (unsigned long long)(p->base + p->pos - 1), keys[i]);
    /* padding: spaces, then the final newline */
    while (p->pos < p->length && p->text[p->pos] == ' ')
        p->pos++;
    if (p->pos + 1 != p->length || p->text[p->pos] != '\n')
        return parse_error(p, "expected spaces and a final newline after the dict");
    return 0;
}

/* C order from Fortran order: element (i0, ..., ir-1) sits at sum(ik * fstride[k]) in src. */
static void fortran_to_c(const unsigned char *src, unsigned char *dst, const npy_header *h,
                         size_t count)
{
    size_t index[TIO_MAX_RANK], stride[TIO_MAX_RANK], n, k;
    for (k = 0; k < h->rank; k++) {
        index[k] = 0;
        stride[k] = k == 0 ? 1 : stride[k - 1] * h->shape[k - 1];
    }
    for (n = 0; n < count; n++) {
        size_t offset = 0;
        for (k = 0; k < h->rank; k++)
            offset += index[k] * stride[k];
        memcpy(dst + n * h->size, src + offset * h->size, h->size);
        for (k = h->rank; k-- > 0;) {
            if (++index[k] < h->shape[k])
                break;
            index[k] = 0;
        }
    }
}

static int npy_read_source(tio_source *s, const char *name, size_t maxBytes, tio_tensor *out,
                           char *err, size_t errSize)
{
    unsigned char prefix[12];
    unsigned char *header, *data;
    size_t prefixLength, headerLength, count, dataBytes;
    uint64_t dataStart;
    npy_parser p;
    npy_header h;
    char shape[200];

    memset(out, 0, sizeof *out);
    memset(&h, 0, sizeof h);
    if (tio_source_read(s, 0, prefix, s->length < 8 ? (size_t)s->length : 8) != 0)
        return tio_fail(err, errSize, "%s: read error", name);
    if (s->length < NPY_MAGIC_LENGTH || memcmp(prefix, NPY_MAGIC, NPY_MAGIC_LENGTH) != 0) {
        char got[96];
        tio_snippet(got, sizeof got, prefix, s->length < NPY_MAGIC_LENGTH ? (size_t)s->length : NPY_MAGIC_LENGTH);
        return tio_fail(err, errSize, "%s: byte 0: not a .npy file: expected the magic '\\x93NUMPY', got %s",
                        name, s->length == 0 ? "an empty file" : got);
    }
    if (s->length < 8)
        return tio_fail(err, errSize, "%s: byte %llu: the file ends inside the version", name,
                        (unsigned long long)s->length);
    if ((prefix[6] != 1 && prefix[6] != 2 && prefix[6] != 3) || prefix[7] != 0)
        return tio_fail(err, errSize, "%s: byte 6: unsupported format version %u.%u (1.0, 2.0 and 3.0 are read)",
                        name, (unsigned)prefix[6], (unsigned)prefix[7]);
    prefixLength = prefix[6] == 1 ? 10 : 12;
    if (s->length < prefixLength)
        return tio_fail(err, errSize, "%s: byte %llu: the file ends inside the header length", name,
                        (unsigned long long)s->length);
    if (tio_source_read(s, 8, prefix + 8, prefixLength - 8) != 0)
        return tio_fail(err, errSize, "%s: read error", name);
    headerLength = prefix[8] | (size_t)prefix[9] << 8;
    if (prefixLength == 12)
        headerLength |= (size_t)prefix[10] << 16 | (size_t)prefix[11] << 24;
    if (headerLength > TIO_NPY_MAX_HEADER)
        return tio_fail(err, errSize, "%s: byte 8: header length %lu exceeds the limit of %lu bytes", name,
                        (unsigned long)headerLength, (unsigned long)TIO_NPY_MAX_HEADER);
    if ((uint64_t)headerLength > s->length - prefixLength)
        return tio_fail(err, errSize, "%s: byte 8: header length %lu goes past the end of the file (%llu bytes)",
                        name, (unsigned long)headerLength, (unsigned long long)s->length);
    header = (unsigned char *)malloc(headerLength > 0 ? headerLength : 1);
    if (header == NULL)
        return tio_fail(err, errSize, "%s: out of memory", name);
    if (tio_source_read(s, prefixLength, header, headerLength) != 0) {
        free(header);
        return tio_fail(err, errSize, "%s: read error", name);
    }
    p.text = header;
    p.length = headerLength;
    p.pos = 0;
    p.base = prefixLength;
    p.name = name;
    p.err = err;
    p.errSize = errSize;
    if (parse_header(&p, &h) != 0) {
        free(header);
        return -1;
    }
    free(header);

    tio_format_shape(shape, sizeof shape, h.shape, h.rank);
    if (tio_shape_count(h.shape, h.rank, &count) != 0)
        return tio_fail(err, errSize, "%s: shape %s has more than %lu elements", name, shape,
                        (unsigned long)TIO_MAX_DIMENSION);
    dataBytes = count * h.size; /* count <= 2^31-1 and size <= 8: fits any 64-bit size_t */
    if (count != 0 && dataBytes / count != h.size)
        return tio_fail(err, errSize, "%s: shape %s is too large for this machine", name, shape);
    if (dataBytes > maxBytes)
        return tio_fail(err, errSize, "%s: the data has %lu bytes (shape %s), over the limit of %lu",
                        name, (unsigned long)dataBytes, shape, (unsigned long)maxBytes);
    dataStart = prefixLength + headerLength;
    if (s->length - dataStart < (uint64_t)dataBytes)
        return tio_fail(err, errSize, "%s: byte %llu: the data ends after %llu of the %lu bytes shape %s needs",
                        name, (unsigned long long)s->length, (unsigned long long)(s->length - dataStart),
                        (unsigned long)dataBytes, shape);
    if (s->length - dataStart > (uint64_t)dataBytes)
        return tio_fail(err, errSize, "%s: byte %llu: %llu bytes after the data (shape %s needs exactly %lu)",
                        name, (unsigned long long)(dataStart + dataBytes),
                        (unsigned long long)(s->length - dataStart - dataBytes), shape, (unsigned long)dataBytes);
    data = (unsigned char *)malloc(dataBytes > 0 ? dataBytes : 1);
    if (data == NULL)
        return tio_fail(err, errSize, "%s: out of memory for %lu bytes", name, (unsigned long)dataBytes);
    if (tio_source_read(s, dataStart, data, dataBytes) != 0) {
        free(data);
        return tio_fail(err, errSize, "%s: byte %llu: read error", name, (unsigned long long)dataStart);
    }
    if (h.swap)
        tio_swap_bytes(data, count, h.size);
    if (h.fortran && h.rank > 1 && count > 1) {
        unsigned char *c = (unsigned char *)malloc(dataBytes);
        if (c == NULL) {
            free(data);
            return tio_fail(err, errSize, "%s: out of memory for %lu bytes", name, (unsigned long)dataBytes);
        }
        fortran_to_c(data, c, &h, count);
        free(data);
        data = c;
    }
    out->dataType = h.type;
    memcpy(out->shape, h.shape, sizeof h.shape);
    out->rank = h.rank;
    out->count = count;
    out->data = data;
    return 0;
}

int tio_npy_read_memory(const void *bytes, size_t length, const char *name, size_t maxBytes,
                        tio_tensor *out, char *err, size_t errSize)
{
    tio_source s;
    if (out == NULL || (bytes == NULL && length > 0))
        return tio_fail(err, errSize, "tio_npy_read_memory: invalid argument");
    tio_source_memory(&s, bytes, length);
    return npy_read_source(&s, name != NULL ? name : "(memory)", maxBytes, out, err, errSize);
}

int tio_npy_read(const char *path, size_t maxBytes, tio_tensor *out, char *err, size_t errSize)
{
    tio_source s;
    int r;
    if (out == NULL || path == NULL)
        return tio_fail(err, errSize, "tio_npy_read: invalid argument");
    memset(out, 0, sizeof *out);
    if (tio_source_open(&s, path, err, errSize) != 0)
        return -1;
    r = npy_read_source(&s, path, maxBytes, out, err, errSize);
    tio_source_close(&s);
    return r;
}

/* The descr written for a type, in the host's byte order (so data is written as it is). */
static const char *npy_descr(WNNOperandDataType type)
{
    int little = tio_host_little_endian();
    switch (type) {
    case WNNOperandDataType_Float16: return little ? "<f2" : ">f2";
    case WNNOperandDataType_Float32: return little ? "<f4" : ">f4";
    case WNNOperandDataType_Int32: return little ? "<i4" : ">i4";
    case WNNOperandDataType_Uint32: return little ? "<u4" : ">u4";
    case WNNOperandDataType_Int64: return little ? "<i8" : ">i8";
    case WNNOperandDataType_Uint64: return little ? "<u8" : ">u8";
    case WNNOperandDataType_Int8: case WNNOperandDataType_Int4: return "|i1";
    case WNNOperandDataType_Uint8: case WNNOperandDataType_Uint4: return "|u1";
    case WNNOperandDataType_Force32: break;
    }
    return NULL;
}

int tio_npy_write(const char *path, const tio_tensor *t, char *err, size_t errSize)
{
    char header[512];
    unsigned char prefix[10];
    size_t used, prefixLength, total, i, count, bytes;
    const char *descr;
    FILE *f;
    int n, ok;
    if (path == NULL || t == NULL || t->rank > TIO_MAX_RANK)
        return tio_fail(err, errSize, "tio_npy_write: invalid argument");
    descr = npy_descr(t->dataType);
    if (descr == NULL)
        return tio_fail(err, errSize, "%s: unknown data type %d", path, (int)t->dataType);
    if (tio_shape_count(t->shape, t->rank, &count) != 0 || count != t->count)
        return tio_fail(err, errSize, "%s: the tensor's count does not match its shape", path);
    if (count > 0 && t->data == NULL)
        return tio_fail(err, errSize, "tio_npy_write: invalid argument");
    n = snprintf(header, sizeof header, "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
    used = (size_t)n;
    for (i = 0; i < t->rank; i++) {
        n = snprintf(header + used, sizeof header - used, "%s%lu", i > 0 ? ", " : "", (unsigned long)t->shape[i]);
        used += (size_t)n;
    }
    n = snprintf(header + used, sizeof header - used, "%s), }", t->rank == 1 ? "," : "");
    used += (size_t)n;
    /* Version 1.0: with at most 16 dimensions the header is far below 1.0's 65535 bytes, so
     * 2.0 is never needed. The data starts at a multiple of 64 bytes, as numpy writes it. */
    prefixLength = 10;
    total = (prefixLength + used + 1 + 63) / 64 * 64;
    while (prefixLength + used + 1 < total)
        header[used++] = ' ';
    header[used++] = '\n';
    memcpy(prefix, NPY_MAGIC, NPY_MAGIC_LENGTH);
    prefix[6] = 1;
    prefix[7] = 0;
    prefix[8] = (unsigned char)(used & 0xFF);
    prefix[9] = (unsigned char)(used >> 8 & 0xFF);
    bytes = count * wnnOperandDataTypeByteSize(t->dataType);
    f = fopen(path, "wb");
    if (f == NULL)
        return tio_fail(err, errSize, "%s: cannot create: %s", path, strerror(errno));
    ok = fwrite(prefix, 1, prefixLength, f) == prefixLength && fwrite(header, 1, used, f) == used &&
         (bytes == 0 || fwrite(t->data, 1, bytes, f) == bytes);
    if (fclose(f) != 0)
        ok = 0;
    return ok ? 0 : tio_fail(err, errSize, "%s: write error", path);
}
