package uidfix

import (
	"sort"
	"strings"
	"testing"
)

// apply plans one request whose call ends where the source has "/*|*/" and
// returns the fixed source, or the reason there is no edit.
func apply(t *testing.T, src, hash string, flink int) (string, string) {
	t.Helper()
	end := strings.Index(src, "/*|*/")
	if end < 0 {
		t.Fatal("no /*|*/ marker")
	}
	req := Request{CallEnd: end, Call: callName(src[:end]), UID: "u", UIDHash: hash, FlinkMajor: flink}
	plans, err := PlanFile([]byte(src), []Request{req})
	if err != nil {
		t.Fatal(err)
	}
	p := plans[0]
	if p.Reason != "" {
		return "", p.Reason
	}
	edits := append([]Edit(nil), p.Edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Offset > edits[j].Offset })
	out := src
	for _, e := range edits {
		out = out[:e.Offset] + e.NewText + out[e.End:]
	}
	return strings.ReplaceAll(out, "/*|*/", ""), ""
}

// callName returns the name of the call whose ")" ends src, as the
// analysis would pass it: the word before the matching "(".
func callName(src string) string {
	depth := 0
	for i := len(src) - 1; i >= 0; i-- {
		switch src[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				j := i
				for j > 0 && (src[j-1] == '_' || src[j-1] >= 'a' && src[j-1] <= 'z' || src[j-1] >= 'A' && src[j-1] <= 'Z' || src[j-1] >= '0' && src[j-1] <= '9') {
					j--
				}
				return src[j:i]
			}
		}
	}
	return ""
}

// TestPlanAppendsWithoutParsing: a call that returns an operator type gets
// .uid() appended right after it, whatever surrounds it.
func TestPlanAppendsWithoutParsing(t *testing.T) {
	t.Parallel()
	src := "this is not Java ) s.process(f)"
	plans, err := PlanFile([]byte(src), []Request{{CallEnd: len(src), Call: "process", UID: "u"}})
	if err != nil || len(plans) != 1 || len(plans[0].Edits) != 1 || plans[0].Edits[0].NewText != `.uid("u")` {
		t.Fatalf("plans %+v, err %v", plans, err)
	}
}

