package workflow

// Tests of tilmash build (issue 6): the editions of the sample against
// golden files, UI strings (plurals, dates, casing), index collation,
// hostile translations, the policies and the manifest, the Hugo layout.

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/workflow/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ instead of comparing")

// syncedWorkspace writes files (slash paths relative to the workspace) into
// a new folder, syncs it and returns the folder.
func syncedWorkspace(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	syncDir(t, dir)
	return dir
}

// configFor is a tilmash.toml for the given languages, with the defaults of
// tilmash init.
func configFor(langs ...string) string {
	return fmt.Sprintf("languages = [\"%s\"]\narticles = \"articles\"\nlocales = \"locales\"\noutput = \"dist\"\n", strings.Join(langs, `", "`))
}

// writeTranslations writes the target catalog of an article: tr gives the
// translation of each segment (by ID and source text), or "" to leave it
// missing. Translations carry the hash of their source: they are current.
func writeTranslations(t *testing.T, dir, slug, lang string, tr func(id, source string) string) {
	t.Helper()
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := ws.articleState(slug)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []catalog.Message
	for _, u := range st.units {
		if s := tr(u.ID, u.Text); s != "" {
			msgs = append(msgs, catalog.Message{ID: u.ID, Hash: catalog.Hash("", u.Text), Other: s})
		}
	}
	data, err := catalog.Marshal("", msgs)
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, filepath.FromSlash(ws.CatalogPath(slug, language.Make(lang)))), string(data))
}

// approve approves the current translations of the given segments (all,
// when none is given) in the target sidecar, as an editor would.
func approve(t *testing.T, dir, slug, lang string, ids ...string) {
	t.Helper()
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tag := language.Make(lang)
	st, err := ws.articleState(slug)
	if err != nil {
		t.Fatal(err)
	}
	states, err := ws.segmentStates(st, tag)
	if err != nil {
		t.Fatal(err)
	}
	meta, err := ws.loadMeta(ws.MetaPath(slug, tag))
	if err != nil {
		t.Fatal(err)
	}
	if meta.Segments == nil {
		meta.Segments = map[string]catalog.SegmentMeta{}
	}
	for _, s := range states {
		if s.Translation == "" || len(ids) > 0 && !slices.Contains(ids, s.ID) {
			continue
		}
		sm := meta.Segments[s.ID]
		sm.Review = &catalog.Review{By: "editor", On: "2024-01-02", Source: catalog.Hash("", s.Source), Translation: catalog.TextHash(s.Translation)}
		meta.Segments[s.ID] = sm
	}
	data, err := meta.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, filepath.FromSlash(ws.MetaPath(slug, tag))), string(data))
}

func writeTestFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// buildResult is the outcome of a build: the files it writes and removes.
type buildResult struct {
	files    map[string]string
	removed  []string
	manifest *Manifest
}

// buildIn builds the workspace in dir with the options change makes to its
// defaults.
func buildIn(t *testing.T, dir string, change func(*BuildOptions)) buildResult {
	t.Helper()
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := ws.BuildOptions()
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(&opts)
	}
	plan, m, err := ws.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	b := buildResult{files: map[string]string{}, manifest: m}
	for _, c := range plan.Changes {
		if c.Remove {
			b.removed = append(b.removed, c.Path)
		} else {
			b.files[c.Path] = string(c.Data)
		}
	}
	return b
}

// edition returns the result of one edition in the manifest.
func (b buildResult) edition(t *testing.T, slug, lang string) EditionResult {
	t.Helper()
	for _, e := range b.manifest.Editions {
		if e.Article == slug && e.Lang == lang {
			return e
		}
	}
	t.Fatalf("the manifest has no %s edition of %s", lang, slug)
	return EditionResult{}
}

// file returns a file the build writes.
func (b buildResult) file(t *testing.T, name string) string {
	t.Helper()
	s, ok := b.files[name]
	if !ok {
		t.Fatalf("the build does not write %s; it writes %v", name, sortedKeys(b.files))
	}
	return s
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// styleBlock is the page's inline CSS, which workflow/page's own golden
// files cover; the build's golden files leave it out.
var styleBlock = regexp.MustCompile(`(?s)<style>.*?</style>`)

// TestBuildSampleGolden builds the repository's sample article and compares
// every file with testdata/build/; -update rewrites them. Review the diff
// of an update like code.
func TestBuildSampleGolden(t *testing.T) {
	b := buildIn(t, repoRoot, nil)
	if len(b.removed) > 0 {
		t.Errorf("the sample build removes %v", b.removed)
	}
	for _, e := range b.manifest.Editions {
		if !e.Built || len(e.UIFallback) > 0 || e.Coverage.Percent != 100 {
			t.Errorf("%s %s: built %v, coverage %.0f%%, UI strings missing %v: want built, 100%%, none missing (%s)", e.Article, e.Lang, e.Built, e.Coverage.Percent, e.UIFallback, e.Reason)
		}
	}
	if got, want := len(b.manifest.Editions), 4; got != want {
		t.Errorf("%d editions, want %d", got, want)
	}
	golden := filepath.Join("testdata", "build")
	for _, name := range sortedKeys(b.files) {
		got := b.files[name]
		if strings.HasSuffix(name, ".html") {
			got = styleBlock.ReplaceAllString(got, "<style>/* workflow/page CSS */</style>")
		}
		p := filepath.Join(golden, filepath.FromSlash(name))
		if *update {
			writeTestFile(t, p, got)
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%v (run go test ./workflow/ -run TestBuildSampleGolden -update to create it)", err)
			continue
		}
		if got != string(want) {
			t.Errorf("%s differs from %s; run go test ./workflow/ -run TestBuildSampleGolden -update and review the diff:\n%s", name, p, firstDifference(got, string(want)))
		}
	}
	// No golden file is left over from a file the build no longer writes.
	err := filepath.WalkDir(golden, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(golden, p)
		if _, ok := b.files[filepath.ToSlash(rel)]; !ok {
			t.Errorf("%s: the build no longer writes %s; delete the golden file", p, rel)
		}
		return nil
	})
	if err != nil && !*update {
		t.Error(err)
	}
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %.300q\nwant: %.300q", i+1, gl, wl)
		}
	}
	return "(same lines, different line endings?)"
}

