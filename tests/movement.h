/* tests/movement.h - checks shared by the tests of data-movement operators (reshape,
 * expand, transpose, tile, reverse, slice, pad, concat, split, triangular).
 *
 * A data-movement operator copies elements: every output element is a bit-for-bit copy of
 * one input element, or a fixed value. A test states, for each output element, the index of
 * the input element it must hold (a "map", computed in the test by hand or by a simple
 * formula), and mv_check runs the operator on every one of the eight MLOperandDataType
 * values with input elements of distinct bit patterns (NaN payloads, signed zeros and
 * 64-bit integers beyond 2^53 among them), comparing bytes. */
#ifndef TESTS_MOVEMENT_H
#define TESTS_MOVEMENT_H

#include "harness.h"

#include <stdlib.h>
#include <string.h>

/* A map entry for an output element that copies no input element: it must hold all-zero
 * bytes (0 of the type, +0 for floats). */
#define MV_ZERO ((size_t)-1)

#define MV_TYPE_COUNT 8
static const WNNOperandDataType mv_types[MV_TYPE_COUNT] = {
    WNNOperandDataType_Float32, WNNOperandDataType_Float16, WNNOperandDataType_Int32,
    WNNOperandDataType_Uint32,  WNNOperandDataType_Int64,   WNNOperandDataType_Uint64,
    WNNOperandDataType_Int8,    WNNOperandDataType_Uint8};

static const char *mv_type_name(WNNOperandDataType type)
{
    static const char *const names[] = {"float32", "float16", "int32", "uint32", "int64",
                                        "uint64",  "int8",    "uint8",  "int4",  "uint4"};
    return (unsigned)type < 10 ? names[type] : "invalid";
}

/* Fill count elements of `size` bytes: element k has byte j = 0xA5 ^ (59 k + 113 j) mod 256,
 * so elements differ in their first byte for k < 256 (59 is odd). Float patterns include
 * NaNs with payloads and subnormals; integer patterns use the full width. */
static void mv_pattern(size_t size, size_t count, unsigned char *buf)
{
    size_t k, j;
    for (k = 0; k < count; k++)
        for (j = 0; j < size; j++)
            buf[k * size + j] = (unsigned char)(0xA5u ^ ((59u * k + 113u * j) & 0xFFu));
}

/* Builds the operator under test from graph input x. */
typedef WNNStatus (*mv_build)(WNNGraphBuilder b, WNNOperand x, const void *arg, WNNOperand *out);

static size_t mv_count(const uint32_t *shape, size_t rank)
{
    size_t n = 1, i;
    for (i = 0; i < rank; i++)
        n *= shape[i];
    return n;
}

/* Assert that operand has the expected shape. */
static void mv_assert_shape(const char *what, WNNOperand operand, const uint32_t *shape,
                            size_t rank)
{
    size_t gotRank, i;
    const uint32_t *got = wnnOperandGetShape(operand, &gotRank);
    ck_assert_msg(gotRank == rank, "%s: output rank %lu, want %lu", what,
                  (unsigned long)gotRank, (unsigned long)rank);
    for (i = 0; i < rank; i++)
        ck_assert_msg(got[i] == shape[i], "%s: output dimension %lu is %lu, want %lu", what,
                      (unsigned long)i, (unsigned long)got[i], (unsigned long)shape[i]);
}

/* Assert that output element i of a result holds input element map[i] of `in` bytewise (or
 * zero bytes for MV_ZERO). */
static void mv_assert_map(const char *what, const th_result *r, const unsigned char *in,
                          const size_t *map, size_t count)
{
    size_t size = wnnOperandDataTypeByteSize(r->type), i;
    static const unsigned char zero[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    ck_assert_msg(r->count == count, "%s: %lu output elements, want %lu", what,
                  (unsigned long)r->count, (unsigned long)count);
    for (i = 0; i < count; i++) {
        const unsigned char *want = map[i] == MV_ZERO ? zero : in + map[i] * size;
        ck_assert_msg(memcmp((const unsigned char *)r->data + i * size, want, size) == 0,
                      "%s (%s): output element %lu is not input element %ld", what,
                      mv_type_name(r->type), (unsigned long)i,
                      map[i] == MV_ZERO ? -1L : (long)map[i]);
    }
    ck_assert_msg(r->unspecified == 0, "%s: %lu elements marked unspecified", what,
                  (unsigned long)r->unspecified);
}

/* Run the operator on an input of inShape for every data type; the output must have
 * outShape and output element i must be input element map[i]. */
static void mv_check(const char *what, mv_build build, const void *arg, const uint32_t *inShape,
                     size_t inRank, const uint32_t *outShape, size_t outRank, const size_t *map)
{
    size_t t, inCount = mv_count(inShape, inRank), outCount = mv_count(outShape, outRank);
    for (t = 0; t < MV_TYPE_COUNT; t++) {
        th_env env;
        th_result r;
        WNNOperand x, out = NULL;
        WNNStatus s;
        unsigned char *in = (unsigned char *)malloc(inCount * 8 + 1);
        ck_assert_ptr_nonnull(in);
        mv_pattern(wnnOperandDataTypeByteSize(mv_types[t]), inCount, in);
        th_init(&env);
        x = th_input(&env, mv_types[t], inShape, inRank, in);
        s = build(env.builder, x, arg, &out);
        ck_assert_msg(s == WNNStatus_Success, "%s (%s): %s", what,
                      mv_type_name(mv_types[t]),
                      wnnGraphBuilderGetErrorMessage(env.builder));
        ck_assert_int_eq(wnnOperandGetDataType(out), mv_types[t]);
        mv_assert_shape(what, out, outShape, outRank);
        ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
        mv_assert_map(what, &r, in, map, outCount);
        th_result_free(&r);
        th_free(&env);
        free(in);
    }
}

#endif
