//! Generated newsroom text for the benchmarks: realistic French and English paragraphs built
//! from templates, with people named in full and then by surname (in several transliterations),
//! quotes in « » and “ ” (nested, multi-paragraph, unattributed, unbalanced now and then),
//! attributions before, after and around the quote, headings and "read also" lines.
//!
//! Everything is deterministic (a fixed-seed generator), so two runs measure the same text.
//! Shared by `benches/analysis.rs` (criterion) and `benches/lsp_latency.rs` (stdio client).

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The language of a generated text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

/// A small deterministic generator (SplitMix64): no dependency, same text on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `true` with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A person as the wires spell them: first name, surname spellings (the first is the house
/// spelling; the others are transliteration variants a copy editor must catch), gender and role.
struct Person {
    first: &'static str,
    surnames: &'static [&'static str],
    feminine: bool,
    role_fr: &'static str,
    role_en: &'static str,
}

const PEOPLE: &[Person] = &[
    Person {
        first: "Evgueni",
        surnames: &["Prigojine", "Prigozhin", "Prigoschin"],
        feminine: false,
        role_fr: "fondateur du groupe Wagner",
        role_en: "founder of the Wagner group",
    },
    Person {
        first: "Volodymyr",
        surnames: &["Zelensky", "Zelenskyy", "Zelenskiy", "Selenskyj"],
        feminine: false,
        role_fr: "président ukrainien",
        role_en: "Ukrainian president",
    },
    Person {
        first: "Dmitri",
        surnames: &["Peskov", "Peskow"],
        feminine: false,
        role_fr: "porte-parole du Kremlin",
        role_en: "Kremlin spokesman",
    },
    Person {
        first: "Sergueï",
        surnames: &["Choïgou", "Shoigu", "Schoigu"],
        feminine: false,
        role_fr: "ministre de la défense",
        role_en: "defence minister",
    },
    Person {
        first: "Ioulia",
        surnames: &["Navalnaïa", "Navalnaya", "Nawalnaja"],
        feminine: true,
        role_fr: "opposante russe",
        role_en: "Russian opposition figure",
    },
    Person {
        first: "Mouammar",
        surnames: &["Kadhafi", "Gaddafi", "Qaddafi", "Khadafi"],
        feminine: false,
        role_fr: "ancien dirigeant libyen",
        role_en: "former Libyan leader",
    },
    Person {
        first: "Ramzan",
        surnames: &["Kadyrov", "Kadyrow"],
        feminine: false,
        role_fr: "dirigeant tchétchène",
        role_en: "Chechen leader",
    },
    Person {
        first: "Claire",
        surnames: &["Vasseur", "Vaseur"],
        feminine: true,
        role_fr: "maire adjointe chargée des finances",
        role_en: "deputy mayor for finance",
    },
    Person {
        first: "Marc",
        surnames: &["Delorme", "Delorm"],
        feminine: false,
        role_fr: "chef de l’opposition municipale",
        role_en: "leader of the council opposition",
    },
    Person {
        first: "Anna",
        surnames: &["Kowalski", "Kovalski", "Kowalsky"],
        feminine: true,
        role_fr: "chercheuse à l’Institut balte",
        role_en: "senior fellow at the Baltic Policy Institute",
    },
    Person {
        first: "Mohammed",
        surnames: &["Ben Salmane", "bin Salman", "Ben Salman"],
        feminine: false,
        role_fr: "prince héritier saoudien",
        role_en: "Saudi crown prince",
    },
    Person {
        first: "Alexandre",
        surnames: &["Loukachenko", "Lukashenko", "Lukaschenko"],
        feminine: false,
        role_fr: "président biélorusse",
        role_en: "Belarusian president",
    },
];

const PLACES_FR: &[&str] = &[
    "Moscou",
    "Kiev",
    "Minsk",
    "Rostov-sur-le-Don",
    "Lyon",
    "Tripoli",
    "Grozny",
    "Bakhmout",
    "Bruxelles",
    "Varsovie",
];
const PLACES_EN: &[&str] = &[
    "Moscow",
    "Kyiv",
    "Minsk",
    "Rostov-on-Don",
    "Lyon",
    "Tripoli",
    "Grozny",
    "Bakhmut",
    "Brussels",
    "Warsaw",
];
const ORGS_FR: &[&str] = &[
    "l’OTAN",
    "le Kremlin",
    "le Pentagone",
    "l’Union européenne",
    "le conseil municipal",
    "l’Agence France-Presse",
];
const ORGS_EN: &[&str] = &[
    "NATO",
    "the Kremlin",
    "the Pentagon",
    "the European Union",
    "the city council",
    "Reuters",
];

