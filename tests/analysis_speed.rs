//! Throughput of the analysis, stage by stage, on 1 MB documents (issue 7: ≥ 50 MB/s, a 1 MB
//! document in ≤ 20 ms). Ignored by default; run in release mode:
//!
//! ```text
//! cargo test --release --test analysis_speed -- --ignored --nocapture --test-threads=1
//! ```
//!
//! `COPYDESK_SPEED_KB=256` changes the document size (default 1024 KB).
//!
//! Documents: realistic French and English news copy (generated from varied paragraphs with
//! « » quotes, attributions, titles, roles and names with their variant spellings, over a
//! pool of a few hundred people), a name-dense stress text (thousands of mentions of the same
//! few people, every variant), 1 MB of capitalised words, and a 5 MB single line.
//! Wall-clock figures are printed, never asserted.

use std::time::{Duration, Instant};

use copydesk::analysis::{
    AnalysisOptions, Language, analyze, attribution, entities, lang, names, quotes, segment,
    variants,
};

/// A small deterministic generator (no dependency).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "sa", "vo", "do", "ber", "ta", "nik", "gu", "zel", "ra", "mon", "pe",
    "lin", "sto", "va", "dri", "mar",
];
const SURNAME_ENDINGS: &[&str] = &[
    "ov", "enko", "ski", "ier", "and", "elli", "ez", "ard", "son",
];

/// A pool of people: (first name, surname, variant surname).
fn people(rng: &mut Lcg, n: usize, french: bool) -> Vec<(String, String, String)> {
    let firsts_fr = [
        "Jean", "Marie", "Sophie", "Pierre", "Claire", "Nicolas", "Isabelle", "Michel", "Nathalie",
        "Olivier", "Evgueni", "Dmitri", "Sergueï", "Alexeï", "Iouri",
    ];
    let firsts_en = [
        "John",
        "Mary",
        "Sarah",
        "Peter",
        "Claire",
        "Nicholas",
        "Elizabeth",
        "Michael",
        "Natalie",
        "Oliver",
        "Yevgeny",
        "Dmitry",
        "Sergei",
        "Alexei",
        "Yuri",
    ];
    let firsts: &[&str] = if french { &firsts_fr } else { &firsts_en };
    let mut out: Vec<(String, String, String)> = vec![
        if french {
            ("Evgueni".into(), "Prigojine".into(), "Prigozhin".into())
        } else {
            ("Yevgeny".into(), "Prigozhin".into(), "Prigojine".into())
        },
        if french {
            (
                "Alexandre".into(),
                "Loukachenko".into(),
                "Lukashenko".into(),
            )
        } else {
            (
                "Alexander".into(),
                "Lukashenko".into(),
                "Loukachenko".into(),
            )
        },
        ("Volodymyr".into(), "Zelensky".into(), "Zelenskyy".into()),
        ("Antony".into(), "Blinken".into(), "Blinkin".into()),
        if french {
            ("Vladimir".into(), "Poutine".into(), "Putin".into())
        } else {
            ("Vladimir".into(), "Putin".into(), "Poutine".into())
        },
        if french {
            ("Mouammar".into(), "Kadhafi".into(), "Gaddafi".into())
        } else {
            ("Muammar".into(), "Gaddafi".into(), "Kadhafi".into())
        },
    ];
    while out.len() < n {
        let mut s = String::new();
        for _ in 0..2 + rng.next() % 2 {
            s.push_str(rng.pick(SYLLABLES));
        }
        s.push_str(rng.pick(SURNAME_ENDINGS));
        let mut cs = s.chars();
        let cap: String = cs
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default()
            + cs.as_str();
        // A variant spelling: a vowel changed, as a typo or another transliteration would.
        let variant = cap.replacen('o', "ou", 1).replacen("ov", "off", 1);
        out.push((rng.pick(firsts).to_string(), cap, variant));
    }
    out
}

