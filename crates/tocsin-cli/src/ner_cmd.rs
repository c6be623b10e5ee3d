//! `tocsin train ner` (train the entity model) and `tocsin ner` (tag lines of text).
//!
//! `tocsin ner --pretokenized` speaks the line protocol of `ner_eval.py`: one unit of
//! space-separated tokens per input line, one JSON array of
//! `{"start_token", "end_token_exclusive", "label"}` per output line, in order. Without
//! `--pretokenized`, a line is raw text, tokenized and split into sentences by
//! [`tocsin_nlp::tokenize`], and spans are character offsets (`start_char`,
//! `end_char_exclusive`, in Unicode scalar values).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use tocsin_nlp::ner::train::{
    self, ClusterOptions, Corpus, CorpusFormat, Lexicon, Text, TextFormat, TrainOptions,
};
use tocsin_nlp::ner::{label_name, Ner, Scheme, Tagger};
use tocsin_nlp::tokenize::{sentences, tokenize};

/// What `tocsin train` can train.
#[derive(clap::Subcommand, Debug)]
pub enum TrainCommand {
    /// Train the named-entity model from CoNLL-style corpora.
    Ner(Box<TrainNerArgs>),
}

/// Options of `tocsin train ner`.
#[derive(clap::Args, Debug)]
pub struct TrainNerArgs {
    /// Where to write the model (gzip).
    #[arg(long, default_value = "models/ner-en.bin.gz")]
    out: PathBuf,
    /// A labeled training corpus, FILE:FORMAT (conll2003, wikiann, wnut17, re3d, wikigold);
    /// repeat for several.
    #[arg(long = "conll", value_name = "FILE:FORMAT", required = true)]
    conll: Vec<String>,
    /// Keep alternate names of GeoNames cities with at least this many inhabitants.
    #[arg(long, default_value_t = 0)]
    city_alternates_min_population: u64,
    /// A corpus whose entity names become gazetteer lists (FILE:FORMAT); repeatable.
    #[arg(long = "names", value_name = "FILE:FORMAT")]
    names: Vec<String>,
    /// GeoNames gazetteer directory (countries.json, admin1.tsv, cities15000.json.gz, ...).
    #[arg(long, value_name = "DIR")]
    geonames: Option<PathBuf>,
    /// Unlabeled text for casing statistics and word clusters, FILE:FORMAT (tokens: one
    /// sentence of space-separated tokens per line; jsonl: JSON lines with "sentences"; or a
    /// corpus format). The text of every --names corpus is used too; --conll corpora are not.
    #[arg(long = "unlabeled", value_name = "FILE:FORMAT")]
    unlabeled: Vec<String>,
    /// A word clustering of N classes learned from the unlabeled text (suffix `l` to cluster
    /// by left context: `256l`); up to four.
    #[arg(long = "clusters", value_name = "N")]
    clusters: Vec<String>,
    /// Words seen fewer times in the unlabeled text are not clustered.
    #[arg(long, default_value_t = 3)]
    cluster_min_count: u32,
    /// Exchange-algorithm passes per clustering.
    #[arg(long, default_value_t = 8)]
    cluster_iterations: usize,
    /// Also use the text of the --conll corpora for word clusters (not for casing).
    #[arg(long)]
    cluster_train_text: bool,
    /// A corpus scored after each epoch (FILE:FORMAT); never trained on.
    #[arg(long = "dev", value_name = "FILE:FORMAT")]
    dev: Vec<String>,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Seed of the sentence order (training is deterministic for a seed).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Training runs (seeds seed, seed+1, ...) whose weights are averaged into one model.
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Tag scheme: bilou or bio.
    #[arg(long, default_value = "bilou")]
    scheme: String,
    /// Drop features seen fewer times in training.
    #[arg(long, default_value_t = 1)]
    min_count: u32,
    /// Folds for the jackknifed training-data name list (0 turns it off).
    #[arg(long, default_value_t = 10)]
    folds: usize,
    /// Passive-aggressive step cap (PA-I); 0 for plain perceptron steps.
    #[arg(long, default_value_t = 1.0)]
    pa_cap: f32,
    /// Turn on a feature group that is off by default (chargram).
    #[arg(long = "enable", value_name = "GROUP")]
    enable: Vec<String>,
    /// Train a model for text without case (lower-cased or all capitals): the labeled corpora
    /// and the clustered text are lowercased; casing profiles still come from the unlabeled
    /// text as written, so they tell the model which words are usually names.
    #[arg(long)]
    caseless: bool,
    /// Turn off a feature group (affix, window2, ngram, clusters, gazetteer, history2).
    #[arg(long = "disable", value_name = "GROUP")]
    disable: Vec<String>,
}