// TestBuildSampleEditions checks what each edition of the sample says
// about itself: language, title, "translated from", the casing of its
// language, alternates, footer, and the Markdown front matter.
func TestBuildSampleEditions(t *testing.T) {
	b := buildIn(t, repoRoot, nil)
	for _, tc := range []struct {
		lang, title, kicker, reading, footer, translationOf string
	}{
		{"en", "Kazakhstan-Turkey: new steps and old risks of Tokayev?", "ORIGINAL ARTICLE", "Reading time: 4 minutes", "© 2015–2023. All rights reserved.", ""},
		// A no-break space before the dash and between number and unit.
		{"ru", "Казахстан\u00a0— Турция: новые шаги и старые риски Токаева?", "ПЕРЕВОД С АНГЛИЙСКОГО", "Время чтения: 4\u00a0минуты", "© 2015–2023. Все права защищены.", "kazakhstan-turkey.en"},
		{"kk", "Қазақстан\u00a0— Түркия: Тоқаевтың жаңа қадамдары мен ескі тәуекелдері?", "АҒЫЛШЫН ТІЛІНЕН АУДАРЫЛҒАН", "Оқу уақыты: 4\u00a0минут", "© 2015–2023. Барлық құқықтар қорғалған.", "kazakhstan-turkey.en"},
		// cases.Upper(language.Turkish): i → İ, not I.
		{"tr", "Kazakistan-Türkiye: Tokayev’in yeni adımları ve eski riskleri?", "İNGİLİZCEDEN ÇEVRİLMİŞTİR", "Okuma süresi: 4 dakika", "© 2015–2023. Tüm hakları saklıdır.", "kazakhstan-turkey.en"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			html := b.file(t, tc.lang+"/kazakhstan-turkey.html")
			esc := strings.NewReplacer("'", "&#39;").Replace
			for _, want := range []string{
				`<html lang="` + tc.lang + `" dir="ltr">`,
				"<title>" + esc(tc.title) + "</title>",
				"<h1>" + esc(tc.title) + "</h1>",
				`<p class="kicker">` + tc.kicker + "</p>",
				"<li>" + tc.reading + "</li>",
				"<footer class=\"colophon\">\n<p>" + tc.footer + "</p>",
			} {
				if !strings.Contains(html, want) {
					t.Errorf("the page lacks %q", want)
				}
			}
			// hreflang alternates to all four editions, this one included.
			alts := regexp.MustCompile(`<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">`).FindAllStringSubmatch(html, -1)
			var got []string
			for _, a := range alts {
				got = append(got, a[1]+" "+a[2])
			}
			want := []string{"en ../en/kazakhstan-turkey.html", "ru ../ru/kazakhstan-turkey.html", "kk ../kk/kazakhstan-turkey.html", "tr ../tr/kazakhstan-turkey.html"}
			if !slices.Equal(got, want) {
				t.Errorf("hreflang links = %q, want %q", got, want)
			}
			md := b.file(t, tc.lang+"/kazakhstan-turkey.md")
			fm := editionFrontMatter(t, md)
			if fm["title"] != tc.title || fm["lang"] != tc.lang || fm["translationKey"] != "kazakhstan-turkey" || fm["source"] != "https://golosislama.com/" {
				t.Errorf("front matter = %v", fm)
			}
			if got, _ := fm["translation_of"].(string); got != tc.translationOf {
				t.Errorf("translation_of = %q, want %q", got, tc.translationOf)
			}
		})
	}
}

// editionFrontMatter parses the TOML front matter of an edition's Markdown.
func editionFrontMatter(t *testing.T, md string) map[string]any {
	t.Helper()
	rest, ok := strings.CutPrefix(md, "+++\n")
	fm, _, ok2 := strings.Cut(rest, "+++\n")
	if !ok || !ok2 {
		t.Fatalf("no front matter in %.200q", md)
	}
	var m map[string]any
	if err := toml.Unmarshal([]byte(fm), &m); err != nil {
		t.Fatalf("front matter %q: %v", fm, err)
	}
	return m
}

// wordsOf returns n words of w, as sentences of ten words.
func wordsOf(w string, n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteString(w)
		switch {
		case i == n-1 || i%10 == 9:
			sb.WriteString(". ")
		default:
			sb.WriteString(" ")
		}
	}
	return strings.TrimSpace(sb.String())
}

// sameLength translates a text into as many words of w.
func sameLength(w string) func(id, source string) string {
	return func(_, source string) string { return wordsOf(w, CountWords(source)) }
}

// TestBuildReadingTimePlurals checks the plural forms of the reading time
// through go-i18n and CLDR: Russian has one, few and many.
func TestBuildReadingTimePlurals(t *testing.T) {
	files := map[string]string{"tilmash.toml": configFor("en", "ru", "kk", "tr")}
	// 1 title word + n body words: 1, 3 and 5 minutes at 200 words a minute.
	for slug, n := range map[string]int{"one": 100, "three": 500, "five": 900} {
		var paras []string
		for i := 0; i < n/50; i++ {
			paras = append(paras, wordsOf("Word", 50))
		}
		files["articles/"+slug+".md"] = "+++\ntitle = \"Title\"\nlang = \"en\"\n+++\n\n" + strings.Join(paras, "\n\n") + "\n"
	}
	dir := syncedWorkspace(t, files)
	for _, slug := range []string{"one", "three", "five"} {
		writeTranslations(t, dir, slug, "ru", sameLength("слово"))
		writeTranslations(t, dir, slug, "kk", sameLength("сөз"))
		writeTranslations(t, dir, slug, "tr", sameLength("kelime"))
	}
	b := buildIn(t, dir, nil)
	for _, tc := range []struct{ slug, lang, want string }{
		{"one", "en", "Reading time: 1 minute"},
		{"three", "en", "Reading time: 3 minutes"},
		{"one", "ru", "Время чтения: 1\u00a0минута"},
		{"three", "ru", "Время чтения: 3\u00a0минуты"},
		{"five", "ru", "Время чтения: 5\u00a0минут"},
		{"one", "kk", "Оқу уақыты: 1\u00a0минут"},
		{"five", "kk", "Оқу уақыты: 5\u00a0минут"},
		{"three", "tr", "Okuma süresi: 3 dakika"},
	} {
		if html := b.file(t, tc.lang+"/"+tc.slug+".html"); !strings.Contains(html, "<li>"+tc.want+"</li>") {
			t.Errorf("%s/%s.html lacks %q", tc.lang, tc.slug, tc.want)
		}
	}
}

// TestBuildDates checks that the article's date is written the way each
// language writes dates, with UI strings, and that a language without
// them gets an ISO date and a note in the manifest, not another language's
// month names.
func TestBuildDates(t *testing.T) {
	// The UI strings of a date in June, as the workspace's ui files would
	// have them: the pattern and the month's name.
	dateUI := map[string][2]string{
		"en": {"{{.Day}} {{.Month}} {{.Year}}", "June"},
		"ru": {"{{.Day}} {{.Month}} {{.Year}} г.", "июня"},
		"kk": {"{{.Year}} жылғы {{.Day}} {{.Month}}", "маусым"},
		"tr": {"{{.Day}} {{.Month}} {{.Year}}", "Haziran"},
	}
	files := map[string]string{
		"tilmash.toml":  configFor("en", "ru", "kk", "tr", "de"),
		"articles/a.md": "+++\ntitle = \"Almaty\"\nlang = \"en\"\ndate = 2022-06-12\n+++\n\nMr. Smith arrived in Almaty.\n",
	}
	for lang, ui := range dateUI {
		files["locales/"+lang+"/ui."+lang+".toml"] = fmt.Sprintf("[edition_date]\nother = %q\n\n[month_6]\nother = %q\n", ui[0], ui[1])
	}
	dir := syncedWorkspace(t, files)
	for _, lang := range []string{"ru", "kk", "tr", "de"} {
		writeTranslations(t, dir, "a", lang, func(id, source string) string { return lang + ": " + source })
	}
	b := buildIn(t, dir, nil)
	for lang, want := range map[string]string{"en": "12 June 2022", "ru": "12 июня 2022 г.", "kk": "2022 жылғы 12 маусым", "tr": "12 Haziran 2022", "de": "2022-06-12"} {
		if html := b.file(t, lang+"/a.html"); !strings.Contains(html, "<li>"+want+"</li>") {
			t.Errorf("%s edition: no date %q", lang, want)
		}
		if e := b.edition(t, "a", lang); lang != "de" && len(e.UIFallback) > 0 {
			t.Errorf("%s edition: UI strings missing: %v", lang, e.UIFallback)
		}
	}
	if got := b.edition(t, "a", "de").UIFallback; !slices.Contains(got, "edition_date") || !slices.Contains(got, "month_6") || !slices.Contains(got, "copyright") {
		t.Errorf("de edition: ui_fallback = %v, want the date strings and the rest", got)
	}
	if fm := editionFrontMatter(t, b.file(t, "ru/a.md")); fmt.Sprint(fm["date"]) != "2022-06-12" {
		t.Errorf("front matter date = %v", fm["date"])
	}
}

