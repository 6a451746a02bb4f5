// Package cli implements the uidcheck command line. Commands return errors;
// Main alone turns them into messages and exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	"github.com/spf13/cobra"
)

// Factory carries what every command needs: the streams and the global flags.
type Factory struct {
	IO *IOStreams

	colorFlag string
}

// OutScheme returns the colour scheme for standard output.
func (f *Factory) OutScheme() *Scheme {
	return newScheme(useColor(colorMode(f.colorFlag), f.IO.OutTTY, f.IO.Getenv))
}

// ErrScheme returns the colour scheme for standard error.
func (f *Factory) ErrScheme() *Scheme {
	return newScheme(useColor(colorMode(f.colorFlag), f.IO.ErrOutTTY, f.IO.Getenv))
}

const exitCodeHelp = `Exit codes:
  0  no findings at or above --fail-on (or the command succeeded)
  1  findings at or above --fail-on, or a predicted restore failure
  2  usage, I/O, parse, REST or internal error; input that could not be read
  130  interrupted by SIGINT (a second SIGINT exits at once)
`

// NewRootCmd builds the command tree on the given streams.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "uidcheck",
		Short: "Check Flink jobs for operator uids that break savepoint restores",
		Long: `uidcheck finds stateful Flink operators without a stable uid, reads savepoint
_metadata files, and predicts whether resuming a job from a savepoint will work.

` + exitCodeHelp,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			_, err := parseColorMode(f.colorFlag)
			return err
		},
	}
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	root.PersistentFlags().StringVar(&f.colorFlag, "color", string(colorAuto), "colorize output: auto, always or never")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{err: err} })
	root.CompletionOptions.DisableDefaultCmd = true
	for _, newCmd := range commands {
		root.AddCommand(newCmd(f))
	}
	return root
}

// commands lists the top-level subcommands in the order help shows them.
var commands = []func(*Factory) *cobra.Command{newCmdCheck, newCmdOperators, newCmdManifest, newCmdSavepoint, newCmdCompat, newCmdGraph, newCmdGitHubComment, newCmdList, newCmdStop, newCmdCancel, newCmdRun, newCmdRules, newCmdExplain, newCmdExplainClass}

// Main runs uidcheck with the process's arguments and streams. The first
// SIGINT cancels the command's context, so that it stops and says what
// state it leaves; a second one exits at once, for a command that does not
// stop soon enough.
func Main() ExitCode {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go func() {
		<-sigs
		cancel(errInterrupted)
		<-sigs
		fmt.Fprintln(os.Stderr, "uidcheck: interrupted twice, exiting")
		os.Exit(int(ExitInterrupted))
	}()
	return Run(ctx, System(), os.Args[1:])
}

// Run executes one command line and maps its outcome to an exit code. It is
// the seam the CLI tests use.
func Run(ctx context.Context, ios *IOStreams, args []string) ExitCode {
	f := &Factory{IO: ios}
	root := NewRootCmd(f)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && errors.Is(context.Cause(ctx), errInterrupted) {
		// Whatever the command was doing ended because of the interrupt.
		var pe *pendingError
		if errors.Is(err, context.Canceled) && !errors.As(err, &pe) {
			err = errInterrupted
		} else {
			err = fmt.Errorf("%w: %w", errInterrupted, err)
		}
	}
	if err != nil && !errors.Is(err, errFindings) {
		fmt.Fprintf(ios.ErrOut, "uidcheck: %v\n", err)
		var fe *FlagError
		if errors.As(err, &fe) && cmd != nil {
			fmt.Fprintf(ios.ErrOut, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
	}
	return exitCodeOf(err)
}
