package track

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func olds(texts ...string) []Old {
	var out []Old
	taken := map[string]bool{}
	for _, t := range texts {
		id := NewID(t, language.English, taken)
		taken[id] = true
		out = append(out, Old{ID: id, Text: t})
	}
	return out
}

func TestAssign(t *testing.T) {
	base := []string{"The mayor opened a bridge.", "Traffic was heavy all day.", "Three more bridges are planned.", "Work starts in spring."}
	tests := []struct {
		name  string
		new   []string
		want  []Match
		moved []int // for each new segment, the old index it must keep the ID of (-1: fresh)
	}{
		{"unchanged", base, []Match{Same, Same, Same, Same}, []int{0, 1, 2, 3}},
		{"one word", []string{base[0], "Traffic was very heavy all day.", base[2], base[3]}, []Match{Same, Edited, Same, Same}, []int{0, 1, 2, 3}},
		{"rewritten", []string{base[0], "Cars crawled along the embankment until night.", base[2], base[3]}, []Match{Same, Fresh, Same, Same}, []int{0, -1, 2, 3}},
		{"inserted", []string{"A new start.", base[0], base[1], base[2], base[3]}, []Match{Fresh, Same, Same, Same, Same}, []int{-1, 0, 1, 2, 3}},
		{"deleted", []string{base[0], base[2], base[3]}, []Match{Same, Same, Same}, []int{0, 2, 3}},
		{"moved", []string{base[2], base[3], base[0], base[1]}, []Match{Same, Same, Same, Same}, []int{2, 3, 0, 1}},
		{"moved and edited", []string{base[2], base[3], "The mayor opened a new bridge.", base[1]}, []Match{Same, Same, Edited, Same}, []int{2, 3, 0, 1}},
	}
	old := olds(base...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Assign(old, tt.new, language.English)
			seen := map[string]bool{}
			for j, r := range res {
				if r.Match != tt.want[j] {
					t.Errorf("segment %d %q: match %v, want %v", j, tt.new[j], r.Match, tt.want[j])
				}
				if tt.moved[j] >= 0 && r.ID != old[tt.moved[j]].ID {
					t.Errorf("segment %d: ID %s, want %s", j, r.ID, old[tt.moved[j]].ID)
				}
				if seen[r.ID] {
					t.Errorf("ID %s given twice", r.ID)
				}
				seen[r.ID] = true
			}
		})
	}
}

func TestAssignDuplicates(t *testing.T) {
	res := Assign(nil, []string{"Yes.", "No.", "Yes."}, language.English)
	if res[0].ID == res[2].ID {
		t.Fatalf("identical sentences share ID %s", res[0].ID)
	}
	old := []Old{{res[0].ID, "Yes."}, {res[1].ID, "No."}, {res[2].ID, "Yes."}}
	again := Assign(old, []string{"Yes.", "No.", "Yes."}, language.English)
	for i := range res {
		if again[i].ID != res[i].ID {
			t.Errorf("segment %d: ID %s on re-run, was %s", i, again[i].ID, res[i].ID)
		}
	}
}

func TestNewID(t *testing.T) {
	tests := []struct {
		text string
		lang language.Tag
		want string
	}{
		{"Kazakhstan-Turkey: new steps and old risks of Tokayev?", language.English, "kazakhstan-turkey-new-"},
		{"Türkiye ile işbirliği derinleşiyor.", language.Turkish, "turkiye-ile-isbirligi-"},
		{"Қазақстан мен Түркия", language.Kazakh, "қазақстан-мен-түркия-"},
		{"See <1>the report</1> now.", language.English, "see-the-report-"},
		{"!!!", language.English, ""},
		// Turkish: İ and I lower-case by Turkish rules, then fold to ASCII.
		{"İstanbul'da toplantı yapıldı.", language.Turkish, "istanbul-da-toplanti-"},
		{"TÜİK verileri açıklandı.", language.Turkish, "tuik-verileri-aciklandi-"},
		{"IŞIK ve İNSAN", language.Turkish, "isik-ve-insan-"},
		{"Çağrı Öztürk konuştu", language.Turkish, "cagri-ozturk-konustu-"},
		// Russian: Cyrillic letters stay as they are, Latin ones fold.
		{"Новый закон вступил в силу.", language.Russian, "новый-закон-вступил-"},
		{"Ещё одна ёлка", language.Russian, "ещё-одна-ёлка-"},
		{"Компания Nestlé открыла завод.", language.Russian, "компания-nestle-открыла-"},
		{"Новыи\u0306 закон", language.Russian, "новый-закон-"}, // й decomposed: composed again
		// Kazakh: ә ғ қ ң ө ұ ү һ і stay.
		{"Ұлттық Құрылтай өңірлерде", language.Kazakh, "ұлттық-құрылтай-өңірлерде-"},
		{"Үкімет жиһаз әзірлейді", language.Kazakh, "үкімет-жиһаз-әзірлейді-"},
		{"Іскер әйелдер қоғамы", language.Kazakh, "іскер-әйелдер-қоғамы-"},
		// English: diacritics dropped, letters without them spelled out.
		{"Café Müller’s naïve résumé", language.English, "cafe-muller-s-"},
		{"Straße and Æsir", language.English, "strasse-and-aesir-"},
		{"Łódź, Øresund, Đorđe", language.English, "lodz-oresund-dorde-"},
		{"İstanbul talks", language.English, "istanbul-talks-"},
	}
	for _, tt := range tests {
		id := NewID(tt.text, tt.lang, map[string]bool{})
		if !strings.HasPrefix(id, tt.want) || len(id) != len(tt.want)+4 {
			t.Errorf("NewID(%q) = %q, want %q and four hex digits", tt.text, id, tt.want)
		}
	}
}

