//! Speed of the quote pipeline, stage by stage (issue 7: the whole analysis at ≥ 50 MB/s).
//!
//! Ignored by default; run in release:
//!
//! ```text
//! cargo test --release --test quote_speed -- --ignored --nocapture
//! ```
//!
//! Prints MB/s for `segment::paragraphs`, `quotes::find_quotes`, `attribution::attribute`
//! (fed with the mentions and entities of the names pass, as in `analyze`) and the whole
//! `analyze`, on realistic 1 MB French and English documents and on hostile input (1 MB of
//! quote marks, 10,000 nested quotes, a 5 MB single line, 1 MB with no line break or
//! punctuation at all). No wall-clock assertion: the figures are for the reader.

use std::time::{Duration, Instant};

use copydesk::analysis::{
    AnalysisOptions, HouseStyle, Language, analyze, attribution, entities, names, quotes, segment,
};

const FRENCH: &[&str] = &[
    "Réforme des retraites : le gouvernement face à la colère des syndicats",
    "Le ministre du Travail, Olivier Dussopt, a défendu mardi un texte « juste et nécessaire » devant les députés de la commission des affaires sociales.",
    "« Nous ne reviendrons pas sur l’âge légal, c’est une question de responsabilité », a déclaré M. Dussopt à la sortie de l’hémicycle.",
    "« Le dialogue reste ouvert, a-t-il ajouté, mais pas sur ce point. »",
    "La secrétaire générale de la CGT, Sophie Binet, a répliqué : « Le gouvernement joue avec le feu et il le sait très bien. »",
    "« Nous appelons à une nouvelle journée de mobilisation jeudi, dans toutes les villes de France. »",
    "Selon Jean-Luc Mélenchon, « cette réforme est une provocation sociale d’une brutalité inouïe ».",
    "D’après un conseiller de l’Élysée, « le président ne cédera pas à la pression de la rue ».",
    "Lire aussi : Retraites, ce que contient vraiment le projet de loi",
    "« Il faudra bien que quelqu’un fasse un geste », estime pour sa part un responsable syndical de Force ouvrière.",
    "Laurent Berger, le secrétaire général de la CFDT, a estimé que l’exécutif faisait preuve d’« une surdité inquiétante » face aux manifestants.",
    "Invitée de l’émission « Questions politiques » dimanche, Mme Binet a jugé la situation « explosive ».",
    "Il a été décidé que « les discussions reprendraient la semaine prochaine sous l’égide du Premier ministre ».",
    "Dans un communiqué publié lundi soir, le Medef a salué « une réforme courageuse », affirmant qu’elle garantirait « la pérennité du système par répartition ».",
    "Elle a ensuite dénoncé « un passage en force », avant de quitter la salle sous les applaudissements de ses camarades.",
    "L’économiste Thomas Piketty, directeur d’études à l’EHESS, juge que « le financement pouvait être trouvé ailleurs, par exemple du côté des plus hauts revenus ».",
    "« C’est un mauvais calcul », a-t-elle lancé. « Les Français ne sont pas dupes. »",
    "Les députés de la majorité, eux, restent prudents. « On verra bien au moment du vote », glisse l’un d’eux sous couvert d’anonymat.",
    "Le texte, baptisé « Avenir des retraites », doit être examiné en séance publique à partir du 6 février, après l’adoption de 120 amendements en commission.",
    "Mme Borne a promis qu’elle « entendrait les inquiétudes » mais qu’elle « ne renoncerait pas à l’essentiel ».",
];

const ENGLISH: &[&str] = &[
    "Senate braces for a long night as the budget deadline nears",
    "Senator Maria Delgado, the Democratic whip, called the proposal “a betrayal of working families” on Tuesday.",
    "“We are not going to vote for a bill that cuts school lunches to pay for tax breaks,” Delgado told reporters outside the Capitol.",
    "“Not now, not ever,” she added.",
    "The White House press secretary, Karine Jean-Pierre, said: “The president has been clear about his red lines, and they have not changed.”",
    "“We expect Congress to do its job and keep the government open.”",
    "According to Douglas Holtz-Eakin, a former director of the Congressional Budget Office, “the numbers simply do not add up, whichever way you look at them”.",
    "Republican leaders said the measure was “the best deal on the table” and urged members to back it.",
    "Read more: What a government shutdown would mean for federal workers",
    "“If it fails tonight, nobody gets paid on Friday,” one senior Republican aide said, speaking on condition of anonymity.",
    "Mr. McConnell, who has led the party in the Senate since 2007, warned that a shutdown would be “a political disaster for everyone involved”.",
    "He spoke on “Meet the Press” on Sunday and appeared again on “Face the Nation” the same afternoon.",
    "It was said that “the votes are there”, but nobody would confirm it on the record.",
    "In a statement, the Congressional Progressive Caucus said the cuts were “unacceptable”, adding that its members would “fight this line by line”.",
    "Officials at the Treasury Department said they were preparing for “every contingency” while hoping for a last-minute compromise.",
    "“People think this is a game,” said Lisa Murkowski of Alaska. “It isn’t. Families are watching.”",
    "The plan, dubbed “Operation Lifeline”, would fund veterans’ programs and the players’ union pensions for another six months.",
    "Ms. Delgado’s office said she would hold a news conference at 9 a.m. on Wednesday in the U.S. Capitol.",
    "“We’ll see,” the senator said, before walking into the chamber as the clock ran down to midnight.",
    "Economists at Goldman Sachs estimated that each week of shutdown would shave 0.2 percentage points off growth, saying the damage would be “modest but real”.",
];

