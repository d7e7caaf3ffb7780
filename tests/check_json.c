/* tests/check_json.c - the strict JSON reader and the writer (tools/json.h). */
#include "harness.h"
#include "../tools/json.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static json_document *parse(const char *text, json_error *err)
{
    return json_parse(text, strlen(text), NULL, err);
}

/* Parsing must fail with a message containing needle at line:column. */
static void expect_error(const char *text, const char *needle, uint32_t line, uint32_t column)
{
    json_error err;
    json_document *doc = parse(text, &err);
    ck_assert_msg(doc == NULL, "accepted: %s", text);
    ck_assert_msg(strstr(err.message, needle) != NULL, "\"%s\": message \"%s\" lacks \"%s\"",
                  text, err.message, needle);
    ck_assert_msg(err.line == line && err.column == column, "\"%s\": error at %u:%u, want %u:%u (%s)",
                  text, err.line, err.column, line, column, err.message);
}

START_TEST(valid_documents)
{
    static const char *valid[] = {
        "0", "-0", "1.5e-3", "1E+2", "\"\"", "true", "false", "null", "[]", "{}", " [ ] ",
        "[1,2,[3,{}],{\"a\":[]}]", "{\"a\":1,\"b\":{\"c\":null}}", "\t\r\n 12 \n",
        "\"\\u00e9\\ud83d\\ude00\\n\\/\"", "\xEF\xBB\xBF{}", "\"\xC3\xA9\xF0\x9F\x98\x80\"",
        "{\"\":0}", "[-1.0e-0]",
    };
    size_t i;
    for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        json_error err;
        json_document *doc = parse(valid[i], &err);
        ck_assert_msg(doc != NULL, "rejected %s: %s", valid[i], err.message);
        json_free(doc);
    }
}
END_TEST

START_TEST(tree_shape_and_positions)
{
    json_error err;
    json_document *doc = parse("{\n  \"name\": \"x\\ty\",\n  \"list\": [1, -2.5, true],\n  \"o\": {}\n}", &err);
    const json_value *root, *name, *list, *o;
    ck_assert_ptr_nonnull(doc);
    root = json_root(doc);
    ck_assert_int_eq(root->type, JSON_OBJECT);
    ck_assert_uint_eq(root->length, 3);
    name = json_get(root, "name");
    ck_assert_ptr_nonnull(name);
    ck_assert(json_is_string(name, "x\ty"));
    ck_assert_uint_eq(name->line, 2);
    ck_assert_uint_eq(name->column, 11);
    ck_assert_uint_eq(name->keyLine, 2);
    ck_assert_uint_eq(name->keyColumn, 3);
    list = json_get(root, "list");
    ck_assert_int_eq(list->type, JSON_ARRAY);
    ck_assert_uint_eq(list->length, 3);
    ck_assert_str_eq(list->items[1].text, "-2.5");
    ck_assert_int_eq(list->items[2].type, JSON_TRUE);
    ck_assert_uint_eq(list->items[2].line, 3);
    ck_assert_uint_eq(list->items[2].column, 21);
    o = json_get(root, "o");
    ck_assert_int_eq(o->type, JSON_OBJECT);
    ck_assert_uint_eq(o->length, 0);
    ck_assert_ptr_null(json_get(root, "missing"));
    ck_assert_ptr_null(json_get(list, "name"));
    json_free(doc);
}
END_TEST

START_TEST(strings_decode_escapes_and_keep_nul)
{
    json_error err;
    json_document *doc = parse("[\"a\\u0000b\", \"\\ud834\\udd1e\", \"\\\"\\\\\\b\\f\\r\"]", &err);
    const json_value *r;
    ck_assert_ptr_nonnull(doc);
    r = json_root(doc);
    ck_assert_uint_eq(r->items[0].length, 3);
    ck_assert(memcmp(r->items[0].text, "a\0b", 3) == 0);
    ck_assert_str_eq(r->items[1].text, "\xF0\x9D\x84\x9E"); /* U+1D11E */
    ck_assert_str_eq(r->items[2].text, "\"\\\b\f\r");
    json_free(doc);
}
END_TEST

