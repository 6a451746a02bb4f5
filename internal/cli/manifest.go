package cli

import (
	"bytes"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/uidcheck/uidcheck/analyzer/manifest"
	"github.com/uidcheck/uidcheck/internal/atomicfile"
)

func newCmdManifest(f *Factory) *cobra.Command {
	var o sourceOptions
	var withTests bool
	cmd := &cobra.Command{
		Use:   "manifest [paths...]",
		Short: "Print the uid manifest (uids.lock) of the jobs under the paths",
		Long: `Manifest prints, job by job, every operator with a uid: the uid, the
OperatorID Flink derives from it, whether the operator keeps state, the call
and its position. The output is sorted and stable; commit it as uids.lock, and
a pull request that renames or removes a uid shows it in the diff. Then
"uidcheck check --manifest uids.lock" reports removeduid and changeduid, and
--update-manifest rewrites the file.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			o.paths = args
			tests, err := includeTests(cmd, withTests)
			if err != nil {
				return err
			}
			o.includeTests = tests
			m, err := buildManifest(cmd.Context(), f, o)
			if err != nil {
				return err
			}
			return m.Write(f.IO.Out)
		},
	}
	var keepGoing bool
	cmd.Flags().BoolVar(&o.allowEmpty, "allow-empty", false, allowEmptyUsage)
	cmd.Flags().BoolVar(&keepGoing, "keep-going", false, keepGoingUsage)
	cmd.Flags().BoolVar(&withTests, "include-tests", false, testsFlagHelp)
	cmd.PreRun = func(*cobra.Command, []string) { o.strict = !keepGoing }
	return cmd
}

const keepGoingUsage = "continue, with a warning, when part of a file cannot be analysed (otherwise exit 2)"

func buildManifest(ctx context.Context, f *Factory, o sourceOptions) (*manifest.Manifest, error) {
	fset, m, err := pipelineModel(ctx, f, o)
	if err != nil {
		return nil, err
	}
	return manifest.FromModel(fset, m), nil
}

// updateManifest rewrites the manifest from the code.
func updateManifest(ctx context.Context, f *Factory, paths []string, path string, includeTests bool) error {
	m, err := buildManifest(ctx, f, sourceOptions{paths: paths, strict: true, includeTests: includeTests})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return err
	}
	if err := atomicfile.Write(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("update manifest: %w", err)
	}
	fmt.Fprintf(f.IO.ErrOut, "uidcheck: updated %s\n", path)
	return nil
}
