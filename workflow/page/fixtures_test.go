package page

import "html/template"

// The fixtures are the sample article "Kazakhstan-Turkey: new steps and old
// risks of Tokayev?" in its four editions, the four indexes and a dashboard,
// as the build stage would prepare them. The English edition is the source;
// the Turkish one still has an untranslated paragraph and carries a notice.

const (
	sourceHref = "https://golosislama.com/"
	link40268  = "https://golosislama.com/news.php?id=40268"
	link40405  = "https://golosislama.com/news.php?id=40405"
)

// sampleAlternates lists the four editions of the sample article, marking
// lang as the current one.
func sampleAlternates(lang string) []Alternate {
	alts := []Alternate{
		{Lang: "en", Name: "English", Href: "../en/kazakhstan-turkey.html"},
		{Lang: "ru", Name: "Русский", Href: "../ru/kazakhstan-turkey.html"},
		{Lang: "kk", Name: "Қазақша", Href: "../kk/kazakhstan-turkey.html"},
		{Lang: "tr", Name: "Türkçe", Href: "../tr/kazakhstan-turkey.html"},
	}
	for i := range alts {
		alts[i].Current = alts[i].Lang == lang
	}
	return alts
}

// autolink is how goldmark renders <URL>.
func autolink(u string) string {
	return `<a href="` + u + `">` + u + `</a>`
}

