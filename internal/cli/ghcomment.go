package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/uidcheck/uidcheck/internal/output"
)

type ghCommentOptions struct {
	f      *Factory
	file   string
	repo   string
	pr     int
	apiURL string
	http   *http.Client
}

// ghMaxBody is GitHub's limit on a comment body, in characters.
const ghMaxBody = 65536

func newCmdGitHubComment(f *Factory) *cobra.Command {
	opts := &ghCommentOptions{f: f}
	cmd := &cobra.Command{
		Use:   "github-comment --file REPORT.md",
		Short: "Post a Markdown report as the pull request's one uidcheck comment, updating it on later runs",
		Long: `Github-comment posts the Markdown report (check or compat --format markdown)
as a comment on the pull request, using the GitHub REST API and GITHUB_TOKEN.
It finds the comment it posted before by the hidden marker
` + output.CommentMarker + ` and edits it, so every push updates one comment
instead of adding another.

The repository comes from --repo or GITHUB_REPOSITORY, the pull request from
--pr or the event file GITHUB_EVENT_PATH, the API from GITHUB_API_URL (GitHub
Enterprise Server) or https://api.github.com. Outside a pull request it posts
nothing and exits 0.

Exit codes:
  0  the comment was created or updated, or there is no pull request
  2  usage, I/O or REST error`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.file == "" {
				return flagErrorf("--file is required")
			}
			return ghCommentRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.file, "file", "", "the Markdown report to post (`FILE`)")
	fl.StringVar(&opts.repo, "repo", "", "owner/name (default: GITHUB_REPOSITORY)")
	fl.IntVar(&opts.pr, "pr", 0, "pull request number (default: from GITHUB_EVENT_PATH)")
	return cmd
}

func ghCommentRun(ctx context.Context, opts *ghCommentOptions) error {
	getenv := opts.f.IO.Getenv
	body, err := os.ReadFile(opts.file)
	if err != nil {
		return fmt.Errorf("read report: %w", err)
	}
	token := getenv("GITHUB_TOKEN")
	if token == "" {
		return errors.New("GITHUB_TOKEN is not set: pass the workflow's token (env: GITHUB_TOKEN: ${{ github.token }})")
	}
	repo := opts.repo
	if repo == "" {
		repo = getenv("GITHUB_REPOSITORY")
	}
	if owner, name, ok := strings.Cut(repo, "/"); !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return flagErrorf("invalid repository %q: want owner/name (--repo or GITHUB_REPOSITORY)", repo)
	}
	pr := opts.pr
	if pr == 0 {
		if pr, err = prFromEvent(getenv("GITHUB_EVENT_PATH")); err != nil {
			return err
		}
	}
	if pr <= 0 {
		fmt.Fprintln(opts.f.IO.ErrOut, "uidcheck: not a pull request; no comment posted")
		return nil
	}
	api := opts.apiURL
	if api == "" {
		api = getenv("GITHUB_API_URL")
	}
	if api == "" {
		api = "https://api.github.com"
	}
	c := &ghClient{base: strings.TrimSuffix(api, "/"), token: token, http: opts.http}
	if c.http == nil {
		c.http = &http.Client{Timeout: 30 * time.Second}
	}
	text := commentBody(string(body))
	id, err := c.findComment(ctx, repo, pr)
	if err != nil {
		return err
	}
	if id == 0 {
		id, err = c.send(ctx, http.MethodPost, fmt.Sprintf("/repos/%s/issues/%d/comments", repo, pr), text)
		if err == nil {
			fmt.Fprintf(opts.f.IO.ErrOut, "uidcheck: created comment %d on #%d\n", id, pr)
		}
		return err
	}
	if _, err := c.send(ctx, http.MethodPatch, fmt.Sprintf("/repos/%s/issues/comments/%d", repo, id), text); err != nil {
		return err
	}
	fmt.Fprintf(opts.f.IO.ErrOut, "uidcheck: updated comment %d on #%d\n", id, pr)
	return nil
}

// commentBody puts the marker first (a report from another tool version
// may lack it) and keeps the body within GitHub's limit.
func commentBody(s string) string {
	if !strings.Contains(s, output.CommentMarker) {
		s = output.CommentMarker + "\n" + s
	}
	if r := []rune(s); len(r) > ghMaxBody {
		note := "\n\n_Report cut to GitHub's comment size limit._\n"
		s = string(r[:ghMaxBody-len([]rune(note))]) + note
	}
	return s
}

// prFromEvent reads the pull request number from the workflow's event
// file; 0 when the event is not about a pull request.
func prFromEvent(path string) (int, error) {
	if path == "" {
		return 0, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("read GITHUB_EVENT_PATH: %w", err)
	}
	var ev struct {
		PullRequest *struct {
			Number int `json:"number"`
		} `json:"pull_request"`
		Issue *struct {
			Number      int             `json:"number"`
			PullRequest json.RawMessage `json:"pull_request"`
		} `json:"issue"`
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return 0, fmt.Errorf("parse GITHUB_EVENT_PATH %s: %w", path, err)
	}
	switch {
	case ev.PullRequest != nil:
		return ev.PullRequest.Number, nil
	case ev.Issue != nil && len(ev.Issue.PullRequest) > 0:
		return ev.Issue.Number, nil
	}
	return 0, nil
}

// ghClient is the little of GitHub's REST API the comment needs.
type ghClient struct {
	base, token string
	http        *http.Client
}

// ghMaxPages bounds the search for the earlier comment (100 per page).
const ghMaxPages = 30

// findComment returns the ID of the first comment that holds the marker,
// 0 when there is none.
func (c *ghClient) findComment(ctx context.Context, repo string, pr int) (int64, error) {
	for page := 1; page <= ghMaxPages; page++ {
		var comments []struct {
			ID   int64  `json:"id"`
			Body string `json:"body"`
		}
		path := fmt.Sprintf("/repos/%s/issues/%d/comments?per_page=100&page=%d", repo, pr, page)
		if err := c.do(ctx, http.MethodGet, path, nil, &comments); err != nil {
			return 0, err
		}
		for _, cm := range comments {
			if strings.Contains(cm.Body, output.CommentMarker) {
				return cm.ID, nil
			}
		}
		if len(comments) < 100 {
			break
		}
	}
	return 0, nil
}

// send creates or edits a comment and returns its ID.
func (c *ghClient) send(ctx context.Context, method, path, body string) (int64, error) {
	payload, err := json.Marshal(map[string]string{"body": body})
	if err != nil {
		return 0, err
	}
	var resp struct {
		ID int64 `json:"id"`
	}
	if err := c.do(ctx, method, path, payload, &resp); err != nil {
		return 0, err
	}
	return resp.ID, nil
}

func (c *ghClient) do(ctx context.Context, method, path string, payload []byte, into any) error {
	var rd io.Reader
	if payload != nil {
		rd = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return fmt.Errorf("github: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("github: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return fmt.Errorf("github: read %s %s: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(data, &e) // the status alone is enough when the body is not JSON
		return fmt.Errorf("github: %s %s: %s %s", method, strings.SplitN(path, "?", 2)[0], strconv.Itoa(resp.StatusCode), e.Message)
	}
	if err := json.Unmarshal(data, into); err != nil {
		return fmt.Errorf("github: decode %s %s: %w", method, path, err)
	}
	return nil
}
