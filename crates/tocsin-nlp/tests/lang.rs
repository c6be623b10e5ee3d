//! Language identification of articles and paragraphs.

use tocsin_nlp::lang::{detect, detect_paragraphs, Coverage};

/// One article-length paragraph in each of the 20 languages news is most written in, with
/// the code each must get.
const SAMPLES: &[(&str, &str)] = &[
    ("en", "Gunmen opened fire on a crowded concert hall outside Moscow on Friday evening, killing more than 130 people and injuring 180 others, officials said, in the deadliest attack in Russia for years."),
    ("es", "Hombres armados abrieron fuego contra una sala de conciertos abarrotada en las afueras de Moscú el viernes por la noche, matando a más de 130 personas e hiriendo a otras 180, según las autoridades."),
    ("fr", "Des hommes armés ont ouvert le feu vendredi soir dans une salle de concert bondée près de Moscou, tuant plus de 130 personnes et en blessant 180 autres, selon les autorités russes."),
    ("de", "Bewaffnete haben am Freitagabend in einer vollbesetzten Konzerthalle bei Moskau das Feuer eröffnet und mehr als 130 Menschen getötet sowie 180 weitere verletzt, teilten die Behörden mit."),
    ("ru", "Вооружённые люди открыли огонь в переполненном концертном зале под Москвой в пятницу вечером, убив более 130 человек и ранив ещё 180, сообщили власти."),
    ("ar", "فتح مسلحون النار داخل قاعة حفلات مكتظة قرب موسكو مساء الجمعة، ما أسفر عن مقتل أكثر من 130 شخصا وإصابة 180 آخرين، بحسب ما أعلنت السلطات الروسية."),
    ("zh", "周五晚上，枪手在莫斯科郊外一座座无虚席的音乐厅开枪，造成130多人死亡，另有180人受伤，这是俄罗斯多年来最严重的袭击事件。"),
    ("pt", "Homens armados abriram fogo contra uma sala de concertos lotada nos arredores de Moscou na sexta-feira à noite, matando mais de 130 pessoas e ferindo outras 180, disseram as autoridades."),
    ("it", "Uomini armati hanno aperto il fuoco venerdì sera in una sala concerti affollata alla periferia di Mosca, uccidendo più di 130 persone e ferendone altre 180, hanno detto le autorità."),
    ("ja", "金曜日の夜、モスクワ郊外の満員のコンサートホールで武装した男たちが発砲し、130人以上が死亡、180人が負傷したと当局が発表した。"),
    ("ko", "금요일 밤 모스크바 외곽의 만원 공연장에서 무장 괴한들이 총격을 가해 130명 이상이 숨지고 180명이 다쳤다고 당국이 밝혔다."),
    ("hi", "शुक्रवार शाम मॉस्को के बाहरी इलाके में एक भरे हुए कॉन्सर्ट हॉल में बंदूकधारियों ने गोलीबारी की, जिसमें 130 से अधिक लोग मारे गए और 180 अन्य घायल हो गए, अधिकारियों ने बताया।"),
    ("tr", "Silahlı kişiler cuma akşamı Moskova yakınlarındaki kalabalık bir konser salonunda ateş açarak 130'dan fazla kişiyi öldürdü ve 180 kişiyi yaraladı, yetkililer açıkladı."),
    ("nl", "Gewapende mannen openden vrijdagavond het vuur in een volle concertzaal bij Moskou, waarbij meer dan 130 mensen om het leven kwamen en 180 anderen gewond raakten, aldus de autoriteiten."),
    ("pl", "Uzbrojeni napastnicy otworzyli w piątek wieczorem ogień w zatłoczonej sali koncertowej pod Moskwą, zabijając ponad 130 osób i raniąc 180 kolejnych, poinformowały władze."),
    ("uk", "Озброєні люди відкрили вогонь у переповненій концертній залі під Москвою в п'ятницю ввечері, вбивши понад 130 людей і поранивши ще 180, повідомили влада."),
    ("fa", "مردان مسلح عصر جمعه در یک سالن کنسرت شلوغ در نزدیکی مسکو تیراندازی کردند و بیش از ۱۳۰ نفر را کشتند و ۱۸۰ نفر دیگر را زخمی کردند، به گفته مقامات."),
    ("id", "Orang-orang bersenjata melepaskan tembakan di sebuah gedung konser yang penuh sesak di dekat Moskow pada Jumat malam, menewaskan lebih dari 130 orang dan melukai 180 lainnya, kata pihak berwenang."),
    ("vi", "Các tay súng đã nổ súng vào một phòng hòa nhạc đông người gần Moscow vào tối thứ Sáu, giết chết hơn 130 người và làm bị thương 180 người khác, nhà chức trách cho biết."),
    ("ur", "جمعہ کی شام ماسکو کے قریب ایک بھرے ہوئے کنسرٹ ہال میں مسلح افراد نے فائرنگ کی جس سے 130 سے زائد افراد ہلاک اور 180 زخمی ہو گئے، حکام نے بتایا۔"),
];

#[test]
fn the_twenty_main_news_languages() {
    for &(code, text) in SAMPLES {
        let lang = detect(text).unwrap_or_else(|| panic!("{code}: nothing detected"));
        assert_eq!(lang.code, code, "{text}");
        let expected = if code == "en" {
            Coverage::Full
        } else {
            Coverage::Basic
        };
        assert_eq!(lang.coverage, expected);
    }
}

#[test]
fn mixed_documents_are_marked_per_paragraph() {
    let text = format!(
        "{}\n\n{}\n\n{}\n\nBy Ali Raza",
        SAMPLES[0].1, SAMPLES[4].1, SAMPLES[0].1
    );
    let doc = detect_paragraphs(&text);
    assert_eq!(doc.main.map(|l| l.code), Some("en"));
    assert!(doc.mixed);
    let codes: Vec<_> = doc
        .paragraphs
        .iter()
        .map(|p| (p.lang.map(|l| l.code), p.inherited))
        .collect();
    assert_eq!(
        codes,
        [
            (Some("en"), false),
            (Some("ru"), false),
            (Some("en"), false),
            (Some("en"), true)
        ]
    );
    assert_eq!(doc.paragraphs[3].span.slice(&text), Some("By Ali Raza"));
}

#[test]
fn nothing_to_detect() {
    assert!(detect("").is_none());
    assert!(detect("130 — 180 !!!").is_none());
    let doc = detect_paragraphs("");
    assert!(doc.main.is_none() && doc.paragraphs.is_empty() && !doc.mixed);
}
