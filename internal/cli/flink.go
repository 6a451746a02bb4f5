package cli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/uidcheck/uidcheck/flinkrest"
)

// restFlags locate the cluster, as Flink's CLI does.
type restFlags struct {
	jobManager string
	confDir    string
	timeout    time.Duration
	caCert     string
	clientCert string
	clientKey  string
}

// authEnv names the environment variable whose value is sent as the
// Authorization header, for clusters behind an authenticating proxy.
const authEnv = "FLINK_REST_AUTHORIZATION"

func (r *restFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVarP(&r.jobManager, "jobmanager", "m", "", "REST address of the JobManager, host:port or URL (default: $FLINK_REST_URL, the Flink configuration, then localhost:8081)")
	fl.StringVar(&r.confDir, "conf-dir", "", "Flink configuration directory with config.yaml or flink-conf.yaml (default: $FLINK_CONF_DIR)")
	fl.DurationVar(&r.timeout, "timeout", 10*time.Minute, "give up waiting after this long")
	fl.StringVar(&r.caCert, "ca-cert", "", "PEM file of the CA that signed the REST endpoint's certificate")
	fl.StringVar(&r.clientCert, "client-cert", "", "PEM client certificate for REST SSL with client authentication")
	fl.StringVar(&r.clientKey, "client-key", "", "PEM key of --client-cert")
}

// client builds a REST client and reads the Flink configuration, if any.
// A bad address names the value and where it came from.
func (r *restFlags) client(f *Factory) (*flinkrest.Client, flinkrest.FlinkConfig, error) {
	if r.timeout <= 0 {
		return nil, flinkrest.FlinkConfig{}, flagErrorf("invalid --timeout %s: want a positive duration such as 30s or 10m", r.timeout)
	}
	confDir, confFrom := r.confDir, "--conf-dir"
	if confDir == "" {
		confDir, confFrom = f.IO.Getenv("FLINK_CONF_DIR"), "FLINK_CONF_DIR"
	}
	var cfg flinkrest.FlinkConfig
	if confDir != "" {
		var err error
		if cfg, err = flinkrest.LoadConfig(confDir); err != nil {
			return nil, cfg, fmt.Errorf("%s: %w", confFrom, err)
		}
	}
	raw, from := r.jobManager, "--jobmanager"
	if raw == "" {
		raw, from = f.IO.Getenv("FLINK_REST_URL"), "FLINK_REST_URL"
	}
	if raw == "" {
		var err error
		if raw, err = cfg.RESTURL(); err != nil {
			return nil, cfg, err
		}
		from = "the Flink configuration"
		if cfg.Path != "" {
			from += " " + cfg.Path
		}
	}
	u, err := parseAddress(raw)
	if err != nil {
		return nil, cfg, flagErrorf("invalid JobManager address %q from %s: %v; want host:port or a URL", raw, from, err)
	}
	tr := &http.Transport{Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true, TLSHandshakeTimeout: 10 * time.Second}
	if r.caCert != "" || r.clientCert != "" {
		tc, err := r.tlsConfig()
		if err != nil {
			return nil, cfg, err
		}
		tr.TLSClientConfig = tc
	}
	c := &flinkrest.Client{
		BaseURL:       u,
		HTTP:          &http.Client{Transport: tr, Timeout: time.Minute},
		Authorization: f.IO.Getenv(authEnv),
	}
	return c, cfg, nil
}

// pendingError is a wait that ended while Flink still runs the operation
// it accepted: the message says so even when the wait ended by SIGINT.
type pendingError struct{ err error }

func (e *pendingError) Error() string { return e.err.Error() }
func (e *pendingError) Unwrap() error { return e.err }

// waitError explains a failed wait for an operation Flink accepted. When
// Flink reports the savepoint failed, failed says what that leaves (empty:
// nothing to add). Anything else (SIGINT, --timeout, a lost connection)
// only ended uidcheck's wait: pending says what goes on, with the trigger
// ID and where to follow it.
func waitError(c *flinkrest.Client, what, jobID, trigger string, err error, failed, pending string) error {
	if errors.Is(err, flinkrest.ErrSavepointFailed) {
		if failed == "" {
			return fmt.Errorf("%s: %w", what, err)
		}
		return fmt.Errorf("%s: %w (%s)", what, err, failed)
	}
	status := c.BaseURL.JoinPath("jobs", jobID, "savepoints", trigger)
	status.User = nil
	return &pendingError{fmt.Errorf("%s: uidcheck stopped waiting (%w); %s. Trigger ID %s; follow it with GET %s or uidcheck list",
		what, err, pending, trigger, status)}
}

