/* tools/graph_text.c - the `.webnn` text parser: a hand-written lexer and recursive-descent
 * parser that builds the format's JSON twin as a json_value tree (see graph_text.h and
 * docs/graph-files.md).
 *
 * How the tree is built: json_value arrays must be contiguous, and their lengths are not
 * known until their closing bracket, so items are collected on growable scratch vectors and
 * copied into the document's arena when their container closes. The only recursion is into
 * nested array literals, bounded by GT_MAX_DEPTH.
 */
#include "graph_text.h"
#include "../conformance/conformance.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define GT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define GT_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------------------------------ */
/* Scratch vectors                                                                            */
/* ------------------------------------------------------------------------------------------ */

typedef struct vec {
    json_value *v;
    size_t n, cap;
} vec;

/* ------------------------------------------------------------------------------------------ */
/* Lexer                                                                                      */
/* ------------------------------------------------------------------------------------------ */

typedef enum tok_kind {
    T_EOF,
    T_IDENT,
    T_NUMBER, /* text: the literal ("-1.5e3", "NaN", "-Infinity") */
    T_STRING, /* text: decoded into the parser's scratch buffer */
    T_ANNOT,  /* "@name": text is the name after '@' */
    T_PUNCT   /* one of { } [ ] ( ) , ; : = */
} tok_kind;

typedef struct token {
    tok_kind kind;
    const char *text; /* identifier, number, annotation: into the source; string: scratch */
    size_t length;
    uint32_t line, column;
    char punct;
} token;

typedef struct parser {
    const char *src;
    size_t len, pos;
    uint32_t line, column; /* of src[pos] */
    const char *path;
    char *err;
    size_t errSize;
    int failed;
    token tok;
    char *scratch; /* the current string token, decoded */
    size_t scratchCap;
    json_document *doc;
    size_t values; /* counted against GT_MAX_VALUES */
    size_t depth;
    vec stack;   /* items of the containers being built (arrays, shapes, lists) */
    vec members; /* members of the current block */
    vec nodes;   /* the nodes block's statements */
    vec inputs;  /* the current call's operands */
    vec options; /* the current call's options */
} parser;

static int fail_at(parser *p, uint32_t line, uint32_t column, const char *fmt, ...)
    GT_PRINTF(4, 5);
static int fail_at(parser *p, uint32_t line, uint32_t column, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    if (p->failed)
        return -1;
    p->failed = 1;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (p->err && p->errSize)
        snprintf(p->err, p->errSize, "%s:%lu:%lu: %s", p->path ? p->path : "<text>",
                 (unsigned long)line, (unsigned long)column, message);
    return -1;
}

/* Up to 40 bytes of text, printable ASCII kept, anything else as '?'. */
static void excerpt(const char *text, size_t length, char *buf, size_t size)
{
    size_t i, n = length < 40 ? length : 40;
    if (n > size - 4)
        n = size - 4;
    for (i = 0; i < n; i++)
        buf[i] = text[i] >= 0x20 && text[i] < 0x7f ? text[i] : '?';
    if (n < length) {
        buf[i++] = '.';
        buf[i++] = '.';
        buf[i++] = '.';
    }
    buf[i] = '\0';
}

/* The current token, for "got ..." in messages. */
static const char *describe(const token *t, char *buf, size_t size)
{
    char ex[48];
    switch (t->kind) {
    case T_EOF:
        return "the end of the file";
    case T_PUNCT:
        snprintf(buf, size, "'%c'", t->punct);
        return buf;
    case T_IDENT:
        excerpt(t->text, t->length, ex, sizeof ex);
        snprintf(buf, size, "identifier '%s'", ex);
        return buf;
    case T_NUMBER:
        excerpt(t->text, t->length, ex, sizeof ex);
        snprintf(buf, size, "number %s", ex);
        return buf;
    case T_STRING:
        excerpt(t->text, t->length, ex, sizeof ex);
        snprintf(buf, size, "string \"%s\"", ex);
        return buf;
    case T_ANNOT:
        excerpt(t->text, t->length, ex, sizeof ex);
        snprintf(buf, size, "annotation '@%s'", ex);
        return buf;
    }
    return "?";
}

/* "expected <what>, got <current token>" at the current token. */
static int expected(parser *p, const char *what)
{
    char buf[96];
    return fail_at(p, p->tok.line, p->tok.column, "expected %s, got %s", what,
                   describe(&p->tok, buf, sizeof buf));
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int ident_start(int c)
{
    return is_alpha(c) || c == '_' || c == '/' || c == '$';
}

static int ident_char(int c)
{
    return is_alpha(c) || is_digit(c) || c == '_' || c == '.' || c == '/';
}

/* Advance over n bytes that contain no newline. */
static void skip(parser *p, size_t n)
{
    p->pos += n;
    p->column += (uint32_t)n;
}

static int peek_char(const parser *p, size_t ahead)
{
    return p->pos + ahead < p->len ? (unsigned char)p->src[p->pos + ahead] : -1;
}

static void skip_space_and_comments(parser *p)
{
    while (p->pos < p->len) {
        char c = p->src[p->pos];
        if (c == '\n') {
            p->pos++;
            p->line++;
            p->column = 1;
        } else if (c == ' ' || c == '\t' || c == '\r')
            skip(p, 1);
        else if (c == '#') {
            while (p->pos < p->len && p->src[p->pos] != '\n')
                skip(p, 1);
        } else
            break;
    }
}

/* Length of a well-formed UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_length(const unsigned char *s, size_t n)
{
    size_t len, i;
    unsigned long cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2, cp = s[0] & 0x1Fu;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3, cp = s[0] & 0x0Fu;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4, cp = s[0] & 0x07u;
    else
        return 0;
    if (len > n)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static int lex_string(parser *p)
{
    uint32_t line = p->line, column = p->column;
    size_t n = 0;
    skip(p, 1);
    for (;;) {
        unsigned char c;
        size_t k;
        if (p->pos >= p->len)
            return fail_at(p, line, column, "unterminated string (no closing '\"')");
        c = (unsigned char)p->src[p->pos];
        if (c == '"') {
            skip(p, 1);
            break;
        }
        if (c == '\n')
            return fail_at(p, p->line, p->column,
                           "a string cannot span lines (a newline before the closing '\"')");
        if (c < 0x20 || c == 0x7f)
            return fail_at(p, p->line, p->column, "a control character (byte 0x%02x) in a string",
                           c);
        if (c == '\\') {
            int e = peek_char(p, 1);
            if (e != '"' && e != '\\')
                return fail_at(p, p->line, p->column,
                               "invalid escape in a string: only \\\" and \\\\ are allowed");
            c = (unsigned char)e;
            skip(p, 2);
            k = 1;
        } else {
            k = utf8_length((const unsigned char *)p->src + p->pos, p->len - p->pos);
            if (k == 0)
                return fail_at(p, p->line, p->column, "invalid UTF-8 in a string");
        }
        if (n + k > GT_MAX_NAME)
            return fail_at(p, line, column, "a string longer than %lu bytes",
                           (unsigned long)GT_MAX_NAME);
        if (n + k + 1 > p->scratchCap) {
            size_t cap = p->scratchCap ? p->scratchCap * 2 : 256;
            char *s;
            while (cap < n + k + 1)
                cap *= 2;
            s = (char *)realloc(p->scratch, cap);
            if (!s)
                return fail_at(p, line, column, "out of memory");
            p->scratch = s;
            p->scratchCap = cap;
        }
        if (c == '"' || c == '\\')
            p->scratch[n] = (char)c; /* an escape, already skipped */
        else {
            memcpy(p->scratch + n, p->src + p->pos, k);
            skip(p, k);
        }
        n += k;
    }
    p->tok.kind = T_STRING;
    p->tok.text = p->scratch ? p->scratch : "";
    p->tok.length = n;
    return 0;
}

/* -?DIGITS(.DIGITS)?([eE][+-]?DIGITS)?, no leading zeros (the text becomes a JSON number),
 * or -Infinity. */
static int lex_number(parser *p)
{
    size_t start = p->pos;
    if (peek_char(p, 0) == '-') {
        if (p->len - p->pos >= 9 && memcmp(p->src + p->pos + 1, "Infinity", 8) == 0 &&
            !ident_char(peek_char(p, 9))) {
            skip(p, 9);
            goto done;
        }
        skip(p, 1);
    }
    if (!is_digit(peek_char(p, 0)))
        return fail_at(p, p->line, p->column, "expected a digit after '-'");
    if (peek_char(p, 0) == '0' && is_digit(peek_char(p, 1)))
        return fail_at(p, p->line, p->column, "a number cannot have leading zeros");
    while (is_digit(peek_char(p, 0)))
        skip(p, 1);
    if (peek_char(p, 0) == '.') {
        skip(p, 1);
        if (!is_digit(peek_char(p, 0)))
            return fail_at(p, p->line, p->column, "expected a digit after '.' in a number");
        while (is_digit(peek_char(p, 0)))
            skip(p, 1);
    }
    if (peek_char(p, 0) == 'e' || peek_char(p, 0) == 'E') {
        skip(p, 1);
        if (peek_char(p, 0) == '+' || peek_char(p, 0) == '-')
            skip(p, 1);
        if (!is_digit(peek_char(p, 0)))
            return fail_at(p, p->line, p->column, "expected a digit in a number's exponent");
        while (is_digit(peek_char(p, 0)))
            skip(p, 1);
    }
    if (ident_char(peek_char(p, 0)))
        return fail_at(p, p->line, p->column, "unexpected '%c' after a number",
                       p->src[p->pos]);
done:
    if (p->pos - start > GT_MAX_NAME)
        return fail_at(p, p->tok.line, p->tok.column, "a number longer than %lu bytes",
                       (unsigned long)GT_MAX_NAME);
    p->tok.kind = T_NUMBER;
    p->tok.text = p->src + start;
    p->tok.length = p->pos - start;
    return 0;
}

/* Move to the next token. */
static int next(parser *p)
{
    int c;
    if (p->failed)
        return -1;
    skip_space_and_comments(p);
    p->tok.line = p->line;
    p->tok.column = p->column;
    p->tok.text = p->src + p->pos;
    p->tok.length = 0;
    p->tok.punct = 0;
    c = peek_char(p, 0);
    if (c < 0) {
        p->tok.kind = T_EOF;
        return 0;
    }
    if (c == '"')
        return lex_string(p);
    if (c == '-' || is_digit(c))
        return lex_number(p);
    if (ident_start(c) || (c == '@' && ident_start(peek_char(p, 1)))) {
        size_t start;
        p->tok.kind = c == '@' ? T_ANNOT : T_IDENT;
        if (c == '@')
            skip(p, 1);
        start = p->pos;
        skip(p, 1);
        while (ident_char(peek_char(p, 0)))
            skip(p, 1);
        if (p->pos - start > GT_MAX_NAME)
            return fail_at(p, p->tok.line, p->tok.column, "a name longer than %lu bytes",
                           (unsigned long)GT_MAX_NAME);
        p->tok.text = p->src + start;
        p->tok.length = p->pos - start;
        /* NaN and Infinity are number literals (an extension), not names */
        if (p->tok.kind == T_IDENT && ((p->tok.length == 3 && memcmp(p->tok.text, "NaN", 3) == 0) ||
                                       (p->tok.length == 8 && memcmp(p->tok.text, "Infinity", 8) == 0)))
            p->tok.kind = T_NUMBER;
        return 0;
    }
    if (strchr("{}[](),;:=", c) && c != 0) {
        p->tok.kind = T_PUNCT;
        p->tok.punct = (char)c;
        p->tok.length = 1;
        skip(p, 1);
        return 0;
    }
    if (c >= 0x20 && c < 0x7f)
        return fail_at(p, p->line, p->column, "unexpected character '%c'", c);
    return fail_at(p, p->line, p->column, "unexpected byte 0x%02x", c);
}