// TestBuildIndexCollation checks that each language's index lists its
// editions in the order of the language's collation: Turkish Ç after C,
// Kazakh Ұ, Ү and І in their own places, where the byte order and the
// English collation would put them elsewhere.
func TestBuildIndexCollation(t *testing.T) {
	type article struct{ en, tr, kk string }
	arts := map[string]article{
		"tea":    {"Tea", "Çay", "Ілім мен білім"},
		"walnut": {"Walnut", "Ceviz", "Ұлттық тағам"},
		"olive":  {"Olive", "Zeytin", "Үй шаруасы"},
	}
	files := map[string]string{"tilmash.toml": configFor("en", "tr", "kk")}
	for slug, a := range arts {
		files["articles/"+slug+".md"] = fmt.Sprintf("+++\ntitle = %q\nlang = \"en\"\n+++\n\nA %s.\n", a.en, slug)
	}
	dir := syncedWorkspace(t, files)
	for slug, a := range arts {
		writeTranslations(t, dir, slug, "tr", func(id, source string) string {
			if id == TitleID {
				return a.tr
			}
			return "Bir " + slug + "."
		})
		writeTranslations(t, dir, slug, "kk", func(id, source string) string {
			if id == TitleID {
				return a.kk
			}
			return "Бір " + slug + "."
		})
	}
	b := buildIn(t, dir, nil)
	entry := regexp.MustCompile(`<h2><a href="([^"]+)\.html"[^>]*>([^<]+)</a></h2>`)
	for lang, want := range map[string][]string{
		"en": {"olive", "tea", "walnut"}, // Olive, Tea, Walnut
		"tr": {"walnut", "tea", "olive"}, // Ceviz, Çay, Zeytin (en: Çay, Ceviz; bytes: Ceviz, Zeytin, Çay)
		"kk": {"walnut", "olive", "tea"}, // Ұлттық, Үй, Ілім (en and bytes: Ілім, Үй, Ұлттық)
	} {
		var got []string
		for _, m := range entry.FindAllStringSubmatch(b.file(t, lang+"/index.html"), -1) {
			got = append(got, m[1])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s/index.html lists %q, want %q", lang, got, want)
		}
	}
	kk := b.file(t, "kk/index.html")
	if !strings.Contains(kk, "100% аударылған") || !strings.Contains(kk, `<html lang="kk"`) || !strings.Contains(kk, "<h1>Мақалалар</h1>") {
		t.Errorf("kk/index.html lacks its title, coverage line or lang")
	}
}

// hostileTranslation is a translation that tries every way to put markup in a page.
const hostileTranslation = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** `code` <b>b</b> &amp; &lt;i&gt; \uE000en\uE001forged\uE000\uE001 <1>Almaty</1>."

// hostileWorkspace is a workspace whose ru translation is hostile, in the
// title and in the body.
func hostileWorkspace(t *testing.T) string {
	t.Helper()
	dir := syncedWorkspace(t, map[string]string{
		"tilmash.toml":  configFor("en", "ru"),
		"articles/a.md": "+++\ntitle = \"Almaty\"\nlang = \"en\"\n+++\n\nMr. Smith arrived in **Almaty**.\n\n## Later\n\nHe left.\n",
	})
	writeTranslations(t, dir, "a", "ru", func(id, source string) string {
		switch {
		case id == TitleID:
			return `<script>alert("title")</script> "Алматы" & <i>co</i>`
		case strings.Contains(source, "<1>"):
			return hostileTranslation
		}
		return "# Позже\n\n<div onclick=alert(1)>x</div>"
	})
	return dir
}

// TestBuildHostileTranslation checks that translations are text: nothing a
// translator writes adds an element, an attribute or a script to a page,
// and the reader sees it literally.
func TestBuildHostileTranslation(t *testing.T) {
	b := buildIn(t, hostileWorkspace(t), nil)
	if e := b.edition(t, "a", "ru"); !e.Built {
		t.Fatalf("ru edition not built: %s", e.Reason)
	}
	html := b.file(t, "ru/a.html")
	head, body, _ := strings.Cut(html, "<body")
	// The elements and attributes of the body are the page's and
	// goldmark's own, and the <strong> of the source's **Almaty**.
	allowed := map[string]bool{"<div class=\"body\">": true, "<p>": true, "<h2>": true, "<strong>": true, "<p class=\"also\">": true, "<span class=\"also-label\">": true}
	for _, tag := range regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(body[strings.Index(body, `<div class="body">`):strings.Index(body, "</article>")], -1) {
		if !allowed[tag] && !strings.HasPrefix(tag, `<a href="../en/a.html" hreflang="en" lang="en">`) {
			t.Errorf("the body has the element %s", tag)
		}
	}
	if strings.ContainsRune(body, '\uE000') || strings.Contains(body, `<span lang="en">`) {
		t.Errorf("a translation forged a language mark")
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; **bold** `code` &lt;b&gt;b&lt;/b&gt; &amp;amp; &amp;lt;i&amp;gt; enforged <strong>Almaty</strong>.",
		"<h2># Позже &lt;div onclick=alert(1)&gt;x&lt;/div&gt;</h2>",
		"<h1>&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &#34;Алматы&#34; &amp; &lt;i&gt;co&lt;/i&gt;</h1>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page body lacks the literal text %q", want)
		}
	}
	if !strings.Contains(head, "<title>&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &#34;Алматы&#34; &amp; &lt;i&gt;co&lt;/i&gt;</title>") {
		t.Errorf("the title is not shown literally")
	}
	if strings.Count(html, "<script") != 0 {
		t.Errorf("the page has a script element")
	}
	md := b.file(t, "ru/a.md")
	if got := editionFrontMatter(t, md)["title"]; got != `<script>alert("title")</script> "Алматы" & <i>co</i>` {
		t.Errorf("front matter title = %q", got)
	}
	if !strings.Contains(md, `\<script>alert(1)\</script>`) || !strings.Contains(md, "\\*\\*bold\\*\\*") || !strings.Contains(md, "\n\\# Позже") {
		t.Errorf("the Markdown does not escape the translation:\n%s", md)
	}
}

