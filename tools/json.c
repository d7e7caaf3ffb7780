/* tools/json.c - see json.h. */
#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define JSON_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define JSON_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------------------------------ */
/* Arena: every node and text of a document lives in a list of blocks freed together.        */
/* ------------------------------------------------------------------------------------------ */

typedef union arena_align {
    void *p;
    double d;
    long double ld;
    long long ll;
} arena_align;

typedef struct arena_block {
    struct arena_block *next;
    size_t used, size; /* in units of arena_align */
    arena_align data[];
} arena_block;

#define ARENA_BLOCK_UNITS ((size_t)65536 / sizeof(arena_align))

struct json_document {
    arena_block *blocks;
    json_value root;
};

static void *arena_alloc(json_document *doc, size_t bytes)
{
    size_t units = (bytes + sizeof(arena_align) - 1) / sizeof(arena_align);
    arena_block *b = doc->blocks;
    if (units == 0)
        units = 1;
    if (units > ((size_t)-1 - sizeof(arena_block)) / sizeof(arena_align) - 1)
        return NULL;
    if (!b || b->size - b->used < units) {
        size_t size = units > ARENA_BLOCK_UNITS ? units : ARENA_BLOCK_UNITS;
        b = (arena_block *)malloc(sizeof(arena_block) + size * sizeof(arena_align));
        if (!b)
            return NULL;
        b->size = size;
        b->used = 0;
        if (units > ARENA_BLOCK_UNITS && doc->blocks) {
            /* a large allocation gets its own block behind the current one, so the space
             * left in the current block stays usable */
            b->next = doc->blocks->next;
            doc->blocks->next = b;
        } else {
            b->next = doc->blocks;
            doc->blocks = b;
        }
    }
    b->used += units;
    return b->data + (b->used - units);
}

void json_free(json_document *doc)
{
    arena_block *b, *next;
    if (!doc)
        return;
    for (b = doc->blocks; b; b = next) {
        next = b->next;
        free(b);
    }
    free(doc);
}

const json_value *json_root(const json_document *doc)
{
    return doc ? &doc->root : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* UTF-8                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s (n bytes available), or 0 when invalid. */
static size_t utf8_length(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    unsigned lo = 0x80, hi = 0xBF;
    size_t len, i;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; /* no overlong forms */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else
        return 0;
    if (n < len)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ------------------------------------------------------------------------------------------ */
/* Parser                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef struct json_frame {
    json_type type; /* JSON_ARRAY or JSON_OBJECT */
    size_t start;   /* first pending child on the value stack */
    uint32_t line, column;
    /* object: the name of the member whose value is being read */
    const char *key;
    size_t keyLength;
    uint32_t keyLine, keyColumn;
} json_frame;

typedef struct json_parser {
    const unsigned char *s;
    size_t n, pos;
    uint32_t line;
    size_t lineStart;
    json_limits limits;
    json_error *err;
    json_document *doc;
    json_frame *frames;
    size_t depth, framesCap;
    json_value *stack;
    size_t top, stackCap;
    size_t values;
    int done;
} json_parser;

static uint32_t clamp_u32(size_t v)
{
    return v > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)v;
}

static uint32_t column_at(const json_parser *p, size_t offset)
{
    return clamp_u32(offset - p->lineStart + 1);
}

static int fail(json_parser *p, size_t offset, const char *fmt, ...) JSON_PRINTF(3, 4);

static int fail(json_parser *p, size_t offset, const char *fmt, ...)
{
    va_list ap;
    if (p->err) {
        va_start(ap, fmt);
        vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
        va_end(ap);
        p->err->line = p->line;
        p->err->column = column_at(p, offset);
    }
    return -1;
}

/* A description of the byte at offset for messages: "'x'", "byte 0xC3", "end of input". */
static const char *describe(const json_parser *p, size_t offset, char *buf, size_t size)
{
    unsigned c;
    if (offset >= p->n)
        return "end of input";
    c = p->s[offset];
    if (c >= 0x20 && c < 0x7F)
        snprintf(buf, size, "'%c'", (char)c);
    else
        snprintf(buf, size, "byte 0x%02X", c);
    return buf;
}

