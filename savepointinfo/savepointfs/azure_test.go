package savepointfs_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"

	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// azuriteKey is the documented development key every Azurite install
// accepts for the account devstoreaccount1; it guards nothing.
const azuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

// startAzurite runs Azurite's blob service (npm package, installed by
// `make emulator-deps`) on loopback with the fixture in container "flink" at
// savepoints/one, and returns its connection string. Without Azurite the
// test skips, or fails under CI.
func startAzurite(t *testing.T) string {
	t.Helper()
	bin, err := filepath.Abs("../../testdata/azurite/node_modules/.bin/azurite-blob")
	if err == nil {
		_, err = os.Stat(bin)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Azurite is required under CI: make emulator-deps (%v)", err)
		}
		t.Skipf("Azurite not installed (make emulator-deps): %v", err)
	}
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--blobHost", "127.0.0.1", "--blobPort", strconv.Itoa(port),
		"--inMemoryPersistence", "--skipApiVersionCheck", "--silent")
	cmd.Dir = t.TempDir() // Azurite writes its debug and extent files here
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	conn := fmt.Sprintf("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%d/devstoreaccount1;", azuriteKey, port)
	client, err := azblob.NewClientFromConnectionString(conn, &azblob.ClientOptions{ClientOptions: policy.ClientOptions{
		Retry: policy.RetryOptions{MaxRetries: -1, TryTimeout: 5 * time.Second},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		if _, err = client.CreateContainer(t.Context(), "flink", nil); err == nil {
			break
		}
		if i == 100 {
			t.Fatalf("Azurite did not answer within 20 s: %v\n%s", err, out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	entries, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(fixture, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.UploadBuffer(t.Context(), "flink", "savepoints/one/"+e.Name(), data, nil); err != nil {
			t.Fatal(err)
		}
	}
	return conn
}

// TestAzure starts Azurite once (its start takes seconds) for both parts.
func TestAzure(t *testing.T) {
	conn := startAzurite(t)
	t.Run("same as local", func(t *testing.T) { azureSameAsLocal(t, conn) })
	t.Run("errors", func(t *testing.T) { azureErrors(t, conn) })
}

func azureSameAsLocal(t *testing.T, conn string) {
	t.Helper()
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", conn)
	local, err := savepointinfo.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	fsys := savepointfs.New(savepointfs.Config{MaxBackoff: 20 * time.Millisecond})
	for _, loc := range []string{
		"abfs://flink@devstoreaccount1.dfs.core.windows.net/savepoints/one",
		"abfss://flink@devstoreaccount1.dfs.core.windows.net/savepoints/one/_metadata",
		"wasbs://flink@devstoreaccount1.blob.core.windows.net/savepoints/one",
		"latest:abfss://flink@devstoreaccount1.dfs.core.windows.net/savepoints",
	} {
		m, err := savepointinfo.OpenFS(t.Context(), fsys, loc)
		if err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		if !strings.HasSuffix(m.Path, "/savepoints/one/_metadata") || m.Size != local.Size || len(m.Operators) != len(local.Operators) {
			t.Errorf("%s: %s, %d bytes, %d operators; local %d bytes, %d operators", loc, m.Path, m.Size, len(m.Operators), local.Size, len(local.Operators))
		}
	}
	if v, err := savepointinfo.Header(t.Context(), fsys, "abfs://flink@devstoreaccount1.dfs.core.windows.net/savepoints/one/_metadata"); err != nil || v != 6 {
		t.Errorf("Header = %d, %v; want 6", v, err)
	}
}

func azureErrors(t *testing.T, conn string) {
	t.Helper()
	wrongKey := strings.Replace(conn, azuriteKey, "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ==", 1)
	for _, c := range []struct{ conn, loc, want string }{
		{wrongKey, "abfs://flink@devstoreaccount1.dfs.core.windows.net/savepoints/one", "HTTP 403"},
		{conn, "abfs://nocontainer@devstoreaccount1.dfs.core.windows.net/savepoints/one", "ContainerNotFound"},
		{conn, "abfs://flink@devstoreaccount1.dfs.core.windows.net/savepoints", "no _metadata"},
		{conn, "abfs://flink@devstoreaccount1.dfs.core.windows.net/savepoints/none", "does not exist"},
	} {
		t.Setenv("AZURE_STORAGE_CONNECTION_STRING", c.conn)
		_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(savepointfs.Config{MaxBackoff: 20 * time.Millisecond}), c.loc)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.loc) ||
			strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "AccountKey") {
			t.Errorf("%s: error %v, want one line naming it with %q and no key", c.loc, err, c.want)
		}
		t.Log(err)
	}
}
