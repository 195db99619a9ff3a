package sentence

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/cputime"
)

// benchSize is the size in bytes of the generated text each benchmark splits.
const benchSize = 4 << 20

// benchTemplates are sentence templates per language. In a template,
// {N} becomes a number, {Y} a year, {D} a decimal, {P} a proper name and
// {Q} a short quoted phrase.
var benchTemplates = map[string]struct {
	templates []string
	names     []string
	quotes    []string
}{
	"en": {
		templates: []string{
			"President {P} visited Turkey on Monday and met his counterpart.",
			"Mr. {P} and Dr. {P} signed {N} agreements, e.g. on trade and energy.",
			"Growth reached {D} percent in {Y}, the U.S. Treasury said.",
			"\"{Q}.\" The minister did not say more.",
			"Officials from the U.N. Security Council arrived at 9 a.m. on Tuesday.",
			"The deal covers oil, gas, grain, etc. and runs until {Y}.",
			"Is this the end of the road? Nobody knows yet!",
			"See p. {N} of the report at https://example.com/report.pdf for details.",
			"J. R. {P} wrote to Acme Inc. on behalf of {N} workers.",
			"However, we must not forget the events of January… Because then everything changed.",
			"Prices rose by {D}% (vs. {D}% a year earlier) in No. {N} district.",
			"The talks, held in Astana, lasted {N} hours; both sides called them useful.",
		},
		names:  []string{"Tokayev", "Erdoğan", "Smith", "Jones", "Brown", "Nazarbayev"},
		quotes: []string{"We are ready", "This is a historic day", "Nothing has changed"},
	},
	"ru": {
		templates: []string{
			"Президент {P} посетил Турцию в понедельник и встретился с коллегой.",
			"Стороны подписали {N} соглашений, т. е. больше, чем в {Y} г.",
			"Рост составил {D}% в {Y} г. В январе он замедлился.",
			"«{Q}», — заявил министр. Больше он ничего не сказал.",
			"Доклад сделали проф. {P} и акад. {P} в г. Алматы.",
			"Купили хлеб, молоко и т. д. Потом пошли домой.",
			"Неужели это конец?! Никто пока не знает.",
			"Подробности см. на стр. {N} доклада на сайте golosislama.com.",
			"Н. А. {P} выступил перед {N} тыс. человек на ул. Абая.",
			"Мы не должны забывать январские события… Тогда всё изменилось.",
			"Цены выросли на {D}% за год, а зарплаты — на {N} тыс. руб.",
			"Переговоры в Астане длились {N} часов; обе стороны назвали их полезными.",
		},
		names:  []string{"Токаев", "Эрдоган", "Иванов", "Петров", "Назарбаев"},
		quotes: []string{"Мы готовы", "Это исторический день", "Ничего не изменилось"},
	},
	"kk": {
		templates: []string{
			"Президент {P} дүйсенбіде Түркияға барып, әріптесімен кездесті.",
			"Тараптар {N} келісімге қол қойды, мыс. сауда және энергетика саласында.",
			"Өсім {Y} ж. {D}% болды. Бұл рекорд.",
			"«{Q}», — деді министр. Ол басқа ештеңе айтқан жоқ.",
			"Кездесуге Қ. {P} және Н. Ә. {P} қатысты.",
			"Дүкенде нан, сүт т.б. сатылады. Бағасы қымбат емес.",
			"Бұл соңы ма?! Әзірге ешкім білмейді.",
			"Толығырақ бет. {N} және golosislama.com сайтында берілген.",
			"Біз қаңтар оқиғаларын ұмытпауымыз керек… Өйткені сол кезде бәрі өзгерді.",
			"Бағалар бір жылда {D}% өсті, ал жалақы {N} мың теңгеге көбейді.",
		},
		names:  []string{"Тоқаев", "Ердоған", "Назарбаев", "Тілеуберді"},
		quotes: []string{"Біз дайынбыз", "Бұл тарихи күн", "Ештеңе өзгерген жоқ"},
	},
	"tr": {
		templates: []string{
			"Cumhurbaşkanı {P} pazartesi günü Ankara'yı ziyaret etti.",
			"Prof. Dr. {P} ve Doç. Dr. {P} {N} anlaşma imzaladı.",
			"Büyüme {Y} yılında yüzde {D} oldu. Bu bir rekor.",
			"“{Q}.” Bakan başka bir şey söylemedi.",
			"Yapı {N}. yüzyılda, II. Abdülhamid döneminde inşa edildi.",
			"Kitap, dergi vb. ürünler satılıyor; ayrıntılar için bkz. Ek {N}.",
			"Bu sonun başlangıcı mı?! Henüz kimse bilmiyor.",
			"Adres: Atatürk Cad. No. {N}, Kızılay Mah. Ankara.",
			"Koç Holding A.Ş. Yönetim Kurulu {N}. Olağan Genel Kurulu topladı.",
			"Ocak olaylarını unutmamalıyız… Çünkü o zaman her şey değişti.",
		},
		names:  []string{"Tokayev", "Erdoğan", "Yılmaz", "Kaya", "Demir"},
		quotes: []string{"Hazırız", "Bu tarihi bir gün", "Hiçbir şey değişmedi"},
	},
}

