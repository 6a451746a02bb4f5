// Package flinkrest is a small typed client for the parts of Flink's REST API
// that savepoint workflows use: listing jobs, triggering and polling
// savepoints, stop-with-savepoint, cancel, uploading and running jars, and
// reading a failed job's exceptions. Every call takes a context; errors from
// Flink come back as *APIError with Flink's message, first line only.
//
// Request bodies follow the cluster's Flink version (read once from /config),
// because Flink up to 1.19 rejects unknown JSON fields with 400
// (docs/flink-internals.md §6).
package flinkrest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Client talks to one Flink cluster's REST endpoint.
type Client struct {
	// BaseURL is the REST endpoint, e.g. http://localhost:8081.
	BaseURL *url.URL
	// HTTP sends the requests; nil means a client with a 30 s timeout.
	HTTP *http.Client
	// Authorization, when set, is sent as the Authorization header (for
	// clusters behind an authenticating proxy). It is never printed.
	Authorization string

	versionOnce sync.Once
	version     Version
	versionErr  error
}

// APIError is an error response from Flink: {"errors":[…]} with the status code.
type APIError struct {
	StatusCode int
	// Errors are Flink's messages, each cut to its first line: Flink puts a
	// whole Java stack trace into one element.
	Errors []string
}

func (e *APIError) Error() string {
	if len(e.Errors) == 0 {
		return fmt.Sprintf("flink REST API: HTTP %d", e.StatusCode)
	}
	return fmt.Sprintf("flink REST API: HTTP %d: %s", e.StatusCode, strings.Join(e.Errors, "; "))
}

// ErrNotFlink reports a response that is not Flink's JSON, such as a proxy's
// HTML error page.
var ErrNotFlink = errors.New("response is not from the Flink REST API")

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// do sends a request and decodes a JSON response into out (which may be nil).
func (c *Client) do(ctx context.Context, method, path string, body io.Reader, contentType string, out any) error {
	u := c.BaseURL.JoinPath(path)
	if before, after, ok := strings.Cut(path, "?"); ok {
		u = c.BaseURL.JoinPath(before)
		u.RawQuery = after
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	if c.Authorization != "" {
		req.Header.Set("Authorization", c.Authorization)
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		if ue, ok := errors.AsType[*url.Error](err); ok {
			err = ue.Err // the URL is already in the message
		}
		return fmt.Errorf("%s %s: %w", method, redact(u), err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("%s %s: read response: %w", method, path, err)
	}
	if resp.StatusCode >= 300 {
		return apiError(resp.StatusCode, data)
	}
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s %s: %w: %s", method, path, ErrNotFlink, snippet(data))
	}
	return nil
}

func apiError(status int, data []byte) error {
	var body struct {
		Errors []string `json:"errors"`
	}
	if err := json.Unmarshal(data, &body); err != nil || body.Errors == nil {
		return fmt.Errorf("HTTP %d: %w: %s", status, ErrNotFlink, snippet(data))
	}
	e := &APIError{StatusCode: status}
	for _, msg := range body.Errors {
		if trace, ok := strings.CutPrefix(strings.TrimSpace(msg), "<Exception on server side:"); ok {
			// Flink sends the reason of a generic "Internal server error."
			// as a separate element holding the server's stack trace: its
			// root cause (the last "Caused by:"), else its first exception.
			cause := lastCause(trace)
			if cause == "" {
				cause = firstLine(trace)
			}
			switch {
			case cause == "" || strings.HasPrefix(cause, "End of exception"):
			case len(e.Errors) > 0 && !strings.Contains(e.Errors[len(e.Errors)-1], cause):
				e.Errors[len(e.Errors)-1] += " (caused by: " + cause + ")"
			case len(e.Errors) == 0:
				e.Errors = append(e.Errors, cause)
			}
			continue
		}
		first := firstLine(msg)
		if first == "" {
			continue
		}
		// A generic handler message hides the reason in the trace's last
		// "Caused by:" line.
		if cause := lastCause(msg); cause != "" && cause != first {
			first += " (caused by: " + cause + ")"
		}
		e.Errors = append(e.Errors, first)
	}
	return e
}

// firstLine cuts Flink's stringified exception to its message: the first
// line, without the "org.apache…Exception: " class prefix when one is there.
func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if i := strings.Index(s, "Exception: "); i >= 0 && !strings.Contains(s[:i], " ") {
		s = s[i+len("Exception: "):]
	}
	return s
}

