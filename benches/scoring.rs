//! Scoring speed: one typical answer (60 words against 5 bullets), and building the scorer for
//! the embedded 200-question bank, which every `grill` start pays.
//!
//! Short warm-up and measurement times: the machine is shared. Run with
//! `cargo bench --bench scoring`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use grill::bank::Bank;
use grill::scoring::Scorer;

/// 60 words, with a typo, a synonym, word forms and filler, as a candidate types them.
const ANSWER: &str = "CPython is the reference interpreter: it compiles source code to bytecode \
    and a C based virtual machine executes it. PyPy has a just in time compiler so many long \
    running workloads execute faster. Jython runs on the JVM which gives interoperabilty with \
    Java libraries, IronPython targets the .NET CLR. You choose the interpreter based on \
    performance needs and the libraries.";

fn scoring(c: &mut Criterion) {
    let bank = Bank::embedded();
    let q = bank.question(2).expect("question 2 exists").question;
    assert_eq!(q.bullets.len(), 5);
    assert_eq!(ANSWER.split_whitespace().count(), 60);
    let scorer = Scorer::for_bank(&bank);
    let reference = scorer.prepare(Some(&q.prompt), &q.bullets);

    c.bench_function("score one 60-word answer against 5 bullets", |b| {
        b.iter(|| scorer.score(Some(&q.prompt), &q.bullets, black_box(ANSWER)))
    });
    c.bench_function("assess one 60-word answer (reference prepared)", |b| {
        b.iter(|| scorer.assess(&reference, black_box(ANSWER)))
    });
    c.bench_function("build the scorer for the 200-question bank", |b| {
        b.iter(|| Scorer::for_bank(black_box(&bank)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = scoring
}
criterion_main!(benches);
