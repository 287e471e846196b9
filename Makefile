# openbav — build, run, test.  `make run` and `make test` are the two commands;
# both install what is missing first (scripts/deps.sh).

CC      ?= cc
PKGS    := libmicrohttpd sqlite3 libpq libsodium jansson libcrypto libzip expat xlsxwriter
CSTD    := -std=c17 -D_GNU_SOURCE
# snprintf into a fixed buffer is our bounded-copy idiom, so truncation warnings are off.
WARN    := -Wall -Wextra -Werror -Wshadow -Wvla -Wformat=2 -Wno-unused-parameter -Wno-format-truncation
HARDEN  := -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE -fno-strict-overflow
INC     := -Isrc -Ibuild/gen
PKGCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKGLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread
LDHARDEN := -pie -Wl,-z,relro,-z,now

CFLAGS_REL  := $(CSTD) $(WARN) $(HARDEN) -O2 -g $(INC)
CFLAGS_TEST := $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer \
               -fsanitize=address,undefined -fno-sanitize-recover=undefined $(INC) -DOPENBAV_TEST
LDFLAGS_TEST := -fsanitize=address,undefined

LIB_SRC  := $(sort $(wildcard src/base/*.c src/core/*.c src/payroll/*.c src/db/*.c src/http/*.c src/app/*.c src/web/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
# ---- payroll (PAP) ---- one generated C file per BMF XML (rules below)
PAP_XML   := $(sort $(wildcard spec/lohnsteuer/Lohnsteuer*.xml))
PAP_YEARS := $(patsubst spec/lohnsteuer/Lohnsteuer%.xml,%,$(PAP_XML))
PAP_GEN   := $(patsubst %,build/gen/pap%.c,$(PAP_YEARS)) build/gen/pap_index.c
GEN_SRC  := build/gen/templates.c build/gen/assets.c $(PAP_GEN)
GEN_HDR  := build/gen/templates.h build/gen/assets.h
TEMPLATES := $(sort $(wildcard templates/*.html))
ASSETS    := static/app.css static/app.js node_modules/htmx.org/dist/htmx.min.js \
             node_modules/@picocss/pico/css/pico.min.css
I18N      := $(sort $(wildcard i18n/*.txt))
MIGRATIONS := $(sort $(wildcard src/db/migrations/*.sql)) $(sort $(wildcard src/db/migrations/pg/*.sql))

REL_OBJ  := $(patsubst %.c,build/obj/%.o,$(LIB_SRC) $(GEN_SRC))
CLI_OBJ  := $(patsubst %.c,build/obj/%.o,$(CLI_SRC))
TEST_OBJ := $(patsubst %.c,build/test/obj/%.o,$(LIB_SRC) $(GEN_SRC))
TCLI_OBJ := $(patsubst %.c,build/test/obj/%.o,$(CLI_SRC))

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,build/test/unit/%,$(UNIT_SRC))
HTTP_SRC := $(sort $(wildcard tests/http/test_*.c))
HTTP_BIN := $(patsubst tests/http/%.c,build/test/http/%,$(HTTP_SRC))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))

.PHONY: all run test deps unit http e2e fuzz bench clean FORCE

# `make V=1` prints the full commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif
.DELETE_ON_ERROR:

all: build/openbav

deps:
	@scripts/deps.sh

# ---- generated sources ------------------------------------------------------
build/tools/%: tools/%.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) -O1 -g -o $@ $<

build/gen/templates.c build/gen/templates.h &: build/tools/tmplc $(TEMPLATES) build/gen/templates.list
	@mkdir -p build/gen
	$(call say,TMPL,build/gen/templates.c)
	$(Q)build/tools/tmplc build/gen/templates $(TEMPLATES)

# The file lists themselves are prerequisites: adding a file regenerates.
build/gen/%.list: FORCE
	@mkdir -p build/gen
	@echo '$(LIST_$*)' | cmp -s - $@ || echo '$(LIST_$*)' > $@
LIST_assets    = $(ASSETS) $(I18N) $(MIGRATIONS)
LIST_templates = $(TEMPLATES)
FORCE:

build/gen/assets.c build/gen/assets.h &: build/tools/embed $(ASSETS) $(I18N) $(MIGRATIONS) build/gen/assets.list
	@mkdir -p build/gen
	$(call say,EMBED,build/gen/assets.c)
	$(Q)build/tools/embed build/gen/assets $(ASSETS) $(I18N) $(MIGRATIONS)

# ---- payroll (PAP) ----------------------------------------------------------
# tools/papgen.c translates the BMF's Programmablaufplan (XML pseudo-code,
# spec/lohnsteuer/LohnsteuerYYYY.xml) into build/gen/papYYYY.c; pap_index.c
# lists the years.  Next year's PAP is one more XML file.
build/tools/papgen: tools/papgen.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) -O1 -g -o $@ $< $(shell pkg-config --libs expat 2>/dev/null || echo -lexpat)

build/gen/pap%.c: spec/lohnsteuer/Lohnsteuer%.xml build/tools/papgen
	@mkdir -p build/gen
	$(call say,PAP,$@)
	$(Q)build/tools/papgen $< $@

build/gen/pap_index.c: build/tools/papgen build/gen/pap_index.list
	@mkdir -p build/gen
	$(Q)build/tools/papgen -index $@ $(PAP_YEARS)
LIST_pap_index = $(PAP_YEARS)

build/bench/pap_bench: bench/pap_bench.c src/payroll/pap.c src/payroll/dec.c src/payroll/wagetax.c $(PAP_GEN) \
                      $(wildcard src/payroll/*.h)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CSTD) $(WARN) -O2 -g $(INC) -o $@ $(filter %.c,$^)

# ---- release build ----------------------------------------------------------
build/obj/%.o: %.c | $(GEN_HDR)
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS_REL) $(PKGCFLAGS) -MMD -MP -c -o $@ $<

build/openbav: $(REL_OBJ) $(CLI_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(LDHARDEN) -o $@ $^ $(PKGLIBS)

# ---- sanitizer build and tests ----------------------------------------------
build/test/obj/%.o: %.c | $(GEN_HDR)
	@mkdir -p $(@D)
	$(call say,CC-T,$<)
	$(Q)$(CC) $(CFLAGS_TEST) $(PKGCFLAGS) -MMD -MP -c -o $@ $<

build/test/openbav: $(TEST_OBJ) $(TCLI_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(LDFLAGS_TEST) -o $@ $^ $(PKGLIBS)

build/test/unit/%: tests/unit/%.c $(TEST_OBJ)
	@mkdir -p $(@D)
	$(call say,TEST,$@)
	$(Q)$(CC) $(CFLAGS_TEST) $(PKGCFLAGS) -o $@ $< $(TEST_OBJ) $(LDFLAGS_TEST) $(PKGLIBS) -lcmocka

build/test/http/%: tests/http/%.c tests/http/harness.c tests/http/harness.h
	@mkdir -p $(@D)
	$(call say,TEST,$@)
	$(Q)$(CC) $(CFLAGS_TEST) -Itests/http -o $@ $< tests/http/harness.c $(LDFLAGS_TEST) \
	  $(shell pkg-config --libs libcurl jansson) -lcmocka

# libFuzzer drivers: clang, the library compiled in (parsers are pure).
FUZZ_CFLAGS := $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined $(INC)
build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(GEN_SRC)
	@mkdir -p $(@D)
	$(call say,FUZZ,$@)
	$(Q)clang $(FUZZ_CFLAGS) $(PKGCFLAGS) -o $@ $< $(LIB_SRC) $(GEN_SRC) $(PKGLIBS)

unit: $(UNIT_BIN)
http: build/test/openbav $(HTTP_BIN)
fuzz: $(FUZZ_BIN)

test: deps
	@$(MAKE) --no-print-directory -j2 build/test/openbav $(UNIT_BIN) $(HTTP_BIN) $(FUZZ_BIN) build/openbav
	@tests/run-all.sh

# ---- run --------------------------------------------------------------------
var/openbav.db: | build/openbav
	@mkdir -p var
	build/openbav migrate --db sqlite:var/openbav.db
	build/openbav demo --db sqlite:var/openbav.db >/dev/null

run: deps
	@$(MAKE) --no-print-directory -j2 build/openbav
	@$(MAKE) --no-print-directory var/openbav.db
	@build/openbav demo --list-users
	@echo "openbav: http://127.0.0.1:8080 (Ctrl-C stops)"
	build/openbav serve --db sqlite:var/openbav.db --listen 127.0.0.1:8080 --show-demo-logins

# Law-engine throughput (pure C, one core), then the HTTP server against nginx.
build/bench/vesting_bench: bench/vesting_bench.c src/core/vesting.c src/core/date.c src/core/explain.c src/core/law_tables.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CSTD) $(WARN) -O2 -g $(INC) -o $@ $^

build/bench/gen: bench/gen.c $(REL_OBJ)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS_REL) $(PKGCFLAGS) $(LDHARDEN) -o $@ $< $(REL_OBJ) $(PKGLIBS)

build/bench/gen_employees: bench/gen_employees.c $(REL_OBJ)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS_REL) $(PKGCFLAGS) $(LDHARDEN) -o $@ $< $(REL_OBJ) $(PKGLIBS)

bench: deps
	@$(MAKE) --no-print-directory -j2 build/openbav build/bench/vesting_bench build/bench/pap_bench build/bench/gen_employees build/bench/gen
	@build/bench/vesting_bench
	@build/bench/pap_bench
	@bench/run.sh
	@bench/import.sh
	@bench/suite.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