static int is_punct(const parser *p, char c)
{
    return p->tok.kind == T_PUNCT && p->tok.punct == c;
}

static int is_word(const parser *p, const char *word)
{
    size_t n = strlen(word);
    return p->tok.kind == T_IDENT && p->tok.length == n && memcmp(p->tok.text, word, n) == 0;
}

/* Consume punctuation c, or fail with "expected 'c' <context>, got ...". */
static int expect_punct(parser *p, char c, const char *context)
{
    char what[128];
    if (is_punct(p, c))
        return next(p);
    snprintf(what, sizeof what, "'%c'%s%s", c, context ? " " : "", context ? context : "");
    return expected(p, what);
}

/* ------------------------------------------------------------------------------------------ */
/* Building values                                                                            */
/* ------------------------------------------------------------------------------------------ */

static int count_values(parser *p, size_t n, uint32_t line, uint32_t column)
{
    if (n > GT_MAX_VALUES - p->values)
        return fail_at(p, line, column, "the graph has more than %lu values",
                       (unsigned long)GT_MAX_VALUES);
    p->values += n;
    return 0;
}

static int push(parser *p, vec *v, const json_value *value)
{
    if (count_values(p, 1, value->line, value->column))
        return -1;
    if (v->n == v->cap) {
        /* the value limit bounds n, so doubling cannot overflow */
        size_t cap = v->cap ? v->cap * 2 : 16;
        json_value *items = (json_value *)realloc(v->v, cap * sizeof *items);
        if (!items)
            return fail_at(p, value->line, value->column, "out of memory");
        v->v = items;
        v->cap = cap;
    }
    v->v[v->n++] = *value;
    return 0;
}

/* A container of the items v->v[base..n), moved into the arena; v is cut back to base. */
static int close_container(parser *p, vec *v, size_t base, json_type type, uint32_t line,
                           uint32_t column, json_value *out)
{
    size_t n = v->n - base;
    json_value *items = json_document_values(p->doc, n);
    if (!items)
        return fail_at(p, line, column, "out of memory");
    if (n)
        memcpy(items, v->v + base, n * sizeof *items);
    v->n = base;
    memset(out, 0, sizeof *out);
    out->type = type;
    out->line = line;
    out->column = column;
    out->length = n;
    out->items = items;
    return 0;
}

/* Fixed-size objects (an input's descriptor, a node): n zeroed members. */
static json_value *new_members(parser *p, size_t n, uint32_t line, uint32_t column)
{
    json_value *v;
    if (count_values(p, n, line, column))
        return NULL;
    v = json_document_values(p->doc, n);
    if (!v)
        fail_at(p, line, column, "out of memory");
    return v;
}

static int make_text(parser *p, json_type type, const char *text, size_t length,
                     uint32_t line, uint32_t column, json_value *out)
{
    memset(out, 0, sizeof *out);
    out->type = type;
    out->line = line;
    out->column = column;
    out->length = length;
    out->text = json_document_text(p->doc, text, length);
    if (!out->text)
        return fail_at(p, line, column, "out of memory");
    return 0;
}

/* A value from the current token (string, number, true, false, null), then advance. NaN and
 * infinities become the strings the project's JSON readers accept as numbers. */
static int scalar_from_token(parser *p, json_value *out)
{
    const token *t = &p->tok;
    memset(out, 0, sizeof *out);
    out->line = t->line;
    out->column = t->column;
    if (t->kind == T_STRING || t->kind == T_NUMBER) {
        json_type type = t->kind == T_STRING ? JSON_STRING : JSON_NUMBER;
        if (t->kind == T_NUMBER && !is_digit((unsigned char)t->text[t->length - 1]))
            type = JSON_STRING; /* NaN, Infinity, -Infinity */
        if (make_text(p, type, t->text, t->length, t->line, t->column, out))
            return -1;
    } else if (is_word(p, "true"))
        out->type = JSON_TRUE;
    else if (is_word(p, "false"))
        out->type = JSON_FALSE;
    else if (is_word(p, "null"))
        out->type = JSON_NULL;
    else
        return expected(p, "a value");
    return next(p);
}

static void set_key(json_value *v, const char *key, size_t keyLength, uint32_t line,
                    uint32_t column)
{
    v->key = key;
    v->keyLength = keyLength;
    v->keyLine = line;
    v->keyColumn = column;
}

/* An identifier's text copied into the arena (NUL-terminated). */
static const char *arena_name(parser *p, const token *t)
{
    const char *s = json_document_text(p->doc, t->text, t->length);
    if (!s)
        fail_at(p, t->line, t->column, "out of memory");
    return s;
}

static int is_keyword(const parser *p)
{
    return is_word(p, "true") || is_word(p, "false") || is_word(p, "null");
}

/* value := literal | ident ; literal := array | string | number | true | false | null.
 * An identifier becomes a string. Arrays recurse, at most GT_MAX_DEPTH deep. */
static int parse_value(parser *p, json_value *out)
{
    if (p->tok.kind == T_IDENT && !is_keyword(p)) {
        if (make_text(p, JSON_STRING, p->tok.text, p->tok.length, p->tok.line, p->tok.column,
                      out))
            return -1;
        return next(p);
    }
    if (is_punct(p, '[')) {
        uint32_t line = p->tok.line, column = p->tok.column;
        size_t base = p->stack.n;
        if (p->depth >= GT_MAX_DEPTH)
            return fail_at(p, line, column, "arrays nested deeper than %d levels", GT_MAX_DEPTH);
        p->depth++;
        if (next(p))
            return -1;
        if (!is_punct(p, ']'))
            for (;;) {
                json_value item;
                if (parse_value(p, &item) || push(p, &p->stack, &item))
                    return -1;
                if (is_punct(p, ']'))
                    break;
                if (expect_punct(p, ',', "or ']' in an array"))
                    return -1;
            }
        p->depth--;
        if (next(p))
            return -1;
        return close_container(p, &p->stack, base, JSON_ARRAY, line, column, out);
    }
    return scalar_from_token(p, out);
}

