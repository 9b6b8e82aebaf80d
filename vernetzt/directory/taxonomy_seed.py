"""The managed lists a new installation starts with; staff extend them in the admin.

Each entry: (key, German name, English name, synonyms the import recognises).
"""

ORGANISATION_TYPES = [
    ("mso", "Migrantenselbstorganisation", "Migrant self-organisation", "MSO,Migrantenverein,Migrantenorganisation"),
    ("welfare", "Wohlfahrtsverband", "Welfare association", "Träger,Wohlfahrt,AWO,Caritas,Diakonie,DRK-Kreisverband,Paritätischer"),
    ("administration", "Öffentliche Verwaltung", "Public administration", "Verwaltung,Behörde,Amt,Stadt"),
    ("school", "Schule", "School", "Grundschule,Gesamtschule,Gymnasium,Berufsschule"),
    ("kita", "Kita", "Day-care centre", "Kindertagesstätte,Kindergarten,Familienzentrum"),
    ("religious", "Religionsgemeinschaft", "Religious community", "Moschee,Moscheeverein,Gemeinde,Kirche,Kirchengemeinde,Synagoge,Tempel"),
    ("civil_protection", "Feuerwehr / Katastrophenschutz / Rettungsdienst", "Fire brigade / civil protection / rescue service", "Feuerwehr,THW,DRK,Malteser,Johanniter,Rettungsdienst"),
    ("sports", "Sportverein", "Sports club", "Sport,Verein für Sport,Fußballverein"),
    ("culture", "Kulturverein", "Cultural association", "Kultur,Kulturzentrum"),
    ("initiative", "Initiative", "Initiative", "Bürgerinitiative,Netzwerk,Ehrenamtsinitiative"),
    ("company", "Unternehmen", "Company", "Firma,Betrieb"),
    ("other", "Sonstige", "Other", "andere"),
]

FIELDS_OF_ACTION = [
    ("culture", "Kultur", "Culture", "Kunst,Musik,Tanz,Theater"),
    ("sport", "Sport", "Sport", "Bewegung,Fußball"),
    ("language", "Sprache", "Language", "Sprachkurs,Deutschkurs,Sprachförderung,Muttersprache"),
    ("religion", "Religion", "Religion", "Glaube,Seelsorge"),
    ("education", "Bildung", "Education", "Schule,Nachhilfe,Hausaufgabenhilfe,Weiterbildung"),
    ("health", "Gesundheit", "Health", "Pflege,Medizin,Psychosoziales"),
    ("work", "Arbeit und Wirtschaft", "Work and economy", "Arbeit,Beruf,Wirtschaft,Ausbildung,Existenzgründung"),
    ("media", "Medien", "Media", "Presse,Radio,Öffentlichkeitsarbeit"),
    ("youth", "Jugend", "Youth", "Jugendarbeit,Jugendliche,Kinder"),
    ("seniors", "Senioren", "Seniors", "Ältere,Seniorenarbeit"),
    ("women", "Frauen", "Women", "Frauenarbeit,Mädchen"),
    ("parents", "Eltern", "Parents", "Elternarbeit,Familie,Familien"),
    ("refugees", "Geflüchtete", "Refugees", "Flüchtlinge,Flüchtlingshilfe,Asyl"),
    ("anti_discrimination", "Antidiskriminierung", "Anti-discrimination", "Antirassismus,Diskriminierung"),
    ("participation", "Politische Teilhabe", "Political participation", "Teilhabe,Partizipation,Demokratie"),
    ("counselling", "Beratung", "Counselling", "Sozialberatung,Migrationsberatung"),
    ("housing", "Wohnen", "Housing", "Wohnungssuche"),
    ("volunteering", "Ehrenamt", "Volunteering", "Engagement,Freiwilligenarbeit,Lotsen"),
]