// policyWorkspace has one article in en with five segments (title, two
// sentences, a heading and a sentence) and ru, kk and tr catalogs: ru
// translated except the last segment, kk fully translated, tr with the
// title only.
func policyWorkspace(t *testing.T) string {
	t.Helper()
	dir := syncedWorkspace(t, map[string]string{
		"tilmash.toml":  configFor("en", "ru", "kk", "tr"),
		"articles/a.md": "+++\ntitle = \"Almaty\"\nlang = \"en\"\n+++\n\nMr. Smith arrived in **Almaty**. He met the mayor.\n\n## Later\n\nHe left on Tuesday.\n",
	})
	ru := map[string]string{"Almaty": "Алматы", "Mr. Smith arrived in <1>Almaty</1>.": "Г-н Смит прибыл в <1>Алматы</1>.", "He met the mayor.": "Он встретился с мэром.", "Later": "Позже"}
	kk := map[string]string{"Almaty": "Алматы", "Mr. Smith arrived in <1>Almaty</1>.": "Смит мырза <1>Алматыға</1> келді.", "He met the mayor.": "Ол әкіммен кездесті.", "Later": "Кейін", "He left on Tuesday.": "Ол сейсенбіде кетті."}
	writeTranslations(t, dir, "a", "ru", func(_, s string) string { return ru[s] })
	writeTranslations(t, dir, "a", "kk", func(_, s string) string { return kk[s] })
	writeTranslations(t, dir, "a", "tr", func(id, _ string) string {
		if id == TitleID {
			return "Almatı"
		}
		return ""
	})
	return dir
}