// benchText builds about size bytes of text in lang from benchTemplates:
// paragraphs of 3 to 7 sentences, deterministic for a given size.
func benchText(lang string, size int) string {
	bt := benchTemplates[lang]
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.Grow(size + 512)
	for b.Len() < size {
		n := 3 + rng.IntN(5)
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			t := bt.templates[rng.IntN(len(bt.templates))]
			for {
				j := strings.IndexByte(t, '{')
				if j < 0 {
					b.WriteString(t)
					break
				}
				b.WriteString(t[:j])
				switch t[j+1] {
				case 'N':
					writeInt(&b, 1+rng.IntN(99))
				case 'Y':
					writeInt(&b, 1991+rng.IntN(35))
				case 'D':
					writeInt(&b, rng.IntN(20))
					b.WriteByte('.')
					writeInt(&b, rng.IntN(10))
				case 'P':
					b.WriteString(bt.names[rng.IntN(len(bt.names))])
				case 'Q':
					b.WriteString(bt.quotes[rng.IntN(len(bt.quotes))])
				}
				t = t[j+3:]
			}
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

func writeInt(b *strings.Builder, n int) {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	b.Write(buf[i:])
}

func benchmarkSplit(b *testing.B, lang string) {
	text := benchText(lang, benchSize)
	s := New(language.Make(lang))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	defer cputime.Report(b, len(text))()
	var n int
	for b.Loop() {
		n = len(s.Split(text))
	}
	b.ReportMetric(float64(n), "sentences/op")
}

// BenchmarkSplitEnglish splits about 4 MB of generated English news text in one call.
func BenchmarkSplitEnglish(b *testing.B) { benchmarkSplit(b, "en") }

// BenchmarkSplitRussian splits about 4 MB of generated Russian news text in one call.
func BenchmarkSplitRussian(b *testing.B) { benchmarkSplit(b, "ru") }

// BenchmarkSplitKazakh splits about 4 MB of generated Kazakh news text in one call.
func BenchmarkSplitKazakh(b *testing.B) { benchmarkSplit(b, "kk") }

// BenchmarkSplitTurkish splits about 4 MB of generated Turkish news text in one call.
func BenchmarkSplitTurkish(b *testing.B) { benchmarkSplit(b, "tr") }

// BenchmarkSplitParagraphs splits the English text one paragraph at a time,
// as the Markdown layer calls Split: one block per call.
func BenchmarkSplitParagraphs(b *testing.B) {
	text := benchText("en", benchSize)
	paras := strings.Split(text, "\n\n")
	s := New(language.English)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	defer cputime.Report(b, len(text))()
	for b.Loop() {
		for _, p := range paras {
			s.Split(p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(paras)), "ns/paragraph")
}

// BenchmarkNew measures New once the rule tables are compiled.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		New(language.Russian)
	}
}

// BenchmarkCompile measures compiling the generic and Russian rule files:
// what the first call of New pays for each language.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadRules("ru"); err != nil {
			b.Fatal(err)
		}
	}
}
