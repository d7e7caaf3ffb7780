/* tests/check_tensorio.c - tensor and weight files (tools/tensorio.h): .npy, safetensors,
 * manifest + blob; round trips for every data type and tables of malformed inputs. */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "../tools/tensorio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LIMIT ((size_t)1 << 20)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* A fresh temporary folder, and a path in it. */
static void temp_dir(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/webnn-check-tio-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(buf));
}

static void temp_path(char *buf, size_t size, const char *dir, const char *file)
{
    snprintf(buf, size, "%s/%s", dir, file);
}

static void expect_error(int r, const char *err, const char *needle, const char *what)
{
    ck_assert_msg(r == -1, "%s: accepted", what);
    ck_assert_msg(strstr(err, needle) != NULL, "%s: message \"%s\" lacks \"%s\"", what, err, needle);
}

/* A .npy file in buf: magic, version major.0, header length, header text as given, then
 * dataBytes bytes of data (copied from data, or 0x11 each when data is NULL). */
static size_t make_npy(unsigned char *buf, size_t cap, int major, const char *header,
                       const void *data, size_t dataBytes)
{
    size_t h = strlen(header), n = major == 1 ? 10 : 12;
    ck_assert_uint_le(n + h + dataBytes, cap);
    memcpy(buf, "\x93NUMPY", 6);
    buf[6] = (unsigned char)major;
    buf[7] = 0;
    buf[8] = (unsigned char)(h & 0xFF);
    buf[9] = (unsigned char)(h >> 8 & 0xFF);
    if (major != 1) {
        buf[10] = (unsigned char)(h >> 16 & 0xFF);
        buf[11] = (unsigned char)(h >> 24 & 0xFF);
    }
    memcpy(buf + n, header, h);
    if (data != NULL)
        memcpy(buf + n + h, data, dataBytes);
    else
        memset(buf + n + h, 0x11, dataBytes);
    return n + h + dataBytes;
}

/* A safetensors file in buf: the header JSON as given, then dataBytes bytes (0x22 each). */
static size_t make_st(unsigned char *buf, size_t cap, const char *header, size_t dataBytes)
{
    size_t h = strlen(header), i;
    ck_assert_uint_le(8 + h + dataBytes, cap);
    for (i = 0; i < 8; i++)
        buf[i] = (unsigned char)((uint64_t)h >> (8 * i) & 0xFF);
    memcpy(buf + 8, header, h);
    memset(buf + 8 + h, 0x22, dataBytes);
    return 8 + h + dataBytes;
}

/* A blob: "WGWT", version 1, then length - 8 bytes i & 0xFF. */
static void make_blob(unsigned char *buf, size_t length)
{
    size_t i;
    for (i = 0; i < length; i++)
        buf[i] = (unsigned char)(i & 0xFF);
    memcpy(buf, "WGWT\1\0\0\0", length < 8 ? length : 8);
}

/* One tensor of each data type, shape [2, 3], with telling values. */
static void sample_tensor(WNNOperandDataType type, tio_tensor *t)
{
    static const uint16_t f16[6] = {0x0001, 0x7C00, 0xFC00, 0x7E01, 0x8000, 0x7BFF}; /* subnormal,
                                                                     inf, -inf, NaN, -0, max */
    static const float f32[6] = {1.5f, -2.0f, 3.4028235e38f, 1e-45f, -0.0f, 0.1f};
    static const int32_t i32[6] = {INT32_MIN, INT32_MAX, -1, 0, 1, 123456};
    static const uint32_t u32[6] = {0, 1, UINT32_MAX, 65536, 7, 2147483648u};
    static const int64_t i64[6] = {INT64_MIN, INT64_MAX, -1, 0, 9007199254740993, -9007199254740993};
    static const uint64_t u64[6] = {0, UINT64_MAX, 18446744073709551614u, 9007199254740993u, 1, 2};
    static const int8_t i8[6] = {-128, 127, -1, 0, 1, 42};
    static const uint8_t u8[6] = {0, 255, 1, 128, 127, 42};
    static const int8_t i4[6] = {-8, 7, -1, 0, 1, 3};
    static const uint8_t u4[6] = {0, 15, 1, 8, 7, 3};
    const void *src = NULL;
    size_t size = wnnOperandDataTypeByteSize(type);
    switch (type) {
    case WNNOperandDataType_Float16: src = f16; break;
    case WNNOperandDataType_Float32: src = f32; break;
    case WNNOperandDataType_Int32: src = i32; break;
    case WNNOperandDataType_Uint32: src = u32; break;
    case WNNOperandDataType_Int64: src = i64; break;
    case WNNOperandDataType_Uint64: src = u64; break;
    case WNNOperandDataType_Int8: src = i8; break;
    case WNNOperandDataType_Uint8: src = u8; break;
    case WNNOperandDataType_Int4: src = i4; break;
    case WNNOperandDataType_Uint4: src = u4; break;
    case WNNOperandDataType_Force32: break;
    }
    ck_assert_ptr_nonnull(src);
    memset(t, 0, sizeof *t);
    t->dataType = type;
    t->rank = 2;
    t->shape[0] = 2;
    t->shape[1] = 3;
    t->count = 6;
    t->data = malloc(6 * size);
    ck_assert_ptr_nonnull(t->data);
    memcpy(t->data, src, 6 * size);
}

static void assert_same_tensor(const tio_tensor *a, const tio_tensor *b)
{
    ck_assert_int_eq(a->dataType, b->dataType);
    ck_assert_uint_eq(a->rank, b->rank);
    ck_assert_uint_eq(a->count, b->count);
    ck_assert(memcmp(a->shape, b->shape, a->rank * sizeof a->shape[0]) == 0);
    if (a->count > 0)
        ck_assert(memcmp(a->data, b->data, a->count * wnnOperandDataTypeByteSize(a->dataType)) == 0);
}

static const WNNOperandDataType all_types[] = {
    WNNOperandDataType_Float32, WNNOperandDataType_Float16, WNNOperandDataType_Int32,
    WNNOperandDataType_Uint32,  WNNOperandDataType_Int64,   WNNOperandDataType_Uint64,
    WNNOperandDataType_Int8,    WNNOperandDataType_Uint8,   WNNOperandDataType_Int4,
    WNNOperandDataType_Uint4,
};
#define TYPE_COUNT (sizeof all_types / sizeof all_types[0])

/* ------------------------------------------------------------------------------------------ */
/* .npy                                                                                       */
/* ------------------------------------------------------------------------------------------ */

