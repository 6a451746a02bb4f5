package savepointfs

import "time"

// SetHDFSIOTimeout shortens the wait for a namenode that does not answer,
// for the duration of a test.
func SetHDFSIOTimeout(d time.Duration) (restore func()) {
	old := hdfsIOTimeout
	hdfsIOTimeout = d
	return func() { hdfsIOTimeout = old }
}
