//go:build !unix

package driver

import "path/filepath"

// identity names the file p refers to by its real path; see the unix
// version.
func identity(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		if resolved, err := filepath.EvalSymlinks(abs); err == nil {
			return resolved
		}
	}
	return p
}
