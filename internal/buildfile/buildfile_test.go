package buildfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFlinkMajor(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A parent pom with the property, a module pom without it.
	write("maven/pom.xml", "<project><properties><flink.version>2.1.0</flink.version></properties></project>")
	write("maven/job/pom.xml", "<project><parent><artifactId>p</artifactId></parent></project>")
	write("maven/job/src/main/java/x/Job.java", "")
	// A dependency version in a pom.
	write("dep/pom.xml", `<dependency>
  <groupId>org.apache.flink</groupId>
  <artifactId>flink-streaming-java</artifactId>
  <version>1.20.1</version>
</dependency>`)
	write("dep/Job.java", "")
	// Gradle.
	write("gradle/build.gradle.kts", `implementation("org.apache.flink:flink-streaming-java:1.18.1")`)
	write("gradle/src/Job.java", "")
	write("gradlevar/build.gradle", "ext { flinkVersion = '2.0.0' }")
	write("gradlevar/Job.java", "")
	write("none/Job.java", "")
	f := NewFinder()
	for file, want := range map[string]int{
		"maven/job/src/main/java/x/Job.java": 2,
		"dep/Job.java":                       1,
		"gradle/src/Job.java":                1,
		"gradlevar/Job.java":                 2,
		"none/Job.java":                      0,
	} {
		if got := f.FlinkMajor(filepath.Join(root, file)); got != want {
			t.Errorf("FlinkMajor(%s) = %d, want %d", file, got, want)
		}
	}
	for file, want := range map[string]Version{
		"maven/job/src/main/java/x/Job.java": {2, 1},
		"dep/Job.java":                       {1, 20},
		"gradle/src/Job.java":                {1, 18},
		"gradlevar/Job.java":                 {2, 0},
		"none/Job.java":                      {},
	} {
		if got := f.FlinkVersion(filepath.Join(root, file)); got != want {
			t.Errorf("FlinkVersion(%s) = %v, want %v", file, got, want)
		}
	}
}