// TestEditsNeverLoseSegments is a property test: after random edits
// (word changes, inserts, deletes, moves), every segment whose text
// survives keeps its ID, and an edited segment is either kept (Edited) or
// replaced, never given the ID of another surviving segment.
func TestEditsNeverLoseSegments(t *testing.T) {
	words := strings.Fields("the a mayor city bridge traffic spring work plans opened heavy river north new old road")
	r := rand.New(rand.NewPCG(1, 2))
	sentence := func() string {
		n := 4 + r.IntN(8)
		var w []string
		for range n {
			w = append(w, words[r.IntN(len(words))])
		}
		return strings.Join(w, " ") + "."
	}
	for round := range 500 {
		var texts []string
		for range 3 + r.IntN(20) {
			texts = append(texts, sentence())
		}
		first := Assign(nil, texts, language.English)
		var old []Old
		for i, res := range first {
			old = append(old, Old{ID: res.ID, Text: texts[i]})
		}
		// random edits, remembering where each old segment went
		type item struct {
			text   string
			origin int // old index, or -1 for an inserted one
			edited bool
		}
		var items []item
		for i, o := range old {
			items = append(items, item{o.Text, i, false})
		}
		for range 1 + r.IntN(4) {
			switch k := r.IntN(4); {
			case k == 0 && len(items) > 1: // delete
				i := r.IntN(len(items))
				items = append(items[:i], items[i+1:]...)
			case k == 1: // insert
				i := r.IntN(len(items) + 1)
				items = append(items[:i], append([]item{{sentence(), -1, false}}, items[i:]...)...)
			case k == 2: // move
				i, j := r.IntN(len(items)), r.IntN(len(items))
				items[i], items[j] = items[j], items[i]
			default: // change one word
				i := r.IntN(len(items))
				w := strings.Fields(items[i].text)
				w[r.IntN(len(w)-1)] = "changed"
				items[i].text = strings.Join(w, " ")
				items[i].edited = true
			}
		}
		var newTexts []string
		for _, it := range items {
			newTexts = append(newTexts, it.text)
		}
		res := Assign(old, newTexts, language.English)
		ids := map[string]int{}
		for j, rj := range res {
			if prev, dup := ids[rj.ID]; dup {
				t.Fatalf("round %d: ID %s given to segments %d and %d", round, rj.ID, prev, j)
			}
			ids[rj.ID] = j
			it := items[j]
			if it.origin >= 0 && !it.edited && rj.Match != Same {
				t.Fatalf("round %d: unchanged segment %q lost its match (%v)", round, it.text, rj.Match)
			}
			if rj.Match == Same && newTexts[j] != old[rj.Old].Text {
				t.Fatalf("round %d: %q matched as same to %q", round, newTexts[j], old[rj.Old].Text)
			}
		}
		_ = fmt.Sprint(round)
	}
}

func TestSimilarity(t *testing.T) {
	a := Words("Traffic was heavy all day.")
	b := Words("Traffic was very heavy all day.")
	if s := Similarity(a, b); s < Threshold {
		t.Errorf("one added word: similarity %.2f under the threshold %.2f", s, Threshold)
	}
	c := Words("Cars crawled along the embankment until night.")
	if s := Similarity(a, c); s >= Threshold {
		t.Errorf("a rewrite: similarity %.2f reaches the threshold", s)
	}
}
