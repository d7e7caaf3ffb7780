/* fuzz/fuzz.h - what every fuzz target defines.
 *
 * A target is one file fuzz/fuzz_<name>.c defining LLVMFuzzerTestOneInput (the libFuzzer
 * entry point). It is linked two ways: with libFuzzer by `make fuzz` (clang,
 * -fsanitize=fuzzer,address,undefined), and with fuzz/replay.c by `make check`, which feeds
 * it every file of fuzz/corpus/<name>/ and fuzz/regressions/<name>/. A target must return 0
 * for any input; a finding is a crash, a sanitizer report, a leak, or an abort() the target
 * calls itself when an invariant fails. A line "fuzz-max-len: N" in the target's source sets
 * libFuzzer's -max_len for it (default 4096); fuzz/fuzz_<name>.dict, when there, is its
 * libFuzzer dictionary.
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
