// Package minihdfs runs a real HDFS for the tests: Hadoop's MiniDFSCluster
// (one namenode, one datanode, on 127.0.0.1) from the Maven project in
// testdata/hdfs-minicluster, whose dependencies `make emulator-deps`
// resolves. Files are copied in by Hadoop's own client before it reports
// ready, so a fixture is never written by the code under test.
package minihdfs

import (
	"bufio"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ErrNoJava means java or mvn is not on PATH: a test skips, or fails
// under CI.
var ErrNoJava = errors.New("java and mvn are needed to run a MiniDFSCluster (make emulator-deps)")

// Cluster is a running MiniDFSCluster.
type Cluster struct {
	// URI is hdfs://127.0.0.1:<namenode port>.
	URI string
	// Addr is the namenode's 127.0.0.1:<port>.
	Addr string

	cmd   *exec.Cmd
	stdin io.WriteCloser
	dir   string
	once  sync.Once
	err   error
}

// Upload is a local file or directory copied into the cluster.
type Upload struct {
	Local, Remote string
	// Mode, when not 0, is set on Remote after the copy (0o700 keeps other
	// users out).
	Mode os.FileMode
}

// Start runs the cluster from the Maven project in project, copies the
// uploads in, and returns once it is ready: a start takes about 10 s.
func Start(project string, uploads ...Upload) (*Cluster, error) {
	java, jerr := exec.LookPath("java")
	_, merr := exec.LookPath("mvn")
	if jerr != nil || merr != nil {
		return nil, ErrNoJava
	}
	project, err := filepath.Abs(project)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "minihdfs")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	cp, err := classpath(project, dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	args := []string{
		"-Xmx512m", "-cp", cp,
		filepath.Join(project, "src/main/java/uidcheck/MiniHDFS.java"), filepath.Join(dir, "data"),
	}
	for _, u := range uploads {
		abs, err := filepath.Abs(u.Local)
		if err != nil {
			_ = os.RemoveAll(dir)
			return nil, err
		}
		arg := abs + "=" + u.Remote
		if u.Mode != 0 {
			arg += fmt.Sprintf("=%o", u.Mode.Perm())
		}
		args = append(args, arg)
	}
	// Java's source launcher compiles the one file in memory: no target
	// directory shared between test binaries running at once.
	c.cmd = exec.CommandContext(context.Background(), java, args...)
	c.cmd.Dir = dir
	logFile, err := os.Create(filepath.Join(dir, "cluster.log"))
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	defer logFile.Close()
	c.cmd.Stderr = logFile
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	// The cluster runs until its standard input closes: even a test binary
	// killed outright does not leave it behind.
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	if err := c.cmd.Start(); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if uri, ok := strings.CutPrefix(sc.Text(), "ready "); ok {
				ready <- uri
			}
		}
		close(ready)
	}()
	select {
	case uri, ok := <-ready:
		if ok {
			c.URI = uri
			c.Addr = strings.TrimPrefix(uri, "hdfs://")
			return c, nil
		}
		_ = c.cmd.Wait()
	case <-time.After(3 * time.Minute):
	}
	log := c.Log()
	_ = c.Close()
	return nil, fmt.Errorf("MiniDFSCluster did not report ready; its log ends:\n%s", log)
}

// classpath asks Maven for the project's runtime classpath, or reuses the
// answer cached for the same pom.xml while its jars are all there: Maven's
// start costs seconds of CPU on every test binary otherwise.
func classpath(project, tmp string) (string, error) {
	pom, err := os.ReadFile(filepath.Join(project, "pom.xml"))
	if err != nil {
		return "", err
	}
	cacheDir, err := os.UserCacheDir()
	if err != nil {
		cacheDir = os.TempDir()
	}
	cached := filepath.Join(cacheDir, "uidcheck-minihdfs", fmt.Sprintf("%x.classpath", sha256.Sum256(pom)))
	if b, err := os.ReadFile(cached); err == nil && allExist(strings.TrimSpace(string(b))) { //nolint:gosec // the user's own cache directory
		return strings.TrimSpace(string(b)), nil
	}
	out := filepath.Join(tmp, "classpath.txt")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	log, err := exec.CommandContext(ctx, "mvn", "-q", "-B", "-f", filepath.Join(project, "pom.xml"), //nolint:gosec // the repository's own pom
		"dependency:build-classpath", "-Dmdep.outputFile="+out, "-Dmdep.includeScope=runtime").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("mvn dependency:build-classpath in %s: %w\n%s", project, err, log)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return "", err
	}
	cp := strings.TrimSpace(string(b))
	// Written whole then renamed: test binaries start clusters at once.
	if os.MkdirAll(filepath.Dir(cached), 0o750) == nil { //nolint:gosec // the user's own cache directory
		if os.WriteFile(out, []byte(cp), 0o600) == nil { //nolint:gosec // the test's temporary directory
			_ = os.Rename(out, cached) //nolint:gosec // the user's own cache directory
		}
	}
	return cp, nil
}

func allExist(cp string) bool {
	if cp == "" {
		return false
	}
	for p := range strings.SplitSeq(cp, string(os.PathListSeparator)) {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}

// Log is the end of the cluster's log, for a failing test.
func (c *Cluster) Log() string {
	b, _ := os.ReadFile(filepath.Join(c.dir, "cluster.log"))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// Close stops the cluster (closing its standard input, then killing it
// after 20 s) and removes its files.
func (c *Cluster) Close() error {
	c.once.Do(func() {
		_ = c.stdin.Close()
		done := make(chan struct{})
		go func() { _ = c.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = c.cmd.Process.Kill()
			<-done
		}
		c.err = os.RemoveAll(c.dir)
	})
	return c.err
}
