//go:build unix

package driver

import (
	"fmt"
	"os"
	"syscall"
)

// identity names the file p refers to, whatever the path: a file reached
// through a symlink, "./X.java" and "X.java", or a file and the directory
// holding it given together is analysed, and edited, once.
func identity(p string) string {
	info, err := os.Stat(p)
	if err != nil {
		return p
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
	}
	return p
}