const SPEECH_FR: &[&str] = &[
    "Nous avons refusé de céder, et nous tiendrons cette ligne jusqu’au bout",
    "Ce budget ne règle rien, il repousse les problèmes à l’an prochain",
    "Personne à Moscou ne le dira à voix haute, mais l’armée a été humiliée",
    "Il n’y a pas eu de négociation, seulement un ultimatum",
    "Nous attendons des actes, pas des promesses",
    "La situation sur le front reste extrêmement difficile, mais elle est sous contrôle",
    "Je ne commenterai pas des rumeurs",
    "Les habitants ont le droit de savoir ce qui s’est passé cette nuit-là",
];
const SPEECH_EN: &[&str] = &[
    "What we saw is a crack in the system, and cracks tend to widen",
    "Nobody in Moscow will say this out loud, but the army was humiliated",
    "There was no negotiation, only an ultimatum",
    "We expect action, not promises",
    "The situation at the front remains extremely difficult, but it is under control",
    "I will not comment on rumours",
    "People have a right to know what happened that night",
    "This budget fixes nothing; it pushes the problems into next year",
];
const PARTIAL_FR: &[&str] = &[
    "prudent mais pas immobile",
    "inacceptable",
    "trahison",
    "une faiblesse au sommet",
    "totalement infondées",
    "frappera d’abord ceux qui n’ont pas le choix",
];
const PARTIAL_EN: &[&str] = &[
    "cautious but not frozen",
    "unacceptable",
    "treason",
    "weakness at the very top",
    "completely unfounded",
    "hit those with no choice first",
];
const TITLES_FR: &[&str] = &[
    "Le Bureau des légendes",
    "Marche ou crève",
    "Opération Barkhane",
    "Guerre et Paix",
];
const TITLES_EN: &[&str] = &[
    "The Wagner Question",
    "Operation Barbarossa",
    "War and Peace",
    "Face the Nation",
];
const CUES_FR: &[&str] = &[
    "a déclaré",
    "a affirmé",
    "a assuré",
    "a ajouté",
    "a martelé",
    "a confié",
    "a estimé",
];
const CUES_EN: &[&str] = &["said", "added", "told reporters", "insisted", "warned"];
const FILLER_FR: &[&str] = &[
    "La séance, ouverte en fin d’après-midi, s’est prolongée tard dans la nuit.",
    "Les chiffres publiés mardi font état d’une hausse de 4,2 % sur un an.",
    "Aucune date n’a été fixée pour la reprise des discussions.",
    "Le texte doit encore être examiné par le Sénat au début du mois prochain.",
    "Plusieurs témoins ont décrit des colonnes de véhicules blindés sur l’autoroute M4.",
    "L’information n’a pas pu être vérifiée de manière indépendante.",
];
const FILLER_EN: &[&str] = &[
    "The session, which opened in the late afternoon, ran well into the night.",
    "Figures released on Tuesday show a 4.2% rise over the year.",
    "No date has been set for talks to resume.",
    "The bill still has to go before the Senate early next month.",
    "Several witnesses described columns of armoured vehicles on the M4 motorway.",
    "The claim could not be independently verified.",
];

/// The person's name as written this time: full name the first time, then surname with a
/// title, or a variant spelling now and then.
fn surname(rng: &mut Rng, p: &Person) -> &'static str {
    if rng.chance(15) {
        rng.pick(&p.surnames[1..]).to_owned()
    } else {
        p.surnames[0]
    }
}

fn title(lang: Lang, p: &Person) -> &'static str {
    match (lang, p.feminine) {
        (Lang::Fr, false) => "M.",
        (Lang::Fr, true) => "Mme",
        (Lang::En, false) => "Mr",
        (Lang::En, true) => "Ms.",
    }
}

fn pronoun(lang: Lang, p: &Person) -> &'static str {
    match (lang, p.feminine) {
        (Lang::Fr, false) => "il",
        (Lang::Fr, true) => "elle",
        (Lang::En, false) => "he",
        (Lang::En, true) => "she",
    }
}

