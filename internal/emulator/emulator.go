// Package emulator runs, for the tests, the object-store servers that are
// not ours, on loopback and holding savepoint fixtures: moto's S3 server
// mode and Azurite (their own processes, installed by `make emulator-deps`)
// and fake-gcs-server (in-process). Without an installed emulator a test
// skips, and fails under CI.
package emulator

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/fsouza/fake-gcs-server/fakestorage"
)

// AzuriteKey is the documented development key every Azurite accepts for
// the account devstoreaccount1; it guards nothing, and the tests check it
// never reaches the output.
const AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

// root is the repository root: the directory above the test's holding go.mod.
func root(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// start runs the executable rel (under the repository root) with args
// built for a free loopback port, waits until the port accepts
// connections, and stops it when the test ends. It returns the endpoint.
func start(tb testing.TB, name, rel string, wait time.Duration, args func(port string) []string) string {
	tb.Helper()
	bin := filepath.Join(root(tb), rel)
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%s is required under CI: make emulator-deps (%v)", name, err)
		}
		tb.Skipf("%s not installed (make emulator-deps): %v", name, err)
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	_ = ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, args(port)...)
	cmd.Dir = tb.TempDir() // Azurite writes its debug and extent files here
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		cancel()
		tb.Fatal(err)
	}
	tb.Cleanup(func() { cancel(); _ = cmd.Wait() })
	for deadline := time.Now().Add(wait); ; time.Sleep(100 * time.Millisecond) {
		c, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		if err == nil {
			_ = c.Close()
			return "http://" + addr
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s did not listen on %s within %v:\n%s", name, addr, wait, out.String())
		}
	}
}

// syncBuffer collects a process's output while the test may read it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Azurite is a running Azurite blob service.
type Azurite struct {
	// Endpoint is http://127.0.0.1:port.
	Endpoint string
	client   *azblob.Client
}

// StartAzurite runs Azurite's blob service (testdata/azurite) in memory.
func StartAzurite(tb testing.TB) *Azurite {
	tb.Helper()
	endpoint := start(tb, "Azurite", "testdata/azurite/node_modules/.bin/azurite-blob", 30*time.Second, func(port string) []string {
		return []string{"--blobHost", "127.0.0.1", "--blobPort", port, "--inMemoryPersistence", "--skipApiVersionCheck", "--silent"}
	})
	client, err := azblob.NewClientFromConnectionString(AzuriteConn(endpoint, AzuriteKey), nil)
	if err != nil {
		tb.Fatal(err)
	}
	return &Azurite{Endpoint: endpoint, client: client}
}

// AzuriteConn is the connection string of Azurite's account at endpoint
// (Azurite itself or a proxy in front of it) with key.
func AzuriteConn(endpoint, key string) string {
	return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + key + ";BlobEndpoint=" + endpoint + "/devstoreaccount1;"
}

// PutDir creates container (if new) and uploads the regular files of dir
// under prefix.
func (a *Azurite) PutDir(tb testing.TB, container, prefix, dir string) {
	tb.Helper()
	// Azurite may accept connections a moment before it answers them.
	for i := 0; ; i++ {
		_, err := a.client.CreateContainer(tb.Context(), container, nil)
		if err == nil || strings.Contains(err.Error(), "ContainerAlreadyExists") {
			break
		}
		if i == 50 {
			tb.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	putDir(tb, dir, func(name string, data []byte) error {
		_, err := a.client.UploadBuffer(tb.Context(), container, path.Join(prefix, name), data, nil)
		return err
	})
}

// Moto is a running moto server; it takes any key.
type Moto struct {
	// Endpoint is http://127.0.0.1:port.
	Endpoint string
	client   *s3.Client
}

// StartMoto runs moto's server mode (testdata/moto/.venv).
func StartMoto(tb testing.TB) *Moto {
	tb.Helper()
	endpoint := start(tb, "moto", "testdata/moto/.venv/bin/moto_server", 60*time.Second, func(port string) []string {
		return []string{"-H", "127.0.0.1", "-p", port}
	})
	client := s3.New(s3.Options{
		BaseEndpoint: aws.String(endpoint), UsePathStyle: true, Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIAMOTOFIXTURES0001", "moto-fixtures", ""),
	})
	return &Moto{Endpoint: endpoint, client: client}
}

// PutDir creates bucket (if new) and uploads the regular files of dir under
// prefix.
func (m *Moto) PutDir(tb testing.TB, bucket, prefix, dir string) {
	tb.Helper()
	if _, err := m.client.CreateBucket(tb.Context(), &s3.CreateBucketInput{Bucket: &bucket}); err != nil && !strings.Contains(err.Error(), "BucketAlreadyOwnedByYou") {
		tb.Fatal(err)
	}
	putDir(tb, dir, func(name string, data []byte) error {
		key := path.Join(prefix, name)
		_, err := m.client.PutObject(tb.Context(), &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(data)})
		return err
	})
}

// StartGCS runs fake-gcs-server in-process with the regular files of dir
// at gs://bucket/prefix/, and returns its endpoint.
func StartGCS(tb testing.TB, bucket, prefix, dir string) string {
	tb.Helper()
	var objs []fakestorage.Object
	putDir(tb, dir, func(name string, data []byte) error {
		objs = append(objs, fakestorage.Object{ObjectAttrs: fakestorage.ObjectAttrs{BucketName: bucket, Name: path.Join(prefix, name)}, Content: data})
		return nil
	})
	srv, err := fakestorage.NewServerWithOptions(fakestorage.Options{Scheme: "http", Host: "127.0.0.1", InitialObjects: objs})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.Stop)
	return srv.URL()
}

func putDir(tb testing.TB, dir string, put func(name string, data []byte) error) {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if err := put(e.Name(), data); err != nil {
			tb.Fatal(fmt.Errorf("upload %s: %w", e.Name(), err))
		}
	}
}

// RefusedGoogleCredentials writes an application default credentials file
// of a service account whose token endpoint, on loopback, refuses its key
// as Google's does, and returns the file and the private key (which must
// never be printed).
func RefusedGoogleCredentials(tb testing.TB) (file, privateKey string) {
	tb.Helper()
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid_grant","error_description":"Invalid JWT Signature."}`))
	}))
	tb.Cleanup(tokens.Close)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		tb.Fatal(err)
	}
	privateKey = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	data, err := json.Marshal(map[string]string{
		"type": "service_account", "project_id": "uidcheck-test", "private_key_id": "0123456789abcdef",
		"private_key": privateKey, "client_email": "sp@uidcheck-test.iam.gserviceaccount.com", "token_uri": tokens.URL,
	})
	if err != nil {
		tb.Fatal(err)
	}
	file = filepath.Join(tb.TempDir(), "adc.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return file, privateKey
}

// Silent listens on loopback, accepts connections and never answers: a
// store or namenode that hangs. It returns host:port.
func Silent(tb testing.TB) string {
	tb.Helper()
	ln, err := (&net.ListenConfig{}).Listen(tb.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	tb.Cleanup(func() {
		_ = ln.Close()
		<-done
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return ln.Addr().String()
}