/// Options of `tocsin ner`.
#[derive(clap::Args, Debug)]
pub struct NerArgs {
    /// Input lines are tokens separated by single spaces; spans are token indices.
    #[arg(long)]
    pretokenized: bool,
    /// Model file to use instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Print the model's metadata, size and load time, then exit.
    #[arg(long)]
    info: bool,
    /// Benchmark on FILE instead of tagging stdin: one core, raw text (one paragraph per
    /// line) through tokenization, sentence splitting and NER, or with --pretokenized one
    /// sentence of space-separated tokens per line through NER alone.
    #[arg(long, value_name = "FILE")]
    bench: Option<PathBuf>,
    /// Timed passes over the bench file (the first has a cold word cache).
    #[arg(long, default_value_t = 3)]
    passes: usize,
}

fn split_spec(spec: &str) -> anyhow::Result<(PathBuf, CorpusFormat)> {
    let (file, format) = spec
        .rsplit_once(':')
        .with_context(|| format!("{spec:?}: expected FILE:FORMAT"))?;
    Ok((PathBuf::from(file), format.parse()?))
}

fn read_specs(specs: &[String]) -> anyhow::Result<Vec<Corpus>> {
    specs
        .iter()
        .map(|s| {
            let (path, format) = split_spec(s)?;
            Ok(Corpus::read(&path, format)?)
        })
        .collect()
}

/// Runs `tocsin train ...`.
pub fn run_train(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Ner(args) => train_ner(*args),
    }
}

