# The two commands of the README are `make run` and `make test`; the rest are
# for developers. Everything goes through the CMake presets in
# CMakePresets.json, so `cmake --preset X` gives the same build by hand.

JOBS ?= 2
# ctest runs twice as many tests as there are build jobs: most of a test's
# time is spent waiting on sockets and subjects (release ctest keeps two
# cores a quarter busy at -j2), and the suite proves it stays deterministic
# when run this way.
CTEST_JOBS ?= $(shell echo $$(( $(JOBS) * 2 )))
HTTPLIB_INCLUDE_DIR ?=
HTTPLIB_INCLUDE_DIRS ?=
# Other Boost releases' headers (each a directory holding boost/), run as
# beast@<version> beside the system's Beast (scripts/beast_subjects.sh).
BOOST_INCLUDE_DIRS ?=
REPORT_DIR ?= build/reports
CTEST_ARGS ?=
RUN_JOBS ?=
RUN_JOBS_FLAG := $(if $(strip $(RUN_JOBS)),--jobs $(RUN_JOBS))
# `wsharness perf` per server subject in `make run` and `make perf`.
PERF_ARGS ?= --transport both --connections 1000 --churn-seconds 5

# Warnings are errors in CI (CI=true is set there), advisory on a desk; CI
# also keeps only line tables of debug info, which is all its reports use.
CMAKE_FLAGS :=
ifneq ($(strip $(HTTPLIB_INCLUDE_DIR)),)
CMAKE_FLAGS += -DHTTPLIB_INCLUDE_DIR=$(abspath $(HTTPLIB_INCLUDE_DIR))
endif
ifeq ($(CI),true)
CMAKE_FLAGS += -DWSH_WERROR=ON -DWSH_LINE_TABLES_ONLY=ON
endif

WSHARNESS := build/release/harness/src/cli/wsharness

.PHONY: all deps build build-run run perf repro test test-release test-asan lint tsan bench fuzz-build fuzz fuzz-nightly clean help

all: build

help:
	@echo "make run    build, run the catalogue against every subject, write $(REPORT_DIR)/index.html"
	@echo "make test   build release + asan and run the whole ctest suite in both"
	@echo "make deps   install missing Debian packages"
	@echo "make build  release build only;  make tsan  ThreadSanitizer build + tests"
	@echo "make lint   format check (clang-format-14) and clang-tidy-14, as CI runs them"
	@echo "make bench  Google Benchmark suite;  make clean"
	@echo "make perf   close-handshake latency and churn per server subject into $(REPORT_DIR) (PERF_ARGS)"
	@echo "make fuzz-build / fuzz / fuzz-nightly   libFuzzer targets (clang-14); FUZZ_SECONDS per target"
	@echo "make repro  standalone reproducers of FINDINGS.md against Beast (and BOOST_INCLUDE_DIRS) and each HTTPLIB_INCLUDE_DIR(S)"

deps:
	@scripts/deps.sh

# Reconfigure every time so a changed HTTPLIB_INCLUDE_DIR is picked up; cmake
# is quick when nothing changed. A build tree from before the presets moved to
# Ninja cannot be reconfigured with another generator, so it starts afresh.
configure-%: deps
	@if grep -qs '^CMAKE_GENERATOR:INTERNAL=Unix Makefiles$$' build/$*/CMakeCache.txt; then \
	  echo "build/$*: made by Unix Makefiles, the presets now use Ninja: rebuilding it from scratch"; rm -rf build/$*; fi
	cmake --preset $* $(CMAKE_FLAGS) >/dev/null

build: configure-release
	cmake --build --preset release -j $(JOBS)

# What `make run` and `make perf` execute, and nothing else: wsharness, which
# depends on the subjects it runs (Beast, faulty, and httplib when
# HTTPLIB_INCLUDE_DIR is given). Not the tests, benchmarks or fuzz replays.
build-run: configure-release
	cmake --build --preset release --target wsharness -j $(JOBS)

