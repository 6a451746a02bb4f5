package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/uidcheck/uidcheck/analyzer/manifest"
	"github.com/uidcheck/uidcheck/internal/atomicfile"
	"github.com/uidcheck/uidcheck/internal/buildfile"
	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/graph"
	"github.com/uidcheck/uidcheck/internal/output"
	"github.com/uidcheck/uidcheck/internal/report"
)

type compatOptions struct {
	f              *Factory
	paths          []string
	savepoint      string
	job            string
	allowNonRest   bool
	parallelism    int
	maxParallelism int
	route          string
	format         string
	failOn         string
	manifest       string
	includeTests   bool
	flinkVersion   string
	stateBackend   string
}

// failOnLevels maps --fail-on values to the lowest failing verdict.
var failOnLevels = map[string]compat.Verdict{
	"fails":   compat.VerdictFails,
	"unknown": compat.VerdictUnknown,
	"dropped": compat.VerdictDropped,
}

func newCmdCompat(f *Factory) *cobra.Command {
	opts := &compatOptions{f: f}
	cmd := &cobra.Command{
		Use:   "compat --savepoint PATH [paths...]",
		Short: "Predict whether resuming the job in the sources from a savepoint will work",
		Long: `Compat compares the Flink job in the Java sources under the given paths
(default ".") with a savepoint and predicts what Flink will do on
"flink run -s PATH": which savepoint entries map to which operators, whether
the restore fails (unmapped state, a changed explicit max parallelism, a
parallelism above the saved max parallelism, a duplicate uid), and what
--allowNonRestoredState (-n) would drop.

The verdict is OK, "OK with state dropped (-n)", FAILS, or UNKNOWN when an
operator without uid might own state and its auto-generated ID cannot be
computed from the sources.

--route last-state predicts recovery from the HA checkpoint store (JobManager
failover, the Kubernetes operator's last-state upgrade), which refuses every
unmapped entry and ignores -n.

Exit codes:
  0  the verdict is better than --fail-on
  1  the verdict is at or worse than --fail-on (default: dropped, so FAILS,
     UNKNOWN and dropped state all exit 1)
  2  usage, I/O or parse error`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if len(opts.paths) == 0 {
				opts.paths = []string{"."}
			}
			if opts.savepoint == "" {
				return flagErrorf("--savepoint is required")
			}
			if opts.manifest != "" && len(args) > 0 {
				return flagErrorf("give either source paths or --manifest, not both")
			}
			if opts.route != string(compat.RouteSavepoint) && opts.route != string(compat.RouteLastState) {
				return flagErrorf("invalid --route %q: want savepoint or last-state", opts.route)
			}
			switch name, _, _ := strings.Cut(opts.format, "="); name {
			case "text", "json", "sarif", "markdown":
			default:
				return flagErrorf("invalid --format %q: want text, json, sarif or markdown, optionally =FILE", opts.format)
			}
			if _, ok := failOnLevels[opts.failOn]; !ok && opts.failOn != "never" {
				return flagErrorf("invalid --fail-on %q: want fails, unknown, dropped or never", opts.failOn)
			}
			if opts.parallelism < 0 || opts.maxParallelism < 0 {
				return flagErrorf("--parallelism and --max-parallelism must be positive")
			}
			if _, err := parseFlinkVersion(opts.flinkVersion); err != nil {
				return err
			}
			if _, ok := stateBackends[opts.stateBackend]; !ok {
				return flagErrorf("invalid --state-backend %q: want hashmap or rocksdb", opts.stateBackend)
			}
			var err error
			if opts.includeTests, err = includeTests(cmd, opts.includeTests); err != nil {
				return err
			}
			return compatRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.savepoint, "savepoint", "s", "", "savepoint or checkpoint: a directory, a _metadata file or a file:// URI")
	fl.StringVar(&opts.manifest, "manifest", "", "compare a uid manifest (uids.lock) instead of sources")
	fl.StringVar(&opts.job, "job", "", "the job to check when the sources hold several (Class, pkg.Class or pkg.Class#method)")
	fl.BoolVarP(&opts.allowNonRest, "allow-non-restored-state", "n", false, "predict a resume with --allowNonRestoredState")
	fl.BoolVar(&opts.allowNonRest, "allowNonRestoredState", false, "same as --allow-non-restored-state, as Flink's CLI spells it")
	fl.IntVarP(&opts.parallelism, "parallelism", "p", 0, "default parallelism given at submission (flink run -p)")
	fl.IntVar(&opts.maxParallelism, "max-parallelism", 0, "pipeline.max-parallelism given at submission")
	fl.StringVar(&opts.route, "route", string(compat.RouteSavepoint), "how the job resumes: savepoint or last-state")
	fl.StringVar(&opts.format, "format", "text", "output format: text, json, sarif or markdown (a pull-request comment); FORMAT=FILE writes to a file")
	fl.BoolVar(&opts.includeTests, "include-tests", false, testsFlagHelp)
	fl.StringVar(&opts.failOn, "fail-on", "dropped", "exit 1 at or below this verdict: fails, unknown, dropped or never")
	fl.StringVar(&opts.flinkVersion, "flink-version", "", "Flink version the new job runs on, as MAJOR.MINOR (default: from its pom.xml or build.gradle); decides TTL changes")
	fl.StringVar(&opts.stateBackend, "state-backend", "", "state backend the new job restores with, hashmap or rocksdb (state.backend.type), where the savepoint does not tell; some state failures differ between them")
	return cmd
}