fn train_ner(args: TrainNerArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let scheme = match args.scheme.as_str() {
        "bilou" => Scheme::Bilou,
        "bio" => Scheme::Bio,
        other => anyhow::bail!("unknown scheme {other:?} (bilou, bio)"),
    };
    let caseless = |c: Corpus| if args.caseless { c.lowercased() } else { c };
    let corpora: Vec<Corpus> = read_specs(&args.conll)?.into_iter().map(caseless).collect();
    let dev: Vec<Corpus> = read_specs(&args.dev)?.into_iter().map(caseless).collect();
    let mut lexicon = Lexicon::new();
    if let Some(dir) = &args.geonames {
        lexicon.add_geonames(dir, args.city_alternates_min_population)?;
    }
    // The labeled corpora stay out of the unlabeled text: statistics over a text that
    // contains every training word but few test words would differ between training and use.
    let mut text = Text::new();
    for corpus in read_specs(&args.names)? {
        lexicon.add_names(&corpus);
        text.add_corpus(&corpus);
    }
    for spec in &args.unlabeled {
        let (file, format) = spec
            .rsplit_once(':')
            .with_context(|| format!("{spec:?}: expected FILE:FORMAT"))?;
        let format: TextFormat = format.parse()?;
        text.add_file(Path::new(file), format)?;
    }
    eprintln!(
        "unlabeled text: {} sentences, {} tokens",
        text.sentence_count(),
        text.token_count()
    );
    lexicon.learn_casing(&text);
    if !args.clusters.is_empty() {
        let mut clusterings = Vec::new();
        for spec in &args.clusters {
            let (n, reverse) = match spec.strip_suffix('l') {
                Some(n) => (n, true),
                None => (spec.as_str(), false),
            };
            clusterings.push((n.parse::<usize>().context("--clusters")?, reverse));
        }
        anyhow::ensure!(clusterings.len() <= 4, "at most four --clusters");
        let copts = ClusterOptions {
            clusterings,
            min_count: args.cluster_min_count,
            iterations: args.cluster_iterations,
        };
        let mut cluster_text = if args.caseless {
            text.lowercased()
        } else {
            text.clone()
        };
        if args.cluster_train_text {
            for corpus in &corpora {
                cluster_text.add_corpus(corpus);
            }
        }
        lexicon.learn_clusters(&cluster_text, &copts, &mut |msg| {
            eprintln!("[{:7.1}s] {msg}", started.elapsed().as_secs_f64());
        });
    }
    let command = std::env::args()
        .skip(1)
        .map(|a| {
            if a.contains(char::is_whitespace) {
                format!("'{a}'")
            } else {
                a
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let opts = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        runs: args.runs,
        scheme,
        groups: train::feature_groups(&args.enable, &args.disable)?,
        min_count: args.min_count,
        folds: args.folds,
        pa_cap: args.pa_cap,
        command: format!("tocsin {command}"),
    };
    let ner = train::train(&corpora, &lexicon, &opts, &dev, &mut |msg| {
        eprintln!("[{:7.1}s] {msg}", started.elapsed().as_secs_f64());
    })?;
    let bytes = ner.to_bytes();
    if let Some(parent) = args.out.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)?;
        }
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({:.2} MB, {} features) in {:.1}s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        ner.feature_count(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn load_model(path: Option<&Path>) -> anyhow::Result<Ner> {
    Ok(match path {
        Some(p) => Ner::from_file(p)?,
        None => Ner::load_embedded()?,
    })
}

/// Runs `tocsin ner`.
pub fn run_ner(args: NerArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let ner = load_model(args.model.as_deref())?;
    let load = t0.elapsed();
    if let Some(file) = &args.bench {
        return bench(&ner, file, args.pretokenized, args.passes.max(1), load);
    }
    if args.info {
        println!("{}", ner.metadata());
        eprintln!(
            "{} features; loaded in {:.1} ms",
            ner.feature_count(),
            load.as_secs_f64() * 1e3
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut tagger = ner.tagger();
    // Our own buffer (larger than stdin's, so stdin's stays empty) tells whether more input
    // is already waiting.
    let mut input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut line = Vec::new();
    let mut json = String::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        // A line that is not UTF-8 still gets its answer line (with U+FFFD for bad bytes).
        let text = String::from_utf8_lossy(&line);
        tag_line(
            &mut tagger,
            text.trim_end_matches(['\n', '\r']),
            args.pretokenized,
            &mut json,
        );
        out.write_all(json.as_bytes())?;
        // Flush whenever no further input is already waiting, so a caller that writes one line
        // and waits for the answer is never stuck, and a batch is not a syscall per line.
        if input.buffer().is_empty() {
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Tags one input line and writes its answer line (JSON array and newline) into `json`.
fn tag_line(tagger: &mut Tagger<'_>, text: &str, pretokenized: bool, json: &mut String) {
    json.clear();
    json.push('[');
    let mut first = true;
    let mut push = |json: &mut String, item: std::fmt::Arguments<'_>| {
        if !first {
            json.push(',');
        }
        first = false;
        // Writing to a String cannot fail.
        let _ = std::fmt::Write::write_fmt(json, item);
    };
    if pretokenized {
        let tokens: Vec<&str> = if text.is_empty() {
            Vec::new()
        } else {
            text.split(' ').collect()
        };
        for (s, e, label) in tagger.tag(&tokens) {
            push(
                json,
                format_args!(
                    r#"{{"start_token":{s},"end_token_exclusive":{e},"label":"{}"}}"#,
                    label_name(label)
                ),
            );
        }
    } else {
        let tokens = tokenize(text);
        for sentence in sentences(text, &tokens) {
            let toks = &tokens[sentence.tokens.clone()];
            let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
            for (s, e, label) in tagger.tag(&words) {
                let (bs, be) = (toks[s].start as usize, toks[e - 1].end as usize);
                let cs = text.get(..bs).map_or(0, |t| t.chars().count());
                let ce = cs + text.get(bs..be).map_or(0, |t| t.chars().count());
                push(
                    json,
                    format_args!(
                        r#"{{"start_char":{cs},"end_char_exclusive":{ce},"label":"{}"}}"#,
                        label_name(label)
                    ),
                );
            }
        }
    }
    json.push_str("]\n");
}

/// CPU time of this process (user + system), for per-core throughput on a busy machine.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on every Linux platform Rust supports.
    Some(Duration::from_millis(ticks * 10))
}

fn bench(
    ner: &Ner,
    file: &Path,
    pretokenized: bool,
    passes: usize,
    load: Duration,
) -> anyhow::Result<ExitCode> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    println!(
        "{}: {} lines, {:.1} MB; model loaded in {:.1} ms (wall)",
        file.display(),
        lines.len(),
        text.len() as f64 / 1e6,
        load.as_secs_f64() * 1e3
    );
    // One tagger for all passes: pass 1 starts with a cold word cache, later passes show the
    // steady state of a long run.
    let mut tagger = ner.tagger();
    for pass in 1..=passes {
        let (mut n_tokens, mut n_sentences, mut entities) = (0usize, 0usize, 0usize);
        let mut tok_time = Duration::ZERO;
        let mut ner_time = Duration::ZERO;
        let cpu0 = cpu_time();
        let wall0 = Instant::now();
        for line in &lines {
            let t0 = Instant::now();
            let sents: Vec<Vec<&str>> = if pretokenized {
                vec![line.split(' ').collect()]
            } else {
                let tokens = tokenize(line);
                sentences(line, &tokens)
                    .iter()
                    .map(|s| {
                        tokens[s.tokens.clone()]
                            .iter()
                            .map(|t| t.text(line))
                            .collect()
                    })
                    .collect()
            };
            let t1 = Instant::now();
            for s in &sents {
                n_tokens += s.len();
                entities += tagger.tag(s).len();
            }
            n_sentences += sents.len();
            tok_time += t1 - t0;
            ner_time += t1.elapsed();
        }
        let wall = wall0.elapsed();
        let cpu = match (cpu0, cpu_time()) {
            (Some(a), Some(b)) => Some(b.saturating_sub(a)),
            _ => None,
        };
        let rate = |d: Duration| n_tokens as f64 / d.as_secs_f64().max(1e-9);
        println!(
            "pass {pass}{}: {n_tokens} tokens, {n_sentences} sentences, {entities} entities | \
             total {:.0} tok/s wall{} | tokenize+split {:.0} tok/s | NER {:.0} tok/s",
            if pass == 1 { " (cold cache)" } else { "" },
            rate(wall),
            cpu.map_or(String::new(), |c| format!(", {:.0} tok/s CPU", rate(c))),
            rate(tok_time),
            rate(ner_time),
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_lines_follow_the_protocol() {
        let ner = Ner::embedded().expect("embedded model");
        let mut tagger = ner.tagger();
        let mut json = String::new();
        tag_line(&mut tagger, "John Smith flew to Paris .", true, &mut json);
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert!(json.ends_with("]\n"));
        assert_eq!(v[0]["start_token"], 0);
        assert_eq!(v[0]["end_token_exclusive"], 2);
        assert_eq!(v[0]["label"], "PER");
        assert_eq!(v[1]["label"], "GPE");
        tag_line(&mut tagger, "", true, &mut json);
        assert_eq!(json, "[]\n");
        // Raw text: character (not byte) offsets, across sentences.
        let text = "Zoë Baird arrived. Then Angela Merkel met him in Berlin.";
        tag_line(&mut tagger, text, false, &mut json);
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let spans: Vec<(u64, u64, &str)> = v
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|e| {
                Some((
                    e["start_char"].as_u64()?,
                    e["end_char_exclusive"].as_u64()?,
                    e["label"].as_str()?,
                ))
            })
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let texts: Vec<String> = spans
            .iter()
            .map(|&(s, e, _)| chars[s as usize..e as usize].iter().collect())
            .collect();
        assert!(texts.contains(&"Angela Merkel".to_string()), "{texts:?}");
        assert!(texts.contains(&"Berlin".to_string()), "{texts:?}");
    }

    #[test]
    fn specs_need_a_format() {
        assert!(split_spec("eng.train").is_err());
        assert!(split_spec("eng.train:nope").is_err());
        let (p, f) = split_spec("/d/eng.train:conll2003").expect("valid");
        assert_eq!(p, PathBuf::from("/d/eng.train"));
        assert_eq!(f, CorpusFormat::Conll2003);
    }
}
