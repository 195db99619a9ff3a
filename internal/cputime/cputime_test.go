package cputime

import (
	"runtime"
	"testing"
)

func TestUsedGrowsWithWork(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("CPU time is not measured on " + runtime.GOOS)
	}
	start := Used()
	x := 0
	for i := range 200_000_000 {
		x += i & 3
	}
	if x == 0 {
		t.Fatal("loop did nothing")
	}
	if d := Used() - start; d <= 0 {
		t.Fatalf("CPU time after a busy loop grew by %v, want > 0", d)
	}
}