/* ------------------------------------------------------------------------------------------ */
/* Declarations: types, inputs, constants                                                     */
/* ------------------------------------------------------------------------------------------ */

static const struct {
    const char *text, *json;
} dtypes[] = {
    {"f32", "float32"}, {"f16", "float16"}, {"i4", "int4"},   {"u4", "uint4"},
    {"i32", "int32"},   {"u32", "uint32"},  {"i64", "int64"}, {"u64", "uint64"},
    {"i8", "int8"},     {"u8", "uint8"},
};

static const char dtype_list[] = "a data type (f32, f16, i4, u4, i32, u32, i64, u64, i8, u8)";

/* An unsigned integer token (no sign, fraction or exponent) as a JSON number. */
static int parse_uint(parser *p, const char *what, json_value *out)
{
    size_t i;
    if (p->tok.kind == T_NUMBER && p->tok.length > 0) {
        for (i = 0; i < p->tok.length && is_digit((unsigned char)p->tok.text[i]); i++)
            ;
        if (i == p->tok.length) {
            if (make_text(p, JSON_NUMBER, p->tok.text, p->tok.length, p->tok.line,
                          p->tok.column, out))
                return -1;
            return next(p);
        }
    }
    return expected(p, what);
}

/* dtype '[' (dim (',' dim)*)? ']' with dim := int | dyn("name", int). Fills the members
 * "dataType" and "shape" (members[0], members[1]). */
static int parse_type(parser *p, int constant, json_value *members)
{
    size_t i, base;
    uint32_t line, column;
    for (i = 0; i < sizeof dtypes / sizeof dtypes[0]; i++)
        if (is_word(p, dtypes[i].text))
            break;
    if (i == sizeof dtypes / sizeof dtypes[0])
        return expected(p, dtype_list);
    if (make_text(p, JSON_STRING, dtypes[i].json, strlen(dtypes[i].json), p->tok.line,
                  p->tok.column, &members[0]))
        return -1;
    set_key(&members[0], "dataType", 8, p->tok.line, p->tok.column);
    if (next(p))
        return -1;
    line = p->tok.line;
    column = p->tok.column;
    if (expect_punct(p, '[', "to open the shape"))
        return -1;
    base = p->stack.n;
    if (!is_punct(p, ']'))
        for (;;) {
            json_value dim;
            if (is_word(p, "dyn")) {
                json_value *m;
                uint32_t dl = p->tok.line, dc = p->tok.column;
                if (constant)
                    return fail_at(p, dl, dc, "a constant's shape must be static (no dyn())");
                if (!(m = new_members(p, 2, dl, dc)) || next(p) ||
                    expect_punct(p, '(', "after dyn"))
                    return -1;
                if (p->tok.kind != T_STRING)
                    return expected(p, "the dimension's name (a string) in dyn()");
                if (make_text(p, JSON_STRING, p->tok.text, p->tok.length, p->tok.line,
                              p->tok.column, &m[0]))
                    return -1;
                set_key(&m[0], "name", 4, p->tok.line, p->tok.column);
                if (next(p) || expect_punct(p, ',', "after the dimension's name in dyn()") ||
                    parse_uint(p, "the dimension's maximum size (an integer) in dyn()", &m[1]))
                    return -1;
                set_key(&m[1], "maxSize", 7, m[1].line, m[1].column);
                if (expect_punct(p, ')', "to close dyn()"))
                    return -1;
                memset(&dim, 0, sizeof dim);
                dim.type = JSON_OBJECT;
                dim.line = dl;
                dim.column = dc;
                dim.length = 2;
                dim.items = m;
            } else if (parse_uint(p, "a dimension (an integer or dyn(\"name\", max))", &dim))
                return -1;
            if (push(p, &p->stack, &dim))
                return -1;
            if (is_punct(p, ']'))
                break;
            if (expect_punct(p, ',', "or ']' in the shape"))
                return -1;
        }
    if (next(p) ||
        close_container(p, &p->stack, base, JSON_ARRAY, line, column, &members[1]))
        return -1;
    set_key(&members[1], "shape", 5, line, column);
    return 0;
}

/* ident ':' type ';' */
static int parse_input(parser *p)
{
    json_value entry, *m;
    const char *name;
    uint32_t line = p->tok.line, column = p->tok.column;
    size_t nameLength = p->tok.length;
    if (!(name = arena_name(p, &p->tok)) || !(m = new_members(p, 2, line, column)) || next(p) ||
        expect_punct(p, ':', "after the input's name") || parse_type(p, 0, m) ||
        expect_punct(p, ';', "after the input declaration"))
        return -1;
    memset(&entry, 0, sizeof entry);
    entry.type = JSON_OBJECT;
    entry.line = line;
    entry.column = column;
    entry.length = 2;
    entry.items = m;
    set_key(&entry, name, nameLength, line, column);
    return push(p, &p->members, &entry);
}

/* The initializer object of a constant: @weights("ref"), @scalar(number), @bytes([ints]),
 * or, without an annotation, weights named like the constant. */