// parseAddress reads host:port or an http(s) URL.
func parseAddress(raw string) (*url.URL, error) {
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		if ue, ok := errors.AsType[*url.Error](err); ok {
			return nil, ue.Err
		}
		return nil, err
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("scheme %q is not http or https", u.Scheme)
	case u.Hostname() == "":
		return nil, errors.New("no host")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("port %q is not a number from 1 to 65535", p)
		}
	}
	return u, nil
}

func (r *restFlags) tlsConfig() (*tls.Config, error) {
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if r.caCert != "" {
		pem, err := os.ReadFile(r.caCert)
		if err != nil {
			return nil, fmt.Errorf("read --ca-cert: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--ca-cert %s: no PEM certificate found", r.caCert)
		}
		tc.RootCAs = pool
	}
	if r.clientCert != "" || r.clientKey != "" {
		cert, err := tls.LoadX509KeyPair(r.clientCert, r.clientKey)
		if err != nil {
			return nil, fmt.Errorf("load client certificate: %w", err)
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	return tc, nil
}

func (r *restFlags) context(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, r.timeout)
}

func newCmdList(f *Factory) *cobra.Command {
	var rf restFlags
	var all bool
	cmd := &cobra.Command{
		Use:   "list [-a]",
		Short: "List the cluster's running jobs (all jobs with -a)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, _, err := rf.client(f)
			if err != nil {
				return err
			}
			ctx, cancel := rf.context(cmd.Context())
			defer cancel()
			jobs, err := c.Jobs(ctx)
			if err != nil {
				return err
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%-32s  %-12s  %-19s  %s\n", "JOB ID", "STATE", "START TIME", "NAME")
			for _, j := range jobs {
				if !all && !activeState(j.State) {
					continue
				}
				start := time.UnixMilli(j.StartTime).UTC().Format("2006-01-02 15:04:05")
				fmt.Fprintf(&b, "%-32s  %-12s  %-19s  %s\n", j.ID, j.State, start, j.Name)
			}
			_, err = fmt.Fprint(f.IO.Out, b.String())
			return err
		},
	}
	cmd.Flags().BoolVarP(&all, "all", "a", false, "show finished, failed and cancelled jobs too")
	rf.add(cmd)
	return cmd
}

// activeState reports the states `flink list` shows without -a.
func activeState(s string) bool {
	switch s {
	case "FINISHED", "FAILED", "CANCELED":
		return false
	}
	return true
}

// savepointTrigger holds the flags of `uidcheck savepoint <jobID> [dir]`.
type savepointTrigger struct {
	rest     restFlags
	typ      string
	detached bool
	dispose  string
}

func (s *savepointTrigger) add(cmd *cobra.Command) {
	addSavepointType(cmd, &s.typ)
	cmd.Flags().BoolVar(&s.detached, "detached", false, "print the trigger ID and return without waiting")
	cmd.Flags().StringVar(&s.dispose, "dispose", "", "dispose of the savepoint at `PATH` instead of triggering one")
	s.rest.add(cmd)
}

func (s *savepointTrigger) run(ctx context.Context, f *Factory, args []string) error {
	c, cfg, err := s.rest.client(f)
	if err != nil {
		return err
	}
	ctx, cancel := s.rest.context(ctx)
	defer cancel()
	if s.dispose != "" {
		if len(args) > 0 {
			return flagErrorf("--dispose takes no job ID")
		}
		return dispose(ctx, f, c, s.dispose)
	}
	if len(args) == 0 {
		return flagErrorf("want a job ID: uidcheck savepoint <jobID> [targetDirectory]")
	}
	opts, err := savepointOptions(s.typ, args[1:], cfg)
	if err != nil {
		return err
	}
	trigger, err := c.TriggerSavepoint(ctx, args[0], opts)
	if err != nil {
		return fmt.Errorf("trigger savepoint of job %s: %w", args[0], err)
	}
	if s.detached {
		fmt.Fprintf(f.IO.Out, "Savepoint triggered for job %s; trigger ID %s\n", args[0], trigger)
		return nil
	}
	st, err := c.WaitSavepoint(ctx, args[0], trigger, progress(f, "savepoint"))
	if err != nil {
		return waitError(c, "savepoint of job "+args[0], args[0], trigger, err, "", "the savepoint goes on in the cluster")
	}
	fmt.Fprintf(f.IO.Out, "Savepoint completed. Path: %s\n", st.Location)
	return nil
}

// addSavepointType adds --type (Flink's CLI spelling) and its alias --format.
func addSavepointType(cmd *cobra.Command, typ *string) {
	cmd.Flags().StringVar(typ, "type", "", "savepoint format: canonical or native (default: Flink's, canonical)")
	cmd.Flags().StringVar(typ, "format", "", "same as --type")
}

func savepointOptions(typ string, dir []string, cfg flinkrest.FlinkConfig) (flinkrest.SavepointOptions, error) {
	var o flinkrest.SavepointOptions
	switch strings.ToLower(typ) {
	case "":
	case "canonical", "native":
		o.Format = strings.ToUpper(typ)
	default:
		return o, flagErrorf("invalid --type %q: want canonical or native", typ)
	}
	if len(dir) > 1 {
		return o, flagErrorf("want at most one target directory, have %d", len(dir))
	}
	if len(dir) == 1 {
		o.TargetDirectory = dir[0]
	} else {
		o.TargetDirectory = cfg.SavepointDir()
	}
	return o, nil
}

func dispose(ctx context.Context, f *Factory, c *flinkrest.Client, path string) error {
	trigger, err := c.DisposeSavepoint(ctx, path)
	if err != nil {
		return fmt.Errorf("dispose savepoint %s: %w", path, err)
	}
	for {
		done, failure, err := c.Disposal(ctx, trigger)
		switch {
		case err != nil:
			return fmt.Errorf("dispose savepoint %s: %w", path, err)
		case failure != "":
			return fmt.Errorf("dispose savepoint %s: %s", path, failure)
		case done:
			fmt.Fprintf(f.IO.Out, "Savepoint %s disposed.\n", path)
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("dispose savepoint %s: %w", path, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// progress shows the time waited on a terminal's stderr.
func progress(f *Factory, what string) func(time.Duration) {
	if !f.IO.ErrOutTTY {
		return nil
	}
	return func(d time.Duration) {
		fmt.Fprintf(f.IO.ErrOut, "\r%s in progress (%s)   ", what, d.Round(100*time.Millisecond))
	}
}

func newCmdStop(f *Factory) *cobra.Command {
	var rf restFlags
	var target, typ string
	var drain bool
	cmd := &cobra.Command{
		Use:   "stop [--savepointPath [dir]] [--drain] <jobID>",
		Short: "Stop a job with a savepoint; the job keeps running if the savepoint fails",
		Args:  cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, jobID, opts, err := savepointJob(cmd, f, &rf, "savepointPath", &target, typ, args)
			if err != nil {
				return err
			}
			opts.Drain = drain
			ctx, cancel := rf.context(cmd.Context())
			defer cancel()
			trigger, err := c.StopWithSavepoint(ctx, jobID, opts)
			if err != nil {
				return fmt.Errorf("stop job %s: %w", jobID, err)
			}
			st, err := c.WaitSavepoint(ctx, jobID, trigger, progress(f, "stop-with-savepoint"))
			if err != nil {
				return waitError(c, "stop job "+jobID, jobID, trigger, err, "the job keeps running",
					"the stop-with-savepoint goes on in the cluster: Flink stops the job once the savepoint completes")
			}
			fmt.Fprintf(f.IO.Out, "Savepoint completed. Path: %s\n", st.Location)
			return nil
		},
	}
	cmd.Flags().StringVarP(&target, "savepointPath", "p", "", "target directory of the savepoint (default: the cluster's savepoint directory)")
	cmd.Flags().Lookup("savepointPath").NoOptDefVal = " "
	cmd.Flags().BoolVarP(&drain, "drain", "d", false, "send MAX_WATERMARK before stopping, firing all timers and windows")
	addSavepointType(cmd, &typ)
	rf.add(cmd)
	return cmd
}

// savepointJob resolves what stop and cancel share: the client, the job ID,
// the target directory (also in Flink's "-s [dir] <jobID>" form) and the
// savepoint options.
func savepointJob(cmd *cobra.Command, f *Factory, rf *restFlags, flag string, target *string, typ string,
	args []string,
) (*flinkrest.Client, string, flinkrest.SavepointOptions, error) {
	args, err := optionalDirArg(cmd, flag, target, args)
	if err != nil {
		return nil, "", flinkrest.SavepointOptions{}, err
	}
	c, cfg, err := rf.client(f)
	if err != nil {
		return nil, "", flinkrest.SavepointOptions{}, err
	}
	opts, err := savepointOptions(typ, nonEmpty(*target), cfg)
	return c, args[0], opts, err
}

// optionalDirArg supports Flink's "-s [targetDirectory] <jobID>": a flag
// whose value is optional takes the directory from the arguments when two
// are given.
func optionalDirArg(cmd *cobra.Command, flag string, target *string, args []string) ([]string, error) {
	if len(args) == 1 {
		return args, nil
	}
	if !cmd.Flags().Changed(flag) || strings.TrimSpace(*target) != "" {
		return nil, flagErrorf("want one job ID, have %d arguments", len(args))
	}
	*target = args[0]
	return args[1:], nil
}

func nonEmpty(dir string) []string {
	if d := strings.TrimSpace(dir); d != "" {
		return []string{d}
	}
	return nil
}

func newCmdCancel(f *Factory) *cobra.Command {
	var rf restFlags
	var target, typ string
	cmd := &cobra.Command{
		Use:   "cancel -s [targetDirectory] <jobID>",
		Short: "Take a savepoint, then cancel the job once the savepoint completed",
		Long: `Cancel takes a savepoint and cancels the job only after the savepoint
completed. If the savepoint fails, the job keeps running and the command exits
2 with Flink's reason. uidcheck never cancels a job without a completed
savepoint, so -s is required (prefer "uidcheck stop", which stops gracefully).`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("withSavepoint") {
				return flagErrorf("uidcheck cancels a job only after a completed savepoint: use -s [targetDirectory]")
			}
			c, jobID, opts, err := savepointJob(cmd, f, &rf, "withSavepoint", &target, typ, args)
			if err != nil {
				return err
			}
			ctx, cancel := rf.context(cmd.Context())
			defer cancel()
			trigger, err := c.TriggerSavepoint(ctx, jobID, opts)
			if err != nil {
				return fmt.Errorf("cancel job %s: trigger savepoint: %w", jobID, err)
			}
			st, err := c.WaitSavepoint(ctx, jobID, trigger, progress(f, "savepoint"))
			if err != nil {
				return waitError(c, "cancel job "+jobID, jobID, trigger, err, "the job keeps running",
					"the savepoint goes on in the cluster and the job keeps running: uidcheck cancels only after it saw the savepoint complete")
			}
			fmt.Fprintf(f.IO.Out, "Savepoint completed. Path: %s\n", st.Location)
			if err := c.Cancel(ctx, jobID); err != nil {
				return fmt.Errorf("cancel job %s after savepoint %s: %w", jobID, st.Location, err)
			}
			fmt.Fprintf(f.IO.Out, "Cancelled job %s.\n", jobID)
			return nil
		},
	}
	cmd.Flags().StringVarP(&target, "withSavepoint", "s", "", "take a savepoint first, into this directory (default: the cluster's savepoint directory)")
	cmd.Flags().Lookup("withSavepoint").NoOptDefVal = " "
	addSavepointType(cmd, &typ)
	rf.add(cmd)
	return cmd
}

type runOptions struct {
	rest        restFlags
	savepoint   string
	allowNon    bool
	claimMode   string
	entryClass  string
	parallelism int
	src         []string
	force       bool
}

func newCmdRun(f *Factory) *cobra.Command {
	o := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [-s savepoint [-n]] [-c class] [-p N] [--src DIR] app.jar [args...]",
		Short: "Submit a jar, resuming from a savepoint only when compat predicts it works",
		Long: `Run uploads a jar and runs it on the cluster. With -s it first runs the
compatibility check (uidcheck compat) of the sources given with --src against
the savepoint and refuses to submit when the resume would fail, would drop
state without -n, or cannot be decided; --force submits anyway and says so.
It then waits until the job is RUNNING, or shows Flink's error if it failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(cmd.Context(), f, o, args)
		},
	}
	fl := cmd.Flags()
	fl.SetInterspersed(false) // arguments after the jar belong to the job
	fl.StringVarP(&o.savepoint, "fromSavepoint", "s", "", "resume from this savepoint or retained checkpoint")
	fl.BoolVarP(&o.allowNon, "allowNonRestoredState", "n", false, "skip savepoint state that maps to no operator")
	fl.StringVar(&o.claimMode, "claimMode", "", "CLAIM, NO_CLAIM or LEGACY (Flink 1.15+; restoreMode before 1.20)")
	fl.StringVarP(&o.entryClass, "class", "c", "", "entry class (default: the jar manifest's)")
	fl.IntVarP(&o.parallelism, "parallelism", "p", 0, "default parallelism of the job")
	fl.StringSliceVar(&o.src, "src", nil, "Java sources of the job, for the compatibility check (repeatable)")
	fl.BoolVar(&o.force, "force", false, "submit even when the compatibility check predicts failure or dropped state")
	o.rest.add(cmd)
	return cmd
}

func runRun(ctx context.Context, f *Factory, o *runOptions, args []string) error {
	jar, jobArgs := args[0], args[1:]
	if !strings.HasSuffix(jar, ".jar") {
		return flagErrorf("%s: want a .jar file", jar)
	}
	if o.claimMode != "" {
		o.claimMode = strings.ToUpper(o.claimMode)
		if o.claimMode != "CLAIM" && o.claimMode != "NO_CLAIM" && o.claimMode != "LEGACY" {
			return flagErrorf("invalid --claimMode %q: want CLAIM, NO_CLAIM or LEGACY", o.claimMode)
		}
	}
	if o.savepoint != "" {
		var err error
		if o.savepoint, err = resolveLatest(ctx, f, o.savepoint); err != nil {
			return err
		}
		if err := gate(ctx, f, o); err != nil {
			return err
		}
	}
	c, _, err := o.rest.client(f)
	if err != nil {
		return err
	}
	ctx, cancel := o.rest.context(ctx)
	defer cancel()
	jarID, err := c.UploadJar(ctx, jar)
	if err != nil {
		return err
	}
	jobID, err := c.RunJar(ctx, jarID, flinkrest.RunOptions{
		EntryClass: o.entryClass, Args: jobArgs, Parallelism: o.parallelism,
		SavepointPath: o.savepoint, AllowNonRestoredState: o.allowNon, ClaimMode: o.claimMode,
	})
	if err != nil {
		return fmt.Errorf("run %s: %w", jar, err)
	}
	fmt.Fprintf(f.IO.ErrOut, "Job %s submitted; waiting until it runs.\n", jobID)
	state, err := c.WaitJob(ctx, jobID, "RUNNING", "FAILED", "FINISHED", "CANCELED")
	if err != nil {
		return err
	}
	if state != "RUNNING" && state != "FINISHED" {
		reason, ferr := c.JobFailure(ctx, jobID)
		if ferr != nil {
			reason = "(could not read the job's exceptions: " + ferr.Error() + ")"
		}
		return fmt.Errorf("job %s %s: %s", jobID, state, reason)
	}
	fmt.Fprintf(f.IO.Out, "Job has been submitted with JobID %s (%s)\n", jobID, state)
	return nil
}

// gate runs compat before a resume and refuses what it predicts would fail
// or lose state.
func gate(ctx context.Context, f *Factory, o *runOptions) error {
	if len(o.src) == 0 {
		if o.force {
			fmt.Fprintln(f.IO.ErrOut, "uidcheck: --force: resuming without a compatibility check (no --src)")
			return nil
		}
		return flagErrorf("resuming from a savepoint needs --src DIR so that uidcheck can check compatibility first (or --force)")
	}
	copts := &compatOptions{
		f: f, paths: o.src, savepoint: o.savepoint, allowNonRest: o.allowNon, parallelism: o.parallelism,
		route: "savepoint", format: "text", failOn: "unknown",
	}
	res, rep, _, err := predict(ctx, copts)
	if err != nil {
		return fmt.Errorf("compatibility check: %w", err)
	}
	if err := writeCompatText(f, rep); err != nil {
		return err
	}
	if res.Verdict.Rank() < failOnLevels["unknown"].Rank() {
		return nil
	}
	if o.force {
		fmt.Fprintf(f.IO.ErrOut, "uidcheck: --force: submitting although the compatibility check says %s\n", res.Verdict)
		return nil
	}
	fmt.Fprintf(f.IO.ErrOut, "uidcheck: not submitted: the compatibility check says %s; fix the job, add -n if dropping "+
		"the state is intended, or use --force\n", res.Verdict)
	return errFindings
}
