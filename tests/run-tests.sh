#!/bin/sh
# Run every test binary given; print each one's result and a closing summary line.
# Exits non-zero when any test fails or a binary crashes.
passed=0; failed=0; status=0
for t in "$@"; do
    out=$(CK_FORK=yes "$t" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -v '^$' | sed "s|^|$(basename "$t"): |" | grep -E 'Checks|:[0-9]+:[EF]:' || true
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks: ' | tail -1)
    if [ -n "$line" ]; then
        c=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
        f=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
        e=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
        passed=$((passed + c - f - e)); failed=$((failed + f + e))
    fi
    if [ $rc -ne 0 ] || [ -z "$line" ]; then status=1; [ -z "$line" ] && { failed=$((failed + 1)); echo "$(basename "$t"): crashed (exit $rc)"; }; fi
done
echo "unit tests: $passed passed, $failed failed"
[ $failed -eq 0 ] || status=1
exit $status
