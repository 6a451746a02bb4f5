package savepointfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/bloberror"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
)

// connStringEnv holds an Azure Storage connection string; it also points
// the client at an emulator (Azurite's BlobEndpoint).
const connStringEnv = "AZURE_STORAGE_CONNECTION_STRING"

// Azure reads abfs://, abfss://, wasb:// and wasbs:// URIs
// (container@account.dfs.core.windows.net/path) through the Blob API of
// the Azure SDK, which hierarchical-namespace accounts serve too.
// Credentials: the account key Flink's configuration holds
// (fs.azure.account.key.<account host>), else AZURE_STORAGE_CONNECTION_STRING,
// else DefaultAzureCredential (environment, workload identity, managed
// identity, Azure CLI).
type Azure struct {
	cfg     Config
	mu      sync.Mutex
	clients map[string]*azureClient
}

type azureClient struct {
	client *azblob.Client
	creds  string
}

// NewAzure returns the backend; clients are built per account on first use.
func NewAzure(cfg Config) *Azure { return &Azure{cfg: cfg, clients: map[string]*azureClient{}} }

// azureLocation splits scheme://container@account.host/path.
func azureLocation(uri string) (head, host, cont, key string, err error) {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil || u.User.Username() == "" || u.Host == "" {
		return "", "", "", "", fmt.Errorf("%s: want %s://<container>@<account>.dfs.core.windows.net/<path>", uri, Scheme(uri))
	}
	head = u.Scheme + "://" + u.User.Username() + "@" + u.Host
	return head, u.Host, u.User.Username(), strings.Trim(u.Path, "/"), nil
}

func (a *Azure) client(uri string) (*azureClient, string, string, string, error) {
	head, host, cont, key, err := azureLocation(uri)
	if err != nil {
		return nil, "", "", "", err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if c := a.clients[host]; c != nil {
		return c, head, cont, key, nil
	}
	account, suffix, _ := strings.Cut(host, ".")
	service := "https://" + account + ".blob." + strings.TrimPrefix(strings.TrimPrefix(suffix, "dfs."), "blob.") + "/"
	backoff := a.cfg.maxBackoff()
	opts := &azblob.ClientOptions{ClientOptions: policy.ClientOptions{
		// 408, 429, 500, 502, 503 and 504 are retried.
		// No TryTimeout: it would bound the whole body of a large
		// _metadata; the transport bounds the wait for each response.
		Retry:     policy.RetryOptions{MaxRetries: attempts - 1, RetryDelay: backoff / 20, MaxRetryDelay: backoff},
		Transport: &http.Client{Transport: a.cfg.transport()},
	}}
	var c *azureClient
	accountKey := a.cfg.flink("fs.azure.account.key."+host, "fs.azure.account.key."+account+".blob."+strings.TrimPrefix(suffix, "dfs."))
	switch {
	case accountKey != "":
		cred, err := azblob.NewSharedKeyCredential(account, accountKey)
		if err != nil {
			return nil, "", "", "", fmt.Errorf("%s: the account key in the Flink configuration (fs.azure.account.key.%s) is not valid: %s", uri, host, oneLine(err.Error()))
		}
		cl, err := azblob.NewClientWithSharedKeyCredential(service, cred, opts)
		if err != nil {
			return nil, "", "", "", fmt.Errorf("%s: %s", uri, oneLine(err.Error()))
		}
		c = &azureClient{client: cl, creds: "the account key from the Flink configuration (fs.azure.account.key." + host + ")"}
	case os.Getenv(connStringEnv) != "":
		cl, err := azblob.NewClientFromConnectionString(os.Getenv(connStringEnv), opts)
		if err != nil {
			return nil, "", "", "", fmt.Errorf("%s: %s is not a valid connection string", uri, connStringEnv)
		}
		c = &azureClient{client: cl, creds: "the connection string in " + connStringEnv}
	default:
		cred, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			return nil, "", "", "", fmt.Errorf("%s: no Azure credentials (tried fs.azure.account.key.%s, %s, DefaultAzureCredential): %s", uri, host, connStringEnv, oneLine(err.Error()))
		}
		cl, err := azblob.NewClient(service, cred, opts)
		if err != nil {
			return nil, "", "", "", fmt.Errorf("%s: %s", uri, oneLine(err.Error()))
		}
		c = &azureClient{client: cl, creds: "DefaultAzureCredential"}
	}
	a.clients[host] = c
	return c, head, cont, key, nil
}

