//go:build unix

package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/emulator"
	"github.com/uidcheck/uidcheck/internal/faultproxy"
)

var fixtureDir = filepath.Join("../../testdata/savepoints", fixtureName)

// gcsStore runs fake-gcs-server holding the fixture at
// gs://sp/savepoints/<fixture>, behind a fault proxy.
func gcsStore(t *testing.T) store {
	t.Helper()
	proxy := faultproxy.New(t, emulator.StartGCS(t, "sp", "savepoints/"+fixtureName, fixtureDir))
	return store{
		proxy: proxy, env: []string{"STORAGE_EMULATOR_HOST=" + strings.TrimPrefix(proxy.URL, "http://"), "GOOGLE_APPLICATION_CREDENTIALS="},
		root: "gs://sp/savepoints", throttle: faultproxy.GCSThrottle(http.StatusTooManyRequests),
	}
}

func TestGCSCommands(t *testing.T) {
	t.Parallel()
	t.Run("same as local", func(t *testing.T) {
		t.Parallel()
		sameOutput(t, gcsStore(t))
	})
	t.Run("wrong credentials", func(t *testing.T) {
		t.Parallel()
		s := gcsStore(t)
		file, key := emulator.RefusedGoogleCredentials(t)
		// Without the emulator the client asks the token endpoint the
		// credentials file names, on loopback, which refuses the key.
		s.env = []string{"STORAGE_EMULATOR_HOST=", "GOOGLE_APPLICATION_CREDENTIALS=" + file}
		lines := strings.Split(strings.TrimSpace(key), "\n")
		s.secrets = []string{lines[1], lines[2], "PRIVATE KEY"}
		failsOneLine(t, s, s.root+"/"+fixtureName, "invalid_grant")
	})
	t.Run("missing bucket", func(t *testing.T) {
		t.Parallel()
		failsOneLine(t, gcsStore(t), "gs://none/savepoints/"+fixtureName, "bucket does not exist")
	})
	t.Run("missing _metadata", func(t *testing.T) {
		t.Parallel()
		s := gcsStore(t)
		failsOneLine(t, s, s.root, "no _metadata")
	})
	t.Run("faults", func(t *testing.T) {
		t.Parallel()
		storeFaults(t, gcsStore, "HTTP 429")
	})
}

// TestAzureCommands starts one Azurite (seconds to start) holding the
// fixture in container sps; each part reads through its own proxy.
func TestAzureCommands(t *testing.T) {
	t.Parallel()
	az := emulator.StartAzurite(t)
	az.PutDir(t, "sps", "savepoints/"+fixtureName, fixtureDir)
	const wrongKey = "d3Jvbmcta2V5LW5vdC10aGUtb25lLXRoYXQtYXp1cml0ZS11c2Vz"
	azStore := func(t *testing.T, scheme, key string) store {
		t.Helper()
		proxy := faultproxy.New(t, az.Endpoint)
		return store{
			proxy: proxy, env: []string{"AZURE_STORAGE_CONNECTION_STRING=" + emulator.AzuriteConn(proxy.URL, key)},
			root:     scheme + "://sps@devstoreaccount1.dfs.core.windows.net/savepoints",
			throttle: faultproxy.AzureThrottle(http.StatusServiceUnavailable),
			secrets:  []string{emulator.AzuriteKey, wrongKey, "AccountKey"},
		}
	}
	t.Run("same as local", func(t *testing.T) {
		t.Parallel()
		sameOutput(t, azStore(t, "abfss", emulator.AzuriteKey))
		s := azStore(t, "wasbs", emulator.AzuriteKey)
		s.root = "wasbs://sps@devstoreaccount1.blob.core.windows.net/savepoints"
		sameOutput(t, s)
	})
	t.Run("wrong credentials", func(t *testing.T) {
		t.Parallel()
		s := azStore(t, "abfss", wrongKey)
		failsOneLine(t, s, s.root+"/"+fixtureName, "HTTP 403 AuthorizationFailure")
	})
	t.Run("missing container", func(t *testing.T) {
		t.Parallel()
		failsOneLine(t, azStore(t, "abfss", emulator.AzuriteKey), "abfss://none@devstoreaccount1.dfs.core.windows.net/savepoints/"+fixtureName, "ContainerNotFound")
	})
	t.Run("missing _metadata", func(t *testing.T) {
		t.Parallel()
		s := azStore(t, "abfss", emulator.AzuriteKey)
		failsOneLine(t, s, s.root, "no _metadata")
	})
	t.Run("faults", func(t *testing.T) {
		t.Parallel()
		storeFaults(t, func(t *testing.T) store { t.Helper(); return azStore(t, "abfss", emulator.AzuriteKey) }, "HTTP 503 ServerBusy")
	})
}
