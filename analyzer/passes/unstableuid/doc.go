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
// A uid that depends on configuration is stable as long as every
// submission gets the same configuration: a parameter of the entry point
// (args, a method the caller outside the tree invokes), a field set by a
// constructor, or by methods that assign it values that do not differ per
// run (a builder's uidPrefix set by a fluent setter, a preset constant, a
// configure step reading the environment), System.getenv,
// System.getProperty, ParameterTool, Configuration or Properties values.
// Such uids are reported at info (category "configured") with the
// expression, as a reminder that a savepoint restores only with the same
// configuration. A field that the job increments, accumulates
// (seq = seq + 1) or assigns a value that differs per run is an error.
//
// Bad:
//
//	stream.map(new Parse()).uid("parse-" + UUID.randomUUID());
//
// Good:
//
//	stream.map(new Parse()).uid("parse");
//	stream.map(new Parse()).uid(uidPrefix + "-parse"); // info: configured
package unstableuid
