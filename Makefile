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
# Only for the installers (make windows, make dist, make test): not for make run.
DIST_APT_PACKAGES := gcc-mingw-w64-x86-64-win32 nsis

FRONTEND_SRC := $(shell find frontend/src frontend/wailsjs -type f 2>/dev/null) \
	$(wildcard frontend/index.html frontend/vite.config.* frontend/tsconfig*.json)

.PHONY: deps apt-deps dist-apt-deps toolchain-check npm-deps frontend build run \
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
define apt_install
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Instalando pacotes do sistema:$$missing"; \
		$(SUDO) apt-get update -qq; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

apt-deps:
	$(call apt_install,$(APT_PACKAGES))

dist-apt-deps:
	$(call apt_install,$(DIST_APT_PACKAGES))

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
test: build test-lint test-bindings test-go test-dist test-fuzz test-frontend test-e2e test-smoke
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

# One test file at a time (npm run e2e): two at a time saves about a minute, but the
# load turned timing into flakes (a menu click lost while the list reloaded).
test-e2e: build
	$(call in_keyring_session,cd frontend && BOLETOS_BIN=$(CURDIR)/$(BIN) npm run --silent e2e)

# The real window under Xvfb: waits for DOM-ready, screenshots, fails if blank.
test-smoke: build
	$(call in_keyring_session,$(XVFB) go test -tags smoke -count=1 -run TestDesktopSmoke ./app/ -args -bin=$(CURDIR)/$(BIN) -out=$(CURDIR)/$(OUT)/smoke)

## ---- installers -------------------------------------------------------------

# make windows: build/bin/boletos.exe (windows/amd64; cgo through mingw-w64 for
# SQLite) and its NSIS installer; make deb: the .deb; make dist: both. The
# versions Windows and Debian accept are derived from VERSION (git describe)
# by internal/dist, which also writes the .exe's resources (icon, manifest,
# version information) and checks them in test-dist.
.PHONY: dist windows deb test-dist dist-check-debian
DIST_COMMITS  := $(shell git rev-list --count HEAD 2>/dev/null || echo 0)
DIST_TOOL     := $(OUT)/dist/dist
DIST_FLAGS     = -describe '$(VERSION)' -commits $(DIST_COMMITS)
PRODUCT_NAME  := Boletos
NFPM_VERSION  := v2.45.2
WIN_CC        := x86_64-w64-mingw32-gcc
WIN_EXE       := build/bin/boletos.exe
WIN_INSTALLER := build/bin/boletos-$(VERSION)-windows-amd64-installer.exe
# go build links every .syso of the main package's folder; the _windows_amd64
# suffix keeps Linux builds from seeing it while it exists.
WIN_SYSO      := boletos_windows_amd64.syso
DEB_ICON_SIZES := 256 128 64 48

dist: windows deb

