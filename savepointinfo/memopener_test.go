package savepointinfo

import (
	"bytes"
	"io/fs"
)

// memOpener serves a savepoint held in memory: file name → bytes.
type memOpener map[string][]byte

type memFile struct{ *bytes.Reader }

func (memFile) Close() error { return nil }

func (o memOpener) Open(name string) (File, error) {
	b, ok := o[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return memFile{bytes.NewReader(b)}, nil
}
