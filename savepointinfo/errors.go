package savepointinfo

import (
	"errors"
	"fmt"
	"strings"
)

// Errors callers can test with errors.Is.
var (
	// ErrFormat is wrapped by every error about malformed input.
	ErrFormat = errors.New("savepointinfo: malformed metadata")
	// ErrUnsupportedVersion reports a format version this package cannot read.
	ErrUnsupportedVersion = errors.New("savepointinfo: unsupported metadata version")
	// ErrLimit reports input that exceeds a configured Limits value.
	ErrLimit = errors.New("savepointinfo: limit exceeded")
)

// FormatError describes malformed input at a byte offset. Context names the
// structure being read, outermost first ("operator 3 of 7", "subtask 12",
// "key-groups handle").
type FormatError struct {
	Off     int64
	Msg     string
	Val     any
	Context []string
	kind    error // ErrFormat, ErrUnsupportedVersion or ErrLimit
}

func (e *FormatError) Error() string {
	var b strings.Builder
	b.WriteString("savepointinfo: ")
	for _, c := range e.Context {
		b.WriteString(c)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Val != nil {
		fmt.Fprintf(&b, " %v", e.Val)
	}
	fmt.Fprintf(&b, " at offset %#x", e.Off)
	return b.String()
}

// Unwrap lets errors.Is match ErrFormat, ErrUnsupportedVersion or ErrLimit.
func (e *FormatError) Unwrap() error {
	if e.kind == nil {
		return ErrFormat
	}
	return e.kind
}