const PLACES_FR: &[&str] = &[
    "Moscou",
    "Kiev",
    "Kyiv",
    "Minsk",
    "Vilnius",
    "Paris",
    "Berlin",
    "Washington",
    "Rostov-sur-le-Don",
    "Bakhmout",
    "la Russie",
    "l’Ukraine",
    "la Biélorussie",
    "Tripoli",
    "Benghazi",
];
const PLACES_EN: &[&str] = &[
    "Moscow",
    "Kyiv",
    "Kiev",
    "Minsk",
    "Vilnius",
    "Paris",
    "Berlin",
    "Washington",
    "Rostov-on-Don",
    "Bakhmut",
    "Russia",
    "Ukraine",
    "Belarus",
    "Tripoli",
    "Benghazi",
];
const ORGS_FR: &[&str] = &[
    "l’OTAN",
    "le groupe Wagner",
    "le Kremlin",
    "le Pentagone",
    "l’ONU",
    "le ministère de la Défense",
    "l’Union européenne",
    "le centre Carnegie",
];
const ORGS_EN: &[&str] = &[
    "NATO",
    "the Wagner Group",
    "the Kremlin",
    "the Pentagon",
    "the UN",
    "the Defence Ministry",
    "the European Union",
    "the Carnegie Center",
];

/// A realistic news document of about `size` bytes.
fn realistic(size: usize, french: bool, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let pool = people(&mut rng, 400, french);
    let mut out = String::with_capacity(size + 4096);
    let mut article = 0;
    while out.len() < size {
        article += 1;
        // One article: six to twelve paragraphs about a few people of the pool.
        let cast: Vec<&(String, String, String)> =
            (0..4).map(|_| &pool[rng.next() % pool.len()]).collect();
        if french {
            out.push_str(&format!(
                "Russie : {} face à la crise, {} hausse le ton (article {article})\n\n",
                cast[0].1, cast[1].1
            ));
        } else {
            out.push_str(&format!(
                "Russia Braces for Fallout as {} Confronts {} (story {article})\n\n",
                cast[0].1, cast[1].1
            ));
        }
        let paragraphs = 6 + rng.next() % 7;
        for n in 0..paragraphs {
            let (f, s, v) = cast[n % cast.len()];
            let (f2, s2, _) = cast[(n + 1) % cast.len()];
            let place = rng.pick(if french { PLACES_FR } else { PLACES_EN });
            let place2 = rng.pick(if french { PLACES_FR } else { PLACES_EN });
            let org = rng.pick(if french { ORGS_FR } else { ORGS_EN });
            let p = if french {
                match rng.next() % 8 {
                    0 => format!(
                        "Le porte-parole du Kremlin, {f} {s}, a assuré mardi que la situation était « sous contrôle » à {place}, trois jours après la marche avortée des hommes de {f2} {s2} vers la capitale. Selon plusieurs médias, {v} serait arrivé lundi soir à {place2}."
                    ),
                    1 => format!(
                        "« Nous lui avons donné une porte de sortie, et il l’a prise sans discuter », a déclaré M. {s} devant des officiers réunis à {place}. {v} a ajouté que {org} ne disposerait d’aucune base sur son territoire, ce que Mme {s2} a aussitôt contesté."
                    ),
                    2 => format!(
                        "Le président ukrainien {f} {s} a estimé que la mutinerie montrait la fragilité du pouvoir russe. Le chef de l’État s’est entretenu avec le secrétaire général de l’OTAN, {f2} {s2}, avant le sommet de {place}."
                    ),
                    3 => format!(
                        "Pour l’analyste {f} {s}, chercheuse au centre Carnegie, {f2} {s2} « a perdu son pari mais pas sa popularité ». {place} n’a pas réagi à ces propos, et {org} s’est refusé à tout commentaire."
                    ),
                    4 => format!(
                        "Cependant, les questions s’accumulent. Dimanche, {s} a dénoncé une « trahison » sans jamais prononcer le nom de M. {s2}. D’après {org}, les combattants pourraient signer des contrats avec l’armée régulière d’ici à la fin du mois de juillet."
                    ),
                    5 => format!(
                        "« La situation reste très volatile. Personne ne sait ce qui se passera demain à {place}. » Ces mots de {f} {v}, ancien conseiller de {s2}, résument l’inquiétude des chancelleries occidentales, de {place2} à Washington."
                    ),
                    6 => format!(
                        "Les négociations entre {place} et {place2} se poursuivent, a indiqué mercredi {org} dans un communiqué, sans donner plus de détails sur le calendrier. Les diplomates évoquent une « fenêtre étroite » avant l’hiver."
                    ),
                    _ => format!(
                        "Il a été décidé que les troupes resteraient sur place. « C’est une erreur », juge {s}, pour qui {f2} {s2} « joue avec le feu ». Lors de l’émission Meet the Press, {v} a pourtant défendu cette ligne."
                    ),
                }
            } else {
                match rng.next() % 8 {
                    0 => format!(
                        "Kremlin spokesman {f} {s} said on Tuesday that the situation in {place} was “under control,” three days after the aborted march of {f2} {s2}’s fighters on the capital. According to several outlets, {v} arrived in {place2} on Monday evening."
                    ),
                    1 => format!(
                        "“We gave him a way out, and he took it without arguing,” Mr. {s} told officers gathered in {place}. {v} added that {org} would have no base on its territory, a claim Ms. {s2} quickly disputed."
                    ),
                    2 => format!(
                        "Ukrainian President {f} {s} said the mutiny showed the fragility of Russian power. He spoke with NATO Secretary General {f2} {s2} ahead of the summit in {place}."
                    ),
                    3 => format!(
                        "For analyst {f} {s}, a senior fellow at the Carnegie Center, {f2} {s2} “lost his bet but not his popularity.” {place} did not respond to the remarks, and {org} declined to comment."
                    ),
                    4 => format!(
                        "Questions are mounting, however. On Sunday, {s} denounced a “betrayal” without ever naming Mr. {s2}. According to {org}, the fighters could sign contracts with the regular army by the end of July."
                    ),
                    5 => format!(
                        "“The situation remains very volatile. Nobody knows what will happen tomorrow in {place}.” Those words from {f} {v}, a former adviser to {s2}, sum up the anxiety in Western capitals, from {place2} to Washington."
                    ),
                    6 => format!(
                        "Talks between {place} and {place2} are continuing, {org} said in a statement on Wednesday, without giving details of the timetable. Diplomats speak of a “narrow window” before winter."
                    ),
                    _ => format!(
                        "It was decided that the troops would stay. “It is a mistake,” said {s}, for whom {f2} {s2} “is playing with fire.” On the show Meet the Press, {v} nevertheless defended that line."
                    ),
                }
            };
            out.push_str(&p);
            out.push_str("\n\n");
        }
    }
    out
}

