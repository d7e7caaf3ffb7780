/* conformance/compare.c - the comparator.
 *
 * Modes:
 *  - wpt: the web-platform-tests rules (its resources/utils.js), with the case's tolerance
 *    applied to every output:
 *      float32, ULP metric: the expected value rounded to float32, then the difference of
 *        the sign-magnitude bit patterns (+0 and -0 are both 0);
 *      float16, ULP metric: the difference of the raw 16-bit patterns (after the suite's
 *        equality test, so +0 equals -0);
 *      ATOL metric: |actual - expected| with the expected value unrounded;
 *      integers: |actual - expected|, exactly;
 *      a case without a tolerance is compared with 0 ULP.
 *  - exact: bit for bit (a float expectation rounded to the output's type first); NaN
 *    matches any NaN; +0 and -0 differ (distance 1).
 *  - bounds: a float output that depends on an accumulating operator (cf_operator_class) is
 *    judged element by element against K * n * u * m + floor (cf_bound_allowed), with n the
 *    accumulation length and m the element's magnitude (bounds.c computes both); any other
 *    output with the wpt rules.
 *  - auto: per output, exact for outputs computed by data movement only and for integer
 *    outputs computed without floating-point arithmetic, bounds for float outputs of
 *    accumulating operators, wpt for the rest.
 * In every mode NaN must meet NaN and an infinity the same infinity (the suite would let an
 * infinity pass within N ULP of the largest finite value; the project's rule is stricter).
 * Elements the oracle marks unspecified are skipped and counted.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Report at most this many failing elements per output (then the worst one). */
#define CF_MAX_REPORTED 5
/* The suite compares only the first 1000 elements of a bare-number expectation. */
#define CF_FILL_CHECKED 1000

static const char *const mode_names[] = {"wpt", "exact", "bounds", "auto"};

const char *cf_mode_name(cf_mode mode)
{
    return (unsigned)mode < sizeof mode_names / sizeof *mode_names ? mode_names[mode] : NULL;
}

int cf_mode_from_name(const char *name, cf_mode *out)
{
    size_t i;
    for (i = 0; name && i < sizeof mode_names / sizeof *mode_names; i++)
        if (strcmp(name, mode_names[i]) == 0) {
            *out = (cf_mode)i;
            return 1;
        }
    return 0;
}

void cf_values_from_tensor(cf_values *v, const cf_tensor *t)
{
    memset(v, 0, sizeof *v);
    v->dataType = t->dataType;
    v->count = t->count;
    v->fill = t->fill;
    v->f = t->f;
    v->i = t->i;
    v->u = t->u;
}

void cf_values_from_output(cf_values *v, const cf_output *o)
{
    memset(v, 0, sizeof *v);
    v->dataType = o->dataType;
    v->count = o->count;
    v->raw = o->data;
}

