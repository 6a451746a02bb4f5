// Package changeduid defines an Analyzer that reports operators whose uid
// differs from the one the uid manifest records.
//
// # Analyzer changeduid
//
// changeduid: report uids renamed since the uid manifest
//
// Renaming a uid gives the operator a new OperatorID, so its state in the
// savepoints taken so far no longer maps to it: the resume fails, or drops
// the state with --allowNonRestoredState. The rule compares each operator
// with the manifest (uids.lock) by job, file, call and order, and reports
// one whose uid changed. Keep the old uid, re-attach the old state with
// setUidHash, or update the manifest deliberately.
//
// Bad (the manifest says "orders-dedup"):
//
//	orders.keyBy(Order::id).process(new Dedup()).uid("dedup-v2");
//
// The rule runs only with a manifest: uidcheck check --manifest uids.lock.
package changeduid