// stateBackends maps --state-backend (state.backend.type) to compat's
// backends; "" is unknown.
var stateBackends = map[string]compat.StateBackend{
	"": compat.BackendUnknown, "hashmap": compat.BackendHeap, "rocksdb": compat.BackendRocksDB,
}

// parseFlinkVersion reads --flink-version ("2.2", "1.20.1"); "" is unknown.
func parseFlinkVersion(s string) (compat.FlinkVersion, error) {
	if s == "" {
		return compat.FlinkVersion{}, nil
	}
	var v compat.FlinkVersion
	parts := strings.SplitN(s, ".", 3)
	if len(parts) < 2 {
		return v, flagErrorf("invalid --flink-version %q: want MAJOR.MINOR, e.g. 1.20 or 2.2", s)
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || major < 1 || minor < 0 {
		return v, flagErrorf("invalid --flink-version %q: want MAJOR.MINOR, e.g. 1.20 or 2.2", s)
	}
	return compat.FlinkVersion{Major: major, Minor: minor}, nil
}

func compatRun(ctx context.Context, opts *compatOptions) error {
	res, rep, job, err := predict(ctx, opts)
	if err != nil {
		return err
	}
	format, path, _ := strings.Cut(opts.format, "=")
	var buf bytes.Buffer
	out := opts.f.IO.Out
	if path != "" {
		out = &buf
	}
	switch format {
	case "json":
		err = output.WriteCompatJSON(out, rep)
	case "sarif", "markdown":
		root, werr := os.Getwd()
		if werr != nil {
			return werr
		}
		if format == "markdown" {
			g := &graph.Graph{Savepoint: opts.savepoint, Jobs: []*graph.JobGraph{graph.Build(job, res)}}
			err = output.WriteCompatMarkdown(out, rep, g, output.MarkdownOptions{Links: output.LinksFromEnv(opts.f.IO.Getenv, root)})
			break
		}
		findings := &report.Result{Version: report.Version, Diagnostics: output.CompatDiagnostics(res, job)}
		err = output.WriteSARIF(out, findings, output.CompatRules(), output.SARIFOptions{SrcRoot: root})
	default:
		style := output.VerdictStyler(opts.f.OutScheme())
		if path != "" {
			style = newScheme(false)
		}
		err = output.WriteCompatText(out, rep, style)
	}
	if err != nil {
		return err
	}
	if path != "" {
		if err := atomicfile.Write(path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s report: %w", format, err)
		}
	}
	if level, ok := failOnLevels[opts.failOn]; ok && res.Verdict.Rank() >= level.Rank() {
		return errFindings
	}
	return nil
}

func writeCompatText(f *Factory, rep *output.CompatReport) error {
	return output.WriteCompatText(f.IO.Out, rep, f.OutScheme())
}

// predict reads the savepoint and the sources and runs the prediction. The
// run command calls it as its gate.
func predict(ctx context.Context, opts *compatOptions) (*compat.Result, *output.CompatReport, *compat.Job, error) {
	var err error
	if opts.savepoint, err = resolveLatest(ctx, opts.f, opts.savepoint); err != nil {
		return nil, nil, nil, err
	}
	m, err := openSavepoint(ctx, opts.f, opts.savepoint)
	if err != nil {
		return nil, nil, nil, err
	}
	saved := compat.FromMetadata(m)
	// The states' own descriptions: FromMetadata keeps the order of
	// m.Operators. Only the description at the head of each state stream is
	// read, never the state itself.
	for i, op := range m.Operators {
		if saved[i].StateMeta, err = m.StateMeta(op, nil); err != nil {
			return nil, nil, nil, err
		}
	}
	var jobs []*compat.Job
	if opts.manifest != "" {
		jobs, err = manifestJobs(opts.manifest)
	} else {
		jobs, err = sourceJobs(ctx, opts.f, opts.paths, opts.parallelism, opts.includeTests)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	job, err := pickJob(jobs, opts.job, saved)
	if err != nil {
		return nil, nil, nil, err
	}
	version, err := parseFlinkVersion(opts.flinkVersion)
	if err != nil {
		return nil, nil, nil, err
	}
	if version.Major == 0 && job.File != "" {
		v := buildfile.NewFinder().FlinkVersion(job.File)
		version = compat.FlinkVersion{Major: v.Major, Minor: v.Minor}
	}
	copts := compat.Options{
		Route: compat.Route(opts.route), AllowNonRestoredState: opts.allowNonRest,
		Parallelism: opts.parallelism, MaxParallelism: opts.maxParallelism, SavepointPath: opts.savepoint,
		FlinkVersion: version, StateBackend: stateBackends[opts.stateBackend],
	}
	res := compat.Predict(job, saved, copts)
	return res, output.NewCompatReport(res, job, opts.savepoint, copts), job, nil
}

// pickJob chooses the job to compare: the one named by --job, the only one,
// or the one whose operator IDs match the most savepoint entries.
func pickJob(jobs []*compat.Job, name string, saved []compat.Saved) (*compat.Job, error) {
	if len(jobs) == 0 {
		return nil, errors.New("no Flink job found in the sources")
	}
	var names []string
	for _, j := range jobs {
		names = append(names, j.Name)
	}
	if name != "" {
		for _, j := range jobs {
			if jobMatches(j.Name, name) {
				return j, nil
			}
		}
		return nil, flagErrorf("no job %q in the sources; jobs found: %s", name, strings.Join(names, ", "))
	}
	if len(jobs) == 1 {
		return jobs[0], nil
	}
	ids := map[string]bool{}
	for _, s := range saved {
		ids[s.ID.String()] = true
	}
	var best *compat.Job
	bestScore, tie := 0, false
	for _, j := range jobs {
		score := 0
		for _, op := range j.Operators {
			if op.ID != nil && ids[op.ID.String()] || op.AltID != nil && ids[op.AltID.String()] {
				score++
			}
		}
		switch {
		case score > bestScore:
			best, bestScore, tie = j, score, false
		case score == bestScore:
			tie = true
		}
	}
	if best == nil || tie {
		return nil, flagErrorf("the sources hold %d jobs and none matches the savepoint best; choose one with --job: %s",
			len(jobs), strings.Join(names, ", "))
	}
	return best, nil
}

// jobMatches accepts pkg.Class#method, pkg.Class, or the simple class name.
func jobMatches(job, name string) bool {
	if job == name {
		return true
	}
	class, _, _ := strings.Cut(job, "#")
	return class == name || strings.HasSuffix(class, "."+name)
}

// manifestJobs reads the jobs of a uid manifest for compat --manifest.
func manifestJobs(path string) ([]*compat.Job, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	defer f.Close()
	m, err := manifest.Parse(path, f)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(m.Jobs))
	for name := range m.Jobs {
		names = append(names, name)
	}
	sort.Strings(names)
	jobs := make([]*compat.Job, 0, len(names))
	for _, name := range names {
		jobs = append(jobs, compat.FromManifest(m, name, path))
	}
	return jobs, nil
}
