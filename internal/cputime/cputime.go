// Package cputime measures the CPU time of the process for benchmarks:
// user and system time of all threads, the garbage collector included. On
// a shared machine wall time also counts the time other processes hold the
// cores; CPU time does not.
package cputime

import "testing"

// Report starts measuring; the function it returns reports the CPU time
// per operation ("cpu-ns/op") and as throughput over size bytes an
// operation ("MB/cpu-s"). Where the CPU time is not known it reports
// nothing.
func Report(b *testing.B, size int) func() {
	start := Used()
	return func() {
		d := Used() - start
		if d <= 0 || b.N == 0 {
			return
		}
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(size)*float64(b.N)/d.Seconds()/1e6, "MB/cpu-s")
	}
}
