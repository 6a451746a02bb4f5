package savepointfs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsouza/fake-gcs-server/fakestorage"

	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// startGCS runs fake-gcs-server on loopback with the fixture at
// gs://sp/savepoints/one and points the client at it.
func startGCS(t *testing.T) {
	t.Helper()
	var objs []fakestorage.Object
	entries, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(fixture, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, fakestorage.Object{
			ObjectAttrs: fakestorage.ObjectAttrs{BucketName: "sp", Name: "savepoints/one/" + e.Name()}, Content: data,
		})
	}
	srv, err := fakestorage.NewServerWithOptions(fakestorage.Options{Scheme: "http", Host: "127.0.0.1", InitialObjects: objs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	t.Setenv("STORAGE_EMULATOR_HOST", strings.TrimPrefix(srv.URL(), "http://"))
}

func TestGCSReadsTheSameSavepointAsLocal(t *testing.T) {
	startGCS(t)
	local, err := savepointinfo.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	fsys := savepointfs.New(savepointfs.Config{})
	for _, loc := range []string{"gs://sp/savepoints/one", "gs://sp/savepoints/one/_metadata", "latest:gs://sp/savepoints"} {
		m, err := savepointinfo.OpenFS(t.Context(), fsys, loc)
		if err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		if m.Path != "gs://sp/savepoints/one/_metadata" || m.Size != local.Size || len(m.Operators) != len(local.Operators) {
			t.Errorf("%s: %s, %d bytes, %d operators; local %d bytes, %d operators", loc, m.Path, m.Size, len(m.Operators), local.Size, len(local.Operators))
		}
	}
	if v, err := savepointinfo.Header(t.Context(), fsys, "gs://sp/savepoints/one/_metadata"); err != nil || v != 6 {
		t.Errorf("Header = %d, %v; want 6", v, err)
	}
}

func TestGCSErrors(t *testing.T) {
	startGCS(t)
	fsys := savepointfs.New(savepointfs.Config{})
	for loc, want := range map[string]string{
		"gs://nobucket/savepoints/one": "gs://nobucket/savepoints/one",
		"gs://sp/savepoints/none":      "does not exist",
		"gs://sp/savepoints":           "no _metadata",
	} {
		_, err := savepointinfo.OpenFS(t.Context(), fsys, loc)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line with %q", loc, err, want)
		}
		t.Log(err)
	}
}

func TestGCSWithoutCredentials(t *testing.T) {
	t.Setenv("STORAGE_EMULATOR_HOST", "")
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", filepath.Join(t.TempDir(), "missing.json"))
	_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(savepointfs.Config{}), "gs://sp/savepoints/one")
	if err == nil || !strings.Contains(err.Error(), "gs://sp/savepoints/one") || !strings.Contains(err.Error(), "credentials") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %v, want one line naming the URI and the credentials", err)
	}
	t.Log(err)
}
