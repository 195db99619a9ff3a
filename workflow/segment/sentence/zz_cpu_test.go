package sentence

import (
	"os"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/language"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZCPU(t *testing.T) {
	if os.Getenv("ZZ_CPU") == "" {
		t.Skip()
	}
	for _, lang := range []string{"en", "ru", "kk", "tr"} {
		text := benchText(lang, benchSize)
		s := New(language.Make(lang))
		s.Split(text)
		c0 := cpuTime()
		const n = 20
		for range n {
			s.Split(text)
		}
		d := cpuTime() - c0
		t.Logf("%s: %.1f MB/s CPU", lang, float64(len(text)*n)/d.Seconds()/1e6)
	}
}
