// Package duplicateuid defines an Analyzer that reports two operators of
// one job with the same uid.
//
// # Analyzer duplicateuid
//
// duplicateuid: report operators of one job that share a uid
//
// Flink hashes each uid into the operator's ID. Two operators with the same
// uid get the same ID, and building the job graph fails with "Hash collision
// on user-specified ID". The rule compares the uids of every job (each main
// method or other entry point, with the helpers it calls), including the
// operators a Sink V2 sinkTo expands into ("Sink Committer: U"). Operators of
// different jobs, and operators in mutually exclusive branches, are not
// compared. A constant uid set inside a loop is reported too (category
// "loop"): every iteration creates an operator with that uid.
//
// Bad:
//
//	orders.map(new Enrich()).uid("enrich");
//	returns.map(new Enrich()).uid("enrich");
//
// Good:
//
//	orders.map(new Enrich()).uid("enrich-orders");
//	returns.map(new Enrich()).uid("enrich-returns");
package duplicateuid
