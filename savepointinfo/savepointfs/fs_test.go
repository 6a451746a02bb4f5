package savepointfs_test

import (
	"testing"

	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

func TestJoinDirScheme(t *testing.T) {
	for _, c := range []struct{ dir, rel, joined, scheme string }{
		{"/data/sp", "abc", "/data/sp/abc", ""},
		{"sp:1", "abc", "sp:1/abc", ""},
		{"s3://b/savepoints/sp-1", "abc", "s3://b/savepoints/sp-1/abc", "s3"},
		{"s3://b", "_metadata", "s3://b/_metadata", "s3"},
		{"abfss://c@acct.dfs.core.windows.net/sp/", "x", "abfss://c@acct.dfs.core.windows.net/sp/x", "abfss"},
		{"s3://b/sp", "s3://other/file", "s3://other/file", "s3"},
		{"hdfs:/nn/sp", "x", "hdfs:/nn/sp/x", "hdfs"},
	} {
		if got := savepointfs.Join(c.dir, c.rel); got != c.joined {
			t.Errorf("Join(%q, %q) = %q, want %q", c.dir, c.rel, got, c.joined)
		}
		if got := savepointfs.Scheme(c.dir); got != c.scheme {
			t.Errorf("Scheme(%q) = %q, want %q", c.dir, got, c.scheme)
		}
	}
	for uri, dir := range map[string]string{
		"s3://b/savepoints/sp-1/_metadata": "s3://b/savepoints/sp-1",
		"gs://b/_metadata":                 "gs://b",
		"/data/sp/_metadata":               "/data/sp",
	} {
		if got := savepointfs.Dir(uri); got != dir {
			t.Errorf("Dir(%q) = %q, want %q", uri, got, dir)
		}
	}
}
