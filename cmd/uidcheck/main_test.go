//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bin is the uidcheck binary the tests run, built once by TestMain: these
// tests exercise what a user gets, signals and exit codes included.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "uidcheck-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	bin = filepath.Join(dir, "uidcheck")
	if out, err := exec.CommandContext(context.Background(), "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

// run runs the binary in dir with extra environment variables; it fails the
// test if the binary does not exit within 30 s (the FIFO cases used to hang).
func run(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "FLINK_CONF_DIR=", "FLINK_REST_URL=")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("uidcheck %q did not exit within 30 s", args)
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return result{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}

func write(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// job is a small job with a stateful operator without uid: check finds it.
func job(pkg, class, body string) string {
	return "package " + pkg + `;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
public class ` + class + ` {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> s = env.fromSequence(0, 9).uid("src");
        ` + body + `
        env.execute();
    }
}
`
}

const noUID = `s.keyBy(v -> v).sum(0);`

// fixture is a real Flink 1.20.5 savepoint (format version 4, with the
// CheckpointProperties trailer).
const fixture = "../../testdata/savepoints/harness-flink1.20.5-uid_renamed"

func readFixture(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixture, "_metadata"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// savepointCut writes the fixture cut to n bytes as dir/sp/_metadata.
func savepointCut(t *testing.T, dir string, n func(size int) int) string {
	t.Helper()
	b := readFixture(t)
	write(t, filepath.Join(dir, "sp", "_metadata"), string(b[:n(len(b))]))
	return "sp"
}

// env is where a case's inputs go.
type env struct {
	t   *testing.T
	dir string
}

type badInputCase struct {
	name  string
	setup func(e *env) []string // writes the inputs, returns the arguments
	env   []string
	code  int
	// names is what the one-line message must name: the input, and where
	// that helps, the line, offset or flag.
	names []string
	// stdout, when set, must match standard output.
	stdout string
}

// TestBadInput runs each case of issue 20 through the real binary: the
// documented exit code, and a one-line message naming the input.
func TestBadInput(t *testing.T) {
	t.Parallel()
	chain := "s" + strings.Repeat(".map(v -> v)", 450) + ".keyBy(v -> v).sum(0);"
	cases := []badInputCase{
		// A savepoint is accepted only when it decodes to its last byte.
		{
			name: "savepoint cut inside the trailer", code: 2, names: []string{"sp/_metadata", "checkpoint properties", "truncated", "offset 0x"},
			setup: func(e *env) []string {
				return []string{"savepoint", "inspect", savepointCut(e.t, e.dir, func(n int) int { return n - 1 })}
			},
		},
		{
			name: "savepoint cut at the trailer's start", code: 2, names: []string{"sp/_metadata", "offset 0x"},
			setup: func(e *env) []string {
				return []string{"savepoint", "inspect", savepointCut(e.t, e.dir, func(n int) int { return n - 700 })}
			},
		},
		{
			name: "savepoint cut in the operators", code: 2, names: []string{"sp/_metadata", "operator", "offset 0x"},
			setup: func(e *env) []string {
				return []string{"savepoint", "inspect", savepointCut(e.t, e.dir, func(n int) int { return n / 2 })}
			},
		},
		{
			name: "compat on a cut savepoint", code: 2, names: []string{"sp/_metadata", "offset 0x"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "src", "Job.java"), job("a", "Job", noUID))
				return []string{"compat", "-s", savepointCut(e.t, e.dir, func(n int) int { return n - 10 }), "src"}
			},
		},
		{
			name: "run -s on a cut savepoint uploads nothing", code: 2, names: []string{"compatibility check", "sp/_metadata", "truncated"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "src", "Job.java"), job("a", "Job", noUID))
				write(e.t, filepath.Join(e.dir, "app.jar"), "")
				return []string{"run", "-s", savepointCut(e.t, e.dir, func(n int) int { return n - 50 }), "--src", "src", "-m", "localhost:1", "app.jar"}
			},
		},
		{
			name: "savepoint path empty", code: 2, names: []string{"path is empty"},
			setup: func(*env) []string { return []string{"savepoint", "inspect", ""} },
		},
		{
			name: "savepoint in a local directory named sp:1", code: 0, stdout: "format version 4",
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "sp:1", "_metadata"), string(readFixture(e.t)))
				return []string{"savepoint", "inspect", "sp:1"}
			},
		},
		{
			name: "savepoint on an unread scheme", code: 2, names: []string{"oss://b/sp", `scheme "oss"`},
			setup: func(*env) []string { return []string{"savepoint", "inspect", "oss://b/sp"} },
		},
		{
			name: "savepoint _metadata is a FIFO", code: 2, names: []string{"fifo/_metadata", "not a regular file"},
			setup: func(e *env) []string {
				mkfifo(e.t, filepath.Join(e.dir, "fifo", "_metadata"))
				return []string{"savepoint", "inspect", "fifo"}
			},
		},

		// Inputs that yield no Java file.
		{
			name: "empty directory", code: 2, names: []string{"empty", "no Java file"},
			setup: func(e *env) []string {
				mkdir(e.t, filepath.Join(e.dir, "empty"))
				return []string{"check", "empty"}
			},
		},
		{
			name: "empty directory allowed", code: 0,
			setup: func(e *env) []string {
				mkdir(e.t, filepath.Join(e.dir, "empty"))
				return []string{"check", "--allow-empty", "empty"}
			},
		},
		{
			name: "README.md", code: 2, names: []string{"README.md", "no Java file"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "README.md"), "# not Java\n")
				return []string{"check", "README.md"}
			},
		},
		{
			name: "README.md allowed", code: 0,
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "README.md"), "# not Java\n")
				return []string{"check", "--allow-empty", "README.md"}
			},
		},
		{
			name: "operators on an empty directory", code: 2, names: []string{"empty", "no Java file"},
			setup: func(e *env) []string {
				mkdir(e.t, filepath.Join(e.dir, "empty"))
				return []string{"operators", "empty"}
			},
		},
		{
			name: "missing path", code: 2, names: []string{"nowhere", "no such file"},
			setup: func(*env) []string { return []string{"check", "nowhere"} },
		},
		{
			name: "FIFO named on the command line", code: 2, names: []string{"fifo.java", "not a regular file"},
			setup: func(e *env) []string {
				mkfifo(e.t, filepath.Join(e.dir, "fifo.java"))
				return []string{"check", "fifo.java"}
			},
		},

		// Directory walking.
		{
			name: "symlinked source directory", code: 1, stdout: `srclink/Job\.java:\d+:\d+: error: .*missinguid`,
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "real", "Job.java"), job("a", "Job", noUID))
				symlink(e.t, "real", filepath.Join(e.dir, "srclink"))
				return []string{"check", "srclink"}
			},
		},
		{
			name: "package named build", code: 1, stdout: `com/acme/build/Job\.java:\d+:\d+: error: .*missinguid`,
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "src", "com", "acme", "build", "Job.java"), job("com.acme.build", "Job", noUID))
				return []string{"check", "src"}
			},
		},
		{
			name: "build output beside build.gradle", code: 0,
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "p", "build.gradle"), "")
				write(e.t, filepath.Join(e.dir, "p", "build", "gen", "Job.java"), job("gen", "Job", noUID))
				write(e.t, filepath.Join(e.dir, "p", "src", "Ok.java"), job("ok", "Ok", `s.keyBy(v -> v).sum(0).uid("sum");`))
				return []string{"check", "p"}
			},
		},
		{
			name: "target beside pom.xml", code: 0,
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "p", "pom.xml"), "<project/>")
				write(e.t, filepath.Join(e.dir, "p", "target", "Job.java"), job("gen", "Job", noUID))
				write(e.t, filepath.Join(e.dir, "p", "src", "Ok.java"), job("ok", "Ok", `s.keyBy(v -> v).sum(0).uid("sum");`))
				return []string{"check", "p"}
			},
		},

		// Parts of files that are not analysed.
		{
			name: "operators over a 450-link call chain", code: 2, names: []string{"Deep.java:8:", "nested deeper than 400"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "Deep.java"), job("d", "Deep", chain))
				return []string{"operators", "Deep.java"}
			},
		},
		{
			name: "operators over a 450-link call chain, keep going", code: 0, names: []string{"Deep.java:8:", "nested deeper than 400"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "Deep.java"), job("d", "Deep", chain))
				return []string{"operators", "--keep-going", "Deep.java"}
			},
		},
		{
			name: "check over a 450-link call chain", code: 0, stdout: `Deep\.java:8:\d+: warning: statement nested deeper than 400`,
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "Deep.java"), job("d", "Deep", chain))
				return []string{"check", "Deep.java"}
			},
		},
		{
			name: "manifest with a syntax error", code: 2, names: []string{"Broken.java:8:", "syntax error"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "Broken.java"), job("b", "Broken", `s.keyBy(v -> v).sum(0).uid("x") ))) ;`))
				return []string{"manifest", "Broken.java"}
			},
		},
		{
			name: "manifest with a syntax error, keep going", code: 0, names: []string{"Broken.java:8:", "syntax error"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "Broken.java"), job("b", "Broken", `s.keyBy(v -> v).sum(0).uid("x") ))) ;`))
				return []string{"manifest", "--keep-going", "Broken.java"}
			},
		},
		{
			name: "operators over the parse-size limit", code: 2, names: []string{"Job.java:1:", "parse limit of 100"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "Job.java"), job("a", "Job", noUID))
				return []string{"operators", "--max-parse-size", "100", "Job.java"}
			},
		},
		{
			name: "--max-parse-size 0", code: 2, names: []string{"--max-parse-size 0"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "Job.java"), job("a", "Job", noUID))
				return []string{"check", "--max-parse-size", "0", "Job.java"}
			},
		},
		{
			name: "FIFO in a walked directory", code: 2, names: []string{"Fifo.java", "not a regular file"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "src", "Job.java"), job("a", "Job", `s.keyBy(v -> v).sum(0).uid("sum");`))
				mkfifo(e.t, filepath.Join(e.dir, "src", "Fifo.java"))
				return []string{"check", "src"}
			},
		},
		{
			name: "lambda passed inline to a helper", code: 0, stdout: `process\s+"dedup"`,
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "Job.java"), job("a", "Job",
					`com.lib.Helper.run(s); Helper.apply(s, x -> x.keyBy(v -> v).process(new Dedup()).uid("dedup"));`))
				return []string{"operators", "Job.java"}
			},
		},
		{
			name: "BOM keeps the duplicate uid", code: 1, stdout: `Dup\.java:8:\d+: error: uid "twice".*duplicateuid`,
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "Dup.java"), "\ufeff"+job("a", "Dup", `s.map(v -> v).uid("twice"); s.filter(v -> true).uid("twice");`))
				return []string{"check", "Dup.java"}
			},
		},

		// Configuration.
		{
			name: "config with two YAML documents", code: 2, names: []string{".uidcheck.yaml:3:", "second YAML document"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, ".uidcheck.yaml"), "fail-on: error\n---\nfail-on: none\n")
				write(e.t, filepath.Join(e.dir, "Job.java"), job("a", "Job", noUID))
				return []string{"check", "Job.java"}
			},
		},
		{
			name: "config that is a list", code: 2, names: []string{".uidcheck.yaml:1:", "want a map of settings"},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, ".uidcheck.yaml"), "- fail-on: error\n")
				write(e.t, filepath.Join(e.dir, "Job.java"), job("a", "Job", noUID))
				return []string{"check", "Job.java"}
			},
		},

		// REST settings, refused before any request.
		{
			name: "missing --conf-dir", code: 2, names: []string{"--conf-dir", "no-such-conf"},
			setup: func(*env) []string { return []string{"list", "--conf-dir", "no-such-conf"} },
		},
		{
			name: "missing FLINK_CONF_DIR", code: 2, env: []string{"FLINK_CONF_DIR=no-such-conf"}, names: []string{"FLINK_CONF_DIR", "no-such-conf"},
			setup: func(*env) []string { return []string{"list"} },
		},
		{
			name: "rest.port abc", code: 2, names: []string{"flink-conf.yaml:2:", `rest.port "abc"`},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "conf", "flink-conf.yaml"), "rest.address: jm\nrest.port: abc\n")
				return []string{"list", "--conf-dir", "conf"}
			},
		},
		{
			name: "rest.port abc in config.yaml", code: 2, names: []string{"config.yaml:3:", `rest.port "abc"`},
			setup: func(e *env) []string {
				write(e.t, filepath.Join(e.dir, "conf", "config.yaml"), "rest:\n  address: jm\n  port: abc\n")
				return []string{"list", "--conf-dir", "conf"}
			},
		},
		{
			name: "bad FLINK_REST_URL", code: 2, env: []string{"FLINK_REST_URL=http://jm:99999"}, names: []string{"FLINK_REST_URL", "http://jm:99999", "port"},
			setup: func(*env) []string { return []string{"list"} },
		},
		{
			name: "bad --jobmanager", code: 2, names: []string{"--jobmanager", "ftp://jm"},
			setup: func(*env) []string { return []string{"list", "-m", "ftp://jm"} },
		},
		{
			name: "--timeout 0", code: 2, names: []string{"--timeout 0s"},
			setup: func(*env) []string { return []string{"list", "-m", "localhost:1", "--timeout", "0"} },
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := tc.setup(&env{t: t, dir: dir})
			r := run(t, dir, tc.env, args...)
			check(t, tc, r)
		})
	}
}

