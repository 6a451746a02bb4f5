package pipeline

import (
	"bytes"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

// Library code builds pipeline parts on Flink's transformations directly:
// new DataStream<>(env, new PartitionTransformation<>(in.getTransformation(),
// partitioner)), or a OneInputTransformation added with env.addOperator. A
// transformation is a stream value of type transformationType: its last is
// the operator it creates (a OneInputTransformation is a node of the
// StreamGraph), and a PartitionTransformation creates none (it is virtual,
// docs/flink-internals.md §3.5): it only sets the edge to the next operator.

const transformationType = "Transformation"

// newTransformation evaluates `new T(args)` for a transformation or stream
// class T; nil when the arguments are not what these constructors take.
func (e *evaluator) newTransformation(x *javasyntax.New, simple string, args []*value) *value {
	stream := func(i int) *value {
		if i < len(args) && args[i].kind == vStream {
			return args[i]
		}
		return nil
	}
	switch simple {
	case "PartitionTransformation":
		in := stream(0)
		if in == nil || len(args) < 2 {
			return nil
		}
		p := Custom
		if name, ok := flinkapi.Partitioners[simpleName(args[1].className)]; ok {
			p = Partitioning(name)
		}
		return e.newValue(value{kind: vStream, stype: transformationType, ins: withPartition(in.ins, p), keyed: p == Hash})
	case "OneInputTransformation", "TwoInputTransformation":
		in, opArg, kind := stream(0), 2, KindOneInput
		var ins []Input
		if in != nil {
			ins = append(ins, in.ins...)
		}
		if simple == "TwoInputTransformation" {
			opArg, kind = 3, KindTwoInput
			if in2 := stream(1); in2 != nil {
				ins = append(ins, in2.ins...)
			}
		}
		if in == nil || len(args) <= opArg {
			return nil
		}
		off, end := e.typeSpan(x, simple)
		op := e.newOperatorAt(simple, off, end, kind, ins...)
		op.Stateful, op.StatefulReason = e.transformState(args[opArg : opArg+1])
		return e.newValue(value{kind: vStream, stype: transformationType, last: op, ins: []Input{{From: op, Partition: Forward}}})
	case "DataStream", "SingleOutputStreamOperator":
		// new DataStream<>(env, transformation): the transformation's stream.
		if t := stream(1); t != nil && t.stype == transformationType {
			v := *t
			v.stype = simple
			return &v
		}
	case "KeyedStream":
		// new KeyedStream<>(stream, keySelector): keyBy.
		if in := stream(0); in != nil {
			return e.newValue(value{kind: vStream, stype: "KeyedStream", ins: withPartition(in.ins, Hash), keyed: true})
		}
	}
	return nil
}

// typeSpan is the span of the class name in a `new` expression.
func (e *evaluator) typeSpan(x *javasyntax.New, simple string) (off, end int) {
	src := e.top().file.Src
	off, end = x.Span()
	if off >= 0 && end <= len(src) && off <= end {
		if i := bytes.Index(src[off:end], []byte(simple)); i >= 0 {
			return off + i, off + i + len(simple)
		}
	}
	return off, off
}

// transformationCall handles the calls library code makes on a
// transformation: setUid and friends configure its operator.
func (e *evaluator) transformationCall(c *javasyntax.Call, sv *value, args []*value) *value {
	switch c.Name {
	case "setUid":
		e.modify(c, "uid", sv, args)
	case "setUidHash", "setParallelism", "setMaxParallelism":
		e.modify(c, c.Name, sv, args)
	case "setSlotSharingGroup":
		e.modify(c, "slotSharingGroup", sv, args)
	case "setName":
		e.modify(c, "name", sv, args)
	}
	return e.newValue(value{})
}