START_TEST(invalid_documents_report_line_and_column)
{
    expect_error("", "end of input", 1, 1);
    expect_error("   ", "end of input", 1, 4);
    expect_error("[1,]", "unexpected ']'", 1, 4);
    expect_error("{\"a\":1,}", "member name", 1, 8);
    expect_error("{\"a\" 1}", "':'", 1, 6);
    expect_error("[1 2]", "expected ',' or ']'", 1, 4);
    expect_error("[1,\n  01]", "leading zeros", 2, 3);
    expect_error("[1.]", "after '.'", 1, 4);
    expect_error("1e", "exponent", 1, 3);
    expect_error("-", "digit expected", 1, 2);
    expect_error("+1", "unexpected '+'", 1, 1);
    expect_error(".5", "unexpected '.'", 1, 1);
    expect_error("tru", "expected true", 1, 1);
    expect_error("nul", "expected null", 1, 1);
    expect_error("NaN", "unexpected 'N'", 1, 1);
    expect_error("[Infinity]", "unexpected 'I'", 1, 2);
    expect_error("\"abc", "unterminated string", 1, 1);
    expect_error("\"a\tb\"", "control character", 1, 3);
    expect_error("\"a\\x\"", "invalid escape", 1, 3);
    expect_error("\"\\u12G4\"", "four hexadecimal", 1, 2);
    expect_error("\"\\udc00\"", "lone low surrogate", 1, 2);
    expect_error("\"\\ud800x\"", "high surrogate", 1, 2);
    expect_error("\"\xC3\"", "invalid UTF-8", 1, 2);
    expect_error("\"\xC0\xAF\"", "invalid UTF-8", 1, 2);       /* overlong */
    expect_error("\"\xED\xA0\x80\"", "invalid UTF-8", 1, 2);   /* surrogate */
    expect_error("\"\xF4\x90\x80\x80\"", "invalid UTF-8", 1, 2); /* > U+10FFFF */
    expect_error("{} x", "after the end of the document", 1, 4);
    expect_error("[]\n\n ]", "after the end", 3, 2);
    expect_error("{\"a\":1,\n \"b\":2,\n \"a\":3}", "duplicate member name \"a\"", 3, 2);
    expect_error("[1,/*c*/2]", "unexpected '/'", 1, 4);
    expect_error("{'a':1}", "member name", 1, 2);
    expect_error("[\x01]", "byte 0x01", 1, 2);
}
END_TEST

START_TEST(embedded_nul_byte_is_an_error)
{
    json_error err;
    json_document *doc = json_parse("[1,\0 2]", 7, NULL, &err);
    ck_assert_ptr_null(doc);
    ck_assert_uint_eq(err.column, 4);
}
END_TEST

