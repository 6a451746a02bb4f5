package javasyntax

import (
	"strings"
	"testing"
)

// The state check reads what the lowering keeps for it: the bodies of
// user function methods that may register state, types with their type
// arguments, the modifiers of Flink's POJO rules and enum constants.
func TestStateSyntax(t *testing.T) {
	t.Parallel()
	src := `package m;
public class Fn extends KeyedProcessFunction<String, Event, Long> implements CheckpointedFunction, ResultTypeQueryable<Long> {
    private transient ValueState<Long> count;
    public Map<String, List<Long>> seen;
    public void open(Configuration c) { count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class)); }
    public void processElement(Event e, Context ctx, Collector<Long> out) { out.collect(1L); }
    public static abstract class Base {}
    enum Color { RED, GREEN { }, BLUE }
}
`
	f, err := Parse("Fn.java", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Classes[0]
	if c.SuperText != "KeyedProcessFunction<String,Event,Long>" || strings.Join(c.InterfaceTexts, " ") != "CheckpointedFunction ResultTypeQueryable<Long>" {
		t.Errorf("SuperText %q, InterfaceTexts %q", c.SuperText, c.InterfaceTexts)
	}
	if !c.Public || c.Static || c.Abstract {
		t.Errorf("class modifiers public %v static %v abstract %v", c.Public, c.Static, c.Abstract)
	}
	if f0, f1 := c.Fields[0], c.Fields[1]; f0.TypeText != "ValueState<Long>" || !f0.Transient || f0.Public ||
		f1.TypeText != "Map<String,List<Long>>" || f1.Type != "Map" || !f1.Public || f1.Transient {
		t.Errorf("fields %+v %+v", *f0, *f1)
	}
	open, process := c.Methods[0], c.Methods[1]
	if len(open.Body) != 0 || len(open.StateBody) != 1 || !open.Public {
		t.Errorf("open: Body %d statements, StateBody %d, public %v; want 0, 1, true", len(open.Body), len(open.StateBody), open.Public)
	}
	if len(process.Body) != 0 || process.StateBody != nil {
		t.Errorf("processElement keeps statements: Body %v, StateBody %v", process.Body, process.StateBody)
	}
	base, color := c.Inner[0], c.Inner[1]
	if !base.Static || !base.Abstract || !base.Public {
		t.Errorf("Base modifiers %+v", base)
	}
	if strings.Join(color.EnumConstants, ",") != "RED,GREEN,BLUE" {
		t.Errorf("enum constants %v", color.EnumConstants)
	}
}
