# vseal: the two commands a new user needs are `make demo` and `make test` (see README.md).
# Both install missing Debian packages first (scripts/install-deps.sh).
BUILD      ?= build
BUILD_TYPE ?= Release
JOBS       ?= $(shell nproc)
SCHED      ?= local
CMAKE_ARGS ?=

.PHONY: all deps configure build test test-portable demo bench clean

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest -j $(JOBS) --output-on-failure

# The same suite on a build with no ISA-specific code and no CUDA (style.md convention 11).
test-portable: deps
	$(MAKE) test BUILD=$(BUILD)-portable CMAKE_ARGS="-DVSEAL_PORTABLE_ONLY=ON -DVC_CUDA=OFF -DVSEAL_BUILD_BENCH=OFF"

# SCHED=slurm: the same demo through the local Slurm dev cluster (slurm/devcluster, root).
demo: build
	SCHED=$(SCHED) ./scripts/demo.sh $(BUILD)/bin

bench: build
	./scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD)-portable
