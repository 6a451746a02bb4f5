package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeFlink is a scripted REST endpoint for fault injection. It records
// every request so tests can assert that no job was stopped or cancelled.
type fakeFlink struct {
	mu       sync.Mutex
	requests []string
	handle   func(w http.ResponseWriter, r *http.Request)
}

func (f *fakeFlink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
	f.mu.Unlock()
	f.handle(w, r)
}

func (f *fakeFlink) hit(prefix string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.requests {
		if strings.HasPrefix(r, prefix) {
			return true
		}
	}
	return false
}

func writeJSON(w http.ResponseWriter, status int, v map[string]any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

const jobID = "a1b2c3d4e5f60718293a4b5c6d7e8f90"

// savepointFlink answers /config and the savepoint trigger, and lets the
// test decide the poll response.
func savepointFlink(version string, poll func(w http.ResponseWriter)) *fakeFlink {
	return &fakeFlink{handle: func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/config":
			writeJSON(w, 200, map[string]any{"flink-version": version})
		case r.Method == http.MethodPost && (strings.HasSuffix(r.URL.Path, "/savepoints") || strings.HasSuffix(r.URL.Path, "/stop")):
			body, _ := io.ReadAll(r.Body)
			if strings.HasPrefix(version, "1.1") && strings.Contains(string(body), "formatType") {
				// ≤ 1.14 rejects unknown fields with 400.
				writeJSON(w, 400, map[string]any{"errors": []string{"Request did not match expected format SavepointTriggerRequestBody."}})
				return
			}
			writeJSON(w, 202, map[string]any{"request-id": "trigger-1"})
		case r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/savepoints/"):
			poll(w)
		case r.Method == http.MethodPatch:
			w.WriteHeader(http.StatusAccepted)
		default:
			writeJSON(w, 404, map[string]any{"errors": []string{"Not found: " + r.URL.Path}})
		}
	}}
}

func runREST(t *testing.T, srv *httptest.Server, args ...string) (ExitCode, string, string) {
	t.Helper()
	ios, stdout, stderr := Test()
	args = append(args, "-m", srv.URL, "--timeout", "20s")
	code := Run(context.Background(), ios, args)
	return code, stdout.String(), stderr.String()
}

func TestCancelNeverCancelsWithoutCompletedSavepoint(t *testing.T) {
	t.Parallel()
	failedPoll := func(w http.ResponseWriter) {
		writeJSON(w, 200, map[string]any{
			"status": map[string]any{"id": "COMPLETED"},
			"operation": map[string]any{"failure-cause": map[string]any{
				"class":       "java.util.concurrent.CompletionException",
				"stack-trace": "java.util.concurrent.CompletionException: wrapped\n\tat x\nCaused by: org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending.\n\tat y",
			}},
		})
	}
	cases := []struct {
		name    string
		poll    func(w http.ResponseWriter)
		message string
	}{
		{"savepoint fails", failedPoll, "Checkpoint Coordinator is suspending."},
		{"server error while polling", func(w http.ResponseWriter) {
			writeJSON(w, 500, map[string]any{"errors": []string{"Internal server error.", "<Exception on server side:\njava.lang.RuntimeException\n\tat ...\nEnd of exception on server side>"}})
		}, "HTTP 500: Internal server error."},
		{"garbage JSON", func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, "{not json")
		}, "response is not from the Flink REST API"},
		{"HTML from a proxy", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		}, "502 Bad Gateway"},
		{"unknown savepoint status", func(w http.ResponseWriter) {
			writeJSON(w, 200, map[string]any{"status": map[string]any{"id": "EXPLODED"}})
		}, `unknown savepoint status "EXPLODED"`},
	}
	for _, tc := range cases {
		for _, cmd := range [][]string{{"cancel", "-s", "/savepoints", jobID}, {"stop", "--savepointPath", "/savepoints", jobID}} {
			t.Run(tc.name+"/"+cmd[0], func(t *testing.T) {
				t.Parallel()
				ff := savepointFlink("1.20.1", tc.poll)
				srv := httptest.NewServer(ff)
				defer srv.Close()
				code, _, stderr := runREST(t, srv, cmd...)
				if code != ExitError || !strings.Contains(stderr, tc.message) {
					t.Errorf("exit %d, stderr %q; want exit 2 mentioning %q", code, stderr, tc.message)
				}
				if ff.hit("PATCH") {
					t.Error("the job was cancelled although its savepoint did not complete")
				}
			})
		}
	}
}

