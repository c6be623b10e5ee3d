//! Exports of stored events: tocsin's own CSV, CSVs with ACLED's and GTD's column sets (so
//! that existing analyses and tools read them), JSON Lines, GeoJSON and Parquet.
//!
//! Every text cell is protected against spreadsheet formula injection: a cell that starts
//! with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe.

use std::io::{self, Write};

use tocsin_model::{Event, EventType, Figure};

use crate::EventRecord;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// tocsin's columns.
    Csv,
    /// ACLED's export columns.
    Acled,
    /// GTD's columns (attacks only: GTD records terrorism, not arrests or protests).
    Gtd,
    /// One event record per line.
    Jsonl,
    /// A FeatureCollection of points (events without coordinates are left out).
    Geojson,
    /// tocsin's columns, typed, in a Parquet file.
    Parquet,
}

impl Format {
    /// Parses a format name.
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "csv" => Format::Csv,
            "acled" => Format::Acled,
            "gtd" => Format::Gtd,
            "jsonl" => Format::Jsonl,
            "geojson" => Format::Geojson,
            "parquet" => Format::Parquet,
            _ => return None,
        })
    }
}

/// A country name for an ISO code (from the gazetteer), when known.
pub type CountryName<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Writes events in a format; call [`Exporter::finish`] at the end.
pub struct Exporter<'a, W: Write> {
    out: W,
    format: Format,
    country: CountryName<'a>,
    first: bool,
    parquet: Option<crate::parquet_out::ParquetSink>,
}