fn document(paragraphs: &[&str], size: usize) -> String {
    let mut out = String::with_capacity(size + 1024);
    let mut k = 0;
    while out.len() < size {
        out.push_str(paragraphs[k % paragraphs.len()]);
        out.push('\n');
        if k % 7 == 3 {
            out.push('\n');
        }
        k += 1;
    }
    out
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / d.as_secs_f64() / 1e6
}

/// The best of a few runs of `f`.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    (best, out.expect("at least one run"))
}

fn stages(label: &str, text: &str, language: Language, runs: usize) {
    // `QSPEED_ONLY=French` runs the cases whose label contains the string; `QSPEED_RUNS=1`
    // overrides the number of runs (for profiling under callgrind).
    if std::env::var("QSPEED_ONLY").is_ok_and(|only| !label.contains(&only)) {
        return;
    }
    let runs = std::env::var("QSPEED_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(runs);
    let n = text.len();
    let (d_seg, paras) = best(runs, || segment::paragraphs(text, false));
    let (d_quotes, (qs, findings)) = best(runs, || {
        let mut f = Vec::new();
        let q = quotes::find_quotes(text, &paras, language, &mut f);
        (q, f)
    });
    let mentions = names::find_mentions(text, &paras, &qs, language);
    let (mentions, ents) = entities::link(text, mentions, language, &HouseStyle::default());
    let (d_attr, attributed) = best(runs, || {
        let mut q = qs.clone();
        let mut f = findings.clone();
        attribution::attribute(text, &paras, &mut q, &mentions, &ents, language, &mut f);
        q.iter().filter(|q| q.attribution.is_some()).count()
    });
    let opts = AnalysisOptions {
        language: Some(language),
        ..Default::default()
    };
    let (d_all, a) = best(runs, || analyze(text, &opts));
    let (d_detect, _) = best(runs, || copydesk::analysis::lang::detect(text));
    println!(
        "{label}: {:.2} MB, {} paragraphs, {} quotes ({attributed} attributed), {} findings",
        n as f64 / 1e6,
        paras.len(),
        qs.len(),
        a.findings.len()
    );
    for (stage, d) in [
        ("segment::paragraphs", d_seg),
        ("quotes::find_quotes", d_quotes),
        ("attribution::attribute", d_attr),
        ("lang::detect", d_detect),
        ("analyze (whole)", d_all),
    ] {
        println!(
            "    {stage:<24} {:>9.2} ms {:>10.1} MB/s",
            d.as_secs_f64() * 1e3,
            mbps(n, d)
        );
    }
}

#[test]
#[ignore = "measurement: run in release with --ignored --nocapture"]
fn quote_pipeline_speed() {
    let fr = document(FRENCH, 1_000_000);
    let en = document(ENGLISH, 1_000_000);
    stages("French 1 MB", &fr, Language::French, 5);
    stages("English 1 MB", &en, Language::English, 5);

    // Hostile input: the passes must stay linear.
    let marks: String = "«»“”‘’\"'‹›„ « » “ ” \" ' "
        .chars()
        .cycle()
        .take(400_000)
        .collect();
    let nested = "« ".repeat(10_000) + "mot" + &" »".repeat(10_000);
    let nested_en = "“".repeat(10_000) + "word" + &"”".repeat(10_000);
    let single_line: String = FRENCH[1..].join(" ").repeat(5_000_000 / 2_000);
    let no_breaks: String = "sans ponctuation ni retour à la ligne Dupont a dit que tout va bien "
        .repeat(1_000_000 / 70);
    stages("1 MB of quote marks", &marks, Language::French, 2);
    stages("10,000 nested «", &nested, Language::French, 2);
    stages("10,000 nested “", &nested_en, Language::English, 2);
    stages("5 MB single line", &single_line, Language::French, 2);
    stages(
        "1 MB no breaks, no punctuation",
        &no_breaks,
        Language::French,
        2,
    );
}