CATEGORIES = [
    ("rooms", "Räume", "Rooms", "Raum,Räumlichkeiten,Saal"),
    ("funding", "Finanzierung", "Funding", "Geld,Fördermittel,Zuschuss,Spenden"),
    ("volunteers", "Ehrenamtliche", "Volunteers", "Helfer,Freiwillige,Mitstreiter"),
    ("qualification", "Qualifizierung und Fortbildung", "Qualification and training", "Fortbildung,Schulung,Workshop"),
    ("interpreting", "Dolmetschen und Übersetzen", "Interpreting and translation", "Dolmetscher,Übersetzung,Sprachmittlung"),
    ("partners", "Partner und Vernetzung", "Partners and networking", "Kooperation,Netzwerk,Partner"),
    ("publicity", "Öffentlichkeitsarbeit", "Publicity", "Werbung,Presse,Flyer"),
    ("advice", "Beratung", "Advice", "Rat,Unterstützung"),
    ("equipment", "Ausstattung", "Equipment", "Material,Technik,Geräte"),
    ("other", "Sonstiges", "Other", "andere"),
]

COMMUNITIES = [
    ("turkish", "Türkeistämmige Community", "Turkish community", "türkisch,Türkei"),
    ("kurdish", "Kurdische Community", "Kurdish community", "kurdisch"),
    ("arabic", "Arabischsprachige Community", "Arabic-speaking community", "arabisch"),
    ("syrian", "Syrische Community", "Syrian community", "syrisch,Syrien"),
    ("afghan", "Afghanische Community", "Afghan community", "afghanisch,Afghanistan"),
    ("iranian", "Iranische Community", "Iranian community", "iranisch,persisch,Iran"),
    ("ukrainian", "Ukrainische Community", "Ukrainian community", "ukrainisch,Ukraine"),
    ("russian_speaking", "Russischsprachige Community", "Russian-speaking community", "russisch,Spätaussiedler"),
    ("polish", "Polnische Community", "Polish community", "polnisch,Polen"),
    ("romanian", "Rumänische Community", "Romanian community", "rumänisch"),
    ("bulgarian", "Bulgarische Community", "Bulgarian community", "bulgarisch"),
    ("greek", "Griechische Community", "Greek community", "griechisch"),
    ("italian", "Italienische Community", "Italian community", "italienisch"),
    ("spanish_speaking", "Spanischsprachige Community", "Spanish-speaking community", "spanisch,lateinamerikanisch"),
    ("balkan", "Community aus dem Westbalkan", "Western Balkans community", "bosnisch,serbisch,kroatisch,kosovarisch,albanisch"),
    ("eritrean", "Eritreische Community", "Eritrean community", "eritreisch"),
    ("west_african", "Westafrikanische Community", "West African community", "ghanaisch,nigerianisch,afrikanisch"),
    ("moroccan", "Marokkanische Community", "Moroccan community", "marokkanisch,maghrebinisch"),
    ("vietnamese", "Vietnamesische Community", "Vietnamese community", "vietnamesisch"),
    ("tamil", "Tamilische Community", "Tamil community", "tamilisch,Sri Lanka"),
    ("roma", "Rom*nja und Sinti*zze", "Roma and Sinti", "Roma,Sinti"),
    ("multinational", "Herkunftsübergreifend", "Across origins", "international,multinational,interkulturell"),
]

