package savepointinfo

import "github.com/uidcheck/uidcheck/internal/flinkid"

// Metadata is what a _metadata file holds, as far as restores care.
type Metadata struct {
	// Path is the _metadata file read by Open; "" for Decode.
	Path string
	// Version is the format version from the header.
	Version      int
	CheckpointID int64
	MasterStates []MasterState
	Operators    []*Operator
	// Properties classifies the snapshot from the version 4+ trailer; nil
	// for versions 2 and 3, which do not record it.
	Properties *Properties
	// Size is the number of bytes read.
	Size int64
}

// Writers returns the Flink versions that write this format version.
func (m *Metadata) Writers() string { return writers(m.Version) }

func writers(version int) string {
	switch version {
	case 2:
		return "Flink 1.3–1.10"
	case 3:
		return "Flink 1.11–1.15"
	case 4:
		return "Flink 1.16–1.20"
	case 5:
		return "Flink 2.0"
	case 6:
		return "Flink 2.1+"
	case 7:
		return "Flink after 2.1 (regional checkpoints)"
	}
	return "unknown"
}

// MasterState is the state of a master hook (CheckpointMasterHook).
type MasterState struct {
	Name    string
	Version int
	Bytes   int
}

// Properties is what the CheckpointProperties trailer says about the snapshot.
type Properties struct {
	// Type is "savepoint", "checkpoint" or "unknown".
	Type string
	// Format is "canonical" or "native" for savepoints, "" otherwise.
	Format string
	// PostAction is "suspend" or "terminate" for stop-with-savepoint, "" otherwise.
	PostAction string
	// Bytes is the trailer's length.
	Bytes int64
}

// Operator is one operator entry: the state Flink maps to the operator whose
// generated or user-defined ID equals ID.
type Operator struct {
	ID flinkid.OperatorID
	// Name and UID are stored from version 5 (Flink 2.0) on; "" when absent.
	Name, UID      string
	Parallelism    int
	MaxParallelism int
	// CoordinatorBytes is the size of the operator-coordinator state
	// (a FLIP-27 source's split enumerator), -1 when there is none.
	CoordinatorBytes int64
	// FullyFinished marks an operator whose every subtask had finished;
	// it carries no state.
	FullyFinished bool
	// Subtasks counts subtask entries with a state body; FinishedSubtasks
	// counts entries marked finished.
	Subtasks, FinishedSubtasks int
	// HasState mirrors OperatorSubtaskState.hasState() over all subtasks: a
	// managed or raw operator or keyed handle, or a channel handle, is present.
	HasState bool
	// StateBytes sums the sizes of the state handles, as
	// StateObject.getStateSize() would (coordinator state excluded).
	StateBytes int64
	// Kinds lists the state kinds present: "managed-operator",
	// "raw-operator", "managed-keyed", "raw-keyed", "channel".
	Kinds []string
	// KeyedHandles lists the keyed handle types seen ("key-groups",
	// "savepoint-key-groups", "incremental", "changelog", …).
	KeyedHandles []string
	// StateNames are the operator (non-keyed) state names with their
	// distribution mode; keyed state names are not stored in _metadata.
	StateNames []StateName
	// Files are the external files the state lives in: absolute paths, and
	// relative ones resolved against the savepoint directory when known.
	Files []string
	// fileHandles counts file references, duplicates included.
	fileHandles int
}

// HasCoordinatorState reports whether the entry carries coordinator state.
func (o *Operator) HasCoordinatorState() bool { return o.CoordinatorBytes >= 0 }

// StateName is one operator-state name and how it is redistributed.
type StateName struct {
	Name string
	// Mode is "SPLIT_DISTRIBUTE", "UNION" or "BROADCAST".
	Mode string
}