static int parse_init(parser *p, const token *name, json_value *init)
{
    /* without an annotation, the initializer is placed at the constant's name */
    uint32_t line = p->tok.kind == T_ANNOT ? p->tok.line : name->line;
    uint32_t column = p->tok.kind == T_ANNOT ? p->tok.column : name->column;
    json_value *m = new_members(p, 2, line, column);
    const char *kind;
    if (!m)
        return -1;
    memset(init, 0, sizeof *init);
    init->type = JSON_OBJECT;
    init->line = line;
    init->column = column;
    init->length = 2;
    init->items = m;
    set_key(init, "init", 4, line, column);
    if (p->tok.kind != T_ANNOT) { /* no annotation: weights named like the constant */
        kind = "weights";
        if (make_text(p, JSON_STRING, name->text, name->length, name->line, name->column,
                      &m[1]))
            return -1;
        set_key(&m[1], "ref", 3, name->line, name->column);
    } else if (p->tok.length == 7 && memcmp(p->tok.text, "weights", 7) == 0) {
        kind = "weights";
        if (next(p) || expect_punct(p, '(', "after @weights"))
            return -1;
        if (p->tok.kind != T_STRING)
            return expected(p, "the weights' name (a string) in @weights()");
        if (scalar_from_token(p, &m[1]) || expect_punct(p, ')', "to close @weights()"))
            return -1;
        set_key(&m[1], "ref", 3, m[1].line, m[1].column);
    } else if (p->tok.length == 6 && memcmp(p->tok.text, "scalar", 6) == 0) {
        kind = "scalar";
        if (next(p) || expect_punct(p, '(', "after @scalar"))
            return -1;
        if (p->tok.kind != T_NUMBER)
            return expected(p, "a number in @scalar()");
        if (scalar_from_token(p, &m[1]) || expect_punct(p, ')', "to close @scalar()"))
            return -1;
        set_key(&m[1], "value", 5, m[1].line, m[1].column);
    } else if (p->tok.length == 5 && memcmp(p->tok.text, "bytes", 5) == 0) {
        size_t base = p->stack.n;
        uint32_t al, ac;
        kind = "inlineBytes";
        if (next(p) || expect_punct(p, '(', "after @bytes"))
            return -1;
        al = p->tok.line;
        ac = p->tok.column;
        if (expect_punct(p, '[', "to open the list of bytes in @bytes()"))
            return -1;
        if (!is_punct(p, ']'))
            for (;;) {
                json_value byte;
                uint32_t bl = p->tok.line, bc = p->tok.column;
                if (parse_uint(p, "a byte (an integer 0 to 255)", &byte))
                    return -1;
                if (byte.length > 3 || strtol(byte.text, NULL, 10) > 255)
                    return fail_at(p, bl, bc, "a byte must be 0 to 255, got %s", byte.text);
                if (push(p, &p->stack, &byte))
                    return -1;
                if (is_punct(p, ']'))
                    break;
                if (expect_punct(p, ',', "or ']' in the list of bytes"))
                    return -1;
            }
        if (next(p) || close_container(p, &p->stack, base, JSON_ARRAY, al, ac, &m[1]) ||
            expect_punct(p, ')', "to close @bytes()"))
            return -1;
        set_key(&m[1], "bytes", 5, al, ac);
    } else {
        char ex[48];
        excerpt(p->tok.text, p->tok.length, ex, sizeof ex);
        return fail_at(p, line, column,
                       "unknown annotation '@%s' (a constant takes @weights, @scalar or @bytes)",
                       ex);
    }
    if (make_text(p, JSON_STRING, kind, strlen(kind), line, column, &m[0]))
        return -1;
    set_key(&m[0], "kind", 4, line, column);
    if (p->tok.kind == T_ANNOT)
        return fail_at(p, p->tok.line, p->tok.column,
                       "a constant takes one annotation (@weights, @scalar or @bytes)");
    return 0;
}

/* ident ':' type annotation? ';' */
static int parse_const(parser *p)
{
    json_value entry, *m;
    token name = p->tok;
    const char *key;
    if (!(key = arena_name(p, &name)) || !(m = new_members(p, 3, name.line, name.column)) ||
        next(p) || expect_punct(p, ':', "after the constant's name") || parse_type(p, 1, m) ||
        parse_init(p, &name, &m[2]) || expect_punct(p, ';', "after the constant declaration"))
        return -1;
    memset(&entry, 0, sizeof entry);
    entry.type = JSON_OBJECT;
    entry.line = name.line;
    entry.column = name.column;
    entry.length = 3;
    entry.items = m;
    set_key(&entry, key, name.length, name.line, name.column);
    return push(p, &p->members, &entry);
}

/* ------------------------------------------------------------------------------------------ */
/* Operator calls                                                                             */
/* ------------------------------------------------------------------------------------------ */

/* Edit distance of two short names, or a large number when either is longer than 63. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t row[64], la = strlen(a), lb = strlen(b), i, j;
    if (la > 63 || lb > 63)
        return (size_t)-1;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

static int same_ignoring_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a;
        int y = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

static int unknown_operator(parser *p, const token *t, const char *name)
{
    const char *best = NULL;
    size_t bestDistance = 3, i; /* suggest only names within two edits */
    char ex[48];
    for (i = 0; i < CF_OPERATOR_COUNT; i++) {
        const char *known = cf_operator_name(i);
        size_t d = same_ignoring_case(known, name) ? 0 : edit_distance(known, name);
        if (d < bestDistance && d < strlen(name)) {
            best = known;
            bestDistance = d;
        }
    }
    excerpt(t->text, t->length, ex, sizeof ex);
    if (best)
        return fail_at(p, t->line, t->column, "unknown operator \"%s\" (did you mean \"%s\"?)",
                       ex, best);
    return fail_at(p, t->line, t->column, "unknown operator \"%s\"", ex);
}