// check compares a run with a case: exit code, a single stderr line naming
// everything in names, and stdout.
func check(t *testing.T, tc badInputCase, r result) {
	t.Helper()
	if r.code != tc.code {
		t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
	}
	if len(tc.names) > 0 {
		found := false
		for line := range strings.SplitSeq(r.stderr, "\n") {
			ok := strings.HasPrefix(line, "uidcheck: ")
			for _, n := range tc.names {
				ok = ok && strings.Contains(line, n)
			}
			found = found || ok
		}
		if !found {
			t.Errorf("no stderr line names all of %q:\n%s", tc.names, r.stderr)
		}
	} else if tc.code == 0 && r.stderr != "" {
		t.Errorf("unexpected stderr: %s", r.stderr)
	}
	if tc.stdout != "" && !regexp.MustCompile(tc.stdout).MatchString(r.stdout) {
		t.Errorf("stdout does not match %s:\n%s", tc.stdout, r.stdout)
	}
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	mkdir(t, filepath.Dir(p))
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

func symlink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.Symlink(target, p); err != nil {
		t.Skipf("symlink: %v", err)
	}
}

// A Flink error response's server-side cause reaches the message.
func TestServerSideCause(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_ = json.NewEncoder(w).Encode(map[string]any{"errors": []string{
			"Internal server error.",
			"<Exception on server side:\norg.apache.flink.runtime.rest.handler.RestHandlerException: failed\n\tat x\n" +
				"Caused by: java.io.IOException: the job store is not reachable\n\tat y\nEnd of exception on server side>",
		}})
	}))
	defer srv.Close()
	r := run(t, t.TempDir(), nil, "list", "-m", srv.URL)
	check(t, badInputCase{code: 2, names: []string{"HTTP 500", "Internal server error.", "the job store is not reachable"}}, r)
}

