package cli

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// changedFiles lists the files changed since rev (committed, staged or not,
// and untracked), as absolute paths. The whole tree is still analysed — a
// job spans files — but only findings in these files are reported.
func changedFiles(ctx context.Context, rev string) (map[string]bool, error) {
	top, err := git(ctx, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(top)
	diff, err := git(ctx, "diff", "--name-only", rev, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := git(ctx, "ls-files", "--others", "--exclude-standard", "--full-name")
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	for name := range strings.FieldsSeq(diff + "\n" + untracked) {
		files[filepath.Join(root, filepath.FromSlash(name))] = true
	}
	return files, nil
}

func git(ctx context.Context, args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("--changed-since: git %s: %s", strings.Join(args, " "), strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}