/* "(input, newShape)": the operator's positional parameters, for messages. */
static void param_list(const char *op, char *buf, size_t size)
{
    size_t i, used = 0;
    cf_param_info info;
    buf[0] = '\0';
    for (i = 0; cf_operator_param(op, i, &info) && info.kind != CF_PARAM_OPTIONS; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", info.name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

/* A name given twice in the call's options: an error at the second (in text order). Sorting
 * keeps this O(n log n) for calls with many arguments. */
static int check_duplicate_options(parser *p, const char *op)
{
    size_t n = p->options.n, i;
    const json_value **sorted, *worst = NULL, *first = NULL;
    if (n < 2)
        return 0;
    sorted = (const json_value **)malloc(n * sizeof *sorted);
    if (!sorted)
        return fail_at(p, p->options.v[0].keyLine, p->options.v[0].keyColumn, "out of memory");
    for (i = 0; i < n; i++)
        sorted[i] = &p->options.v[i];
    qsort(sorted, n, sizeof *sorted, json_compare_members);
    /* after sorting, an item equal to the one before it is a repeated name; the earliest
       such item in the text is the second occurrence of its name */
    for (i = 1; i < n; i++)
        if (sorted[i]->keyLength == sorted[i - 1]->keyLength &&
            memcmp(sorted[i]->key, sorted[i - 1]->key, sorted[i]->keyLength) == 0 &&
            (!worst || sorted[i] < worst)) {
            worst = sorted[i];
            first = sorted[i - 1];
        }
    free(sorted);
    if (worst) {
        char ex[48];
        excerpt(worst->key, worst->keyLength, ex, sizeof ex);
        return fail_at(p, worst->keyLine, worst->keyColumn,
                       "%s: the argument '%s' is given twice (first at %lu:%lu)", op, ex,
                       (unsigned long)first->keyLine, (unsigned long)first->keyColumn);
    }
    return 0;
}

/* An operand name (an identifier) appended to the call's inputs. */
static int push_operand(parser *p, const token *t)
{
    json_value v;
    return make_text(p, JSON_STRING, t->text, t->length, t->line, t->column, &v) ||
           push(p, &p->inputs, &v);
}

/* '[' ident (',' ident)* ']' for a sequence of operands (concat's inputs). */
static int parse_operand_list(parser *p, const char *op, const char *param)
{
    char what[160];
    snprintf(what, sizeof what, "an operand name in %s's %s list", op, param);
    if (next(p))
        return -1;
    if (is_punct(p, ']'))
        return next(p);
    for (;;) {
        if (p->tok.kind != T_IDENT || is_keyword(p))
            return expected(p, what);
        if (push_operand(p, &p->tok) || next(p))
            return -1;
        if (is_punct(p, ']'))
            return next(p);
        if (expect_punct(p, ',', "or ']' in the list of operands"))
            return -1;
    }
}

/* One positional argument, at parameter *param of op; the current token starts it, or
 * `ident` is an identifier already consumed. *inSequence: the parameter is a sequence of
 * operands that has taken identifiers and may take more. */
static int positional(parser *p, const char *op, const token *ident, size_t *param,
                      int *inSequence)
{
    cf_param_info info;
    char buf[96], list[256];
    const token *at = ident ? ident : &p->tok;
    if (*inSequence) {
        if (ident)
            return push_operand(p, ident);
        (*param)++;
        *inSequence = 0;
    }
    if (!cf_operator_param(op, *param, &info) || info.kind == CF_PARAM_OPTIONS) {
        param_list(op, list, sizeof list);
        return fail_at(p, at->line, at->column,
                       "too many positional arguments: %s takes (%s), then named options",
                       op, list);
    }
    switch (info.kind) {
    case CF_PARAM_OPERAND:
        if (!ident)
            return fail_at(p, at->line, at->column,
                           "expected an operand name for parameter '%s' of %s, got %s",
                           info.name, op, describe(at, buf, sizeof buf));
        (*param)++;
        return push_operand(p, ident);
    case CF_PARAM_OPERANDS:
        if (ident) {
            *inSequence = 1;
            return push_operand(p, ident);
        }
        if (!is_punct(p, '['))
            return fail_at(p, at->line, at->column,
                           "expected operand names or a list of them for parameter '%s' of %s, "
                           "got %s",
                           info.name, op, describe(at, buf, sizeof buf));
        (*param)++;
        return parse_operand_list(p, op, info.name);
    default: {
        json_value v;
        if (ident)
            return fail_at(p, at->line, at->column,
                           "expected a literal value for parameter '%s' of %s, got %s "
                           "(operands go to operand parameters)",
                           info.name, op, describe(at, buf, sizeof buf));
        if (parse_value(p, &v))
            return -1;
        set_key(&v, info.name, strlen(info.name), v.line, v.column);
        (*param)++;
        return push(p, &p->options, &v);
    }
    }
}

/* op '(' (arg (',' arg)*)? ')' with arg := ident '=' value | value. Fills node members
 * "op", "inputs", "options" (m[0..2]). */
static int parse_call(parser *p, json_value *m)
{
    token opTok = p->tok, named = {T_EOF, NULL, 0, 0, 0, 0};
    const char *op;
    size_t param = 0;
    int inSequence = 0;
    uint32_t line, column;
    char buf[96];
    if (opTok.kind != T_IDENT || is_keyword(p))
        return expected(p, "an operator call");
    if (!(op = arena_name(p, &opTok)) || next(p))
        return -1;
    if (!is_punct(p, '(')) {
        char what[64];
        return fail_at(p, opTok.line, opTok.column,
                       "expected an operator call, got %s followed by %s (an expression "
                       "must call an operator)",
                       describe(&opTok, what, sizeof what), describe(&p->tok, buf, sizeof buf));
    }
    if (!cf_operator_known(op))
        return unknown_operator(p, &opTok, op);
    if (make_text(p, JSON_STRING, opTok.text, opTok.length, opTok.line, opTok.column, &m[0]))
        return -1;
    set_key(&m[0], "op", 2, opTok.line, opTok.column);
    line = p->tok.line;
    column = p->tok.column;
    p->inputs.n = 0;
    p->options.n = 0;
    if (next(p))
        return -1;
    if (!is_punct(p, ')'))
        for (;;) {
            if (p->tok.kind == T_IDENT && !is_keyword(p)) {
                token id = p->tok;
                if (next(p))
                    return -1;
                if (is_punct(p, '=')) {
                    json_value v;
                    token value;
                    int bare;
                    if (next(p))
                        return -1;
                    value = p->tok;
                    bare = value.kind == T_IDENT && !is_keyword(p);
                    if (parse_value(p, &v))
                        return -1;
                    if (!(v.key = arena_name(p, &id)))
                        return -1;
                    /* an operand option names an operand, and the text names operands with
                     * identifiers: a string or NaN/Infinity there could not be written back
                     * as this text, nor name anything the graph defines */
                    if (v.type == JSON_STRING && !bare && cf_operator_option_is_operand(op, v.key))
                        return fail_at(p, value.line, value.column,
                                       "option '%s' of %s takes an operand name, got %s", v.key,
                                       op, describe(&value, buf, sizeof buf));
                    set_key(&v, v.key, id.length, id.line, id.column);
                    if (push(p, &p->options, &v))
                        return -1;
                    named = id;
                } else if (named.kind != T_EOF)
                    return fail_at(p, id.line, id.column,
                                   "a positional argument after the named argument at %lu:%lu",
                                   (unsigned long)named.line, (unsigned long)named.column);
                else if (positional(p, op, &id, &param, &inSequence))
                    return -1;
            } else if (named.kind != T_EOF)
                return fail_at(p, p->tok.line, p->tok.column,
                               "a positional argument after the named argument at %lu:%lu",
                               (unsigned long)named.line, (unsigned long)named.column);
            else if (positional(p, op, NULL, &param, &inSequence))
                return -1;
            if (is_punct(p, ')'))
                break;
            snprintf(buf, sizeof buf, "or ')' after an argument of %s", op);
            if (expect_punct(p, ',', buf))
                return -1;
        }
    if (next(p) || check_duplicate_options(p, op) ||
        close_container(p, &p->inputs, 0, JSON_ARRAY, line, column, &m[1]) ||
        close_container(p, &p->options, 0, JSON_OBJECT, line, column, &m[2]))
        return -1;
    set_key(&m[1], "inputs", 6, line, column);
    set_key(&m[2], "options", 7, line, column);
    return 0;
}

/* (ident | '[' ident (',' ident)* ']') '=' call ';' */
static int parse_statement(parser *p)
{
    json_value node, *m, outputs;
    uint32_t line = p->tok.line, column = p->tok.column;
    int multi = is_punct(p, '[');
    if (!(m = new_members(p, multi ? 5 : 4, line, column)))
        return -1;
    memset(&outputs, 0, sizeof outputs);
    if (multi) {
        size_t base = p->stack.n;
        if (next(p))
            return -1;
        for (;;) {
            json_value name;
            if (p->tok.kind != T_IDENT || is_keyword(p))
                return expected(p, "an output name");
            if (make_text(p, JSON_STRING, p->tok.text, p->tok.length, p->tok.line,
                          p->tok.column, &name) ||
                push(p, &p->stack, &name) || next(p))
                return -1;
            if (is_punct(p, ']'))
                break;
            if (expect_punct(p, ',', "or ']' in the list of output names"))
                return -1;
        }
        if (next(p) ||
            close_container(p, &p->stack, base, JSON_ARRAY, line, column, &m[4]))
            return -1;
        set_key(&m[4], "outputs", 7, line, column);
        m[0] = m[4].items[0];
    } else {
        if (p->tok.kind != T_IDENT || is_keyword(p))
            return expected(p, "a statement (name = operator(...);) or '}'");
        if (make_text(p, JSON_STRING, p->tok.text, p->tok.length, line, column, &m[0]) ||
            next(p))
            return -1;
    }
    set_key(&m[0], "id", 2, m[0].line, m[0].column);
    if (expect_punct(p, '=', multi ? "after the list of output names" : "after the name") ||
        parse_call(p, &m[1]) || expect_punct(p, ';', "after the statement"))
        return -1;
    memset(&node, 0, sizeof node);
    node.type = JSON_OBJECT;
    node.line = line;
    node.column = column;
    node.length = multi ? 5 : 4;
    node.items = m;
    return push(p, &p->nodes, &node);
}

/* ident (',' ident)* ';'? - each output named like the operand it is. */
static int parse_output(parser *p)
{
    for (;;) {
        json_value v;
        if (p->tok.kind != T_IDENT || is_keyword(p))
            return expected(p, "an output name or '}'");
        if (make_text(p, JSON_STRING, p->tok.text, p->tok.length, p->tok.line, p->tok.column,
                      &v))
            return -1;
        set_key(&v, v.text, v.length, v.line, v.column);
        if (push(p, &p->members, &v) || next(p))
            return -1;
        if (!is_punct(p, ','))
            break;
        if (next(p))
            return -1;
    }
    return is_punct(p, ';') ? next(p) : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The file                                                                                   */
/* ------------------------------------------------------------------------------------------ */

enum { B_INPUTS, B_CONSTS, B_NODES, B_OUTPUTS, B_COUNT };
static const char *const block_names[B_COUNT] = {"inputs", "consts", "nodes", "outputs"};

/* name '{' item* '}' into *out (an object, or an array for nodes). */
static int parse_block(parser *p, int block, json_value *out)
{
    uint32_t line = p->tok.line, column = p->tok.column;
    char context[64];
    snprintf(context, sizeof context, "after '%s'", block_names[block]);
    if (next(p) || expect_punct(p, '{', context))
        return -1;
    while (!is_punct(p, '}') && !p->failed) {
        if (p->tok.kind == T_EOF) {
            snprintf(context, sizeof context, "'}' to close the %s block", block_names[block]);
            return expected(p, context);
        }
        switch (block) {
        case B_INPUTS:
            if (p->tok.kind != T_IDENT || is_keyword(p))
                return expected(p, "an input declaration (name: type;) or '}'");
            parse_input(p);
            break;
        case B_CONSTS:
            if (p->tok.kind != T_IDENT || is_keyword(p))
                return expected(p, "a constant declaration (name: type @init;) or '}'");
            parse_const(p);
            break;
        case B_NODES:
            parse_statement(p);
            break;
        default:
            parse_output(p);
            break;
        }
    }
    if (p->failed || next(p))
        return -1;
    if (block == B_NODES)
        return close_container(p, &p->nodes, 0, JSON_ARRAY, line, column, out);
    return close_container(p, &p->members, 0, JSON_OBJECT, line, column, out);
}

/* 'webnn_graph' string 'v'N '@quantized'? '{' block* '}' EOF */
static int parse_file(parser *p, json_value *root)
{
    json_value blocks[B_COUNT], *m;
    int have[B_COUNT] = {0, 0, 0, 0}, b;
    uint32_t line, column;
    size_t n = 0;
    if (next(p))
        return -1;
    line = p->tok.line;
    column = p->tok.column;
    if (!is_word(p, "webnn_graph"))
        return expected(p, "'webnn_graph' to start the graph");
    if (!(m = new_members(p, 8, line, column)) || next(p))
        return -1;
    if (make_text(p, JSON_STRING, "webnn-graph-json", 16, line, column, &m[n]))
        return -1;
    set_key(&m[n++], "format", 6, line, column);
    if (p->tok.kind != T_STRING)
        return expected(p, "the graph's name (a string) after 'webnn_graph'");
    /* members: format, version, name (read before the version, stored after it), then
       quantized when given, then the four blocks */
    if (scalar_from_token(p, &m[2]))
        return -1;
    set_key(&m[2], "name", 4, m[2].line, m[2].column);
    if (p->tok.kind == T_IDENT && p->tok.length == 2 && p->tok.text[0] == 'v' &&
        (p->tok.text[1] == '1' || p->tok.text[1] == '2')) {
        if (make_text(p, JSON_NUMBER, p->tok.text + 1, 1, p->tok.line, p->tok.column, &m[1]))
            return -1;
        set_key(&m[1], "version", 7, p->tok.line, p->tok.column);
        n = 3;
        if (next(p))
            return -1;
    } else
        return expected(p, "the format version 'v1' or 'v2' after the graph's name");
    if (p->tok.kind == T_ANNOT) {
        if (!(p->tok.length == 9 && memcmp(p->tok.text, "quantized", 9) == 0))
            return expected(p, "'@quantized' or '{'");
        m[n].type = JSON_TRUE;
        m[n].line = p->tok.line;
        m[n].column = p->tok.column;
        set_key(&m[n++], "quantized", 9, p->tok.line, p->tok.column);
        if (next(p))
            return -1;
    }
    if (expect_punct(p, '{', "to open the graph"))
        return -1;
    while (!is_punct(p, '}')) {
        for (b = 0; b < B_COUNT && !is_word(p, block_names[b]); b++)
            ;
        if (b == B_COUNT)
            return expected(p, "a block (inputs, consts, nodes, outputs) or '}'");
        if (have[b])
            return fail_at(p, p->tok.line, p->tok.column,
                           "a second '%s' block (the first is at %lu:%lu)", block_names[b],
                           (unsigned long)blocks[b].keyLine,
                           (unsigned long)blocks[b].keyColumn);
        {
            uint32_t bl = p->tok.line, bc = p->tok.column;
            if (parse_block(p, b, &blocks[b]))
                return -1;
            set_key(&blocks[b], block_names[b], strlen(block_names[b]), bl, bc);
            have[b] = 1;
        }
    }
    if (next(p))
        return -1;
    if (p->tok.kind != T_EOF)
        return expected(p, "the end of the file after the graph's closing '}'");
    for (b = 0; b < B_COUNT; b++) {
        if (!have[b]) { /* an absent block is an empty one, placed at the header */
            memset(&blocks[b], 0, sizeof blocks[b]);
            blocks[b].type = b == B_NODES ? JSON_ARRAY : JSON_OBJECT;
            blocks[b].line = line;
            blocks[b].column = column;
            blocks[b].items = json_document_values(p->doc, 0);
            if (!blocks[b].items)
                return fail_at(p, line, column, "out of memory");
            set_key(&blocks[b], block_names[b], strlen(block_names[b]), line, column);
        }
        m[n++] = blocks[b];
    }
    memset(root, 0, sizeof *root);
    root->type = JSON_OBJECT;
    root->line = line;
    root->column = column;
    root->length = n;
    root->items = m;
    return 0;
}

json_document *gt_parse(const char *text, size_t length, const char *path, char *err,
                        size_t errSize)
{
    parser p;
    json_value root;
    int r;
    memset(&p, 0, sizeof p);
    p.src = text;
    p.len = length;
    p.line = p.column = 1;
    p.path = path;
    p.err = err;
    p.errSize = errSize;
    if (err && errSize)
        err[0] = '\0';
    if (length > GT_MAX_BYTES) {
        fail_at(&p, 1, 1, "the text is longer than %lu bytes", (unsigned long)GT_MAX_BYTES);
        return NULL;
    }
    if (!text && length) {
        fail_at(&p, 1, 1, "no text");
        return NULL;
    }
    if (!p.src)
        p.src = "";
    /* a UTF-8 byte order mark, as some editors write, is not part of the text */
    if (length >= 3 && memcmp(p.src, "\xEF\xBB\xBF", 3) == 0)
        p.pos = 3;
    p.doc = json_document_new();
    if (!p.doc) {
        fail_at(&p, 1, 1, "out of memory");
        return NULL;
    }
    r = parse_file(&p, &root);
    free(p.scratch);
    free(p.stack.v);
    free(p.members.v);
    free(p.nodes.v);
    free(p.inputs.v);
    free(p.options.v);
    if (r != 0 || p.failed) {
        json_free(p.doc);
        return NULL;
    }
    json_document_set_root(p.doc, &root);
    return p.doc;
}
