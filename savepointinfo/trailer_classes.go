package savepointinfo

import "slices"

// knownClasses are the class descriptors Flink writes in the V4+ trailer, as
// "name serialVersionUID flags fields". Java refuses to deserialize a class
// whose name or serialVersionUID matches none on its class path, or a field
// whose type changed, so any other descriptor means a file Flink cannot
// load. They are the same in every V4+ fixture, Flink 1.16 to 2.3.
var knownClasses = map[string]bool{
	"java.lang.Enum 0000000000000000 12":                                                         true,
	"org.apache.flink.core.execution.SavepointFormatType 0000000000000000 12":                    true,
	"org.apache.flink.runtime.checkpoint.SavepointType$PostCheckpointAction 0000000000000000 12": true,
	"org.apache.flink.runtime.checkpoint.SnapshotType$SharingFilesStrategy 0000000000000000 12":  true,
	"org.apache.flink.runtime.checkpoint.CheckpointProperties 0000000000000002 02 ZdiscardCancelled " +
		"ZdiscardFailed ZdiscardFinished ZdiscardSubsumed ZdiscardSuspended Zforced Zunclaimed " +
		"LcheckpointType:Lorg/apache/flink/runtime/checkpoint/SnapshotType;": true,
	"org.apache.flink.runtime.checkpoint.CheckpointType d6de4f0305ae1d3a 02 Lname:Ljava/lang/String; " +
		"LsharingFilesStrategy:Lorg/apache/flink/runtime/checkpoint/SnapshotType$SharingFilesStrategy;": true,
	"org.apache.flink.runtime.checkpoint.SavepointType a087d308a45814b8 02 " +
		"LformatType:Lorg/apache/flink/core/execution/SavepointFormatType; Lname:Ljava/lang/String; " +
		"LpostCheckpointAction:Lorg/apache/flink/runtime/checkpoint/SavepointType$PostCheckpointAction;": true,
}

// knownEnums are the constants of the trailer's enums; Java's Enum.valueOf
// fails on any other name.
var knownEnums = map[string][]string{
	"org.apache.flink.core.execution.SavepointFormatType":                    {"CANONICAL", "NATIVE"},
	"org.apache.flink.runtime.checkpoint.SavepointType$PostCheckpointAction": {"NONE", "SUSPEND", "TERMINATE"},
	"org.apache.flink.runtime.checkpoint.SnapshotType$SharingFilesStrategy":  {"FORWARD_BACKWARD", "FORWARD", "NO_SHARING"},
}

func knownEnumConstant(class, name string) bool { return slices.Contains(knownEnums[class], name) }