START_TEST(npy_round_trip_every_type)
{
    char dir[64], path[128], err[512];
    size_t i;
    temp_dir(dir, sizeof dir);
    temp_path(path, sizeof path, dir, "t.npy");
    for (i = 0; i < TYPE_COUNT; i++) {
        tio_tensor t, back;
        sample_tensor(all_types[i], &t);
        ck_assert_msg(tio_npy_write(path, &t, err, sizeof err) == 0, "%s", err);
        ck_assert_msg(tio_npy_read(path, LIMIT, &back, err, sizeof err) == 0, "%s", err);
        /* int4/uint4 are written as int8/uint8: narrowing brings them back */
        ck_assert_msg(tio_tensor_narrow(&back, t.dataType, err, sizeof err) == 0, "%s", err);
        assert_same_tensor(&t, &back);
        tio_tensor_free(&t);
        tio_tensor_free(&back);
    }
    remove(path);
    rmdir(dir);
}
END_TEST

START_TEST(npy_round_trip_shapes)
{
    static const struct {
        size_t rank;
        uint32_t shape[4];
        const char *text;
    } cases[] = {
        {0, {0}, "'shape': ()"}, {1, {3}, "'shape': (3,)"}, {1, {0}, "'shape': (0,)"},
        {2, {0, 3}, "'shape': (0, 3)"}, {3, {3, 0, 2}, "'shape': (3, 0, 2)"}, {4, {1, 2, 1, 2}, "(1, 2, 1, 2)"},
    };
    char dir[64], path[128], err[512], text[256];
    size_t i;
    temp_dir(dir, sizeof dir);
    temp_path(path, sizeof path, dir, "s.npy");
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tio_tensor t, back;
        float values[4] = {1, 2, 3, 4};
        FILE *f;
        size_t n;
        memset(&t, 0, sizeof t);
        t.dataType = WNNOperandDataType_Float32;
        t.rank = cases[i].rank;
        memcpy(t.shape, cases[i].shape, sizeof cases[i].shape);
        t.count = 1;
        for (n = 0; n < t.rank; n++)
            t.count *= t.shape[n];
        t.data = values;
        ck_assert_msg(tio_npy_write(path, &t, err, sizeof err) == 0, "%s", err);
        f = fopen(path, "rb");
        ck_assert_ptr_nonnull(f);
        n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[n] = '\0';
        ck_assert_msg(strstr(text + 10, cases[i].text) != NULL, "header %s lacks %s", text + 10, cases[i].text);
        ck_assert_uint_eq((10 + (size_t)(unsigned char)text[8]) % 64, 0); /* data aligned */
        ck_assert_msg(tio_npy_read(path, LIMIT, &back, err, sizeof err) == 0, "%s", err);
        assert_same_tensor(&t, &back);
        tio_tensor_free(&back);
    }
    remove(path);
    rmdir(dir);
}
END_TEST

/* Headers numpy and others write, with the values they must give. */
START_TEST(npy_accepted_headers)
{
    static const unsigned char be_i32[8] = {0x00, 0x00, 0x01, 0x02, 0xFF, 0xFF, 0xFF, 0xFE};
    static const unsigned char be_f16[4] = {0x7C, 0x00, 0x00, 0x01};
    static const struct {
        int major;
        const char *header;
        const void *data;
        size_t bytes;
        WNNOperandDataType type;
        size_t rank;
        uint32_t d0;
    } cases[] = {
        {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }          \n", NULL, 8,
         WNNOperandDataType_Float32, 1, 2},
        {1, "{'shape': (2, 1,), 'descr': '|u1', 'fortran_order': False}\n", NULL, 2, WNNOperandDataType_Uint8, 2, 2},
        {1, "{\"descr\": \"i1\", \"fortran_order\": False, \"shape\": ()}\n", NULL, 1, WNNOperandDataType_Int8, 0, 0},
        {2, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }\n", NULL, 8, WNNOperandDataType_Int64, 1, 1},
        {3, "{'descr': '=u8', 'fortran_order': False, 'shape': (1,), }\n", NULL, 8, WNNOperandDataType_Uint64, 1, 1},
        {1, "{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }\n", be_i32, 8, WNNOperandDataType_Int32, 1, 2},
        {1, "{'descr': '>f2', 'fortran_order': False, 'shape': (2,), }\n", be_f16, 4, WNNOperandDataType_Float16, 1, 2},
        {1, "{'descr': '<u4', 'fortran_order': False, 'shape': (3L,), }\n", NULL, 12, WNNOperandDataType_Uint32, 1, 3},
        {1, "{'descr':'<f2','fortran_order':False,'shape':(1,)}\n", NULL, 2, WNNOperandDataType_Float16, 1, 1},
    };
    unsigned char buf[512];
    char err[512];
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tio_tensor t;
        size_t n = make_npy(buf, sizeof buf, cases[i].major, cases[i].header, cases[i].data, cases[i].bytes);
        ck_assert_msg(tio_npy_read_memory(buf, n, "a.npy", LIMIT, &t, err, sizeof err) == 0, "case %lu: %s",
                      (unsigned long)i, err);
        ck_assert_int_eq(t.dataType, cases[i].type);
        ck_assert_uint_eq(t.rank, cases[i].rank);
        if (t.rank > 0)
            ck_assert_uint_eq(t.shape[0], cases[i].d0);
        if (cases[i].data == be_i32) {
            ck_assert_int_eq(((int32_t *)t.data)[0], 258);
            ck_assert_int_eq(((int32_t *)t.data)[1], -2);
        }
        if (cases[i].data == be_f16) {
            ck_assert_uint_eq(((uint16_t *)t.data)[0], 0x7C00);
            ck_assert_uint_eq(((uint16_t *)t.data)[1], 0x0001);
        }
        tio_tensor_free(&t);
    }
}
END_TEST

START_TEST(npy_fortran_order_is_transposed)
{
    /* shape (2, 3) in Fortran order: columns first */
    static const int32_t fortran[6] = {1, 4, 2, 5, 3, 6};
    static const int32_t c[6] = {1, 2, 3, 4, 5, 6};
    static const int32_t fortran3[8] = {0, 4, 2, 6, 1, 5, 3, 7}; /* (2, 2, 2) */
    unsigned char buf[256];
    char err[256];
    tio_tensor t;
    size_t n = make_npy(buf, sizeof buf, 1, "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }\n",
                        fortran, sizeof fortran);
    ck_assert_msg(tio_npy_read_memory(buf, n, "f.npy", LIMIT, &t, err, sizeof err) == 0, "%s", err);
    ck_assert(memcmp(t.data, c, sizeof c) == 0);
    tio_tensor_free(&t);
    n = make_npy(buf, sizeof buf, 1, "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 2, 2), }\n",
                 fortran3, sizeof fortran3);
    ck_assert_msg(tio_npy_read_memory(buf, n, "f.npy", LIMIT, &t, err, sizeof err) == 0, "%s", err);
    for (n = 0; n < 8; n++)
        ck_assert_int_eq(((int32_t *)t.data)[n], (int32_t)n);
    tio_tensor_free(&t);
}
END_TEST

