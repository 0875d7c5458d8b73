# Community Asset Gaps - developer commands.
#
#   make demo    run the plugin on the bundled Helsinki sample (installs what it needs)
#   make test    lint + the whole test suite (installs what it needs)
#   make package dist/community_asset_gaps.zip for the plugin repository, scanned
#   make translations  refresh i18n/*.ts from the code and compile them to .qm
#
# Both work on a fresh Debian 12 machine: `deps` installs QGIS and the Python
# dependencies from Debian (with sudo when not root), `venv` makes .venv (which
# sees Debian's QGIS bindings) with the test tools from requirements-dev.txt.

SHELL := /bin/bash

# QGIS's Python bindings come from Debian and live in the system Python.
SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
VENV_PYTHON := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed-requirements-dev
DEMO_OUTPUT := demo_output
DIST := dist
# The package is unpacked here and scanned as the plugin repository scans it.
PACKAGE_CHECK_DIR := build/package

APT_PACKAGES := qgis python3-qgis qgis-providers python3-networkx python3-shapely \
	python3-pyproj python3-scipy python3-venv pyqt5-dev-tools
DEPS_CHECK := import qgis.core, networkx, shapely, pyproj, scipy, venv, ensurepip

empty :=
space := $(empty) $(empty)
comma := ,
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

export QT_QPA_PLATFORM := offscreen

# Files that are not shipped in the plugin and are left out of the security scans.
SCAN_EXCLUDE_DIRS := .venv build dist docs tests tools demo_output benchmarks .git .pytest_cache \
	.ruff_cache .hypothesis
# What `scan` scans: the repository, or an unpacked package (`make package`).
SCAN_ROOT := .

.PHONY: all deps venv lint test scan package demo bench clean translations translation-tools

all: test

# QGIS release to run on. Empty (or 3.22): this machine's own QGIS (Debian 12 ships 3.22).
# 3.40 (Debian 13) or 3.44 (Debian unstable): the same target runs inside a Debian root file
# system holding that release, made once by tools/qgis_root.sh and reused on later runs,
# e.g. `make test QGIS=3.44`, `make demo QGIS=3.40`.
QGIS ?=
HOST_QGIS := 3.22
ROOT_TARGETS := test demo bench package lint scan
ifneq ($(filter-out $(HOST_QGIS),$(QGIS)),)
$(ROOT_TARGETS):
	tools/qgis_root.sh $(QGIS) make --no-print-directory $@ QGIS= VENV=/opt/venv \
		DEMO_OUTPUT=$(DEMO_OUTPUT)-$(QGIS) BENCH_ARGS="$(BENCH_ARGS)"
else

deps:
	@if $(SYSTEM_PYTHON) -c "$(DEPS_CHECK)" >/dev/null 2>&1 && command -v qgis_process.bin >/dev/null \
			&& command -v pylupdate5 >/dev/null; then \
		echo "deps: QGIS and the Python dependencies are installed"; \
	else \
		echo "deps: installing QGIS and Python dependencies from Debian"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PACKAGES) && \
		$(SYSTEM_PYTHON) -c "$(DEPS_CHECK)"; \
	fi

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements-dev.txt requirements.txt | deps
	@test -x $(VENV_PYTHON) || $(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(VENV_PYTHON) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

lint: venv
	$(VENV)/bin/ruff check .

test: deps venv lint
	QT_QPA_PLATFORM=offscreen $(VENV_PYTHON) -m pytest tests

# The plugin repository's scans: bandit and detect-secrets, zero findings allowed.
scan: venv
	cd $(SCAN_ROOT) && $(abspath $(VENV))/bin/bandit -q -r . -x $(subst $(space),$(comma),$(addprefix ./,$(SCAN_EXCLUDE_DIRS)))
	cd $(SCAN_ROOT) && $(abspath $(VENV))/bin/detect-secrets scan --all-files \
		--exclude-files '^($(subst $(space),|,$(subst .,\.,$(SCAN_EXCLUDE_DIRS))))/' . \
		| $(abspath $(VENV_PYTHON)) -c "import json, sys; r = json.load(sys.stdin)['results']; \
		sys.exit('detect-secrets found secrets in: ' + ', '.join(r) if r else 0)"

# The plugin zip: shipped files only, metadata checked (tools/package.py), then the
# unpacked copy scanned with bandit and detect-secrets (zero findings, any severity).
package: venv
	$(SYSTEM_PYTHON) tools/package.py --dist $(DIST) --unpack-dir $(PACKAGE_CHECK_DIR)
	$(MAKE) --no-print-directory scan SCAN_ROOT=$(PACKAGE_CHECK_DIR)/community_asset_gaps
	@echo "package: $(DIST)/community_asset_gaps.zip passed bandit and detect-secrets"

# Translations (Welsh): tools/extract_strings.py collects every tr()/translate()/
# QT_TRANSLATE_NOOP string under the context it is translated with at run time, and the
# .ui strings (with pylupdate5), into i18n/*.ts: translations are kept, new strings added
# as unfinished, strings gone marked obsolete. lrelease then compiles each .ts to its .qm,
# which ships. The Qt tools come from Debian (pyqt5-dev-tools, qttools5-dev-tools).
TRANSLATIONS := cy
TS_FILES := $(patsubst %,i18n/community_asset_gaps_%.ts,$(TRANSLATIONS))
TRANSLATION_APT_PACKAGES := pyqt5-dev-tools qttools5-dev-tools

translation-tools:
	@if command -v pylupdate5 >/dev/null && command -v lrelease >/dev/null; then \
		echo "translation-tools: pylupdate5 and lrelease are installed"; \
	else \
		echo "translation-tools: installing the Qt translation tools from Debian"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $(TRANSLATION_APT_PACKAGES); \
	fi

translations: translation-tools
	$(SYSTEM_PYTHON) tools/extract_strings.py --ts $(TS_FILES)
	@for ts in $(TS_FILES); do \
		QT_SELECT=qt5 lrelease $$ts -qm $${ts%.ts}.qm || exit 1; \
	done

demo: deps
	@mkdir -p $(DEMO_OUTPUT)
	QT_QPA_PLATFORM=offscreen $(SYSTEM_PYTHON) tools/demo.py --output-dir $(DEMO_OUTPUT)

# Benchmarks against QGIS native algorithms and the size targets up to a city region (about
# 25 to 30 minutes; see README "Performance"). BENCH_ARGS passes options, e.g.
# `make bench BENCH_ARGS=--quick`, `BENCH_ARGS="--only region"`, `BENCH_ARGS=--profile`, or
# `BENCH_ARGS=--national` for the national case alone (4 million links; not in the default).
bench: deps venv
	QT_QPA_PLATFORM=offscreen $(VENV_PYTHON) benchmarks/run.py $(BENCH_ARGS)

endif

clean:
	rm -rf build $(DIST) $(DEMO_OUTPUT) $(DEMO_OUTPUT)-* .pytest_cache .ruff_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
