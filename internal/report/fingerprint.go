package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// AssignFingerprints gives each diagnostic a Fingerprint that survives
// unrelated edits: a hash of the rule, the file, and the flagged source line
// with its whitespace normalised — never the line number — plus an
// occurrence index among diagnostics that share all of that. Moving a job
// down a file keeps its fingerprints; changing the flagged line changes it.
// source returns a file's content, or nil when it cannot be read (then the
// message stands in for the line).
func AssignFingerprints(diags []Diagnostic, source func(file string) []byte) {
	lines := map[string][][]byte{}
	seen := map[string]int{}
	for i := range diags {
		d := &diags[i]
		if _, ok := lines[d.File]; !ok {
			lines[d.File] = bytes.Split(source(d.File), []byte("\n"))
		}
		text := d.Message
		if l := lines[d.File]; d.Line >= 1 && d.Line <= len(l) {
			text = strings.Join(strings.Fields(string(l[d.Line-1])), " ")
		}
		key := d.Rule + "\x00" + d.Category + "\x00" + d.File + "\x00" + text
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
		d.Fingerprint = hex.EncodeToString(sum[:16])
	}
}