/// Writes one paragraph (without its trailing blank line) about `cast` into `out`.
/// `introduced` says which of the cast have already been named in full.
fn paragraph(rng: &mut Rng, lang: Lang, cast: &[usize], introduced: &mut [bool], out: &mut String) {
    let who = cast[rng.below(cast.len())];
    let p = &PEOPLE[who];
    let first_time = !introduced[who];
    introduced[who] = true;
    let name = if first_time {
        match lang {
            Lang::Fr => format!("{} {}, {},", p.first, p.surnames[0], p.role_fr),
            Lang::En => format!("{} {}, the {},", p.first, p.surnames[0], p.role_en),
        }
    } else if rng.chance(50) {
        format!("{} {}", title(lang, p), surname(rng, p))
    } else {
        surname(rng, p).to_string()
    };
    // The name without the apposition, for positions where a comma would not fit.
    let short = if first_time {
        format!("{} {}", p.first, p.surnames[0])
    } else {
        name.clone()
    };
    let (speech, partial, cues, filler, places, orgs, titles) = match lang {
        Lang::Fr => (
            SPEECH_FR, PARTIAL_FR, CUES_FR, FILLER_FR, PLACES_FR, ORGS_FR, TITLES_FR,
        ),
        Lang::En => (
            SPEECH_EN, PARTIAL_EN, CUES_EN, FILLER_EN, PLACES_EN, ORGS_EN, TITLES_EN,
        ),
    };
    let s = rng.pick(speech);
    let part = rng.pick(partial);
    let cue = rng.pick(cues);
    let place = rng.pick(places);
    let org = rng.pick(orgs);
    let t = rng.pick(titles);
    let other = &PEOPLE[cast[rng.below(cast.len())]];
    match (lang, rng.below(12)) {
        // Quote first, speaker after (incise).
        (Lang::Fr, 0) => write!(out, "« {s} », {cue} {short} à {place}."),
        (Lang::En, 0) => write!(out, "“{s},” {cue} {short} in {place}."),
        // Speaker, cue, colon, quote.
        (Lang::Fr, 1) => write!(out, "{name} {cue} : « {s}. »"),
        (Lang::En, 1) => write!(out, "{name} {cue}: “{s}.”"),
        // Partial quote inside the writer's sentence.
        (Lang::Fr, 2) => write!(
            out,
            "Selon {short}, la décision de {org} est « {part} ». {}",
            rng.pick(filler)
        ),
        (Lang::En, 2) => write!(
            out,
            "According to {short}, the decision by {org} was “{part}”. {}",
            rng.pick(filler)
        ),
        // Nested quotes: a title inside reported speech.
        (Lang::Fr, 3) => write!(
            out,
            "« Je n’ai jamais regardé “{t}”, et je ne le regarderai pas », a ironisé {short}."
        ),
        (Lang::En, 3) => write!(
            out,
            "“I never watched ‘{t}’, and I never will,” {short} said with a smile."
        ),
        // An unattributed quote standing alone.
        (Lang::Fr, 4) => write!(out, "« {s}. »"),
        (Lang::En, 4) => write!(out, "“{s}.”"),
        // Pronoun attribution after a named mention.
        (Lang::Fr, 5) => write!(
            out,
            "{name} s’est rendu à {place} jeudi. « {s} », a-t-{} ajouté.",
            pronoun(lang, p)
        ),
        (Lang::En, 5) => write!(
            out,
            "{name} travelled to {place} on Thursday. “{s},” {} added.",
            pronoun(lang, p)
        ),
        // Two people, a surname variant, an organisation.
        (Lang::Fr, 6) => write!(
            out,
            "{name} a rencontré {} {} à {place}, en présence de représentants de {org}. {}",
            title(lang, other),
            surname(rng, other),
            rng.pick(filler)
        ),
        (Lang::En, 6) => write!(
            out,
            "{name} met {} {} in {place}, with officials from {org} present. {}",
            title(lang, other),
            surname(rng, other),
            rng.pick(filler)
        ),
        // Unnamed source.
        (Lang::Fr, 7) => write!(
            out,
            "« {s} », a affirmé un responsable de {org} sous couvert d’anonymat."
        ),
        (Lang::En, 7) => write!(
            out,
            "“{s},” an official at {org} said on condition of anonymity."
        ),
        // A quote that runs on into the next paragraph (continuation), then closes.
        (Lang::Fr, 8) => {
            let s2 = rng.pick(speech);
            write!(out, "{name} {cue} : « {s}.\n\n« {s2}. »")
        }
        (Lang::En, 8) => {
            let s2 = rng.pick(speech);
            write!(out, "{name} {cue}: “{s}.\n\n“{s2}.”")
        }
        // A quote left open by mistake, or with a wrong mark.
        (Lang::Fr, 9) if rng.chance(30) => write!(out, "{short} a dénoncé une « {part}."),
        (Lang::En, 9) if rng.chance(30) => write!(out, "{short} denounced \"{part}."),
        (Lang::Fr, 9) => write!(
            out,
            "{short} a qualifié le projet d’»{part}« lors du débat."
        ),
        (Lang::En, 9) => write!(out, "{short} called the plan ”{part}“ during the debate."),
        // Plain reporting prose.
        (Lang::Fr, 10) => write!(
            out,
            "{name} n’a pas été vu en public depuis samedi. {} {}",
            rng.pick(filler),
            rng.pick(filler)
        ),
        (Lang::En, 10) => write!(
            out,
            "{name} has not been seen in public since Saturday. {} {}",
            rng.pick(filler),
            rng.pick(filler)
        ),
        // A scare quote and a straight-quoted word.
        (Lang::Fr, _) => write!(
            out,
            "Le projet, jugé « {part} » par {short}, a été qualifié de \"fragile\" par {org}."
        ),
        (Lang::En, _) => write!(
            out,
            "The plan, described as “{part}” by {short}, was called 'fragile' by {org}."
        ),
    }
    .expect("writing to a String");
}