func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return strconv.Quote(s)
}

// redact drops user information from a URL before it appears in an error.
func redact(u *url.URL) string {
	v := *u
	v.User = nil
	return v.String()
}

// Version is a Flink release number.
type Version struct{ Major, Minor int }

// AtLeast reports whether v is major.minor or newer.
func (v Version) AtLeast(major, minor int) bool {
	return v.Major > major || v.Major == major && v.Minor >= minor
}

func (v Version) String() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }

// ParseVersion reads "1.20.1", "2.0-SNAPSHOT" and the like.
func ParseVersion(s string) (Version, error) {
	parts := strings.SplitN(strings.SplitN(s, "-", 2)[0], ".", 3)
	if len(parts) < 2 {
		return Version{}, fmt.Errorf("flink version %q: want major.minor", s)
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return Version{}, fmt.Errorf("flink version %q: want major.minor", s)
	}
	return Version{Major: major, Minor: minor}, nil
}

// ClusterVersion reads the cluster's Flink version from /config, once.
func (c *Client) ClusterVersion(ctx context.Context) (Version, error) {
	c.versionOnce.Do(func() {
		var cfg struct {
			FlinkVersion string `json:"flink-version"`
		}
		if err := c.do(ctx, http.MethodGet, "config", nil, "", &cfg); err != nil {
			c.versionErr = err
			return
		}
		c.version, c.versionErr = ParseVersion(cfg.FlinkVersion)
	})
	return c.version, c.versionErr
}

// Job is one entry of /jobs/overview.
type Job struct {
	ID        string `json:"jid"`
	Name      string `json:"name"`
	State     string `json:"state"`
	StartTime int64  `json:"start-time"` // milliseconds since the epoch
}

// Jobs lists the cluster's jobs.
func (c *Client) Jobs(ctx context.Context) ([]Job, error) {
	var out struct {
		Jobs []Job `json:"jobs"`
	}
	if err := c.do(ctx, http.MethodGet, "jobs/overview", nil, "", &out); err != nil {
		return nil, err
	}
	return out.Jobs, nil
}

// JobStatus returns a job's state, e.g. RUNNING or FAILED.
func (c *Client) JobStatus(ctx context.Context, jobID string) (string, error) {
	var out struct {
		Status string `json:"status"`
	}
	if err := c.do(ctx, http.MethodGet, "jobs/"+url.PathEscape(jobID)+"/status", nil, "", &out); err != nil {
		return "", err
	}
	return out.Status, nil
}

// SavepointOptions configure a savepoint or stop-with-savepoint.
type SavepointOptions struct {
	// TargetDirectory is where the savepoint goes; "" uses the cluster's
	// execution.checkpointing.savepoint-dir.
	TargetDirectory string
	// Format is "CANONICAL" or "NATIVE"; "" leaves Flink's default (canonical).
	Format string
	// Drain (stop only) emits MAX_WATERMARK before stopping.
	Drain bool
	// TriggerID makes a retried trigger idempotent (Flink 1.15+).
	TriggerID string
}

// TriggerSavepoint starts a savepoint and returns its trigger ID.
func (c *Client) TriggerSavepoint(ctx context.Context, jobID string, o SavepointOptions) (string, error) {
	body := map[string]any{"cancel-job": false}
	if o.TargetDirectory != "" {
		body["target-directory"] = o.TargetDirectory
	}
	if err := c.versioned(ctx, body, o); err != nil {
		return "", err
	}
	return c.trigger(ctx, "jobs/"+url.PathEscape(jobID)+"/savepoints", body)
}

// StopWithSavepoint stops a job gracefully after a savepoint; the job keeps
// running if the savepoint fails. It returns the trigger ID to poll.
func (c *Client) StopWithSavepoint(ctx context.Context, jobID string, o SavepointOptions) (string, error) {
	body := map[string]any{"drain": o.Drain}
	if o.TargetDirectory != "" {
		body["targetDirectory"] = o.TargetDirectory
	}
	if err := c.versioned(ctx, body, o); err != nil {
		return "", err
	}
	return c.trigger(ctx, "jobs/"+url.PathEscape(jobID)+"/stop", body)
}

