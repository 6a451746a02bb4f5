// Package buildfile reads which Flink version a source file is built with
// from the Maven or Gradle build files above it. Some edits depend on it (a
// window join's apply returns DataStream on Flink 1.x and
// SingleOutputStreamOperator from 2.0 on), and so does what a restore does
// with state whose TTL was switched on or off (refused up to 2.1, migrated
// from 2.2 on).
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
// dependency's version, or a Gradle flinkVersion variable. The match's
// groups are the major and minor version.
var versionPatterns = []*regexp.Regexp{
	regexp.MustCompile(`<flink\.version>\s*(\d+)\.(\d+)`),
	regexp.MustCompile(`<groupId>org\.apache\.flink</groupId>\s*<artifactId>flink-(?:streaming-java|core|clients|runtime)[^<]*</artifactId>\s*<version>\s*(\d+)\.(\d+)`),
	regexp.MustCompile(`org\.apache\.flink:flink-(?:streaming-java|core|clients|runtime)[\w.-]*:(\d+)\.(\d+)`),
	regexp.MustCompile(`(?i)flink[._]?version['"]?\s*[=:]\s*['"](\d+)\.(\d+)`),
}

// Version is a Flink version as major and minor; zero when not known.
type Version struct{ Major, Minor int }

// Finder answers FlinkMajor and FlinkVersion for many files, reading each
// directory's build files once. It is safe for concurrent use.
type Finder struct {
	mu    sync.Mutex
	byDir map[string]Version
}

// NewFinder returns an empty Finder.
func NewFinder() *Finder { return &Finder{byDir: map[string]Version{}} }

// FlinkMajor returns the Flink major version of the nearest build file
// above file that names one, 0 when none does.
func (f *Finder) FlinkMajor(file string) int { return f.FlinkVersion(file).Major }

// FlinkVersion returns the Flink version of the nearest build file above
// file that names one, zero when none does. A module's pom often inherits
// the version from its parent, so a build file without a version does not
// end the search.
func (f *Finder) FlinkVersion(file string) Version {
	abs, err := filepath.Abs(file)
	if err != nil {
		return Version{}
	}
	return f.inDir(filepath.Dir(abs))
}

func (f *Finder) inDir(dir string) Version {
	f.mu.Lock()
	v, ok := f.byDir[dir]
	f.mu.Unlock()
	if ok {
		return v
	}
	v = versionIn(dir)
	if v.Major == 0 {
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
func versionIn(dir string) Version {
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		for _, re := range versionPatterns {
			if m := re.FindSubmatch(data); m != nil {
				major, err1 := strconv.Atoi(string(m[1]))
				minor, err2 := strconv.Atoi(string(m[2]))
				if err1 == nil && err2 == nil {
					return Version{major, minor}
				}
			}
		}
	}
	return Version{}
}