// sampleEditions returns the sample article in en, ru, kk and tr, in that
// order.
func sampleEditions() []Edition {
	return []Edition{
		{
			Lang:   "en",
			Title:  "Kazakhstan-Turkey: new steps and old risks of Tokayev?",
			Kicker: "ANALYSIS",
			Meta:   []string{"Original article", "Reading time: 5 minutes", "12 June 2022"},
			Body: template.HTML(`<p>For Muslims in the post-Soviet space, one of the important events of last week was the visit of Kazakhstan’s President Kassym-Jomart Tokayev to Turkey, where he and other members of the Kazakh delegation met with their Turkish counterparts. Agreements were reached to deepen cooperation in various fields — economic, social and cultural. However, given the current events in the world, including around Kazakhstan and Turkey, the agreements reached by the heads and relevant agencies of the two states in the military and intelligence spheres are of particular importance.</p>
<p>So, commenting on this news, let’s start with the fact that this trend can only be welcomed in any case. In other words, no matter what other aspects are discussed below, it definitely won’t make things worse, and it might even make them better.</p>
<h2>New steps</h2>
<p>Now to these specific aspects. Last fall, we wrote with great optimism about the establishment of the Turkic States Organization (TSO), within which cooperation in all these areas was planned between Turkey and the Turkic states of Central Asia, including Kazakhstan (` + autolink(link40268) + `).</p>
<p>This course was chosen by Kazakhstan under President Tokayev. However, the events of the beginning of this year, when Tokayev called on the CSTO troops to suppress popular uprisings and made a sharp turn towards Moscow, made us strongly criticize him as a Moscow puppet (` + autolink(link40405) + `).</p>
<blockquote>
<p>To be tied to China while being tied to Russia is like jumping out of the frying pan into the fire.</p>
</blockquote>
<p>In essence, Kazakhstan was saved by a miracle, without which it could have ended up under occupation. Thanks to Allah, this did not happen.</p>`),
			Source:          Link{Label: "Source: golosislama.com", Href: sourceHref},
			Alternates:      sampleAlternates("en"),
			AlternatesLabel: "Also available in",
			Footer:          "2015 — 2023 ©. All rights reserved.",
			CanonicalHref:   "https://example.org/en/kazakhstan-turkey.html",
		},
		{
			Lang:   "ru",
			Title:  "Казахстан — Турция: новые шаги и старые риски Токаева?",
			Kicker: "АНАЛИТИКА",
			Meta:   []string{"Перевод с английского", "Время чтения: 6 минут", "12 июня 2022 г."},
			Body: template.HTML(`<p>Для мусульман постсоветского пространства одним из важных событий прошлой недели стал визит президента Казахстана Касым-Жомарта Токаева в Турцию, где он и другие члены казахстанской делегации встретились с турецкими коллегами. Были достигнуты договорённости об углублении сотрудничества в различных сферах — экономической, социальной и культурной. Однако с учётом нынешних событий в мире, в том числе вокруг Казахстана и Турции, особое значение имеют договорённости, достигнутые главами и профильными ведомствами двух государств в военной и разведывательной сферах.</p>
<p>Итак, комментируя эту новость, начнём с того, что такую тенденцию в любом случае можно только приветствовать. Иными словами, какие бы другие аспекты ни обсуждались ниже, хуже от этого точно не станет, а может, станет даже лучше.</p>
<h2>Новые шаги</h2>
<p>Теперь об этих конкретных аспектах. Прошлой осенью мы с большим оптимизмом писали о создании Организации тюркских государств (ОТГ), в рамках которой планировалось сотрудничество во всех этих сферах между Турцией и тюркскими государствами Центральной Азии, включая Казахстан (` + autolink(link40268) + `).</p>
<p>Этот курс Казахстан выбрал при президенте Токаеве. Однако события начала этого года, когда Токаев призвал войска ОДКБ для подавления народных восстаний и сделал резкий поворот в сторону Москвы, заставили нас жёстко критиковать его как марионетку Москвы (` + autolink(link40405) + `).</p>
<blockquote>
<p>Быть привязанным к Китаю, будучи привязанным к России, — всё равно что попасть из огня да в полымя.</p>
</blockquote>
<p>По сути, Казахстан спасло чудо, без которого он мог оказаться под оккупацией. Слава Аллаху, этого не случилось.</p>`),
			Source:          Link{Label: "Источник: golosislama.com", Href: sourceHref},
			Alternates:      sampleAlternates("ru"),
			AlternatesLabel: "Также доступно на других языках",
			Footer:          "© 2015—2023. Все права защищены.",
			CanonicalHref:   "https://example.org/ru/kazakhstan-turkey.html",
		},
		{
			Lang:   "kk",
			Title:  "Қазақстан — Түркия: Тоқаевтың жаңа қадамдары мен ескі тәуекелдері?",
			Kicker: "ТАЛДАУ",
			Meta:   []string{"Ағылшын тілінен аударылған", "Оқу уақыты: 6 минут", "2022 жылғы 12 маусым"},
			Body: template.HTML(`<p>Посткеңестік кеңістіктегі мұсылмандар үшін өткен аптаның маңызды оқиғаларының бірі Қазақстан Президенті Қасым-Жомарт Тоқаевтың Түркияға сапары болды: ол және қазақстандық делегацияның басқа мүшелері түрік әріптестерімен кездесті. Түрлі салаларда — экономикалық, әлеуметтік және мәдени — ынтымақтастықты тереңдету туралы уағдаластықтарға қол жеткізілді. Алайда әлемдегі қазіргі оқиғаларды, соның ішінде Қазақстан мен Түркия төңірегіндегі жағдайды ескерсек, екі мемлекеттің басшылары мен тиісті ведомстволары әскери және барлау салаларында қол жеткізген келісімдердің ерекше маңызы бар.</p>
<p>Сонымен, бұл жаңалыққа пікір білдіре отырып, мұндай үрдісті кез келген жағдайда тек құптауға болатынынан бастайық. Басқаша айтқанда, төменде қандай басқа қырлары талқыланса да, бұдан жағдай нашарламайтыны анық, тіпті жақсаруы да мүмкін.</p>
<h2>Жаңа қадамдар</h2>
<p>Енді осы нақты қырларға тоқталайық. Өткен күзде біз Түркі мемлекеттері ұйымының (ТМҰ) құрылғаны туралы зор үмітпен жазған едік: оның аясында Түркия мен Орталық Азияның түркі мемлекеттері, соның ішінде Қазақстан арасында осы барлық салаларда ынтымақтастық жоспарланған болатын (` + autolink(link40268) + `).</p>
<p>Бұл бағытты Қазақстан Президент Тоқаевтың тұсында таңдады. Алайда биылғы жылдың басындағы оқиғалар — Тоқаев халық наразылығын басу үшін ҰҚШҰ әскерлерін шақырып, Мәскеуге қарай күрт бұрылған кез — бізді оны Мәскеудің қуыршағы ретінде қатаң сынауға мәжбүр етті (` + autolink(link40405) + `).</p>
<blockquote>
<p>Ресейге байланған күйі Қытайға байлану — жаңбырдан қашып, қарға ұшырағанмен бірдей.</p>
</blockquote>
<p>Негізінде, Қазақстанды ғажайып құтқарып қалды, онсыз ол оккупацияға ұшырауы мүмкін еді. Аллаһқа шүкір, бұлай болмады.</p>`),
			Source:          Link{Label: "Дереккөз: golosislama.com", Href: sourceHref},
			Alternates:      sampleAlternates("kk"),
			AlternatesLabel: "Басқа тілдердегі нұсқалары",
			Footer:          "2015 — 2023 ©. Барлық құқықтар қорғалған.",
			CanonicalHref:   "https://example.org/kk/kazakhstan-turkey.html",
		},
		{
			Lang:   "tr",
			Title:  "Kazakistan-Türkiye: Tokayev’in yeni adımları ve eski riskleri mi?",
			Kicker: "ANALİZ",
			Meta:   []string{"İngilizceden çevrilmiştir", "Okuma süresi: 6 dakika", "12 Haziran 2022"},
			Notice: "Bu sürümdeki bazı bölümler henüz çevrilmediği için özgün dilinde gösteriliyor.",
			Body: template.HTML(`<p>Sovyet sonrası coğrafyadaki Müslümanlar için geçen haftanın önemli olaylarından biri, Kazakistan Cumhurbaşkanı Kasım Cömert Tokayev’in Türkiye ziyaretiydi; Tokayev ve Kazak heyetinin diğer üyeleri Türk mevkidaşlarıyla bir araya geldi. Ekonomik, sosyal ve kültürel alanlarda iş birliğinin derinleştirilmesi konusunda anlaşmalara varıldı. Ancak başta Kazakistan ve Türkiye çevresindekiler olmak üzere dünyadaki güncel gelişmeler göz önüne alındığında, iki devletin liderleri ve ilgili kurumları tarafından askerî ve istihbarat alanlarında varılan anlaşmalar özellikle önem taşıyor.</p>
<p>Bu haberi yorumlarken, her hâlükârda bu eğilimin ancak memnuniyetle karşılanabileceğini söyleyerek başlayalım. Başka bir deyişle, aşağıda başka hangi yönler tartışılırsa tartışılsın, bu durum işleri kesinlikle kötüleştirmeyecek, hatta daha iyi hâle bile getirebilir.</p>
<h2>Yeni adımlar</h2>
<p>Now to these specific aspects. Last fall, we wrote with great optimism about the establishment of the Turkic States Organization (TSO), within which cooperation in all these areas was planned between Turkey and the Turkic states of Central Asia, including Kazakhstan (` + autolink(link40268) + `).</p>
<p>Bu rota, Kazakistan tarafından Cumhurbaşkanı Tokayev döneminde seçildi. Ancak bu yılın başında Tokayev’in halk ayaklanmalarını bastırmak için KGAÖ birliklerini çağırıp Moskova’ya doğru keskin bir dönüş yaptığı olaylar, onu bir Moskova kuklası olarak sert biçimde eleştirmemize yol açtı (` + autolink(link40405) + `).</p>
<blockquote>
<p>Rusya’ya bağlıyken Çin’e bağlanmak, yağmurdan kaçarken doluya tutulmak gibidir.</p>
</blockquote>
<p>Özünde Kazakistan bir mucize sayesinde kurtuldu; o olmasaydı işgal altına girebilirdi. Allah’a şükür, bu olmadı.</p>`),
			Source:          Link{Label: "Kaynak: golosislama.com", Href: sourceHref},
			Alternates:      sampleAlternates("tr"),
			AlternatesLabel: "Diğer dillerde de mevcut",
			Footer:          "2015 — 2023 ©. Tüm hakları saklıdır.",
			CanonicalHref:   "https://example.org/tr/kazakhstan-turkey.html",
		},
	}
}

