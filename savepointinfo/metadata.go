package savepointinfo

import "github.com/uidcheck/uidcheck/flinkid"

// Metadata is what a _metadata file holds, as far as restores care.
type Metadata struct {
	// Path is the _metadata file read by Open; "" for Decode.
	Path string `json:"path"`
	// Version is the format version from the header.
	Version      int           `json:"version"`
	CheckpointID int64         `json:"checkpoint_id"`
	MasterStates []MasterState `json:"master_states"`
	Operators    []*Operator   `json:"operators"`
	// Properties classifies the snapshot from the version 4+ trailer; nil
	// for versions 2 and 3, which do not record it.
	Properties *Properties `json:"properties"`
	// Size is the number of bytes read.
	Size int64 `json:"size"`
	// opener reads the state files through the file system OpenFS read
	// _metadata from; nil for Decode.
	opener Opener
}

// Writers returns the Flink versions that write this format version.
func (m *Metadata) Writers() string { return Writers(m.Version) }

// Writers returns the Flink versions that write a format version.
func Writers(version int) string {
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
	Name    string `json:"name"`
	Version int    `json:"version"`
	Bytes   int    `json:"bytes"`
}

// Properties is what the CheckpointProperties trailer says about the snapshot.
type Properties struct {
	// Type is "savepoint", "checkpoint" or "unknown".
	Type string `json:"type"`
	// Format is "canonical" or "native" for savepoints, "" otherwise.
	Format string `json:"format"`
	// PostAction is "suspend" or "terminate" for stop-with-savepoint, "" otherwise.
	PostAction string `json:"post_action"`
	// Bytes is the trailer's length.
	Bytes int64 `json:"bytes"`
}

// Operator is one operator entry: the state Flink maps to the operator whose
// generated or user-defined ID equals ID.
type Operator struct {
	ID flinkid.OperatorID `json:"id"`
	// Name and UID are stored from version 5 (Flink 2.0) on; "" when absent.
	Name           string `json:"name"`
	UID            string `json:"uid"`
	Parallelism    int    `json:"parallelism"`
	MaxParallelism int    `json:"max_parallelism"`
	// CoordinatorBytes is the size of the operator-coordinator state
	// (a FLIP-27 source's split enumerator), -1 when there is none.
	CoordinatorBytes int64 `json:"coordinator_bytes"`
	// FullyFinished marks an operator whose every subtask had finished;
	// it carries no state.
	FullyFinished bool `json:"fully_finished"`
	// Subtasks counts subtask entries with a state body; FinishedSubtasks
	// counts entries marked finished.
	Subtasks         int `json:"subtasks"`
	FinishedSubtasks int `json:"finished_subtasks"`
	// HasState mirrors OperatorSubtaskState.hasState() over all subtasks: a
	// managed or raw operator or keyed handle, or a channel handle, is present.
	HasState bool `json:"has_state"`
	// StateBytes sums the sizes of the state handles, as
	// StateObject.getStateSize() would (coordinator state excluded).
	StateBytes int64 `json:"state_bytes"`
	// Kinds lists the state kinds present: "managed-operator",
	// "raw-operator", "managed-keyed", "raw-keyed", "channel".
	Kinds []string `json:"kinds"`
	// KeyedHandles lists the keyed handle types seen ("key-groups",
	// "savepoint-key-groups", "incremental", "changelog", …).
	KeyedHandles []string `json:"keyed_handles"`
	// StateNames are the operator (non-keyed) state names with their
	// distribution mode; keyed state names are not stored in _metadata.
	StateNames []StateName `json:"state_names"`
	// Files are the external files the state lives in: absolute paths, and
	// relative ones resolved against the savepoint directory when known.
	Files []string `json:"files"`
	// fileHandles counts file references, duplicates included.
	fileHandles int
	// stateRefs locate the managed handles in _metadata, per subtask with
	// state, for StateMeta.
	stateRefs []stateRef
}

// HasCoordinatorState reports whether the entry carries coordinator state.
func (o *Operator) HasCoordinatorState() bool { return o.CoordinatorBytes >= 0 }

// StateName is one operator-state name and how it is redistributed.
type StateName struct {
	Name string `json:"name"`
	// Mode is "SPLIT_DISTRIBUTE", "UNION" or "BROADCAST".
	Mode string `json:"mode"`
}
