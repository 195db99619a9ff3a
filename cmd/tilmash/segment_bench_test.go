//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tilmash/tilmash/internal/cputime"
)

// denseEnglish builds about size bytes of English news text dense with
// abbreviations, initials and numbers, paragraphs separated by blank lines.
func denseEnglish(size int) []byte {
	sentences := []string{
		"Mr. J. R. Smith of Acme Inc. met Dr. Jones at 9 a.m. on Jan. 5 in Washington, D.C. to discuss the U.S. budget.",
		"The report (see p. 12, fig. 3 and No. 7) cost approx. $4.5 mln., i.e. more than e.g. last year's.",
		"Prof. Brown, Ph.D., said the U.N. Security Council met at 6 P.M. Mr. Lee then left for the U.K. office.",
		"Sales rose 3.5% vs. 2.1% in Q3, etc. The CEO, Sr. VP and Gen. Counsel of XYZ Corp. agreed.",
		"The plan has three steps: 1) cut costs 2) raise prices and 3) hire staff. Details are at example.com/a.b.",
		"Rev. Green and Capt. White arrived on Sept. 3 at St. Paul's; Lt. Col. Black joined them at 10:30 a.m. sharp.",
		"\"Is it over? Nobody knows!\" Sen. Warren asked. The vote is set for Nov. 8 at 2 p.m. EST.",
		"He paid Rs. 3520 for vol. 2 of the ed. by A. B. Carter, cf. ch. 4, art. 5 and sec. 6.",
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		for j := range 5 {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentences[(i*5+j*3)%len(sentences)])
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

// denseFile writes 5 MB of dense English to a file in a new folder and
// returns the folder, the file and its size.
func denseFile(b *testing.B) (dir, in string, size int) {
	dir = b.TempDir()
	in = filepath.Join(dir, "dense.txt")
	data := denseEnglish(5 << 20)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir, in, len(data)
}

// benchmarkSegmentCLI runs `tilmash segment` with args on 5 MB of dense
// English, output to a file, as a user would.
func benchmarkSegmentCLI(b *testing.B, args ...string) {
	dir, in, size := denseFile(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	defer cputime.Report(b, size)()
	for b.Loop() {
		out, err := os.Create(filepath.Join(dir, "out.txt"))
		if err != nil {
			b.Fatal(err)
		}
		var stderr bytes.Buffer
		code := run(append(append([]string{"segment"}, args...), in), strings.NewReader(""), out, &stderr)
		if err := out.Close(); err != nil {
			b.Fatal(err)
		}
		if code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}

// BenchmarkSegmentCLIPlain is `tilmash segment --plain FILE > out.txt`.
func BenchmarkSegmentCLIPlain(b *testing.B) { benchmarkSegmentCLI(b, "--plain", "--lang", "en") }

// BenchmarkSegmentCLIMarkdown is `tilmash segment FILE > out.txt`.
func BenchmarkSegmentCLIMarkdown(b *testing.B) { benchmarkSegmentCLI(b, "--lang", "en") }

// benchmarkSegmentProcess runs `tilmash segment` on 5 MB of dense English
// as its own process, output to a file, as a user's shell would: start-up,
// reading the file and writing the output all count. It reports the
// process's CPU time too ("MB/cpu-s").
func benchmarkSegmentProcess(b *testing.B, args ...string) {
	bin, err := exec.LookPath("tilmash") // the test binary, put on $PATH by testscript.Main
	if err != nil {
		b.Fatal(err)
	}
	dir, in, size := denseFile(b)
	b.SetBytes(int64(size))
	var cpu time.Duration
	for b.Loop() {
		out, err := os.Create(filepath.Join(dir, "out.txt"))
		if err != nil {
			b.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd := exec.Command(bin, append(append([]string{"segment"}, args...), in)...)
		cmd.Stdout, cmd.Stderr = out, &stderr
		err = cmd.Run()
		out.Close()
		if err != nil {
			b.Fatalf("%v: %s", err, stderr.String())
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}

// BenchmarkSegmentProcessPlain is `tilmash segment --plain FILE > out.txt`
// in a shell.
func BenchmarkSegmentProcessPlain(b *testing.B) {
	benchmarkSegmentProcess(b, "--plain", "--lang", "en")
}

// BenchmarkSegmentProcessMarkdown is `tilmash segment FILE > out.txt` in a
// shell.
func BenchmarkSegmentProcessMarkdown(b *testing.B) { benchmarkSegmentProcess(b, "--lang", "en") }
