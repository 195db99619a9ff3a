//go:build unix

package sentence

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU starts measuring the CPU time of the process, all threads and
// the garbage collector included; the function it returns reports it per
// operation ("cpu-ns/op") and as throughput over size bytes an operation
// ("MB/cpu-s"). On a shared machine wall time also counts the time other
// processes hold the cores; CPU time does not.
func reportCPU(b *testing.B, size int) func() {
	start := cpuTime()
	return func() {
		d := cpuTime() - start
		if d <= 0 || b.N == 0 {
			return
		}
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(size)*float64(b.N)/d.Seconds()/1e6, "MB/cpu-s")
	}
}

// cpuTime returns the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
