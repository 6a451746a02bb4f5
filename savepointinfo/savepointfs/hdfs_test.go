package savepointfs_test

import (
	"context"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	krbtest "github.com/jcmturner/gokrb5/v8/test/testdata"

	"github.com/uidcheck/uidcheck/internal/emulator"
	"github.com/uidcheck/uidcheck/internal/minihdfs"
	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// hadoopConf writes core-site.xml and hdfs-site.xml with the given
// properties (hdfs-site for dfs.*) into a new directory.
func hadoopConf(t *testing.T, props map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	var core, site strings.Builder
	for k, v := range props {
		b := &core
		if strings.HasPrefix(k, "dfs.") {
			b = &site
		}
		b.WriteString("  <property><name>" + k + "</name><value>" + v + "</value></property>\n")
	}
	for name, body := range map[string]string{"core-site.xml": core.String(), "hdfs-site.xml": site.String()} {
		xml := "<?xml version=\"1.0\"?>\n<configuration>\n" + body + "</configuration>\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(xml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// startHDFS runs a MiniDFSCluster holding the fixture at /savepoints/one,
// a directory without _metadata at /nometa, and at /private a copy only its
// owner (the cluster's user, not the tests' "flink") reads. Without Java and
// Maven the test skips, or fails under CI.
func startHDFS(t *testing.T) *minihdfs.Cluster {
	t.Helper()
	start := time.Now()
	c, err := minihdfs.Start("../../testdata/hdfs-minicluster",
		minihdfs.Upload{Local: fixture, Remote: "/savepoints/one"},
		minihdfs.Upload{Local: filepath.Join(fixture, "flink-loader.json"), Remote: "/nometa/flink-loader.json"},
		minihdfs.Upload{Local: fixture, Remote: "/private/one", Mode: 0o700},
	)
	if errors.Is(err, minihdfs.ErrNoJava) && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	t.Logf("MiniDFSCluster at %s ready in %v", c.URI, time.Since(start).Round(time.Millisecond))
	return c
}

// TestHDFS starts one cluster (its start takes seconds) for all parts.
func TestHDFS(t *testing.T) {
	c := startHDFS(t)
	// nn1 refuses: reading through the nameservice fails over to nn2.
	t.Setenv("HADOOP_CONF_DIR", hadoopConf(t, map[string]string{
		"fs.defaultFS":                         c.URI,
		"dfs.nameservices":                     "flinkns",
		"dfs.ha.namenodes.flinkns":             "nn1,nn2",
		"dfs.namenode.rpc-address.flinkns.nn1": refusedAddr(t),
		"dfs.namenode.rpc-address.flinkns.nn2": c.Addr,
	}))
	t.Setenv("HADOOP_USER_NAME", "flink")
	t.Run("same as local", func(t *testing.T) { hdfsSameAsLocal(t, c) })
	t.Run("ranged header", func(t *testing.T) { hdfsHeader(t, c) })
	t.Run("errors", func(t *testing.T) { hdfsErrors(t, c) })
	t.Run("cancel", func(t *testing.T) { hdfsCancel(t, c) })
}

// refusedAddr is a loopback port nothing listens on.
func refusedAddr(t *testing.T) string {
	t.Helper()
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

func hdfsSameAsLocal(t *testing.T, c *minihdfs.Cluster) {
	t.Helper()
	local, err := savepointinfo.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	fsys := savepointfs.New(savepointfs.Config{})
	for loc, path := range map[string]string{
		c.URI + "/savepoints/one":                 c.URI + "/savepoints/one/_metadata",
		c.URI + "/savepoints/one/":                c.URI + "/savepoints/one/_metadata",
		c.URI + "/savepoints/one/_metadata":       c.URI + "/savepoints/one/_metadata",
		"latest:" + c.URI + "/savepoints":         c.URI + "/savepoints/one/_metadata",
		"hdfs:///savepoints/one":                  "hdfs:///savepoints/one/_metadata",
		"hdfs:/savepoints/one":                    "hdfs:///savepoints/one/_metadata",
		"hdfs://flinkns/savepoints/one/_metadata": "hdfs://flinkns/savepoints/one/_metadata",
	} {
		m, err := savepointinfo.OpenFS(t.Context(), fsys, loc)
		if err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		if m.Path != path || m.Size != local.Size || m.Version != local.Version || m.CheckpointID != local.CheckpointID || len(m.Operators) != len(local.Operators) {
			t.Errorf("%s: %s, %d bytes, v%d, %d operators; local %d bytes, v%d, %d operators",
				loc, m.Path, m.Size, m.Version, len(m.Operators), local.Size, local.Version, len(local.Operators))
			continue
		}
		for i, op := range m.Operators {
			if l := local.Operators[i]; op.ID != l.ID || op.Parallelism != l.Parallelism || op.MaxParallelism != l.MaxParallelism || op.HasState != l.HasState {
				t.Errorf("%s: operator %d: %+v, local %+v", loc, i, op, l)
			}
		}
	}
	snaps, err := savepointfs.Snapshots(t.Context(), fsys, c.URI+"/savepoints")
	if err != nil || len(snaps) != 1 || snaps[0].Dir != c.URI+"/savepoints/one" || snaps[0].Size != 50287+1034 {
		t.Errorf("Snapshots = %+v, %v", snaps, err)
	}
}

func hdfsHeader(t *testing.T, c *minihdfs.Cluster) {
	t.Helper()
	fsys := savepointfs.New(savepointfs.Config{})
	uri := c.URI + "/savepoints/one/_metadata"
	if v, err := savepointinfo.Header(t.Context(), fsys, uri); err != nil || v != 6 {
		t.Errorf("Header = %d, %v; want 6 (Flink 2.3)", v, err)
	}
	// The cluster's blocks are 16 KiB: this range spans two.
	want, err := os.ReadFile(filepath.Join(fixture, "_metadata"))
	if err != nil {
		t.Fatal(err)
	}
	p := make([]byte, 5000)
	if n, err := fsys.ReadAt(t.Context(), uri, p, 14000); n != 5000 || err != nil || string(p) != string(want[14000:19000]) {
		t.Errorf("ReadAt across a block boundary = %d, %v", n, err)
	}
	if n, err := fsys.ReadAt(t.Context(), uri, p, 50287-100); n != 100 || !errors.Is(err, io.EOF) || string(p[:n]) != string(want[50187:]) {
		t.Errorf("ReadAt over the end = %d, %v; want 100, io.EOF", n, err)
	}
	if n, err := fsys.ReadAt(t.Context(), uri, p, 1<<30); n != 0 || !errors.Is(err, io.EOF) {
		t.Errorf("ReadAt past the end = %d, %v; want 0, io.EOF", n, err)
	}
}

func hdfsErrors(t *testing.T, c *minihdfs.Cluster) {
	t.Helper()
	refusedNN := refusedAddr(t)
	refused := "hdfs://" + refusedNN + "/savepoints/one"
	for _, tc := range []struct {
		loc      string
		want     []string
		notExist bool
	}{
		{c.URI + "/savepoints/none", []string{"does not exist"}, true},
		{c.URI + "/savepoints/one/sub/_metadata", []string{"does not exist"}, true},
		{c.URI + "/nometa", []string{"no _metadata"}, true},
		{"latest:" + c.URI + "/nometa", []string{"no savepoint or checkpoint"}, false},
		{refused, []string{"connection refused", "namenode " + refusedNN}, false},
		{c.URI + "/private/one", []string{"permission denied", "as flink"}, false},
	} {
		start := time.Now()
		_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(savepointfs.Config{}), tc.loc)
		t.Log(err)
		if err == nil {
			t.Errorf("%s: no error", tc.loc)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, strings.TrimPrefix(tc.loc, "latest:")) || strings.Contains(msg, "\n") {
			t.Errorf("%s: error %q is not one line naming it", tc.loc, msg)
		}
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: error %q does not contain %q", tc.loc, msg, w)
			}
		}
		if errors.Is(err, fs.ErrNotExist) != tc.notExist {
			t.Errorf("%s: errors.Is(fs.ErrNotExist) = %v", tc.loc, !tc.notExist)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: took %v", tc.loc, took)
		}
	}
}

func hdfsCancel(t *testing.T, c *minihdfs.Cluster) {
	t.Helper()
	t.Run("mid-read", func(t *testing.T) {
		fsys := savepointfs.New(savepointfs.Config{})
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		r, err := fsys.Open(ctx, c.URI+"/savepoints/one/_metadata")
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if _, err := io.ReadFull(r, make([]byte, 1000)); err != nil {
			t.Fatal(err)
		}
		cancel()
		start := time.Now()
		_, err = io.ReadAll(r)
		if !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
			t.Errorf("read after cancel: %v after %v, want context.Canceled at once", err, time.Since(start))
		}
	})
	// A namenode that accepts and never answers: a cancel returns at once,
	// and without one the I/O timeout ends the wait.
	silent := "hdfs://" + emulator.Silent(t) + "/savepoints/one"
	t.Run("silent namenode, cancelled", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := savepointinfo.OpenFS(ctx, savepointfs.New(savepointfs.Config{}), silent)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
			t.Errorf("error %v after %v, want the deadline within 1 s", err, time.Since(start))
		}
		t.Log(err)
	})
	t.Run("silent namenode, timed out", func(t *testing.T) {
		defer savepointfs.SetHDFSIOTimeout(500 * time.Millisecond)()
		start := time.Now()
		_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(savepointfs.Config{}), silent)
		if err == nil || !strings.Contains(err.Error(), silent) || !strings.Contains(err.Error(), "no answer within") ||
			strings.Contains(err.Error(), "\n") || time.Since(start) > 3*time.Second {
			t.Errorf("error %v after %v, want one line naming it and the timeout", err, time.Since(start))
		}
		t.Log(err)
	})
}