START_TEST(deep_nesting_is_rejected)
{
    size_t n = 100000, i;
    char *text = (char *)malloc(2 * n + 1);
    json_error err;
    json_limits limits = JSON_LIMITS_DEFAULT;
    json_document *doc;
    for (i = 0; i < n; i++) {
        text[i] = '[';
        text[n + i] = ']';
    }
    text[2 * n] = '\0';
    doc = json_parse(text, 2 * n, NULL, &err);
    ck_assert_ptr_null(doc);
    ck_assert_msg(strstr(err.message, "nesting deeper than 128") != NULL, "%s", err.message);
    ck_assert_uint_eq(err.column, 129);
    /* exactly at the limit is fine */
    doc = json_parse(text + n - 128, 256, NULL, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    json_free(doc);
    limits.maxDepth = 3;
    doc = json_parse("[[[[]]]]", 8, &limits, &err);
    ck_assert_ptr_null(doc);
    free(text);
}
END_TEST

START_TEST(size_and_value_limits)
{
    json_limits limits = JSON_LIMITS_DEFAULT;
    json_error err;
    json_document *doc;
    limits.maxBytes = 4;
    doc = json_parse("[1,2]", 5, &limits, &err);
    ck_assert_ptr_null(doc);
    ck_assert_msg(strstr(err.message, "larger than the limit") != NULL, "%s", err.message);
    limits.maxBytes = 100;
    limits.maxValues = 3;
    doc = json_parse("[1,2]", 5, &limits, &err);
    ck_assert_ptr_nonnull(doc);
    json_free(doc);
    doc = json_parse("[1,2,3]", 7, &limits, &err);
    ck_assert_ptr_null(doc);
    ck_assert_msg(strstr(err.message, "more than 3 values") != NULL, "%s", err.message);
}
END_TEST

START_TEST(doubles_are_exact)
{
    json_error err;
    json_document *doc = parse("[0.1, -0, 5e-324, 1.7976931348623157e308, 1e400, -1e400,"
                               " \"NaN\", \"Infinity\", \"-Infinity\", \"nan\", true,"
                               " 2.2250738585072011e-308, 9007199254740993]", &err);
    const json_value *r;
    double d = 0;
    ck_assert_ptr_nonnull(doc);
    r = json_root(doc);
    ck_assert_int_eq(json_to_double(&r->items[0], &d), JSON_CONV_OK);
    ck_assert(d == 0.1);
    ck_assert_int_eq(json_to_double(&r->items[1], &d), JSON_CONV_OK);
    ck_assert(d == 0 && signbit(d));
    ck_assert_int_eq(json_to_double(&r->items[2], &d), JSON_CONV_OK);
    ck_assert(d == 0x1p-1074);
    ck_assert_int_eq(json_to_double(&r->items[3], &d), JSON_CONV_OK);
    ck_assert(d == DBL_MAX);
    ck_assert_int_eq(json_to_double(&r->items[4], &d), JSON_CONV_OK);
    ck_assert(isinf(d) && d > 0);
    ck_assert_int_eq(json_to_double(&r->items[5], &d), JSON_CONV_OK);
    ck_assert(isinf(d) && d < 0);
    ck_assert_int_eq(json_to_double(&r->items[6], &d), JSON_CONV_OK);
    ck_assert(isnan(d));
    ck_assert_int_eq(json_to_double(&r->items[7], &d), JSON_CONV_OK);
    ck_assert(isinf(d) && d > 0);
    ck_assert_int_eq(json_to_double(&r->items[8], &d), JSON_CONV_OK);
    ck_assert(isinf(d) && d < 0);
    ck_assert_int_eq(json_to_double(&r->items[9], &d), JSON_CONV_NOT_NUMBER);
    ck_assert_int_eq(json_to_double(&r->items[10], &d), JSON_CONV_NOT_NUMBER);
    ck_assert_int_eq(json_to_double(&r->items[11], &d), JSON_CONV_OK);
    ck_assert(d == 0x0.fffffffffffffp-1022); /* the famous slow-path subnormal boundary */
    ck_assert_int_eq(json_to_double(&r->items[12], &d), JSON_CONV_OK);
    ck_assert(d == 9007199254740992.0); /* ties to even */
    json_free(doc);
}
END_TEST

START_TEST(integers_are_exact_beyond_2_pow_53)
{
    json_error err;
    json_document *doc = parse("[9007199254740993, \"-9223372036854775808\", 9223372036854775807,"
                               " 9223372036854775808, \"18446744073709551615\", 18446744073709551616,"
                               " -0, 1.5e1, 300e-2, 1.5, 2e-1, \"12a\", \"007\", \"1e3\", 1e19, 1e20,"
                               " -1, 0.000e5, 123456789012345678900000000000e-10, \"-0\", 1e99999999999]",
                               &err);
    const json_value *r;
    int64_t i = 0;
    uint64_t u = 0;
    ck_assert_ptr_nonnull(doc);
    r = json_root(doc);
    ck_assert_int_eq(json_to_int64(&r->items[0], &i), JSON_CONV_OK);
    ck_assert(i == 9007199254740993LL);
    ck_assert_int_eq(json_to_int64(&r->items[1], &i), JSON_CONV_OK);
    ck_assert(i == INT64_MIN);
    ck_assert_int_eq(json_to_int64(&r->items[2], &i), JSON_CONV_OK);
    ck_assert(i == INT64_MAX);
    ck_assert_int_eq(json_to_int64(&r->items[3], &i), JSON_CONV_RANGE);
    ck_assert_int_eq(json_to_uint64(&r->items[3], &u), JSON_CONV_OK);
    ck_assert(u == 9223372036854775808ULL);
    ck_assert_int_eq(json_to_uint64(&r->items[4], &u), JSON_CONV_OK);
    ck_assert(u == UINT64_MAX);
    ck_assert_int_eq(json_to_uint64(&r->items[5], &u), JSON_CONV_RANGE);
    ck_assert_int_eq(json_to_int64(&r->items[6], &i), JSON_CONV_OK);
    ck_assert(i == 0);
    ck_assert_int_eq(json_to_int64(&r->items[7], &i), JSON_CONV_OK);
    ck_assert(i == 15);
    ck_assert_int_eq(json_to_int64(&r->items[8], &i), JSON_CONV_OK);
    ck_assert(i == 3);
    ck_assert_int_eq(json_to_int64(&r->items[9], &i), JSON_CONV_NOT_INTEGER);
    ck_assert_int_eq(json_to_int64(&r->items[10], &i), JSON_CONV_NOT_INTEGER);
    ck_assert_int_eq(json_to_int64(&r->items[11], &i), JSON_CONV_NOT_NUMBER);
    ck_assert_int_eq(json_to_int64(&r->items[12], &i), JSON_CONV_NOT_NUMBER);
    ck_assert_int_eq(json_to_int64(&r->items[13], &i), JSON_CONV_NOT_NUMBER);
    ck_assert_int_eq(json_to_uint64(&r->items[14], &u), JSON_CONV_OK);
    ck_assert(u == 10000000000000000000ULL);
    ck_assert_int_eq(json_to_uint64(&r->items[15], &u), JSON_CONV_RANGE);
    ck_assert_int_eq(json_to_uint64(&r->items[16], &u), JSON_CONV_RANGE);
    ck_assert_int_eq(json_to_int64(&r->items[16], &i), JSON_CONV_OK);
    ck_assert(i == -1);
    ck_assert_int_eq(json_to_int64(&r->items[17], &i), JSON_CONV_OK);
    ck_assert(i == 0);
    ck_assert_int_eq(json_to_uint64(&r->items[18], &u), JSON_CONV_OK);
    ck_assert(u == 12345678901234567890ULL);
    ck_assert_int_eq(json_to_uint64(&r->items[19], &u), JSON_CONV_OK);
    ck_assert(u == 0);
    ck_assert_int_eq(json_to_int64(&r->items[20], &i), JSON_CONV_RANGE);
    json_free(doc);
}
END_TEST

START_TEST(format_double_is_shortest_and_round_trips)
{
    static const double values[] = {0.1, 1.0 / 3, 100, 1e21, 5e-324, DBL_MAX, -2.5, 1e-7,
                                    89.32998657226562, (double)3.14159274f, 0x1p-149, 123456789};
    char buf[40];
    size_t i;
    ck_assert_str_eq(json_format_double(0.1, buf, sizeof buf), "0.1");
    ck_assert_str_eq(json_format_double(-0.0, buf, sizeof buf), "-0");
    ck_assert_str_eq(json_format_double(0.0, buf, sizeof buf), "0");
    ck_assert_str_eq(json_format_double(100, buf, sizeof buf), "100");
    ck_assert_str_eq(json_format_double(1e16, buf, sizeof buf), "10000000000000000");
    ck_assert_str_eq(json_format_double(1e17, buf, sizeof buf), "1e+17");
    ck_assert_str_eq(json_format_double(1e-7, buf, sizeof buf), "1e-7");
    ck_assert_str_eq(json_format_double(-1.5e300, buf, sizeof buf), "-1.5e+300");
    ck_assert_str_eq(json_format_double(123456789, buf, sizeof buf), "123456789");
    ck_assert_str_eq(json_format_double((double)NAN, buf, sizeof buf), "NaN");
    ck_assert_str_eq(json_format_double(-(double)INFINITY, buf, sizeof buf), "-Infinity");
    ck_assert_str_eq(json_format_double((double)3.14159274f, buf, sizeof buf), "3.1415927410125732");
    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        json_document *doc;
        json_error err;
        double back = 0;
        json_format_double(values[i], buf, sizeof buf);
        doc = parse(buf, &err); /* every output is a valid JSON number */
        ck_assert_msg(doc != NULL, "%s: %s", buf, err.message);
        ck_assert_int_eq(json_to_double(json_root(doc), &back), JSON_CONV_OK);
        ck_assert_msg(back == values[i], "%s", buf);
        json_free(doc);
    }
}
END_TEST

