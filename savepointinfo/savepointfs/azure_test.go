package savepointfs_test

import (
	"net/http"
	"testing"

	"github.com/uidcheck/uidcheck/internal/emulator"
	"github.com/uidcheck/uidcheck/internal/faultproxy"

	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// TestAzure starts Azurite once (its start takes seconds) for every part;
// each reads through its own fault proxy.
func TestAzure(t *testing.T) {
	az := emulator.StartAzurite(t)
	az.PutDir(t, "flink", "savepoints/one", fixture)
	start := func(t *testing.T) *faultproxy.Proxy {
		t.Helper()
		proxy := faultproxy.New(t, az.Endpoint)
		t.Setenv("AZURE_STORAGE_CONNECTION_STRING", emulator.AzuriteConn(proxy.URL, emulator.AzuriteKey))
		return proxy
	}
	t.Run("same as local", func(t *testing.T) { start(t); azureSameAsLocal(t) })
	t.Run("ranged header read", func(t *testing.T) {
		rangedHeaderRead(t, start(t), savepointfs.New(fastRetries()), azRoot+"/savepoints/one/_metadata")
	})
	t.Run("errors", func(t *testing.T) { azureErrors(t, start(t)) })
	t.Run("faults", func(t *testing.T) {
		testFaults(t, func(t *testing.T) faultTarget {
			t.Helper()
			return faultTarget{
				proxy: start(t), dir: azRoot + "/savepoints/one",
				fsys:      func() savepointfs.FS { return savepointfs.New(fastRetries()) },
				throttle:  []http.HandlerFunc{faultproxy.AzureThrottle(http.StatusTooManyRequests), faultproxy.AzureThrottle(http.StatusServiceUnavailable)},
				throttled: []string{"HTTP 503 ServerBusy"},
				secrets:   []string{emulator.AzuriteKey, "AccountKey"},
			}
		})
	})
}

// azRoot is the container holding the fixture, on Azurite's account.
const azRoot = "abfss://flink@devstoreaccount1.dfs.core.windows.net"

func azureSameAsLocal(t *testing.T) {
	t.Helper()
	for _, loc := range []string{
		"abfs://flink@devstoreaccount1.dfs.core.windows.net/savepoints/one",
		"abfss://flink@devstoreaccount1.dfs.core.windows.net/savepoints/one/_metadata",
		"wasbs://flink@devstoreaccount1.blob.core.windows.net/savepoints/one",
		"latest:abfss://flink@devstoreaccount1.dfs.core.windows.net/savepoints",
	} {
		t.Run(loc, func(t *testing.T) {
			sameAsLocal(t, savepointfs.New(fastRetries()), loc, "/savepoints/one/_metadata")
		})
	}
}

func azureErrors(t *testing.T, proxy *faultproxy.Proxy) {
	t.Helper()
	wrongKey := "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ=="
	for _, c := range []struct{ name, key, loc, want string }{
		{"wrong key", wrongKey, azRoot + "/savepoints/one", "HTTP 403"},
		{"missing container", emulator.AzuriteKey, "abfs://nocontainer@devstoreaccount1.dfs.core.windows.net/savepoints/one", "ContainerNotFound"},
		{"missing _metadata", emulator.AzuriteKey, azRoot + "/savepoints", "no _metadata"},
		{"missing directory", emulator.AzuriteKey, azRoot + "/savepoints/none", "does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("AZURE_STORAGE_CONNECTION_STRING", emulator.AzuriteConn(proxy.URL, c.key))
			_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(fastRetries()), c.loc)
			oneLineError(t, err, []string{c.loc, c.want}, emulator.AzuriteKey, wrongKey, "AccountKey")
		})
	}
	t.Run("connection refused", func(t *testing.T) {
		_ = proxy.Close()
		_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(fastRetries()), azRoot+"/savepoints/one")
		oneLineError(t, err, []string{azRoot + "/savepoints/one", "connection refused"}, emulator.AzuriteKey, "AccountKey")
	})
}
