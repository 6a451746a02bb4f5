package savepointfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"os/user"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/colinmarc/hdfs/v2"
	"github.com/colinmarc/hdfs/v2/hadoopconf"
	krbclient "github.com/jcmturner/gokrb5/v8/client"
	krbconfig "github.com/jcmturner/gokrb5/v8/config"
	"github.com/jcmturner/gokrb5/v8/credentials"
)

// HDFS reads hdfs:// URIs with the Hadoop client configuration Flink's
// HDFS file system uses: core-site.xml and hdfs-site.xml of
// HADOOP_CONF_DIR, else HADOOP_HOME/etc/hadoop. hdfs://<nameservice>/ goes
// to the namenodes of dfs.ha.namenodes.<nameservice> (failing over between
// them), hdfs://host:port/ to that namenode, hdfs:///path to fs.defaultFS.
// The user is HADOOP_USER_NAME, else the OS user; with
// hadoop.security.authentication=kerberos it is the principal of the
// Kerberos ticket cache (KRB5CCNAME, else /tmp/krb5cc_<uid>, made by kinit)
// and krb5.conf is KRB5_CONFIG, else /etc/krb5.conf.
type HDFS struct {
	conf    hadoopconf.HadoopConf
	confDir string
	user    string
	krb     *krbclient.Client

	mu      sync.Mutex
	clients map[string]*hdfsClient
}

// hdfsDialTimeout bounds connecting to a namenode or datanode, so that an
// unreachable one fails in bounded time.
const hdfsDialTimeout = 10 * time.Second

// hdfsIOTimeout bounds each read or write on a connection: colinmarc's
// client waits for a namenode's answer without a deadline, so a namenode
// that accepts but never answers would hang.
const hdfsIOTimeout = 60 * time.Second

// ioTimeoutOverride, when set, replaces hdfsIOTimeout in tests; atomic, as
// lease renewals of earlier clients read it meanwhile.
var ioTimeoutOverride atomic.Int64

func ioTimeout() time.Duration {
	if d := ioTimeoutOverride.Load(); d != 0 {
		return time.Duration(d)
	}
	return hdfsIOTimeout
}

// hdfsClient is one namenode (or HA pair) and the connections its client
// dialled, closed at once when a context is cancelled.
type hdfsClient struct {
	c     *hdfs.Client
	addrs []string

	mu     sync.Mutex
	conns  map[net.Conn]bool
	dead   bool
	cancel context.CancelFunc
	dialTo context.Context
}

// NewHDFS reads the Hadoop configuration and, for Kerberos, the ticket
// cache; it connects on first use.
func NewHDFS() (*HDFS, error) {
	dir := os.Getenv("HADOOP_CONF_DIR")
	if dir == "" && os.Getenv("HADOOP_HOME") != "" {
		dir = filepath.Join(os.Getenv("HADOOP_HOME"), "etc", "hadoop")
	}
	h := &HDFS{confDir: dir, clients: map[string]*hdfsClient{}}
	if dir != "" {
		conf, err := hadoopconf.Load(dir)
		if err != nil {
			return nil, fmt.Errorf("read the Hadoop configuration in %s: %s", dir, oneLine(err.Error()))
		}
		h.conf = conf
	}
	if h.conf == nil {
		h.conf = hadoopconf.HadoopConf{}
	}
	if strings.EqualFold(h.conf["hadoop.security.authentication"], "kerberos") {
		krb, err := kerberosClient()
		if err != nil {
			return nil, err
		}
		h.krb = krb
		h.user = krb.Credentials.UserName() + "@" + krb.Credentials.Realm()
		return h, nil
	}
	h.user = os.Getenv("HADOOP_USER_NAME")
	if h.user == "" {
		u, err := user.Current()
		if err != nil {
			return nil, fmt.Errorf("no HDFS user: HADOOP_USER_NAME is not set and the OS user is unknown: %s", oneLine(err.Error()))
		}
		h.user = u.Username
	}
	return h, nil
}

