// Package s3server runs a real S3-compatible server (gofakes3 over memory)
// on loopback for the tests, the benchmark and the real-Flink suite. It
// checks SigV4 signatures against one key pair, as S3 does. Faults
// (throttling, cut connections) come from internal/faultproxy in front of it.
package s3server

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Server is a running S3-compatible server.
type Server struct {
	// URL is the endpoint, http://127.0.0.1:port.
	URL       string
	AccessKey string
	SecretKey string

	backend *s3mem.Backend
	srv     *http.Server
	ln      net.Listener
}

// Start serves on addr ("127.0.0.1:0" for any free port) with the buckets
// given already created.
func Start(addr, accessKey, secretKey string, buckets ...string) (*Server, error) {
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
	if err != nil {
		return nil, err
	}
	be := s3mem.New()
	for _, b := range buckets {
		if err := be.CreateBucket(b); err != nil {
			_ = ln.Close()
			return nil, err
		}
	}
	s := &Server{URL: "http://" + ln.Addr().String(), AccessKey: accessKey, SecretKey: secretKey, backend: be, ln: ln}
	fake := gofakes3.New(be, gofakes3.WithLogger(gofakes3.DiscardLog()))
	s.srv = &http.Server{Handler: s.handler(fake.Server()), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

func (s *Server) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if code, msg := s.authorize(r); code != "" {
			writeError(w, http.StatusForbidden, code, msg)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message></Error>`, code, msg)
}

var credential = regexp.MustCompile(`Credential=([^/]+)/(\d{8})/([^/]+)/s3/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)`)

// authorize checks a SigV4 Authorization header as S3 does: the access key
// must be known and the signature must match one computed with its secret.
func (s *Server) authorize(r *http.Request) (code, msg string) {
	m := credential.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		return "AccessDenied", "Access Denied"
	}
	if subtle.ConstantTimeCompare([]byte(m[1]), []byte(s.AccessKey)) != 1 {
		return "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."
	}
	if _, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date")); err != nil {
		return "AccessDenied", "X-Amz-Date is missing or malformed"
	}
	if !hmac.Equal([]byte(signature(r, s.SecretKey, m[2], m[3], m[4])), []byte(m[5])) {
		return "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided."
	}
	return "", ""
}

// signature computes SigV4 over the headers the client named, from the
// request as it arrived.
func signature(r *http.Request, secret, date, region, signed string) string {
	var canon strings.Builder
	canon.WriteString(r.Method + "\n")
	rawPath, rawQuery, _ := strings.Cut(r.RequestURI, "?")
	canon.WriteString(rawPath + "\n")
	canon.WriteString(canonicalQuery(rawQuery) + "\n")
	for h := range strings.SplitSeq(signed, ";") {
		v := strings.Join(r.Header.Values(h), ",")
		if h == "host" {
			v = r.Host
		}
		canon.WriteString(h + ":" + strings.Join(strings.Fields(v), " ") + "\n")
	}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		payload = "UNSIGNED-PAYLOAD"
	}
	canon.WriteString("\n" + signed + "\n" + payload)
	sum := sha256.Sum256([]byte(canon.String()))
	scope := date + "/" + region + "/s3/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + r.Header.Get("X-Amz-Date") + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	key := []byte("AWS4" + secret)
	for _, part := range []string{date, region, "s3", "aws4_request", toSign} {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(part))
		key = mac.Sum(nil)
	}
	return hex.EncodeToString(key)
}

// canonicalQuery sorts the parameters and encodes them as SigV4 wants:
// everything but A-Z a-z 0-9 - _ . ~ percent-encoded.
func canonicalQuery(raw string) string {
	var pairs []string
	for kv := range strings.SplitSeq(raw, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		pairs = append(pairs, sigEscape(k)+"="+sigEscape(v))
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

func sigEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// PutDir uploads the regular files of a local directory under prefix.
func (s *Server) PutDir(bucket, prefix, dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		if err := s.Put(bucket, path.Join(prefix, e.Name()), data); err != nil {
			return err
		}
	}
	return nil
}

// Put stores one object.
func (s *Server) Put(bucket, key string, data []byte) error {
	_, err := s.backend.PutObject(bucket, key, map[string]string{}, bytes.NewReader(data), int64(len(data)), nil)
	return err
}