# The names in the other languages of the interface, by list and key: {"tr": …, "ar": …, "uk": …}.
# Migration 0006 adds them to existing installations where a language is still missing.
TRANSLATIONS = {
    "organisation_type": {
        "mso": {
            "tr": "Göçmen öz örgütü",
            "ar": "منظمة ذاتية للمهاجرين",
            "uk": "Самоорганізація мігрантів",
        },
        "welfare": {
            "tr": "Sosyal yardım kuruluşu",
            "ar": "منظمة رعاية اجتماعية",
            "uk": "Організація соціальної допомоги",
        },
        "administration": {
            "tr": "Kamu yönetimi",
            "ar": "الإدارة العامة",
            "uk": "Публічна адміністрація",
        },
        "school": {"tr": "Okul", "ar": "مدرسة", "uk": "Школа"},
        "kita": {
            "tr": "Kreş (Kita)",
            "ar": "روضة أطفال (Kita)",
            "uk": "Дитячий садок (Kita)",
        },
        "religious": {
            "tr": "Dini topluluk",
            "ar": "جماعة دينية",
            "uk": "Релігійна громада",
        },
        "civil_protection": {
            "tr": "İtfaiye / afet koruma / acil yardım servisi",
            "ar": "الإطفاء / الحماية المدنية / خدمة الإسعاف",
            "uk": "Пожежна охорона / цивільний захист / служба порятунку",
        },
        "sports": {"tr": "Spor kulübü", "ar": "نادٍ رياضي", "uk": "Спортивний клуб"},
        "culture": {"tr": "Kültür derneği", "ar": "جمعية ثقافية", "uk": "Культурне об'єднання"},
        "initiative": {"tr": "Girişim", "ar": "مبادرة", "uk": "Ініціатива"},
        "company": {"tr": "Şirket", "ar": "شركة", "uk": "Підприємство"},
        "other": {"tr": "Diğer", "ar": "أخرى", "uk": "Інше"},
    },
    "field_of_action": {
        "culture": {"tr": "Kültür", "ar": "الثقافة", "uk": "Культура"},
        "sport": {"tr": "Spor", "ar": "الرياضة", "uk": "Спорт"},
        "language": {"tr": "Dil", "ar": "اللغة", "uk": "Мова"},
        "religion": {"tr": "Din", "ar": "الدين", "uk": "Релігія"},
        "education": {"tr": "Eğitim", "ar": "التعليم", "uk": "Освіта"},
        "health": {"tr": "Sağlık", "ar": "الصحة", "uk": "Здоров'я"},
        "work": {"tr": "İş ve ekonomi", "ar": "العمل والاقتصاد", "uk": "Робота та економіка"},
        "media": {"tr": "Medya", "ar": "الإعلام", "uk": "Медіа"},
        "youth": {"tr": "Gençlik", "ar": "الشباب", "uk": "Молодь"},
        "seniors": {"tr": "Yaşlılar", "ar": "كبار السن", "uk": "Літні люди"},
        "women": {"tr": "Kadınlar", "ar": "النساء", "uk": "Жінки"},
        "parents": {"tr": "Ebeveynler", "ar": "الآباء والأمهات", "uk": "Батьки"},
        "refugees": {"tr": "Mülteciler", "ar": "اللاجئون", "uk": "Біженці"},
        "anti_discrimination": {
            "tr": "Ayrımcılıkla mücadele",
            "ar": "مكافحة التمييز",
            "uk": "Протидія дискримінації",
        },
        "participation": {
            "tr": "Siyasi katılım",
            "ar": "المشاركة السياسية",
            "uk": "Політична участь",
        },
        "counselling": {"tr": "Danışmanlık", "ar": "الاستشارة", "uk": "Консультування"},
        "housing": {"tr": "Konut", "ar": "السكن", "uk": "Житло"},
        "volunteering": {"tr": "Gönüllülük", "ar": "العمل التطوعي", "uk": "Волонтерство"},
    },
    "category": {
        "rooms": {"tr": "Mekânlar", "ar": "أماكن وقاعات", "uk": "Приміщення"},
        "funding": {"tr": "Finansman", "ar": "التمويل", "uk": "Фінансування"},
        "volunteers": {"tr": "Gönüllüler", "ar": "المتطوعون", "uk": "Волонтери"},
        "qualification": {
            "tr": "Eğitim ve mesleki gelişim",
            "ar": "التأهيل والتدريب",
            "uk": "Навчання та підвищення кваліфікації",
        },
        "interpreting": {
            "tr": "Tercümanlık ve çeviri",
            "ar": "الترجمة الفورية والتحريرية",
            "uk": "Усний і письмовий переклад",
        },
        "partners": {
            "tr": "Ortaklar ve ağ oluşturma",
            "ar": "الشركاء والتشبيك",
            "uk": "Партнери та налагодження зв'язків",
        },
        "publicity": {
            "tr": "Halkla ilişkiler",
            "ar": "العلاقات العامة",
            "uk": "Зв'язки з громадськістю",
        },
        "advice": {"tr": "Danışmanlık", "ar": "الاستشارة", "uk": "Консультації"},
        "equipment": {"tr": "Ekipman", "ar": "المعدات", "uk": "Обладнання"},
        "other": {"tr": "Diğer", "ar": "أخرى", "uk": "Інше"},
    },
    "community": {
        "turkish": {
            "tr": "Türkiye kökenli topluluk",
            "ar": "الجالية المنحدرة من تركيا",
            "uk": "Громада вихідців із Туреччини",
        },
        "kurdish": {"tr": "Kürt topluluğu", "ar": "الجالية الكردية", "uk": "Курдська громада"},
        "arabic": {
            "tr": "Arapça konuşan topluluk",
            "ar": "الجالية الناطقة بالعربية",
            "uk": "Арабомовна громада",
        },
        "syrian": {"tr": "Suriyeli topluluk", "ar": "الجالية السورية", "uk": "Сирійська громада"},
        "afghan": {"tr": "Afgan topluluğu", "ar": "الجالية الأفغانية", "uk": "Афганська громада"},
        "iranian": {"tr": "İranlı topluluk", "ar": "الجالية الإيرانية", "uk": "Іранська громада"},
        "ukrainian": {
            "tr": "Ukraynalı topluluk",
            "ar": "الجالية الأوكرانية",
            "uk": "Українська громада",
        },
        "russian_speaking": {
            "tr": "Rusça konuşan topluluk",
            "ar": "الجالية الناطقة بالروسية",
            "uk": "Російськомовна громада",
        },
        "polish": {"tr": "Polonyalı topluluk", "ar": "الجالية البولندية", "uk": "Польська громада"},
        "romanian": {"tr": "Rumen topluluğu", "ar": "الجالية الرومانية", "uk": "Румунська громада"},
        "bulgarian": {
            "tr": "Bulgar topluluğu",
            "ar": "الجالية البلغارية",
            "uk": "Болгарська громада",
        },
        "greek": {"tr": "Yunan topluluğu", "ar": "الجالية اليونانية", "uk": "Грецька громада"},
        "italian": {
            "tr": "İtalyan topluluğu",
            "ar": "الجالية الإيطالية",
            "uk": "Італійська громада",
        },
        "spanish_speaking": {
            "tr": "İspanyolca konuşan topluluk",
            "ar": "الجالية الناطقة بالإسبانية",
            "uk": "Іспаномовна громада",
        },
        "balkan": {
            "tr": "Batı Balkanlardan gelen topluluk",
            "ar": "الجالية من غرب البلقان",
            "uk": "Громада із Західних Балкан",
        },
        "eritrean": {
            "tr": "Eritreli topluluk",
            "ar": "الجالية الإريترية",
            "uk": "Еритрейська громада",
        },
        "west_african": {
            "tr": "Batı Afrikalı topluluk",
            "ar": "الجالية من غرب أفريقيا",
            "uk": "Західноафриканська громада",
        },
        "moroccan": {
            "tr": "Faslı topluluk",
            "ar": "الجالية المغربية",
            "uk": "Марокканська громада",
        },
        "vietnamese": {
            "tr": "Vietnamlı topluluk",
            "ar": "الجالية الفيتنامية",
            "uk": "В'єтнамська громада",
        },
        "tamil": {"tr": "Tamil topluluğu", "ar": "الجالية التاميلية", "uk": "Тамільська громада"},
        "roma": {"tr": "Romanlar ve Sintiler", "ar": "الروما والسينتي", "uk": "Роми та сінті"},
        "multinational": {
            "tr": "Farklı kökenlerden",
            "ar": "من أصول مختلفة",
            "uk": "Різного походження",
        },
    },
}
