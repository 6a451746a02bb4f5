package flinkid

import "testing"

// The expected IDs come from Flink's own tests (GetOperatorUniqueIDTest) and from
// the known-uid table of testdata/savepoints/collection/PROVENANCE.md, which was checked
// against real _metadata files.
func TestFromUID(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"42":                                   "6c4f323f22da8fb6e34f80c61be7a689",
		"44":                                   "3e129e83691e7737fbf876b47452acbc",
		"CheckpointingSource1":                 "69f32d314b97c6f7f9ed7873983167f2",
		"CheckpointingKeyedStateFlatMap1":      "d5c8b168c6cbfe8c507a10f88b325243",
		"kafka-source-operator-uid":            "cb16aa5adb311e8ac72482def19accbe",
		"1_source":                             "d3f21cabc6fe0fdf76c8be915bdb22a2",
		"uid":                                  "0e1febe90327d1cea326114660ec1de8",
		"1c4ec0f9-2d96-46e9-99ea-45e8c3df5202": "709a96cf35a587d849796342cfd36979",
	}
	for uid, want := range cases {
		if got := FromUID(uid).String(); got != want {
			t.Errorf("FromUID(%q) = %s, want %s", uid, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	id, err := Parse("6C4F323F22DA8FB6E34F80C61BE7A689")
	if err != nil {
		t.Fatal(err)
	}
	if id != FromUID("42") {
		t.Errorf("Parse upper-case hex = %s, want ID of uid 42", id)
	}
	for _, bad := range []string{"", "6c4f", "zz4f323f22da8fb6e34f80c61be7a689"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded, want error", bad)
		}
	}
}
