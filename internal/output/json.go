package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/uidcheck/uidcheck/internal/report"
)

// WriteJSON prints r in the documented, stable JSON shape (README, "JSON
// output"), indented by two spaces. Empty lists print as [] rather than
// null so consumers need no special case. Elements are encoded one at a
// time: an inventory of a large tree holds hundreds of thousands of
// operators, and encoding it whole would double the memory it takes.
func WriteJSON(w io.Writer, r *report.Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"version\": %d,\n  \"operators\": ", report.Version)
	if err := writeArray(bw, r.Operators); err != nil {
		return err
	}
	fmt.Fprint(bw, ",\n  \"diagnostics\": ")
	if err := writeArray(bw, r.Diagnostics); err != nil {
		return err
	}
	fmt.Fprint(bw, "\n}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

func writeArray[T any](w *bufio.Writer, items []T) error {
	if len(items) == 0 {
		fmt.Fprint(w, "[]")
		return nil
	}
	fmt.Fprint(w, "[")
	for i, item := range items {
		b, err := marshal(item)
		if err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		if i > 0 {
			fmt.Fprint(w, ",")
		}
		fmt.Fprint(w, "\n    ")
		fmt.Fprintf(w, "%s", b)
	}
	fmt.Fprint(w, "\n  ]")
	return nil
}

// Write errors on a bufio.Writer are sticky and returned by Flush, so the
// writes above need no checks of their own.

// marshal encodes one element at the nesting depth of an array inside the
// top-level object, without HTML escaping, as json.Encoder would.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
