package classfile

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
)

// maxClassSize bounds one class file read from a jar: the largest class
// files of the jars judged are a few hundred KiB.
const maxClassSize = 64 << 20

// ReadJar parses every class file of a jar, except module-info,
// package-info and the versioned copies of multi-release jars (the base
// version is the one every Java release can load).
func ReadJar(path string) ([]*Class, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	var out []*Class
	for _, f := range z.File {
		name := f.Name
		if !strings.HasSuffix(name, ".class") || strings.HasPrefix(name, "META-INF/") ||
			strings.HasSuffix(name, "module-info.class") || strings.HasSuffix(name, "package-info.class") {
			continue
		}
		c, err := readEntry(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, name, err)
		}
		out = append(out, c)
	}
	return out, nil
}

func readEntry(f *zip.File) (*Class, error) {
	if f.UncompressedSize64 > maxClassSize {
		return nil, fmt.Errorf("%d bytes, more than a class file can be", f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxClassSize+1))
	if err != nil {
		return nil, err
	}
	return Parse(data)
}
