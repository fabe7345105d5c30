# The two commands of the README are `make run` and `make test`; the rest are
# for developers. Everything goes through the CMake presets in
# CMakePresets.json, so `cmake --preset X` gives the same build by hand.

JOBS ?= 2
HTTPLIB_INCLUDE_DIR ?=
REPORT_DIR ?= build/reports
CTEST_ARGS ?=

# Warnings are errors in CI (CI=true is set there), advisory on a desk.
CMAKE_FLAGS :=
ifneq ($(strip $(HTTPLIB_INCLUDE_DIR)),)
CMAKE_FLAGS += -DHTTPLIB_INCLUDE_DIR=$(abspath $(HTTPLIB_INCLUDE_DIR))
endif
ifeq ($(CI),true)
CMAKE_FLAGS += -DWSH_WERROR=ON
endif

WSHARNESS := build/release/harness/src/cli/wsharness

.PHONY: all deps build run test test-release test-asan tsan bench fuzz-build clean help

all: build

help:
	@echo "make run    build, run the catalogue against every subject, write $(REPORT_DIR)/index.html"
	@echo "make test   build release + asan and run the whole ctest suite in both"
	@echo "make deps   install missing Debian packages"
	@echo "make build  release build only;  make tsan  ThreadSanitizer build + tests"
	@echo "make bench  Google Benchmark suite;  make clean"

deps:
	@scripts/deps.sh

# Reconfigure every time so a changed HTTPLIB_INCLUDE_DIR is picked up; cmake
# is quick when nothing changed.
configure-%: deps
	cmake --preset $* $(CMAKE_FLAGS) >/dev/null

build: configure-release
	cmake --build --preset release -j $(JOBS)

run: build
	$(WSHARNESS) run --role all --transport both --jobs $(JOBS) --report-dir $(REPORT_DIR)

test: test-release test-asan

test-release: configure-release
	cmake --build --preset release -j $(JOBS)
	ctest --preset release -j $(JOBS) $(CTEST_ARGS)

test-asan: configure-asan
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS) $(CTEST_ARGS)

tsan: configure-tsan
	cmake --build --preset tsan -j $(JOBS)
	ctest --preset tsan -j $(JOBS) $(CTEST_ARGS)

bench: build
	build/release/harness/bench/wsh-bench

clean:
	rm -rf build
