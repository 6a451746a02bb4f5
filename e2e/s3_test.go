//go:build e2e

package e2e

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestRESTS3Savepoint has the session cluster write a savepoint to the
// S3-compatible server of scripts/e2e.sh through Flink's own S3 plugin
// (flink-s3-fs-presto, path-style), then requires compat on the s3:// URI to
// give what it gives on a local copy of the same directory, and run -s to
// resume from the URI.
func TestRESTS3Savepoint(t *testing.T) {
	url, jar := os.Getenv("UIDCHECK_E2E_CLUSTER"), os.Getenv("UIDCHECK_E2E_JAR")
	endpoint, key, secret := os.Getenv("UIDCHECK_E2E_S3"), os.Getenv("UIDCHECK_E2E_S3_KEY"), os.Getenv("UIDCHECK_E2E_S3_SECRET")
	if url == "" || jar == "" || endpoint == "" {
		t.Skip("UIDCHECK_E2E_CLUSTER, UIDCHECK_E2E_JAR and UIDCHECK_E2E_S3 are not set: run scripts/e2e.sh")
	}
	conf := t.TempDir()
	if err := os.WriteFile(filepath.Join(conf, "config.yaml"), []byte("s3.endpoint: "+endpoint+
		"\ns3.path.style.access: true\ns3.access-key: "+key+"\ns3.secret-key: "+secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "FLINK_CONF_DIR="+conf, "AWS_EC2_METADATA_DISABLED=true", "NO_COLOR=1")
	uidcheck := func(args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(uidcheckPath, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}
	out, code := uidcheck("run", "-m", url, "-c", "harness.scenarios.unchanged.v1.Job", jar)
	if code != 0 {
		t.Fatalf("run: exit %d\n%s", code, out)
	}
	job := regexp.MustCompile(`JobID ([0-9a-f]{32})`).FindStringSubmatch(out)[1]
	// whenRunning retries while the job's tasks are still being deployed:
	// Flink refuses savepoints until every task runs.
	whenRunning := func(args ...string) string {
		t.Helper()
		for i := 0; ; i++ {
			out, code := uidcheck(args...)
			if code == 0 {
				return out
			}
			if i == 20 || !strings.Contains(out, "not being executed at the moment") {
				t.Fatalf("uidcheck %s: exit %d\n%s", strings.Join(args, " "), code, out)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	base := "s3://savepoints/" + filepath.Base(t.TempDir())
	out = whenRunning("savepoint", "-m", url, "--timeout", "2m", job, base)
	remote := regexp.MustCompile(`Path: (\S+)`).FindStringSubmatch(out)[1]
	if !strings.HasPrefix(remote, base+"/savepoint-") {
		t.Fatalf("Flink reported %s, want a savepoint under %s", remote, base)
	}
	whenRunning("stop", "-m", url, "--timeout", "2m", "--savepointPath", filepath.Join(t.TempDir(), "stopped"), job)
	local := download(t, endpoint, key, secret, remote)

	for _, c := range []struct{ scenario, wantVerdict string }{{"uid_renamed", "FAILS"}, {"unchanged", "OK"}} {
		args := append([]string{"compat", "-s", local}, versionDirs(c.scenario, "v2")...)
		want, wantCode := uidcheck(args...)
		args[2] = remote
		got, gotCode := uidcheck(args...)
		if gotCode != wantCode || strings.ReplaceAll(got, remote, local) != want || !strings.HasPrefix(got, c.wantVerdict) {
			t.Errorf("%s: compat on %s (exit %d):\n%s\non the local copy (exit %d):\n%s", c.scenario, remote, gotCode, got, wantCode, want)
		}
	}
	if out, _ := uidcheck("savepoint", "ls", base); !strings.Contains(out, remote) {
		t.Errorf("savepoint ls %s does not list %s:\n%s", base, remote, out)
	}
	// run -s reads the savepoint from S3 for its gate and passes the URI to
	// Flink, which restores from it.
	args := append([]string{"run", "-m", url, "-s", "latest:" + base, "-c", "harness.scenarios.unchanged.v2.Job"}, append(srcFlags("unchanged", "v2"), jar)...)
	out, code = uidcheck(args...)
	if code != 0 || !strings.Contains(out, "(RUNNING)") {
		t.Fatalf("run -s latest:%s: exit %d\n%s", base, code, out)
	}
	resumed := regexp.MustCompile(`JobID ([0-9a-f]{32})`).FindStringSubmatch(out)[1]
	whenRunning("stop", "-m", url, "--timeout", "2m", "--savepointPath", filepath.Join(t.TempDir(), "stopped"), resumed)
}

func srcFlags(scenario, version string) []string {
	var out []string
	for _, d := range versionDirs(scenario, version) {
		out = append(out, "--src", d)
	}
	return out
}

// download copies the savepoint directory with the SDK, not with uidcheck,
// so that the local copy does not depend on the code under test.
func download(t *testing.T, endpoint, key, secret, uri string) string {
	t.Helper()
	client := s3.New(s3.Options{
		BaseEndpoint: aws.String(endpoint), UsePathStyle: true, Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(key, secret, ""),
	})
	bucket, prefix, _ := strings.Cut(strings.TrimPrefix(uri, "s3://"), "/")
	dir := filepath.Join(t.TempDir(), path.Base(prefix))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	list, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: aws.String(prefix + "/")})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range list.Contents {
		obj, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: o.Key})
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(obj.Body)
		obj.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if name := path.Base(*o.Key); name != path.Base(prefix) {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "_metadata")); err != nil {
		t.Fatalf("Flink wrote no _metadata under %s: %v", uri, err)
	}
	return dir
}
