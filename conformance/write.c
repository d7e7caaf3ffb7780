/* conformance/write.c - outputs written as JSON: a case's expected outputs, or a results
 * file's outputs. Floats are written as the shortest decimal that reads back to the value
 * (float16 and float32 values are exact doubles); int64 and uint64 as decimal strings, which
 * JavaScript readers keep exact; other integers as numbers. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static void write_element(json_writer *w, const cf_output *o, size_t k)
{
    char buf[32];
    switch (o->dataType) {
    case WNNOperandDataType_Float32: json_write_double(w, (double)((const float *)o->data)[k]); break;
    case WNNOperandDataType_Float16:
        json_write_double(w, cf_float16_to_double(((const uint16_t *)o->data)[k]));
        break;
    case WNNOperandDataType_Int32: json_write_int64(w, ((const int32_t *)o->data)[k]); break;
    case WNNOperandDataType_Int8:
    case WNNOperandDataType_Int4: json_write_int64(w, ((const int8_t *)o->data)[k]); break;
    case WNNOperandDataType_Uint32: json_write_uint64(w, ((const uint32_t *)o->data)[k]); break;
    case WNNOperandDataType_Int64: {
        int64_t v = ((const int64_t *)o->data)[k];
        if (v < 0)
            snprintf(buf, sizeof buf, "-%llu", (unsigned long long)(0 - (uint64_t)v));
        else
            snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
        json_write_string(w, buf);
        break;
    }
    case WNNOperandDataType_Uint64:
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)((const uint64_t *)o->data)[k]);
        json_write_string(w, buf);
        break;
    default: json_write_uint64(w, ((const uint8_t *)o->data)[k]); break;
    }
}

static int uniform(const cf_output *o)
{
    size_t size = wnnOperandDataTypeByteSize(o->dataType), k;
    const unsigned char *d = (const unsigned char *)o->data;
    for (k = 1; k < o->count; k++)
        if (memcmp(d, d + k * size, size) != 0)
            return 0;
    return o->count > 0;
}

static void write_data(json_writer *w, const cf_output *o, int bare)
{
    size_t k;
    if (bare && uniform(o)) {
        write_element(w, o, 0);
        return;
    }
    json_write_array_begin_inline(w);
    for (k = 0; k < o->count; k++)
        write_element(w, o, k);
    json_write_array_end(w);
}

static void write_shape(json_writer *w, const cf_output *o)
{
    size_t k;
    json_write_array_begin_inline(w);
    for (k = 0; k < o->rank; k++)
        json_write_uint64(w, o->shape[k]);
    json_write_array_end(w);
}

void cf_write_expected_output(json_writer *w, const cf_output *o, int bare)
{
    json_write_object_begin(w);
    json_write_key(w, "data");
    write_data(w, o, bare);
    json_write_key(w, "descriptor");
    json_write_object_begin(w);
    json_write_key(w, "shape");
    write_shape(w, o);
    json_write_key(w, "dataType");
    json_write_string(w, cf_data_type_name(o->dataType));
    json_write_object_end(w);
    json_write_object_end(w);
}

void cf_write_result_output(json_writer *w, const cf_output *o)
{
    json_write_object_begin(w);
    json_write_key(w, "dataType");
    json_write_string(w, cf_data_type_name(o->dataType));
    json_write_key(w, "shape");
    write_shape(w, o);
    json_write_key(w, "data");
    write_data(w, o, o->count > 1); /* a bare number when every element is equal */
    json_write_object_end(w);
}

void cf_write_case_input(json_writer *w, const cf_output *o, int constant)
{
    json_write_object_begin(w);
    json_write_key(w, "data");
    write_data(w, o, 0);
    json_write_key(w, "descriptor");
    json_write_object_begin(w);
    json_write_key(w, "shape");
    write_shape(w, o);
    json_write_key(w, "dataType");
    json_write_string(w, cf_data_type_name(o->dataType));
    json_write_object_end(w);
    if (constant) {
        json_write_key(w, "constant");
        json_write_bool(w, 1);
    }
    json_write_object_end(w);
}
