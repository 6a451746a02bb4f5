package output

import (
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/report"
)

func TestMarkdownLinks(t *testing.T) {
	t.Parallel()
	env := map[string]string{"GITHUB_SERVER_URL": "https://github.example", "GITHUB_REPOSITORY": "acme/jobs", "GITHUB_SHA": "abc123"}
	for _, tc := range []struct {
		links Links
		file  string
		line  int
		want  string
	}{
		{Links{Root: "/repo"}, "src/Job.java", 12, "src/Job.java#L12"},
		{Links{Root: "/repo"}, "./src/My Job.java", 3, "src/My%20Job.java#L3"},
		{Links{Root: "/repo"}, "/repo/src/Job.java", 0, "src/Job.java"},
		{
			LinksFromEnv(func(k string) string { return env[k] }, "/repo"), "/repo/src/Job.java", 7,
			"https://github.example/acme/jobs/blob/abc123/src/Job.java#L7",
		},
	} {
		if got := tc.links.Target(tc.file, tc.line); got != tc.want {
			t.Errorf("Target(%q, %d) = %q, want %q", tc.file, tc.line, got, tc.want)
		}
	}
}

// TestCheckMarkdownRowsCut: a report with more findings than fit keeps the
// verdict line first, stays under the limit and says how many rows it left
// out.
func TestCheckMarkdownRowsCut(t *testing.T) {
	t.Parallel()
	r := &report.Result{}
	for range 2000 {
		r.Diagnostics = append(r.Diagnostics, report.Diagnostic{
			Rule: "missinguid", Severity: report.SeverityError, File: "src/Job.java", Line: 3,
			Message: strings.Repeat("stateful operator | without uid ", 3),
		})
	}
	var b strings.Builder
	if err := WriteCheckMarkdown(&b, r, nil, MarkdownOptions{Links: Links{}}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if len(s) > MarkdownLimit {
		t.Errorf("%d bytes, limit %d", len(s), MarkdownLimit)
	}
	if !strings.HasPrefix(s, CommentMarker+"\n### ❌ uidcheck check: **2000 errors") {
		t.Errorf("verdict is not first: %.200s", s)
	}
	if !strings.Contains(s, "more rows left out") || !strings.Contains(s, `stateful operator \| without uid`) {
		t.Errorf("missing cut note or escaped pipe:\n%.600s", s[len(s)-600:])
	}
}
