# taizhang — the two commands a new user needs are `make demo` and `make test`.
GO      ?= go
PKGS    := ./...
FUZZTIME ?= 20s

.PHONY: demo test bench fuzz lint build

## demo: the whole job that exists so far, on the embedded plan, in ./demo
demo:
	$(GO) run ./cmd/taizhang demo --dir demo

## test: lint, then every test, including those that run LibreOffice, poppler, openpyxl and
## Chromium (go test -short ./... runs the rest, in under a minute)
test: lint
	$(GO) test -count=1 $(PKGS)

## bench: Go benchmarks (-benchmem), then ingest of 1,000 and 10,000 generated returns in its own
## process beside a plain excelize reader over the same files (BENCH_SIZES to change), then each
## hostile file of issue 11 ingested in a process of its own (peak RSS, wall time), then
## taizhang serve under 36 agencies × 5 concurrent uploads (upload-to-verdict p50/p95, peak RSS), then
## the xlsx reader alone beside excelize and the inflate floor on 1,000 returns re-saved by LibreOffice
BENCH_SIZES ?= 1000,10000
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
	$(GO) run ./bench -n $(BENCH_SIZES)
	$(GO) run ./bench -hostile
	$(GO) run ./bench -web
	$(GO) run ./bench -reader -n 1000

## fuzz: each fuzz target for FUZZTIME (seed corpora live in testdata/fuzz, and excel/xlsxread/testdata/sheets)
fuzz:
	$(GO) test ./excel/xlsxread -run '^$$' -fuzz '^FuzzSheetXML$$' -fuzztime $(FUZZTIME)
	$(GO) test ./catalog -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./catalog -run '^$$' -fuzz '^FuzzIndicators$$' -fuzztime $(FUZZTIME)
	$(GO) test ./catalog -run '^$$' -fuzz '^FuzzReadTable$$' -fuzztime $(FUZZTIME)
	$(GO) test ./plandoc -run '^$$' -fuzz '^FuzzReadDOCX$$' -fuzztime $(FUZZTIME)
	$(GO) test ./plandoc -run '^$$' -fuzz '^FuzzRejoin$$' -fuzztime $(FUZZTIME)
	$(GO) test ./plandoc -run '^$$' -fuzz '^FuzzPageLines$$' -fuzztime $(FUZZTIME)
	$(GO) test ./templates/catalogbook -run '^$$' -fuzz '^FuzzReadCatalog$$' -fuzztime $(FUZZTIME)
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzParseValue$$' -fuzztime $(FUZZTIME)
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzReadLedger$$' -fuzztime $(FUZZTIME)
	$(GO) test ./cnum -run '^$$' -fuzz '^FuzzFormatParse$$' -fuzztime $(FUZZTIME)

## lint: gofmt, go vet and staticcheck must be clean. staticcheck runs at a pinned version through
## go run (fetched by the Go module proxy on first use), so a machine with only Go has it and the
## module's own go.mod and build never include it.
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(STATICCHECK) $(PKGS)

## build: the taizhang command, as ./taizhang (go install ./cmd/taizhang puts it in $(go env GOPATH)/bin)
build:
	$(GO) build -o taizhang ./cmd/taizhang
