# shftu-rules — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# Binding crates built and tested by their own toolchains (maturin, napi) rather than `cargo test`.
CARGO_TEST_EXCLUDES := $(foreach c,shftu-rules-python shftu-rules-node,$(if $(wildcard bindings/$(subst shftu-rules-,,$(c))/Cargo.toml),--exclude $(c)))
comma := ,
BINDING_SUITES := $(foreach b,python node jvm wasm,$(if $(wildcard bindings/$(b)/ci.sh),$(b)))
ENGINES := rust,cli$(if $(filter python,$(BINDING_SUITES)),$(comma)python)$(if $(filter node,$(BINDING_SUITES)),$(comma)node)$(if $(filter jvm,$(BINDING_SUITES)),$(comma)jvm)$(if $(filter wasm,$(BINDING_SUITES)),$(comma)wasm)

.PHONY: help test lint layers docs rust nostd main schema differential conformance python node jvm wasm spark peers fuzz fmt bless

help: ## list the targets
	@grep -E '^[a-z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

test: lint layers rust nostd main schema docs differential fuzz $(BINDING_SUITES) $(if $(filter python,$(BINDING_SUITES)),spark peers) conformance ## run every test: Rust, no_std proof, main job, each binding's suite
	@echo "all test suites passed"

lint: ## cargo fmt --check and clippy with warnings denied
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

rust: ## the Rust tests: core (conformance, snapshots, proptest, wire), CLI, doctests
	cargo test --workspace $(CARGO_TEST_EXCLUDES)

nostd: ## prove the core is no_std (cargo tree + a no_std staticlib that links it)
	tests/no_std/check.sh

main: ## the README's main job: every sample request answers ok
	cargo build --release -p shftu-rules-cli
	@n=$$(grep -c . spec/examples/requests.jsonl); ok=$$(./target/release/shftu-rules eval < spec/examples/requests.jsonl | grep -c '^{"ok":true'); \
	  echo "main job: $$ok of $$n sample requests answered ok"; test "$$ok" = "$$n"

schema: ## the JSON Schemas are what the registry gives; every conformance vector validates against them
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet 'jsonschema>=4.20'
	cargo build --release -q -p shftu-rules-cli
	python3 tests/schema/generate.py --check
	python3 tests/schema/check.py

docs: ## spec/generated/rules.md is what the registry gives; the contract's prose lists exactly each rule's fields
	cargo build --release -q -p shftu-rules-cli
	python3 tests/docs/generate.py --check
	python3 tests/docs/check.py

layers: ## the core's module graph has no import cycle, and rule families do not import each other
	python3 tests/layers/check.py

differential: ## an independent Python model of enroll and adjudicate against the core, 100,000 cases each
	cargo build --release -q -p shftu-rules-cli
	python3 tests/differential/run.py --n 100000

conformance: ## every vector of spec/cases through the CLI, Python, Node, the JVM and Rust, byte for byte
	tests/conformance/run --engines $(ENGINES)

python: ## the Python binding: build the wheel in a venv, stubtest, pytest
	bindings/python/ci.sh

# The Spark example and the peers' smoke run use the Python binding's venv (`make python` builds the wheel into it; without the
# venv, bindings/python/ci.sh builds it, notebook skipped) with pyspark pinned in examples/spark/requirements.txt.
PY_VENV ?= target/py/ci-venv
JAVA17_HOME ?= /usr/lib/jvm/java-17-openjdk-amd64
spark: ## the Spark example: mapInArrow over the batch API, 200,000 rows on local[2], totals vs one process
	@$(PY_VENV)/bin/python -c 'import shftu_rules.batch' 2>/dev/null || SHFTU_PY_NOTEBOOK=0 SHFTU_PY_VENV=$(abspath $(PY_VENV)) bindings/python/ci.sh
	PIP_DISABLE_PIP_VERSION_CHECK=1 $(PY_VENV)/bin/python -m pip install -q -r examples/spark/requirements.txt
	JAVA_HOME=$(JAVA17_HOME) PATH="$(JAVA17_HOME)/bin:$$PATH" $(PY_VENV)/bin/python -m pytest examples/spark/test_spark.py -p no:cacheprovider -q

peers: ## benches/peers smoke run: 20,000 rows through ours, numpy, OpenFisca, zen-engine, a Decimal loop; answers equal to the fen
	@$(PY_VENV)/bin/python -c 'import shftu_rules.batch' 2>/dev/null || SHFTU_PY_NOTEBOOK=0 SHFTU_PY_VENV=$(abspath $(PY_VENV)) bindings/python/ci.sh
	PIP_DISABLE_PIP_VERSION_CHECK=1 $(PY_VENV)/bin/python -m pip install -q -r benches/peers/requirements.txt
	$(PY_VENV)/bin/python benches/peers/run.py --quick

node: ## the Node binding: npm ci, build, index.d.ts check, node --test
	bindings/node/ci.sh

jvm: ## the JVM binding (JNI JAR, JUnit, 16-thread traces, aarch64 cross-build, a plain-pom consumer) and the Swift crate
	bindings/jvm/ci.sh

wasm: ## the WASM package (build, size budget, corpus in Node) and the web page in headless Chromium
	bindings/wasm/ci.sh

fuzz: ## short fuzzing of every target (fuzz/ci.sh: replay the regressions, then about 30 s on 2 cores); long runs: fuzz/run.sh
	fuzz/ci.sh

fmt: ## format the Rust code
	cargo fmt --all

bless: ## refresh the recorded responses of spec/cases (then review the diff)
	SHFTU_BLESS=1 cargo test -p shftu-rules --test conformance
