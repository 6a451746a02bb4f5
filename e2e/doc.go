// Package e2e checks uidcheck against real Flink. scripts/e2e.sh runs the
// Maven harness in testdata/flink-harness for each Flink version: it records
// the OperatorID Flink's own hasher gives every operator of every scenario
// job, and what Flink did when v2 of the job resumed from a savepoint of v1.
// The tests here (build tag e2e) run uidcheck on the same sources and
// savepoints and require the same answers.
package e2e
