package slab

import "testing"

func TestNewHandsOutDistinctZeroValues(t *testing.T) {
	t.Parallel()
	var s Slab[[2]int]
	seen := map[*[2]int]bool{}
	for i := range 1000 {
		p := s.New()
		if *p != [2]int{} {
			t.Fatalf("value %d is not zero: %v", i, *p)
		}
		if seen[p] {
			t.Fatalf("value %d handed out twice", i)
		}
		seen[p] = true
		p[0] = i
	}
}

func TestTakeDoesNotOverlap(t *testing.T) {
	t.Parallel()
	var s Slab[int]
	a := s.Take(3)
	b := s.Take(200) // larger than any chunk
	c := s.Take(5)
	if len(a) != 3 || cap(a) != 3 || len(b) != 200 || len(c) != 5 || s.Take(0) != nil {
		t.Fatalf("lengths %d/%d %d %d", len(a), cap(a), len(b), len(c))
	}
	for i := range a {
		a[i] = 1
	}
	for i := range c {
		c[i] = 3
	}
	a = append(a, 9) // must copy, not write into c
	for i, v := range b {
		if v != 0 {
			t.Fatalf("b[%d] = %d", i, v)
		}
	}
	if c[0] != 3 || a[3] != 9 {
		t.Fatalf("append to a wrote into its neighbour: c = %v", c)
	}
}

func TestResetReusesClearedChunks(t *testing.T) {
	t.Parallel()
	var s Slab[int]
	first := map[*int]bool{}
	for i := range 300 {
		p := s.New()
		*p = i + 1
		first[p] = true
	}
	l := s.Take(40)
	for i := range l {
		l[i] = 7
	}
	s.Reset()
	reused := 0
	for i := range 300 {
		p := s.New()
		if *p != 0 {
			t.Fatalf("value %d after Reset is %d, not zero", i, *p)
		}
		if first[p] {
			reused++
		}
	}
	for i, v := range s.Take(40) {
		if v != 0 {
			t.Fatalf("taken element %d after Reset is %d, not zero", i, v)
		}
	}
	if reused == 0 {
		t.Fatal("no chunk was reused after Reset")
	}
}
