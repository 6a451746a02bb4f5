// Package slab allocates values that live and die together in chunks:
// one allocation for many values instead of one each.
//
// A Java file's lowered syntax is dropped as one once the pipeline model
// has evaluated it, and the model's abstract values die with the file's
// evaluation. On job-dense code those were most of check's allocations,
// one per syntax node or value.
//
// A chunk lives as long as any value in it, so a slab suits only values
// whose lifetimes end together.
package slab

// Slab hands out zeroed values of T from chunks that grow from 16 to 128
// elements, so that small files waste little. The zero Slab is ready to
// use; it is not safe for concurrent use.
type Slab[T any] struct {
	free []T
	size int // of the last chunk
}

// chunk replaces the free list with a new chunk of at least n elements.
func (s *Slab[T]) chunk(n int) {
	s.size = max(16, min(2*s.size, 128))
	s.free = make([]T, max(s.size, n))
}

// New returns a pointer to a new zero T.
func (s *Slab[T]) New() *T {
	if len(s.free) == 0 {
		s.chunk(1)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// Take returns a zeroed slice of n elements whose capacity ends with it,
// so that appending to it copies rather than overwrites its neighbour; nil
// for n = 0.
func (s *Slab[T]) Take(n int) []T {
	if n == 0 {
		return nil
	}
	if len(s.free) < n {
		s.chunk(n)
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}
