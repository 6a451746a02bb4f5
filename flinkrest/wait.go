package flinkrest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Polling back-off: start fast so short savepoints return quickly, then
// settle at a gentle rate for long ones.
const (
	pollStart = 100 * time.Millisecond
	pollMax   = 2 * time.Second
	// maxPollErrors is how many consecutive failed polls (connection refused,
	// HTTP 5xx) are tolerated: a poll is a GET, safe to repeat.
	maxPollErrors = 5
)

// ErrSavepointFailed is wrapped by the error WaitSavepoint returns when Flink
// reports that the savepoint failed.
var ErrSavepointFailed = errors.New("savepoint failed")

// WaitSavepoint polls a savepoint or stop-with-savepoint operation until it
// completes, fails, or ctx ends. progress, when not nil, is called after
// each poll with the time waited so far.
func (c *Client) WaitSavepoint(ctx context.Context, jobID, triggerID string, progress func(time.Duration)) (SavepointStatus, error) {
	start := time.Now()
	delay := pollStart
	failures := 0
	for {
		st, err := c.Savepoint(ctx, jobID, triggerID)
		switch {
		case err == nil:
			failures = 0
			if st.Status == "COMPLETED" {
				if st.Failure != "" || st.Location == "" {
					reason := st.Failure
					if reason == "" {
						reason = "Flink reported no savepoint location"
					}
					return st, fmt.Errorf("%w: %s", ErrSavepointFailed, reason)
				}
				return st, nil
			}
		case transient(err) && failures < maxPollErrors:
			failures++
		default:
			return st, fmt.Errorf("poll savepoint %s of job %s: %w", triggerID, jobID, err)
		}
		if progress != nil {
			progress(time.Since(start))
		}
		select {
		case <-ctx.Done():
			return SavepointStatus{}, fmt.Errorf("wait for savepoint %s of job %s: %w", triggerID, jobID, ctx.Err())
		case <-time.After(delay):
		}
		delay = min(delay*2, pollMax)
	}
}

// WaitJob polls a job until it reaches one of the states, or ctx ends.
func (c *Client) WaitJob(ctx context.Context, jobID string, states ...string) (string, error) {
	delay := pollStart
	failures := 0
	for {
		st, err := c.JobStatus(ctx, jobID)
		switch {
		case err == nil:
			failures = 0
			if slices.Contains(states, st) {
				return st, nil
			}
		case transient(err) && failures < maxPollErrors:
			failures++
		default:
			return "", fmt.Errorf("poll job %s: %w", jobID, err)
		}
		select {
		case <-ctx.Done():
			return st, fmt.Errorf("wait for job %s (state %s): %w", jobID, st, ctx.Err())
		case <-time.After(delay):
		}
		delay = min(delay*2, pollMax)
	}
}

// transient reports errors worth another poll: no answer, or a 5xx.
func transient(err error) bool {
	if api, ok := errors.AsType[*APIError](err); ok {
		return api.StatusCode >= 500
	}
	return !errors.Is(err, ErrNotFlink) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}