// kerberosClient logs in from the ticket cache kinit wrote.
func kerberosClient() (*krbclient.Client, error) {
	cache := os.Getenv("KRB5CCNAME")
	if cache == "" {
		cache = "/tmp/krb5cc_" + strconv.Itoa(os.Getuid())
	}
	kind, file, ok := strings.Cut(cache, ":")
	switch {
	case !ok:
		file = cache
	case kind != "FILE":
		return nil, fmt.Errorf("hadoop.security.authentication is kerberos, but the ticket cache KRB5CCNAME=%s is not a file cache (FILE:path); run kinit -c FILE:/tmp/krb5cc_%d", cache, os.Getuid())
	}
	cc, err := credentials.LoadCCache(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("hadoop.security.authentication is kerberos, but there is no Kerberos ticket cache at %s (KRB5CCNAME): run kinit", file)
	}
	if err != nil {
		return nil, fmt.Errorf("read the Kerberos ticket cache %s: %s; run kinit", file, oneLine(err.Error()))
	}
	confPath := os.Getenv("KRB5_CONFIG")
	if confPath == "" {
		confPath = "/etc/krb5.conf"
	}
	kconf, err := krbconfig.Load(confPath)
	if err != nil {
		return nil, fmt.Errorf("read the Kerberos configuration %s (KRB5_CONFIG): %s", confPath, oneLine(err.Error()))
	}
	c, err := krbclient.NewFromCCache(cc, kconf, krbclient.DisablePAFXFAST(true))
	if err != nil {
		return nil, fmt.Errorf("use the Kerberos ticket cache %s: %s; run kinit", file, oneLine(err.Error()))
	}
	return c, nil
}

// Namenodes are the addresses an hdfs:// authority stands for: the HA
// namenodes of a nameservice, a nameservice's single rpc-address, or
// host[:port] itself (port 8020 by default); "" is fs.defaultFS.
func (h *HDFS) Namenodes(authority string) ([]string, error) {
	if authority == "" {
		def := h.conf["fs.defaultFS"]
		if def == "" {
			def = h.conf["fs.default.name"]
		}
		u, err := url.Parse(def)
		if def == "" || err != nil || !strings.EqualFold(u.Scheme, "hdfs") || u.Host == "" {
			return nil, fmt.Errorf("hdfs:/// names the default file system, but fs.defaultFS %s is not hdfs://<namenode or nameservice>", h.where())
		}
		authority = u.Host
	}
	if ids := h.conf["dfs.ha.namenodes."+authority]; ids != "" {
		var addrs []string
		for id := range strings.SplitSeq(ids, ",") {
			id = strings.TrimSpace(id)
			if id == "" {
				continue
			}
			addr := h.conf["dfs.namenode.rpc-address."+authority+"."+id]
			if addr == "" {
				return nil, fmt.Errorf("nameservice %s: dfs.namenode.rpc-address.%s.%s is not set %s", authority, authority, id, h.where())
			}
			addrs = append(addrs, addr)
		}
		return addrs, nil
	}
	if addr := h.conf["dfs.namenode.rpc-address."+authority]; addr != "" {
		return []string{addr}, nil
	}
	if _, _, err := net.SplitHostPort(authority); err != nil {
		authority = net.JoinHostPort(authority, "8020")
	}
	return []string{authority}, nil
}

// where names the configuration read, for errors.
func (h *HDFS) where() string {
	if h.confDir == "" {
		return "(no HADOOP_CONF_DIR or HADOOP_HOME)"
	}
	return "in " + h.confDir
}

// hdfsLocation splits hdfs://authority/path; hdfs:/path is hdfs:///path.
func hdfsLocation(uri string) (head, authority, p string) {
	u, err := url.Parse(uri)
	if err != nil {
		head, p = splitURI(uri)
		return head, strings.TrimPrefix(head, "hdfs://"), path.Join("/", p)
	}
	return strings.ToLower(u.Scheme) + "://" + u.Host, u.Host, path.Join("/", u.Path)
}

