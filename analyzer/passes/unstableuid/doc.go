// Package unstableuid defines an Analyzer that reports uids computed from
// values that change between runs.
//
// # Analyzer unstableuid
//
// unstableuid: report uids computed from values that change between runs
//
// A uid must be the same every time the job is submitted: Flink matches
// savepoint state to operators by the hash of the uid. A uid built from
// UUID.randomUUID(), System.currentTimeMillis() or nanoTime(), the current
// date, a Random, hashCode(), a counter or a non-final field that the job
// modifies is different on every run, so every restore from a savepoint
// fails to find the operator's state.
//
// Bad:
//
//	stream.map(new Parse()).uid("parse-" + UUID.randomUUID());
//
// Good:
//
//	stream.map(new Parse()).uid("parse");
package unstableuid
