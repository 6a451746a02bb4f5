package savepointfs_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/uidcheck/uidcheck/internal/emulator"
	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// silentStores points each object store's client at a silent server and
// returns a savepoint URI on it for each.
func silentStores(t *testing.T) map[string]string {
	t.Helper()
	addr := emulator.Silent(t)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_ACCESS_KEY_ID", accessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secretKey)
	t.Setenv("AWS_ENDPOINT_URL_S3", "http://"+addr)
	t.Setenv("STORAGE_EMULATOR_HOST", addr)
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", emulator.AzuriteConn("http://"+addr, emulator.AzuriteKey))
	return map[string]string{
		"s3":    "s3://sp/savepoints/one",
		"gs":    "gs://sp/savepoints/one",
		"abfss": "abfss://flink@devstoreaccount1.dfs.core.windows.net/savepoints/one",
	}
}

// A store that accepts connections and never answers fails each request
// after RequestTimeout, and the read after its retries: bounded, not hung.
func TestSilentStoreTimesOut(t *testing.T) {
	for scheme, uri := range silentStores(t) {
		t.Run(scheme, func(t *testing.T) {
			fsys := savepointfs.New(savepointfs.Config{RequestTimeout: 200 * time.Millisecond, MaxBackoff: 10 * time.Millisecond})
			start := time.Now()
			_, err := savepointinfo.OpenFS(t.Context(), fsys, uri)
			took := time.Since(start)
			t.Logf("%v after %v", err, took)
			if err == nil || !strings.Contains(err.Error(), uri) || !strings.Contains(err.Error(), "timeout") || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), emulator.AzuriteKey) {
				t.Errorf("error %v, want one line naming %s and the timeout", err, uri)
			}
			if took > 10*time.Second {
				t.Errorf("took %v with a 200 ms request timeout", took)
			}
		})
	}
}

// Ctrl-C (the context's cancellation) ends a read waiting on a silent store
// at once, with the cause, whatever the request timeout.
func TestSilentStoreInterrupted(t *testing.T) {
	for scheme, uri := range silentStores(t) {
		t.Run(scheme, func(t *testing.T) {
			cause := errors.New("interrupted")
			ctx, cancel := context.WithCancelCause(t.Context())
			time.AfterFunc(300*time.Millisecond, func() { cancel(cause) })
			start := time.Now()
			_, err := savepointinfo.OpenFS(ctx, savepointfs.New(savepointfs.Config{}), uri)
			took := time.Since(start)
			if !errors.Is(err, cause) && (err == nil || !strings.Contains(err.Error(), "interrupted")) {
				t.Errorf("error %v, want the cause %q", err, cause)
			}
			if took > 2*time.Second {
				t.Errorf("returned %v after the interrupt at 300 ms", took-300*time.Millisecond)
			}
			t.Logf("%v after %v", err, took)
		})
	}
}
