# Boletos — Banco Inter. Two commands do everything on a fresh Debian 12 machine:
#   make run    installs what is missing, builds and opens the app
#   make test   installs what is missing, builds and runs every test
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-print-directory

GOBIN := $(shell go env GOPATH 2>/dev/null)/bin
export PATH := $(GOBIN):$(PATH)

VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
GO_TAGS  := desktop,production,webkit2_41
LDFLAGS  := -s -w -X main.version=$(VERSION)
BIN      := build/bin/boletos
OUT      := build/out
WAILS_VERSION := v2.16.0
SUDO     := $(if $(filter 0,$(shell id -u)),,sudo)
XVFB     := xvfb-run -a -s "-screen 0 1280x900x24"
FUZZTIME ?= 10s
# package:target pairs run for FUZZTIME each by make test
FUZZ_TARGETS := \
	./internal/boleto:FuzzDecode \
	./internal/boleto:FuzzParseBRL \
	./internal/boleto:FuzzParseDecimal \
	./internal/pix:FuzzParse

APT_PACKAGES := gcc pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev \
	xvfb xauth imagemagick x11-utils xdotool \
	dbus dbus-x11 gnome-keyring \
	poppler-utils zbar-tools fonts-dejavu-core fonts-liberation2 \
	chromium

FRONTEND_SRC := $(shell find frontend/src frontend/wailsjs -type f 2>/dev/null) \
	$(wildcard frontend/index.html frontend/vite.config.* frontend/tsconfig*.json)

.PHONY: deps apt-deps toolchain-check npm-deps frontend build run \
	test test-lint test-go test-fuzz test-frontend test-e2e test-smoke test-bindings \
	bindings bench clean

## ---- set-up -----------------------------------------------------------------

deps: toolchain-check apt-deps npm-deps

toolchain-check:
	@command -v go >/dev/null || { echo "Falta o Go 1.26 ou mais novo: instale de https://go.dev/dl e rode de novo."; exit 1; }
	@command -v npm >/dev/null || { echo "Falta o Node.js 20.19 ou mais novo (com npm): instale e rode de novo."; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
		|| { echo "O Node.js $$(node --version) é antigo: o Vite 8 precisa do 20.19 ou mais novo."; exit 1; }

# Debian packages: checked one by one (fast); apt runs only when one is missing.
apt-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Instalando pacotes do sistema:$$missing"; \
		$(SUDO) apt-get update -qq; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

npm-deps: frontend/node_modules/.package-lock.json

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(GOBIN)/wails:
	go install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION)

## ---- build ------------------------------------------------------------------

frontend: frontend/dist/index.html

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(FRONTEND_SRC)
	cd frontend && npm run build --silent

build: deps frontend
	go build -tags $(GO_TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) .

# Regenerates the committed Wails bindings in frontend/wailsjs.
bindings: $(GOBIN)/wails
	wails generate module -tags webkit2_41

## ---- run --------------------------------------------------------------------

# With a display: the desktop window. Without one: the browser mode, which
# prints the address to open. With no account yet, the demo account (backed by
# the in-process simulator) is created so that everything can be tried.
run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		exec ./$(BIN) --demo $(ARGS); \
	else \
		echo "Sem tela gráfica (DISPLAY e WAYLAND_DISPLAY vazios): abrindo o modo navegador."; \
		exec ./$(BIN) serve --demo $(ARGS); \
	fi

## ---- tests ------------------------------------------------------------------

# In this order (make runs prerequisites left to right; build happens once).
test: build test-lint test-bindings test-go test-fuzz test-frontend test-e2e test-smoke
	@echo "make test: tudo certo."

test-lint:
	@bad=$$(gofmt -l main.go app internal); [ -z "$$bad" ] || { echo "gofmt: arquivos fora do formato:"; echo "$$bad"; exit 1; }
	go vet ./...
	go vet -tags smoke ./app/

# The committed bindings must match the Go façades.
test-bindings: $(GOBIN)/wails
	@wails generate module -tags webkit2_41 >/dev/null
	@git diff --quiet --exit-code -- frontend/wailsjs || { echo "frontend/wailsjs está desatualizado: rode 'make bindings' e faça commit."; git diff --stat -- frontend/wailsjs; exit 1; }

# Runs $(1) inside a private D-Bus session with an unlocked gnome-keyring in a
# temporary XDG_DATA_HOME: keychain code meets a real Secret Service and never
# the user's own keyring, and no bus or keyring daemon outlives the command.
define in_keyring_session
	@keyring_home=$$(mktemp -d); trap 'rm -rf "$$keyring_home"' EXIT; \
	XDG_DATA_HOME=$$keyring_home dbus-run-session -- sh -c \
		'echo -n boletos-test | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null && $(1)' \
		2> >(grep -v 'Failed to set fd limit' >&2)
endef

test-go:
	$(call in_keyring_session,go test -race ./...)
	go test -race -count=1 -run='^TestScreenshots$$' ./internal/printing/ -args -png-out=$(CURDIR)/$(OUT)/print

test-fuzz:
	@for pt in $(FUZZ_TARGETS); do \
		pkg=$${pt%%:*}; target=$${pt##*:}; \
		echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
		go test -run='^$$' -fuzz="^$$target\$$" -fuzztime=$(FUZZTIME) $$pkg; \
	done

test-frontend: npm-deps
	cd frontend && npm run --silent typecheck && npm test --silent

test-e2e: build
	$(call in_keyring_session,cd frontend && BOLETOS_BIN=$(CURDIR)/$(BIN) npm run --silent e2e)

# The real window under Xvfb: waits for DOM-ready, screenshots, fails if blank.
test-smoke: build
	$(call in_keyring_session,$(XVFB) go test -tags smoke -count=1 -run TestDesktopSmoke ./app/ -args -bin=$(CURDIR)/$(BIN) -out=$(CURDIR)/$(OUT)/smoke)

## ---- benchmarks -------------------------------------------------------------

# One table: name, value, unit, target. Never part of make test.
# BenchmarkCompareGerarBoletos (internal/printing) runs the npm package
# gerar-boletos beside ours: compare-deps installs it from the lock file.
bench: build compare-deps
	@mkdir -p $(OUT)
	@go test -run='^$$' -bench=. -benchmem $$(go list ./... | grep -v /internal/inter$$) > $(OUT)/bench.txt || { cat $(OUT)/bench.txt; exit 1; }
	@# The bank client's figures are per 1,000 calls, so each of its benchmarks makes exactly 1,000.
	@go test -run='^$$' -bench=. -benchtime=1000x ./internal/inter/ >> $(OUT)/bench.txt || { cat $(OUT)/bench.txt; exit 1; }
	@go run ./internal/benchtable < $(OUT)/bench.txt

.PHONY: compare-deps
compare-deps: internal/printing/compare/node_modules/.package-lock.json

internal/printing/compare/node_modules/.package-lock.json: internal/printing/compare/package.json internal/printing/compare/package-lock.json
	npm ci --prefix internal/printing/compare --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf build/bin $(OUT) frontend/dist/assets frontend/dist/index.html
