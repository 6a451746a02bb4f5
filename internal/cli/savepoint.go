package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/uidcheck/uidcheck/flinkid"
	"github.com/uidcheck/uidcheck/internal/output"
	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// newCmdSavepoint triggers a savepoint (as `flink savepoint` does) and
// groups the commands that read savepoints.
func newCmdSavepoint(f *Factory) *cobra.Command {
	var trigger savepointTrigger
	cmd := &cobra.Command{
		Use:   "savepoint <jobID> [targetDirectory]",
		Short: "Trigger a savepoint, or inspect one (savepoint inspect, savepoint hash)",
		Long: `Savepoint triggers a savepoint of a running job through the REST API, waits
until it completed and prints its path. The job keeps running. --dispose PATH
deletes a savepoint instead.

Its subcommands read savepoints: "inspect" shows what a _metadata file holds,
"hash" prints the OperatorID of a uid.`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && trigger.dispose == "" {
				return cmd.Help()
			}
			return trigger.run(cmd.Context(), f, args)
		},
	}
	trigger.add(cmd)
	cmd.AddCommand(newCmdSavepointInspect(f), newCmdSavepointHash(f), newCmdSavepointLs(f))
	return cmd
}

type inspectOptions struct {
	f      *Factory
	path   string
	format string
	src    []string
	states bool
}

func newCmdSavepointInspect(f *Factory) *cobra.Command {
	opts := &inspectOptions{f: f}
	cmd := &cobra.Command{
		Use:   "inspect PATH",
		Short: "Show what a savepoint or checkpoint _metadata file holds",
		Long: `Inspect reads the _metadata of a savepoint or checkpoint natively (no JVM), in
every format Flink has written (1.3 to 2.x). PATH is a savepoint directory or
a _metadata file: a local path or a file://, s3://, s3a://, s3p://, gs://,
abfs[s]://, wasb[s]:// or hdfs:// URI (docs/savepoints.md), or latest:DIR for
the newest one under DIR.

It prints the format version and the Flink versions that write it, the
checkpoint id, whether it is a savepoint or a checkpoint (format 4+), and for
each operator entry its OperatorID, uid and name (Flink 2.0+), parallelism,
max parallelism, state size, state kinds and operator-state names.

With --src DIR, each OperatorID is mapped back to the operator in the Java
sources that carries it (by uid, setUidHash, or its predicted auto-generated
ID); entries that match nothing are shown as unmatched: their state belongs
to no operator of the current code.

With --states, it also reads each state's own description, which Flink writes
at the head of every keyed and operator state stream: per operator the key
type, and per state its name, kind, value type and whether it has a TTL. The
descriptions are read from _metadata for inline state, and from the state
files next to it otherwise, only as far as the description (a few KiB of each
file, never the state itself). Streams that cannot be read completely are
listed with the reason.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.path = args[0]
			if opts.format != "text" && opts.format != "json" {
				return flagErrorf("invalid --format %q: want text or json", opts.format)
			}
			return inspectRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&opts.states, "states", false, "also read each state's name, kind, key and value type and TTL (reads the head of every state file)")
	cmd.Flags().StringSliceVar(&opts.src, "src", nil, "map OperatorIDs to operators in the Java sources under `DIR` (repeatable)")
	return cmd
}

func inspectRun(ctx context.Context, opts *inspectOptions) error {
	m, err := openSavepoint(ctx, opts.f, opts.path)
	if err != nil {
		return err
	}
	var sources map[string][]output.SourceOperator
	if len(opts.src) > 0 {
		jobs, err := sourceJobs(ctx, opts.f, opts.src, 0, false)
		if err != nil {
			return err
		}
		sources = sourceIndex(jobs)
	}
	rep := output.NewSavepointReport(m, sources)
	if opts.states {
		for i, op := range m.Operators {
			sm, err := m.StateMeta(op, nil)
			if err != nil {
				return fmt.Errorf("operator %s: %w", op.ID, err)
			}
			rep.Operators[i].States = sm
		}
	}
	if opts.format == "json" {
		return output.WriteSavepointJSON(opts.f.IO.Out, rep)
	}
	return output.WriteSavepointText(opts.f.IO.Out, rep, opts.f.OutScheme())
}

func newCmdSavepointHash(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "hash UID...",
		Short: "Print the OperatorID Flink derives from each uid",
		Long: `Hash prints, for each uid, the OperatorID Flink gives an operator with that
uid: murmur3_128 of its UTF-8 bytes, as shown in savepoint metadata, logs and
the REST API. A Sink V2 sink with uid U also has a Committer with uid
"Sink Committer: U" and a Global Committer with uid "Sink U Global Committer".`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			var b strings.Builder
			for _, uid := range args {
				fmt.Fprintf(&b, "%s  %s\n", flinkid.FromUID(uid), uid)
			}
			_, err := fmt.Fprint(f.IO.Out, b.String())
			return err
		},
	}
}

func newCmdSavepointLs(f *Factory) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "ls DIR",
		Short: "List the savepoints and retained checkpoints under a directory, newest first",
		Long: `Ls lists the savepoints and retained checkpoints under DIR (a local path or a
URI of S3, GCS or Azure): DIR itself if it holds a _metadata file, each
directory in it that does, and the chk-N directories of each job
directory (state.checkpoints.dir/<job ID>/chk-N). Newest first, with the time
of the _metadata file, the bytes inside the directory, the Flink versions that
write its format (read from the 8-byte header only), and the job ID as far as
the path tells it (a savepoint directory names its first 6 digits).
-s latest:DIR picks the first one.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return flagErrorf("invalid --format %q: want text or json", format)
			}
			return lsRun(cmd.Context(), f, args[0], format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

// lsEntry is one line of savepoint ls.
type lsEntry struct {
	Location string    `json:"location"`
	Kind     string    `json:"kind"`
	Time     time.Time `json:"time"`
	Size     int64     `json:"size"`
	Format   int       `json:"format_version"`
	Flink    string    `json:"flink"`
	JobID    string    `json:"job_id"`
}

func lsRun(ctx context.Context, f *Factory, dir, format string) error {
	fsys, err := savepointFS(f, dir)
	if err != nil {
		return err
	}
	found, err := savepointfs.Snapshots(ctx, fsys, dir)
	if err != nil {
		return fmt.Errorf("list savepoints: %w", err)
	}
	entries := make([]lsEntry, 0, len(found))
	for _, s := range found {
		e := lsEntry{Location: s.Dir, Kind: s.Kind, Time: s.Metadata.ModTime.UTC(), Size: s.Size, JobID: s.JobID, Flink: "not a Flink _metadata file"}
		if v, err := savepointinfo.Header(ctx, fsys, s.Metadata.URI); err == nil {
			e.Format, e.Flink = v, savepointinfo.Writers(v)
		} else if ctx.Err() != nil {
			return err
		}
		entries = append(entries, e)
	}
	if format == "json" {
		enc := json.NewEncoder(f.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"version": 1, "directory": dir, "snapshots": entries})
	}
	if len(entries) == 0 {
		fmt.Fprintf(f.IO.ErrOut, "no savepoint or checkpoint (a directory with a %s file) under %s\n", savepointinfo.MetadataFileName, dir)
		return nil
	}
	tw := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME (UTC)\tKIND\tSIZE\tFLINK\tJOB\tLOCATION")
	for _, e := range entries {
		job := e.JobID
		if job == "" {
			job = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", e.Time.Format("2006-01-02 15:04:05"), e.Kind, e.Size, e.Flink, job, e.Location)
	}
	return tw.Flush()
}
