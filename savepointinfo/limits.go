package savepointinfo

// Limits bound what the decoder accepts, so that a hostile file cannot make
// it allocate or recurse without bound. The zero value of a field means its
// default. Counts are also checked against the bytes remaining whenever the
// input size is known.
type Limits struct {
	// MaxOperators bounds the operator entries (default 1<<16).
	MaxOperators int
	// MaxSubtasks bounds the subtask entries of one operator (default
	// 1<<16: Flink's max parallelism is 32768).
	MaxSubtasks int
	// MaxHandles bounds the entries of one handle list: state-name maps,
	// offsets, shared/private files, channel handles (default 1<<20).
	MaxHandles int
	// MaxMasterStateBytes bounds one master-hook state (default 64 MiB).
	MaxMasterStateBytes int
	// MaxDepth bounds the nesting of keyed handles (changelog handles
	// contain keyed handles) (default 8).
	MaxDepth int
	// MaxTrailerBytes bounds the CheckpointProperties trailer (default
	// 1 MiB; Flink's are under 1 KiB); a longer one is refused.
	MaxTrailerBytes int
}

const (
	defaultMaxOperators        = 1 << 16
	defaultMaxSubtasks         = 1 << 16
	defaultMaxHandles          = 1 << 20
	defaultMaxMasterStateBytes = 64 << 20
	defaultMaxDepth            = 8
	defaultMaxTrailerBytes     = 1 << 20
)

func (l Limits) withDefaults() Limits {
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&l.MaxOperators, defaultMaxOperators)
	set(&l.MaxSubtasks, defaultMaxSubtasks)
	set(&l.MaxHandles, defaultMaxHandles)
	set(&l.MaxMasterStateBytes, defaultMaxMasterStateBytes)
	set(&l.MaxDepth, defaultMaxDepth)
	set(&l.MaxTrailerBytes, defaultMaxTrailerBytes)
	return l
}
