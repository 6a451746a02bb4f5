package missinguid

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
)

// namer proposes uids for --fix: readable, stable across runs, and unique
// within the job. The operator's .name(...) is used when set; otherwise the
// job's class and the creating call, numbered from the second one on.
type namer struct {
	taken map[*pipeline.Job]map[string]bool
}

func newNamer() *namer { return &namer{taken: map[*pipeline.Job]map[string]bool{}} }

func (n *namer) next(op *pipeline.Operator) string {
	base := kebab(op.Name)
	if base == "" {
		class := op.Job.Name
		if i := strings.IndexByte(class, '#'); i >= 0 {
			class = class[:i]
		}
		if i := strings.LastIndexByte(class, '.'); i >= 0 {
			class = class[i+1:]
		}
		base = kebab(class) + "-" + kebab(op.Call)
	}
	// A job's uids are collected when it first needs a name: most jobs of
	// a large tree need none.
	taken := n.taken[op.Job]
	if taken == nil {
		taken = map[string]bool{}
		for _, o := range op.Job.Operators {
			if o.UID.State == pipeline.UIDResolved {
				taken[o.UID.Value] = true
			}
		}
		n.taken[op.Job] = taken
	}
	uid := base
	for i := 2; taken[uid]; i++ {
		uid = base + "-" + strconv.Itoa(i)
	}
	taken[uid] = true
	return uid
}

// kebab turns "OrdersJob", "dedup by id" or "sinkTo" into "orders-job",
// "dedup-by-id", "sink-to".
func kebab(s string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			if prevLower {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			prevLower = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			prevLower = true
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
			prevLower = false
		}
	}
	return strings.Trim(b.String(), "-")
}