// TestHDFSConfig reads the Hadoop client configuration without a cluster.
func TestHDFSConfig(t *testing.T) {
	t.Setenv("HADOOP_USER_NAME", "flink")
	t.Setenv("HADOOP_CONF_DIR", hadoopConf(t, map[string]string{
		"fs.defaultFS":                      "hdfs://prod",
		"dfs.nameservices":                  "prod",
		"dfs.ha.namenodes.prod":             "nn1, nn2",
		"dfs.namenode.rpc-address.prod.nn1": "nn1.example.com:8020",
		"dfs.namenode.rpc-address.prod.nn2": "nn2.example.com:8020",
		"dfs.namenode.rpc-address.single":   "single.example.com:9000",
	}))
	h, err := savepointfs.NewHDFS()
	if err != nil {
		t.Fatal(err)
	}
	for authority, want := range map[string]string{
		"prod":                "nn1.example.com:8020,nn2.example.com:8020",
		"":                    "nn1.example.com:8020,nn2.example.com:8020",
		"single":              "single.example.com:9000",
		"nn.example.com":      "nn.example.com:8020",
		"nn.example.com:9820": "nn.example.com:9820",
	} {
		got, err := h.Namenodes(authority)
		if err != nil || strings.Join(got, ",") != want {
			t.Errorf("Namenodes(%q) = %v, %v; want %s", authority, got, err, want)
		}
	}

	t.Run("HADOOP_HOME", func(t *testing.T) {
		home := t.TempDir()
		conf := hadoopConf(t, map[string]string{"fs.defaultFS": "hdfs://home-nn:8020"})
		if err := os.MkdirAll(filepath.Join(home, "etc"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(conf, filepath.Join(home, "etc", "hadoop")); err != nil {
			t.Fatal(err)
		}
		t.Setenv("HADOOP_CONF_DIR", "")
		t.Setenv("HADOOP_HOME", home)
		h, err := savepointfs.NewHDFS()
		if err != nil {
			t.Fatal(err)
		}
		if got, err := h.Namenodes(""); err != nil || strings.Join(got, ",") != "home-nn:8020" {
			t.Errorf("Namenodes(\"\") = %v, %v", got, err)
		}
	})

	t.Run("no fs.defaultFS", func(t *testing.T) {
		t.Setenv("HADOOP_CONF_DIR", t.TempDir())
		_, err := savepointfs.New(savepointfs.Config{}).Stat(t.Context(), "hdfs:///savepoints/one")
		if err == nil || !strings.Contains(err.Error(), "hdfs:///savepoints/one") || !strings.Contains(err.Error(), "fs.defaultFS") {
			t.Errorf("error %v, want one naming the URI and fs.defaultFS", err)
		}
		t.Log(err)
	})

	t.Run("nameservice without configuration", func(t *testing.T) {
		t.Setenv("HADOOP_CONF_DIR", "")
		t.Setenv("HADOOP_HOME", "")
		_, err := savepointfs.New(savepointfs.Config{}).Stat(t.Context(), "hdfs://flinkns.invalid/savepoints/one")
		if err == nil || !strings.Contains(err.Error(), "hdfs://flinkns.invalid/savepoints/one") || !strings.Contains(err.Error(), "HADOOP_CONF_DIR") {
			t.Errorf("error %v, want one naming the URI and HADOOP_CONF_DIR", err)
		}
		t.Log(err)
	})

	t.Run("kerberos without a ticket cache", func(t *testing.T) {
		t.Setenv("HADOOP_CONF_DIR", hadoopConf(t, map[string]string{
			"fs.defaultFS":                    "hdfs://prod",
			"hadoop.security.authentication":  "kerberos",
			"dfs.namenode.kerberos.principal": "nn/_HOST@EXAMPLE.COM",
		}))
		cache := filepath.Join(t.TempDir(), "krb5cc_missing")
		for _, env := range []string{cache, "FILE:" + cache} {
			t.Setenv("KRB5CCNAME", env)
			_, err := savepointfs.New(savepointfs.Config{}).Stat(t.Context(), "hdfs://prod/savepoints/one")
			if err == nil || !strings.Contains(err.Error(), "hdfs://prod/savepoints/one") || !strings.Contains(err.Error(), cache) ||
				!strings.Contains(err.Error(), "run kinit") || strings.Contains(err.Error(), "\n") {
				t.Errorf("KRB5CCNAME=%s: error %v, want one line naming the URI, the cache and kinit", env, err)
			}
			t.Log(err)
		}
		t.Setenv("KRB5CCNAME", "KEYRING:persistent:0")
		if _, err := savepointfs.NewHDFS(); err == nil || !strings.Contains(err.Error(), "not a file cache") {
			t.Errorf("KEYRING cache: error %v", err)
		}
	})

	// With a ticket cache (gokrb5's test one, principal testuser1@TEST.GOKRB5)
	// the client acts as its principal and needs the namenode's SPN.
	t.Run("kerberos with a ticket cache", func(t *testing.T) {
		dir := t.TempDir()
		cc, err := hex.DecodeString(krbtest.CCACHE_TEST)
		if err != nil {
			t.Fatal(err)
		}
		write := func(name string, data []byte) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		t.Setenv("KRB5CCNAME", "FILE:"+write("krb5cc", cc))
		t.Setenv("KRB5_CONFIG", write("krb5.conf", []byte("[libdefaults]\n default_realm = TEST.GOKRB5\n"+
			"[realms]\n TEST.GOKRB5 = {\n  kdc = 127.0.0.1:88\n }\n")))
		nn := refusedAddr(t)
		t.Setenv("HADOOP_CONF_DIR", hadoopConf(t, map[string]string{
			"fs.defaultFS": "hdfs://" + nn, "hadoop.security.authentication": "kerberos",
		}))
		_, err = savepointfs.New(savepointfs.Config{}).Stat(t.Context(), "hdfs:///savepoints/one")
		if err == nil || !strings.Contains(err.Error(), "dfs.namenode.kerberos.principal is not set") {
			t.Errorf("without the namenode principal: error %v", err)
		}
		t.Log(err)
		t.Setenv("HADOOP_CONF_DIR", hadoopConf(t, map[string]string{
			"fs.defaultFS": "hdfs://" + nn, "hadoop.security.authentication": "kerberos",
			"dfs.namenode.kerberos.principal": "nn/_HOST@TEST.GOKRB5", "dfs.data.transfer.protection": "privacy",
		}))
		_, err = savepointfs.New(savepointfs.Config{}).Stat(t.Context(), "hdfs:///savepoints/one")
		if err == nil || !strings.Contains(err.Error(), "as Kerberos principal testuser1@TEST.GOKRB5") || !strings.Contains(err.Error(), "connection refused") {
			t.Errorf("with a ticket: error %v, want the principal and the refused namenode", err)
		}
		t.Log(err)

		// On the wire: the connection header asks for SASL (auth protocol
		// 0xdf after "hrpc", version and service class), not simple auth.
		ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		header := make(chan []byte, 1)
		go func() {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close()
			b := make([]byte, 7)
			_, _ = io.ReadFull(conn, b)
			header <- b
		}()
		t.Setenv("HADOOP_CONF_DIR", hadoopConf(t, map[string]string{
			"fs.defaultFS": "hdfs://" + ln.Addr().String(), "hadoop.security.authentication": "kerberos",
			"dfs.namenode.kerberos.principal": "nn/_HOST@TEST.GOKRB5",
		}))
		_, err = savepointfs.New(savepointfs.Config{}).Stat(t.Context(), "hdfs:///savepoints/one")
		select {
		case b := <-header:
			if string(b[:4]) != "hrpc" || b[6] != 0xdf {
				t.Errorf("connection header % x, want hrpc … df (SASL)", b)
			}
		case <-time.After(5 * time.Second):
			t.Error("the client never connected")
		}
		if err == nil || !strings.Contains(err.Error(), "SASL handshake") || strings.Contains(err.Error(), "kinit") || strings.Contains(err.Error(), "\n") {
			t.Errorf("namenode closing during SASL: error %v, want one line with the handshake, no kinit hint", err)
		}
		t.Log(err)
	})
}
