package cli

import (
	"errors"
	"fmt"
)

// ExitCode is the process exit status. It does not depend on the output format.
type ExitCode int

// Exit codes, documented in the README and in `uidcheck --help`.
const (
	ExitOK       ExitCode = 0 // no finding at or above --fail-on; command succeeded
	ExitFindings ExitCode = 1 // findings at or above --fail-on, or a predicted failure
	ExitError    ExitCode = 2 // usage, I/O, parse, REST or internal error
	// ExitInterrupted follows the shell's 128+SIGINT.
	ExitInterrupted ExitCode = 130
)

// errInterrupted is the cause of a context cancelled by SIGINT.
var errInterrupted = errors.New("interrupted")

// errFindings reports that a command ran correctly but found problems that
// fail the run. It carries no message: the findings were already printed.
var errFindings = errors.New("findings")

// FlagError is a usage mistake; the root command prints usage help after it.
type FlagError struct{ err error }

func (e *FlagError) Error() string { return e.err.Error() }
func (e *FlagError) Unwrap() error { return e.err }

// flagErrorf returns a *FlagError with a formatted message.
func flagErrorf(format string, args ...any) error {
	return &FlagError{err: fmt.Errorf(format, args...)}
}

// exitCodeOf is the one place that maps an error to an exit code.
func exitCodeOf(err error) ExitCode {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errFindings):
		return ExitFindings
	case errors.Is(err, errInterrupted):
		return ExitInterrupted
	default:
		return ExitError
	}
}
