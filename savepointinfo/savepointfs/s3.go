package savepointfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
)

// S3 reads s3://, s3a:// and s3p:// URIs (one store for all three, as
// Flink's S3 plugins share buckets) through the AWS SDK's default chain:
// environment, shared config and profile, web identity (IRSA), container
// and instance roles. Flink's keys override it when set: s3.endpoint,
// s3.path.style.access, s3.access-key/s3.secret-key and their fs.s3a.*
// forms.
type S3 struct {
	client   *s3.Client
	endpoint string
	// static is true when the keys come from the Flink configuration.
	static bool
}

// NewS3 builds the client. It reads the AWS configuration files but asks
// for credentials only on the first request.
func NewS3(ctx context.Context, cfg Config) (*S3, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts = attempts
				o.MaxBackoff = cfg.maxBackoff()
			})
		}),
		config.WithHTTPClient(newHTTPClient(cfg)),
	}
	if region := cfg.flink("s3.region", "fs.s3a.endpoint.region"); region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	ak := cfg.flink("s3.access-key", "s3.access.key", "fs.s3a.access.key")
	sk := cfg.flink("s3.secret-key", "s3.secret.key", "fs.s3a.secret.key")
	if ak != "" && sk != "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(ak, sk, "")))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("load the AWS configuration: %w", err)
	}
	if awsCfg.Region == "" {
		// A custom endpoint (MinIO, Ceph) ignores the region, but the
		// signer needs one; AWS redirects a wrong one.
		awsCfg.Region = "us-east-1"
	}
	endpoint := cfg.flink("s3.endpoint", "fs.s3a.endpoint")
	if endpoint != "" && !strings.Contains(endpoint, "://") {
		scheme := "https"
		if strings.EqualFold(cfg.flink("s3.ssl.enabled", "fs.s3a.connection.ssl.enabled"), "false") {
			scheme = "http"
		}
		endpoint = scheme + "://" + endpoint
	}
	pathStyle := strings.EqualFold(cfg.flink("s3.path.style.access", "s3.path-style-access", "fs.s3a.path.style.access"), "true")
	client := s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
		o.UsePathStyle = pathStyle
		// The SDK logs to standard error; its reasons are in the errors.
		o.Logger = logging.Nop{}
		o.ClientLogMode = 0
	})
	if endpoint == "" {
		// AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_S3 or the profile's.
		endpoint = aws.ToString(client.Options().BaseEndpoint)
	}
	return &S3{client: client, endpoint: endpoint, static: ak != "" && sk != ""}, nil
}

// newHTTPClient bounds connecting and waiting for a response, not the
// body: a large _metadata streams for as long as it needs.
func newHTTPClient(cfg Config) *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().
		WithDialerOptions(func(d *net.Dialer) { d.Timeout = cfg.dialer().Timeout }).
		WithTransportOptions(func(t *http.Transport) {
			t.ResponseHeaderTimeout = cfg.requestTimeout()
			t.TLSHandshakeTimeout = cfg.dialer().Timeout
		})
}

// objectLocation splits scheme://bucket/key.
func objectLocation(uri string) (head, bucket, key string) {
	head, p := splitURI(uri)
	bucket = head[strings.Index(head, "://")+3:]
	return head, bucket, strings.Trim(p, "/")
}

// Stat implements FS. A key with objects under "key/" is a directory, as
// object stores have no directories of their own.
func (s *S3) Stat(ctx context.Context, uri string) (Info, error) {
	head, bucket, key := objectLocation(uri)
	if key != "" {
		out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
		if err == nil {
			return Info{URI: head + "/" + key, Size: aws.ToInt64(out.ContentLength), ModTime: aws.ToTime(out.LastModified)}, nil
		}
		if ctx.Err() != nil {
			return Info{}, s.fail(ctx, "HeadObject", uri, err)
		}
		if !isNotFound(err) {
			// A HEAD response has no body to say why; a listing does.
			prefix := key
			if _, lerr := s.client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: &prefix, MaxKeys: aws.Int32(1)}); lerr != nil {
				err = lerr
			}
			return Info{}, s.fail(ctx, "HeadObject", uri, err)
		}
	}
	prefix := dirPrefix(key)
	out, err := s.client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: &prefix, MaxKeys: aws.Int32(1)})
	if err != nil {
		return Info{}, s.fail(ctx, "ListObjectsV2", uri, err)
	}
	if len(out.Contents) == 0 && len(out.CommonPrefixes) == 0 && key != "" {
		return Info{}, notExist(uri)
	}
	return Info{URI: strings.TrimSuffix(head+"/"+key, "/"), IsDir: true}, nil
}

func dirPrefix(key string) string {
	if key == "" {
		return ""
	}
	return key + "/"
}

