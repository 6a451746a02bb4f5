package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/uidcheck/uidcheck/internal/atomicfile"
	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/graph"
)

type graphOptions struct {
	f            *Factory
	paths        []string
	job          string
	savepoint    string
	allowNonRest bool
	parallelism  int
	format       string
	output       string
	layout       string
	includeTests bool
}

var graphLayouts = map[string]graph.Layout{"auto": graph.LayoutAuto, "dot": graph.LayoutDot, "builtin": graph.LayoutBuiltin}

func newCmdGraph(f *Factory) *cobra.Command {
	opts := &graphOptions{f: f}
	cmd := &cobra.Command{
		Use:   "graph [paths...]",
		Short: "Draw each job's operator graph with uids, OperatorIDs, state and restore outcomes",
		Long: `Graph draws the operator graph of the Flink jobs in the Java sources under the
given paths (default "."): every operator with its uid (or "no uid"), its
OperatorID, whether it keeps state and where it is created; edges labelled
with their partitioning (forward, hash, rebalance, rescale, shuffle,
broadcast, global, custom, side output); chained operators grouped as Flink
chains them.

With --savepoint, the job that matches the savepoint (or --job) is drawn with
the restore outcome of every operator and savepoint entry, as compat predicts
it: restored, starts empty, dropped with -n, fails or unknown. Savepoint
entries no operator takes are drawn apart.

Formats: mermaid (text for Markdown), dot (Graphviz), svg and html
(self-contained, no script). svg and html are laid out by Graphviz's dot when
it is on PATH, by a simple built-in layout otherwise (--layout).

Exit codes:
  0  the graph was written
  2  usage, I/O or parse error, or no job found`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if len(opts.paths) == 0 {
				opts.paths = []string{"."}
			}
			switch opts.format {
			case "mermaid", "dot", "svg", "html":
			default:
				return flagErrorf("invalid --format %q: want mermaid, dot, svg or html", opts.format)
			}
			if _, ok := graphLayouts[opts.layout]; !ok {
				return flagErrorf("invalid --layout %q: want auto, dot or builtin", opts.layout)
			}
			if opts.parallelism < 0 {
				return flagErrorf("--parallelism must be positive")
			}
			if opts.allowNonRest && opts.savepoint == "" {
				return flagErrorf("--allow-non-restored-state needs --savepoint")
			}
			var err error
			if opts.includeTests, err = includeTests(cmd, opts.includeTests); err != nil {
				return err
			}
			return graphRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.job, "job", "", "draw only this job (Class, pkg.Class or pkg.Class#method)")
	fl.StringVarP(&opts.savepoint, "savepoint", "s", "", "colour by the restore outcome from this savepoint `PATH`")
	fl.BoolVarP(&opts.allowNonRest, "allow-non-restored-state", "n", false, "predict a resume with --allowNonRestoredState")
	fl.IntVarP(&opts.parallelism, "parallelism", "p", 0, "default parallelism given at submission (decides chaining)")
	fl.StringVar(&opts.format, "format", "mermaid", "output format: mermaid, dot, svg or html")
	fl.StringVarP(&opts.output, "output", "o", "", "write to `FILE` instead of standard output")
	fl.StringVar(&opts.layout, "layout", "auto", "svg and html layout: auto (Graphviz dot when installed), dot or builtin")
	fl.BoolVar(&opts.includeTests, "include-tests", false, testsFlagHelp)
	return cmd
}

func graphRun(ctx context.Context, opts *graphOptions) error {
	g, err := buildGraph(ctx, opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := renderGraph(ctx, &buf, g, opts.format, graphLayouts[opts.layout]); err != nil {
		return err
	}
	if opts.output == "" {
		_, err := opts.f.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := atomicfile.Write(opts.output, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write graph: %w", err)
	}
	return nil
}

// renderGraph writes g in one of graph's formats.
func renderGraph(ctx context.Context, w io.Writer, g *graph.Graph, format string, layout graph.Layout) error {
	var err error
	switch format {
	case "dot":
		err = graph.WriteDOT(w, g)
	case "svg":
		_, err = graph.WriteSVG(ctx, w, g, layout)
	case "html":
		_, err = graph.WriteHTML(ctx, w, g, layout)
	default:
		err = graph.WriteMermaid(w, g)
	}
	return err
}

// buildGraph analyses the sources and, with a savepoint, predicts the
// restore of the job it belongs to.
func buildGraph(ctx context.Context, opts *graphOptions) (*graph.Graph, error) {
	var saved []compat.Saved
	if opts.savepoint != "" {
		m, err := openSavepoint(ctx, opts.f, opts.savepoint)
		if err != nil {
			return nil, err
		}
		saved = compat.FromMetadata(m)
	}
	jobs, err := sourceJobs(ctx, opts.f, opts.paths, opts.parallelism, opts.includeTests)
	if err != nil {
		return nil, err
	}
	if len(jobs) == 0 {
		return nil, errors.New("no Flink job found in the sources")
	}
	g := &graph.Graph{Savepoint: opts.savepoint}
	if opts.savepoint != "" {
		job, err := pickJob(jobs, opts.job, saved)
		if err != nil {
			return nil, err
		}
		res := compat.Predict(job, saved, compat.Options{
			Route: compat.RouteSavepoint, AllowNonRestoredState: opts.allowNonRest,
			Parallelism: opts.parallelism, SavepointPath: opts.savepoint,
		})
		g.Jobs = append(g.Jobs, graph.Build(job, res))
		return g, nil
	}
	var names []string
	for _, j := range jobs {
		names = append(names, j.Name)
		if opts.job == "" || jobMatches(j.Name, opts.job) {
			g.Jobs = append(g.Jobs, graph.Build(j, nil))
		}
	}
	if len(g.Jobs) == 0 {
		return nil, flagErrorf("no job %q in the sources; jobs found: %s", opts.job, strings.Join(names, ", "))
	}
	return g, nil
}