static const struct npy_bad {
    int major; /* 0: raw bytes below instead of a made file */
    const char *header;
    size_t bytes;
    const char *needle;
} npy_bad[] = {
    {1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n", 8, "byte 20: header: unsupported dtype '<f8'"},
    {1, "{'descr': '|b1', 'fortran_order': False, 'shape': (1,), }\n", 1, "unsupported dtype '|b1'"},
    {1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }\n", 8, "unsupported dtype '|O'"},
    {1, "{'descr': '<i2', 'fortran_order': False, 'shape': (1,), }\n", 2, "unsupported dtype '<i2'"},
    {1, "{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }\n", 4, "byte order '|' is for one-byte types"},
    {1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }\n", 4, "structured dtypes"},
    {1, "{'descr': 4, 'fortran_order': False, 'shape': (1,), }\n", 4, "expected a dtype string for 'descr', got \"4, 'fortran_orde...\""},
    {1, "['descr', '<f4']\n", 0, "byte 10: header: expected '{', got \"['descr', '<f4']...\""},
    {1, "{'descr' '<f4', 'fortran_order': False, 'shape': (1,), }\n", 4, "byte 19: header: expected ':'"},
    {1, "{'descr': '<f4' 'fortran_order': False, 'shape': (1,), }\n", 4, "expected ',' or '}'"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}\n", 4, "unknown key 'x'"},
    {1, "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", 4, "key 'descr' repeated"},
    {1, "{'descr': '<f4', 'fortran_order': False, }\n", 4, "missing key 'shape'"},
    {1, "{'descr': '<f4', 'fortran_order': false, 'shape': (1,), }\n", 4, "expected True or False"},
    {1, "{'descr': '<f4', 'fortran_order': Falsey, 'shape': (1,), }\n", 4, "expected True or False"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3), }\n", 12, "needs a trailing comma, as in (3,)"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2 3), }\n", 24, "expected ',' or ')' in 'shape'"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': [3], }\n", 12, "expected a tuple '('"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }\n", 4, "negative dimension"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (,), }\n", 4, "expected a dimension"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296,), }\n", 4, "dimension 4294967296 exceeds 2147483647"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }\n", 4, "shape [65536, 65536] has more than 2147483647 elements"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1), }\n", 4, "more than 16 dimensions"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n", 20, "the data ends after 20 of the 24 bytes shape [2, 3] needs"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n", 28, "4 bytes after the data (shape [2, 3] needs exactly 24)"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 24, "expected spaces and a final newline"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n\n", 24, "expected spaces and a final newline"},
    {1, "{'descr': '<f\xC3\xA9', 'fortran_order': False, 'shape': (1,), }\n", 4, "plain ASCII string"},
    {1, "{'descr': '<f4\\x', 'fortran_order': False, 'shape': (1,), }\n", 4, "escapes are not read"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), ", 4, "expected"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (300, 1000), }\n", 0, "the data has 1200000 bytes (shape [300, 1000]), over the limit of 1048576"},
    {4, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", 4, "byte 6: unsupported format version 4.0"},
};

START_TEST(npy_malformed_inputs)
{
    static unsigned char buf[4096];
    char err[512];
    size_t i;
    for (i = 0; i < sizeof npy_bad / sizeof npy_bad[0]; i++) {
        tio_tensor t;
        size_t n = make_npy(buf, sizeof buf, npy_bad[i].major, npy_bad[i].header, NULL, npy_bad[i].bytes);
        char what[32];
        int r = tio_npy_read_memory(buf, n, "a.npy", LIMIT, &t, err, sizeof err);
        snprintf(what, sizeof what, "npy case %lu", (unsigned long)i);
        expect_error(r, err, npy_bad[i].needle, what);
        ck_assert_ptr_null(t.data);
        ck_assert_msg(strncmp(err, "a.npy: ", 7) == 0, "%s: message \"%s\" does not name the file", what, err);
    }
}
END_TEST

START_TEST(npy_malformed_prefix)
{
    static const struct {
        const char *bytes;
        size_t length;
        const char *needle;
    } cases[] = {
        {"", 0, "byte 0: not a .npy file: expected the magic '\\x93NUMPY', got an empty file"},
        {"\x93NUMPX\1\0", 8, "byte 0: not a .npy file"},
        {"PK\3\4abcdefgh", 12, "got \"PK\\x03\\x04ab\""},
        {"\x93NUMPY\1\1\0\0", 10, "unsupported format version 1.1"},
        {"\x93NUMPY\1\0\x40\0{}", 12, "byte 8: header length 64 goes past the end of the file (12 bytes)"},
        {"\x93NUMPY\2\0\0\0\x40\0", 12, "byte 8: header length 4194304 exceeds the limit of 1048576 bytes"},
        {"\x93NUMPY\1", 7, "ends inside the version"},
        {"\x93NUMPY\2\0\0\0", 10, "ends inside the header length"},
    };
    char err[512];
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tio_tensor t;
        int r = tio_npy_read_memory(cases[i].bytes, cases[i].length, "p.npy", LIMIT, &t, err, sizeof err);
        expect_error(r, err, cases[i].needle, cases[i].needle);
    }
}
END_TEST

START_TEST(npy_every_truncation_fails)
{
    unsigned char buf[256];
    char err[512];
    size_t n = make_npy(buf, sizeof buf, 1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }     \n",
                        NULL, 24), k;
    tio_tensor t;
    for (k = 0; k < n; k++) {
        err[0] = '\0';
        ck_assert_msg(tio_npy_read_memory(buf, k, "t.npy", LIMIT, &t, err, sizeof err) == -1,
                      "prefix of %lu bytes accepted", (unsigned long)k);
        ck_assert_msg(strncmp(err, "t.npy: ", 7) == 0, "prefix %lu: \"%s\"", (unsigned long)k, err);
    }
    ck_assert_msg(tio_npy_read_memory(buf, n, "t.npy", LIMIT, &t, err, sizeof err) == 0, "%s", err);
    tio_tensor_free(&t);
    /* the limit: exactly the data size passes, one byte less fails */
    ck_assert_int_eq(tio_npy_read_memory(buf, n, "t.npy", 24, &t, err, sizeof err), 0);
    tio_tensor_free(&t);
    expect_error(tio_npy_read_memory(buf, n, "t.npy", 23, &t, err, sizeof err), err,
                 "24 bytes (shape [2, 3]), over the limit of 23", "limit");
}
END_TEST