// TestBuildPolicies checks --require, --fallback and --min-coverage: which
// editions are built, what the manifest says of the others and why, and
// that the files of an edition not built are not left behind.
func TestBuildPolicies(t *testing.T) {
	t.Run("default: unfinished editions are not written", func(t *testing.T) {
		dir := policyWorkspace(t)
		// An earlier build wrote ru and tr editions and index pages, and
		// its manifest says so; this one must take them away.
		writeTestFile(t, filepath.Join(dir, "dist", "ru", "a.html"), "old")
		earlier := &Manifest{Files: []string{"ru/a.html", "ru/a.md", "ru/index.html", "tr/a.html", "tr/a.md", "tr/index.html"}}
		b := buildIn(t, dir, func(o *BuildOptions) { o.Previous = earlier })
		ru := b.edition(t, "a", "ru")
		if ru.Built || len(ru.Files) != 0 {
			t.Fatalf("ru edition built with a missing segment: %+v", ru)
		}
		for _, want := range []string{"1 of 5 segments is not translated (1 missing)", "no fallback", "tilmash pull --lang ru --article a", "locales/ru/a.ru.toml", "--fallback source --min-coverage 80"} {
			if !strings.Contains(ru.Reason, want) {
				t.Errorf("ru reason %q lacks %q", ru.Reason, want)
			}
		}
		if want := (Coverage{Segments: 5, Finished: 4, Unfilled: 1, Percent: 80, States: &StateCounts{Missing: 1, Translated: 4}}); !coverageEqual(ru.Coverage, want) {
			t.Errorf("ru coverage = %+v %+v, want %+v %+v", ru.Coverage, ru.Coverage.States, want, want.States)
		}
		for _, f := range []string{"ru/a.md", "ru/a.html", "tr/a.md", "tr/a.html"} {
			if _, ok := b.files[f]; ok {
				t.Errorf("%s written for an edition that was not built", f)
			}
			if !slices.Contains(b.removed, f) {
				t.Errorf("%s of an earlier build is not removed", f)
			}
		}
		if !slices.Contains(b.removed, "tr/index.html") || !slices.Contains(b.removed, "ru/index.html") {
			t.Errorf("the indexes of languages without editions are not removed: %v", b.removed)
		}
		if e := b.edition(t, "a", "kk"); !e.Built || !slices.Equal(e.Files, []string{"kk/a.md", "kk/a.html"}) {
			t.Errorf("kk edition = %+v, want built", e)
		}
		if got := len(b.manifest.Failed()); got != 2 {
			t.Errorf("%d failed editions, want 2 (ru, tr)", got)
		}
		// The finished editions link each other, not the ones not built.
		if html := b.file(t, "kk/a.html"); strings.Contains(html, `hreflang="ru"`) || !strings.Contains(html, `hreflang="en"`) {
			t.Errorf("kk alternates link an edition that was not built, or miss en")
		}
		if got := b.file(t, "manifest.json"); !strings.Contains(got, `"reason": "1 of 5 segments is not translated`) || strings.Contains(got, "time") {
			t.Errorf("manifest.json:\n%s", got)
		}
	})

	t.Run("require reviewed", func(t *testing.T) {
		dir := policyWorkspace(t)
		approve(t, dir, "a", "kk", TitleID)
		b := buildIn(t, dir, func(o *BuildOptions) { o.Require = Reviewed })
		kk := b.edition(t, "a", "kk")
		if kk.Built {
			t.Fatalf("kk built with unreviewed segments")
		}
		if want := "4 of 5 segments are not reviewed (4 translated but not reviewed) and there is no fallback: review them (tilmash review --lang kk --article a), or build with --fallback source --min-coverage 20"; kk.Reason != want {
			t.Errorf("kk reason = %q, want %q", kk.Reason, want)
		}
		if kk.Coverage.States.Reviewed != 1 || kk.Coverage.Finished != 1 {
			t.Errorf("kk coverage = %+v %+v", kk.Coverage, kk.Coverage.States)
		}
		approve(t, dir, "a", "kk")
		b = buildIn(t, dir, func(o *BuildOptions) { o.Require = Reviewed })
		if kk := b.edition(t, "a", "kk"); !kk.Built || kk.Coverage.Percent != 100 {
			t.Errorf("kk, all reviewed: %+v", kk)
		}
		// Editing a reviewed translation makes its approval lapse.
		p := filepath.Join(dir, "locales", "kk", "a.kk.toml")
		data, _ := os.ReadFile(p)
		writeTestFile(t, p, strings.Replace(string(data), "Кейін", "Кейінірек", 1))
		if kk := buildIn(t, dir, func(o *BuildOptions) { o.Require = Reviewed }).edition(t, "a", "kk"); kk.Built {
			t.Errorf("kk built after a reviewed translation was edited")
		}
	})

	t.Run("fallback source", func(t *testing.T) {
		b := buildIn(t, policyWorkspace(t), func(o *BuildOptions) { o.Fallback, o.MinCoverage = "source", 80 })
		ru := b.edition(t, "a", "ru")
		if !ru.Built || ru.FallbackLang != "en" || len(ru.FallbackSegments) != 1 || ru.Coverage.Fallback != 1 {
			t.Fatalf("ru = %+v", ru)
		}
		html := b.file(t, "ru/a.html")
		if !strings.Contains(html, `<p><span lang="en">He left on Tuesday.</span></p>`) {
			t.Errorf("the fallback sentence is not marked with its language:\n%s", html)
		}
		if !strings.Contains(html, `<p class="notice" role="note">Некоторые фрагменты`) {
			t.Errorf("no fallback notice")
		}
		md := b.file(t, "ru/a.md")
		if strings.ContainsAny(md, "\uE000\uE001") || !strings.Contains(md, "\nHe left on Tuesday.\n") {
			t.Errorf("the Markdown has marks or lacks the fallback text:\n%s", md)
		}
		if fb, _ := editionFrontMatter(t, md)["fallback"].([]any); len(fb) != 1 || fb[0] != ru.FallbackSegments[0] {
			t.Errorf("front matter fallback = %v, want %v", fb, ru.FallbackSegments)
		}
		// tr has 1 of 5 segments: under the minimum.
		tr := b.edition(t, "a", "tr")
		if tr.Built || tr.Reason != "only 20% of the segments are translated and 4 would be shown in en; the minimum is 80%: translate the rest (tilmash pull --lang tr --article a; message file locales/tr/a.tr.toml), or lower it with --min-coverage 20" {
			t.Errorf("tr = %+v", tr)
		}
		// With a lower minimum, tr is built too, mostly in English.
		b = buildIn(t, policyWorkspace(t), func(o *BuildOptions) { o.Fallback, o.MinCoverage = "source", 10 })
		if tr := b.edition(t, "a", "tr"); !tr.Built || tr.Coverage.Fallback != 4 {
			t.Errorf("tr with --min-coverage 10 = %+v", tr)
		}
		// The title fell back in no edition; the index marks none.
		if strings.Contains(b.file(t, "tr/index.html"), `<a href="a.html" lang=`) {
			t.Errorf("tr index marks a title as English")
		}
	})

	t.Run("fallback to another translation", func(t *testing.T) {
		b := buildIn(t, policyWorkspace(t), func(o *BuildOptions) { o.Fallback, o.MinCoverage = "kk", 0 })
		tr := b.edition(t, "a", "tr")
		if !tr.Built || tr.FallbackLang != "kk" || tr.Coverage.Fallback != 4 {
			t.Fatalf("tr = %+v", tr)
		}
		html := b.file(t, "tr/a.html")
		if !strings.Contains(html, `<h2><span lang="kk">Кейін</span></h2>`) {
			t.Errorf("the kk fallback heading is not marked")
		}
		if !strings.Contains(html, `<span lang="kk">Смит мырза <strong>Алматыға</strong> келді.</span>`) {
			t.Errorf("the kk fallback sentence with markup is not marked")
		}
	})

	t.Run("fallback title is marked in the index", func(t *testing.T) {
		dir := policyWorkspace(t)
		writeTranslations(t, dir, "a", "tr", func(id, s string) string {
			if id == TitleID {
				return ""
			}
			return "Türkçe: " + s
		})
		b := buildIn(t, dir, func(o *BuildOptions) { o.Fallback, o.MinCoverage = "source", 50 })
		if tr := b.edition(t, "a", "tr"); !tr.Built || tr.Title != "Almaty" {
			t.Fatalf("tr = %+v", tr)
		}
		if !strings.Contains(b.file(t, "tr/index.html"), `<a href="a.html" lang="en">Almaty</a>`) {
			t.Errorf("the English title in the Turkish index has no lang")
		}
	})

	t.Run("stale segments", func(t *testing.T) {
		dir := policyWorkspace(t)
		editFile(t, filepath.Join(dir, "articles", "a.md"), "He met the mayor.", "He met the new mayor.")
		syncDir(t, dir)
		kk := buildIn(t, dir, nil).edition(t, "a", "kk")
		if kk.Built || !strings.HasPrefix(kk.Reason, "1 of 5 segments is not translated (1 stale)") || !strings.Contains(kk.Reason, ": translate it (tilmash pull --lang kk --article a; message file locales/kk/a.kk.toml)") {
			t.Errorf("kk = %+v", kk)
		}
	})

	t.Run("a translation that breaks its markup fails its edition only", func(t *testing.T) {
		dir := policyWorkspace(t)
		writeTranslations(t, dir, "a", "kk", func(id, s string) string {
			if strings.Contains(s, "<1>") {
				return "Смит мырза Алматыға келді."
			}
			return "Аударма"
		})
		b := buildIn(t, dir, nil)
		kk := b.edition(t, "a", "kk")
		if kk.Built || !strings.HasPrefix(kk.Reason, "locales/kk/a.kk.toml: segment mr-smith-arrived-") || !strings.Contains(kk.Reason, "<1>…</1> is missing") {
			t.Errorf("kk = %+v", kk)
		}
		if en := b.edition(t, "a", "en"); !en.Built {
			t.Errorf("en not built")
		}
	})

	t.Run("policy errors", func(t *testing.T) {
		ws, err := Open(policyWorkspace(t))
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			change func(*BuildOptions)
			want   string
		}{
			{func(o *BuildOptions) { o.Require = "done" }, `require "done": use translated or reviewed`},
			{func(o *BuildOptions) { o.Fallback = "fr" }, `fallback: language "fr" is not one of the workspace's languages`},
			{func(o *BuildOptions) { o.MinCoverage = 120 }, "min coverage 120"},
			{func(o *BuildOptions) { o.Formats = []string{"pdf"} }, `format "pdf"`},
			{func(o *BuildOptions) { o.Layout = "jekyll" }, `layout "jekyll": use default or hugo`},
			{func(o *BuildOptions) { o.Layout = LayoutHugo }, "the hugo layout writes Markdown only"},
		} {
			opts, _ := ws.BuildOptions()
			tc.change(&opts)
			_, _, err := ws.Build(context.Background(), opts)
			var pe *PolicyError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want a PolicyError with %q", err, tc.want)
			}
		}
	})

	t.Run("one article: no index pages", func(t *testing.T) {
		dir := policyWorkspace(t)
		b := buildIn(t, dir, func(o *BuildOptions) { o.Articles = []string{"a"} })
		for name := range b.files {
			if path.Base(name) == "index.html" {
				t.Errorf("%s written by a build of some articles", name)
			}
		}
	})
}

// coverageEqual compares coverages, percentages to four decimals.
func coverageEqual(a, b Coverage) bool {
	return a.Segments == b.Segments && a.Finished == b.Finished && a.Fallback == b.Fallback && a.Unfilled == b.Unfilled &&
		fmt.Sprintf("%.4f", a.Percent) == fmt.Sprintf("%.4f", b.Percent) &&
		(a.States == nil) == (b.States == nil) && (a.States == nil || *a.States == *b.States)
}

