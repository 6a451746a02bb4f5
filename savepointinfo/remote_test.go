package savepointinfo

import (
	"io"
	"runtime"
	"testing"

	"github.com/uidcheck/uidcheck/internal/s3server"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// TestOpenFSStreams100MBFromS3 reads a generated 100 MB _metadata from an
// S3-compatible server on loopback: what the reader allocates must not grow
// with the file.
func TestOpenFSStreams100MBFromS3(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB")
	}
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	srv, err := s3server.Start("127.0.0.1:0", "AKIAUIDCHECKSTREAM01", "stream-secret", "sp")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	r, size := syntheticMetadata(100 << 20)
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Put("sp", "big/_metadata", data); err != nil {
		t.Fatal(err)
	}
	conf := map[string]string{"s3.endpoint": srv.URL, "s3.path.style.access": "true", "s3.access-key": "AKIAUIDCHECKSTREAM01", "s3.secret-key": "stream-secret"}
	fsys := savepointfs.New(savepointfs.Config{Flink: func(keys ...string) string { return conf[keys[0]] }})
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m, err := OpenFS(t.Context(), fsys, "s3://sp/big")
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if m.Size != size {
		t.Fatalf("read %d bytes of %d", m.Size, size)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d MB read, %.1f MB allocated (client and server)", size>>20, float64(alloc)/(1<<20))
	if alloc > 16<<20 {
		t.Errorf("%d bytes allocated to read %d: the read is not streaming", alloc, size)
	}
}
