//go:build unix

package main

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uidcheck/uidcheck/internal/emulator"
	"github.com/uidcheck/uidcheck/internal/minihdfs"
)

// TestHDFS runs uidcheck against a real HDFS (one MiniDFSCluster for all
// parts, its start takes seconds) holding the fixture at
// /savepoints/<fixture>, configured the way Flink's HDFS file system is:
// HADOOP_CONF_DIR with fs.defaultFS.
func TestHDFS(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(root, "testdata/savepoints", fixtureName)
	c, err := minihdfs.Start(filepath.Join(root, "testdata/hdfs-minicluster"), minihdfs.Upload{Local: local, Remote: "/savepoints/" + fixtureName})
	if errors.Is(err, minihdfs.ErrNoJava) && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	conf := t.TempDir()
	write(t, filepath.Join(conf, "core-site.xml"), "<configuration><property><name>fs.defaultFS</name><value>"+c.URI+
		"</value></property></configuration>\n")
	env := []string{"HADOOP_CONF_DIR=" + conf, "HADOOP_USER_NAME=flink"}

	t.Run("inspect same as local", func(t *testing.T) {
		for _, args := range [][]string{{}, {"--states"}} {
			want := run(t, root, env, append([]string{"savepoint", "inspect", local}, args...)...)
			for loc, shown := range map[string]string{
				c.URI + "/savepoints/" + fixtureName:               c.URI + "/savepoints/" + fixtureName + "/_metadata",
				"hdfs:///savepoints/" + fixtureName + "/_metadata": "hdfs:///savepoints/" + fixtureName + "/_metadata",
				"latest:" + c.URI + "/savepoints":                  c.URI + "/savepoints/" + fixtureName + "/_metadata",
			} {
				got := run(t, root, env, append([]string{"savepoint", "inspect", loc}, args...)...)
				if got.code != want.code || got.stderr != want.stderr {
					t.Errorf("%s %q: exit %d stderr %q, local: exit %d stderr %q", loc, args, got.code, got.stderr, want.code, want.stderr)
				}
				if strings.ReplaceAll(got.stdout, shown, filepath.Join(local, "_metadata")) != want.stdout {
					t.Errorf("%s %q: output differs from the local copy's:\n%s\nlocal:\n%s", loc, args, got.stdout, want.stdout)
				}
			}
		}
	})

	t.Run("ls", func(t *testing.T) {
		ls := run(t, root, env, "savepoint", "ls", c.URI+"/savepoints")
		if ls.code != 0 || !strings.Contains(ls.stdout, c.URI+"/savepoints/"+fixtureName) || !strings.Contains(ls.stdout, "Flink 1.16–1.20") {
			t.Errorf("savepoint ls: exit %d\n%s%s", ls.code, ls.stdout, ls.stderr)
		}
	})

	t.Run("errors exit 2", func(t *testing.T) {
		ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		refused := ln.Addr().String()
		_ = ln.Close()
		for loc, want := range map[string]string{
			c.URI + "/savepoints/none":          "does not exist",
			c.URI + "/savepoints":               "no _metadata",
			"hdfs://" + refused + "/savepoints": "connection refused",
		} {
			r := run(t, os.TempDir(), env, "savepoint", "inspect", loc)
			t.Log(r.stderr)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 2 || len(lines) != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, loc) {
				t.Errorf("%s: exit %d, want 2 and one line naming it and %q:\n%s", loc, r.code, want, r.stderr)
			}
		}
	})

	// Ctrl-C while a namenode accepts but never answers stops at once.
	t.Run("interrupted", func(t *testing.T) {
		silent := emulator.Silent(t)
		code, took, stderr := interruptAfter(t, 700*time.Millisecond, env, "savepoint", "inspect", "hdfs://"+silent+"/savepoints")
		if code != 130 || took > 500*time.Millisecond {
			t.Errorf("exit %d %v after SIGINT, want 130 within 0.5 s\n%s", code, took, stderr)
		}
		t.Log(stderr)
	})
}