/* Write with the writer into a temporary file and return its text (malloc'd). */
static char *slurp(FILE *f)
{
    long n;
    char *s;
    fflush(f);
    n = ftell(f);
    ck_assert_int_ge(n, 0);
    s = (char *)malloc((size_t)n + 1);
    rewind(f);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    return s;
}

START_TEST(writer_round_trips_a_document)
{
    static const char *text =
        "{\"a\":[1,-0,2.5e-7,\"NaN\"],\"b\":{\"c\":\"q\\\"\\u0001\\n\",\"d\":[]},\"e\":true,"
        "\"f\":null,\"g\":[[1],{}],\"h\":12345678901234567890123}";
    json_error err;
    json_document *doc = parse(text, &err), *again;
    json_writer w;
    FILE *f = tmpfile();
    char *out;
    ck_assert_ptr_nonnull(doc);
    ck_assert_ptr_nonnull(f);
    json_writer_init(&w, f, 0);
    json_write_value(&w, json_root(doc));
    ck_assert_int_eq(json_writer_finish(&w), 0);
    out = slurp(f);
    ck_assert_str_eq(out, "{\"a\":[1,-0,2.5e-7,\"NaN\"],\"b\":{\"c\":\"q\\\"\\u0001\\n\",\"d\":[]},"
                          "\"e\":true,\"f\":null,\"g\":[[1],{}],\"h\":12345678901234567890123}");
    free(out);
    /* indented output parses back */
    rewind(f);
    json_writer_init(&w, f, 2);
    json_write_value(&w, json_root(doc));
    ck_assert_int_eq(json_writer_finish(&w), 0);
    out = slurp(f);
    again = json_parse(out, strlen(out), NULL, &err);
    ck_assert_msg(again != NULL, "%s\n%s", err.message, out);
    ck_assert(strstr(out, "\"a\": [1, -0, 2.5e-7, \"NaN\"]") != NULL);
    json_free(again);
    free(out);
    fclose(f);
    json_free(doc);
}
END_TEST

