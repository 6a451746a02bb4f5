# One entry point for humans and CI. `make test` is the command the README
# and .ci/run use: unit tests, lint, then the real-Flink end-to-end suite.
GOLANGCI_LINT_VERSION ?= v2.15.0
TOOLS := $(CURDIR)/.tools
GOLANGCI_LINT := $(TOOLS)/golangci-lint-$(GOLANGCI_LINT_VERSION)

.PHONY: test unit lint e2e build bench

test: unit lint e2e

build:
	go build -o bin/uidcheck ./cmd/uidcheck

unit:
	go vet ./...
	go test ./...

$(GOLANGCI_LINT):
	mkdir -p $(TOOLS)
	GOBIN=$(TOOLS)/gobin go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)
	mv $(TOOLS)/gobin/golangci-lint $@

lint: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run ./...

e2e:
	scripts/e2e.sh

bench:
	go test -run '^$$' -bench . -benchmem ./...
