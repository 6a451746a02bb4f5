package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// AssignFingerprints gives each diagnostic a Fingerprint that survives
// unrelated edits: a hash of the rule, the file, and the flagged source line
// (LineText, see [AttachLineText]) with its whitespace normalised — never the
// line number — plus an occurrence index among diagnostics that share all of
// that. Moving a job down a file keeps its fingerprints; changing the flagged
// line changes it. Where the line is unknown the message stands in for it.
func AssignFingerprints(diags []Diagnostic) {
	seen := map[string]int{}
	for i := range diags {
		d := &diags[i]
		text := strings.Join(strings.Fields(d.LineText), " ")
		if text == "" {
			text = d.Message
		}
		key := d.Rule + "\x00" + d.Category + "\x00" + d.File + "\x00" + text
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
		d.Fingerprint = hex.EncodeToString(sum[:16])
	}
}
