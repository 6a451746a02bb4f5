package cli

import (
	"bytes"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// IOStreams holds the standard streams and whether each is a terminal, so that
// decorations (colour, progress) go only where a person is watching.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer // results: diagnostics, tables, JSON
	ErrOut io.Writer // progress, logs and errors

	OutTTY    bool
	ErrOutTTY bool

	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
}

// System returns the process's streams.
func System() *IOStreams {
	return &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		OutTTY:    isTerminal(os.Stdout),
		ErrOutTTY: isTerminal(os.Stderr),
		Getenv:    os.Getenv,
	}
}

// Test returns streams backed by buffers, none a terminal, with an empty environment.
func Test() (ios *IOStreams, out, errOut *bytes.Buffer) {
	out, errOut = &bytes.Buffer{}, &bytes.Buffer{}
	ios = &IOStreams{
		In:     &bytes.Buffer{},
		Out:    out,
		ErrOut: errOut,
		Getenv: func(string) string { return "" },
	}
	return ios, out, errOut
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}
