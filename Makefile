# The WebNN reference implementation.
#   make                 build/libwebnn.a and build/webnn (the command-line tool)
#   make check           build and run every unit test
#   make check-asan      the same under AddressSanitizer + UndefinedBehaviorSanitizer
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
          $(wildcard tools/*.h)
TEST_SOURCES = $(wildcard tests/check_*.c)
TEST_BINARIES = $(TEST_SOURCES:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT = $(filter-out tests/check_%.c,$(wildcard tests/*.c))
TEST_SUPPORT_OBJECTS = $(TEST_SUPPORT:%.c=$(BUILD)/obj/%.o)

.PHONY: all check check-asan install clean header-check example-check example-weights-check

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

check: header-check example-check example-weights-check $(TEST_BINARIES) $(BUILD)/webnn
	@sh tests/run-tests.sh $(TEST_BINARIES)

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
	rm -rf build build-asan build-clang
.SECONDARY:
