package cli

import (
	"context"

	"github.com/spf13/cobra"
	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/driver"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/settings"
	"github.com/uidcheck/uidcheck/internal/output"
)

type operatorsOptions struct {
	f            *Factory
	paths        []string
	format       string
	maxFileSize  int64
	maxParseSize int64
	allowEmpty   bool
	keepGoing    bool
	includeTests bool
}

func newCmdOperators(f *Factory) *cobra.Command {
	opts := &operatorsOptions{f: f}
	cmd := &cobra.Command{
		Use:   "operators [paths...]",
		Short: "List every operator found, with its job, uid, OperatorID and statefulness",
		Long: `Operators lists the operators of the Flink DataStream jobs under the given
paths (default "."): file and line of the creating call, job, uid, the
OperatorID Flink derives from the uid (the hex shown in savepoint metadata,
logs and the REST API), and whether the operator keeps state.

A Sink V2 sinkTo is listed once per sub-operator (Writer, Committer, Global
Committer) with the uid and OperatorID Flink gives each.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if len(opts.paths) == 0 {
				opts.paths = []string{"."}
			}
			if err := checkSizes(opts.maxFileSize, opts.maxParseSize); err != nil {
				return err
			}
			if opts.format != "text" && opts.format != "json" {
				return flagErrorf("invalid --format %q: want text or json", opts.format)
			}
			var err error
			if opts.includeTests, err = includeTests(cmd, opts.includeTests); err != nil {
				return err
			}
			return operatorsRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&opts.includeTests, "include-tests", false, testsFlagHelp)
	cmd.Flags().Int64Var(&opts.maxFileSize, "max-file-size", driver.DefaultMaxFileSize, "refuse Java files larger than this many bytes (exit 2)")
	cmd.Flags().Int64Var(&opts.maxParseSize, "max-parse-size", javasyntax.DefaultMaxParseSize, "do not parse pipeline files larger than this many bytes (exit 2, or a warning with --keep-going)")
	cmd.Flags().BoolVar(&opts.allowEmpty, "allow-empty", false, allowEmptyUsage)
	cmd.Flags().BoolVar(&opts.keepGoing, "keep-going", false, keepGoingUsage)
	return cmd
}

func operatorsRun(ctx context.Context, opts *operatorsOptions) error {
	s := settings.Default()
	s.MaxParseSize, s.IncludeTests = opts.maxParseSize, opts.includeTests
	res, err := analyze(ctx, opts.f, analyzeOptions{
		paths: opts.paths, withOperators: true, maxFileSize: opts.maxFileSize, settings: s,
		allowEmpty: opts.allowEmpty,
	}, []*analysis.Analyzer{pipeline.Analyzer})
	if err != nil {
		return err
	}
	if err := res.incomplete(opts.f, !opts.keepGoing); err != nil {
		return err
	}
	if opts.format == "json" {
		err = output.WriteJSON(opts.f.IO.Out, res.report)
	} else {
		err = output.WriteOperatorsText(opts.f.IO.Out, res.report, output.TextOptions{Style: opts.f.OutScheme()})
	}
	if err != nil {
		return err
	}
	return res.fileErr()
}
