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
	// used are the chunks handed out from since the last Reset; spare are
	// cleared chunks that Reset gave back, reused before allocating.
	used, spare [][]T
}

// chunk replaces the free list with a chunk of at least n elements.
func (s *Slab[T]) chunk(n int) {
	if k := len(s.spare) - 1; k >= 0 && len(s.spare[k]) >= n {
		s.free = s.spare[k]
		s.spare = s.spare[:k]
	} else {
		s.size = max(16, min(2*s.size, 128))
		s.free = make([]T, max(s.size, n))
	}
	s.used = append(s.used, s.free)
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

// Reset ends the life of every value handed out so far and keeps their
// chunks, cleared, for the values to come: a slab reused from one file to
// the next allocates only while files grow. The caller must hold no
// pointer into the slab any more.
func (s *Slab[T]) Reset() {
	for i, c := range s.used {
		if i == len(s.used)-1 {
			c = c[:len(c)-len(s.free)] // the rest is still zero
		}
		clear(c)
	}
	// In any order: every chunk serves New, and Take allocates when the
	// spare chunk on top is too small.
	s.spare = append(s.spare, s.used...)
	s.used = s.used[:0]
	s.free = nil
}
