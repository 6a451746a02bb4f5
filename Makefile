# One entry point for humans and CI. `make test` is the command the README
# and .ci/run use: unit tests, lint, then the real-Flink end-to-end suite.
GOLANGCI_LINT_VERSION ?= v2.15.0
TOOLS := $(CURDIR)/.tools
GOLANGCI_LINT := $(TOOLS)/golangci-lint-$(GOLANGCI_LINT_VERSION)

.PHONY: test unit lint e2e build bench render render-deps emulator-deps

# unit includes the graph render checks (Graphviz, Mermaid's parser, headless
# Chromium); they skip locally without those tools and fail without them under
# CI. `make render-deps` installs the pinned npm packages they use.
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

render-deps:
	npm ci --prefix testdata/render --no-audit --no-fund

MOTO := testdata/moto/.venv/bin/moto_server

# emulator-deps installs the servers the object-store tests of
# savepointinfo/savepointfs and cmd/uidcheck start on loopback: Azurite (npm,
# pinned in testdata/azurite) for abfs:// and wasbs://, moto's S3 server mode
# (PyPI, pinned in testdata/moto/requirements.txt, in a venv), an S3 written
# apart from ours, and the Hadoop artifacts of the MiniDFSCluster
# (testdata/hdfs-minicluster) for hdfs://. Without them those tests skip, and
# fail under CI. The S3 and GCS servers are Go modules run inside the tests.
emulator-deps: $(MOTO)
	npm ci --prefix testdata/azurite --no-audit --no-fund
	mvn -q -B -f testdata/hdfs-minicluster/pom.xml dependency:resolve dependency:build-classpath -Dmdep.outputFile=/dev/null

$(MOTO): testdata/moto/requirements.txt
	rm -rf testdata/moto/.venv
	python3 -m venv testdata/moto/.venv
	testdata/moto/.venv/bin/pip install --quiet --disable-pip-version-check -r $<
	touch $@

# render runs only the graph render checks.
render:
	go test -count=1 -run 'TestGraph' -v ./internal/cli

bench:
	go test -run '^$$' -bench . -benchmem ./...
