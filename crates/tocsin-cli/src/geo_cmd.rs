//! `tocsin gazetteer build|info|bench` (the compiled GeoNames gazetteer) and `tocsin geocode`
//! (toponym recognition and resolution).
//!
//! `tocsin geocode --jsonl` speaks the `cmd:` protocol of `geo_eval.py`: one JSON object
//! `{"doc_id", "text"}` per input line, one JSON array of `{"start", "end", "lat", "lon",
//! "geonameid"}` per output line, in order, with UTF-8 byte offsets (`--cmd-offsets utf8`).
//! With `--places` each output line is instead `{"doc_id", "places": [...]}`, the `places`
//! of the per-document output (DESIGN.md).

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use tocsin_geo::compile::{self, BuildOptions, CitySet};
use tocsin_geo::{DocContext, Gazetteer, Geocoder, GeocoderOptions, MentionKind};
use tocsin_model::Entity;

/// `tocsin gazetteer …`
#[derive(clap::Subcommand, Debug)]
pub enum GazetteerCommand {
    /// Compile the GeoNames files into the gazetteer index.
    Build(BuildArgs),
    /// Print a gazetteer's build metadata and look names up in it.
    Info(InfoArgs),
    /// Measure gazetteer load time and memory, and geoparsing throughput on one core.
    Bench(BenchArgs),
}

/// Options of `tocsin gazetteer build`.
#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Directory with the GeoNames files (countries.json, admin1.tsv, cities500.json.gz, …).
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Where to write the gazetteer.
    #[arg(long, default_value = "models/gazetteer.bin.gz")]
    out: PathBuf,
    /// City file: 500 (cities500, default) or 15000 (cities15000, a smaller gazetteer).
    #[arg(long, default_value_t = 500)]
    cities: u32,
    /// Index alternate names only of cities with at least this population.
    #[arg(long, default_value_t = 0)]
    min_alternate_population: u32,
    /// Add the OpenWeatherMap-only localities (their licence is CC BY-SA 4.0).
    #[arg(long)]
    with_owm: bool,
    /// Do not use the division points that came through the OpenWeatherMap city list: the
    /// file is then GeoNames (CC BY 4.0) data only, with fewer and coarser division points.
    #[arg(long)]
    no_owm_points: bool,
}

/// Options of `tocsin gazetteer info`.
#[derive(clap::Args, Debug)]
pub struct InfoArgs {
    /// The gazetteer (default: models/gazetteer.bin.gz, see `Gazetteer::default_paths`).
    #[arg(long, env = "TOCSIN_GAZETTEER")]
    gazetteer: Option<PathBuf>,
    /// Names to look up.
    names: Vec<String>,
}

/// Options of `tocsin gazetteer bench`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// The gazetteer.
    #[arg(long, env = "TOCSIN_GAZETTEER")]
    gazetteer: Option<PathBuf>,
    /// JSONL documents with a "text" field.
    input: PathBuf,
    /// Passes over the input.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

/// Options of `tocsin geocode`.
#[derive(clap::Args, Debug)]
pub struct GeocodeArgs {
    /// Read JSON lines {"doc_id", "text"} from stdin (or FILE) and write one JSON array of
    /// toponyms per line (geo_eval.py's cmd: protocol).
    #[arg(long)]
    jsonl: bool,
    /// Input file instead of stdin.
    input: Option<PathBuf>,
    /// The gazetteer (default: models/gazetteer.bin.gz, see `Gazetteer::default_paths`).
    #[arg(long, env = "TOCSIN_GAZETTEER")]
    gazetteer: Option<PathBuf>,
    /// Write {"doc_id", "places": [...]} per line instead of the toponym array.
    #[arg(long)]
    places: bool,
    /// Skip the NER model, whose person names otherwise veto the place names inside them
    /// ("Linda" in "Linda Daily"); faster, and what `tocsin gazetteer bench` times.
    #[arg(long)]
    no_ner: bool,
    /// Leave singular demonyms ("Russian officials") out of the toponym array.
    #[arg(long)]
    no_demonyms: bool,
    /// Add facilities ("Crocus City Hall"), placed at their container, to the toponym array.
    #[arg(long)]
    facilities: bool,
    /// Leave streets and roads ("Main Street", "Highway 19") out of the toponym array.
    #[arg(long)]
    no_streets: bool,
    /// Explain every candidate and resolution on stderr.
    #[arg(long)]
    explain: bool,
}

