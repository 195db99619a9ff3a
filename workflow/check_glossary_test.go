package workflow

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tilmash/tilmash/workflow/check"
	"github.com/tilmash/tilmash/workflow/glossary"
)

// setTranslation replaces the translation of a segment of the sample in m.
func setTranslation(t *testing.T, m fstest.MapFS, lang, id, text string) {
	t.Helper()
	name := "locales/" + lang + "/kazakhstan-turkey." + lang + ".toml"
	re := regexp.MustCompile(`(?m)^(\[kazakhstan-turkey\.` + regexp.QuoteMeta(id) + `\]\nhash = '[^']*'\nother = )[^\n]*$`)
	s := string(m[name].Data)
	if !re.MatchString(s) {
		t.Fatalf("%s has no segment %s", name, id)
	}
	m[name] = &fstest.MapFile{Data: []byte(re.ReplaceAllString(s, "${1}"+strings.ReplaceAll(strconv.Quote(text), "$", "$$")))}
}

// TestCheckOldSample checks that tilmash check, with the shipped glossary
// and the default house style, finds what the newsroom's editors fixed by
// hand in the sample (commits 0e92c00, 6c0577f and 235a3cf): the old
// texts, put back, are reported.
func TestCheckOldSample(t *testing.T) {
	m := repoFS(t)
	data, err := os.ReadFile(filepath.Join(repoRoot, glossary.FileName))
	if err != nil {
		t.Fatal(err)
	}
	m[glossary.FileName] = &fstest.MapFile{Data: data}
	// ru before 235a3cf: Белоруссия.
	setTranslation(t, m, "ru", "of-course-it-d90b", "Конечно, отношение к Кремлю у него не такое, как у союзников Украины вроде Польши и Литвы, но и на Белоруссию Лукашенко он не похож.")
	// tr before 6c0577f: işbirliği in three segments, KGAÖ never spelled out.
	setTranslation(t, m, "tr", "agreements-were-reached-1ee3", "Ekonomik, sosyal ve kültürel olmak üzere çeşitli alanlarda işbirliğinin derinleştirilmesi konusunda anlaşmaya varıldı.")
	setTranslation(t, m, "tr", "last-fall-we-4050", "Geçen sonbahar, çatısı altında Türkiye ile Kazakistan da dâhil Orta Asya'daki Türk devletleri arasında tüm bu alanlarda işbirliği planlanan Türk Devletleri Teşkilatının (TDT) kuruluşu hakkında büyük bir iyimserlikle yazmıştık (<1/>).")
	setTranslation(t, m, "tr", "that-is-why-f755", "Bu nedenle Türkistan-Türkiye işbirliğinin ivme kazanması ve imzalanan anlaşmaların hayata geçirilmesi önem taşıyor.")
	setTranslation(t, m, "tr", "however-the-events-0da9", "Ancak bu yılın başındaki olaylar, yani Tokayev'in halk ayaklanmalarını bastırmak için KGAÖ birliklerini yardıma çağırması ve Moskova'ya doğru keskin bir dönüş yapması, onu Moskova'nın kuklası olarak sert bir dille eleştirmemize yol açtı (<1/>).")
	// kk before 0e92c00: bare Түркістан, the CSTO not spelled out.
	setTranslation(t, m, "kk", "that-is-why-f755", "Сондықтан Түркістан мен Түркия ынтымақтастығының қарқын алуы және қол қойылған келісімдердің жүзеге асуы маңызды.")
	setTranslation(t, m, "kk", "however-the-events-0da9", "Алайда биылғы жылдың басындағы оқиғалар — Тоқаев халық көтерілістерін басу үшін ҰҚШҰ әскерлерін шақырып, Мәскеуге қарай күрт бет бұрған кез — бізді оны Мәскеудің қуыршағы ретінде қатаң сынауға мәжбүр етті (<1/>).")
	// The copyright line before all three: «2015 — 2023 ©».
	edit(t, m, "locales/kk/ui.kk.toml", "© 2015–2023. Барлық құқықтар қорғалған.", "2015 — 2023 ©. Барлық құқықтар қорғалған.")
	edit(t, m, "locales/ru/ui.ru.toml", "© 2015–2023.", "© 2015—2023.")
	// Wrong scripts, as a slip would leave them: a Latin a in «Токаевa»,
	// the Kazakh translation in the Turkish file.
	setTranslation(t, m, "ru", "title", "Казахстан\u00a0— Турция: новые шаги и старые риски Токаевa?")
	setTranslation(t, m, "tr", "and-for-that-f0de", "Соның өзіне де шүкір.")

	ws, err := OpenFS("mem", m)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := ws.Check(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ lang, id, check, in string }{
		{"ru", "of-course-it-d90b", glossary.CheckForbidden, "«Белоруссию» is a forbidden variant of belarus (glossary.toml:"},
		{"ru", "title", check.Script, "«Токаевa» mixes Latin letters (a) into a Cyrillic word"},
		{"kk", "however-the-events-0da9", glossary.CheckTerm, `"CSTO" is «Ұжымдық қауіпсіздік туралы шарт ұйымы» in kk`},
		{"kk", "that-is-why-f755", glossary.CheckForbidden, "«Түркістан» is a forbidden variant of turkestan"},
		{"tr", "agreements-were-reached-1ee3", glossary.CheckForbidden, "“işbirliğinin” is a forbidden variant of cooperation"},
		{"tr", "and-for-that-f0de", check.Script, "Cyrillic letters in a Turkish translation: «Соның», «өзіне», «де» and 1 more"},
		{"tr", "however-the-events-0da9", glossary.CheckTerm, `"CSTO" is “Kolektif Güvenlik Antlaşması Örgütü” in tr`},
		{"tr", "last-fall-we-4050", glossary.CheckForbidden, "“işbirliği” is a forbidden variant of cooperation"},
		{"tr", "that-is-why-f755", glossary.CheckForbidden, "“işbirliğinin” is a forbidden variant of cooperation"},
		{"ru", "copyright", check.Dash, "a range of numbers takes an en dash (–) with no spaces"},
		{"kk", "copyright", check.Dash, "a range of numbers takes an en dash (–) with no spaces"},
		// the workspace's own [style.*] in tilmash.toml: a no-break space
		// before a dash in kk, one apostrophe in tr
		{"kk", "however-the-events-0da9", check.Dash, "put a no-break space before the dash"},
		{"tr", "however-the-events-0da9", "apostrophe", "the house style writes ’"},
		{"tr", "last-fall-we-4050", "apostrophe", "the house style writes ’"},
	}
	got := map[string]Finding{}
	for _, f := range findings {
		got[f.Lang+" "+f.ID+" "+f.Check] = f
	}
	for _, w := range want {
		f, ok := got[w.lang+" "+w.id+" "+w.check]
		if !ok {
			t.Errorf("no %s finding for %s %s", w.check, w.lang, w.id)
			continue
		}
		delete(got, w.lang+" "+w.id+" "+w.check)
		if !strings.Contains(f.Message, w.in) || f.Line == 0 {
			t.Errorf("%s %s %s: %s\nwant it to hold %s", w.lang, w.id, w.check, f.Message, w.in)
		}
	}
	for _, f := range got {
		t.Errorf("unexpected: %s [%s]", f.Message, f.Check)
	}
}
