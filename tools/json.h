/* tools/json.h - a strict RFC 8259 JSON reader and a JSON writer, with no dependency.
 *
 * Reading. json_parse() turns a whole document into a tree of json_value nodes owned by a
 * json_document (one arena; json_free() releases everything). It accepts exactly RFC 8259:
 * any value at the top level, the four whitespace characters, UTF-8 text (validated: no
 * overlong forms, no surrogates, nothing above U+10FFFF), escapes including surrogate pairs
 * (a lone surrogate escape is an error). Choices where the RFC leaves room:
 *   - a UTF-8 byte order mark at the very start is skipped;
 *   - a member name repeated in one object is an error (names are compared byte for byte);
 *   - numbers are not converted while parsing: each keeps its source text, so that a double
 *     is obtained with strtod (the C locale's, which the programs never change) and int64 or
 *     uint64 values exactly, without passing through a double; "-0" stays negative zero;
 *   - the strings "NaN", "Infinity" and "-Infinity" are accepted where a number is read
 *     (json_to_double), as JSON has no such numbers;
 *   - limits (json_limits) bound the input size, the nesting depth and the number of values,
 *     so that no input can exhaust memory or the stack; the parser does not recurse.
 * Errors carry a message and the 1-based line and column (the column counts bytes) of the
 * offending character.
 *
 * Writing. json_writer streams a document to a FILE, inserting commas, colons and (when
 * indent > 0) newlines and indentation. Doubles are written in the shortest "%.17g"-style
 * form that reads back to the same double; -0 is written "-0"; NaN and infinities, which
 * JSON cannot express, are written as the strings "NaN", "Infinity", "-Infinity".
 */
#ifndef TOOLS_JSON_H
#define TOOLS_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum json_type {
    JSON_NULL = 0,
    JSON_FALSE,
    JSON_TRUE,
    JSON_NUMBER,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT
} json_type;

typedef struct json_value json_value;

struct json_value {
    json_type type;
    uint32_t line, column;       /* where the value starts (1-based; columns count bytes) */
    uint32_t keyLine, keyColumn; /* object member: where its name starts; else 0 */
    const char *key;             /* object member: its name (NUL-terminated); else NULL */
    size_t keyLength;            /* bytes of key (a name may contain "\u0000") */
    const char *text;            /* string: decoded UTF-8, NUL-terminated; number: its source
                                    text, NUL-terminated; else NULL */
    size_t length;               /* string or number: bytes of text; array: items; object:
                                    members */
    const json_value *items;     /* array items or object members, in document order */
};

typedef struct json_limits {
    size_t maxBytes;  /* longest accepted document */
    size_t maxDepth;  /* deepest nesting of arrays and objects (the top level is depth 1) */
    size_t maxValues; /* most values (of any type) in one document */
} json_limits;
/* Defaults: 256 MiB, depth 128, 16 Mi values (a tree of at most about 1 GiB). */
#define JSON_LIMITS_DEFAULT {(size_t)256 << 20, 128, (size_t)16 << 20}

typedef struct json_error {
    char message[256];
    uint32_t line, column; /* 0 when the error has no position (e.g. a file cannot be read) */
} json_error;

typedef struct json_document json_document;

/* Parse length bytes of text. Returns NULL on error (err filled when not NULL). limits may
 * be NULL (defaults). */
json_document *json_parse(const char *text, size_t length, const json_limits *limits,
                          json_error *err);
/* Read and parse a file ("-" is standard input). */
json_document *json_parse_file(const char *path, const json_limits *limits, json_error *err);
const json_value *json_root(const json_document *doc);
void json_free(json_document *doc);

/* Building a tree (for readers of other formats that produce the same tree, with their
 * own source positions): an empty document, whose arena then holds zero-filled values and
 * copies of texts; the caller fills the members of json_value. Each returns NULL when out of
 * memory. json_document_set_root copies *root into the document. */
json_document *json_document_new(void);
json_value *json_document_values(json_document *doc, size_t count);
/* length bytes of text and a terminating NUL. */
char *json_document_text(json_document *doc, const char *text, size_t length);
void json_document_set_root(json_document *doc, const json_value *root);

/* "null", "false", ..., "object". */
const char *json_type_name(json_type type);
/* The member named key of an object, or NULL (also when v is not an object). */
const json_value *json_get(const json_value *v, const char *key);
/* For qsort on an array of pointers to object members: by name (bytes, shorter first), then
 * by place in the object, so that a repeated name follows its first occurrence. */
int json_compare_members(const void *a, const void *b);
/* A string value equal to s (byte for byte, no embedded NUL). */
int json_is_string(const json_value *v, const char *s);

/* Number conversions. Each returns JSON_CONV_OK and stores *out, or a failure code and
 * leaves *out unchanged. */
typedef enum json_conversion {
    JSON_CONV_OK = 0,
    JSON_CONV_NOT_NUMBER,  /* neither a number nor a string the conversion accepts */
    JSON_CONV_NOT_INTEGER, /* a number with a non-zero fractional part */
    JSON_CONV_RANGE        /* an integer outside the requested type */
} json_conversion;

/* A number (via strtod: correctly rounded; a magnitude beyond the double range gives an
 * infinity, as in JavaScript), or one of the strings "NaN", "Infinity", "-Infinity". */
json_conversion json_to_double(const json_value *v, double *out);
/* An integer, exactly: a JSON number whose decimal value is an integer ("12", "-0",
 * "1.5e1", "3e2"), or a string holding a plain decimal integer ("-9223372036854775808"). */
json_conversion json_to_int64(const json_value *v, int64_t *out);
json_conversion json_to_uint64(const json_value *v, uint64_t *out);
/* A short English description of a conversion failure. */
const char *json_conversion_string(json_conversion c);

/* Shortest decimal text that reads back (strtod) to exactly d, into buf (at least 32
 * bytes): "0.1", "-0", "1e+300", "NaN", "Infinity", "-Infinity" (the last three without
 * quotes). Returns buf. */
char *json_format_double(double d, char *buf, size_t size);

/* Writer. */
#define JSON_WRITER_MAX_DEPTH 128

typedef struct json_writer {
    FILE *out;
    int indent;                                 /* spaces per level; 0: compact */
    int depth;
    unsigned char level[JSON_WRITER_MAX_DEPTH]; /* per open container: JSON_W_* bits */
    int afterKey;
    int failed; /* misuse (depth, key outside an object) or a write error */
} json_writer;

void json_writer_init(json_writer *w, FILE *out, int indent);
void json_write_object_begin(json_writer *w);
void json_write_object_end(json_writer *w);
void json_write_array_begin(json_writer *w);
/* An array printed on one line even when indenting (for tensor data). */
void json_write_array_begin_inline(json_writer *w);
void json_write_array_end(json_writer *w);
void json_write_key(json_writer *w, const char *key);
void json_write_key_n(json_writer *w, const char *key, size_t length);
void json_write_string(json_writer *w, const char *s);
void json_write_string_n(json_writer *w, const char *s, size_t length);
void json_write_double(json_writer *w, double d);
void json_write_int64(json_writer *w, int64_t v);
void json_write_uint64(json_writer *w, uint64_t v);
void json_write_bool(json_writer *w, int v);
void json_write_null(json_writer *w);
/* A number from its text, written unchanged (the text must be a valid JSON number). */
void json_write_number_text(json_writer *w, const char *text, size_t length);
/* A parsed value, deeply (number texts unchanged). */
void json_write_value(json_writer *w, const json_value *v);
/* Ends the document with a newline (when indenting) and flushes. Returns 0, or -1 when
 * anything failed. */
int json_writer_finish(json_writer *w);

#endif
