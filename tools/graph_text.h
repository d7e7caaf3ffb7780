/* tools/graph_text.h - the `.webnn` text graph format: a parser into its JSON twin, and
 * writers of that twin as text and as canonical JSON.
 *
 * A `.webnn` file (proposed to the WebML WG as the text form of a graph, with a canonical
 * JSON twin) describes a graph's inputs, constants, operator calls and outputs:
 *
 *     webnn_graph "name" v1 {
 *       inputs  { x: f32[1, 4]; }
 *       consts  { W: f32[4, 2] @weights("W"); }
 *       nodes   { y = matmul(x, W); p = softmax(y, axis=1); }
 *       outputs { p; }
 *     }
 *
 * gt_parse() builds the twin directly as a json_value tree (tools/json.h), the same tree a
 * JSON file of the twin gives, so that one reader turns either into API calls. Every node of
 * the tree carries the line and column IN THE TEXT (members also keyLine/keyColumn), so
 * later checks on the tree point into the user's file. docs/graph-files.md describes the
 * grammar, the tree and how call arguments map onto it.
 */
#ifndef TOOLS_GRAPH_TEXT_H
#define TOOLS_GRAPH_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include "json.h"

/* Bounds on what a text may ask for, checked before anything is allocated. */
#define GT_MAX_BYTES ((size_t)256 << 20)  /* longest accepted text */
#define GT_MAX_DEPTH 64                   /* deepest nesting of array literals */
#define GT_MAX_VALUES ((size_t)16 << 20)  /* most JSON values in the tree */
#define GT_MAX_NAME ((size_t)64 << 10)    /* longest identifier or string, in bytes */

/* Parse length bytes of `.webnn` text. path names the text in messages (may be NULL).
 * Returns the JSON twin (release with json_free), or NULL with a message in err:
 * "path:line:column: expected ';' after the input declaration, got '}'". */
json_document *gt_parse(const char *text, size_t length, const char *path, char *err,
                        size_t errSize);

/* Write a tree of the twin's shape (from gt_parse, or read from a JSON file) as canonical
 * text: 2-space indentation, one declaration per line, value parameters and options as
 * name=value. Nothing is written when the tree cannot be said in the text format (a name
 * that is not an identifier, an output whose name differs from its value, a member the
 * format does not have, ...): returns -1 with the reason in err. Returns -1 also when
 * writing fails, else 0. */
int gt_write_text(FILE *out, const json_value *graph, char *err, size_t errSize);

/* Write the tree as the canonical JSON twin: the members the format knows in their
 * canonical order (any others after them, unchanged), numbers from their source text.
 * indent: spaces per level, 0 for one line. Returns 0, or -1 when writing fails. */
int gt_write_json(FILE *out, const json_value *graph, int indent);

#endif