/// One article of about `target` bytes (never much less, never more than a paragraph over).
pub fn article(seed: u64, lang: Lang, target: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(target + 1024);
    // A cast of three to five people per article.
    let mut cast: Vec<usize> = Vec::new();
    while cast.len() < 3 + rng.below(3) {
        let p = rng.below(PEOPLE.len());
        if !cast.contains(&p) {
            cast.push(p);
        }
    }
    let mut introduced = vec![false; PEOPLE.len()];
    let headline = match lang {
        Lang::Fr => format!(
            "{} : {} sous pression à {}\n\n",
            rng.pick(PLACES_FR),
            PEOPLE[cast[0]].surnames[0],
            rng.pick(PLACES_FR)
        ),
        Lang::En => format!(
            "{}: {} under pressure in {}\n\n",
            rng.pick(PLACES_EN),
            PEOPLE[cast[0]].surnames[0],
            rng.pick(PLACES_EN)
        ),
    };
    out.push_str(&headline);
    let mut paragraphs = 0;
    while out.len() < target {
        if paragraphs > 0 && paragraphs % 9 == 0 {
            out.push_str(match lang {
                Lang::Fr => "Lire aussi : Ce que l’on sait de la mutinerie avortée\n\n",
                Lang::En => "Read more: What we know about the aborted mutiny\n\n",
            });
        }
        paragraph(&mut rng, lang, &cast, &mut introduced, &mut out);
        out.push_str("\n\n");
        paragraphs += 1;
    }
    out
}

/// A long document of at least `target` bytes: articles of both languages (or one) one after
/// the other, as in a live blog or a day's wire copy pasted into one file.
pub fn document(seed: u64, lang: Option<Lang>, target: usize) -> String {
    let mut out = String::with_capacity(target + 8192);
    let mut i = 0u64;
    while out.len() < target {
        let l = lang.unwrap_or(if i % 3 == 2 { Lang::En } else { Lang::Fr });
        let size = 3000 + (seed.wrapping_add(i) % 5) as usize * 1000;
        out.push_str(&article(seed.wrapping_mul(1000).wrapping_add(i), l, size));
        i += 1;
    }
    out
}

/// Writes `count` articles (2–7 KB, French and English, `.txt` and `.md`) under `root`, in
/// section/date folders as a newsroom keeps them. Returns the files written, in order.
pub fn write_workspace(root: &Path, count: usize) -> std::io::Result<Vec<PathBuf>> {
    const SECTIONS: &[&str] = &["international", "politique", "economie", "metro", "culture"];
    let mut files = Vec::with_capacity(count);
    for i in 0..count {
        let section = SECTIONS[i % SECTIONS.len()];
        let day = format!("2024-06-{:02}", 1 + (i / SECTIONS.len()) % 30);
        let dir = root.join(section).join(day);
        std::fs::create_dir_all(&dir)?;
        let lang = if i % 3 == 2 { Lang::En } else { Lang::Fr };
        let size = 2000 + (i * 7919) % 5000;
        let body = article(i as u64, lang, size);
        let (name, text) = if i % 4 == 3 {
            let title = body.lines().next().unwrap_or("").to_string();
            (
                format!("article-{i:05}.{}.md", code(lang)),
                format!(
                    "---\ntitle: \"{title}\"\nsection: {section}\n---\n\n# {title}\n\n{}",
                    &body[title.len()..].trim_start()
                ),
            )
        } else {
            (format!("article-{i:05}.{}.txt", code(lang)), body)
        };
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        files.push(path);
    }
    Ok(files)
}

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

/// A fresh, empty folder under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> std::io::Result<TempDir> {
        let path = std::env::temp_dir().join(format!("copydesk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
