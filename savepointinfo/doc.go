// Package savepointinfo reads the _metadata file of a Flink savepoint or
// checkpoint natively, for every format version Flink has written: version 2
// (Flink 1.3–1.10) to version 6 (2.1+), and version 7 as far as its layout is
// known. It reports what a restore depends on: each operator's ID (and name
// and uid from version 5, Flink 2.0, on), parallelism, max parallelism,
// whether it holds state exactly as Flink's OperatorSubtaskState.hasState()
// decides, coordinator state, state sizes and kinds, operator-state names and
// the files the state lives in.
//
// [Metadata.StateMeta] reads, on demand, what the state streams say about
// each state: the description Flink writes at the head of every keyed and
// operator state stream (docs/state-meta-format.md), from inline state or
// from the files next to _metadata through an [Opener], never further than
// the description.
//
// The layout follows Flink's MetadataV2V3SerializerBase and its
// MetadataV{2..7}Serializer subclasses (docs/flink-internals.md
// §2). The Java-serialized CheckpointProperties trailer of version 4+ is
// walked through the serialization grammar, its class descriptors and enum
// constants must be those Flink writes, and it must end at the last byte;
// it is classified by the class and enum names it contains.
//
// A file is accepted only if Flink's own loader would load it: a truncated
// file, and values Flink's constructors refuse (parallelism above max
// parallelism, invalid modified UTF-8, a negative key group or state size,
// a malformed path scheme), are errors.
//
// # Security
//
// The decoder is meant to be safe on untrusted input. It reads the file as a
// stream and never holds it whole; inline state bytes are skipped, not
// stored. Every count and length is checked against [Limits] and, when the
// input size is known, against the bytes remaining, before anything is
// allocated, and nested handles are bounded in depth. Errors carry the byte
// offset and what was being read.
package savepointinfo
