//go:build unix

package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/faultproxy"
)

// fixtureName is the savepoint every object store holds, under
// <root>/<fixtureName>.
const fixtureName = "new-stateful-udf-flink1.16-rocksdb-savepoint"

// store is the fixture on one object store's server, reached through a
// fault proxy.
type store struct {
	proxy *faultproxy.Proxy
	// env points uidcheck at the proxy with the credentials given.
	env []string
	// root is the URI of the directory holding the fixture.
	root string
	// throttle is the store's throttling reply.
	throttle http.HandlerFunc
	// secrets must appear nowhere in the output.
	secrets []string
}

// sameOutput wants compat and savepoint inspect on each remote location
// (the fixture's directory, its _metadata, latest:) to print what they
// print for the local copy, with the remote location in place of the local
// path, and savepoint ls to list the fixture.
func sameOutput(t *testing.T, s store) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(root, "testdata/savepoints", fixtureName)
	job := filepath.Join(root, "testdata/migration-job")
	dir := s.root + "/" + fixtureName
	// latest: is reported as the savepoint it picked.
	locations := map[string]string{dir: dir, dir + "/_metadata": dir + "/_metadata", "latest:" + s.root: dir}
	for _, cmd := range [][]string{{"compat", "-s"}, {"savepoint", "inspect"}} {
		argv := func(loc string) []string {
			a := append(append([]string{}, cmd...), loc)
			if cmd[0] == "compat" {
				a = append(a, job)
			}
			return a
		}
		want := run(t, root, s.env, argv(local)...)
		for loc, shown := range locations {
			got := run(t, root, s.env, argv(loc)...)
			if got.code != want.code || got.stderr != want.stderr {
				t.Errorf("%s %s: exit %d stderr %q, local: exit %d stderr %q", cmd[0], loc, got.code, got.stderr, want.code, want.stderr)
			}
			if cmd[0] == "savepoint" {
				// inspect names the directory of the _metadata it read.
				shown = strings.TrimSuffix(shown, "/_metadata")
			}
			if strings.ReplaceAll(got.stdout, shown, local) != want.stdout {
				t.Errorf("%s %s: output differs from the local copy's:\n%s\nlocal:\n%s", cmd[0], loc, got.stdout, want.stdout)
			}
			noSecrets(t, got, s.secrets)
		}
	}
	ls := run(t, root, s.env, "savepoint", "ls", s.root)
	if ls.code != 0 || !strings.Contains(ls.stdout, dir) || !strings.Contains(ls.stdout, "Flink 1.16–1.20") {
		t.Errorf("savepoint ls: exit %d\n%s%s", ls.code, ls.stdout, ls.stderr)
	}
	noSecrets(t, ls, s.secrets)
}

// failsOneLine wants savepoint inspect on location to exit 2 with one line
// on stderr naming it and holding want, and no credential anywhere.
func failsOneLine(t *testing.T, s store, location, want string) {
	t.Helper()
	r := run(t, t.TempDir(), s.env, "savepoint", "inspect", location)
	t.Log(r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 2 || len(lines) != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, location) {
		t.Errorf("exit %d, want 2 and one line naming %s and %q:\n%s", r.code, location, want, r.stderr)
	}
	noSecrets(t, r, s.secrets)
}

func noSecrets(t *testing.T, r result, secrets []string) {
	t.Helper()
	for _, secret := range secrets {
		if secret != "" && strings.Contains(r.stdout+r.stderr, secret) {
			t.Errorf("output holds a credential:\n%s%s", r.stdout, r.stderr)
		}
	}
}

// storeFaults are the faults every store's reads report alike: throttled
// throughout, and the connection dropped in the middle of _metadata every
// time it is read.
func storeFaults(t *testing.T, start func(t *testing.T) store, throttled string) {
	t.Helper()
	t.Run("throttling", func(t *testing.T) {
		s := start(t)
		s.proxy.Throttle(1<<30, s.throttle)
		failsOneLine(t, s, s.root+"/"+fixtureName, throttled)
	})
	t.Run("connection dropped mid-read", func(t *testing.T) {
		s := start(t)
		s.proxy.Cut("/_metadata", 100, 1<<30)
		failsOneLine(t, s, s.root+"/"+fixtureName, "connection lost")
	})
}
