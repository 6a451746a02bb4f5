// Package missinguid defines an Analyzer that reports stateful Flink
// operators without an explicit uid.
//
// # Analyzer missinguid
//
// missinguid: report stateful operators without an explicit uid
//
// Flink restores savepoint state by operator ID. With .uid("…") the ID is a
// fixed hash of that string; without it Flink derives the ID from the shape
// of the job graph, so adding, removing or re-chaining any operator upstream
// moves the IDs. `flink run -s` then fails with "Cannot map
// checkpoint/savepoint state for operator … to the new program", or, with
// --allowNonRestoredState, silently drops the state.
//
// The rule reports an operator whose statefulness is proven (sources,
// windows, keyed aggregations, joins, CEP, async I/O, broadcast state,
// transactional sinks, and user functions that use state or timers) at
// error, one whose statefulness cannot be decided (a function class outside
// the analysed sources) at warning (category "unknown-state"), and, with
// -all-operators, stateless operators at info (category "stateless"),
// following Flink's advice to give every operator a uid.
//
// Bad:
//
//	events.keyBy(e -> e.userId)
//	      .process(new Dedup());           // Dedup uses ValueState
//
// Good:
//
//	events.keyBy(e -> e.userId)
//	      .process(new Dedup())
//	      .uid("dedup-by-user");
//
// setUidHash also counts as a uid: it attaches the state of an operator that
// had no uid.
//
// With check --all-operators it also reports stateless operators without a
// uid (info).
//
// Jobs whose entry point is a test are not checked: JUnit and TestNG test
// and lifecycle methods (@Test, @ParameterizedTest, @BeforeEach,
// @BeforeMethod, …), methods of classes named *Test, *Tests, *ITCase or
// *TestBase, and helpers reached only from them. They run on a MiniCluster
// and are never resumed from a savepoint. A main method is a job wherever it
// is declared. check --include-tests (include-tests: true in .uidcheck.yaml)
// checks test jobs too; this applies to every rule and to operators,
// manifest and compat.
package missinguid
