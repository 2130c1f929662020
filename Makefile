# Two commands on a fresh machine (python3 and make present):
#   make site   creates .venv, installs govsite, builds the sample site into output/ and serves it
#   make test   installs what the tests need (Chromium, Java, vnu-jar, axe-core) and runs everything
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PIP := $(BIN)/pip install -q --disable-pip-version-check

.PHONY: site build serve test test-deps system-deps node-deps lint typecheck bench clean screenshots fuzz

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e '.[test]'
	touch $@

build: $(STAMP)
	$(BIN)/govsite build

site: build
	@echo "示例网站已构建到 output/，正在 http://localhost:$(PORT) 提供服务（Ctrl-C 停止）"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory output

# Debian packages the tests drive for real: Chromium (browser and axe-core tests),
# Java (the Nu HTML Checker), Node/npm (vnu-jar and axe-core from the npm registry), git,
# LibreOffice (reads .doc/.ppt/.rtf/.wps/.dps/.odt/.ods attachments; govsite import converts
# .doc/.wps; the tests save their .doc/.xls/.ppt/PDF files with it).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v git >/dev/null || missing="$$missing git"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer libreoffice-calc libreoffice-impress"; \
	fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk' || missing="$$missing fonts-wqy-microhei"; \
	if [ -n "$$missing" ]; then \
	  echo "安装系统软件包：$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

node-deps: node_modules/.installed

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

test-deps: $(STAMP) system-deps node-deps

test: test-deps
	$(BIN)/ruff check govsite tests benchmarks
	$(BIN)/ruff format --check govsite tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 --dist loadgroup

# PNGs of one page of each template at 360 px and 1280 px, standard and 关怀版 (issue 14).
screenshots: test-deps
	$(BIN)/python -m tests.browser.screenshots screenshots

# The hypothesis fuzz suite of tests/hostile/test_fuzz.py, longer than in make test
# (FUZZ_EXAMPLES examples per property; each run draws new inputs).
FUZZ_EXAMPLES ?= 5000
fuzz: $(STAMP)
	GOVSITE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:xdist -q tests/hostile/test_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check govsite tests benchmarks
	$(BIN)/ruff format --check govsite tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf output screenshots .output-* .search-* .govsite-lock-* .govsite-cache __pycache__ .pytest_cache .mypy_cache
