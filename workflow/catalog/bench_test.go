package catalog

import (
	"fmt"
	"testing"
)

// benchSizes are the entry counts of the benchmarks: reading and writing
// must grow linearly with them.
var benchSizes = []int{1_000, 10_000, 100_000}

// benchMessages returns a message file of n messages shaped like the
// ones sync writes: one table per segment with a hash and a translation.
func benchMessages(n int) []byte {
	msgs := make([]Message, n)
	for i := range msgs {
		src := fmt.Sprintf("Source sentence number %d of the article.", i)
		msgs[i] = Message{
			ID:    fmt.Sprintf("segment-%06d-%04x", i, i*7919%65536),
			Hash:  Hash("", src),
			Other: fmt.Sprintf("Переведённое предложение номер %d — «с кавычками» и \"escapes\".", i),
		}
	}
	data, err := Marshal("Russian translations, one message per segment.", msgs)
	if err != nil {
		panic(err)
	}
	return data
}

// benchMeta returns a sidecar of n segments, each with a previous source,
// a review and two versions in its history.
func benchMeta(n int) *Meta {
	m := &Meta{Segments: make(map[string]SegmentMeta, n)}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("segment-%06d-%04x", i, i*7919%65536)
		m.Segments[id] = SegmentMeta{
			Previous: fmt.Sprintf("Old source %d.", i),
			Review:   &Review{By: "Aigerim", On: "2026-11-27", Source: Hash("", id), Translation: TextHash(id)},
			History: []Version{
				{Text: fmt.Sprintf("Первый перевод %d", i), Source: "Old source.", By: "Dana", On: "2026-11-20T10:00:00Z", Via: "push"},
				{Text: fmt.Sprintf("Второй перевод %d", i), Source: "New source.", By: "Dana", On: "2026-11-21T10:00:00Z", Via: "push --force"},
			},
		}
	}
	return m
}

// benchMemory returns a translation memory of n entries.
func benchMemory(n int) *Memory {
	m := &Memory{}
	for i := 0; i < n; i++ {
		m.Add(MemoryEntry{
			Article:     fmt.Sprintf("news/2026/%02d/story-%d", i%12+1, i/100),
			ID:          fmt.Sprintf("segment-%06d", i),
			Source:      fmt.Sprintf("Source sentence %d.", i),
			Translation: fmt.Sprintf("Исходное предложение %d.", i),
		})
	}
	return m
}

func mustMarshal(data []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return data
}

func BenchmarkParse(b *testing.B) {
	for _, n := range benchSizes {
		data := benchMessages(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				f, err := Parse("x.ru.toml", data)
				if err != nil {
					b.Fatal(err)
				}
				if len(f.Messages) != n {
					b.Fatalf("%d messages, want %d", len(f.Messages), n)
				}
			}
		})
	}
}

// BenchmarkParseNested reads files in which the article's name is a table
// around its messages, as MarshalNested writes them.
func BenchmarkParseNested(b *testing.B) {
	for _, n := range benchSizes {
		f, err := Parse("x.ru.toml", benchMessages(n))
		if err != nil {
			b.Fatal(err)
		}
		data, err := MarshalNested("header", "news/2026/12/long-read", f.Messages)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				f, err := Parse("x.ru.toml", data)
				if err != nil {
					b.Fatal(err)
				}
				if len(f.Messages) != n {
					b.Fatalf("%d messages, want %d", len(f.Messages), n)
				}
			}
		})
	}
}

func BenchmarkParseMeta(b *testing.B) {
	for _, n := range benchSizes {
		data := mustMarshal(benchMeta(n).Marshal())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				m, err := ParseMeta("x.ru.meta.toml", data)
				if err != nil {
					b.Fatal(err)
				}
				if len(m.Segments) != n {
					b.Fatalf("%d segments, want %d", len(m.Segments), n)
				}
			}
		})
	}
}

func BenchmarkParseMemory(b *testing.B) {
	for _, n := range benchSizes {
		data := mustMarshal(benchMemory(n).Marshal())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				m, err := ParseMemory("memory.ru.toml", data)
				if err != nil {
					b.Fatal(err)
				}
				if len(m.Entries) != n {
					b.Fatalf("%d entries, want %d", len(m.Entries), n)
				}
			}
		})
	}
}

func BenchmarkMarshal(b *testing.B) {
	for _, n := range benchSizes {
		f, err := Parse("x.ru.toml", benchMessages(n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Marshal("header", f.Messages); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMarshalNested(b *testing.B) {
	for _, n := range benchSizes {
		f, err := Parse("x.ru.toml", benchMessages(n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := MarshalNested("header", "news/2026/12/long-read", f.Messages); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMetaMarshal(b *testing.B) {
	for _, n := range benchSizes {
		m := benchMeta(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := m.Marshal(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMemoryMarshal(b *testing.B) {
	for _, n := range benchSizes {
		m := benchMemory(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := m.Marshal(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