func TestPlan(t *testing.T) {
	t.Parallel()
	const head = "import org.apache.flink.streaming.api.datastream.*;\nclass J {\n"
	tests := []struct {
		name, body, want, reason string
		flink                    int
	}{{
		name: "operator in a chain",
		body: "  void m() {\n    s.keyBy(k).process(new P())/*|*/.print();\n  }\n",
		want: "    s.keyBy(k).process(new P()).uid(\"u\").print();",
	}, {
		name: "source in a chain",
		body: "  void m() {\n    env.fromSource(src, w, \"n\")/*|*/.map(f);\n  }\n",
		want: "env.fromSource(src, w, \"n\").uid(\"u\").map(f);",
	}, {
		name: "source held by a DataStreamSource local: a statement of its own",
		body: "  void m() {\n    DataStreamSource<Long> s = env.fromSource(src, w, \"n\")/*|*/;\n    s.print();\n  }\n",
		want: "    DataStreamSource<Long> s = env.fromSource(src, w, \"n\");\n    s.uid(\"u\");\n    s.print();",
	}, {
		name: "source through setParallelism into a var",
		body: "  void m() {\n    var s = env.fromSource(src, w, \"n\")/*|*/.setParallelism(2);\n  }\n",
		want: "    var s = env.fromSource(src, w, \"n\").setParallelism(2);\n    s.uid(\"u\");",
	}, {
		name: "source held by a DataStream local",
		body: "  void m() {\n    DataStream<Long> s = env.fromSource(src, w, \"n\")/*|*/;\n  }\n",
		want: "DataStream<Long> s = env.fromSource(src, w, \"n\").uid(\"u\");",
	}, {
		name: "source returned as DataStreamSource: cast back, uid returns this",
		body: "  DataStreamSource<Long> m() {\n    return env.fromSource(src, w, \"n\")/*|*/;\n  }\n",
		want: "return (DataStreamSource<Long>) env.fromSource(src, w, \"n\").uid(\"u\");",
	}, {
		name: "source returned as DataStream",
		body: "  DataStream<Long> m() {\n    return env.fromSource(src, w, \"n\")/*|*/;\n  }\n",
		want: "return env.fromSource(src, w, \"n\").uid(\"u\");",
	}, {
		name: "source in a DataStreamSource field",
		body: "  DataStreamSource<Long> s = env.fromSource(src, w, \"n\")/*|*/;\n",
		want: "DataStreamSource<Long> s = (DataStreamSource<Long>) env.fromSource(src, w, \"n\").uid(\"u\");",
	}, {
		name: "source in a ternary into a DataStream local",
		body: "  void m() {\n    DataStream<Long> s = c ? env.fromSource(a, w, \"a\")/*|*/ : env.fromSource(b, w, \"b\");\n  }\n",
		want: "DataStream<Long> s = c ? env.fromSource(a, w, \"a\").uid(\"u\") : env.fromSource(b, w, \"b\");",
	}, {
		name: "source in a ternary into a DataStreamSource local",
		body: "  void m() {\n    DataStreamSource<Long> s = c ? env.fromSource(a, w, \"a\") : env.fromSource(b, w, \"b\")/*|*/;\n  }\n",
		want: "DataStreamSource<Long> s = c ? env.fromSource(a, w, \"a\") : (DataStreamSource<Long>) env.fromSource(b, w, \"b\").uid(\"u\");",
	}, {
		name:   "source in a ternary into a var",
		body:   "  void m() {\n    var s = c ? env.fromSource(a, w, \"a\") : env.fromSource(b, w, \"b\")/*|*/;\n  }\n",
		reason: "s is declared var",
	}, {
		name:   "a source compared in a ternary condition",
		body:   "  void m() {\n    boolean b = env.fromSource(a, w, \"a\")/*|*/ == null ? true : false;\n  }\n",
		reason: "binary expression",
	}, {
		name: "source assigned to a DataStreamSource field",
		body: "  DataStreamSource<Long> s;\n  void m() {\n    this.s = env.fromSource(src, w, \"n\")/*|*/;\n  }\n",
		want: "    this.s = env.fromSource(src, w, \"n\");\n    this.s.uid(\"u\");",
	}, {
		name: "source passed to a method of this file taking DataStream",
		body: "  void m() {\n    use(env.fromSource(src, w, \"n\")/*|*/);\n  }\n  void use(DataStream<Long> s) {}\n",
		want: "use(env.fromSource(src, w, \"n\").uid(\"u\"));",
	}, {
		name:   "source passed to an unknown method",
		body:   "  void m() {\n    Lib.use(env.fromSource(src, w, \"n\")/*|*/);\n  }\n",
		reason: "passed to use",
	}, {
		name: "window join apply as a statement",
		body: "  void m() {\n    a.join(b).where(k).equalTo(k).window(w).apply(f)/*|*/;\n  }\n",
		want: "    ((SingleOutputStreamOperator<?>) a.join(b).where(k).equalTo(k).window(w).apply(f)).uid(\"u\");",
	}, {
		name: "window join apply held by a DataStream local",
		body: "  void m() {\n    DataStream<R> j = a.coGroup(b).where(k).equalTo(k).window(w).apply(f)/*|*/;\n  }\n",
		want: "    DataStream<R> j = a.coGroup(b).where(k).equalTo(k).window(w).apply(f);\n    ((SingleOutputStreamOperator<?>) j).uid(\"u\");",
	}, {
		name: "window join apply returned as DataStream",
		body: "  DataStream<R> m() {\n    return a.join(b).where(k).equalTo(k).window(w).apply(f)/*|*/;\n  }\n",
		want: "return ((SingleOutputStreamOperator<R>) a.join(b).where(k).equalTo(k).window(w).apply(f)).uid(\"u\");",
	}, {
		name:   "window join apply in a chain",
		body:   "  void m() {\n    a.join(b).where(k).equalTo(k).window(w).apply(f)/*|*/.print();\n  }\n",
		reason: "returns DataStream",
	}, {
		name:  "window join apply in a chain on Flink 2",
		body:  "  void m() {\n    a.join(b).where(k).equalTo(k).window(w).apply(f)/*|*/.print();\n  }\n",
		flink: 2,
		want:  "apply(f).uid(\"u\").print();",
	}, {
		name:  "window join apply in a chain on Flink 1: with() is apply() returning an operator",
		body:  "  void m() {\n    a.join(b).where(k).equalTo(k).window(w).apply(f)/*|*/.print();\n  }\n",
		flink: 1,
		want:  "window(w).with(f).uid(\"u\").print();",
	}, {
		name: "window apply is an operator",
		body: "  void m() {\n    s.keyBy(k).window(w).apply(f)/*|*/;\n  }\n",
		want: "s.keyBy(k).window(w).apply(f).uid(\"u\");",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, reason := apply(t, head+tt.body+"}\n", "", tt.flink)
			if tt.reason != "" {
				if !strings.Contains(reason, tt.reason) {
					t.Errorf("reason %q, want one containing %q (fixed: %s)", reason, tt.reason, got)
				}
				return
			}
			if reason != "" || !strings.Contains(got, tt.want) {
				t.Errorf("got\n%s\nreason %q; want it to contain\n%s", got, reason, tt.want)
			}
		})
	}
}

func TestPlanPinsWithACommentAbove(t *testing.T) {
	t.Parallel()
	src := "class J {\n  void m() {\n    s.keyBy(k)\n        .process(new P())/*|*/\n        .print();\n  }\n}\n"
	got, reason := apply(t, src, "0123456789abcdef0123456789abcdef", 0)
	want := "    " + PinComment + "\n    s.keyBy(k)\n        .process(new P()).uid(\"u\").setUidHash(\"0123456789abcdef0123456789abcdef\")\n"
	if reason != "" || !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestPlanKeepsCRLF(t *testing.T) {
	t.Parallel()
	src := "class J {\r\n  void m() {\r\n    DataStreamSource<Long> s = env.fromSequence(1, 2)/*|*/;\r\n  }\r\n}\r\n"
	got, _ := apply(t, src, "", 0)
	if !strings.Contains(got, "env.fromSequence(1, 2);\r\n    s.uid(\"u\");\r\n") {
		t.Errorf("got %q", got)
	}
}

func TestParseSetter(t *testing.T) {
	t.Parallel()
	for _, uid := range []string{"a", `q"uote`, "über-map"} {
		if got, ok := ParseSetter(Setter(uid)); !ok || got != uid {
			t.Errorf("ParseSetter(Setter(%q)) = %q, %v", uid, got, ok)
		}
	}
	if _, ok := ParseSetter(".name(\"x\")"); ok {
		t.Error("accepted a .name(…)")
	}
}