/// One CSV cell: quoted when needed, formulas defused.
fn cell(s: &str) -> String {
    let mut v = String::with_capacity(s.len() + 2);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err() {
        v.push('\'');
    }
    v.push_str(s);
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

fn row(out: &mut impl Write, cells: &[String]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    writeln!(out, "{}", line.join(","))
}

fn num(f: Option<&Figure>) -> (String, String, String) {
    match f {
        Some(f) => (
            f.min.map(|n| n.to_string()).unwrap_or_default(),
            f.max.map(|n| n.to_string()).unwrap_or_default(),
            f.exact.to_string(),
        ),
        None => (String::new(), String::new(), String::new()),
    }
}

fn join<T, F: Fn(&T) -> &str>(items: &[T], f: F) -> String {
    items.iter().map(f).collect::<Vec<_>>().join("; ")
}

/// Each perpetrator's attribution status (`claimed; suspected`), in perpetrator order.
pub(crate) fn attributions(e: &Event) -> String {
    e.perpetrators
        .iter()
        .map(|p| {
            serde_json::to_value(p.attribution)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// ACLED's event type and sub-event type for an event.
pub fn acled_type(e: &Event) -> (&'static str, &'static str) {
    let mode = |m: &str| e.modes.iter().any(|x| x == m);
    match e.kind {
        EventType::Bombing if mode("suicide") => ("Explosions/Remote violence", "Suicide bomb"),
        EventType::Bombing
            if e.weapons
                .iter()
                .any(|w| w.text.to_lowercase().contains("grenade")) =>
        {
            ("Explosions/Remote violence", "Grenade")
        }
        EventType::Bombing => (
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        EventType::RemoteStrike if mode("air strike") || mode("drone strike") => {
            ("Explosions/Remote violence", "Air/drone strike")
        }
        EventType::RemoteStrike => (
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        EventType::ArmedClash => ("Battles", "Armed clash"),
        EventType::HostageTaking => (
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        EventType::ArmedAssault
        | EventType::Assassination
        | EventType::UnarmedAssault
        | EventType::Hijacking
        | EventType::ArsonSabotage => ("Violence against civilians", "Attack"),
        EventType::Arrest => ("Strategic developments", "Arrests"),
        EventType::Threat => ("Strategic developments", "Other"),
        EventType::Protest => ("Protests", "Peaceful protest"),
        EventType::Riot => ("Riots", "Violent demonstration"),
    }
}

/// GTD's `attacktype1_txt`, for attacks only.
pub fn gtd_attack_type(t: EventType) -> Option<&'static str> {
    Some(match t {
        EventType::Assassination => "Assassination",
        EventType::ArmedAssault => "Armed Assault",
        EventType::Bombing => "Bombing/Explosion",
        EventType::Hijacking => "Hijacking",
        EventType::HostageTaking => "Hostage Taking (Kidnapping)",
        EventType::ArsonSabotage => "Facility/Infrastructure Attack",
        EventType::UnarmedAssault => "Unarmed Assault",
        _ => return None,
    })
}

fn date_parts(date: Option<&str>) -> (String, String, String) {
    let mut it = date.unwrap_or("").split('-');
    let y = it.next().unwrap_or("").to_string();
    let m = it
        .next()
        .filter(|m| m.len() == 2)
        .unwrap_or("0")
        .trim_start_matches('0')
        .to_string();
    let d = it
        .next()
        .filter(|d| d.len() == 2)
        .unwrap_or("0")
        .trim_start_matches('0')
        .to_string();
    (
        y,
        if m.is_empty() { "0".into() } else { m },
        if d.is_empty() { "0".into() } else { d },
    )
}

impl<'a, W: Write> Exporter<'a, W> {
    /// An exporter writing to `out`; the header (or opening) is written now.
    pub fn new(mut out: W, format: Format, country: CountryName<'a>) -> io::Result<Self> {
        match format {
            Format::Csv => row(
                &mut out,
                &[
                    "id",
                    "date",
                    "date_precision",
                    "type",
                    "modes",
                    "country",
                    "admin1",
                    "location",
                    "latitude",
                    "longitude",
                    "geo_precision",
                    "killed_min",
                    "killed_max",
                    "killed_exact",
                    "injured_min",
                    "injured_max",
                    "injured_exact",
                    "perpetrators",
                    "attribution",
                    "targets",
                    "weapons",
                    "status",
                    "confidence",
                    "source_url",
                    "source_title",
                    "evidence",
                ]
                .map(String::from),
            )?,
            Format::Acled => row(
                &mut out,
                &[
                    "event_id_cnty",
                    "event_date",
                    "year",
                    "time_precision",
                    "disorder_type",
                    "event_type",
                    "sub_event_type",
                    "actor1",
                    "assoc_actor_1",
                    "actor2",
                    "country",
                    "iso",
                    "admin1",
                    "location",
                    "latitude",
                    "longitude",
                    "geo_precision",
                    "source",
                    "notes",
                    "fatalities",
                    "tags",
                ]
                .map(String::from),
            )?,
            Format::Gtd => row(
                &mut out,
                &[
                    "eventid",
                    "iyear",
                    "imonth",
                    "iday",
                    "country_txt",
                    "provstate",
                    "city",
                    "latitude",
                    "longitude",
                    "specificity",
                    "summary",
                    "attacktype1_txt",
                    "targtype1_txt",
                    "target1",
                    "gname",
                    "claimed",
                    "weaptype1_txt",
                    "nkill",
                    "nwound",
                    "scite1",
                ]
                .map(String::from),
            )?,
            Format::Geojson => write!(out, "{{\"type\":\"FeatureCollection\",\"features\":[")?,
            Format::Jsonl | Format::Parquet => {}
        }
        let parquet = match format {
            Format::Parquet => Some(crate::parquet_out::ParquetSink::new()?),
            _ => None,
        };
        Ok(Exporter {
            out,
            format,
            country,
            first: true,
            parquet,
        })
    }

    /// Writes one event.
    pub fn write(&mut self, r: &EventRecord) -> io::Result<()> {
        if let Some(sink) = self.parquet.as_mut() {
            return sink.push(r, &mut self.out);
        }
        let e = &r.event;
        let place = e.place.as_ref();
        let cc = place.and_then(|p| p.country.clone()).unwrap_or_default();
        let country = (self.country)(&cc).unwrap_or_else(|| cc.clone());
        let lat = place
            .and_then(|p| p.lat)
            .map(|v| format!("{v:.4}"))
            .unwrap_or_default();
        let lon = place
            .and_then(|p| p.lon)
            .map(|v| format!("{v:.4}"))
            .unwrap_or_default();
        let src = r.sources.first();
        let url = src.and_then(|s| s.url.clone()).unwrap_or_default();
        let evidence = src.map(|s| s.evidence.join(" … ")).unwrap_or_default();
        let perps = join(&e.perpetrators, |p| p.name.as_str());
        match self.format {
            Format::Csv => {
                let (kmin, kmax, kex) = num(e.killed.as_ref());
                let (imin, imax, iex) = num(e.injured.as_ref());
                let attribution = attributions(e);
                row(
                    &mut self.out,
                    &[
                        r.id.clone(),
                        e.date.clone().unwrap_or_default(),
                        e.date_precision.clone().unwrap_or_default(),
                        e.kind.as_str().into(),
                        e.modes.join("; "),
                        cc,
                        place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
                        place.map(|p| p.name.clone()).unwrap_or_default(),
                        lat,
                        lon,
                        place.map(|p| p.precision.clone()).unwrap_or_default(),
                        kmin,
                        kmax,
                        kex,
                        imin,
                        imax,
                        iex,
                        perps,
                        attribution,
                        join(&e.targets, |t| t.text.as_str()),
                        join(&e.weapons, |t| t.text.as_str()),
                        e.status.clone(),
                        format!("{:.2}", e.confidence),
                        url,
                        src.and_then(|s| s.title.clone()).unwrap_or_default(),
                        evidence,
                    ],
                )
            }
            Format::Acled => {
                let (etype, sub) = acled_type(e);
                let year = e
                    .date
                    .as_deref()
                    .unwrap_or("")
                    .get(..4)
                    .unwrap_or("")
                    .to_string();
                let precision = match e.date_precision.as_deref() {
                    Some("day") => "1",
                    Some("week") | Some("month") => "2",
                    _ => "3",
                };
                let geo = match place.map(|p| p.precision.as_str()) {
                    Some("point" | "facility" | "city") => "1",
                    Some("admin2" | "admin1") => "2",
                    _ => "3",
                };
                let disorder = match etype {
                    "Protests" | "Riots" => "Demonstrations",
                    "Strategic developments" => "Strategic developments",
                    _ => "Political violence",
                };
                let fatalities = e
                    .killed
                    .as_ref()
                    .and_then(|f| f.min.or(f.max))
                    .unwrap_or(0)
                    .to_string();
                row(
                    &mut self.out,
                    &[
                        r.id.clone(),
                        e.date.clone().unwrap_or_default(),
                        year,
                        precision.into(),
                        disorder.into(),
                        etype.into(),
                        sub.into(),
                        e.perpetrators
                            .first()
                            .map(|p| p.name.clone())
                            .unwrap_or_default(),
                        e.perpetrators
                            .iter()
                            .skip(1)
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                        join(&e.victims, |v| v.text.as_str()),
                        country,
                        cc,
                        place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
                        place.map(|p| p.name.clone()).unwrap_or_default(),
                        lat,
                        lon,
                        geo.into(),
                        url,
                        evidence,
                        fatalities,
                        e.modes.join("; "),
                    ],
                )
            }
            Format::Gtd => {
                let Some(attack) = gtd_attack_type(e.kind) else {
                    return Ok(());
                };
                let (y, m, d) = date_parts(e.date.as_deref());
                let specificity = match place.map(|p| p.precision.as_str()) {
                    Some("point" | "facility") => "1",
                    Some("city") => "2",
                    Some("admin2") => "3",
                    Some("admin1") => "4",
                    _ => "5",
                };
                let claimed = e
                    .perpetrators
                    .iter()
                    .any(|p| p.attribution == tocsin_model::Attribution::Claimed);
                let (kmin, _, _) = num(e.killed.as_ref());
                let (imin, _, _) = num(e.injured.as_ref());
                row(
                    &mut self.out,
                    &[
                        r.id.clone(),
                        y,
                        m,
                        d,
                        country,
                        place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
                        place.map(|p| p.name.clone()).unwrap_or_default(),
                        lat,
                        lon,
                        specificity.into(),
                        evidence,
                        attack.into(),
                        String::new(),
                        join(&e.targets, |t| t.text.as_str()),
                        if perps.is_empty() {
                            "Unknown".into()
                        } else {
                            perps
                        },
                        u8::from(claimed).to_string(),
                        join(&e.weapons, |w| w.text.as_str()),
                        kmin,
                        imin,
                        url,
                    ],
                )
            }
            Format::Jsonl => {
                let line = serde_json::to_string(r).map_err(io::Error::other)?;
                writeln!(self.out, "{line}")
            }
            // Rows went to the Parquet sink above.
            Format::Parquet => Ok(()),
            Format::Geojson => {
                let (Some(lat), Some(lon)) = (place.and_then(|p| p.lat), place.and_then(|p| p.lon))
                else {
                    return Ok(());
                };
                let mut props = serde_json::to_value(r).map_err(io::Error::other)?;
                if let Some(o) = props.as_object_mut() {
                    o.remove("place");
                }
                let feature = serde_json::json!({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": props,
                });
                if !self.first {
                    write!(self.out, ",")?;
                }
                self.first = false;
                write!(self.out, "{feature}")
            }
        }
    }

    /// Writes every event matching `filter`, a page of 1,000 at a time (the filter's own
    /// `limit` and `offset` are ignored); returns how many.
    pub fn write_matching(
        &mut self,
        store: &dyn crate::Store,
        filter: &crate::EventFilter,
    ) -> crate::Result<u64> {
        let mut f = filter.clone();
        f.limit = Some(1000);
        let mut n = 0u64;
        loop {
            f.offset = Some(n as u32);
            let (page, total) = store.events(&f)?;
            for r in &page {
                self.write(r)
                    .map_err(|e| crate::StoreError::Backend(e.to_string()))?;
            }
            n += page.len() as u64;
            if page.is_empty() || n >= total {
                return Ok(n);
            }
        }
    }

    /// Closes the document (GeoJSON) and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Geojson {
            writeln!(self.out, "]}}")?;
        }
        if let Some(sink) = self.parquet.take() {
            sink.finish(&mut self.out)?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::{sample_event, sample_put};
    use tocsin_model::{EventPlace, EventType};

    fn record(kind: EventType) -> EventRecord {
        let place = EventPlace {
            name: "Kabul".into(),
            geonameid: Some(1138958),
            country: Some("AF".into()),
            admin1: Some("Kabul".into()),
            lat: Some(34.5),
            lon: Some(69.2),
            precision: "city".into(),
            evidence: Vec::new(),
        };
        let mut event = sample_event(
            kind,
            "2024-01-05",
            place,
            Some(5),
            Some("=HYPERLINK(\"x\")"),
        );
        event.modes = vec!["suicide".into()];
        let _ = sample_put("x", "t", "t", vec![]);
        EventRecord {
            id: "doc-0".into(),
            event,
            sources: Vec::new(),
        }
    }

    fn export(format: Format, records: &[EventRecord]) -> String {
        let name = |cc: &str| (cc == "AF").then(|| "Afghanistan".to_string());
        let mut ex = Exporter::new(Vec::new(), format, &name).expect("header");
        for r in records {
            ex.write(r).expect("row");
        }
        String::from_utf8(ex.finish().expect("finish")).expect("utf-8")
    }

    #[test]
    fn parquet_reads_back_typed_with_nulls() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        use parquet::record::RowAccessor;
        let mut with_nulls = record(EventType::Protest);
        with_nulls.id = "doc-1".into();
        with_nulls.event.killed = None;
        with_nulls.event.place = None;
        // More rows than one row group, so that groups are flushed and the footer counts
        // them all.
        let mut records = vec![record(EventType::Bombing), with_nulls];
        records.extend((0..20_000).map(|i| {
            let mut r = record(EventType::ArmedAssault);
            r.id = format!("bulk-{i}");
            r
        }));
        let name = |_: &str| None;
        let mut ex = Exporter::new(Vec::new(), Format::Parquet, &name).expect("header");
        for r in &records {
            ex.write(r).expect("row");
        }
        let bytes = ex.finish().expect("finish");
        assert_eq!(&bytes[..4], b"PAR1");
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).expect("a parquet file");
        let meta = reader.metadata();
        assert_eq!(meta.file_metadata().num_rows(), records.len() as i64);
        assert_eq!(meta.num_row_groups(), 2);
        let fields = meta.file_metadata().schema().get_fields();
        let col = |name: &str| fields.iter().position(|f| f.name() == name).expect(name);
        let rows: Vec<_> = reader
            .get_row_iter(None)
            .expect("rows")
            .take(2)
            .map(|r| r.expect("row"))
            .collect();
        assert_eq!(rows[0].get_string(col("id")).expect("id"), "doc-0");
        assert_eq!(
            rows[0].get_string(col("type")).expect("type"),
            "attack.bombing"
        );
        assert_eq!(rows[0].get_long(col("killed_min")).expect("killed"), 5);
        assert!((rows[0].get_double(col("latitude")).expect("lat") - 34.5).abs() < 1e-9);
        assert_eq!(rows[0].get_string(col("date")).expect("date"), "2024-01-05");
        assert!(
            rows[1].get_long(col("killed_min")).is_err(),
            "a missing count is null"
        );
        assert!(
            rows[1].get_double(col("latitude")).is_err(),
            "no place, no point"
        );
    }

    #[test]
    fn acled_columns_and_types() {
        let out = export(Format::Acled, &[record(EventType::Bombing)]);
        let mut lines = out.lines();
        let header: Vec<&str> = lines.next().expect("header").split(',').collect();
        assert_eq!(header[1], "event_date");
        assert!(header.contains(&"fatalities") && header.contains(&"sub_event_type"));
        let row = lines.next().expect("row");
        assert!(
            row.contains("Explosions/Remote violence,Suicide bomb"),
            "{row}"
        );
        assert!(row.contains(",Afghanistan,AF,"), "{row}");
    }

    #[test]
    fn gtd_keeps_attacks_only() {
        let out = export(
            Format::Gtd,
            &[record(EventType::ArmedAssault), record(EventType::Protest)],
        );
        assert_eq!(out.lines().count(), 2, "header and the one attack: {out}");
        let row = out.lines().nth(1).expect("row");
        assert!(row.starts_with("doc-0,2024,1,5,Afghanistan,"), "{row}");
        assert!(row.contains("Armed Assault"));
    }

    #[test]
    fn formulas_are_defused_and_quotes_escaped() {
        let out = export(Format::Csv, &[record(EventType::Bombing)]);
        assert!(out.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{out}");
    }

    #[test]
    fn geojson_is_a_feature_collection() {
        let out = export(
            Format::Geojson,
            &[record(EventType::Bombing), record(EventType::Riot)],
        );
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["features"].as_array().map(Vec::len), Some(2));
        assert_eq!(v["features"][0]["geometry"]["coordinates"][0], 69.2);
    }
}
