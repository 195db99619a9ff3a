package segment

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// texts returns the segment texts of src, nested ones marked with their
// parent's index ("^1 title").
func texts(t *testing.T, src string) []string {
	t.Helper()
	doc, err := Split([]byte(src), Options{Lang: language.English})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range doc.Segments {
		if s.Parent > 0 {
			out = append(out, "^"+string(rune('0'+s.Parent-1))+" "+s.Text)
			continue
		}
		out = append(out, s.Text)
	}
	checkRoundTrip(t, []byte(src), Options{Lang: language.English})
	checkRender(t, []byte(src), Options{Lang: language.English})
	return out
}

func TestShortcodes(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"inline", "Watch {{< youtube abc >}} now.", []string{"Watch <1/> now."}},
		{"paired inline", "A {{% mark %}}marked{{% /mark %}} word.", []string{"A <1>marked</1> word."}},
		{"self-closing", "An icon {{< icon name=\"x\" />}} here.", []string{"An icon <1/> here."}},
		{"comment form", "Write {{</* youtube abc */>}} to embed.", []string{"Write <1/> to embed."}},
		{"no space", "A {{<highlight go>}}x := 1{{</highlight>}} line.", []string{"A <1/> line."}},
		{"quoted params", `See {{< figure src="x.jpg" caption="A >}} caption" >}} here.`, []string{"See <1/> here."}},
		{"block", "Before.\n\n{{< figure src=\"x.jpg\" caption=\"A caption\" >}}\n\nAfter.", []string{"Before.", "After."}},
		{"block ends a paragraph", "Before.\n{{< youtube abc >}}\nAfter.", []string{"Before.", "After."}},
		{"markdown block", "{{% note %}}\nA *note*. Two.\n\nMore.\n{{% /note %}}", []string{"A <1>note</1>.", "Two.", "More."}},
		{"text block", "{{< details >}}\nA <b>bold</b> &amp; text.\n\nMore.\n{{< /details >}}", []string{"A <1>bold</1> & text.", "More."}},
		{"code block", "{{< highlight go >}}\nfmt.Println(\"x\")\n{{< /highlight >}}", nil},
		{"code inline", "Run {{< code >}}go test{{< /code >}} now.", []string{"Run <1/> now."}},
		{"link destination", "A [page]({{< ref \"p.md\" >}}) here.", []string{"A <1>page</1> here."}},
		{"quote", "> {{< icon >}}\n> A quote.", []string{"A quote."}},
		{"unclosed", "A {{< em >}}lone tag.", []string{"A <1/>lone tag."}},
		{"escaped", `A \{{< x >}} here.`, []string{`A \<1/> here.`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(t, tt.src); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHTMLBlocks(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"div", `<div class="promo">Subscribe now! It is free.</div>`, []string{"Subscribe now!", "It is free."}},
		{"p with inline tags", `<p>A <b>bold</b> and <em>em</em> text.</p>`, []string{"A <1>bold</1> and <2>em</2> text."}},
		{"figure", "<figure><img src=\"x.jpg\" alt=\"A cat\"><figcaption>A caption</figcaption></figure>", []string{"A cat", "A caption"}},
		{"details", "<details><summary>More</summary>Hidden text.</details>", []string{"More", "Hidden text."}},
		{"nested attribute", `<p>See <img src="x" alt="a map"> here.</p>`, []string{"See <1/> here.", "^0 a map"}},
		{"title and aria-label", `<div title="Tip" aria-label='Label'><input placeholder=Email></div>`, []string{"Tip", "Label", "Email"}},
		{"entities", `<p>Tom &amp; Jerry &lt;b&gt; &quot;x&quot; &lt;3</p>`, []string{`Tom & Jerry <b> "x" <1/>3`}},
		{"not text", "<script>var x = 'no';</script>\n<style>p{}</style>\n<pre>no</pre>\n<textarea>no</textarea>\n<!-- no -->", nil},
		{"inline code", "<p>Run <code>go <b>test</b></code> now.</p>", []string{"Run <1/> now."}},
		{"in a quote", "> <div>One\n> line.</div>", []string{"One line."}},
		{"shortcode inside", `<div>Watch {{< youtube x >}} now.</div>`, []string{"Watch <1/> now."}},
		{"placeholder-like text", `<p>a &lt;1> b</p>`, []string{"a <1/>1> b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(t, tt.src); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLinkTitles(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"link", `A [link](https://x.kz "A title") here.`, []string{"A <1>link</1> here.", "^0 A title"}},
		{"image", `![Alt](x.png 'Image title')`, []string{"<1>Alt</1>", "^0 Image title"}},
		{"parentheses", `A [b](c (Paren)) d.`, []string{"A <1>b</1> d.", "^0 Paren"}},
		{"escapes", `A [b](c "Say \"hi\"") d.`, []string{"A <1>b</1> d.", `^0 Say "hi"`}},
		{"image without alt", `![](x.png "Lone title")`, []string{"Lone title"}},
		{"no title", `A [b](c) d.`, []string{"A <1>b</1> d."}},
		{"destination with spaces", `A [b](<c d> "T") e.`, []string{"A <1>b</1> e.", "^0 T"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(t, tt.src); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestAssembleNested translates parents and nested segments apart and
// checks that every translation lands, escaped for its context.
func TestAssembleNested(t *testing.T) {
	tests := []struct {
		name, src string
		tr        map[string]string
		want      string
	}{
		{"title only", `A [b](c "Title") d.`, map[string]string{"Title": `Başlık "x"`},
			`A [b](c "Başlık \"x\"") d.`},
		{"both", `A [b](c "Title") d.`, map[string]string{"A <1>b</1> d.": "Bir <1>b</1> d.", "Title": "Başlık (x)"},
			`Bir [b](c "Başlık \(x\)") d.`},
		{"html text", `<p>Subscribe now!</p>`, map[string]string{"Subscribe now!": `Abone <b>"ol"</b> & {{% x %}}`},
			`<p>Abone &lt;b&gt;"ol"&lt;/b&gt; &amp; &#123;{% x %}}</p>`},
		{"alt in a sentence", `<p>See <img src="x" alt="a map"> here.</p>`, map[string]string{"See <1/> here.": "Bakın <1/>.", "a map": `bir "harita" & 'x'`},
			`<p>Bakın <img src="x" alt="bir &#34;harita&#34; &amp; &#39;x&#39;">.</p>`},
		{"unquoted", `<img src=x alt=Cat>`, map[string]string{"Cat": "Kara kedi"}, `<img src=x alt=Kara&#32;kedi>`},
		{"shortcode kept", `Watch {{< youtube abc >}} now.`, map[string]string{"Watch <1/> now.": "Şimdi <1/> izleyin {{< x >}}."},
			`Şimdi {{< youtube abc >}} izleyin \{\{\< x >}}.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Split([]byte(tt.src), Options{Lang: language.English})
			if err != nil {
				t.Fatal(err)
			}
			got, err := Assemble(doc, func(i int) string {
				if tr, ok := tt.tr[doc.Segments[i].Text]; ok {
					return tr
				}
				return doc.Segments[i].Text
			})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