/// Thousands of mentions of the same few people, in every spelling.
fn stress(size: usize) -> String {
    let para = "Evgueni Prigojine, Prigozhin, M. Prigojine et Yevgeny Prigozhin ont parlé à Vladimir Poutine, Poutine, Putin et M. Poutine. Alexandre Loukachenko, Lukashenko, M. Loukachenko, Volodymyr Zelensky, Zelenskyy, Zelenski, Antony Blinken, Blinkin et M. Blinken à Kiev, Kyiv, Moscou, Minsk. « Nous avons parlé », a déclaré Prigojine. Selon Lukashenko, Kadhafi, Gaddafi et Mouammar Kadhafi aussi.\n\n";
    para.repeat(size / para.len() + 1)
}

/// 1 MB of capitalised words, some with punctuation.
fn capitals(size: usize) -> String {
    let mut rng = Lcg(7);
    let mut out = String::with_capacity(size + 64);
    let mut n = 0;
    while out.len() < size {
        let mut w = String::new();
        for _ in 0..1 + rng.next() % 3 {
            w.push_str(rng.pick(SYLLABLES));
        }
        let mut cs = w.chars();
        let cap: String = cs
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default()
            + cs.as_str();
        out.push_str(&cap);
        n += 1;
        out.push_str(match n % 37 {
            0 => ". ",
            12 => ", ",
            30 => "\n\n",
            _ => " ",
        });
    }
    out
}

fn single_line(size: usize) -> String {
    let chunk = "aaaaaaaaaaa Bbbbbbb cccccc « Dddddd » Eeeeee-Ffff gggg, ";
    let mut s = chunk.repeat(size / chunk.len() + 1);
    let mut end = size;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        last = Some(r);
    }
    (best, last.expect("one run"))
}

fn rate(bytes: usize, d: Duration) -> String {
    format!(
        "{:8.2} ms {:9.1} MB/s",
        d.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / d.as_secs_f64()
    )
}

