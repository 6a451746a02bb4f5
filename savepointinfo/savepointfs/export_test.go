package savepointfs

import "time"

// SetHDFSIOTimeout shortens the wait for a namenode that does not answer,
// for the duration of a test.
func SetHDFSIOTimeout(d time.Duration) (restore func()) {
	old := ioTimeoutOverride.Swap(int64(d))
	return func() { ioTimeoutOverride.Store(old) }
}