// sampleIndex is the Kazakh list of articles: one finished edition, one in
// progress and one whose title is still in its source language.
func sampleIndex() Index {
	return Index{
		Lang:   "kk",
		Title:  "Мақалалар",
		Footer: "2015 — 2023 ©. Барлық құқықтар қорғалған.",
		Entries: []IndexEntry{
			{Title: "Қазақстан — Түркия: Тоқаевтың жаңа қадамдары мен ескі тәуекелдері?", Href: "kazakhstan-turkey.html", Coverage: "100% аударылған", Percent: 100},
			{Title: "Алматыдағы жаңа автобус жолақтары: бір жылдан кейін", Href: "almaty-bus-lanes.html", Coverage: "87% аударылған", Percent: 87.5},
			{Title: "Переговоры об аренде Байконура: что изменится после 2050 года", Href: "baikonur-lease.html", Coverage: "12% аударылған", Percent: 12.4, Lang: "ru"},
		},
		Alternates: []Alternate{
			{Lang: "en", Name: "English", Href: "../en/index.html"},
			{Lang: "ru", Name: "Русский", Href: "../ru/index.html"},
			{Lang: "kk", Name: "Қазақша", Href: "index.html", Current: true},
			{Lang: "tr", Name: "Türkçe", Href: "../tr/index.html"},
		},
		AlternatesLabel: "Басқа тілдердегі нұсқалары",
	}
}

