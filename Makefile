# The team's vocabulary: make run · make test · make bench · make fuzz · make crash
SWIFT ?= swift
KAOHE_PROPERTY_COUNT ?= 50000
FUZZ_SECONDS ?= 300
KAOHE_KILLS ?= 1000

.PHONY: setup build run test test-office test-browser bench fuzz crash clean

# Installs Debian packages that are missing, with one apt-get update first.
apt_install = dpkg -s $(1) >/dev/null 2>&1 || { apt-get update && apt-get install -y $(1); }

# What a fresh Debian machine with Swift lacks: GNU readline for the REPL.
setup:
	@dpkg -s libreadline-dev tmux >/dev/null 2>&1 || { apt-get update && apt-get install -y libreadline-dev tmux; }

build: setup
	$(SWIFT) build

# Opens the demo workbook in the REPL.
run: build
	$(SWIFT) run kaohe Workbooks/demo-2026.kaohe

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --disable-xctest

# The .xlsx read back by openpyxl (values, types, formats, frozen pane, print
# titles) and by LibreOffice headless, and a roster LibreOffice wrote imported.
# Not part of `make test`: LibreOffice takes minutes to install.
test-office: setup
	@$(call apt_install,libreoffice-calc-nogui python3-venv)
	@[ -x Tests/Office/.venv/bin/python ] || python3 -m venv Tests/Office/.venv
	@Tests/Office/.venv/bin/python -c "import openpyxl" 2>/dev/null || Tests/Office/.venv/bin/pip install --quiet --disable-pip-version-check openpyxl
	$(SWIFT) build --product kaohe
	Tests/Office/.venv/bin/python Tests/Office/check_xlsx.py .build/debug/kaohe

# The html report printed to PDF and screenshot by headless Chromium, its text
# checked; the PNG and PDF stay in .build/test-browser/. Not part of `make test`.
test-browser: setup
	@$(call apt_install,chromium fonts-noto-cjk poppler-utils fontconfig)
	$(SWIFT) build --product kaohe
	python3 Tests/Browser/check_html.py .build/debug/kaohe

# The workload at 1,000 … 1,000,000 cadres against numpy and IronCalc (a few minutes).
bench: setup
	bash Benchmarks/anchors/setup.sh
	$(SWIFT) build -c release --product kaohe-bench
	$(SWIFT) build -c release --product kaohe
	Benchmarks/.venv/bin/python Benchmarks/bench.py

# The differential property test with many more sequences than CI runs, then
# the libFuzzer harnesses of the formula parser and the file reader
# (Fuzz/: FUZZ_SECONDS each, inputs up to 1 MB; a few minutes).
fuzz: setup
	$(SWIFT) build --build-tests
	KAOHE_PROPERTY_COUNT=$(KAOHE_PROPERTY_COUNT) $(SWIFT) test --disable-xctest --filter PropertyTests
	Fuzz/build.sh
	Fuzz/run.sh $(FUZZ_SECONDS)

# Kills kaohe at every step of a save and a journal append, and KAOHE_KILLS
# times at random, recovering each time (about 7 minutes for 1,000).
crash: setup
	$(SWIFT) build --build-tests
	KAOHE_KILLS=$(KAOHE_KILLS) $(SWIFT) test --disable-xctest --filter CrashTests

clean:
	rm -rf .build .build-fuzz Benchmarks/.venv Tests/Office/.venv