START_TEST(writer_values_and_misuse)
{
    json_writer w;
    FILE *f = tmpfile();
    char *out;
    json_writer_init(&w, f, 0);
    json_write_array_begin(&w);
    json_write_double(&w, 0.1);
    json_write_double(&w, -(double)INFINITY);
    json_write_int64(&w, INT64_MIN);
    json_write_uint64(&w, UINT64_MAX);
    json_write_string_n(&w, "\xFF", 1);
    json_write_array_end(&w);
    ck_assert_int_eq(json_writer_finish(&w), 0);
    out = slurp(f);
    ck_assert_str_eq(out, "[0.1,\"-Infinity\",-9223372036854775808,18446744073709551615,\"\\ufffd\"]");
    free(out);
    fclose(f);
    f = tmpfile();
    json_writer_init(&w, f, 0);
    json_write_object_begin(&w);
    json_write_double(&w, 1); /* a value without a key */
    json_write_object_end(&w);
    ck_assert_int_eq(json_writer_finish(&w), -1);
    fclose(f);
    f = tmpfile();
    json_writer_init(&w, f, 0);
    json_write_array_begin(&w);
    ck_assert_int_eq(json_writer_finish(&w), -1); /* unclosed */
    fclose(f);
}
END_TEST

/* Feed truncations and single-byte corruptions of valid documents: every one must parse or
 * fail cleanly (the sanitizers watch for anything else). */