// Open implements FS. A connection that drops mid-read is resumed from the
// offset reached with a ranged GET of the same object version (its ETag).
func (s *S3) Open(ctx context.Context, uri string) (io.ReadCloser, error) {
	_, bucket, key := objectLocation(uri)
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		if isNotFound(err) && !isNoBucket(err) {
			return nil, notExist(uri)
		}
		return nil, s.fail(ctx, "GetObject", uri, err)
	}
	etag := out.ETag
	reopen := func(ctx context.Context, off int64) (io.ReadCloser, error) {
		rng := fmt.Sprintf("bytes=%d-", off)
		out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key, Range: &rng, IfMatch: etag})
		if err != nil {
			return nil, s.fail(ctx, "GetObject", uri, err)
		}
		return out.Body, nil
	}
	return newResumer(ctx, uri, out.Body, reopen), nil
}

// ReadAt implements FS with one ranged GET.
func (s *S3) ReadAt(ctx context.Context, uri string, p []byte, off int64) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	_, bucket, key := objectLocation(uri)
	rng := fmt.Sprintf("bytes=%d-%d", off, off+int64(len(p))-1)
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key, Range: &rng})
	if err != nil {
		var ae smithy.APIError
		if errors.As(err, &ae) && ae.ErrorCode() == "InvalidRange" {
			return 0, io.EOF
		}
		if isNotFound(err) && !isNoBucket(err) {
			return 0, notExist(uri)
		}
		return 0, s.fail(ctx, "GetObject", uri, err)
	}
	defer out.Body.Close()
	n, err := io.ReadFull(out.Body, p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return n, io.EOF
	}
	if err != nil {
		return n, fmt.Errorf("%s: read bytes %d-%d: %w", uri, off, off+int64(len(p))-1, err)
	}
	return n, nil
}

// List implements FS.
func (s *S3) List(ctx context.Context, dir string) ([]Info, error) {
	head, bucket, key := objectLocation(dir)
	prefix := dirPrefix(key)
	var out []Info
	pages := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: &prefix, Delimiter: aws.String("/")})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, s.fail(ctx, "ListObjectsV2", dir, err)
		}
		for _, p := range page.CommonPrefixes {
			out = append(out, Info{URI: head + "/" + strings.TrimSuffix(aws.ToString(p.Prefix), "/"), IsDir: true})
		}
		for _, o := range page.Contents {
			k := aws.ToString(o.Key)
			if k == prefix {
				continue // a directory marker
			}
			out = append(out, Info{URI: head + "/" + k, Size: aws.ToInt64(o.Size), ModTime: aws.ToTime(o.LastModified)})
		}
	}
	return out, nil
}

func isNotFound(err error) bool {
	var re *awshttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() == http.StatusNotFound
}

func isNoBucket(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorCode() == "NoSuchBucket"
}

// fail makes one line of an SDK error: the URI, the request, the endpoint
// and where the credentials came from (never the credentials), and the
// service's reason.
func (s *S3) fail(ctx context.Context, op, uri string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", uri, context.Cause(ctx))
	}
	where := "AWS"
	if s.endpoint != "" {
		where = s.endpoint
	}
	tried := fmt.Sprintf("S3 %s at %s, %s", op, where, s.credentialSource(ctx))
	if maxErr, ok := errors.AsType[*retry.MaxAttemptsError](err); ok {
		tried += fmt.Sprintf(", %d attempts", maxErr.Attempt)
	}
	return fmt.Errorf("%s: %s: %s", uri, tried, s3Reason(err))
}

// credentialSource names the provider that gave the credentials.
func (s *S3) credentialSource(ctx context.Context) string {
	if s.static {
		return "keys from the Flink configuration (s3.access-key)"
	}
	creds, err := s.client.Options().Credentials.Retrieve(ctx)
	if err != nil {
		return "no credentials found (tried environment, shared config and profile, web identity, container and instance role)"
	}
	return "credentials from " + creds.Source
}

// s3Reason is the service's error code and message, or the network error.
func s3Reason(err error) string {
	var ae smithy.APIError
	var re *awshttp.ResponseError
	var ne *net.OpError
	switch {
	case errors.As(err, &ne):
		return oneLine(ne.Error())
	case errors.As(err, &ae) && ae.ErrorCode() != "" && ae.ErrorMessage() != "":
		reason := ae.ErrorCode() + ": " + ae.ErrorMessage()
		if errors.As(err, &re) {
			reason = fmt.Sprintf("HTTP %d %s", re.HTTPStatusCode(), reason)
		}
		return oneLine(reason)
	case errors.As(err, &re) && re.HTTPStatusCode() == 0:
		// No response: the reason is the transport's (a timeout).
		return oneLine(re.Unwrap().Error())
	case errors.As(err, &re):
		code := re.HTTPStatusCode()
		reason := fmt.Sprintf("HTTP %d %s", code, http.StatusText(code))
		if errors.As(err, &ae) && ae.ErrorCode() != "" && ae.ErrorCode() != http.StatusText(code) {
			reason += " (" + ae.ErrorCode() + ")"
		}
		return reason
	}
	msg := err.Error()
	if _, rest, ok := strings.Cut(msg, ", "); ok && strings.HasPrefix(msg, "operation error") {
		msg = rest
	}
	return oneLine(msg)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
