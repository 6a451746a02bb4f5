// Package removeduid defines an Analyzer that reports stateful uids that the
// uid manifest lists but the code no longer has.
//
// # Analyzer removeduid
//
// removeduid: report stateful uids removed since the uid manifest
//
// The uid manifest (uids.lock, written by "uidcheck manifest") records every
// uid of every job. When a stateful operator's uid disappears from the code,
// its state in the savepoints taken so far belongs to no operator: the next
// "flink run -s" fails with "Cannot map checkpoint/savepoint state", or, with
// --allowNonRestoredState, silently drops it. If the removal is intended,
// update the manifest (uidcheck check --update-manifest) in the same change,
// so that reviewers see it.
//
// The rule runs only with a manifest: uidcheck check --manifest uids.lock.
package removeduid
