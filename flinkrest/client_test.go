package flinkrest

import (
	"encoding/json"
	"strings"
	"testing"
)

// Flink's server-side cause reaches the message, beside the generic text.
func TestAPIErrorServerSideCause(t *testing.T) {
	t.Parallel()
	trace := "<Exception on server side:\norg.apache.flink.runtime.rest.handler.RestHandlerException: Could not stop\n\tat x\n" +
		"Caused by: java.util.concurrent.CompletionException: java.lang.IllegalStateException: savepoint directory not writable\n\tat y\n" +
		"Caused by: java.lang.IllegalStateException: savepoint directory not writable\n\tat z\n\nEnd of exception on server side>"
	cases := []struct {
		errors []string
		want   string
	}{
		{[]string{"Internal server error.", trace}, "HTTP 500: Internal server error. (caused by: savepoint directory not writable)"},
		{[]string{trace}, "HTTP 500: savepoint directory not writable"},
		{
			[]string{"Internal server error.", "<Exception on server side:\njava.lang.RuntimeException: disk full\n\tat x\nEnd of exception on server side>"},
			"HTTP 500: Internal server error. (caused by: disk full)",
		},
	}
	for _, tc := range cases {
		data, err := json.Marshal(map[string]any{"errors": tc.errors})
		if err != nil {
			t.Fatal(err)
		}
		if got := apiError(500, data).Error(); !strings.Contains(got, tc.want) {
			t.Errorf("error %q, want it to contain %q", got, tc.want)
		}
	}
}