fn load(path: &Option<PathBuf>) -> anyhow::Result<Gazetteer> {
    let t = Instant::now();
    let gaz = match path {
        Some(p) => Gazetteer::load(p),
        None => Gazetteer::load_default(),
    }?;
    if std::env::var_os("TOCSIN_VERBOSE").is_some() {
        eprintln!(
            "gazetteer: {} entries, {} names, loaded in {:.0} ms",
            gaz.len(),
            gaz.key_count(),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(gaz)
}

/// Runs `tocsin gazetteer …`.
pub fn run_gazetteer(cmd: GazetteerCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        GazetteerCommand::Build(a) => {
            let t = Instant::now();
            let mut opts = BuildOptions::new(&a.data);
            opts.cities = match a.cities {
                500 => CitySet::Cities500,
                15000 => CitySet::Cities15000,
                n => anyhow::bail!("--cities must be 500 or 15000, not {n}"),
            };
            opts.with_owm = a.with_owm;
            opts.owm_points = !a.no_owm_points;
            opts.min_alternate_population = a.min_alternate_population;
            let (builder, report) = compile::build(&opts)?;
            let bytes = builder.to_gzip()?;
            if let Some(dir) = a.out.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            std::fs::write(&a.out, &bytes)
                .with_context(|| format!("writing {}", a.out.display()))?;
            eprintln!(
                "wrote {} ({:.1} MB): {} entries, {} names in {:.1} s; {:?}",
                a.out.display(),
                bytes.len() as f64 / 1e6,
                report.entries,
                report.keys,
                t.elapsed().as_secs_f64(),
                report.entries_by_kind
            );
            Ok(ExitCode::SUCCESS)
        }
        GazetteerCommand::Info(a) => {
            let gaz = load(&a.gazetteer)?;
            println!("{}", gaz.metadata());
            for name in &a.names {
                match gaz.lookup(name) {
                    None => println!("{name}: not found"),
                    Some(m) => {
                        println!("{name}: key flags {}", m.flags);
                        for p in m.postings() {
                            let e = gaz.entry(p.entry);
                            println!(
                                "  {} {:?} {} {} pop={} ({:.4}, {:.4}) admin1={} name-flags={}",
                                e.geonameid,
                                e.kind,
                                gaz.name(p.entry),
                                e.country_code(),
                                e.population,
                                e.lat,
                                e.lon,
                                e.admin1.map_or("", |a| gaz.name(a)),
                                p.flags
                            );
                        }
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        GazetteerCommand::Bench(a) => bench(a),
    }
}

/// Resident set size of this process, in bytes (Linux; 0 elsewhere).
fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn bench(a: BenchArgs) -> anyhow::Result<ExitCode> {
    let rss0 = rss_bytes();
    let t = Instant::now();
    let gaz = load(&a.gazetteer)?;
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let rss1 = rss_bytes();
    let file = std::fs::File::open(&a.input).with_context(|| a.input.display().to_string())?;
    let mut texts = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line?;
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            texts.push(t.to_string());
        }
    }
    anyhow::ensure!(
        !texts.is_empty(),
        "no documents with \"text\" in {}",
        a.input.display()
    );
    let geo = Geocoder::new(&gaz);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut mentions = 0usize;
    let t = Instant::now();
    for _ in 0..a.repeat.max(1) {
        for text in &texts {
            mentions += geo.parse(text, &DocContext::default()).mentions.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let docs = texts.len() * a.repeat.max(1);
    let out = serde_json::json!({
        "gazetteer_load_ms": (load_ms * 10.0).round() / 10.0,
        "gazetteer_rss_mb": ((rss1.saturating_sub(rss0)) as f64 / 1e6 * 10.0).round() / 10.0,
        "process_rss_mb": (rss_bytes() as f64 / 1e6 * 10.0).round() / 10.0,
        "entries": gaz.len(),
        "names": gaz.key_count(),
        "docs": docs,
        "mean_doc_bytes": bytes / texts.len(),
        "docs_per_s": (docs as f64 / secs).round(),
        "mb_per_s": ((bytes * a.repeat.max(1)) as f64 / secs / 1e6 * 100.0).round() / 100.0,
        "mentions": mentions,
        "note": "one thread; tokenize + recognition + resolution, no NER",
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(ExitCode::SUCCESS)
}

/// Entities from the embedded NER model, with byte offsets.
fn ner_entities(tagger: &mut tocsin_nlp::ner::Tagger<'_>, text: &str) -> Vec<Entity> {
    let tokens = tocsin_nlp::tokenize::tokenize(text);
    let mut out = Vec::new();
    for s in tocsin_nlp::tokenize::sentences(text, &tokens) {
        let toks = &tokens[s.tokens.clone()];
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        for (a, b, label) in tagger.tag(&words) {
            let (Some(first), Some(last)) = (toks.get(a), toks.get(b.saturating_sub(1))) else {
                continue;
            };
            out.push(Entity {
                text: text
                    .get(first.start as usize..last.end as usize)
                    .unwrap_or("")
                    .to_string(),
                label,
                start: first.start,
                end: last.end,
                canonical: None,
            });
        }
    }
    out
}

/// Runs `tocsin geocode`.
pub fn run_geocode(a: GeocodeArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(a.jsonl, "only --jsonl input is supported");
    let gaz = load(&a.gazetteer)?;
    let geo = Geocoder::with_options(
        &gaz,
        GeocoderOptions {
            facilities: true,
            demonyms: !a.no_demonyms,
        },
    );
    let ner = if !a.no_ner {
        Some(tocsin_nlp::ner::Ner::embedded().context("loading the NER model")?)
    } else {
        None
    };
    let mut tagger = ner.map(|n| n.tagger());
    let mut input: Box<dyn BufRead> = match &a.input {
        Some(p) => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).with_context(|| p.display().to_string())?,
        )),
        None => Box::new(std::io::stdin().lock()),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut raw = Vec::new();
    let mut n = 0usize;
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw).context("reading input")? == 0 {
            break;
        }
        n += 1;
        // Invalid UTF-8 is replaced, not fatal: one bad document must not end the stream.
        let line = String::from_utf8_lossy(&raw);
        if line.trim().is_empty() {
            continue;
        }
        // A bad line still gets an (empty) output line, so outputs stay paired with inputs.
        let doc: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|e| {
            eprintln!("tocsin geocode: line {n}: {e}");
            serde_json::Value::Null
        });
        let text = doc.get("text").and_then(|t| t.as_str()).unwrap_or("");
        let doc_id = doc.get("doc_id").or_else(|| doc.get("id")).cloned();
        let ents = tagger.as_mut().map(|t| ner_entities(t, text));
        let site = doc.get("site_country").and_then(|s| s.as_str());
        if a.explain {
            eprintln!(
                "=== {}\n{}",
                doc_id.as_ref().map_or(String::new(), |d| d.to_string()),
                geo.explain(
                    text,
                    &DocContext {
                        entities: ents.as_deref(),
                        site_country: site,
                    }
                )
            );
        }
        let parsed = geo.parse(
            text,
            &DocContext {
                entities: ents.as_deref(),
                site_country: site,
            },
        );
        if a.places {
            let v = serde_json::json!({"doc_id": doc_id, "places": parsed.places});
            serde_json::to_writer(&mut out, &v)?;
        } else {
            let items: Vec<serde_json::Value> = parsed
                .mentions
                .iter()
                .filter(|m| match m.kind {
                    MentionKind::Name => true,
                    MentionKind::Demonym => !a.no_demonyms,
                    MentionKind::PluralDemonym => false,
                    MentionKind::Facility => a.facilities,
                    MentionKind::Street => !a.no_streets,
                })
                .filter_map(|m| {
                    let p = parsed.places.get(m.place)?;
                    Some(serde_json::json!({
                        "start": m.start, "end": m.end, "lat": p.lat, "lon": p.lon,
                        "geonameid": p.geonameid,
                    }))
                })
                .collect();
            serde_json::to_writer(&mut out, &items)?;
        }
        out.write_all(b"\n")?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