START_TEST(npy_file_errors)
{
    char err[512];
    tio_tensor t;
    expect_error(tio_npy_read("/nonexistent/x.npy", LIMIT, &t, err, sizeof err), err,
                 "/nonexistent/x.npy: cannot open", "missing file");
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* Narrowing                                                                                  */
/* ------------------------------------------------------------------------------------------ */

START_TEST(narrow_checks_ranges)
{
    static const struct {
        WNNOperandDataType from, to;
        int8_t values[4];
        const char *needle; /* NULL: accepted */
    } cases[] = {
        {WNNOperandDataType_Int8, WNNOperandDataType_Int4, {-8, 7, 0, -1}, NULL},
        {WNNOperandDataType_Int8, WNNOperandDataType_Int4, {-8, 7, 8, 0}, "element 2 has value 8, outside int4's range [-8, 7]"},
        {WNNOperandDataType_Int8, WNNOperandDataType_Int4, {-9, 0, 0, 0}, "element 0 has value -9"},
        {WNNOperandDataType_Uint8, WNNOperandDataType_Uint4, {0, 15, 3, 4}, NULL},
        {WNNOperandDataType_Uint8, WNNOperandDataType_Uint4, {0, 15, 3, 16}, "element 3 has value 16, outside uint4's range [0, 15]"},
        {WNNOperandDataType_Uint8, WNNOperandDataType_Uint4, {0, -1, 0, 0}, "element 1 has value 255"},
        {WNNOperandDataType_Int8, WNNOperandDataType_Int8, {100, 0, 0, 0}, NULL},
        {WNNOperandDataType_Int8, WNNOperandDataType_Uint4, {0, 0, 0, 0}, "has data type int8, expected uint4"},
        {WNNOperandDataType_Uint8, WNNOperandDataType_Int4, {0, 0, 0, 0}, "has data type uint8, expected int4"},
        {WNNOperandDataType_Uint8, WNNOperandDataType_Int8, {0, 0, 0, 0}, "has data type uint8, expected int8"},
    };
    char err[256];
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int8_t data[4];
        tio_tensor t;
        memset(&t, 0, sizeof t);
        memcpy(data, cases[i].values, sizeof data);
        t.dataType = cases[i].from;
        t.rank = 1;
        t.shape[0] = 4;
        t.count = 4;
        t.data = data;
        if (cases[i].needle == NULL) {
            ck_assert_msg(tio_tensor_narrow(&t, cases[i].to, err, sizeof err) == 0, "case %lu: %s", (unsigned long)i, err);
            ck_assert_int_eq(t.dataType, cases[i].to);
        } else {
            expect_error(tio_tensor_narrow(&t, cases[i].to, err, sizeof err), err, cases[i].needle, cases[i].needle);
            ck_assert_int_eq(t.dataType, cases[i].from);
        }
    }
    {
        float f[1] = {1};
        tio_tensor t;
        memset(&t, 0, sizeof t);
        t.dataType = WNNOperandDataType_Float32;
        t.count = 1;
        t.data = f;
        expect_error(tio_tensor_narrow(&t, WNNOperandDataType_Int4, err, sizeof err), err,
                     "has data type float32, expected int4", "float32");
    }
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* safetensors                                                                                */
/* ------------------------------------------------------------------------------------------ */

START_TEST(safetensors_round_trip_every_type)
{
    char dir[64], path[128], err[512];
    const char *keys[TYPE_COUNT + 2] = {"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "empty", "scalar"};
    tio_tensor tensors[TYPE_COUNT + 2];
    tio_weights *w;
    uint16_t scalar = 0x3C00;
    size_t i;
    temp_dir(dir, sizeof dir);
    temp_path(path, sizeof path, dir, "w.safetensors");
    for (i = 0; i < TYPE_COUNT; i++)
        sample_tensor(all_types[i], &tensors[i]);
    memset(&tensors[TYPE_COUNT], 0, 2 * sizeof tensors[0]);
    tensors[TYPE_COUNT].dataType = WNNOperandDataType_Int64; /* shape [4, 0] */
    tensors[TYPE_COUNT].rank = 2;
    tensors[TYPE_COUNT].shape[0] = 4;
    tensors[TYPE_COUNT + 1].dataType = WNNOperandDataType_Float16; /* shape [] */
    tensors[TYPE_COUNT + 1].count = 1;
    tensors[TYPE_COUNT + 1].data = &scalar;
    ck_assert_msg(tio_safetensors_write(path, TYPE_COUNT + 2, keys, tensors, err, sizeof err) == 0, "%s", err);
    ck_assert_msg(tio_weights_open(path, LIMIT, &w, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(tio_weights_count(w), TYPE_COUNT + 2);
    for (i = 0; i < TYPE_COUNT + 2; i++) {
        tio_tensor back;
        ck_assert_str_eq(tio_weights_key(w, i), keys[i]);
        ck_assert_msg(tio_weights_load(w, keys[i], tensors[i].dataType, tensors[i].shape, tensors[i].rank, &back,
                                       err, sizeof err) == 0, "%s: %s", keys[i], err);
        assert_same_tensor(&tensors[i], &back);
        tio_tensor_free(&back);
    }
    ck_assert_ptr_null(tio_weights_key(w, TYPE_COUNT + 2));
    tio_weights_close(w);
    for (i = 0; i < TYPE_COUNT; i++)
        tio_tensor_free(&tensors[i]);
    remove(path);
    rmdir(dir);
}
END_TEST

START_TEST(safetensors_load_checks_declarations)
{
    static const char header[] =
        "{\"__metadata__\":{\"format\":\"pt\"},"
        "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
        "\"q\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[16,18]},"
        "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[18,24]}}";
    static const uint32_t s22[2] = {2, 2}, s4[1] = {4}, s2[1] = {2}, s3[1] = {3};
    unsigned char buf[512];
    char err[512];
    size_t n = make_st(buf, sizeof buf, header, 24);
    tio_weights *w;
    tio_tensor t;
    int type;
    uint32_t shape[TIO_MAX_RANK];
    size_t rank;
    buf[8 + sizeof header - 1 + 16] = 3;  /* q = [3, -3] */
    buf[8 + sizeof header - 1 + 17] = 0xFD;
    ck_assert_msg(tio_weights_open_memory("safetensors", buf, n, NULL, 0, "m.safetensors", LIMIT, &w, err,
                                          sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(tio_weights_count(w), 3);
    expect_error(tio_weights_load(w, "w", WNNOperandDataType_Float32, s4, 1, &t, err, sizeof err), err,
                 "m.safetensors: tensor 'w' has shape [2, 2], expected [4]", "shape");
    expect_error(tio_weights_load(w, "w", WNNOperandDataType_Float16, s22, 2, &t, err, sizeof err), err,
                 "tensor 'w' has data type float32, expected float16", "type");
    expect_error(tio_weights_load(w, "b", WNNOperandDataType_Float16, s3, 1, &t, err, sizeof err), err,
                 "tensor 'b': unsupported dtype BF16", "bf16");
    expect_error(tio_weights_load(w, "nope", WNNOperandDataType_Float32, s4, 1, &t, err, sizeof err), err,
                 "no tensor 'nope'; the store has 'w', 'q', 'b'", "missing");
    ck_assert_int_eq(tio_weights_describe(w, "b", &type, shape, &rank), 0);
    ck_assert_int_eq(type, -1);
    ck_assert_uint_eq(rank, 1);
    ck_assert_uint_eq(shape[0], 3);
    ck_assert_int_eq(tio_weights_describe(w, "nope", &type, shape, &rank), -1);
    ck_assert_msg(tio_weights_load(w, "w", WNNOperandDataType_Float32, s22, 2, &t, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(((uint32_t *)t.data)[0], 0x22222222u);
    tio_tensor_free(&t);
    ck_assert_msg(tio_weights_load(w, "q", WNNOperandDataType_Int4, s2, 1, &t, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(t.dataType, WNNOperandDataType_Int4);
    ck_assert_int_eq(((int8_t *)t.data)[1], -3);
    tio_tensor_free(&t);
    expect_error(tio_weights_load(w, "q", WNNOperandDataType_Uint4, s2, 1, &t, err, sizeof err), err,
                 "has data type int8, expected uint4", "int8 as uint4");
    tio_weights_close(w);
}
END_TEST

START_TEST(safetensors_missing_key_lists_ten)
{
    char header[2048], err[1024];
    static unsigned char buf[4096];
    size_t used, i, n;
    tio_weights *w;
    tio_tensor t;
    used = (size_t)snprintf(header, sizeof header, "{");
    for (i = 0; i < 12; i++)
        used += (size_t)snprintf(header + used, sizeof header - used, "%s\"k%lu\":{\"dtype\":\"U8\",\"shape\":[1],"
                                 "\"data_offsets\":[%lu,%lu]}", i > 0 ? "," : "", (unsigned long)i,
                                 (unsigned long)i, (unsigned long)i + 1);
    snprintf(header + used, sizeof header - used, "}");
    n = make_st(buf, sizeof buf, header, 12);
    ck_assert_msg(tio_weights_open_memory("safetensors", buf, n, NULL, 0, "k.safetensors", LIMIT, &w, err,
                                          sizeof err) == 0, "%s", err);
    expect_error(tio_weights_load(w, "x", WNNOperandDataType_Uint8, NULL, 0, &t, err, sizeof err), err,
                 "'k8', 'k9' (and 2 more)", "list");
    ck_assert(strstr(err, "'k10'") == NULL);
    tio_weights_close(w);
}
END_TEST

#define E(dtype, shape, offsets) "{\"dtype\":\"" dtype "\",\"shape\":" shape ",\"data_offsets\":" offsets "}"

static const struct st_bad {
    const char *header;
    size_t bytes;
    const char *needle;
} st_bad[] = {
    {"[]", 0, "byte 8: header: expected a JSON object '{', got \"[]\""},
    {"", 0, "expected a JSON object '{', got the end of the header"},
    {"{\"a\":" E("F32", "[1]", "[0,4]") ",}", 4, "m.safetensors: byte 62: header: unexpected '}'"},
    {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "tensor 'a': missing member \"data_offsets\""},
    {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4, "tensor 'a': unknown member \"x\""},
    {"{\"a\":3}", 0, "tensor 'a': expected an object"},
    {"{\"a\":" E("XYZ", "[1]", "[0,4]") "}", 4, "byte 22: header: tensor 'a': unknown dtype \"XYZ\""},
    {"{\"a\":{\"dtype\":7,\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "\"dtype\" must be a string"},
    {"{\"a\":" E("F32", "[-1]", "[0,4]") "}", 4, "dimension -1 is negative"},
    {"{\"a\":" E("F32", "[1.5]", "[0,4]") "}", 4, "\"shape\" must be an array of non-negative integers"},
    {"{\"a\":" E("F32", "[\"1\"]", "[0,4]") "}", 4, "\"shape\" must be an array of non-negative integers"},
    {"{\"a\":" E("F32", "[2147483648]", "[0,4]") "}", 4, "dimension 2147483648 is above 2147483647"},
    {"{\"a\":" E("F32", "[65536,65536]", "[0,4]") "}", 4, "\"shape\" has more than 2147483647 elements"},
    {"{\"a\":" E("F32", "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]", "[0,4]") "}", 4, "has 17 dimensions, more than 16"},
    {"{\"a\":" E("F32", "[1]", "[0,8]") "}", 4, "data_offsets [0, 8] go past the end of the data buffer of 4 bytes"},
    {"{\"a\":" E("F32", "[1]", "[4,0]") "}", 4, "are reversed"},
    {"{\"a\":" E("F32", "[1]", "[0]") "}", 4, "\"data_offsets\" must be [begin, end]"},
    {"{\"a\":" E("F32", "[1]", "[0,-4]") "}", 4, "\"data_offsets\" must be [begin, end]"},
    {"{\"a\":" E("F32", "[2]", "[0,4]") "}", 4, "data_offsets [0, 4] hold 4 bytes, but shape [2] of F32 needs 8"},
    {"{\"a\":" E("F4", "[3]", "[0,1]") "}", 4, "shape [3] of F4 is not a whole number of bytes"},
    {"{\"a\":" E("F32", "[2]", "[0,8]") ",\"b\":" E("F32", "[1]", "[4,8]") "}", 8, "tensors 'a' (bytes 0 to 8) and 'b' (bytes 4 to 8) overlap"},
    {"{\"a\":" E("F32", "[1]", "[4,8]") "}", 8, "bytes 0 to 4 of the data belong to no tensor"},
    {"{\"a\":" E("F32", "[1]", "[0,4]") "}", 6, "bytes 4 to 6 of the data belong to no tensor"},
    {"{\"__metadata__\":{\"a\":1}}", 0, "\"__metadata__\" values must be strings"},
    {"{\"__metadata__\":[]}", 0, "\"__metadata__\" must be an object of strings"},
    {"{\"a\":" E("F32", "[300,1000]", "[0,1200000]") "}", 1200000, "tensor 'a' has 1200000 bytes, over the limit of 1048576"},
    {"{\"a\\u0000b\":" E("F32", "[1]", "[0,4]") "}", 4, "a tensor name contains a NUL character"},
    {"{\"a\":" E("F32", "[1]", "[0,4]") ",\"a\":" E("F32", "[1]", "[0,4]") "}", 4, "byte 62: header: duplicate member name \"a\""},
};

START_TEST(safetensors_malformed_inputs)
{
    static unsigned char buf[1300000];
    char err[512];
    size_t i;
    for (i = 0; i < sizeof st_bad / sizeof st_bad[0]; i++) {
        tio_weights *w = NULL;
        size_t n = make_st(buf, sizeof buf, st_bad[i].header, st_bad[i].bytes);
        char what[32];
        int r = tio_weights_open_memory("safetensors", buf, n, NULL, 0, "m.safetensors", LIMIT, &w, err, sizeof err);
        snprintf(what, sizeof what, "safetensors case %lu", (unsigned long)i);
        expect_error(r, err, st_bad[i].needle, what);
        ck_assert_ptr_null(w);
        ck_assert_msg(strncmp(err, "m.safetensors: ", 15) == 0, "%s: \"%s\"", what, err);
    }
}
END_TEST

START_TEST(safetensors_header_length)
{
    static const struct {
        const char *bytes;
        size_t length;
        const char *needle;
    } cases[] = {
        {"\2\0\0", 3, "byte 3: the file ends inside the 8-byte header length"},
        {"\x40\0\0\0\0\0\0\0{}", 10, "byte 0: header length 64 goes past the end of the file (10 bytes)"},
        {"\0\0\0\0\x10\0\0\0{}", 10, "byte 0: header length 68719476736 exceeds the limit of 104857600 bytes"},
        {"\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF{}", 10, "header length 18446744073709551615 exceeds the limit"},
    };
    char err[512];
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tio_weights *w;
        int r = tio_weights_open_memory("safetensors", cases[i].bytes, cases[i].length, NULL, 0, "h.safetensors",
                                        LIMIT, &w, err, sizeof err);
        expect_error(r, err, cases[i].needle, cases[i].needle);
    }
}
END_TEST

START_TEST(safetensors_every_truncation_fails)
{
    unsigned char buf[512];
    char err[512];
    size_t n = make_st(buf, sizeof buf, "{\"a\":" E("F32", "[2]", "[0,8]") ",\"b\":" E("U8", "[]", "[8,9]") "}", 9), k;
    tio_weights *w;
    for (k = 0; k < n; k++) {
        err[0] = '\0';
        ck_assert_msg(tio_weights_open_memory("safetensors", buf, k, NULL, 0, "t.safetensors", LIMIT, &w, err,
                                              sizeof err) == -1, "prefix of %lu bytes accepted", (unsigned long)k);
        ck_assert_msg(strncmp(err, "t.safetensors: ", 15) == 0, "prefix %lu: \"%s\"", (unsigned long)k, err);
    }
    ck_assert_msg(tio_weights_open_memory("safetensors", buf, n, NULL, 0, "t.safetensors", LIMIT, &w, err,
                                          sizeof err) == 0, "%s", err);
    tio_weights_close(w);
}
END_TEST

START_TEST(safetensors_writer_rejects_bad_names)
{
    char dir[64], path[128], err[512];
    uint8_t v = 1;
    tio_tensor t[2];
    const char *dup[2] = {"a", "a"}, *meta[1] = {"__metadata__"}, *bad[1] = {"\xFF"};
    memset(t, 0, sizeof t);
    t[0].dataType = t[1].dataType = WNNOperandDataType_Uint8;
    t[0].count = t[1].count = 1;
    t[0].data = t[1].data = &v;
    temp_dir(dir, sizeof dir);
    temp_path(path, sizeof path, dir, "b.safetensors");
    expect_error(tio_safetensors_write(path, 2, dup, t, err, sizeof err), err, "do not make a valid header", "dup");
    expect_error(tio_safetensors_write(path, 1, meta, t, err, sizeof err), err, "invalid name", "meta");
    expect_error(tio_safetensors_write(path, 1, bad, t, err, sizeof err), err, "do not make a valid header", "utf8");
    rmdir(dir);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* Manifest + blob                                                                            */
/* ------------------------------------------------------------------------------------------ */

#define M(tensors) "{\"format\":\"wg-weights-manifest\",\"version\":1,\"endianness\":\"little\",\"tensors\":{" tensors "}}"
#define T(type, shape, offset, length) "{\"dataType\":\"" type "\",\"shape\":" shape ",\"byteOffset\":" offset ",\"byteLength\":" length "}"

START_TEST(manifest_reads_tensors)
{
    static const char manifest[] =
        M("\"W\":{\"dataType\":\"float32\",\"shape\":[2],\"byteOffset\":8,\"byteLength\":8,\"layout\":\"row-major\"},"
          "\"q\":" T("int4", "[2]", "16", "2") ",\"z\":" T("uint64", "[0,5]", "8", "0"));
    static const uint32_t s2[1] = {2}, s05[2] = {0, 5};
    unsigned char blob[32];
    char err[512];
    tio_weights *w;
    tio_tensor t;
    make_blob(blob, sizeof blob);
    blob[16] = 0xF8; /* -8 */
    blob[17] = 7;
    ck_assert_msg(tio_weights_open_memory("manifest", manifest, strlen(manifest), blob, sizeof blob, "g.manifest.json",
                                          LIMIT, &w, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(tio_weights_count(w), 3);
    ck_assert_str_eq(tio_weights_key(w, 1), "q");
    ck_assert_msg(tio_weights_load(w, "W", WNNOperandDataType_Float32, s2, 1, &t, err, sizeof err) == 0, "%s", err);
    ck_assert(memcmp(t.data, blob + 8, 8) == 0);
    tio_tensor_free(&t);
    ck_assert_msg(tio_weights_load(w, "q", WNNOperandDataType_Int4, s2, 1, &t, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(((int8_t *)t.data)[0], -8);
    tio_tensor_free(&t);
    ck_assert_msg(tio_weights_load(w, "z", WNNOperandDataType_Uint64, s05, 2, &t, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(t.count, 0);
    tio_tensor_free(&t);
    expect_error(tio_weights_load(w, "q", WNNOperandDataType_Int8, s2, 1, &t, err, sizeof err), err,
                 "g.manifest.json: tensor 'q' has data type int4, expected int8", "int4 as int8");
    tio_weights_close(w);
    /* a stored int4 byte out of range is an error at load */
    blob[17] = 8;
    ck_assert_int_eq(tio_weights_open_memory("manifest", manifest, strlen(manifest), blob, sizeof blob,
                                             "g.manifest.json", LIMIT, &w, err, sizeof err), 0);
    expect_error(tio_weights_load(w, "q", WNNOperandDataType_Int4, s2, 1, &t, err, sizeof err), err,
                 "tensor 'q': element 1 has value 8, outside int4's range", "int4 range");
    tio_weights_close(w);
}
END_TEST

static const struct mf_bad {
    const char *manifest;
    size_t blobLength;
    const char *needle;
} mf_bad[] = {
    {"{\"format\":\"wg-weights-manifest\",\"version\":1,\"endianness\":\"little\"}", 16, "line 1 column 1: missing member \"tensors\""},
    {"{\"format\":\"wg-weights-manifest\",\"version\":1,\"endianness\":\"little\",\"tensors\":{},\"foo\":1}", 16,
     "line 1 column 86: unknown member \"foo\" (expected format, version, endianness, tensors)"},
    {"{\"format\":\"other\",\"version\":1,\"endianness\":\"little\",\"tensors\":{}}", 16, "\"format\" must be \"wg-weights-manifest\""},
    {"{\"format\":\"wg-weights-manifest\",\"version\":2,\"endianness\":\"little\",\"tensors\":{}}", 16, "unsupported \"version\""},
    {"{\"format\":\"wg-weights-manifest\",\"version\":1,\"endianness\":\"big\",\"tensors\":{}}", 16, "unsupported \"endianness\""},
    {"{\"format\":\"wg-weights-manifest\",\"version\":1,\"endianness\":\"little\",\"tensors\":[]}", 16, "\"tensors\" must be an object"},
    {"[1]", 16, "expected an object"},
    {"{\"format\":", 16, "g.manifest.json: line 1 column 11: "},
    {M("\"a\":{\"dataType\":\"float32\",\"shape\":[1],\"byteOffset\":8}"), 16, "tensor 'a': missing member \"byteLength\""},
    {M("\"a\":{\"dataType\":\"float32\",\"shape\":[1],\"byteOffset\":8,\"byteLength\":4,\"strides\":[1]}"), 16,
     "tensor 'a': unknown member \"strides\" (expected dataType, shape, byteOffset, byteLength, layout)"},
    {M("\"a\":{\"dataType\":\"float32\",\"shape\":[1],\"byteOffset\":8,\"byteLength\":4,\"layout\":\"col-major\"}"), 16,
     "\"layout\" must be \"row-major\""},
    {M("\"a\":" T("float64", "[1]", "8", "8")), 16, "tensor 'a': unknown dataType \"float64\""},
    {M("\"a\":" T("float32", "[-1]", "8", "4")), 16, "dimension -1 is negative"},
    {M("\"a\":" T("float32", "[65536,65536]", "8", "4")), 16, "more than 2147483647 elements"},
    {M("\"a\":" T("float32", "[2]", "8", "4")), 16, "byteLength 4, but shape [2] of float32 needs 8"},
    {M("\"a\":" T("float32", "[1]", "4", "4")), 16, "byteOffset 4 lies in the blob's 8-byte header"},
    {M("\"a\":" T("float32", "[2]", "12", "8")), 16, "bytes 12 to 20 go past the end of the blob (16 bytes)"},
    {M("\"a\":" T("float32", "[1]", "18446744073709551615", "4")), 16, "go past the end of the blob"},
    {M("\"a\":" T("float32", "[1]", "-8", "4")), 16, "\"byteOffset\" must be a non-negative integer"},
    {M("\"a\":" T("float32", "[2]", "8", "8") ",\"b\":" T("int32", "[1]", "12", "4")), 16,
     "tensors 'a' (bytes 8 to 16) and 'b' (bytes 12 to 16) overlap"},
    {M("\"a\":" T("uint8", "[100]", "8", "100")), 200, "tensor 'a' has 100 bytes, over the limit of 64"},
    {M(""), 7, "g.weights: byte 7: the blob ends inside its 8-byte header"},
};

START_TEST(manifest_malformed_inputs)
{
    unsigned char blob[256];
    char err[512];
    size_t i;
    make_blob(blob, sizeof blob);
    for (i = 0; i < sizeof mf_bad / sizeof mf_bad[0]; i++) {
        tio_weights *w = NULL;
        char what[32];
        int r = tio_weights_open_memory("manifest", mf_bad[i].manifest, strlen(mf_bad[i].manifest), blob,
                                        mf_bad[i].blobLength, "g.manifest.json", 64, &w, err, sizeof err);
        snprintf(what, sizeof what, "manifest case %lu", (unsigned long)i);
        expect_error(r, err, mf_bad[i].needle, what);
        ck_assert_ptr_null(w);
    }
}
END_TEST

START_TEST(manifest_blob_header)
{
    static const char manifest[] = M("");
    static const struct {
        const char *blob;
        const char *needle;
    } cases[] = {
        {"WGWX\1\0\0\0", "g.weights: byte 0: expected the blob magic 'WGWT', got \"WGWX\""},
        {"WGWT\2\0\0\0", "g.weights: byte 4: unsupported blob version 2"},
        {"WGWT\0\0\0\1", "unsupported blob version 16777216"},
    };
    char err[512];
    size_t i;
    tio_weights *w;
    tio_tensor t;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_error(tio_weights_open_memory("manifest", manifest, strlen(manifest), cases[i].blob, 8,
                                             "g.manifest.json", LIMIT, &w, err, sizeof err), err,
                     cases[i].needle, cases[i].needle);
    ck_assert_msg(tio_weights_open_memory("manifest", manifest, strlen(manifest), "WGWT\1\0\0\0", 8,
                                          "g.manifest.json", LIMIT, &w, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(tio_weights_count(w), 0);
    expect_error(tio_weights_load(w, "x", WNNOperandDataType_Float32, NULL, 0, &t, err, sizeof err), err, "no tensor 'x' (the store is empty)", "empty");
    tio_weights_close(w);
    expect_error(tio_weights_open_memory("other", manifest, strlen(manifest), NULL, 0, "x", LIMIT, &w, err,
                                         sizeof err), err, "unknown weights kind 'other'", "kind");
}
END_TEST

START_TEST(manifest_every_truncation_fails)
{
    static const char manifest[] = M("\"a\":" T("float32", "[2]", "8", "8") ",\"b\":" T("int8", "[3]", "24", "3"));
    unsigned char blob[27];
    char err[512];
    size_t k;
    tio_weights *w;
    make_blob(blob, sizeof blob);
    for (k = 0; k < strlen(manifest); k++)
        ck_assert_msg(tio_weights_open_memory("manifest", manifest, k, blob, sizeof blob, "t.manifest.json", LIMIT,
                                              &w, err, sizeof err) == -1, "manifest prefix %lu accepted", (unsigned long)k);
    for (k = 0; k < sizeof blob; k++)
        ck_assert_msg(tio_weights_open_memory("manifest", manifest, strlen(manifest), blob, k, "t.manifest.json",
                                              LIMIT, &w, err, sizeof err) == -1, "blob prefix %lu accepted", (unsigned long)k);
    ck_assert_msg(tio_weights_open_memory("manifest", manifest, strlen(manifest), blob, sizeof blob,
                                          "t.manifest.json", LIMIT, &w, err, sizeof err) == 0, "%s", err);
    tio_weights_close(w);
}
END_TEST

START_TEST(manifest_files_round_trip)
{
    char dir[64], mpath[128], bpath[128], other[128], err[512];
    const char *keys[TYPE_COUNT] = {"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"};
    tio_tensor tensors[TYPE_COUNT];
    size_t i, pass;
    temp_dir(dir, sizeof dir);
    temp_path(mpath, sizeof mpath, dir, "g.manifest.json");
    temp_path(bpath, sizeof bpath, dir, "g.weights");
    temp_path(other, sizeof other, dir, "g.bin");
    for (i = 0; i < TYPE_COUNT; i++)
        sample_tensor(all_types[i], &tensors[i]);
    ck_assert_msg(tio_manifest_write(mpath, bpath, TYPE_COUNT, keys, tensors, err, sizeof err) == 0, "%s", err);
    for (pass = 0; pass < 2; pass++) { /* opened by the manifest's name, then by the blob's */
        tio_weights *w;
        ck_assert_msg(tio_weights_open(pass == 0 ? mpath : bpath, LIMIT, &w, err, sizeof err) == 0, "%s", err);
        ck_assert_uint_eq(tio_weights_count(w), TYPE_COUNT);
        for (i = 0; i < TYPE_COUNT; i++) {
            tio_tensor back;
            ck_assert_msg(tio_weights_load(w, keys[i], tensors[i].dataType, tensors[i].shape, 2, &back, err,
                                           sizeof err) == 0, "%s", err);
            assert_same_tensor(&tensors[i], &back);
            tio_tensor_free(&back);
        }
        tio_weights_close(w);
    }
    {
        tio_weights *w;
        expect_error(tio_weights_open_limited(mpath, LIMIT, 20, &w, err, sizeof err), err, "over the limit of 20",
                     "total limit");
        expect_error(tio_weights_open(other, LIMIT, &w, err, sizeof err), err, "unknown kind of weights file",
                     "suffix");
        remove(bpath);
        expect_error(tio_weights_open(mpath, LIMIT, &w, err, sizeof err), err, "g.weights: cannot open", "no blob");
    }
    for (i = 0; i < TYPE_COUNT; i++)
        tio_tensor_free(&tensors[i]);
    remove(mpath);
    rmdir(dir);
}
END_TEST

/* Every byte of small valid files replaced by a few telling values: each reader must answer
 * (accept or reject with a message), never crash; ASan runs this too. */
static void load_everything(tio_weights *w)
{
    size_t i;
    for (i = 0; i < tio_weights_count(w); i++) {
        const char *key = tio_weights_key(w, i);
        uint32_t shape[TIO_MAX_RANK];
        size_t rank;
        int type;
        tio_tensor t;
        char err[512];
        ck_assert_int_eq(tio_weights_describe(w, key, &type, shape, &rank), 0);
        if (tio_weights_load(w, key, type < 0 ? WNNOperandDataType_Float32 : (WNNOperandDataType)type, shape, rank,
                             &t, err, sizeof err) == 0)
            tio_tensor_free(&t);
        else
            ck_assert(err[0] != '\0');
    }
}

START_TEST(corrupted_bytes_never_crash)
{
    static const unsigned char values[] = {0x00, 0xFF, '9', ',', '"', '}', '-', 0x80};
    static const char manifest[] = M("\"a\":" T("float16", "[2]", "8", "4") ",\"b\":" T("int4", "[1,2]", "12", "2"));
    unsigned char npy[256], st[256], mf[sizeof manifest], blob[14];
    size_t nn = make_npy(npy, sizeof npy, 1, "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 2), }\n", NULL, 16);
    size_t ns = make_st(st, sizeof st, "{\"a\":" E("F16", "[2]", "[0,4]") ",\"b\":" E("BF16", "[1]", "[4,6]") "}", 6);
    size_t k, v;
    char err[512];
    for (k = 0; k < nn + ns + sizeof manifest - 1 + sizeof blob; k++)
        for (v = 0; v < sizeof values; v++) {
            unsigned char *p, saved;
            tio_tensor t;
            tio_weights *w;
            int r;
            make_blob(blob, sizeof blob);
            memcpy(mf, manifest, sizeof manifest);
            p = k < nn ? npy + k : k < nn + ns ? st + (k - nn) : k < nn + ns + sizeof manifest - 1
                ? mf + (k - nn - ns) : blob + (k - nn - ns - (sizeof manifest - 1));
            saved = *p;
            *p = values[v];
            err[0] = '\0';
            if (k < nn) {
                r = tio_npy_read_memory(npy, nn, "c.npy", LIMIT, &t, err, sizeof err);
                if (r == 0)
                    tio_tensor_free(&t);
            } else if (k < nn + ns) {
                r = tio_weights_open_memory("safetensors", st, ns, NULL, 0, "c.safetensors", LIMIT, &w, err, sizeof err);
                if (r == 0) {
                    load_everything(w);
                    tio_weights_close(w);
                }
            } else {
                r = tio_weights_open_memory("manifest", mf, sizeof manifest - 1, blob, sizeof blob, "c.manifest.json",
                                            LIMIT, &w, err, sizeof err);
                if (r == 0) {
                    load_everything(w);
                    tio_weights_close(w);
                }
            }
            ck_assert_msg(r == 0 || err[0] != '\0', "byte %lu = %u: rejected without a message", (unsigned long)k,
                          (unsigned)values[v]);
            *p = saved;
        }
}
END_TEST

static Suite *tensorio_suite(void)
{
    Suite *s = suite_create("tensorio");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, npy_round_trip_every_type);
    tcase_add_test(tc, npy_round_trip_shapes);
    tcase_add_test(tc, npy_accepted_headers);
    tcase_add_test(tc, npy_fortran_order_is_transposed);
    tcase_add_test(tc, npy_malformed_inputs);
    tcase_add_test(tc, npy_malformed_prefix);
    tcase_add_test(tc, npy_every_truncation_fails);
    tcase_add_test(tc, npy_file_errors);
    tcase_add_test(tc, narrow_checks_ranges);
    tcase_add_test(tc, safetensors_round_trip_every_type);
    tcase_add_test(tc, safetensors_load_checks_declarations);
    tcase_add_test(tc, safetensors_missing_key_lists_ten);
    tcase_add_test(tc, safetensors_malformed_inputs);
    tcase_add_test(tc, safetensors_header_length);
    tcase_add_test(tc, safetensors_every_truncation_fails);
    tcase_add_test(tc, safetensors_writer_rejects_bad_names);
    tcase_add_test(tc, manifest_reads_tensors);
    tcase_add_test(tc, manifest_malformed_inputs);
    tcase_add_test(tc, manifest_blob_header);
    tcase_add_test(tc, manifest_every_truncation_fails);
    tcase_add_test(tc, manifest_files_round_trip);
    tcase_add_test(tc, corrupted_bytes_never_crash);
    suite_add_tcase(s, tc);
    return s;
}

TH_MAIN(tensorio_suite)