# HTTPLIB_INCLUDE_DIRS="dir1 dir2 ...": one httplib subject per release,
# side by side with Beast in one report (httplib@<version>).
# RUN_JOBS: `wsharness run --jobs`; empty: wsharness's own default, set by
# how many waits overlap, not by the number of cores (wsharness run --help).
# After the catalogue, `wsharness perf` measures every server subject
# (close-handshake latency, churn) into the same report; a run with
# unexpected results (exit 1) still gets its figures, a harness error
# (exit 2) does not. The exit status is the catalogue's, else perf's.
run: build-run
ifeq ($(strip $(HTTPLIB_INCLUDE_DIRS) $(BOOST_INCLUDE_DIRS)),)
	@status=0; \
	$(WSHARNESS) run --role all --transport both $(RUN_JOBS_FLAG) --report-dir $(REPORT_DIR) || status=$$?; \
	if [ $$status -le 1 ]; then \
	  perf_status=0; $(WSHARNESS) perf $(PERF_ARGS) --report-dir $(REPORT_DIR) || perf_status=$$?; \
	  [ $$status -ne 0 ] || status=$$perf_status; \
	fi; \
	exit $$status
else
	mkdir -p build
	@extra="$$(JOBS=$(JOBS) scripts/httplib_subjects.sh $(HTTPLIB_INCLUDE_DIRS))" || exit 2; \
	extra="$$extra$$(JOBS=$(JOBS) scripts/beast_subjects.sh $(BOOST_INCLUDE_DIRS))" || exit 2; \
	status=0; \
	$(WSHARNESS) run --subject beast $$extra --role all --transport both $(RUN_JOBS_FLAG) --report-dir $(REPORT_DIR) || status=$$?; \
	if [ $$status -le 1 ]; then \
	  perf_status=0; $(WSHARNESS) perf --subject beast $$extra $(PERF_ARGS) --report-dir $(REPORT_DIR) || perf_status=$$?; \
	  [ $$status -ne 0 ] || status=$$perf_status; \
	fi; \
	exit $$status
endif

# Only the performance figures, into the report of the last `make run`
# (or a fresh perf.json when there is none).
perf: build-run
ifeq ($(strip $(HTTPLIB_INCLUDE_DIRS) $(BOOST_INCLUDE_DIRS)),)
	$(WSHARNESS) perf $(PERF_ARGS) --report-dir $(REPORT_DIR)
else
	mkdir -p build
	extra="$$(JOBS=$(JOBS) scripts/httplib_subjects.sh $(HTTPLIB_INCLUDE_DIRS))" && \
	extra="$$extra$$(JOBS=$(JOBS) scripts/beast_subjects.sh $(BOOST_INCLUDE_DIRS))" && \
	$(WSHARNESS) perf --subject beast $$extra $(PERF_ARGS) --report-dir $(REPORT_DIR)
endif

# The standalone reproducers (repro/README.md): compiled with g++ alone
# against the system's Beast, each BOOST_INCLUDE_DIRS and each cpp-httplib
# given, into build/repro/, then a finding x version table. REPRO_RUNS=N runs
# each test N times.
repro: deps
	BOOST_INCLUDE_DIRS="$(BOOST_INCLUDE_DIRS)" repro/repro.sh table $(HTTPLIB_INCLUDE_DIR) $(HTTPLIB_INCLUDE_DIRS)

test: test-release test-asan

test-release: configure-release
	cmake --build --preset release -j $(JOBS)
	ctest --preset release -j $(CTEST_JOBS) $(CTEST_ARGS)

test-asan: configure-asan
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(CTEST_JOBS) $(CTEST_ARGS)

# CI's checks beside the tests: the format, then clang-tidy (after its
# negative control) over harness/src with the release build's compile database.
lint: configure-release
	scripts/format.sh --check
	scripts/tidy.sh --self-test
	scripts/tidy.sh build/release

tsan: configure-tsan
	cmake --build --preset tsan -j $(JOBS)
	ctest --preset tsan -j $(CTEST_JOBS) $(CTEST_ARGS)

bench: build
	build/release/harness/bench/wsh-bench
	build/release/harness/bench/wsh-overhead-bench

# Fuzzing (fuzz/README.md). `make fuzz` runs each target FUZZ_SECONDS
# (default 60) on a scratch corpus; `make fuzz-nightly` defaults to 600 s per
# target, merges new coverage into fuzz/corpus and writes build/fuzz/summary.*.
ifeq ($(origin FUZZ_SECONDS),undefined)
FUZZ_SECONDS := 60
FUZZ_NIGHTLY_SECONDS := 600
else
FUZZ_NIGHTLY_SECONDS := $(FUZZ_SECONDS)
endif

fuzz-build: configure-fuzz
	cmake --build --preset fuzz --target wsh-fuzz-targets -j $(JOBS)

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/fuzz_all.sh

fuzz-nightly: fuzz-build
	FUZZ_SECONDS=$(FUZZ_NIGHTLY_SECONDS) fuzz/nightly.sh

clean:
	rm -rf build