// versioned adds the fields that only newer Flink versions accept.
func (c *Client) versioned(ctx context.Context, body map[string]any, o SavepointOptions) error {
	if o.Format == "" && o.TriggerID == "" {
		return nil
	}
	v, err := c.ClusterVersion(ctx)
	if err != nil {
		return err
	}
	if !v.AtLeast(1, 15) {
		if o.Format != "" {
			return fmt.Errorf("savepoint format %s needs Flink 1.15 or newer; the cluster runs %s", o.Format, v)
		}
		return nil
	}
	if o.Format != "" {
		body["formatType"] = o.Format
	}
	if o.TriggerID != "" {
		body["triggerId"] = o.TriggerID
	}
	return nil
}

func (c *Client) trigger(ctx context.Context, path string, body map[string]any) (string, error) {
	data, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	var out struct {
		RequestID string `json:"request-id"`
	}
	if err := c.do(ctx, http.MethodPost, path, bytes.NewReader(data), "application/json", &out); err != nil {
		return "", err
	}
	if out.RequestID == "" {
		return "", fmt.Errorf("POST %s: %w: no request-id in the response", path, ErrNotFlink)
	}
	return out.RequestID, nil
}

// SavepointStatus is the state of a savepoint operation.
type SavepointStatus struct {
	// Status is IN_PROGRESS or COMPLETED.
	Status string
	// Location is the savepoint path once COMPLETED successfully.
	Location string
	// Failure is Flink's reason when the savepoint failed ("" otherwise).
	Failure string
}

// Completed reports whether the savepoint completed successfully.
func (s SavepointStatus) Completed() bool {
	return s.Status == "COMPLETED" && s.Failure == "" && s.Location != ""
}

// Savepoint polls a savepoint or stop-with-savepoint operation once.
func (c *Client) Savepoint(ctx context.Context, jobID, triggerID string) (SavepointStatus, error) {
	var out struct {
		Status struct {
			ID string `json:"id"`
		} `json:"status"`
		Operation *struct {
			Location     string `json:"location"`
			FailureCause *struct {
				Class      string `json:"class"`
				StackTrace string `json:"stack-trace"`
			} `json:"failure-cause"`
		} `json:"operation"`
	}
	path := "jobs/" + url.PathEscape(jobID) + "/savepoints/" + url.PathEscape(triggerID)
	if err := c.do(ctx, http.MethodGet, path, nil, "", &out); err != nil {
		return SavepointStatus{}, err
	}
	st := SavepointStatus{Status: out.Status.ID}
	if out.Operation != nil {
		st.Location = out.Operation.Location
		if fc := out.Operation.FailureCause; fc != nil {
			st.Failure = rootCause(fc.StackTrace)
			if st.Failure == "" {
				st.Failure = fc.Class
			}
		}
	}
	switch st.Status {
	case "IN_PROGRESS", "COMPLETED":
	default:
		return st, fmt.Errorf("GET %s: %w: unknown savepoint status %q", path, ErrNotFlink, st.Status)
	}
	return st, nil
}

// rootCause picks the most specific message of a Java stack trace: the last
// "Caused by:" line, else the first line.
func rootCause(trace string) string {
	if msg := lastCause(trace); msg != "" {
		return msg
	}
	return firstLine(trace)
}

// lastCause returns the message of a trace's last "Caused by:" line, "" if none.
func lastCause(trace string) string {
	msg := ""
	for line := range strings.SplitSeq(trace, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "Caused by: "); ok {
			msg = rest
		}
	}
	return firstLine(msg)
}

// Cancel cancels a job. Callers must make sure its state is safe first.
func (c *Client) Cancel(ctx context.Context, jobID string) error {
	return c.do(ctx, http.MethodPatch, "jobs/"+url.PathEscape(jobID)+"?mode=cancel", nil, "", nil)
}