// stopFlink accepts a stop-with-savepoint and then reports it in progress
// forever; polled is closed at the first poll.
func stopFlink(polled chan struct{}) *httptest.Server {
	var once bool
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/config":
			_, _ = w.Write([]byte(`{"flink-version":"1.20.1"}`))
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusAccepted)
			_, _ = w.Write([]byte(`{"request-id":"trigger-7"}`))
		case strings.Contains(r.URL.Path, "/savepoints/"):
			if !once {
				once = true
				close(polled)
			}
			_, _ = w.Write([]byte(`{"status":{"id":"IN_PROGRESS"}}`))
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"errors":["not found"]}`))
		}
	}))
}

// Ctrl-C after Flink accepted the stop: the stop goes on, and the message
// gives the trigger ID and where to follow it. Exit 130.
func TestStopInterrupted(t *testing.T) {
	polled := make(chan struct{})
	srv := stopFlink(polled)
	defer srv.Close()
	cmd := exec.CommandContext(t.Context(), bin, "stop", "--savepointPath", "/sp", "-m", srv.URL, "a1b2c3d4e5f60718293a4b5c6d7e8f90")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-polled:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("uidcheck never polled the savepoint")
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	msg := stderr.String()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, want 130; stderr %s", code, msg)
	}
	for _, want := range []string{"goes on in the cluster", "Trigger ID trigger-7", "/jobs/a1b2c3d4e5f60718293a4b5c6d7e8f90/savepoints/trigger-7"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr does not say %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, "keeps running") {
		t.Errorf("stderr claims the job keeps running: %s", msg)
	}
}

// bigJob writes a 10 MB job file: parsing and analysing it takes seconds.
func bigJob(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("package big;\nimport org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n" +
		"import org.apache.flink.streaming.api.datastream.DataStream;\npublic class Big {\n")
	for i := 0; b.Len() < 10<<20; i++ {
		fmt.Fprintf(&b, "  static void job%d(StreamExecutionEnvironment env) {\n    DataStream<String> s = env.fromElements(\"a\");\n"+
			"    s.map(x -> x + \"%d\").uid(\"m%d\").keyBy(x -> x).reduce((a, c) -> a + c).uid(\"r%d\");\n  }\n", i, i, i, i)
	}
	b.WriteString("}\n")
	return write(t, filepath.Join(dir, "Big.java"), b.String())
}

// The first SIGINT stops reading and analysis within half a second, at any
// point of a long run on a 10 MB file with the size limits raised.
func TestInterruptStopsWithinHalfASecond(t *testing.T) {
	path := bigJob(t, t.TempDir())
	args := []string{"check", "--max-file-size", "100000000", "--max-parse-size", "100000000", path}
	// The signals go out at points of the run measured on this machine, so
	// that none arrives after the run has ended: the fastest of two runs,
	// since the first may be slowed by a cold page cache or by other
	// packages' tests, and a later, faster run then ends before the signal.
	run := time.Duration(math.MaxInt64)
	for range 2 {
		start := time.Now()
		_ = exec.CommandContext(t.Context(), bin, args...).Run()
		run = min(run, time.Since(start))
	}
	for _, frac := range []float64{0.05, 0.3, 0.5, 0.7} {
		after := time.Duration(frac * float64(run))
		// go test runs other packages' tests on the same cores; one of three
		// attempts at each point must make it, so that a busy moment of the
		// machine is not taken for a slow stop.
		var fails []string
		for range 3 {
			code, took, stderr := interruptAfter(t, after, nil, args...)
			t.Logf("SIGINT after %v of a %v run: exit %d %v later", after, run, code, took)
			if code == 130 && took <= 500*time.Millisecond {
				fails = nil
				break
			}
			fails = append(fails, fmt.Sprintf("exit %d %v later (stderr %q)", code, took, stderr))
		}
		if fails != nil {
			t.Errorf("SIGINT after %v: %s; want 130 within 0.5 s", after, strings.Join(fails, "; "))
		}
	}
}

// interruptAfter runs uidcheck and sends SIGINT after the given time; it
// returns the exit code and how long the exit took after the signal.
func interruptAfter(t *testing.T, after time.Duration, env []string, args ...string) (int, time.Duration, string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), bin, args...)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(after)
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	return cmd.ProcessState.ExitCode(), time.Since(sent), stderr.String()
}

// A second SIGINT exits at once with 130.
func TestSecondInterruptExits(t *testing.T) {
	path := bigJob(t, t.TempDir())
	cmd := exec.CommandContext(t.Context(), bin, "check", "--max-file-size", "100000000", "--max-parse-size", "100000000", path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	sent := time.Now()
	for range 2 {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
	}
	_ = cmd.Wait()
	if code, took := cmd.ProcessState.ExitCode(), time.Since(sent); code != 130 || took > 500*time.Millisecond {
		t.Errorf("exit %d %v after two SIGINTs, want 130 at once", code, took)
	}
}