// eq, ins and del build word diffs.
func eq(s string) DiffOp  { return DiffOp{Op: "equal", Text: s} }
func ins(s string) DiffOp { return DiffOp{Op: "insert", Text: s} }
func del(s string) DiffOp { return DiffOp{Op: "delete", Text: s} }

// cell builds a cell whose percent is the translated and reviewed share.
func cell(lang string, missing, stale, translated, reviewed, words int) Cell {
	segs := missing + stale + translated + reviewed
	c := Cell{Lang: lang, Segments: segs, Missing: missing, Stale: stale, Translated: translated, Reviewed: reviewed, WordsPending: words}
	if segs > 0 {
		c.Percent = float64(translated+reviewed) * 100 / float64(segs)
	}
	return c
}

// sampleDashboard has three articles with sources in en, ru and kk, over the
// four languages, with every state and two stale segments.
func sampleDashboard() Dashboard {
	return Dashboard{
		Title:     "Translation coverage",
		Languages: []string{"en", "ru", "kk", "tr"},
		Rows: []DashboardRow{
			{
				Article: "kazakhstan-turkey", Title: "Kazakhstan-Turkey: new steps and old risks of Tokayev?", SourceLang: "en",
				Cells: []Cell{cell("ru", 0, 0, 0, 34, 0), cell("kk", 0, 0, 12, 22, 0), cell("tr", 3, 2, 29, 0, 118)},
				Stale: []StaleSegment{
					{
						Lang: "tr", ID: "p3.s2",
						Diff:        []DiffOp{eq("Last fall, we wrote with "), ins("great "), eq("optimism about the "), del("creation"), ins("establishment"), eq(" of the Turkic States Organization (TSO).")},
						Translation: "Geçen sonbahar Türk Devletleri Teşkilatı’nın (TDT) kuruluşu hakkında iyimserlikle yazmıştık.",
					},
					{
						Lang: "tr", ID: "p6.s1",
						Diff:        []DiffOp{eq("Thanks to Allah, this did not happen"), del(", and Tokayev uses the moment well"), eq(".")},
						Translation: "Allah’a şükür, bu olmadı ve Tokayev bu anı iyi değerlendiriyor.",
					},
				},
			},
			{
				Article: "almaty-bus-lanes", Title: "Алматинские выделенные полосы: год спустя", SourceLang: "ru",
				Cells: []Cell{cell("en", 22, 0, 6, 0, 611), cell("kk", 3, 1, 20, 0, 96), cell("tr", 0, 0, 0, 0, 0)},
				Stale: []StaleSegment{
					{
						Lang: "kk", ID: "h2.s1",
						Diff:        []DiffOp{eq("Что изменилось за "), del("полгода"), ins("год")},
						Translation: "Жарты жылда не өзгерді",
					},
				},
			},
			{
				Article: "baikonur-lease", Title: "Байқоңырды жалға алу келіссөздері", SourceLang: "kk",
				Cells: []Cell{cell("en", 5, 0, 14, 0, 140), cell("ru", 0, 0, 19, 0, 0), cell("tr", 17, 0, 2, 0, 402)},
			},
		},
		Totals: []Cell{cell("en", 27, 0, 20, 0, 751), cell("ru", 0, 0, 19, 34, 0), cell("kk", 3, 1, 32, 22, 96), cell("tr", 20, 2, 31, 0, 520)},
	}
}