// UploadJar uploads a jar and returns its jar ID.
func (c *Client) UploadJar(ctx context.Context, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("upload jar: %w", err)
	}
	defer f.Close()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile("jarfile", filepath.Base(path))
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(part, f); err != nil {
		return "", fmt.Errorf("upload jar: %w", err)
	}
	if err := mw.Close(); err != nil {
		return "", err
	}
	var out struct {
		Filename string `json:"filename"`
		Status   string `json:"status"`
	}
	if err := c.do(ctx, http.MethodPost, "jars/upload", &buf, mw.FormDataContentType(), &out); err != nil {
		return "", err
	}
	if out.Status != "success" || out.Filename == "" {
		return "", fmt.Errorf("upload jar: %w: status %q", ErrNotFlink, out.Status)
	}
	return filepath.Base(out.Filename), nil
}

// RunOptions configure a jar run.
type RunOptions struct {
	EntryClass            string
	Args                  []string
	Parallelism           int
	SavepointPath         string
	AllowNonRestoredState bool
	// ClaimMode is CLAIM, NO_CLAIM or LEGACY; "" leaves Flink's default.
	ClaimMode string
}

// RunJar runs an uploaded jar and returns the job ID. Restore failures show
// later, in the job's status and exceptions.
func (c *Client) RunJar(ctx context.Context, jarID string, o RunOptions) (string, error) {
	v, err := c.ClusterVersion(ctx)
	if err != nil {
		return "", err
	}
	body := map[string]any{}
	if o.EntryClass != "" {
		body["entryClass"] = o.EntryClass
	}
	if len(o.Args) > 0 {
		body["programArgsList"] = o.Args
	}
	if o.Parallelism > 0 {
		body["parallelism"] = o.Parallelism
	}
	if o.SavepointPath != "" {
		body["savepointPath"] = o.SavepointPath
		body["allowNonRestoredState"] = o.AllowNonRestoredState
	}
	if o.ClaimMode != "" {
		// claimMode replaced restoreMode in 1.20; 1.15–1.19 reject the new name.
		switch {
		case v.AtLeast(1, 20):
			body["claimMode"] = o.ClaimMode
		case v.AtLeast(1, 15):
			body["restoreMode"] = o.ClaimMode
		default:
			return "", fmt.Errorf("claim mode needs Flink 1.15 or newer; the cluster runs %s", v)
		}
	}
	data, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	var out struct {
		JobID string `json:"jobid"`
	}
	if err := c.do(ctx, http.MethodPost, "jars/"+url.PathEscape(jarID)+"/run", bytes.NewReader(data), "application/json", &out); err != nil {
		return "", err
	}
	return out.JobID, nil
}

// JobFailure returns the root cause of a job's most recent exception, "" if none.
func (c *Client) JobFailure(ctx context.Context, jobID string) (string, error) {
	var out struct {
		History struct {
			Entries []struct {
				Stacktrace string `json:"stacktrace"`
			} `json:"entries"`
		} `json:"exceptionHistory"`
		RootException string `json:"root-exception"` // Flink 1.x
	}
	if err := c.do(ctx, http.MethodGet, "jobs/"+url.PathEscape(jobID)+"/exceptions", nil, "", &out); err != nil {
		return "", err
	}
	if len(out.History.Entries) > 0 {
		return rootCause(out.History.Entries[0].Stacktrace), nil
	}
	return rootCause(out.RootException), nil
}

// DisposeSavepoint starts disposing a savepoint and returns the trigger ID.
func (c *Client) DisposeSavepoint(ctx context.Context, path string) (string, error) {
	return c.trigger(ctx, "savepoint-disposal", map[string]any{"savepoint-path": path})
}

// Disposal polls a savepoint disposal once; done is true when it finished,
// failure is Flink's reason when it failed.
func (c *Client) Disposal(ctx context.Context, triggerID string) (done bool, failure string, err error) {
	var out struct {
		Status struct {
			ID string `json:"id"`
		} `json:"status"`
		Operation *struct {
			FailureCause *struct {
				StackTrace string `json:"stack-trace"`
			} `json:"failure-cause"`
		} `json:"operation"`
	}
	if err := c.do(ctx, http.MethodGet, "savepoint-disposal/"+url.PathEscape(triggerID), nil, "", &out); err != nil {
		return false, "", err
	}
	if out.Operation != nil && out.Operation.FailureCause != nil {
		failure = rootCause(out.Operation.FailureCause.StackTrace)
	}
	return out.Status.ID == "COMPLETED", failure, nil
}
