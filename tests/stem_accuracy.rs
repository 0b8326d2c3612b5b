//! Stemmer accuracy on the development gold set (`tests/gold/stem-dev.tsv`, see its README):
//! exact root matches, overall and per source. The floors sit a little under the measured
//! figures so a change that makes the stemmer worse fails here; the figures are printed
//! (`cargo test --test stem_accuracy -- --nocapture`).

use std::collections::BTreeMap;

use aspirasi::analyse::ecs::EcsStemmer;

#[test]
fn the_stemmer_reaches_its_accuracy_on_the_development_gold_set() {
    let gold = include_str!("gold/stem-dev.tsv");
    let stemmer = EcsStemmer::embedded();
    let mut by_source: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut errors = Vec::new();
    for line in gold.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [word, root, source] = fields[..] else {
            panic!("bad gold line {line:?}");
        };
        let got = stemmer.root(&word.to_lowercase());
        let entry = by_source.entry(source).or_default();
        entry.1 += 1;
        if got == root {
            entry.0 += 1;
        } else {
            errors.push(format!("{word}: want {root}, got {got} ({source})"));
        }
    }
    let (right, total) = by_source
        .values()
        .fold((0, 0), |(r, t), (sr, st)| (r + sr, t + st));
    let share = |r: usize, t: usize| r as f64 / t as f64;
    for (source, (r, t)) in &by_source {
        println!("{source:<15} {r:>5}/{t:<5} {:.1}%", 100.0 * share(*r, *t));
    }
    println!(
        "{:<15} {right:>5}/{total:<5} {:.1}%",
        "all",
        100.0 * share(right, total)
    );
    assert!(total >= 1500, "the gold set shrank to {total} pairs");
    assert!(
        share(right, total) >= 0.96,
        "overall accuracy fell to {:.3}; errors:\n{}",
        share(right, total),
        errors.join("\n")
    );
    for (source, (r, t)) in &by_source {
        assert!(
            share(*r, *t) >= 0.92,
            "{source}: {:.3}\n{}",
            share(*r, *t),
            errors.join("\n")
        );
    }
}