fn measure(label: &str, text: &str, language: Language) {
    let runs = 3;
    let n = text.len();
    println!("== {label}: {n} bytes");
    let (d, _) = best(runs, || lang::detect(text));
    println!("  lang        {}", rate(n, d));
    let (d, paragraphs) = best(runs, || segment::paragraphs(text, false));
    println!("  segment     {}", rate(n, d));
    let (d, (quotes, _)) = best(runs, || {
        let mut findings = Vec::new();
        let q = quotes::find_quotes(text, &paragraphs, language, &mut findings);
        (q, findings)
    });
    println!("  quotes      {}", rate(n, d));
    let (d, mentions) = best(runs, || {
        names::find_mentions(text, &paragraphs, &quotes, language)
    });
    println!("  names       {}", rate(n, d));
    let style = copydesk::analysis::HouseStyle::default();
    let (d, (mentions, ents)) = best(runs, || {
        entities::link(text, mentions.clone(), language, &style)
    });
    println!("  entities    {}", rate(n, d));
    let (d, _) = best(runs, || {
        let mut q = quotes.clone();
        let mut findings = Vec::new();
        attribution::attribute(
            text,
            &paragraphs,
            &mut q,
            &mentions,
            &ents,
            language,
            &mut findings,
        );
        findings.len()
    });
    println!("  attribution {}", rate(n, d));
    let (d, variant_findings) = best(runs, || {
        let mut findings = Vec::new();
        variants::check(text, &mentions, &ents, language, &style, &mut findings);
        findings
    });
    println!("  variants    {}", rate(n, d));
    let options = AnalysisOptions {
        language: Some(language),
        ..AnalysisOptions::default()
    };
    let (d, a) = best(runs, || analyze(text, &options));
    println!("  ANALYZE     {}", rate(n, d));
    println!(
        "  ({} paragraphs, {} quotes, {} mentions, {} entities, {} findings, {} name-variant)",
        a.paragraphs.len(),
        a.quotes.len(),
        a.mentions.len(),
        a.entities.len(),
        a.findings.len(),
        variant_findings.len()
    );
}

/// Document size in bytes: `COPYDESK_SPEED_KB` (default 1024).
fn size() -> usize {
    std::env::var("COPYDESK_SPEED_KB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1024)
        * 1024
}

#[test]
#[ignore]
fn speed_1_french() {
    measure(
        "realistic French",
        &realistic(size(), true, 1),
        Language::French,
    );
}

#[test]
#[ignore]
fn speed_2_english() {
    measure(
        "realistic English",
        &realistic(size(), false, 2),
        Language::English,
    );
}

#[test]
#[ignore]
fn speed_3_name_dense() {
    measure("name-dense stress", &stress(size()), Language::French);
}

#[test]
#[ignore]
fn speed_4_capitals() {
    measure("capitalised words", &capitals(size()), Language::English);
}

#[test]
#[ignore]
fn speed_5_single_line() {
    measure(
        "single line (5× size)",
        &single_line(5 * size()),
        Language::French,
    );
}

/// A 5 KB article, as typed: the figure behind per-keystroke latency.
#[test]
#[ignore]
fn small_article_speed() {
    let fr = realistic(5 * 1024, true, 3);
    let options = AnalysisOptions {
        language: Some(Language::French),
        ..AnalysisOptions::default()
    };
    let (d, _) = best(50, || analyze(&fr, &options));
    println!("== 5 KB French article: {}", rate(fr.len(), d));
}

/// Writes the whole analysis of each document (Debug form) to `$COPYDESK_DUMP/<name>.txt`, to
/// compare two builds: the optimisations must not change a single finding. The
/// "every mention" fixes are written apart (`<name>.all.txt`): their copies are capped on
/// very large entities.
#[test]
#[ignore]
fn dump_analyses() {
    let Ok(dir) = std::env::var("COPYDESK_DUMP") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs: Vec<(String, String, Option<Language>)> = vec![
        (
            "fr".into(),
            realistic(256 * 1024, true, 11),
            Some(Language::French),
        ),
        (
            "en".into(),
            realistic(256 * 1024, false, 12),
            Some(Language::English),
        ),
        ("stress".into(), stress(32 * 1024), Some(Language::French)),
        ("caps".into(), capitals(64 * 1024), Some(Language::English)),
        ("line".into(), single_line(64 * 1024), None),
    ];
    for sub in [
        "tests/fixtures/names",
        "tests/fixtures/quotes",
        "examples",
        "../shared/samples",
    ] {
        let Ok(rd) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        for e in rd.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                docs.push((e.file_name().to_string_lossy().into_owned(), t, None));
            }
        }
    }
    for (name, text, language) in docs {
        let options = AnalysisOptions {
            language,
            ..AnalysisOptions::default()
        };
        let mut a = analyze(&text, &options);
        let mut all = String::new();
        for f in &mut a.findings {
            f.fixes.retain(|x| {
                let every = x.title.starts_with("Use « ");
                if every {
                    all.push_str(&format!("{:?} {:?}\n", f.span, x));
                }
                !every
            });
        }
        std::fs::write(dir.join(format!("{name}.txt")), format!("{a:#?}")).unwrap();
        std::fs::write(dir.join(format!("{name}.all.txt")), all).unwrap();
    }
}
