package cli

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"runtime/debug"
	"slices"

	"github.com/spf13/cobra"
	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/driver"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/rules"
	"github.com/uidcheck/uidcheck/analyzer/settings"
	"github.com/uidcheck/uidcheck/flinkid"
	"github.com/uidcheck/uidcheck/internal/baseline"
	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/config"
	"github.com/uidcheck/uidcheck/internal/processors"
	"github.com/uidcheck/uidcheck/internal/report"
)

type checkOptions struct {
	f            *Factory
	paths        []string
	formats      []string
	output       string
	specs        []formatSpec
	failOn       string
	configPath   string
	baseline     string
	manifest     string
	updateMan    bool
	changedSince string
	fix, diff    bool
	savepoint    string
	writeBase    string
	config       *config.Config
	allOperators bool
	includeTests bool
	maxFileSize  int64
	maxParseSize int64
	allowEmpty   bool
}

func newCmdCheck(f *Factory) *cobra.Command {
	return newCmdCheckWith(f, checkRun)
}

func newCmdCheckWith(f *Factory, runF func(context.Context, *checkOptions) error) *cobra.Command {
	opts := &checkOptions{f: f}
	cmd := &cobra.Command{
		Use:   "check [paths...]",
		Short: "Find stateful operators without a uid, and duplicate or unstable uids",
		Long: `Check analyses the Flink DataStream jobs in the Java files under the given
paths (default ".") and reports stateful operators without a uid, uids used
twice in one job, and uids that change between runs.

Directories are searched recursively, following a directory given as a
symbolic link. .git is skipped, and so is build output: target beside a
pom.xml, build beside a build.gradle(.kts), node_modules beside a
package.json. A path that yields no Java file is an error unless
--allow-empty.

` + exitCodeHelp,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if len(opts.paths) == 0 {
				opts.paths = []string{"."}
			}
			if err := checkSizes(opts.maxFileSize, opts.maxParseSize); err != nil {
				return err
			}
			specs, err := parseFormats(opts.formats, opts.output)
			if err != nil {
				return err
			}
			opts.specs = specs
			if opts.config, err = loadConfig(opts.configPath); err != nil {
				return err
			}
			if opts.config != nil && opts.config.FailOn != "" && !cmd.Flags().Changed("fail-on") {
				opts.failOn = opts.config.FailOn
			}
			if opts.config != nil && opts.config.IncludeTests && !cmd.Flags().Changed("include-tests") {
				opts.includeTests = true
			}
			switch opts.failOn {
			case "error", "warning", "info", "none":
			default:
				return flagErrorf("invalid --fail-on %q: want error, warning, info or none", opts.failOn)
			}
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVar(&opts.formats, "format", []string{"text"},
		"output format: text, json, sarif, github, checkstyle or markdown (a pull-request comment); FORMAT=FILE writes to a file (repeatable)")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write the standard-output format to `FILE` instead")
	cmd.Flags().StringVar(&opts.failOn, "fail-on", "error", "lowest severity that fails the run: error, warning, info or none")
	cmd.Flags().BoolVar(&opts.fix, "fix", false, "apply the suggested fixes: add .uid(\"…\") to stateful operators without one")
	cmd.Flags().BoolVar(&opts.diff, "diff", false, "print the suggested fixes as a diff instead of applying them")
	cmd.Flags().StringVarP(&opts.savepoint, "savepoint", "s", "", "compare with the savepoint `PATH`: report uids renamed since it (changeduid), and with --fix pin the OperatorIDs its state is under (setUidHash)")
	cmd.Flags().StringVar(&opts.changedSince, "changed-since", "", "report only findings in files changed since the git `REV` (the whole tree is still analysed)")
	cmd.Flags().StringVar(&opts.manifest, "manifest", "", "compare uids with the uid manifest `FILE` (rules removeduid, changeduid)")
	cmd.Flags().BoolVar(&opts.updateMan, "update-manifest", false, "rewrite the --manifest file from the code after checking")
	cmd.Flags().StringVar(&opts.baseline, "baseline", "", "report only findings that are not in the baseline `FILE`")
	cmd.Flags().StringVar(&opts.writeBase, "write-baseline", "", "write all current findings to the baseline `FILE` and exit 0")
	cmd.Flags().StringVar(&opts.configPath, "config", "", "configuration `FILE` (default: .uidcheck.yaml in the working directory or a parent)")
	cmd.Flags().BoolVar(&opts.allOperators, "all-operators", false, "also report stateless operators without a uid (info)")
	cmd.Flags().BoolVar(&opts.includeTests, "include-tests", false, testsFlagHelp)
	cmd.Flags().Int64Var(&opts.maxFileSize, "max-file-size", driver.DefaultMaxFileSize, "refuse Java files larger than this many bytes (exit 2)")
	cmd.Flags().Int64Var(&opts.maxParseSize, "max-parse-size", javasyntax.DefaultMaxParseSize, "do not parse pipeline files larger than this many bytes (warning)")
	cmd.Flags().BoolVar(&opts.allowEmpty, "allow-empty", false, allowEmptyUsage)
	return cmd
}

// checkSizes refuses size limits that are not positive: 0 used to mean the
// default, so a typo would have analysed with another limit than asked.
func checkSizes(maxFile, maxParse int64) error {
	if maxFile <= 0 {
		return flagErrorf("invalid --max-file-size %d: want a positive number of bytes", maxFile)
	}
	if maxParse <= 0 {
		return flagErrorf("invalid --max-parse-size %d: want a positive number of bytes", maxParse)
	}
	return nil
}

const allowEmptyUsage = "accept a path that holds no Java file (otherwise exit 2)"

func checkRun(ctx context.Context, opts *checkOptions) error {
	err := checkOnce(ctx, opts)
	if opts.updateMan && (err == nil || errors.Is(err, errFindings)) {
		if uerr := updateManifest(ctx, opts.f, opts.paths, opts.manifest, opts.includeTests); uerr != nil {
			return uerr
		}
	}
	return err
}

// checkOnce analyses, reports and decides the exit status.
func checkOnce(ctx context.Context, opts *checkOptions) error {
	if opts.updateMan && opts.manifest == "" {
		return flagErrorf("--update-manifest needs --manifest FILE")
	}
	s, err := checkSettings(opts.config, opts)
	if err != nil {
		return err
	}
	withOperators := false
	for _, spec := range opts.specs {
		withOperators = withOperators || spec.name == "json"
	}
	aopts := analyzeOptions{paths: opts.paths, withOperators: withOperators, maxFileSize: opts.maxFileSize, settings: s, allowEmpty: opts.allowEmpty}
	res, err := analyze(ctx, opts.f, aopts, defaultAnalyzers())
	if err != nil {
		return err
	}
	var analysed []report.Diagnostic
	chain := []processors.Processor{processors.Config{C: opts.config}, processors.Tap{Into: &analysed}}
	if opts.changedSince != "" {
		changed, err := changedFiles(ctx, opts.changedSince)
		if err != nil {
			return err
		}
		chain = append(chain, processors.ChangedFiles{Changed: changed})
	}
	chain = append(chain, processors.LineText{Lines: res.run.Lines}, processors.Fingerprints{})
	if opts.baseline != "" && opts.writeBase == "" {
		b, err := baseline.Load(opts.baseline)
		if err != nil {
			return err
		}
		chain = append(chain, processors.Baseline{File: b, Stale: func(e baseline.Entry) {
			fmt.Fprintf(opts.f.IO.ErrOut, "uidcheck: stale baseline entry (no longer found): %s: %s (%s)\n", e.File, e.Message, e.Rule)
		}})
	}
	if res.report.Diagnostics, err = processors.Run(res.report.Diagnostics, chain...); err != nil {
		return err
	}
	if opts.writeBase != "" {
		if err := baseline.New(res.report.Diagnostics).Write(opts.writeBase); err != nil {
			return err
		}
		fmt.Fprintf(opts.f.IO.ErrOut, "uidcheck: wrote %d findings to %s\n", len(res.report.Diagnostics), opts.writeBase)
		return res.fileErr()
	}
	if opts.fix || opts.diff || withOperators || opts.savepoint != "" {
		if err := fixStage(ctx, opts, aopts, res, analysed); err != nil || opts.diff {
			return err
		}
	}
	if err := writeReports(opts.f, opts.specs, res); err != nil {
		return err
	}
	if err := res.fileErr(); err != nil {
		return err
	}
	if opts.failOn != "none" {
		threshold := report.Severity(opts.failOn).Rank()
		for _, d := range res.report.Diagnostics {
			if d.Severity.Rank() >= threshold {
				return errFindings
			}
		}
	}
	return nil
}

func defaultAnalyzers() []*analysis.Analyzer {
	var as []*analysis.Analyzer
	for _, r := range rules.All() {
		if r.Default {
			as = append(as, r.Analyzer)
		}
	}
	return as
}

// analysisResult is one analysis run and its report.
type analysisResult struct {
	run    *driver.Result
	report *report.Result
	errs   []error
}

// fileErr summarises files that could not be analysed; each was already
// printed. It makes the command exit 2 after the rest was reported.
func (r *analysisResult) fileErr() error {
	if len(r.errs) == 0 {
		return nil
	}
	if len(r.errs) == 1 {
		return errors.New("1 file could not be analysed")
	}
	return fmt.Errorf("%d files could not be analysed", len(r.errs))
}

// softMemoryLimit is the Go heap size the garbage collector aims to stay
// under; GOMEMLIMIT overrides it. It trades memory for collection work
// within the 300 MB goal: on 10,000 generated jobs a 200 MiB limit gave a
// peak RSS of 214 MB and 240 MiB gave 255 MB, about 5% faster.
const softMemoryLimit = 240 << 20

// testsFlagHelp documents --include-tests, the same for every command that
// reads the pipeline model, so that they agree on which jobs exist.
const testsFlagHelp = "also analyse jobs whose entry point is a test (JUnit or TestNG methods, *Test, *Tests, *ITCase, *TestBase classes); a main method is always a job"

// analyzeOptions are the settings check and operators share.
type analyzeOptions struct {
	paths         []string
	withOperators bool
	maxFileSize   int64
	// settings reach the analyzers; nil means the defaults.
	settings *settings.Settings
	// allowEmpty accepts a path argument that yields no Java file.
	allowEmpty bool
}

// analyze collects the Java files under paths, runs the analyzers and
// resolves the results into a report, with the operator inventory when
// withOperators is set. Files that cannot be read are printed to stderr and
// recorded; the others are analysed.
func analyze(ctx context.Context, f *Factory, o analyzeOptions, analyzers []*analysis.Analyzer) (*analysisResult, error) {
	if o.settings == nil {
		o.settings = settings.Default()
	}
	if f.IO.Getenv("GOMEMLIMIT") == "" {
		// The analysis allocates much short-lived garbage (each file's
		// lowered syntax) next to the growing model; a soft limit keeps the
		// heap near the live size on large trees (10,000 generated jobs:
		// peak RSS 294 MB without it).
		debug.SetMemoryLimit(softMemoryLimit)
	}
	files, errs := driver.Collect(o.paths)
	if o.allowEmpty {
		errs = slices.DeleteFunc(errs, func(err error) bool { return errors.Is(err, driver.ErrNoJava) })
	}
	res, err := driver.Run(ctx, files, analyzers, driver.Options{
		MaxFileSize: o.maxFileSize,
		Results:     map[*analysis.Analyzer]any{settings.Analyzer: withContext(o.settings, ctx)},
	})
	if err != nil {
		return nil, err
	}
	errs = append(errs, res.FileErrors...)
	errScheme := f.ErrScheme()
	for _, e := range errs {
		if fe, ok := errors.AsType[*driver.FileError](e); ok {
			fmt.Fprintf(f.IO.ErrOut, "uidcheck: %s: %s\n", errScheme.Path(fe.Path), fe.Err)
			continue
		}
		fmt.Fprintf(f.IO.ErrOut, "uidcheck: %v\n", e)
	}
	rep := &report.Result{Version: report.Version}
	for _, d := range res.Diagnostics {
		rep.Diagnostics = append(rep.Diagnostics, toDiagnostic(res.Fset, d))
	}
	m, _ := res.Results[pipeline.Analyzer].(*pipeline.Model)
	if m != nil {
		// Suppression comes first in every command: a suppressed finding
		// exists for none of them.
		if rep.Diagnostics, err = processors.Run(rep.Diagnostics, processors.Suppress{Fset: res.Fset, Directives: m.Directives}); err != nil {
			return nil, err
		}
	}
	if m != nil && o.withOperators {
		for _, op := range m.Operators {
			rep.Operators = append(rep.Operators, toOperators(res.Fset, op)...)
		}
	}
	return &analysisResult{run: res, report: rep, errs: errs}, nil
}

// withContext returns a copy of s whose passes stop when ctx is done.
func withContext(s *settings.Settings, ctx context.Context) *settings.Settings {
	c := *s
	c.Context = ctx
	return &c
}

func toDiagnostic(fset *token.FileSet, d driver.Diagnostic) report.Diagnostic {
	name, sev := d.Analyzer.Name, report.SeverityError
	if r, ok := rules.Lookup(d.Analyzer); ok {
		sev = report.Severity(r.SeverityOf(d.Category))
		if r.Analyzer == rules.Syntax.Analyzer {
			name = rules.SyntaxName
		}
	}
	start := fset.Position(d.Pos)
	end := start
	if d.End.IsValid() {
		end = fset.Position(d.End)
	}
	out := report.Diagnostic{
		Rule: name, Category: d.Category, Severity: sev,
		File: start.Filename, Line: start.Line, Column: start.Column,
		EndLine: end.Line, EndColumn: end.Column,
		Message: d.Message, URL: d.URL,
	}
	for _, rel := range d.Related {
		p := fset.Position(rel.Pos)
		out.Related = append(out.Related, report.Related{File: p.Filename, Line: p.Line, Column: p.Column, Message: rel.Message})
	}
	for _, fix := range d.SuggestedFixes {
		rf := report.Fix{Message: fix.Message}
		for _, e := range fix.TextEdits {
			start, end := fset.Position(e.Pos), fset.Position(e.End)
			rf.Edits = append(rf.Edits, report.Edit{File: start.Filename, Offset: start.Offset, End: end.Offset, NewText: string(e.NewText)})
		}
		out.Fixes = append(out.Fixes, rf)
	}
	return out
}

// toOperators resolves one model operator into report entries: one, or one
// per Sink V2 part.
func toOperators(fset *token.FileSet, op *pipeline.Operator) []report.Operator {
	p := fset.Position(op.Pos)
	base := report.Operator{
		File: p.Filename, Line: p.Line, Column: p.Column, Call: op.Call, Job: op.Job.Name,
		Stateful: compat.StatefulOf(op.Stateful), StatefulReason: op.StatefulReason,
		Parallelism: op.Parallelism, MaxParallelism: op.MaxParallelism,
	}
	if op.Name != "" {
		base.Name = new(op.Name)
	}
	switch op.UID.State {
	case pipeline.UIDResolved:
		base.UID, base.UIDResolved = new(op.UID.Value), true
		base.UIDExpr = new(op.UID.Expr)
		base.OperatorID = new(flinkid.FromUID(op.UID.Value).String())
	case pipeline.UIDUnresolved:
		base.UIDExpr = new(op.UID.Expr)
	case pipeline.UIDNone:
	}
	if op.UIDHash != "" {
		base.UIDHash = new(op.UIDHash)
		if id, err := flinkid.Parse(op.UIDHash); err == nil && base.OperatorID == nil {
			base.OperatorID = new(id.String())
		}
	}
	if len(op.Parts) == 0 {
		return []report.Operator{base}
	}
	out := make([]report.Operator, 0, len(op.Parts))
	for _, part := range op.Parts {
		e := base
		e.SubOperator = part.Name
		if part.Name != "Writer" {
			e.UID, e.OperatorID, e.UIDResolved, e.UIDHash = nil, nil, false, nil
			if part.UID != "" {
				e.UID, e.UIDResolved = new(part.UID), true
				e.OperatorID = new(flinkid.FromUID(part.UID).String())
			}
		}
		out = append(out, e)
	}
	return out
}
