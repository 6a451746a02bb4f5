// Package uidformat defines an Analyzer that reports uids that do not match
// the project's naming pattern.
//
// # Analyzer uidformat
//
// uidformat: report uids that do not match the configured pattern
//
// Teams that name uids by a convention (kebab-case, a job prefix, a version
// suffix) can enforce it with uid-pattern in .uidcheck.yaml. A uid that breaks the convention is usually one written in a
// hurry, and renaming it later loses its state. Without a pattern the rule
// reports nothing. Only uids whose value is known are checked.
//
// Bad, with uid-pattern "^[a-z][a-z0-9-]*$":
//
//	stream.keyBy(Order::id).process(new Dedup()).uid("Dedup_1");
//
// Good:
//
//	stream.keyBy(Order::id).process(new Dedup()).uid("orders-dedup");
package uidformat
