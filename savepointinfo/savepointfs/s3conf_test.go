package savepointfs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// flinkKeys is a Flink configuration holding exactly conf.
func flinkKeys(conf map[string]string) savepointfs.Config {
	return savepointfs.Config{
		Flink: func(keys ...string) string {
			for _, k := range keys {
				if v := conf[k]; v != "" {
					return v
				}
			}
			return ""
		},
		MaxBackoff: 20 * time.Millisecond,
	}
}

// Credentials and the endpoint come from wherever a Flink deployment keeps
// them: Flink's s3.* keys (TestS3ReadsTheSameSavepointAsLocal), the Hadoop
// fs.s3a.* keys the S3 plugins also read, the AWS environment, or an AWS
// profile. Each is read on its own against the same server.
func TestS3CredentialSources(t *testing.T) {
	srv, _ := startS3(t)
	pathStyle := map[string]string{"s3.path.style.access": "true"}
	cases := []struct {
		name  string
		env   map[string]string
		files map[string]string
		conf  map[string]string
		// source is how an error names where the credentials came from.
		source string
	}{
		{
			name: "Hadoop fs.s3a keys",
			conf: map[string]string{
				"fs.s3a.endpoint": srv.URL, "fs.s3a.path.style.access": "true",
				"fs.s3a.access.key": accessKey, "fs.s3a.secret.key": secretKey,
			},
			source: "keys from the Flink configuration",
		},
		{
			name: "AWS environment",
			env: map[string]string{
				"AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secretKey, "AWS_ENDPOINT_URL_S3": srv.URL,
			},
			conf:   pathStyle,
			source: "EnvConfigCredentials",
		},
		{
			name: "AWS profile",
			env:  map[string]string{"AWS_PROFILE": "flink"},
			files: map[string]string{
				"config":      "[profile flink]\nregion = eu-west-1\nendpoint_url = " + srv.URL + "\n",
				"credentials": "[flink]\naws_access_key_id = " + accessKey + "\naws_secret_access_key = " + secretKey + "\n",
			},
			conf:   pathStyle,
			source: "SharedConfigCredentials",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
			t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			m, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(flinkKeys(c.conf)), "s3://sp/savepoints/one")
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Operators) == 0 {
				t.Fatal("no operators read")
			}
			// The same source, asked for a bucket that does not exist, is
			// named in the error.
			_, err = savepointinfo.OpenFS(t.Context(), savepointfs.New(flinkKeys(c.conf)), "s3://nobucket/sp")
			if err == nil || !strings.Contains(err.Error(), c.source) || !strings.Contains(err.Error(), srv.URL) || strings.Contains(err.Error(), secretKey) {
				t.Errorf("error %v, want it to name %q and the endpoint %s, without the secret", err, c.source, srv.URL)
			}
		})
	}
}