// client returns the connected client of authority, connecting on first use.
func (h *HDFS) client(ctx context.Context, uri, authority string) (*hdfsClient, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if c := h.clients[authority]; c != nil {
		return c, nil
	}
	addrs, err := h.Namenodes(authority)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", uri, err)
	}
	// The namenode's SPN: dfs.namenode.kerberos.principal without its realm
	// (nn/_HOST), _HOST replaced by the client with each namenode's host.
	opts := hdfs.ClientOptionsFromConf(h.conf)
	if h.krb != nil && opts.KerberosServicePrincipleName == "" {
		return nil, fmt.Errorf("%s: hadoop.security.authentication is kerberos, but dfs.namenode.kerberos.principal is not set %s", uri, h.where())
	}
	dialTo, cancel := context.WithCancel(context.Background())
	c := &hdfsClient{addrs: addrs, conns: map[net.Conn]bool{}, dialTo: dialTo, cancel: cancel}
	opts.Addresses = addrs
	opts.User = h.user
	opts.NamenodeDialFunc = c.dial
	opts.DatanodeDialFunc = c.dial
	opts.KerberosClient = h.krb
	// Connecting dials and writes the handshake; a cancel closes the
	// connection so that it returns.
	stop := context.AfterFunc(ctx, c.abort)
	c.c, err = hdfs.NewClient(opts)
	stop()
	if err != nil {
		c.abort()
		return nil, h.fail(ctx, "connect", uri, c, err)
	}
	h.clients[authority] = c
	return c, nil
}

// dial connects with a timeout and keeps the connection, to close it on
// cancel; each read and write then has hdfsIOTimeout.
func (c *hdfsClient) dial(_ context.Context, network, addr string) (net.Conn, error) {
	conn, err := (&net.Dialer{Timeout: hdfsDialTimeout}).DialContext(c.dialTo, network, addr)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead {
		_ = conn.Close()
		return nil, net.ErrClosed
	}
	tc := &timeoutConn{Conn: conn, owner: c}
	c.conns[tc] = true
	return tc, nil
}

// abort closes every connection of the client and any it would dial: a
// call blocked on the namenode or a datanode returns, with an error.
func (c *hdfsClient) abort() {
	c.mu.Lock()
	c.dead = true
	conns := c.conns
	c.conns = map[net.Conn]bool{}
	c.mu.Unlock()
	c.cancel()
	for conn := range conns {
		_ = conn.Close()
	}
}

type timeoutConn struct {
	net.Conn
	owner *hdfsClient
}

func (t *timeoutConn) Read(p []byte) (int, error) {
	_ = t.SetReadDeadline(time.Now().Add(ioTimeout()))
	return t.Conn.Read(p)
}

func (t *timeoutConn) Write(p []byte) (int, error) {
	_ = t.SetWriteDeadline(time.Now().Add(ioTimeout()))
	return t.Conn.Write(p)
}

func (t *timeoutConn) Close() error {
	t.owner.mu.Lock()
	delete(t.owner.conns, t)
	t.owner.mu.Unlock()
	return t.Conn.Close()
}

// call runs one client call; a cancelled ctx aborts the client, which is
// then dropped, and the call returns at once.
func (h *HDFS) call(ctx context.Context, op, uri string, fn func(c *hdfs.Client, p string) error) (*hdfsClient, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", uri, context.Cause(ctx))
	}
	_, authority, p := hdfsLocation(uri)
	c, err := h.client(ctx, uri, authority)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { h.drop(authority, c) })
	defer stop()
	if err := fn(c.c, p); err != nil {
		return nil, h.fail(ctx, op, uri, c, err)
	}
	return c, nil
}

// drop aborts c and forgets it, so that the next call connects anew.
func (h *HDFS) drop(authority string, c *hdfsClient) {
	// Abort first: h.mu may be held by a connect to another namenode.
	c.abort()
	h.mu.Lock()
	if h.clients[authority] == c {
		delete(h.clients, authority)
	}
	h.mu.Unlock()
	// Close waits for a call in flight, which the abort ends.
	go func() { _ = c.c.Close() }()
}

// Stat implements FS.
func (h *HDFS) Stat(ctx context.Context, uri string) (Info, error) {
	head, _, _ := hdfsLocation(uri)
	var info Info
	_, err := h.call(ctx, "getFileInfo", uri, func(c *hdfs.Client, p string) error {
		fi, err := c.Stat(p)
		if err == nil {
			info = hdfsInfo(head, p, fi)
		}
		return err
	})
	return info, err
}

func hdfsInfo(head, p string, fi os.FileInfo) Info {
	return Info{URI: head + p, Size: fi.Size(), ModTime: fi.ModTime(), IsDir: fi.IsDir()}
}

// Open implements FS; a read that fails mid-stream (a datanode gone) is
// reopened at the offset reached.
func (h *HDFS) Open(ctx context.Context, uri string) (io.ReadCloser, error) {
	open := func(ctx context.Context, off int64) (io.ReadCloser, error) {
		var f *hdfs.FileReader
		c, err := h.call(ctx, "open", uri, func(c *hdfs.Client, p string) error {
			var err error
			if f, err = c.Open(p); err != nil {
				return err
			}
			if f.Stat().IsDir() {
				_ = f.Close()
				return errors.New("is a directory")
			}
			if off > 0 {
				if _, err = f.Seek(off, io.SeekStart); err != nil {
					_ = f.Close()
				}
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		_, authority, _ := hdfsLocation(uri)
		return &hdfsReader{ctx: ctx, uri: uri, f: f, stop: context.AfterFunc(ctx, func() { h.drop(authority, c) })}, nil
	}
	r, err := open(ctx, 0)
	if err != nil {
		return nil, err
	}
	return newResumer(ctx, uri, r, open), nil
}

// hdfsReader ends a read blocked on a datanode when ctx is cancelled.
type hdfsReader struct {
	ctx  context.Context
	uri  string
	f    *hdfs.FileReader
	stop func() bool
}

func (r *hdfsReader) Read(p []byte) (int, error) {
	n, err := r.f.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		if r.ctx.Err() != nil {
			return n, fmt.Errorf("%s: %w", r.uri, context.Cause(r.ctx))
		}
		return n, fmt.Errorf("%s: read from a datanode: %s", r.uri, oneLine(err.Error()))
	}
	return n, err
}

func (r *hdfsReader) Close() error {
	r.stop()
	return r.f.Close()
}

// ReadAt implements FS: one read of the blocks holding the range.
func (h *HDFS) ReadAt(ctx context.Context, uri string, p []byte, off int64) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	var eof bool
	_, err := h.call(ctx, "read", uri, func(c *hdfs.Client, name string) error {
		f, err := c.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		if off >= f.Stat().Size() {
			eof = true
			return nil
		}
		n, err = f.ReadAt(p, off)
		if errors.Is(err, io.EOF) {
			eof = true
			return nil
		}
		return err
	})
	if eof {
		return n, io.EOF
	}
	return n, err
}

// List implements FS.
func (h *HDFS) List(ctx context.Context, dir string) ([]Info, error) {
	head, _, _ := hdfsLocation(dir)
	var out []Info
	_, err := h.call(ctx, "getListing", dir, func(c *hdfs.Client, p string) error {
		fis, err := c.ReadDir(p)
		for _, fi := range fis {
			out = append(out, hdfsInfo(head, path.Join(p, fi.Name()), fi))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URI < out[j].URI })
	return out, nil
}

// fail makes one line: the URI, the call, the namenodes and user, the
// reason (the remote exception's first line, or the network error).
func (h *HDFS) fail(ctx context.Context, op, uri string, c *hdfsClient, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", uri, context.Cause(ctx))
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", uri, fs.ErrNotExist)
	}
	reason := oneLine(err.Error())
	var remote hdfs.Error
	switch {
	case errors.As(err, &remote):
		msg, _, _ := strings.Cut(remote.Message(), "\n")
		reason = oneLine(remote.Exception() + ": " + strings.TrimPrefix(msg, remote.Exception()+": "))
	case errors.Is(err, fs.ErrPermission):
		reason = "permission denied"
	case errors.Is(err, os.ErrDeadlineExceeded):
		reason = fmt.Sprintf("no answer within %s: %s", ioTimeout(), reason)
	case h.confDir == "" && strings.Contains(reason, "no such host"):
		// Most often a nameservice named without its configuration; the
		// client's connect error keeps only the text.
		reason += " (no Hadoop configuration read: set HADOOP_CONF_DIR for a nameservice)"
	case h.krb != nil && strings.Contains(reason, "SASL handshake") && isKerberosReason(reason):
		reason += " (is the Kerberos ticket still valid? run kinit)"
	}
	as := "as " + h.user
	if h.krb != nil {
		as = "as Kerberos principal " + h.user
	}
	return fmt.Errorf("%s: HDFS %s at namenode %s %s: %s", uri, op, strings.Join(c.addrs, ","), as, reason)
}

// isKerberosReason tells a failed ticket (gokrb5's errors name Kerberos,
// the KDC or the TGT) from a namenode that dropped the connection.
func isKerberosReason(reason string) bool {
	r := strings.ToLower(reason)
	for _, w := range []string{"krb", "kerberos", "kdc", "tgt", "ticket"} {
		if strings.Contains(r, w) {
			return true
		}
	}
	return false
}