// Stat implements FS; a name with blobs under "name/" is a directory.
func (a *Azure) Stat(ctx context.Context, uri string) (Info, error) {
	c, head, cont, key, err := a.client(uri)
	if err != nil {
		return Info{}, err
	}
	cc := c.client.ServiceClient().NewContainerClient(cont)
	if key != "" {
		p, err := cc.NewBlobClient(key).GetProperties(ctx, nil)
		if err == nil {
			return Info{URI: head + "/" + key, Size: derefInt64(p.ContentLength), ModTime: derefTime(p.LastModified)}, nil
		}
		if !bloberror.HasCode(err, bloberror.BlobNotFound) && !isStatus(err, 404) {
			return Info{}, c.fail(ctx, "get blob properties", uri, err)
		}
	}
	prefix := dirPrefix(key)
	pager := cc.NewListBlobsFlatPager(&container.ListBlobsFlatOptions{Prefix: &prefix, MaxResults: new(int32(1))})
	page, err := pager.NextPage(ctx)
	if err != nil {
		return Info{}, c.fail(ctx, "list blobs", uri, err)
	}
	if len(page.Segment.BlobItems) == 0 && key != "" {
		return Info{}, notExist(uri)
	}
	return Info{URI: strings.TrimSuffix(head+"/"+key, "/"), IsDir: true}, nil
}

// Open implements FS, resuming a dropped read from the same blob version
// (If-Match its ETag).
func (a *Azure) Open(ctx context.Context, uri string) (io.ReadCloser, error) {
	c, _, cont, key, err := a.client(uri)
	if err != nil {
		return nil, err
	}
	resp, err := c.client.DownloadStream(ctx, cont, key, nil)
	if err != nil {
		if bloberror.HasCode(err, bloberror.BlobNotFound) {
			return nil, notExist(uri)
		}
		return nil, c.fail(ctx, "download blob", uri, err)
	}
	etag := resp.ETag
	reopen := func(ctx context.Context, off int64) (io.ReadCloser, error) {
		r, err := c.client.DownloadStream(ctx, cont, key, &azblob.DownloadStreamOptions{
			Range:            blob.HTTPRange{Offset: off},
			AccessConditions: &blob.AccessConditions{ModifiedAccessConditions: &blob.ModifiedAccessConditions{IfMatch: etag}},
		})
		if err != nil {
			return nil, c.fail(ctx, "download blob", uri, err)
		}
		return r.Body, nil
	}
	return newResumer(ctx, uri, resp.Body, reopen), nil
}

// ReadAt implements FS with one ranged download.
func (a *Azure) ReadAt(ctx context.Context, uri string, p []byte, off int64) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	c, _, cont, key, err := a.client(uri)
	if err != nil {
		return 0, err
	}
	resp, err := c.client.DownloadStream(ctx, cont, key, &azblob.DownloadStreamOptions{Range: blob.HTTPRange{Offset: off, Count: int64(len(p))}})
	if err != nil {
		if bloberror.HasCode(err, bloberror.InvalidRange) {
			return 0, io.EOF
		}
		if bloberror.HasCode(err, bloberror.BlobNotFound) {
			return 0, notExist(uri)
		}
		return 0, c.fail(ctx, "download blob", uri, err)
	}
	defer resp.Body.Close()
	n, err := io.ReadFull(resp.Body, p)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return n, io.EOF
	}
	if err != nil {
		return n, fmt.Errorf("%s: read bytes %d-%d: %w", uri, off, off+int64(len(p))-1, err)
	}
	return n, nil
}

// List implements FS.
func (a *Azure) List(ctx context.Context, dir string) ([]Info, error) {
	c, head, cont, key, err := a.client(dir)
	if err != nil {
		return nil, err
	}
	prefix := dirPrefix(key)
	pager := c.client.ServiceClient().NewContainerClient(cont).NewListBlobsHierarchyPager("/", &container.ListBlobsHierarchyOptions{Prefix: &prefix})
	var out []Info
	for pager.More() {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return nil, c.fail(ctx, "list blobs", dir, err)
		}
		for _, p := range page.Segment.BlobPrefixes {
			out = append(out, Info{URI: head + "/" + strings.TrimSuffix(derefString(p.Name), "/"), IsDir: true})
		}
		for _, b := range page.Segment.BlobItems {
			if name := derefString(b.Name); name != prefix && b.Properties != nil {
				out = append(out, Info{URI: head + "/" + name, Size: derefInt64(b.Properties.ContentLength), ModTime: derefTime(b.Properties.LastModified)})
			}
		}
	}
	return out, nil
}

func isStatus(err error, code int) bool {
	var re *azcore.ResponseError
	return errors.As(err, &re) && re.StatusCode == code
}

// fail makes one line: URI, request, credentials' source, reason.
func (c *azureClient) fail(ctx context.Context, op, uri string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", uri, context.Cause(ctx))
	}
	reason := oneLine(err.Error())
	if re, ok := errors.AsType[*azcore.ResponseError](err); ok {
		reason = fmt.Sprintf("HTTP %d %s", re.StatusCode, re.ErrorCode)
	}
	return fmt.Errorf("%s: Azure Blob %s with %s: %s", uri, op, c.creds, reason)
}

func derefString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func derefInt64(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func derefTime(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return *p
}
