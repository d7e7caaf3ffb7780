/* fuzz/fuzz_json.c - the JSON reader and writer (tools/json.h).
 *
 * The bytes are parsed as a document with the default limits and with small ones. Whatever
 * the input, parsing must return a document or an error with a message and a position. A
 * document is then written back (compact and indented) and parsed again: the second tree
 * must equal the first (same types, member names, string bytes and number texts, in the
 * same order). Every number is also converted (double, int64, uint64) and every finite
 * double formatted by json_format_double must read back to itself.
 *
 * fuzz-max-len: 4096
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../tools/json.h"

/* An error must say what, and where unless the whole document is too long. */
static void check_error(const json_error *err, int tooLong)
{
    if (err->message[0] == '\0' || (!tooLong && (err->line == 0 || err->column == 0)))
        abort();
}

static int same_tree(const json_value *a, const json_value *b)
{
    size_t i;
    if (a->type != b->type || a->keyLength != b->keyLength || a->length != b->length)
        return 0;
    if ((a->key == NULL) != (b->key == NULL))
        return 0;
    if (a->key && memcmp(a->key, b->key, a->keyLength) != 0)
        return 0;
    if (a->type == JSON_STRING || a->type == JSON_NUMBER)
        return memcmp(a->text, b->text, a->length) == 0;
    if (a->type == JSON_ARRAY || a->type == JSON_OBJECT)
        for (i = 0; i < a->length; i++)
            if (!same_tree(&a->items[i], &b->items[i]))
                return 0;
    return 1;
}

/* Conversions must not fail in unexpected ways, and formatted doubles must read back. */
static void check_values(const json_value *v)
{
    size_t i;
    if (v->type == JSON_NUMBER || v->type == JSON_STRING) {
        double d;
        int64_t i64;
        uint64_t u64;
        if (json_to_double(v, &d) == JSON_CONV_OK && d - d == 0) {
            char buf[64];
            if (strtod(json_format_double(d, buf, sizeof buf), NULL) != d)
                abort();
        }
        /* a value in both int64 and uint64 range is the same integer in both */
        if (json_to_int64(v, &i64) == JSON_CONV_OK && i64 >= 0 &&
            (json_to_uint64(v, &u64) != JSON_CONV_OK || u64 != (uint64_t)i64))
            abort();
        if (json_conversion_string(json_to_uint64(v, &u64)) == NULL)
            abort();
    }
    if (v->type == JSON_OBJECT || v->type == JSON_ARRAY)
        for (i = 0; i < v->length; i++) {
            const json_value *m = &v->items[i];
            check_values(m);
            /* a member name without NUL finds its own member (names are unique) */
            if (v->type == JSON_OBJECT && strlen(m->key) == m->keyLength && json_get(v, m->key) != m)
                abort();
        }
}

/* Write doc with the given indent and parse the result: it must equal doc. */
static void round_trip(const json_value *root, int indent)
{
    char *text = NULL;
    size_t length = 0;
    FILE *f = open_memstream(&text, &length);
    json_writer w;
    json_document *again;
    json_error err;
    if (!f)
        return; /* out of memory: nothing to judge */
    json_writer_init(&w, f, indent);
    json_write_value(&w, root);
    if (json_writer_finish(&w) != 0)
        abort(); /* a parsed document must always be writable */
    fclose(f);
    again = json_parse(text, length, NULL, &err);
    if (!again) {
        fprintf(stderr, "re-parse failed: %s at %u:%u\n%s\n", err.message, err.line, err.column,
                text);
        abort();
    }
    if (!same_tree(root, json_root(again))) {
        fprintf(stderr, "re-parsed tree differs:\n%s\n", text);
        abort();
    }
    json_free(again);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const json_limits small = {64, 4, 16};
    json_error err;
    json_document *doc, *limited;

    limited = json_parse((const char *)data, size, &small, &err);
    if (!limited)
        check_error(&err, size > small.maxBytes);
    doc = json_parse((const char *)data, size, NULL, &err);
    if (!doc) {
        check_error(&err, 0);
        if (limited)
            abort(); /* accepted within small limits, refused within the defaults */
        return 0;
    }
    if (limited && !same_tree(json_root(limited), json_root(doc)))
        abort();
    json_free(limited);
    check_values(json_root(doc));
    round_trip(json_root(doc), 0);
    round_trip(json_root(doc), 2);
    json_free(doc);
    return 0;
}