// TestBuildHugoLayout checks the Hugo layout: content/<slug>.<lang>.md with
// Hugo's translationKey, no HTML, no index pages.
func TestBuildHugoLayout(t *testing.T) {
	earlier := &Manifest{Files: []string{"content/a.ru.md", "content/a.tr.md"}}
	b := buildIn(t, policyWorkspace(t), func(o *BuildOptions) { o.Layout, o.Formats, o.Previous = LayoutHugo, []string{"md"}, earlier })
	if got, want := sortedKeys(b.files), []string{"content/a.en.md", "content/a.kk.md", "manifest.json"}; !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	if got, want := b.removed, []string{"content/a.ru.md", "content/a.tr.md"}; !slices.Equal(got, want) {
		t.Errorf("removed = %q, want %q", got, want)
	}
	fm := editionFrontMatter(t, b.file(t, "content/a.kk.md"))
	if fm["translationKey"] != "a" || fm["lang"] != "kk" || fm["title"] != "Алматы" {
		t.Errorf("front matter = %v", fm)
	}
	if b.manifest.Policy.Layout != LayoutHugo || !slices.Equal(b.edition(t, "a", "kk").Files, []string{"content/a.kk.md"}) {
		t.Errorf("manifest = %+v", b.manifest)
	}
}

// TestBuildDeterministic builds twice and expects the same bytes.
func TestBuildDeterministic(t *testing.T) {
	dir := policyWorkspace(t)
	opts := func(o *BuildOptions) { o.Fallback, o.MinCoverage = "source", 0 }
	a, b := buildIn(t, dir, opts), buildIn(t, dir, opts)
	for name, data := range a.files {
		if b.files[name] != data {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if len(a.files) != len(b.files) || !bytes.Equal([]byte(fmt.Sprint(a.removed)), []byte(fmt.Sprint(b.removed))) {
		t.Errorf("two builds write different files")
	}
}

// TestWordDiff checks the word diff of the dashboard: whole words, spacing
// kept, a run of changed words as one deletion and one insertion.
func TestWordDiff(t *testing.T) {
	for _, tc := range []struct {
		name, old, cur string
		want           string
	}{
		{"same", "He left.", "He left.", "=He left."},
		{"insert", "Last fall, we wrote with optimism.", "Last fall, we wrote with great optimism.", "=Last fall, we wrote with |+great |=optimism."},
		{"replace a word", "the creation of the TSO", "the establishment of the TSO", "=the |-creation|+establishment|= of the TSO"},
		{"delete a clause", "Thanks to Allah, this did not happen, and Tokayev uses the moment well.", "Thanks to Allah, this did not happen.", "=Thanks to Allah, this did not happen|-, and Tokayev uses the moment well|=."},
		{"several words as one change", "He met the old mayor today.", "He met a new governor today.", "=He met |-the old mayor|+a new governor|= today."},
		{"Cyrillic and Kazakh words", "Что изменилось за полгода", "Что изменилось за год", "=Что изменилось за |-полгода|+год"},
		{"placeholders are units", "Mr. Smith arrived in <1>Almaty</1>.", "Mr. Smith arrived in <1>Astana</1>.", "=Mr. Smith arrived in <1>|-Almaty|+Astana|=</1>."},
		{"unknown previous source", "", "He left.", "+He left."},
		{"everything new", "Old text.", "New words", "-Old text.|+New words"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var parts []string
			var old, cur strings.Builder
			for _, op := range wordDiff(tc.old, tc.cur) {
				parts = append(parts, map[string]string{"equal": "=", "insert": "+", "delete": "-"}[op.Op]+op.Text)
				if op.Op != "insert" {
					old.WriteString(op.Text)
				}
				if op.Op != "delete" {
					cur.WriteString(op.Text)
				}
			}
			if got := strings.Join(parts, "|"); got != tc.want {
				t.Errorf("wordDiff(%q, %q) = %q, want %q", tc.old, tc.cur, got, tc.want)
			}
			if old.String() != tc.old || cur.String() != tc.cur {
				t.Errorf("the diff does not add up to its texts: %q, %q", old.String(), cur.String())
			}
		})
	}
}

// TestDashboard checks the data of the coverage dashboard after an edit of
// the sample: the matrix, the totals, and the stale segments with the word
// diff of their source.
func TestDashboard(t *testing.T) {
	dir := sampleCopy(t)
	editFile(t, filepath.Join(dir, "articles", "kazakhstan-turkey.md"), "Thanks to Allah, this did not happen, and it is wonderful", "Thanks to Allah, this did not happen, and it is good")
	ws := syncDir(t, dir)
	d, err := ws.dashboard(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Languages, []string{"en", "ru", "kk", "tr"}) || len(d.Rows) != 1 {
		t.Fatalf("languages %q, %d rows", d.Languages, len(d.Rows))
	}
	r := d.Rows[0]
	if r.Article != "kazakhstan-turkey" || r.SourceLang != "en" || len(r.Cells) != 3 {
		t.Fatalf("row = %+v", r)
	}
	for _, c := range r.Cells {
		if c.Segments != 30 || c.Stale != 1 || c.Translated != 29 || c.WordsPending == 0 {
			t.Errorf("%s cell = %+v, want 1 of 30 segments stale", c.Lang, c)
		}
	}
	if len(r.Stale) != 3 {
		t.Fatalf("%d stale segments, want one per language", len(r.Stale))
	}
	s := r.Stale[0]
	var del, ins []string
	for _, op := range s.Diff {
		switch op.Op {
		case "delete":
			del = append(del, op.Text)
		case "insert":
			ins = append(ins, op.Text)
		}
	}
	if s.Lang != "ru" || !slices.Equal(del, []string{"wonderful"}) || !slices.Equal(ins, []string{"good"}) || !strings.Contains(s.Translation, "Аллаху") {
		t.Errorf("stale segment = %+v", s)
	}
	if len(d.Totals) != 3 || d.Totals[0].Lang != "ru" || d.Totals[0].Stale != 1 || d.Totals[0].Percent != 100*29.0/30 {
		t.Errorf("totals = %+v", d.Totals)
	}
	html, err := ws.Dashboard(context.Background(), Filter{Langs: []language.Tag{language.Turkish}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<del>wonderful</del>`, `<ins>good</ins>`, "kazakhstan-turkey"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
}

// TestBuildAdvice checks that a reason names the command that finishes an
// edition, and that the build it advises (--fallback source with the
// edition's own coverage as --min-coverage, or a lower --min-coverage)
// builds the edition rather than refusing it again, whatever the minimum
// of tilmash.toml.
func TestBuildAdvice(t *testing.T) {
	minCoverage := regexp.MustCompile(`--min-coverage (\d+)$`)
	for _, tc := range []struct {
		name   string
		change func(*BuildOptions)
		lang   string
		want   string
	}{
		{"missing", nil, "ru",
			"1 of 5 segments is not translated (1 missing) and there is no fallback: translate it (tilmash pull --lang ru --article a; message file locales/ru/a.ru.toml), or build with --fallback source --min-coverage 80"},
		{"nothing translated but the title", nil, "tr",
			"4 of 5 segments are not translated (4 missing) and there is no fallback: translate them (tilmash pull --lang tr --article a; message file locales/tr/a.tr.toml), or build with --fallback source --min-coverage 20"},
		{"translated, not reviewed", func(o *BuildOptions) { o.Require = Reviewed }, "kk",
			"5 of 5 segments are not reviewed (5 translated but not reviewed) and there is no fallback: review them (tilmash review --lang kk --article a), or build with --fallback source --min-coverage 0"},
		{"missing and not reviewed", func(o *BuildOptions) { o.Require = Reviewed }, "ru",
			"5 of 5 segments are not reviewed (1 missing, 4 translated but not reviewed) and there is no fallback: translate them (tilmash pull --lang ru --article a; message file locales/ru/a.ru.toml), then review (tilmash review --lang ru --article a), or build with --fallback source --min-coverage 0"},
		{"another language's fallback lacks text", func(o *BuildOptions) { o.Fallback, o.MinCoverage = "ru", 0 }, "tr",
			"4 of 5 segments are not translated (4 missing) and the ru fallback has no translated text for 1 of them: translate them (tilmash pull --lang tr --article a; message file locales/tr/a.tr.toml), or build with --fallback source --min-coverage 20"},
		{"under the minimum", func(o *BuildOptions) { o.Fallback, o.MinCoverage = "source", 100 }, "ru",
			"only 80% of the segments are translated and 1 would be shown in en; the minimum is 100%: translate the rest (tilmash pull --lang ru --article a; message file locales/ru/a.ru.toml), or lower it with --min-coverage 80"},
		{"under the minimum, not reviewed", func(o *BuildOptions) { o.Require, o.Fallback, o.MinCoverage = Reviewed, "source", 50 }, "kk",
			"only 0% of the segments are reviewed and 5 would be shown in en; the minimum is 50%: review the rest (tilmash review --lang kk --article a), or lower it with --min-coverage 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := policyWorkspace(t)
			ed := buildIn(t, dir, tc.change).edition(t, "a", tc.lang)
			if ed.Built || ed.Reason != tc.want {
				t.Fatalf("%s reason:\n got: %s\nwant: %s", tc.lang, ed.Reason, tc.want)
			}
			n := minCoverage.FindStringSubmatch(ed.Reason)
			if n == nil {
				t.Fatalf("no --min-coverage at the end of %q", ed.Reason)
			}
			advised := func(o *BuildOptions) {
				if tc.change != nil {
					tc.change(o)
				}
				if strings.Contains(ed.Reason, "--fallback source") {
					o.Fallback = "source"
				}
				_, err := fmt.Sscan(n[1], &o.MinCoverage)
				if err != nil {
					t.Fatal(err)
				}
			}
			if again := buildIn(t, dir, advised).edition(t, "a", tc.lang); !again.Built {
				t.Errorf("the advised build refuses %s again: %s", tc.lang, again.Reason)
			}
		})
	}
}

// TestShellWord checks the quoting of an article's name in the commands a
// reason advises.
func TestShellWord(t *testing.T) {
	for in, want := range map[string]string{
		"kazakhstan-turkey": "kazakhstan-turkey",
		"2024_03.notes":     "2024_03.notes",
		"it's here":         `'it'\''s here'`,
		"a;rm -rf":          "'a;rm -rf'",
		"қазақ":             "'қазақ'",
	} {
		if got := shellWord(in); got != want {
			t.Errorf("shellWord(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestPercentText checks that coverage is rounded down everywhere the build
// shows it: 99.9% is not done.
func TestPercentText(t *testing.T) {
	for p, want := range map[float64]string{0: "0", 20: "20", 100 * 29.0 / 30: "96", 99.9: "99", 100: "100", 100 * 7.0 / 10: "70"} {
		if got := PercentText(p); got != want {
			t.Errorf("PercentText(%v) = %s, want %s", p, got, want)
		}
	}
}

// completeWorkspace has two articles in en, a and b, translated into ru,
// kk and tr.
func completeWorkspace(t *testing.T) string {
	t.Helper()
	dir := syncedWorkspace(t, map[string]string{
		"tilmash.toml":  configFor("en", "ru", "kk", "tr"),
		"articles/a.md": "+++\ntitle = \"Almaty\"\nlang = \"en\"\n+++\n\nMr. Smith arrived in Almaty.\n",
		"articles/b.md": "+++\ntitle = \"Bishkek\"\nlang = \"en\"\n+++\n\nHe left for Bishkek.\n",
	})
	for _, slug := range []string{"a", "b"} {
		for _, lang := range []string{"ru", "kk", "tr"} {
			writeTranslations(t, dir, slug, lang, func(_, s string) string { return lang + ": " + s })
		}
	}
	return dir
}

// buildOut builds the workspace in dir into the output folder out, as the
// command does: with the manifest of the previous build there, if any.
func buildOut(t *testing.T, dir, out string, change func(*BuildOptions)) buildResult {
	t.Helper()
	b := buildIn(t, dir, func(o *BuildOptions) {
		if data, err := os.ReadFile(filepath.Join(out, "manifest.json")); err == nil {
			if o.Previous, err = ParseManifest(data); err != nil {
				t.Fatal(err)
			}
		}
		if change != nil {
			change(o)
		}
	})
	var changes []Change
	for name, data := range b.files {
		changes = append(changes, Change{Path: name, Data: []byte(data)})
	}
	for _, name := range b.removed {
		changes = append(changes, Change{Path: name, Remove: true})
	}
	if err := (DiskWriter{}).Apply(context.Background(), out, changes); err != nil {
		t.Fatal(err)
	}
	return b
}

// editionsOf lists the article and language of a manifest's editions.
func editionsOf(m *Manifest) []string {
	var out []string
	for _, e := range m.Editions {
		out = append(out, e.Article+" "+e.Lang)
	}
	return out
}

// hreflangs lists the languages a page links as alternates.
func hreflangs(html string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<link rel="alternate" hreflang="([a-z]+)"`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestBuildPartial checks that a build of one language or article after a
// full build keeps the rest of the manifest, links the editions of the
// other languages, lists every article in the indexes, and fails only for
// the editions in its scope.
func TestBuildPartial(t *testing.T) {
	dir := completeWorkspace(t)
	out := t.TempDir()
	full := buildOut(t, dir, out, nil)
	all := []string{"a en", "a ru", "a kk", "a tr", "b en", "b ru", "b kk", "b tr"}
	if got := editionsOf(full.manifest); !slices.Equal(got, all) {
		t.Fatalf("full build: editions %q", got)
	}
	fullManifest := full.file(t, "manifest.json")

	// Editing the kk translation of a and rebuilding kk changes its pages only.
	writeTranslations(t, dir, "a", "kk", func(id, s string) string {
		if id == TitleID {
			return "kk: " + s
		}
		return "қазақша: " + s
	})
	kk := buildOut(t, dir, out, func(o *BuildOptions) { o.Langs = []language.Tag{language.Kazakh} })
	if got := editionsOf(kk.manifest); !slices.Equal(got, all) {
		t.Errorf("--lang kk: manifest editions %q, want all of %q", got, all)
	}
	if got := len(kk.manifest.Results()); got != 2 {
		t.Errorf("--lang kk: %d results, want 2", got)
	}
	if kk.file(t, "manifest.json") != fullManifest {
		t.Errorf("--lang kk changed the manifest, though only a translation changed:\n%s", firstDifference(kk.file(t, "manifest.json"), fullManifest))
	}
	if len(kk.removed) > 0 {
		t.Errorf("--lang kk removes %q", kk.removed)
	}
	for _, slug := range []string{"a", "b"} {
		if got := hreflangs(kk.file(t, "kk/"+slug+".html")); !slices.Equal(got, []string{"en", "ru", "kk", "tr"}) {
			t.Errorf("kk/%s.html links %q, want en ru kk tr", slug, got)
		}
	}
	if _, ok := kk.files["ru/a.html"]; ok {
		t.Errorf("--lang kk writes ru/a.html")
	}
	// The indexes are the full build's: every article, every language.
	for _, lang := range []string{"en", "ru", "kk", "tr"} {
		if got, want := kk.file(t, lang+"/index.html"), full.file(t, lang+"/index.html"); got != want {
			t.Errorf("%s/index.html differs from the full build's:\n%s", lang, firstDifference(got, want))
		}
	}

	// One article: the indexes still list both.
	one := buildOut(t, dir, out, func(o *BuildOptions) { o.Articles = []string{"a"} })
	if got := editionsOf(one.manifest); !slices.Equal(got, all) {
		t.Errorf("--article a: manifest editions %q", got)
	}
	if idx := one.file(t, "en/index.html"); !strings.Contains(idx, "Almaty") || !strings.Contains(idx, "Bishkek") {
		t.Errorf("--article a: en/index.html does not list both articles")
	}

	// tr of b becomes unfinished: a build of kk does not link it, and does
	// not fail for it; a build of tr does, and replaces tr's entry.
	writeTranslations(t, dir, "b", "tr", func(id, s string) string {
		if id == TitleID {
			return "Bişkek"
		}
		return ""
	})
	kk = buildOut(t, dir, out, func(o *BuildOptions) { o.Langs = []language.Tag{language.Kazakh} })
	if got := hreflangs(kk.file(t, "kk/b.html")); !slices.Equal(got, []string{"en", "ru", "kk"}) {
		t.Errorf("kk/b.html links %q, want en ru kk: tr of b would not be built", got)
	}
	if f := kk.manifest.Failed(); len(f) != 0 {
		t.Errorf("--lang kk fails for %+v, outside its scope", f)
	}
	if e := kk.edition(t, "b", "tr"); !e.Built {
		t.Errorf("--lang kk changed the entry of b tr: %+v", e)
	}
	tr := buildOut(t, dir, out, func(o *BuildOptions) { o.Langs = []language.Tag{language.Turkish} })
	if f := tr.manifest.Failed(); len(f) != 1 || f[0].Article != "b" || f[0].Lang != "tr" {
		t.Errorf("--lang tr failed = %+v, want b tr", f)
	}
	if e := tr.edition(t, "b", "ru"); !e.Built || e.Title != "ru: Bishkek" {
		t.Errorf("--lang tr: b ru = %+v", e)
	}
	for _, f := range []string{"tr/b.md", "tr/b.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s of the unfinished edition is still there (%v)", f, err)
		}
	}
	if idx := tr.file(t, "tr/index.html"); strings.Contains(idx, "b.html") || !strings.Contains(idx, "a.html") {
		t.Errorf("tr/index.html lists b, or not a")
	}
}

// TestBuildOrphans checks that the files the previous manifest lists for an
// article that was renamed or deleted are removed with its entries, and
// that nothing the manifest does not list (or lists under a name a build
// would not write) is removed.
func TestBuildOrphans(t *testing.T) {
	dir := completeWorkspace(t)
	out := t.TempDir()
	buildOut(t, dir, out, func(o *BuildOptions) { o.Formats = []string{"md"} })
	// b's HTML page is not listed in the manifest: it stays.
	writeTestFile(t, filepath.Join(out, "en", "b.html"), "not the build's")
	// A manifest edited by hand lists files of a gone article that are
	// not its edition's.
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	prev, err := ParseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	prev.Editions = append(prev.Editions,
		EditionResult{Article: "x", Lang: "en", Built: true, Files: []string{"en/a.md", "manifest.json", "../x.md", "articles/a.md"}},
		EditionResult{Article: "..", Lang: "en", Built: true, Files: []string{"en/...md", "x.md"}},
		EditionResult{Article: "y", Lang: "fr", Built: true, Files: []string{"fr/y.md"}},
	)

	// Rename b to c.
	if err := os.Rename(filepath.Join(dir, "articles", "b.md"), filepath.Join(dir, "articles", "c.md")); err != nil {
		t.Fatal(err)
	}
	syncDir(t, dir)
	b := buildIn(t, dir, func(o *BuildOptions) { o.Previous, o.Formats = prev, []string{"md"} })
	// No build wrote index pages (no edition has an HTML page), so none is
	// removed.
	want := []string{"en/b.md", "fr/y.md", "kk/b.md", "ru/b.md", "tr/b.md"}
	if !slices.Equal(b.removed, want) {
		t.Errorf("removed %q, want %q", b.removed, want)
	}
	if got, want := editionsOf(b.manifest), []string{"a en", "a ru", "a kk", "a tr", "c en", "c ru", "c kk", "c tr"}; !slices.Equal(got, want) {
		t.Errorf("editions %q, want %q", got, want)
	}
	if e := b.edition(t, "c", "ru"); !e.Built {
		t.Errorf("c ru = %+v", e)
	}

	// A build of one language removes the orphans of every language.
	out2 := t.TempDir()
	dir2 := completeWorkspace(t)
	buildOut(t, dir2, out2, nil)
	if err := os.Remove(filepath.Join(dir2, "articles", "b.md")); err != nil {
		t.Fatal(err)
	}
	syncDir(t, dir2)
	kk := buildOut(t, dir2, out2, func(o *BuildOptions) { o.Langs = []language.Tag{language.Kazakh} })
	if got := editionsOf(kk.manifest); !slices.Equal(got, []string{"a en", "a ru", "a kk", "a tr"}) {
		t.Errorf("editions after deleting b: %q", got)
	}
	for _, lang := range []string{"en", "ru", "kk", "tr"} {
		for _, ext := range []string{"md", "html"} {
			if _, err := os.Stat(filepath.Join(out2, lang, "b."+ext)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s/b.%s of the deleted article is still there (%v)", lang, ext, err)
			}
		}
		if idx, err := os.ReadFile(filepath.Join(out2, lang, "index.html")); err != nil || strings.Contains(string(idx), "b.html") {
			t.Errorf("%s/index.html still lists b (%v)", lang, err)
		}
	}
}

// TestBuildReplacesScopeFiles checks that the files the previous manifest
// lists for an edition in scope that this build does not write (another
// format, an edition no longer built) are removed.
func TestBuildReplacesScopeFiles(t *testing.T) {
	dir := completeWorkspace(t)
	out := t.TempDir()
	buildOut(t, dir, out, nil)
	b := buildOut(t, dir, out, func(o *BuildOptions) { o.Formats, o.Langs = []string{"md"}, []language.Tag{language.Russian} })
	if want := []string{"ru/a.html", "ru/b.html", "ru/index.html"}; !slices.Equal(b.removed, want) {
		t.Errorf("removed %q, want %q", b.removed, want)
	}
	if e := b.edition(t, "a", "en"); !slices.Equal(e.Files, []string{"en/a.md", "en/a.html"}) {
		t.Errorf("a en, outside the scope, = %+v", e)
	}
}
