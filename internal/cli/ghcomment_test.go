package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/uidcheck/uidcheck/internal/output"
)

// fakeGitHub is the part of GitHub's REST API github-comment uses: issue
// comments of one pull request, in memory, with every request recorded.
type fakeGitHub struct {
	mu       sync.Mutex
	requests []string // "METHOD path"
	comments []fakeComment
	nextID   int64
	token    string
}

type fakeComment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
}

func (g *fakeGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.requests = append(g.requests, r.Method+" "+r.URL.Path)
	if r.Header.Get("Authorization") != "Bearer "+g.token {
		http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
		return
	}
	const list = "/api/v3/repos/acme/jobs/issues/7/comments"
	switch {
	case r.Method == http.MethodGet && r.URL.Path == list:
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		start := min((page-1)*per, len(g.comments))
		end := min(start+per, len(g.comments))
		answerJSON(w, g.comments[start:end])
	case r.Method == http.MethodPost && r.URL.Path == list:
		var c fakeComment
		if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		g.nextID++
		c.ID = 1000 + g.nextID
		g.comments = append(g.comments, c)
		w.WriteHeader(http.StatusCreated)
		answerJSON(w, c)
	case r.Method == http.MethodPatch && strings.HasPrefix(r.URL.Path, "/api/v3/repos/acme/jobs/issues/comments/"):
		id, _ := strconv.ParseInt(strings.TrimPrefix(r.URL.Path, "/api/v3/repos/acme/jobs/issues/comments/"), 10, 64)
		body, _ := io.ReadAll(r.Body)
		var c fakeComment
		if err := json.Unmarshal(body, &c); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		for i := range g.comments {
			if g.comments[i].ID == id {
				g.comments[i].Body = c.Body
				answerJSON(w, g.comments[i])
				return
			}
		}
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
	default:
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
	}
}

func ghCommentEnv(t *testing.T, api, event string) *IOStreams {
	t.Helper()
	ios, _, _ := Test()
	env := map[string]string{
		"GITHUB_TOKEN": "t0ken", "GITHUB_REPOSITORY": "acme/jobs", "GITHUB_API_URL": api + "/api/v3",
		"GITHUB_EVENT_PATH": event,
	}
	ios.Getenv = func(k string) string { return env[k] }
	return ios
}

// TestGitHubCommentCreatesThenUpdates: the first run creates one comment,
// the second finds it by its marker and edits the same comment; other
// people's comments are left alone.
func TestGitHubCommentCreatesThenUpdates(t *testing.T) {
	t.Parallel()
	gh := &fakeGitHub{token: "t0ken"}
	// 120 unrelated comments: the search must page past the first 100.
	for i := range 120 {
		gh.comments = append(gh.comments, fakeComment{ID: int64(i + 1), Body: fmt.Sprintf("comment %d", i)})
	}
	srv := httptest.NewServer(gh)
	defer srv.Close()
	dir := t.TempDir()
	event := filepath.Join(dir, "event.json")
	if err := os.WriteFile(event, []byte(`{"action":"synchronize","pull_request":{"number":7}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "report.md")
	post := func(body string) {
		t.Helper()
		if err := os.WriteFile(report, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		ios := ghCommentEnv(t, srv.URL, event)
		if code := runWith(ios, "github-comment", "--file", report); code != ExitOK {
			t.Fatalf("exit %d: %s", code, ios.ErrOut.(interface{ String() string }).String())
		}
	}
	post(output.CommentMarker + "\nfirst report")
	post(output.CommentMarker + "\nsecond report")

	var ours []fakeComment
	for _, c := range gh.comments {
		if strings.Contains(c.Body, output.CommentMarker) {
			ours = append(ours, c)
		}
	}
	if len(ours) != 1 || !strings.Contains(ours[0].Body, "second report") {
		t.Fatalf("want one uidcheck comment with the second report, got %+v", ours)
	}
	if len(gh.comments) != 121 {
		t.Errorf("%d comments, want 121", len(gh.comments))
	}
	var writes []string
	for _, r := range gh.requests {
		if !strings.HasPrefix(r, "GET ") {
			writes = append(writes, r)
		}
	}
	want := []string{
		"POST /api/v3/repos/acme/jobs/issues/7/comments",
		fmt.Sprintf("PATCH /api/v3/repos/acme/jobs/issues/comments/%d", ours[0].ID),
	}
	if strings.Join(writes, "\n") != strings.Join(want, "\n") {
		t.Errorf("writes:\n%s\nwant:\n%s\nall requests: %v", strings.Join(writes, "\n"), strings.Join(want, "\n"), gh.requests)
	}
}

// TestGitHubCommentErrors: a rejected token is a one-line error and exit
// 2; outside a pull request nothing is posted.
func TestGitHubCommentErrors(t *testing.T) {
	t.Parallel()
	gh := &fakeGitHub{token: "other"}
	srv := httptest.NewServer(gh)
	defer srv.Close()
	dir := t.TempDir()
	report := filepath.Join(dir, "report.md")
	if err := os.WriteFile(report, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	event := filepath.Join(dir, "event.json")
	if err := os.WriteFile(event, []byte(`{"pull_request":{"number":7}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ios := ghCommentEnv(t, srv.URL, event)
	if code := runWith(ios, "github-comment", "--file", report); code != ExitError {
		t.Fatalf("bad token: exit %d, want 2", code)
	}
	if msg := ios.ErrOut.(interface{ String() string }).String(); !strings.Contains(msg, "401 Bad credentials") || strings.Count(msg, "\n") != 1 {
		t.Errorf("bad token: %q", msg)
	}

	push := filepath.Join(dir, "push.json")
	if err := os.WriteFile(push, []byte(`{"ref":"refs/heads/main"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	gh.requests = nil
	if code := runWith(ghCommentEnv(t, srv.URL, push), "github-comment", "--file", report); code != ExitOK {
		t.Fatalf("push event: exit %d, want 0", code)
	}
	if len(gh.requests) != 0 {
		t.Errorf("push event sent %v", gh.requests)
	}
	if code := runWith(ghCommentEnv(t, srv.URL, push), "github-comment", "--file", filepath.Join(dir, "missing.md")); code != ExitError {
		t.Errorf("missing report: exit %d, want 2", code)
	}
}

// runWith runs one command line on prepared streams.
func runWith(ios *IOStreams, args ...string) ExitCode {
	return Run(context.Background(), ios, args)
}

// answerJSON answers with v; the fake server has nothing to do on failure.
func answerJSON(w http.ResponseWriter, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(data)
}
