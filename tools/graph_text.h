/* TEMPORARY: declarations only, replaced by the real header */
#ifndef TOOLS_GRAPH_TEXT_H
#define TOOLS_GRAPH_TEXT_H
#include <stdio.h>
#include "json.h"
json_document *gt_parse(const char *text, size_t length, const char *path, char *err, size_t errSize);
int gt_write_text(FILE *out, const json_value *graph, char *err, size_t errSize);
void gt_write_json(FILE *out, const json_value *graph, int indent);
#endif