func TestCancelAfterCompletedSavepoint(t *testing.T) {
	t.Parallel()
	ff := savepointFlink("2.0.0", func(w http.ResponseWriter) {
		writeJSON(w, 200, map[string]any{"status": map[string]any{"id": "COMPLETED"}, "operation": map[string]any{"location": "file:/savepoints/savepoint-1"}})
	})
	srv := httptest.NewServer(ff)
	defer srv.Close()
	code, stdout, stderr := runREST(t, srv, "cancel", "-s", "/savepoints", jobID)
	if code != ExitOK || !strings.Contains(stdout, "file:/savepoints/savepoint-1") || !ff.hit("PATCH /jobs/"+jobID+"?mode=cancel") {
		t.Errorf("exit %d stdout %q stderr %q; requests %v", code, stdout, stderr, ff.requests)
	}
}

func TestCancelRequiresSavepoint(t *testing.T) {
	t.Parallel()
	ff := savepointFlink("2.0.0", nil)
	srv := httptest.NewServer(ff)
	defer srv.Close()
	code, _, stderr := runREST(t, srv, "cancel", jobID)
	if code != ExitError || !strings.Contains(stderr, "only after a completed savepoint") || len(ff.requests) > 0 {
		t.Errorf("exit %d stderr %q requests %v", code, stderr, ff.requests)
	}
}

// Flink ≤ 1.14 does not know formatType: uidcheck must refuse rather than send it.
func TestSavepointFormatNeedsVersion(t *testing.T) {
	t.Parallel()
	ff := savepointFlink("1.14.6", nil)
	srv := httptest.NewServer(ff)
	defer srv.Close()
	code, _, stderr := runREST(t, srv, "savepoint", "--type", "native", jobID, "/savepoints")
	if code != ExitError || !strings.Contains(stderr, "needs Flink 1.15 or newer; the cluster runs 1.14") {
		t.Errorf("exit %d stderr %q", code, stderr)
	}
	if ff.hit("POST") {
		t.Error("a request with formatType was sent to Flink 1.14")
	}
}

func TestUnknownJobAndConnectionRefused(t *testing.T) {
	t.Parallel()
	ff := &fakeFlink{handle: func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 404, map[string]any{"errors": []string{"org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (" + jobID + ")\n\tat org.apache..."}})
	}}
	srv := httptest.NewServer(ff)
	code, _, stderr := runREST(t, srv, "savepoint", jobID, "/savepoints")
	if code != ExitError || !strings.Contains(stderr, "HTTP 404: Could not find Flink job") || strings.Contains(stderr, "\tat ") {
		t.Errorf("exit %d stderr %q", code, stderr)
	}
	srv.Close()
	code, _, stderr = runREST(t, srv, "list")
	if code != ExitError || !strings.Contains(stderr, "connection refused") {
		t.Errorf("closed server: exit %d stderr %q", code, stderr)
	}
}

func TestRunRefusedByGateWithoutSources(t *testing.T) {
	t.Parallel()
	ff := savepointFlink("2.0.0", nil)
	srv := httptest.NewServer(ff)
	defer srv.Close()
	code, _, stderr := runREST(t, srv, "run", "-s", "/savepoints/sp", "job.jar")
	if code != ExitError || !strings.Contains(stderr, "needs --src DIR") || len(ff.requests) > 0 {
		t.Errorf("exit %d stderr %q requests %v", code, stderr, ff.requests)
	}
}

// The connection to the cluster breaks while uidcheck polls the savepoint:
// after a few retries the command gives up with exit 2, and nothing was
// cancelled.
func TestConnectionLostWhilePolling(t *testing.T) {
	t.Parallel()
	var polls atomic.Int32
	ff := &fakeFlink{}
	inner := savepointFlink("2.0.0", func(w http.ResponseWriter) {
		writeJSON(w, http.StatusOK, map[string]any{"status": map[string]any{"id": "IN_PROGRESS"}})
	})
	ff.handle = func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/savepoints/") && polls.Add(1) > 2 {
			// Drop the connection without an answer, as a dying proxy would.
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					_ = conn.Close()
					return
				}
			}
		}
		inner.handle(w, r)
	}
	srv := httptest.NewServer(ff)
	defer srv.Close()
	code, _, stderr := runREST(t, srv, "cancel", "-s", "/savepoints", jobID)
	if code != ExitError || !strings.Contains(stderr, "poll savepoint") || ff.hit("PATCH") || polls.Load() < 3 {
		t.Errorf("exit %d, stderr %q, cancelled %v, polls %d", code, stderr, ff.hit("PATCH"), polls.Load())
	}
}

// A savepoint that never completes ends with --timeout, exit 2, job untouched.
func TestSavepointTimeout(t *testing.T) {
	t.Parallel()
	ff := savepointFlink("2.0.0", func(w http.ResponseWriter) {
		writeJSON(w, http.StatusOK, map[string]any{"status": map[string]any{"id": "IN_PROGRESS"}})
	})
	srv := httptest.NewServer(ff)
	defer srv.Close()
	ios, _, stderr := Test()
	code := Run(context.Background(), ios, []string{"cancel", "-m", srv.URL, "--timeout", "1s", "-s", "/savepoints", jobID})
	if code != ExitError || !strings.Contains(stderr.String(), "context deadline exceeded") || ff.hit("PATCH") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// Flink 1.19 and older answer 400 to fields they do not know; uidcheck
// shows Flink's message, first line only.
func TestUnknownFieldRejected(t *testing.T) {
	t.Parallel()
	ff := &fakeFlink{handle: func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/config" {
			writeJSON(w, http.StatusOK, map[string]any{"flink-version": "1.19.1"})
			return
		}
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": []string{"Request did not match expected format SavepointTriggerRequestBody.\n\tat org.apache..."}})
	}}
	srv := httptest.NewServer(ff)
	defer srv.Close()
	code, _, stderr := runREST(t, srv, "savepoint", "--type", "native", jobID, "/savepoints")
	if code != ExitError || !strings.Contains(stderr, "HTTP 400: Request did not match expected format SavepointTriggerRequestBody.") || strings.Contains(stderr, "\tat ") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// The Authorization header comes from the environment and is sent, never printed.
func TestAuthorizationHeader(t *testing.T) {
	t.Parallel()
	var got string
	ff := &fakeFlink{handle: func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("Authorization")
		writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": []string{"bad token"}})
	}}
	srv := httptest.NewServer(ff)
	defer srv.Close()
	ios, _, stderr := Test()
	ios.Getenv = func(k string) string {
		if k == authEnv {
			return "Bearer s3cret"
		}
		return ""
	}
	code := Run(context.Background(), ios, []string{"list", "-m", srv.URL})
	if got != "Bearer s3cret" || code != ExitError || strings.Contains(stderr.String(), "s3cret") {
		t.Errorf("header %q, exit %d, stderr %q", got, code, stderr)
	}
}

// After Flink accepted a stop-with-savepoint, an interrupt or --timeout
// ends only uidcheck's wait: the message says the stop goes on, with the
// trigger ID and where to follow it, never that the job keeps running.
func TestStopInterruptedSaysInProgress(t *testing.T) {
	t.Parallel()
	inProgress := func(w http.ResponseWriter) {
		writeJSON(w, 200, map[string]any{"status": map[string]any{"id": "IN_PROGRESS"}})
	}
	for _, tc := range []struct {
		name string
		code ExitCode
		args []string
	}{
		{"SIGINT", ExitInterrupted, []string{"--timeout", "20s"}},
		{"timeout", ExitError, []string{"--timeout", "300ms"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			var polled atomic.Bool
			ff := savepointFlink("1.20.1", func(w http.ResponseWriter) {
				if tc.code == ExitInterrupted && !polled.Swap(true) {
					cancel(errInterrupted)
				}
				inProgress(w)
			})
			srv := httptest.NewServer(ff)
			defer srv.Close()
			ios, _, stderr := Test()
			args := append([]string{"stop", "--savepointPath", "/savepoints", jobID, "-m", srv.URL}, tc.args...)
			code := Run(ctx, ios, args)
			msg := stderr.String()
			for _, want := range []string{"goes on in the cluster", "Trigger ID trigger-1", srv.URL + "/jobs/" + jobID + "/savepoints/trigger-1"} {
				if !strings.Contains(msg, want) {
					t.Errorf("stderr %q does not say %q", msg, want)
				}
			}
			if code != tc.code || strings.Contains(msg, "keeps running") {
				t.Errorf("exit %d, stderr %q; want exit %d and no claim that the job keeps running", code, msg, tc.code)
			}
		})
	}
}
