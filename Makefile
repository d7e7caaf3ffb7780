# The WebNN reference implementation.
#   make                 build/libwebnn.a and build/webnn (the command-line tool)
#   make check           build and run every unit test
#   make check-asan      the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make check-valgrind  the unit tests and fuzz replays under valgrind memcheck
#   make fuzz            run each fuzz target (fuzz/fuzz_*.c) for FUZZ_SECONDS with libFuzzer
#   make install PREFIX=/usr/local
#   make CC=clang        any C99 compiler

CC ?= cc
PREFIX ?= /usr/local
BUILD ?= build
AR ?= ar

WARNINGS = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wold-style-definition -Wpointer-arith -Wundef -Wvla -Wformat=2 \
           -Wmissing-declarations -Wredundant-decls -Wnested-externs -Wcast-align \
           -Wwrite-strings
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c99 -pedantic $(WARNINGS) $(CFLAGS) $(EXTRA_CFLAGS) -I.
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lrt -pthread)
LIBS = -lm

LIB_SOURCES = $(wildcard ref/*.c) $(wildcard ops/*.c)
LIB_OBJECTS = $(LIB_SOURCES:%.c=$(BUILD)/obj/%.o)
# The conformance runner and the tools' file readers: they use only webnn.h.
CONF_SOURCES = $(wildcard conformance/*.c) $(filter-out tools/webnn.c,$(wildcard tools/*.c))
CONF_OBJECTS = $(CONF_SOURCES:%.c=$(BUILD)/obj/%.o)
HEADERS = webnn.h $(wildcard ref/*.h) $(wildcard ops/*.h) $(wildcard conformance/*.h) \
          $(wildcard tools/*.h) $(wildcard fuzz/*.h)
TEST_SOURCES = $(wildcard tests/check_*.c)
TEST_BINARIES = $(TEST_SOURCES:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT = $(filter-out tests/check_%.c,$(wildcard tests/*.c))
TEST_SUPPORT_OBJECTS = $(TEST_SUPPORT:%.c=$(BUILD)/obj/%.o)

# Fuzz targets: fuzz/fuzz_<name>.c, seeds in fuzz/corpus/<name>/, every input that ever
# failed in fuzz/regressions/<name>/ (docs/robustness.md).
FUZZ_NAMES = $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
REPLAY_BINARIES = $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
FUZZ_SECONDS ?= 60
FUZZ_BUILD = build-fuzz
FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all check check-asan check-valgrind install clean header-check example-check \
        fuzz fuzz-build fuzz-replay example-weights-check

all: $(BUILD)/libwebnn.a $(BUILD)/webnn

$(BUILD)/obj/%.o: %.c $(HEADERS) $(wildcard tests/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libwebnn.a: $(LIB_OBJECTS)
	@rm -f $@
	@echo "  AR $@"
	@$(AR) rcs $@ $^

$(BUILD)/libwebnn-conformance.a: $(CONF_OBJECTS)
	@rm -f $@
	@echo "  AR $@"
	@$(AR) rcs $@ $^

$(BUILD)/webnn: $(BUILD)/obj/tools/webnn.o $(BUILD)/libwebnn-conformance.a $(BUILD)/libwebnn.a
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) $^ -o $@ $(LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(TEST_SUPPORT_OBJECTS) $(BUILD)/libwebnn-conformance.a \
                  $(BUILD)/libwebnn.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) $^ -o $@ $(CHECK_LIBS) $(LIBS)

# The header alone must compile as strict C99 and as C++.
header-check:
	@echo "  header check: webnn.h as C99 and as C++"
	@echo '#include "webnn.h"' | $(CC) -std=c99 -pedantic $(WARNINGS) -fsyntax-only -I. -x c -
	@echo '#include "webnn.h"' | c++ -std=c++98 -pedantic -Wall -Wextra -Werror -fsyntax-only -I. -x c++ -

# The README's example, written against webnn.h alone, must build and print its result.
example-check: $(BUILD)/libwebnn.a
	@echo "  example: examples/hello.c"
	@$(CC) -std=c99 -pedantic -Wall -Wextra -Werror $(CFLAGS) $(EXTRA_CFLAGS) -I. examples/hello.c $(BUILD)/libwebnn.a $(LIBS) -o $(BUILD)/hello
	@test "$$($(BUILD)/hello)" = "0.75 -1 32752" || { echo "examples/hello.c printed the wrong result"; exit 1; }

# The example graphs' weights and inputs are written by examples/make-weights.c: regenerated,
# they must equal the committed files byte for byte.
$(BUILD)/make-weights: examples/make-weights.c $(BUILD)/libwebnn-conformance.a $(BUILD)/libwebnn.a
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) $^ -o $@ $(LIBS)

example-weights-check: $(BUILD)/make-weights
	@echo "  examples: weights and inputs regenerated"
	@rm -rf $(BUILD)/examples && mkdir -p $(BUILD)/examples/convblock $(BUILD)/examples/lstm $(BUILD)/examples/transformer
	@$(BUILD)/make-weights $(BUILD)/examples
	@for f in convblock/convblock.safetensors convblock/image.npy lstm/lstm.safetensors lstm/sequence.npy transformer/block.safetensors transformer/tokens.npy; do \
		cmp -s $(BUILD)/examples/$$f examples/$$f || { echo "examples/$$f differs from what make-weights writes"; exit 1; }; done

check: header-check example-check example-weights-check $(TEST_BINARIES) $(BUILD)/webnn fuzz-replay
	@sh tests/run-tests.sh $(TEST_BINARIES)

# Each fuzz target linked with fuzz/replay.c (no libFuzzer) and fed its seeds and regressions.
$(BUILD)/fuzz/replay_%: $(BUILD)/obj/fuzz/fuzz_%.o $(BUILD)/obj/fuzz/replay.o \
                        $(BUILD)/libwebnn-conformance.a $(BUILD)/libwebnn.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) $^ -o $@ $(LIBS)

fuzz-replay: $(REPLAY_BINARIES)
	@for n in $(FUZZ_NAMES); do \
	    dirs=""; for d in fuzz/corpus/$$n fuzz/regressions/$$n; do [ -d $$d ] && dirs="$$dirs $$d"; done; \
	    [ -z "$$dirs" ] || $(BUILD)/fuzz/replay_$$n $$dirs || exit 1; \
	done

# Every unit test, and the fuzz replays, under valgrind memcheck, in one process
# (CK_FORK=no) so that the checks see the tests themselves. Any error or leak fails.
VALGRIND = valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
check-valgrind: $(TEST_BINARIES) $(REPLAY_BINARIES)
	@for t in $(TEST_BINARIES); do \
	    echo "  valgrind $$t"; \
	    out=$$(CK_FORK=no $(VALGRIND) $$t 2>&1) || { printf '%s\n' "$$out"; exit 1; }; \
	done
	@for n in $(FUZZ_NAMES); do \
	    dirs=""; for d in fuzz/corpus/$$n fuzz/regressions/$$n; do [ -d $$d ] && dirs="$$dirs $$d"; done; \
	    echo "  valgrind $(BUILD)/fuzz/replay_$$n"; \
	    [ -z "$$dirs" ] || $(VALGRIND) $(BUILD)/fuzz/replay_$$n $$dirs >/dev/null || exit 1; \
	done

# The fuzz targets with libFuzzer (clang): the library is instrumented for coverage, each
# target runs FUZZ_SECONDS on a scratch corpus in build-fuzz/corpus/<name>/ (new inputs
# land there, not in the sources), the committed seeds and regressions. A failing input is
# written to build-fuzz/artifacts/<name>/. fuzz/fuzz_<name>.dict, when there, is the target's
# libFuzzer dictionary.
fuzz:
	@$(MAKE) --no-print-directory CC=clang BUILD=$(FUZZ_BUILD) \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SANITIZE)" fuzz-build
	@for n in $(FUZZ_NAMES); do \
	    len=$$(sed -n 's/.*fuzz-max-len: *\([0-9][0-9]*\).*/\1/p' fuzz/fuzz_$$n.c | head -1); \
	    mkdir -p $(FUZZ_BUILD)/corpus/$$n $(FUZZ_BUILD)/artifacts/$$n; \
	    dirs="$(FUZZ_BUILD)/corpus/$$n"; \
	    for d in fuzz/corpus/$$n fuzz/regressions/$$n; do [ -d $$d ] && dirs="$$dirs $$d"; done; \
	    dict=""; [ -f fuzz/fuzz_$$n.dict ] && dict="-dict=fuzz/fuzz_$$n.dict"; \
	    echo "== fuzz_$$n for $(FUZZ_SECONDS) s (max_len $${len:-4096})"; \
	    $(FUZZ_BUILD)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -max_len=$${len:-4096} $$dict \
	        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	        -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$n/ $$dirs || exit 1; \
	done

fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)

$(BUILD)/fuzz/fuzz_%: $(BUILD)/obj/fuzz/fuzz_%.o $(BUILD)/libwebnn-conformance.a $(BUILD)/libwebnn.a
	@mkdir -p $(dir $@)
	@echo "  LD $@ (libFuzzer)"
	@$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $^ -o $@ $(LIBS)

check-asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" check

install: $(BUILD)/libwebnn.a $(BUILD)/webnn
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/webnn $(DESTDIR)$(PREFIX)/bin/webnn
	install -m 644 webnn.h $(DESTDIR)$(PREFIX)/include/webnn.h
	install -m 644 $(BUILD)/libwebnn.a $(DESTDIR)$(PREFIX)/lib/libwebnn.a
	printf 'prefix=%s\nincludedir=$${prefix}/include\nlibdir=$${prefix}/lib\n\nName: webnn\nDescription: WebNN reference implementation (float64 interpreter)\nVersion: 0.1.0\nCflags: -I$${includedir}\nLibs: -L$${libdir} -lwebnn -lm\n' \
	    '$(PREFIX)' > $(DESTDIR)$(PREFIX)/lib/pkgconfig/webnn.pc

clean:
	rm -rf build build-asan build-clang $(FUZZ_BUILD)
.SECONDARY:
