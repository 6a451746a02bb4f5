// Package buildfile reads which Flink version a source file is built with
// from the Maven or Gradle build files above it. Some edits depend on it:
// a window join's apply returns DataStream on Flink 1.x and
// SingleOutputStreamOperator from 2.0 on.
package buildfile

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
)

// names are the build files looked for, nearest directory first.
var names = []string{"pom.xml", "build.gradle", "build.gradle.kts"}

// versionPatterns find a Flink version in a build file: the flink.version
// property of a pom (the convention of Flink's own quickstarts), a Flink
// dependency's version, or a Gradle flinkVersion variable. The first
// number of the match is the major version.
var versionPatterns = []*regexp.Regexp{
	regexp.MustCompile(`<flink\.version>\s*(\d+)\.`),
	regexp.MustCompile(`<groupId>org\.apache\.flink</groupId>\s*<artifactId>flink-(?:streaming-java|core|clients|runtime)[^<]*</artifactId>\s*<version>\s*(\d+)\.`),
	regexp.MustCompile(`org\.apache\.flink:flink-(?:streaming-java|core|clients|runtime)[\w.-]*:(\d+)\.`),
	regexp.MustCompile(`(?i)flink[._]?version['"]?\s*[=:]\s*['"](\d+)\.`),
}

// Finder answers FlinkMajor for many files, reading each directory's build
// files once. It is safe for concurrent use.
type Finder struct {
	mu    sync.Mutex
	byDir map[string]int
}

// NewFinder returns an empty Finder.
func NewFinder() *Finder { return &Finder{byDir: map[string]int{}} }

// FlinkMajor returns the Flink major version of the nearest build file
// above file that names one, 0 when none does. A module's pom often
// inherits the version from its parent, so a build file without a version
// does not end the search.
func (f *Finder) FlinkMajor(file string) int {
	abs, err := filepath.Abs(file)
	if err != nil {
		return 0
	}
	return f.inDir(filepath.Dir(abs))
}

func (f *Finder) inDir(dir string) int {
	f.mu.Lock()
	v, ok := f.byDir[dir]
	f.mu.Unlock()
	if ok {
		return v
	}
	v = versionIn(dir)
	if v == 0 {
		if parent := filepath.Dir(dir); parent != dir {
			v = f.inDir(parent)
		}
	}
	f.mu.Lock()
	f.byDir[dir] = v
	f.mu.Unlock()
	return v
}

// versionIn reads the build files of one directory.
func versionIn(dir string) int {
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		for _, re := range versionPatterns {
			if m := re.FindSubmatch(data); m != nil {
				if v, err := strconv.Atoi(string(m[1])); err == nil {
					return v
				}
			}
		}
	}
	return 0
}
