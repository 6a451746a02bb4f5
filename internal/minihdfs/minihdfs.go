// Package minihdfs runs a real HDFS for the tests: Hadoop's MiniDFSCluster
// (one namenode, one datanode, on 127.0.0.1) from the Maven project in
// testdata/hdfs-minicluster, whose dependencies `make emulator-deps`
// resolves. Files are copied in by Hadoop's own client before it reports
// ready, so a fixture is never written by the code under test.
package minihdfs

import (
	"bufio"
	"context"
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

// Start runs the cluster from the Maven project in project, copying each
// local path to its HDFS path (uploads maps local to HDFS), and returns
// once it is ready: a start takes about 10 s.
func Start(project string, uploads map[string]string) (*Cluster, error) {
	java, jerr := exec.LookPath("java")
	mvn, merr := exec.LookPath("mvn")
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
	cpFile := filepath.Join(dir, "classpath.txt")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, mvn, "-q", "-B", "-f", filepath.Join(project, "pom.xml"),
		"dependency:build-classpath", "-Dmdep.outputFile="+cpFile, "-Dmdep.includeScope=runtime").CombinedOutput()
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("mvn dependency:build-classpath in %s: %w\n%s", project, err, out)
	}
	cp, err := os.ReadFile(cpFile)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	args := []string{
		"-Xmx512m", "-cp", strings.TrimSpace(string(cp)),
		filepath.Join(project, "src/main/java/uidcheck/MiniHDFS.java"), filepath.Join(dir, "data"),
	}
	for local, remote := range uploads {
		abs, err := filepath.Abs(local)
		if err != nil {
			_ = os.RemoveAll(dir)
			return nil, err
		}
		args = append(args, abs+"="+remote)
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