$(DIST_TOOL): $(wildcard internal/dist/*.go) go.mod go.sum
	go build -o $@ ./internal/dist

$(GOBIN)/nfpm:
	go install github.com/goreleaser/nfpm/v2/cmd/nfpm@$(NFPM_VERSION)

windows: deps dist-apt-deps frontend $(DIST_TOOL)
	@mkdir -p $(OUT)/windows build/bin
	trap 'rm -f $(WIN_SYSO)' EXIT; \
	$(DIST_TOOL) winres $(DIST_FLAGS) -syso $(WIN_SYSO) -ico $(OUT)/windows/icon.ico; \
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=$(WIN_CC) \
		go build -tags desktop,production -ldflags "$(LDFLAGS) -H windowsgui" -o $(WIN_EXE) .
	install -m 0644 "$$(go list -m -f '{{.Dir}}' github.com/wailsapp/wails/v2)/internal/webview2runtime/MicrosoftEdgeWebview2Setup.exe" $(OUT)/windows/
	@rm -f build/bin/boletos-*-windows-amd64-installer.exe
	makensis -V2 -INPUTCHARSET UTF8 \
		-DINFO_PRODUCTVERSION='$(VERSION)' \
		-DINFO_FILEVERSION=$$($(DIST_TOOL) version $(DIST_FLAGS) -format windows) \
		-DARG_WAILS_AMD64_BINARY=$(CURDIR)/$(WIN_EXE) \
		-DAPP_ICON=$(CURDIR)/$(OUT)/windows/icon.ico \
		-DWEBVIEW2_SETUP=$(CURDIR)/$(OUT)/windows/MicrosoftEdgeWebview2Setup.exe \
		-DOUTFILE=$(CURDIR)/$(WIN_INSTALLER) \
		build/windows/installer/project.nsi
	@echo "Windows: $(WIN_EXE) e $(WIN_INSTALLER)"

deb: build $(DIST_TOOL) $(GOBIN)/nfpm
	@for s in $(DEB_ICON_SIZES); do \
		mkdir -p $(OUT)/linux/icons/$${s}x$${s}; \
		convert build/appicon.png -resize $${s}x$${s} -strip PNG32:$(OUT)/linux/icons/$${s}x$${s}/boletos.png; \
	done
	@debv=$$($(DIST_TOOL) version $(DIST_FLAGS) -format deb); \
	rm -f build/bin/boletos_*_amd64.deb; \
	BOLETOS_DEB_VERSION=$$debv nfpm package --config build/linux/nfpm.yaml --packager deb \
		--target build/bin/boletos_$${debv}_amd64.deb >/dev/null; \
	echo "Debian: build/bin/boletos_$${debv}_amd64.deb"

# Both installers build and carry the version; the .deb installs into a
# scratch root (its own dpkg database) and the program installed there prints
# the version. Needs root, like the rest of make test on this machine.
test-dist: windows deb $(DIST_TOOL)
	$(DIST_TOOL) check $(DIST_FLAGS) -product $(PRODUCT_NAME) $(WIN_EXE)
	$(DIST_TOOL) check $(DIST_FLAGS) -product $(PRODUCT_NAME) -installer $(WIN_INSTALLER)
	@debv=$$($(DIST_TOOL) version $(DIST_FLAGS) -format deb); deb=build/bin/boletos_$${debv}_amd64.deb; \
	info=$$(dpkg-deb --field $$deb Package Version Depends Recommends); \
	for want in "Package: boletos" "Version: $$debv" libwebkit2gtk-4.1-0 libgtk-3-0 gnome-keyring; do \
		grep -qF -- "$$want" <<<"$$info" || { echo "$$deb: falta \"$$want\" em:"; echo "$$info"; exit 1; }; \
	done; \
	files=$$(dpkg-deb --contents $$deb); \
	for want in ./usr/bin/boletos ./usr/share/applications/boletos.desktop \
		$(foreach s,$(DEB_ICON_SIZES),./usr/share/icons/hicolor/$(s)x$(s)/apps/boletos.png); do \
		grep -qF -- " $$want" <<<"$$files" || { echo "$$deb: falta o arquivo $$want"; exit 1; }; \
	done; \
	root=$$(mktemp -d); trap 'rm -rf "$$root"' EXIT; \
	mkdir -p $$root/var/lib/dpkg/info $$root/var/lib/dpkg/updates; touch $$root/var/lib/dpkg/status; \
	log=$$(dpkg --root=$$root --log=/dev/null --force-depends -i $$deb 2>&1) || { echo "$$log"; exit 1; }; \
	dpkg --root=$$root -s boletos | grep -qx "Status: install ok installed"; \
	got=$$($$root/usr/bin/boletos version); \
	[ "$$got" = "boletos $(VERSION)" ] || { echo "o boletos instalado diz \"$$got\", esperado \"boletos $(VERSION)\""; exit 1; }; \
	echo "$$deb: instala numa raiz de teste e o programa instalado diz \"$$got\""

# By hand only, as root (a few minutes; downloads Debian packages): the .deb
# installs with apt on a fresh Debian 12 (debootstrap + chroot) and runs there.
dist-check-debian: deb $(DIST_TOOL)
	build/linux/check-debian12.sh build/bin/boletos_$$($(DIST_TOOL) version $(DIST_FLAGS) -format deb)_amd64.deb "boletos $(VERSION)"

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