void cf_values_get(const cf_values *v, size_t index, cf_element *e)
{
    size_t k = v->fill ? 0 : index;
    e->f = 0;
    e->i = 0;
    e->u = 0;
    if (!v->raw) {
        switch (cf_data_type_class(v->dataType)) {
        case CF_CLASS_FLOAT: e->f = v->f[k]; break;
        case CF_CLASS_SIGNED: e->i = v->i[k]; break;
        default: e->u = v->u[k]; break;
        }
        return;
    }
    switch (v->dataType) {
    case WNNOperandDataType_Float32: e->f = (double)((const float *)v->raw)[k]; break;
    case WNNOperandDataType_Float16: e->f = cf_float16_to_double(((const uint16_t *)v->raw)[k]); break;
    case WNNOperandDataType_Int32: e->i = ((const int32_t *)v->raw)[k]; break;
    case WNNOperandDataType_Int64: e->i = ((const int64_t *)v->raw)[k]; break;
    case WNNOperandDataType_Int8:
    case WNNOperandDataType_Int4: e->i = ((const int8_t *)v->raw)[k]; break;
    case WNNOperandDataType_Uint32: e->u = ((const uint32_t *)v->raw)[k]; break;
    case WNNOperandDataType_Uint64: e->u = ((const uint64_t *)v->raw)[k]; break;
    default: e->u = ((const uint8_t *)v->raw)[k]; break;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Distances                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static uint32_t float32_bits(float f)
{
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
}

/* The value rounded to the float type t. */
static double round_to(WNNOperandDataType t, double d)
{
    if (t == WNNOperandDataType_Float16)
        return cf_float16_to_double(cf_float16_from_double(d));
    return (double)cf_float32_from_double(d);
}

double cf_ulp_float32(double expected, double actual)
{
    float e = cf_float32_from_double(expected), a = cf_float32_from_double(actual);
    uint32_t be, ba;
    int64_t se, sa;
    if (isnan(e) || isnan(a))
        return isnan(e) && isnan(a) ? 0 : (double)INFINITY;
    if (e == a)
        return 0;
    be = float32_bits(e);
    ba = float32_bits(a);
    /* sign-magnitude: negative numbers count down from 0 */
    se = (be & 0x80000000u) ? -(int64_t)(be & 0x7FFFFFFFu) : (int64_t)be;
    sa = (ba & 0x80000000u) ? -(int64_t)(ba & 0x7FFFFFFFu) : (int64_t)ba;
    return fabs((double)(se - sa));
}

double cf_ulp_float16(double expected, double actual)
{
    uint16_t e = cf_float16_from_double(expected), a = cf_float16_from_double(actual);
    double ev = cf_float16_to_double(e), av = cf_float16_to_double(a);
    if (isnan(ev) || isnan(av))
        return isnan(ev) && isnan(av) ? 0 : (double)INFINITY;
    if (ev == av)
        return 0;
    return fabs((double)e - (double)a);
}

/* exact mode: the position of a float in the total order of encodings, -0 just below +0 */
static int64_t ordinal(WNNOperandDataType t, double d)
{
    if (t == WNNOperandDataType_Float16) {
        uint16_t b = cf_float16_from_double(d);
        return (b & 0x8000u) ? -(int64_t)(b & 0x7FFFu) - 1 : (int64_t)b;
    } else {
        uint32_t b = float32_bits(cf_float32_from_double(d));
        return (b & 0x80000000u) ? -(int64_t)(b & 0x7FFFFFFFu) - 1 : (int64_t)b;
    }
}

void cf_judge(WNNOperandDataType t, cf_mode mode, const cf_tolerance *tol,
              const cf_element *expected, const cf_element *actual, cf_verdict *v)
{
    double allowed = 0;
    /* without magnitudes, bounds falls back to wpt; auto is exact on integers */
    if (mode == CF_MODE_BOUNDS)
        mode = CF_MODE_WPT;
    else if (mode == CF_MODE_AUTO)
        mode = cf_data_type_class(t) == CF_CLASS_FLOAT ? CF_MODE_WPT : CF_MODE_EXACT;
    if (mode == CF_MODE_WPT && tol && tol->metric != CF_METRIC_NONE)
        allowed = tol->value;
    v->allowed = allowed;
    if (cf_data_type_class(t) == CF_CLASS_FLOAT) {
        double e = expected->f, a = round_to(t, actual->f), er = round_to(t, e);
        /* NaN meets NaN only */
        if (isnan(e) || isnan(a)) {
            v->pass = isnan(e) && isnan(a);
            v->distance = v->pass ? 0 : (double)INFINITY;
            return;
        }
        /* an infinity meets the same infinity only (after rounding the expectation: a
         * value beyond the type's range is an infinity there) */
        if (isinf(er) || isinf(a)) {
            v->pass = er == a;
            v->distance = v->pass ? 0 : (double)INFINITY;
            return;
        }
        if (mode == CF_MODE_EXACT) {
            int64_t d = ordinal(t, er) - ordinal(t, a);
            v->distance = fabs((double)d);
            v->pass = d == 0;
            return;
        }
        if (tol && tol->metric == CF_METRIC_ATOL)
            v->distance = fabs(a - e); /* the expectation unrounded, as the suite does */
        else if (t == WNNOperandDataType_Float16)
            v->distance = cf_ulp_float16(e, a);
        else
            v->distance = cf_ulp_float32(e, a);
        v->pass = v->distance <= allowed;
        return;
    } else {
        uint64_t diff;
        if (cf_data_type_class(t) == CF_CLASS_SIGNED)
            diff = expected->i >= actual->i ? (uint64_t)expected->i - (uint64_t)actual->i
                                            : (uint64_t)actual->i - (uint64_t)expected->i;
        else
            diff = expected->u >= actual->u ? expected->u - actual->u : actual->u - expected->u;
        v->distance = (double)diff;
        if (allowed >= 18446744073709551615.0)
            v->pass = 1;
        else
            v->pass = diff <= (uint64_t)floor(allowed);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Bounds                                                                                     */
/* ------------------------------------------------------------------------------------------ */

double cf_unit_roundoff(WNNOperandDataType t)
{
    if (t == WNNOperandDataType_Float32)
        return 0x1p-24;
    if (t == WNNOperandDataType_Float16)
        return 0x1p-11;
    return 0;
}

double cf_smallest_normal(WNNOperandDataType t)
{
    if (t == WNNOperandDataType_Float32)
        return 0x1p-126;
    if (t == WNNOperandDataType_Float16)
        return 0x1p-14;
    return 0;
}

double cf_bound_allowed(WNNOperandDataType t, double length, double magnitude)
{
    double scale = CF_BOUNDS_K * cf_unit_roundoff(t), m = fabs(magnitude), n = length;
    if (isnan(m))
        m = 0;
    if (isnan(n) || n < 0)
        n = 0;
    /* an infinite magnitude or length, or a product beyond the range, is an infinite
     * allowance; 0 * infinity (no length or no magnitude) is none */
    if (m == 0 || n == 0)
        return cf_smallest_normal(t);
    return scale * n * m + cf_smallest_normal(t);
}

void cf_judge_bound(WNNOperandDataType t, double length, double magnitude,
                    const cf_element *expected, const cf_element *actual, cf_verdict *v)
{
    double e = expected->f, a, er;
    if (cf_data_type_class(t) != CF_CLASS_FLOAT) {
        cf_judge(t, CF_MODE_WPT, NULL, expected, actual, v);
        return;
    }
    a = round_to(t, actual->f);
    er = round_to(t, e);
    v->allowed = cf_bound_allowed(t, length, isnan(magnitude) || fabs(magnitude) < fabs(e)
                                                  ? fabs(e) : fabs(magnitude));
    if (isnan(e) || isnan(a)) {
        v->pass = isnan(e) && isnan(a);
        v->distance = v->pass ? 0 : (double)INFINITY;
        return;
    }
    if (isinf(er) || isinf(a)) {
        v->pass = er == a;
        v->distance = v->pass ? 0 : (double)INFINITY;
        return;
    }
    v->distance = fabs(a - e);
    v->pass = v->distance <= v->allowed;
}

size_t cf_checked_count(const cf_values *expected)
{
    if (expected->fill && expected->count > CF_FILL_CHECKED)
        return CF_FILL_CHECKED;
    return expected->count;
}

/* ------------------------------------------------------------------------------------------ */
/* Reporting                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/* How one output is judged: a mode resolved to wpt, exact or bounds. */
typedef struct rule {
    cf_mode mode;
    const cf_tolerance *tol;
    double length;               /* bounds */
    const char *op;              /* bounds: the operator the length comes from */
    const cf_values *magnitudes; /* bounds */
    int orBudget;                /* bounds: also accept within the wpt budget tol */
    int named;                   /* name the mode where a failure is reported (bounds, auto) */
} rule;

static void format_element(WNNOperandDataType t, const cf_element *e, char *buf, size_t size)
{
    switch (cf_data_type_class(t)) {
    case CF_CLASS_FLOAT: json_format_double(e->f, buf, size); break;
    case CF_CLASS_SIGNED:
        if (e->i < 0)
            snprintf(buf, size, "-%llu", (unsigned long long)(0 - (uint64_t)e->i));
        else
            snprintf(buf, size, "%llu", (unsigned long long)e->i);
        break;
    default: snprintf(buf, size, "%llu", (unsigned long long)e->u); break;
    }
}

static const char *unit(WNNOperandDataType t, const rule *r)
{
    if (cf_data_type_class(t) != CF_CLASS_FLOAT)
        return "";
    if (r->mode == CF_MODE_EXACT)
        return " ULP";
    if (r->mode == CF_MODE_BOUNDS || (r->tol && r->tol->metric == CF_METRIC_ATOL))
        return " (absolute)";
    return " ULP";
}

static void format_distance(double d, char *buf, size_t size)
{
    if (isinf(d))
        snprintf(buf, size, "incomparable");
    else
        json_format_double(d, buf, size);
}

/* The magnitude of element i in bounds mode (0 beyond the magnitudes given). */
static double magnitude_at(const rule *r, size_t i)
{
    cf_element m;
    if (!r->magnitudes || i >= r->magnitudes->count)
        return 0;
    cf_values_get(r->magnitudes, i, &m);
    return m.f;
}

static void report_element(cf_text *report, WNNOperandDataType t, const rule *r, size_t index,
                           const cf_element *e, const cf_element *a, const cf_verdict *v)
{
    char eb[40], ab[40], db[40], lb[40], mb[40];
    cf_verdict w;
    format_element(t, e, eb, sizeof eb);
    format_element(t, a, ab, sizeof ab);
    format_distance(v->distance, db, sizeof db);
    json_format_double(v->allowed, lb, sizeof lb);
    cf_text_printf(report, "    element %lu: expected %s, got %s, distance %s%s, allowed %s%s",
                   (unsigned long)index, eb, ab, db, isinf(v->distance) ? "" : unit(t, r), lb,
                   unit(t, r));
    if (r->mode == CF_MODE_BOUNDS) {
        json_format_double(magnitude_at(r, index), mb, sizeof mb);
        cf_text_printf(report, " (magnitude %s)", mb);
        if (r->orBudget) {
            rule wpt = *r;
            wpt.mode = CF_MODE_WPT;
            cf_judge(t, CF_MODE_WPT, r->tol, e, a, &w);
            format_distance(w.distance, db, sizeof db);
            json_format_double(w.allowed, lb, sizeof lb);
            cf_text_printf(report, "; wpt budget: distance %s%s, allowed %s%s", db,
                           isinf(w.distance) ? "" : unit(t, &wpt), lb, unit(t, &wpt));
        }
    }
    cf_text_printf(report, "\n");
}

static void report_header(cf_text *report, const char *caseName, const char *output,
                          const rule *r)
{
    char lb[40];
    cf_text_printf(report, "case \"%s\": output \"%s\"", caseName, output);
    if (r->mode == CF_MODE_BOUNDS) {
        json_format_double(r->length, lb, sizeof lb);
        cf_text_printf(report, " (mode bounds: n = %s from %s, allowed = %g * n * u * magnitude "
                       "+ smallest normal%s)", lb, r->op ? r->op : "?", CF_BOUNDS_K,
                       r->orBudget ? ", or within the wpt budget" : "");
    } else if (r->named)
        cf_text_printf(report, " (mode %s)", cf_mode_name(r->mode));
    cf_text_printf(report, ":\n");
}

static int compare_values(const char *caseName, const char *output, const cf_values *expected,
                          const cf_values *actual, const uint8_t *mask, const rule *r,
                          cf_text *report, cf_compare_stats *stats)
{
    size_t n = cf_checked_count(expected), i, failed = 0, reported = 0, worstIndex = 0;
    size_t unspecified = 0;
    cf_element worstE, worstA;
    cf_verdict worst;
    WNNOperandDataType t = expected->dataType;
    int worstReported = 0, bounded = r->mode == CF_MODE_BOUNDS;
    double worstFraction = 0;
    size_t budgetOnly = 0;
    cf_text scratch;
    cf_text_init(&scratch);
    if (!report)
        report = &scratch; /* no report wanted */
    memset(&worst, 0, sizeof worst);
    memset(&worstE, 0, sizeof worstE);
    memset(&worstA, 0, sizeof worstA);
    worst.distance = -1;
    if (actual->count < n)
        n = actual->count;
    for (i = 0; i < n; i++) {
        cf_element e, a;
        cf_verdict v;
        if (mask && mask[i]) {
            unspecified++;
            continue;
        }
        cf_values_get(expected, i, &e);
        cf_values_get(actual, i, &a);
        if (bounded) {
            cf_judge_bound(t, r->length, magnitude_at(r, i), &e, &a, &v);
            if (v.allowed > 0 && v.distance / v.allowed > worstFraction)
                worstFraction = v.distance / v.allowed;
            if (!v.pass && r->orBudget) {
                cf_verdict w;
                cf_judge(t, CF_MODE_WPT, r->tol, &e, &a, &w);
                if (w.pass) {
                    budgetOnly++;
                    continue;
                }
            }
        } else
            cf_judge(t, r->mode, r->tol, &e, &a, &v);
        if (v.pass)
            continue;
        if (failed == 0)
            report_header(report, caseName, output, r);
        failed++;
        if (reported < CF_MAX_REPORTED) {
            report_element(report, t, r, i, &e, &a, &v);
            reported++;
        }
        if (v.distance > worst.distance) {
            worst = v;
            worstIndex = i;
            worstE = e;
            worstA = a;
            worstReported = failed <= CF_MAX_REPORTED;
        }
    }
    if (failed) {
        if (!worstReported) {
            cf_text_printf(report, "    worst:\n");
            report_element(report, t, r, worstIndex, &worstE, &worstA, &worst);
        }
        cf_text_printf(report, "    %lu of %lu compared elements differ%s", (unsigned long)failed,
                       (unsigned long)(n - unspecified),
                       failed > CF_MAX_REPORTED ? " (the first ones listed)" : "");
        if (unspecified)
            cf_text_printf(report, "; %lu unspecified elements skipped", (unsigned long)unspecified);
        cf_text_printf(report, "\n");
    }
    if (stats) {
        stats->checked += n - unspecified;
        stats->failed += failed;
        stats->unspecified += unspecified;
        if (bounded) {
            stats->bounded += n - unspecified;
            stats->budgetOnly += budgetOnly;
            if (r->length > stats->length) {
                stats->length = r->length;
                stats->lengthOp = r->op;
            }
            if (worstFraction > stats->worstFraction)
                stats->worstFraction = worstFraction;
        }
    }
    cf_text_free(&scratch);
    return failed == 0;
}

int cf_compare_values(const char *caseName, const char *output, const cf_values *expected,
                      const cf_values *actual, const uint8_t *mask, cf_mode mode,
                      const cf_tolerance *tol, cf_text *report, cf_compare_stats *stats)
{
    rule r;
    memset(&r, 0, sizeof r);
    /* without magnitudes, bounds is wpt; auto is exact on integers, wpt otherwise */
    if (mode == CF_MODE_BOUNDS)
        r.mode = CF_MODE_WPT;
    else if (mode == CF_MODE_AUTO)
        r.mode = cf_data_type_class(expected->dataType) == CF_CLASS_FLOAT ? CF_MODE_WPT
                                                                           : CF_MODE_EXACT;
    else
        r.mode = mode;
    r.named = mode == CF_MODE_BOUNDS || mode == CF_MODE_AUTO;
    r.tol = tol;
    return compare_values(caseName, output, expected, actual, mask, &r, report, stats);
}

int cf_compare_values_bounded(const char *caseName, const char *output, const cf_values *expected,
                              const cf_values *actual, const uint8_t *mask, double length,
                              const cf_values *magnitudes, const cf_tolerance *tol,
                              cf_text *report, cf_compare_stats *stats)
{
    rule r;
    memset(&r, 0, sizeof r);
    r.mode = CF_MODE_BOUNDS;
    r.named = 1;
    r.tol = tol;
    r.orBudget = tol != NULL;
    r.length = length;
    r.magnitudes = magnitudes;
    if (cf_data_type_class(expected->dataType) != CF_CLASS_FLOAT)
        r.mode = CF_MODE_WPT; /* integers: |a - e| with no tolerance */
    return compare_values(caseName, output, expected, actual, mask, &r, report, stats);
}

/* The rule for output i of a case in a mode. b: the case's bounds (NULL when not
 * computed); movesOnly: every operator of the case moves data. */
static void output_rule(cf_mode mode, const cf_tolerance *tol, WNNOperandDataType t,
                        const cf_bounds *b, size_t i, int movesOnly, rule *r)
{
    const cf_bound_output *o = b && i < b->count ? &b->outputs[i] : NULL;
    int isFloat = cf_data_type_class(t) == CF_CLASS_FLOAT;
    int bounded = isFloat && o && o->length > 0 && o->magnitudes.count > 0;
    memset(r, 0, sizeof *r);
    r->tol = tol;
    r->named = mode == CF_MODE_BOUNDS || mode == CF_MODE_AUTO;
    r->mode = mode;
    if (mode == CF_MODE_BOUNDS)
        r->mode = bounded ? CF_MODE_BOUNDS : CF_MODE_WPT;
    else if (mode == CF_MODE_AUTO) {
        if (o ? o->movement || (!isFloat && !o->fromFloat) : movesOnly || !isFloat)
            r->mode = CF_MODE_EXACT;
        else
            r->mode = bounded ? CF_MODE_BOUNDS : CF_MODE_WPT;
    }
    if (r->mode == CF_MODE_BOUNDS) {
        r->length = o->length;
        r->op = o->op;
        r->magnitudes = &o->magnitudes;
        r->orBudget = o->nonlinear;
    }
}

/* Modes bounds and auto: the magnitude run of a case that accumulates. Returns 0 when the
 * comparison can go on (b filled, or not needed), -1 with the reason in report. */
static int prepare_bounds(const cf_case *c, cf_mode mode, cf_bounds *b, int *haveBounds,
                          cf_text *report)
{
    cf_text err;
    *haveBounds = 0;
    memset(b, 0, sizeof *b);
    if (mode != CF_MODE_AUTO && (mode != CF_MODE_BOUNDS || !cf_case_accumulates(c)))
        return 0;
    cf_text_init(&err);
    if (cf_bounds_compute(c, b, &err) != 0) {
        cf_text_printf(report, "case \"%s\": no bounds: %s\n", c->name, cf_text_str(&err));
        cf_text_free(&err);
        cf_bounds_free(b);
        return -1;
    }
    cf_text_free(&err);
    *haveBounds = 1;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Outputs                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void format_shape(const uint32_t *shape, size_t rank, char *buf, size_t size)
{
    size_t i, used = 0;
    buf[0] = '\0';
    used += (size_t)snprintf(buf, size, "[");
    for (i = 0; i < rank && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%lu", i ? ", " : "",
                                 (unsigned long)shape[i]);
    if (used < size)
        snprintf(buf + used, size - used, "]");
}

/* Data type and shape of an output against the expected ones. */
static int check_descriptor(const char *caseName, const char *output, WNNOperandDataType gotType,
                            const uint32_t *gotShape, size_t gotRank, WNNOperandDataType wantType,
                            const uint32_t *wantShape, size_t wantRank, cf_text *report)
{
    char a[200], b[200];
    if (gotType != wantType) {
        cf_text_printf(report, "case \"%s\": output \"%s\": data type %s, expected %s\n", caseName,
                       output, cf_data_type_name(gotType), cf_data_type_name(wantType));
        return 0;
    }
    if (gotRank != wantRank ||
        (gotRank && memcmp(gotShape, wantShape, gotRank * sizeof *gotShape) != 0)) {
        format_shape(gotShape, gotRank, a, sizeof a);
        format_shape(wantShape, wantRank, b, sizeof b);
        cf_text_printf(report, "case \"%s\": output \"%s\": shape %s, expected %s\n", caseName,
                       output, a, b);
        return 0;
    }
    return 1;
}

static int compare_case(const cf_case *c, const cf_execution *x, cf_mode mode, cf_text *report,
                        cf_compare_stats *stats)
{
    size_t i;
    int pass = 1, haveBounds, movesOnly = cf_case_moves_only(c);
    cf_bounds b;
    if (prepare_bounds(c, mode, &b, &haveBounds, report) != 0)
        return 0;
    for (i = 0; i < c->expectedCount && i < x->count; i++) {
        const cf_tensor *t = &c->expected[i];
        const cf_output *o = &x->outputs[i];
        cf_values ev, av;
        rule r;
        if (!check_descriptor(c->name, o->name, o->dataType, o->shape, o->rank, t->dataType,
                              t->shape, t->rank, report)) {
            pass = 0;
            continue;
        }
        if (t->descriptorOnly)
            continue; /* given by its descriptor alone: no values to compare */
        cf_values_from_tensor(&ev, t);
        cf_values_from_output(&av, o);
        output_rule(mode, &c->tolerance, t->dataType, haveBounds ? &b : NULL, i, movesOnly, &r);
        if (!compare_values(c->name, o->name, &ev, &av, o->mask, &r, report, stats))
            pass = 0;
    }
    if (x->count < c->expectedCount) {
        cf_text_printf(report, "case \"%s\": %lu outputs, expected %lu\n", c->name,
                       (unsigned long)x->count, (unsigned long)c->expectedCount);
        pass = 0;
    }
    cf_bounds_free(&b);
    return pass;
}

/* The "error" member of a result, briefly. */
static void describe_error(const json_value *error, cf_text *report)
{
    const json_value *name = json_get(error, "name"), *message = json_get(error, "message");
    if (error && error->type == JSON_STRING) {
        cf_text_printf(report, "%.300s", error->text);
        return;
    }
    if (name && name->type == JSON_STRING)
        cf_text_printf(report, "%.100s", name->text);
    if (message && message->type == JSON_STRING)
        cf_text_printf(report, "%s%.300s", name && name->type == JSON_STRING ? ": " : "",
                       message->text);
    if ((!name || name->type != JSON_STRING) && (!message || message->type != JSON_STRING))
        cf_text_printf(report, "(no message)");
}

static int compare_result(const cf_case *c, const cf_execution *x, int oracleFailed,
                          WNNStatus oracleStatus, const char *path, const json_value *result,
                          cf_mode mode, cf_text *report, cf_compare_stats *stats)
{
    const json_value *status, *outputs;
    int ok, pass = 1, haveBounds, movesOnly = cf_case_moves_only(c);
    size_t i;
    cf_pool pool;
    cf_bounds b;
    if (!result) {
        cf_text_printf(report, "case \"%s\": no result for \"%s/%s\" in %s\n", c->name,
                       c->file->stem, c->name, path);
        return 0;
    }
    if (result->type != JSON_OBJECT) {
        cf_text_printf(report, "%s:%u:%u: case \"%s\": a result must be an object\n", path,
                       (unsigned)result->line, (unsigned)result->column, c->name);
        return 0;
    }
    status = json_get(result, "status");
    if (!json_is_string(status, "ok") && !json_is_string(status, "error")) {
        const json_value *at = status ? status : result;
        cf_text_printf(report, "%s:%u:%u: case \"%s\": \"status\" must be \"ok\" or \"error\"\n",
                       path, (unsigned)at->line, (unsigned)at->column, c->name);
        return 0;
    }
    ok = json_is_string(status, "ok");
    if (oracleFailed) {
        if (!ok && oracleStatus == WNNStatus_TypeError)
            return 1; /* both reject the case */
        if (oracleStatus == WNNStatus_TypeError)
            cf_text_printf(report, "case \"%s\": the implementation produced outputs, but the "
                           "specification rejects this case (TypeError)\n", c->name);
        else
            cf_text_printf(report, "case \"%s\": no verdict: the reference could not run this case "
                           "(%s)\n", c->name, wnnStatusString(oracleStatus));
        return 0;
    }
    if (!ok) {
        cf_text_printf(report, "case \"%s\": the implementation reported an error: ", c->name);
        describe_error(json_get(result, "error"), report);
        cf_text_printf(report, "\n");
        return 0;
    }
    outputs = json_get(result, "outputs");
    if (!outputs || outputs->type != JSON_OBJECT) {
        const json_value *at = outputs ? outputs : result;
        cf_text_printf(report, "%s:%u:%u: case \"%s\": \"outputs\" must be an object\n", path,
                       (unsigned)at->line, (unsigned)at->column, c->name);
        return 0;
    }
    if (prepare_bounds(c, mode, &b, &haveBounds, report) != 0)
        return 0;
    memset(&pool, 0, sizeof pool);
    for (i = 0; i < x->count; i++) {
        const cf_output *o = &x->outputs[i];
        const json_value *r = json_get(outputs, o->name);
        cf_tensor t;
        cf_values ev, av;
        char what[300];
        cf_text err;
        rule how;
        if (!r || r->type != JSON_OBJECT) {
            cf_text_printf(report, "case \"%s\": output \"%s\": %s\n", c->name, o->name,
                           r ? "must be an object" : "missing from the results");
            pass = 0;
            continue;
        }
        memset(&t, 0, sizeof t);
        t.name = o->name;
        snprintf(what, sizeof what, "case \"%.120s\": output \"%.120s\"", c->name, o->name);
        cf_text_init(&err);
        if (cf_tensor_read(&pool, path, what, json_get(r, "dataType"), json_get(r, "shape"),
                           json_get(r, "data"), &t, &err) != 0) {
            cf_text_printf(report, "%s\n", cf_text_str(&err));
            cf_text_free(&err);
            pass = 0;
            continue;
        }
        cf_text_free(&err);
        if (!check_descriptor(c->name, o->name, t.dataType, t.shape, t.rank, o->dataType, o->shape,
                              o->rank, report)) {
            pass = 0;
            continue;
        }
        cf_values_from_output(&ev, o);
        cf_values_from_tensor(&av, &t);
        output_rule(mode, &c->tolerance, o->dataType, haveBounds ? &b : NULL, i, movesOnly, &how);
        if (!compare_values(c->name, o->name, &ev, &av, o->mask, &how, report, stats))
            pass = 0;
    }
    cf_pool_free(&pool);
    cf_bounds_free(&b);
    return pass;
}

/* The entry points: report may be NULL (no report wanted). */
int cf_compare_case(const cf_case *c, const cf_execution *x, cf_mode mode, cf_text *report,
                    cf_compare_stats *stats)
{
    cf_text scratch;
    int pass;
    cf_text_init(&scratch);
    pass = compare_case(c, x, mode, report ? report : &scratch, stats);
    cf_text_free(&scratch);
    return pass;
}

int cf_compare_result(const cf_case *c, const cf_execution *x, int oracleFailed,
                      WNNStatus oracleStatus, const char *path, const json_value *result,
                      cf_mode mode, cf_text *report, cf_compare_stats *stats)
{
    cf_text scratch;
    int pass;
    cf_text_init(&scratch);
    pass = compare_result(c, x, oracleFailed, oracleStatus, path, result, mode,
                          report ? report : &scratch, stats);
    cf_text_free(&scratch);
    return pass;
}
