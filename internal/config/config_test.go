package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A configuration is one YAML map: a second document or a top-level list
// is an error naming the file and line, in words rather than Go types.
func TestLoadRefusesWhatItWouldIgnore(t *testing.T) {
	t.Parallel()
	cases := []struct{ content, want string }{
		{"fail-on: error\n---\nfail-on: none\n", ".uidcheck.yaml:3: a second YAML document"},
		{"- fail-on: error\n", ".uidcheck.yaml:1: want a map of settings (key: value) at the top level, have a list"},
		{"fail-on: sometimes\n", ".uidcheck.yaml:1: fail-on: \"sometimes\" is not error, warning, info or none"},
	}
	for _, tc := range cases {
		p := filepath.Join(t.TempDir(), FileName)
		if err := os.WriteFile(p, []byte(tc.content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(p, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%q): error %v, want %q", tc.content, err, tc.want)
		}
	}
}