START_TEST(fuzz_truncated_and_garbled_inputs)
{
    static const char seed0[] =
        "{\"tests\":[{\"name\":\"a\\u00e9\\ud83d\\ude00\",\"graph\":{\"inputs\":{\"x\":{\"data\":"
        "[1.5e-3,-0,\"NaN\",1e400],\"descriptor\":{\"shape\":[2,2],\"dataType\":\"float32\"}}}}}]}";
    const char *seeds[3];
    static const char *more[] = {
        "[[[[[[[[[[{}]]]]]]]]], true, false, null, \"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
        "\xEF\xBB\xBF {\"\xC3\xA9\": [0, -1, 2E+5, 3e-5, 9223372036854775808]}",
    };
    static const unsigned char garbage[] = {0, '"', '\\', '[', ']', '{', '}', ',', ':', '-', '0',
                                            '.', 'e', 'u', 0x80, 0xC3, 0xED, 0xFF, ' ', '\n'};
    size_t s, cut, pos, g;
    seeds[0] = seed0;
    seeds[1] = more[0];
    seeds[2] = more[1];
    for (s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        size_t n = strlen(seeds[s]);
        char *buf = (char *)malloc(n + 1);
        json_error err;
        json_document *doc = json_parse(seeds[s], n, NULL, &err);
        ck_assert_msg(doc != NULL, "seed %lu: %s", (unsigned long)s, err.message);
        json_free(doc);
        for (cut = 0; cut < n; cut++) {
            /* a truncated copy in its own allocation, so reading past it is caught */
            char *t = (char *)malloc(cut ? cut : 1);
            memcpy(t, seeds[s], cut);
            doc = json_parse(t, cut, NULL, &err);
            if (doc == NULL)
                ck_assert(err.message[0] != '\0' && err.line >= 1);
            json_free(doc);
            free(t);
        }
        for (pos = 0; pos < n; pos++)
            for (g = 0; g < sizeof garbage; g++) {
                memcpy(buf, seeds[s], n);
                buf[pos] = (char)garbage[g];
                doc = json_parse(buf, n, NULL, &err);
                if (doc == NULL)
                    ck_assert(err.message[0] != '\0');
                json_free(doc);
            }
        free(buf);
    }
}
END_TEST

START_TEST(parse_file_errors)
{
    json_error err;
    json_document *doc = json_parse_file("/nonexistent/file.json", NULL, &err);
    ck_assert_ptr_null(doc);
    ck_assert_msg(strstr(err.message, "cannot open") != NULL, "%s", err.message);
    ck_assert_uint_eq(err.line, 0);
    doc = json_parse_file("conformance/wpt/add.json", NULL, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    ck_assert_ptr_nonnull(json_get(json_root(doc), "tests"));
    json_free(doc);
}
END_TEST

static Suite *json_suite(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("json");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, valid_documents);
    tcase_add_test(tc, tree_shape_and_positions);
    tcase_add_test(tc, strings_decode_escapes_and_keep_nul);
    tcase_add_test(tc, invalid_documents_report_line_and_column);
    tcase_add_test(tc, embedded_nul_byte_is_an_error);
    tcase_add_test(tc, deep_nesting_is_rejected);
    tcase_add_test(tc, size_and_value_limits);
    tcase_add_test(tc, doubles_are_exact);
    tcase_add_test(tc, integers_are_exact_beyond_2_pow_53);
    tcase_add_test(tc, format_double_is_shortest_and_round_trips);
    tcase_add_test(tc, writer_round_trips_a_document);
    tcase_add_test(tc, writer_values_and_misuse);
    tcase_add_test(tc, fuzz_truncated_and_garbled_inputs);
    tcase_add_test(tc, parse_file_errors);
    suite_add_tcase(s, tc);
    return s;
}

TH_MAIN(json_suite)