static void skip_whitespace(json_parser *p)
{
    while (p->pos < p->n) {
        unsigned c = p->s[p->pos];
        if (c == '\n') {
            p->line++;
            p->lineStart = p->pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r')
            return;
        p->pos++;
    }
}

static int hex4(const unsigned char *s, uint32_t *out)
{
    uint32_t v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        unsigned c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* A string at p->pos (the opening quote): decoded into the arena. */
static int parse_string(json_parser *p, const char **text, size_t *length)
{
    size_t open = p->pos, i = p->pos + 1, end;
    char *out;
    size_t o = 0;
    /* find the closing quote */
    while (i < p->n && p->s[i] != '"') {
        if (p->s[i] == '\\')
            i++;
        i++;
    }
    if (i >= p->n)
        return fail(p, open, "unterminated string");
    end = i;
    out = (char *)arena_alloc(p->doc, end - open);
    if (!out)
        return fail(p, open, "out of memory");
    for (i = open + 1; i < end;) {
        unsigned c = p->s[i];
        if (c < 0x20)
            return fail(p, i, "control character (byte 0x%02X) in a string must be escaped", c);
        if (c == '\\') {
            unsigned e = p->s[i + 1];
            uint32_t cp, lo;
            switch (e) {
            case '"': out[o++] = '"'; i += 2; continue;
            case '\\': out[o++] = '\\'; i += 2; continue;
            case '/': out[o++] = '/'; i += 2; continue;
            case 'b': out[o++] = '\b'; i += 2; continue;
            case 'f': out[o++] = '\f'; i += 2; continue;
            case 'n': out[o++] = '\n'; i += 2; continue;
            case 'r': out[o++] = '\r'; i += 2; continue;
            case 't': out[o++] = '\t'; i += 2; continue;
            case 'u': break;
            default:
                return fail(p, i, "invalid escape '\\%c' in a string",
                            e >= 0x20 && e < 0x7F ? (char)e : '?');
            }
            if (end - i < 6 || hex4(p->s + i + 2, &cp) != 0)
                return fail(p, i, "invalid \\u escape: four hexadecimal digits expected");
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return fail(p, i, "lone low surrogate \\u%04X in a string", (unsigned)cp);
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (end - i < 12 || p->s[i + 6] != '\\' || p->s[i + 7] != 'u' ||
                    hex4(p->s + i + 8, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
                    return fail(p, i, "high surrogate \\u%04X not followed by a low surrogate",
                                (unsigned)cp);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            o += utf8_encode(cp, out + o);
            i += 6;
            continue;
        }
        if (c < 0x80) {
            out[o++] = (char)c;
            i++;
        } else {
            size_t len = utf8_length(p->s + i, end - i);
            if (len == 0)
                return fail(p, i, "invalid UTF-8 (byte 0x%02X) in a string", c);
            memcpy(out + o, p->s + i, len);
            o += len;
            i += len;
        }
    }
    out[o] = '\0';
    *text = out;
    *length = o;
    p->pos = end + 1;
    return 0;
}

static int is_digit(unsigned c)
{
    return c >= '0' && c <= '9';
}

static int parse_number(json_parser *p, json_value *v)
{
    size_t start = p->pos, i = p->pos;
    char *text;
    char buf[16];
    if (i < p->n && p->s[i] == '-')
        i++;
    if (i >= p->n || !is_digit(p->s[i]))
        return fail(p, i, "invalid number: a digit expected, got %s", describe(p, i, buf, sizeof buf));
    if (p->s[i] == '0') {
        i++;
        if (i < p->n && is_digit(p->s[i]))
            return fail(p, start, "invalid number: leading zeros are not allowed");
    } else
        while (i < p->n && is_digit(p->s[i]))
            i++;
    if (i < p->n && p->s[i] == '.') {
        i++;
        if (i >= p->n || !is_digit(p->s[i]))
            return fail(p, i, "invalid number: a digit expected after '.', got %s",
                        describe(p, i, buf, sizeof buf));
        while (i < p->n && is_digit(p->s[i]))
            i++;
    }
    if (i < p->n && (p->s[i] == 'e' || p->s[i] == 'E')) {
        i++;
        if (i < p->n && (p->s[i] == '+' || p->s[i] == '-'))
            i++;
        if (i >= p->n || !is_digit(p->s[i]))
            return fail(p, i, "invalid number: a digit expected in the exponent, got %s",
                        describe(p, i, buf, sizeof buf));
        while (i < p->n && is_digit(p->s[i]))
            i++;
    }
    text = (char *)arena_alloc(p->doc, i - start + 1);
    if (!text)
        return fail(p, start, "out of memory");
    memcpy(text, p->s + start, i - start);
    text[i - start] = '\0';
    v->type = JSON_NUMBER;
    v->text = text;
    v->length = i - start;
    p->pos = i;
    return 0;
}

static int parse_literal(json_parser *p, json_value *v)
{
    static const struct {
        const char *word;
        json_type type;
    } words[] = {{"true", JSON_TRUE}, {"false", JSON_FALSE}, {"null", JSON_NULL}};
    size_t k, len;
    char buf[16];
    for (k = 0; k < sizeof words / sizeof words[0]; k++) {
        len = strlen(words[k].word);
        if (p->s[p->pos] == (unsigned char)words[k].word[0]) {
            if (p->n - p->pos < len || memcmp(p->s + p->pos, words[k].word, len) != 0)
                return fail(p, p->pos, "invalid literal: expected %s", words[k].word);
            v->type = words[k].type;
            p->pos += len;
            return 0;
        }
    }
    return fail(p, p->pos, "unexpected %s, expected a value", describe(p, p->pos, buf, sizeof buf));
}

static int count_value(json_parser *p, size_t offset)
{
    if (++p->values > p->limits.maxValues)
        return fail(p, offset, "more than %lu values in the document",
                    (unsigned long)p->limits.maxValues);
    return 0;
}

/* Add a finished value to the current container (or make it the root). */
static int emit(json_parser *p, json_value *v)
{
    json_frame *f;
    if (p->depth == 0) {
        p->doc->root = *v;
        p->done = 1;
        return 0;
    }
    f = &p->frames[p->depth - 1];
    if (f->type == JSON_OBJECT) {
        v->key = f->key;
        v->keyLength = f->keyLength;
        v->keyLine = f->keyLine;
        v->keyColumn = f->keyColumn;
    }
    if (p->top == p->stackCap) {
        size_t cap = p->stackCap ? p->stackCap * 2 : 64;
        json_value *s;
        if (cap > (size_t)-1 / sizeof *s)
            return fail(p, p->pos, "out of memory");
        s = (json_value *)realloc(p->stack, cap * sizeof *s);
        if (!s)
            return fail(p, p->pos, "out of memory");
        p->stack = s;
        p->stackCap = cap;
    }
    p->stack[p->top++] = *v;
    return 0;
}

int json_compare_members(const void *a, const void *b)
{
    const json_value *x = *(const json_value *const *)a, *y = *(const json_value *const *)b;
    size_t n = x->keyLength < y->keyLength ? x->keyLength : y->keyLength;
    int c = memcmp(x->key, y->key, n);
    if (c != 0)
        return c;
    if (x->keyLength != y->keyLength)
        return x->keyLength < y->keyLength ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0; /* document order */
}

static int open_container(json_parser *p, json_type type)
{
    json_frame *f;
    if (p->depth >= p->limits.maxDepth)
        return fail(p, p->pos, "nesting deeper than %lu levels", (unsigned long)p->limits.maxDepth);
    if (count_value(p, p->pos) != 0)
        return -1;
    if (p->depth == p->framesCap) {
        size_t cap = p->framesCap ? p->framesCap * 2 : 16;
        json_frame *fr = (json_frame *)realloc(p->frames, cap * sizeof *fr);
        if (!fr)
            return fail(p, p->pos, "out of memory");
        p->frames = fr;
        p->framesCap = cap;
    }
    f = &p->frames[p->depth++];
    memset(f, 0, sizeof *f);
    f->type = type;
    f->start = p->top;
    f->line = p->line;
    f->column = column_at(p, p->pos);
    p->pos++;
    return 0;
}

static int close_container(json_parser *p)
{
    json_frame *f = &p->frames[p->depth - 1];
    size_t count = p->top - f->start;
    json_value v;
    json_value *items = NULL;
    memset(&v, 0, sizeof v);
    if (count) {
        if (count > (size_t)-1 / sizeof *items)
            return fail(p, p->pos, "out of memory");
        items = (json_value *)arena_alloc(p->doc, count * sizeof *items);
        if (!items)
            return fail(p, p->pos, "out of memory");
        memcpy(items, p->stack + f->start, count * sizeof *items);
    }
    if (f->type == JSON_OBJECT && count > 1) {
        /* duplicate names: sort pointers (O(n log n)), compare neighbours */
        const json_value **sorted = (const json_value **)malloc(count * sizeof *sorted);
        size_t i;
        if (!sorted)
            return fail(p, p->pos, "out of memory");
        for (i = 0; i < count; i++)
            sorted[i] = &items[i];
        qsort(sorted, count, sizeof *sorted, json_compare_members);
        for (i = 1; i < count; i++)
            if (sorted[i]->keyLength == sorted[i - 1]->keyLength &&
                memcmp(sorted[i]->key, sorted[i - 1]->key, sorted[i]->keyLength) == 0) {
                const json_value *dup = sorted[i];
                int r;
                /* report at the later one, which sorts second */
                p->line = dup->keyLine;
                p->lineStart = 0;
                r = fail(p, 0, "duplicate member name \"%.64s\"", dup->key);
                if (p->err)
                    p->err->column = dup->keyColumn;
                free(sorted);
                return r;
            }
        free(sorted);
    }
    v.type = f->type;
    v.line = f->line;
    v.column = f->column;
    v.items = items;
    v.length = count;
    p->top = f->start;
    p->depth--;
    return emit(p, &v);
}

enum { MODE_VALUE, MODE_KEY, MODE_AFTER_VALUE };

static int parse_document(json_parser *p)
{
    int mode = MODE_VALUE;
    char buf[16];
    if (p->n >= 3 && p->s[0] == 0xEF && p->s[1] == 0xBB && p->s[2] == 0xBF) {
        p->pos = 3; /* a UTF-8 byte order mark: skipped (RFC 8259 section 8.1) */
        p->lineStart = 3;
    }
    for (;;) {
        skip_whitespace(p);
        if (p->done) {
            if (p->pos < p->n)
                return fail(p, p->pos, "unexpected %s after the end of the document",
                            describe(p, p->pos, buf, sizeof buf));
            return 0;
        }
        if (mode == MODE_VALUE) {
            json_value v;
            unsigned c;
            if (p->pos >= p->n)
                return fail(p, p->pos, "unexpected end of input, expected a value");
            c = p->s[p->pos];
            if (c == '{' || c == '[') {
                if (open_container(p, c == '{' ? JSON_OBJECT : JSON_ARRAY) != 0)
                    return -1;
                skip_whitespace(p);
                if (p->pos < p->n && p->s[p->pos] == (c == '{' ? '}' : ']')) {
                    p->pos++;
                    if (close_container(p) != 0)
                        return -1;
                    mode = MODE_AFTER_VALUE;
                } else
                    mode = c == '{' ? MODE_KEY : MODE_VALUE;
                continue;
            }
            memset(&v, 0, sizeof v);
            v.line = p->line;
            v.column = column_at(p, p->pos);
            if (count_value(p, p->pos) != 0)
                return -1;
            if (c == '"') {
                v.type = JSON_STRING;
                if (parse_string(p, &v.text, &v.length) != 0)
                    return -1;
            } else if (c == '-' || is_digit(c)) {
                if (parse_number(p, &v) != 0)
                    return -1;
            } else if (parse_literal(p, &v) != 0)
                return -1;
            if (emit(p, &v) != 0)
                return -1;
            mode = MODE_AFTER_VALUE;
        } else if (mode == MODE_KEY) {
            json_frame *f = &p->frames[p->depth - 1];
            if (p->pos >= p->n || p->s[p->pos] != '"')
                return fail(p, p->pos, "unexpected %s, expected a member name (a string)",
                            describe(p, p->pos, buf, sizeof buf));
            f->keyLine = p->line;
            f->keyColumn = column_at(p, p->pos);
            if (parse_string(p, &f->key, &f->keyLength) != 0)
                return -1;
            skip_whitespace(p);
            if (p->pos >= p->n || p->s[p->pos] != ':')
                return fail(p, p->pos, "unexpected %s, expected ':' after a member name",
                            describe(p, p->pos, buf, sizeof buf));
            p->pos++;
            mode = MODE_VALUE;
        } else {
            json_frame *f = &p->frames[p->depth - 1];
            char close = f->type == JSON_OBJECT ? '}' : ']';
            if (p->pos < p->n && p->s[p->pos] == ',') {
                p->pos++;
                mode = f->type == JSON_OBJECT ? MODE_KEY : MODE_VALUE;
            } else if (p->pos < p->n && p->s[p->pos] == (unsigned char)close) {
                p->pos++;
                if (close_container(p) != 0)
                    return -1;
            } else
                return fail(p, p->pos, "unexpected %s, expected ',' or '%c'",
                            describe(p, p->pos, buf, sizeof buf), close);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Building trees                                                                             */
/* ------------------------------------------------------------------------------------------ */

json_document *json_document_new(void)
{
    return (json_document *)calloc(1, sizeof(json_document));
}

json_value *json_document_values(json_document *doc, size_t count)
{
    json_value *v;
    if (count > ((size_t)-1) / sizeof *v)
        return NULL;
    v = (json_value *)arena_alloc(doc, (count ? count : 1) * sizeof *v);
    if (v)
        memset(v, 0, (count ? count : 1) * sizeof *v);
    return v;
}

char *json_document_text(json_document *doc, const char *text, size_t length)
{
    char *t;
    if (length == (size_t)-1)
        return NULL;
    t = (char *)arena_alloc(doc, length + 1);
    if (!t)
        return NULL;
    if (length)
        memcpy(t, text, length);
    t[length] = '\0';
    return t;
}

void json_document_set_root(json_document *doc, const json_value *root)
{
    doc->root = *root;
}

json_document *json_parse(const char *text, size_t length, const json_limits *limits,
                          json_error *err)
{
    json_limits defaults = JSON_LIMITS_DEFAULT;
    json_parser p;
    int r;
    memset(&p, 0, sizeof p);
    p.limits = limits ? *limits : defaults;
    p.err = err;
    p.line = 1;
    if (err) {
        err->message[0] = '\0';
        err->line = err->column = 0;
    }
    if (!text && length)
        length = 0;
    p.s = (const unsigned char *)(text ? text : "");
    p.n = length;
    if (length > p.limits.maxBytes) {
        fail(&p, 0, "document of %lu bytes is larger than the limit of %lu bytes",
             (unsigned long)length, (unsigned long)p.limits.maxBytes);
        if (err)
            err->line = err->column = 0;
        return NULL;
    }
    p.doc = (json_document *)calloc(1, sizeof *p.doc);
    if (!p.doc) {
        fail(&p, 0, "out of memory");
        return NULL;
    }
    r = parse_document(&p);
    free(p.frames);
    free(p.stack);
    if (r != 0) {
        json_free(p.doc);
        return NULL;
    }
    return p.doc;
}

json_document *json_parse_file(const char *path, const json_limits *limits, json_error *err)
{
    json_limits defaults = JSON_LIMITS_DEFAULT;
    size_t max = limits ? limits->maxBytes : defaults.maxBytes;
    size_t cap = 0, len = 0;
    char *buf = NULL;
    FILE *f;
    json_document *doc;
    int isStdin = strcmp(path, "-") == 0;
    if (err) {
        err->message[0] = '\0';
        err->line = err->column = 0;
    }
    f = isStdin ? stdin : fopen(path, "rb");
    if (!f) {
        if (err)
            snprintf(err->message, sizeof err->message, "cannot open: %s", strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb;
            if (cap > max) {
                if (err)
                    snprintf(err->message, sizeof err->message,
                             "file larger than the limit of %lu bytes", (unsigned long)max);
                free(buf);
                if (!isStdin)
                    fclose(f);
                return NULL;
            }
            nb = (char *)realloc(buf, ncap);
            if (!nb) {
                if (err)
                    snprintf(err->message, sizeof err->message, "out of memory");
                free(buf);
                if (!isStdin)
                    fclose(f);
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        if (err)
            snprintf(err->message, sizeof err->message, "read error: %s", strerror(errno));
        free(buf);
        if (!isStdin)
            fclose(f);
        return NULL;
    }
    if (!isStdin)
        fclose(f);
    doc = json_parse(buf, len, limits, err);
    free(buf);
    return doc;
}

/* ------------------------------------------------------------------------------------------ */
/* Access and conversions                                                                     */
/* ------------------------------------------------------------------------------------------ */

const char *json_type_name(json_type type)
{
    switch (type) {
    case JSON_NULL: return "null";
    case JSON_FALSE: return "false";
    case JSON_TRUE: return "true";
    case JSON_NUMBER: return "number";
    case JSON_STRING: return "string";
    case JSON_ARRAY: return "array";
    case JSON_OBJECT: return "object";
    }
    return "unknown";
}

const json_value *json_get(const json_value *v, const char *key)
{
    size_t i, len;
    if (!v || v->type != JSON_OBJECT || !key)
        return NULL;
    len = strlen(key);
    for (i = 0; i < v->length; i++)
        if (v->items[i].keyLength == len && memcmp(v->items[i].key, key, len) == 0)
            return &v->items[i];
    return NULL;
}

int json_is_string(const json_value *v, const char *s)
{
    return v && v->type == JSON_STRING && strlen(s) == v->length && memcmp(v->text, s, v->length) == 0;
}

json_conversion json_to_double(const json_value *v, double *out)
{
    if (!v)
        return JSON_CONV_NOT_NUMBER;
    if (v->type == JSON_NUMBER) {
        /* the grammar was checked while parsing, so strtod reads the whole text; beyond the
         * double range it returns +-HUGE_VAL (infinity), as JavaScript's Number() does */
        *out = strtod(v->text, NULL);
        return JSON_CONV_OK;
    }
    if (json_is_string(v, "NaN")) {
        *out = (double)NAN;
        return JSON_CONV_OK;
    }
    if (json_is_string(v, "Infinity")) {
        *out = (double)INFINITY;
        return JSON_CONV_OK;
    }
    if (json_is_string(v, "-Infinity")) {
        *out = -(double)INFINITY;
        return JSON_CONV_OK;
    }
    return JSON_CONV_NOT_NUMBER;
}

/* The exact integer magnitude of a decimal number text (JSON number grammar, already
 * checked), and its sign. */
static json_conversion decimal_integer(const char *s, size_t n, int *negative, uint64_t *magnitude)
{
    const char *intStart, *intEnd, *fracStart = NULL, *fracEnd = NULL;
    long exponent = 0;
    size_t i = 0, k;
    /* digits: the concatenation of integer and fraction digits, value = digits * 10^scale */
    const char *parts[2];
    size_t partLen[2];
    size_t total, nz, kept;
    long scale;
    uint64_t m = 0;
    *negative = 0;
    if (i < n && s[i] == '-') {
        *negative = 1;
        i++;
    }
    intStart = s + i;
    while (i < n && is_digit((unsigned char)s[i]))
        i++;
    intEnd = s + i;
    if (i < n && s[i] == '.') {
        i++;
        fracStart = s + i;
        while (i < n && is_digit((unsigned char)s[i]))
            i++;
        fracEnd = s + i;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        int eneg = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        while (i < n && is_digit((unsigned char)s[i])) {
            if (exponent < 100000)
                exponent = exponent * 10 + (s[i] - '0');
            i++;
        }
        if (eneg)
            exponent = -exponent;
    }
    parts[0] = intStart;
    partLen[0] = (size_t)(intEnd - intStart);
    parts[1] = fracStart ? fracStart : intEnd;
    partLen[1] = fracStart ? (size_t)(fracEnd - fracStart) : 0;
    total = partLen[0] + partLen[1];
    scale = exponent - (long)partLen[1];
    /* count trailing zeros of the digit string, and find the first non-zero digit */
#define DIGIT_AT(j) ((j) < partLen[0] ? parts[0][(j)] : parts[1][(j) - partLen[0]])
    nz = total; /* index of first non-zero digit */
    for (k = 0; k < total; k++)
        if (DIGIT_AT(k) != '0') {
            nz = k;
            break;
        }
    if (nz == total) { /* zero */
        *magnitude = 0;
        return JSON_CONV_OK;
    }
    kept = total;
    /* a negative scale drops digits that must all be zero */
    while (scale < 0) {
        if (kept <= nz || DIGIT_AT(kept - 1) != '0')
            return JSON_CONV_NOT_INTEGER;
        kept--;
        scale++;
    }
    if ((long)(kept - nz) + scale > 20)
        return JSON_CONV_RANGE;
    for (k = nz; k < kept; k++) {
        unsigned d = (unsigned)(DIGIT_AT(k) - '0');
        if (m > (UINT64_MAX - d) / 10)
            return JSON_CONV_RANGE;
        m = m * 10 + d;
    }
#undef DIGIT_AT
    for (; scale > 0; scale--) {
        if (m > UINT64_MAX / 10)
            return JSON_CONV_RANGE;
        m *= 10;
    }
    *magnitude = m;
    return JSON_CONV_OK;
}

/* A string holding a plain decimal integer: -?(0|[1-9][0-9]*). */
static int is_decimal_integer_string(const json_value *v)
{
    size_t i = 0;
    if (v->length > 0 && v->text[0] == '-')
        i++;
    if (i >= v->length)
        return 0;
    if (v->text[i] == '0')
        return i + 1 == v->length;
    for (; i < v->length; i++)
        if (!is_digit((unsigned char)v->text[i]))
            return 0;
    return 1;
}

static json_conversion integer_parts(const json_value *v, int *negative, uint64_t *magnitude)
{
    if (!v)
        return JSON_CONV_NOT_NUMBER;
    if (v->type == JSON_STRING && !is_decimal_integer_string(v))
        return JSON_CONV_NOT_NUMBER;
    if (v->type != JSON_NUMBER && v->type != JSON_STRING)
        return JSON_CONV_NOT_NUMBER;
    return decimal_integer(v->text, v->length, negative, magnitude);
}

json_conversion json_to_int64(const json_value *v, int64_t *out)
{
    int negative;
    uint64_t m;
    json_conversion c = integer_parts(v, &negative, &m);
    if (c != JSON_CONV_OK)
        return c;
    if (negative) {
        if (m > (uint64_t)INT64_MAX + 1)
            return JSON_CONV_RANGE;
        *out = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m;
    } else {
        if (m > (uint64_t)INT64_MAX)
            return JSON_CONV_RANGE;
        *out = (int64_t)m;
    }
    return JSON_CONV_OK;
}

json_conversion json_to_uint64(const json_value *v, uint64_t *out)
{
    int negative;
    uint64_t m;
    json_conversion c = integer_parts(v, &negative, &m);
    if (c != JSON_CONV_OK)
        return c;
    if (negative && m != 0)
        return JSON_CONV_RANGE;
    *out = m;
    return JSON_CONV_OK;
}

const char *json_conversion_string(json_conversion c)
{
    switch (c) {
    case JSON_CONV_OK: return "ok";
    case JSON_CONV_NOT_NUMBER: return "not a number";
    case JSON_CONV_NOT_INTEGER: return "not an integer";
    case JSON_CONV_RANGE: return "out of range";
    }
    return "unknown";
}

char *json_format_double(double d, char *buf, size_t size)
{
    int prec;
    if (size == 0)
        return buf;
    if (isnan(d)) {
        snprintf(buf, size, "NaN");
        return buf;
    }
    if (isinf(d)) {
        snprintf(buf, size, d < 0 ? "-Infinity" : "Infinity");
        return buf;
    }
    if (d == 0) {
        snprintf(buf, size, signbit(d) ? "-0" : "0");
        return buf;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    {
        /* %g switches to an exponent when the decimal exponent X >= precision: an integer
         * such as 100 found at precision 1 prints "1e+02"; below 10^17 print it in full. */
        char *e = strchr(buf, 'e');
        int x = e ? atoi(e + 1) : 0;
        if (e && x >= prec && x < 17) {
            snprintf(buf, size, "%.*g", x + 1, d);
            e = NULL;
        }
        /* JavaScript's exponent style: no leading zeros ("1e-7", "1e+21") */
        e = strchr(buf, 'e');
        if (e) {
            char *digits = e + 2, *q = digits;
            while (*q == '0' && q[1] != '\0')
                q++;
            memmove(digits, q, strlen(q) + 1);
        }
    }
    return buf;
}

/* ------------------------------------------------------------------------------------------ */
/* Writer                                                                                     */
/* ------------------------------------------------------------------------------------------ */

enum { JSON_W_ITEMS = 1, JSON_W_OBJECT = 2, JSON_W_INLINE = 4 };

void json_writer_init(json_writer *w, FILE *out, int indent)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->indent = indent < 0 ? 0 : indent > 16 ? 16 : indent;
}

static void newline(json_writer *w, int depth)
{
    int i;
    fputc('\n', w->out);
    for (i = 0; i < depth * w->indent; i++)
        fputc(' ', w->out);
}

/* Separators before a value or a key at the current level. */
static void separate(json_writer *w)
{
    unsigned char *level;
    if (w->depth == 0)
        return;
    level = &w->level[w->depth - 1];
    if (*level & JSON_W_ITEMS)
        fputc(',', w->out);
    if (*level & JSON_W_INLINE) {
        if ((*level & JSON_W_ITEMS) && w->indent)
            fputc(' ', w->out);
    } else if (w->indent)
        newline(w, w->depth);
    *level |= JSON_W_ITEMS;
}

static void before_value(json_writer *w)
{
    if (w->afterKey) {
        w->afterKey = 0;
        return;
    }
    if (w->depth > 0 && (w->level[w->depth - 1] & JSON_W_OBJECT))
        w->failed = 1; /* a value in an object needs a key first */
    separate(w);
}

static void begin(json_writer *w, char open, unsigned char flags)
{
    before_value(w);
    if (w->depth >= JSON_WRITER_MAX_DEPTH) {
        w->failed = 1;
        return;
    }
    if (w->depth > 0 && (w->level[w->depth - 1] & JSON_W_INLINE))
        flags |= JSON_W_INLINE;
    fputc(open, w->out);
    w->level[w->depth++] = flags;
}

static void end(json_writer *w, char close, unsigned char kind)
{
    unsigned char level;
    if (w->depth == 0 || (w->level[w->depth - 1] & JSON_W_OBJECT) != kind || w->afterKey) {
        w->failed = 1;
        return;
    }
    level = w->level[--w->depth];
    if ((level & JSON_W_ITEMS) && !(level & JSON_W_INLINE) && w->indent)
        newline(w, w->depth);
    fputc(close, w->out);
}

void json_write_object_begin(json_writer *w)
{
    begin(w, '{', JSON_W_OBJECT);
}

void json_write_object_end(json_writer *w)
{
    end(w, '}', JSON_W_OBJECT);
}

void json_write_array_begin(json_writer *w)
{
    begin(w, '[', 0);
}

void json_write_array_begin_inline(json_writer *w)
{
    begin(w, '[', JSON_W_INLINE);
}

void json_write_array_end(json_writer *w)
{
    end(w, ']', 0);
}

static void put_string(json_writer *w, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    fputc('"', w->out);
    while (i < n) {
        unsigned c = u[i];
        if (c == '"' || c == '\\') {
            fputc('\\', w->out);
            fputc((int)c, w->out);
            i++;
        } else if (c < 0x20) {
            switch (c) {
            case '\b': fputs("\\b", w->out); break;
            case '\f': fputs("\\f", w->out); break;
            case '\n': fputs("\\n", w->out); break;
            case '\r': fputs("\\r", w->out); break;
            case '\t': fputs("\\t", w->out); break;
            default: fprintf(w->out, "\\u%04x", c); break;
            }
            i++;
        } else if (c < 0x80) {
            fputc((int)c, w->out);
            i++;
        } else {
            size_t len = utf8_length(u + i, n - i);
            if (len == 0) {
                fputs("\\ufffd", w->out); /* not UTF-8: the replacement character */
                i++;
            } else {
                fwrite(u + i, 1, len, w->out);
                i += len;
            }
        }
    }
    fputc('"', w->out);
}

void json_write_key_n(json_writer *w, const char *key, size_t length)
{
    if (w->depth == 0 || !(w->level[w->depth - 1] & JSON_W_OBJECT) || w->afterKey) {
        w->failed = 1;
        return;
    }
    separate(w);
    put_string(w, key, length);
    fputs(w->indent && !(w->level[w->depth - 1] & JSON_W_INLINE) ? ": " : ":", w->out);
    w->afterKey = 1;
}

void json_write_key(json_writer *w, const char *key)
{
    json_write_key_n(w, key, strlen(key));
}

void json_write_string_n(json_writer *w, const char *s, size_t length)
{
    before_value(w);
    put_string(w, s, length);
}

void json_write_string(json_writer *w, const char *s)
{
    json_write_string_n(w, s, strlen(s));
}

void json_write_double(json_writer *w, double d)
{
    char buf[40];
    json_format_double(d, buf, sizeof buf);
    if (isnan(d) || isinf(d))
        json_write_string(w, buf);
    else {
        before_value(w);
        fputs(buf, w->out);
    }
}

void json_write_int64(json_writer *w, int64_t v)
{
    before_value(w);
    if (v < 0)
        fprintf(w->out, "-%llu", (unsigned long long)(0 - (uint64_t)v));
    else
        fprintf(w->out, "%llu", (unsigned long long)v);
}

void json_write_uint64(json_writer *w, uint64_t v)
{
    before_value(w);
    fprintf(w->out, "%llu", (unsigned long long)v);
}

void json_write_bool(json_writer *w, int v)
{
    before_value(w);
    fputs(v ? "true" : "false", w->out);
}

void json_write_null(json_writer *w)
{
    before_value(w);
    fputs("null", w->out);
}

void json_write_number_text(json_writer *w, const char *text, size_t length)
{
    before_value(w);
    fwrite(text, 1, length, w->out);
}

void json_write_value(json_writer *w, const json_value *v)
{
    size_t i;
    switch (v->type) {
    case JSON_NULL: json_write_null(w); break;
    case JSON_FALSE: json_write_bool(w, 0); break;
    case JSON_TRUE: json_write_bool(w, 1); break;
    case JSON_NUMBER: json_write_number_text(w, v->text, v->length); break;
    case JSON_STRING: json_write_string_n(w, v->text, v->length); break;
    case JSON_ARRAY:
    case JSON_OBJECT: {
        int scalars = 1;
        if (w->depth >= JSON_WRITER_MAX_DEPTH) {
            w->failed = 1;
            return;
        }
        if (v->type == JSON_ARRAY) {
            /* arrays of scalars (tensor data) stay on one line */
            for (i = 0; i < v->length && scalars; i++)
                scalars = v->items[i].type != JSON_ARRAY && v->items[i].type != JSON_OBJECT;
            if (scalars && v->length)
                json_write_array_begin_inline(w);
            else
                json_write_array_begin(w);
        } else
            json_write_object_begin(w);
        for (i = 0; i < v->length; i++) {
            if (v->type == JSON_OBJECT)
                json_write_key_n(w, v->items[i].key, v->items[i].keyLength);
            json_write_value(w, &v->items[i]);
        }
        if (v->type == JSON_ARRAY)
            json_write_array_end(w);
        else
            json_write_object_end(w);
        break;
    }
    }
}

int json_writer_finish(json_writer *w)
{
    if (w->depth != 0 || w->afterKey)
        w->failed = 1;
    if (w->indent)
        fputc('\n', w->out);
    if (fflush(w->out) != 0 || ferror(w->out))
        w->failed = 1;
    return w->failed ? -1 : 0;
}
