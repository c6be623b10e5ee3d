//! The Parquet export: tocsin's CSV columns with their real types (dates as text at their
//! own precision, counts as 64-bit integers, coordinates as doubles, exactness as booleans,
//! missing values as nulls), Snappy-compressed, in row groups of 16,384 events so that memory
//! stays bounded on any export size.
//!
//! The file is assembled in memory one row group at a time and handed to the output as each
//! group closes: the writer needs no `Send` or seekable output, so stdout works.

use std::io::{self, Write};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::EventRecord;

const ROW_GROUP: usize = 16_384;

/// The columns, in order: (name, type).
const COLUMNS: &[(&str, Kind)] = &[
    ("id", Kind::Text),
    ("date", Kind::Text),
    ("date_precision", Kind::Text),
    ("type", Kind::Text),
    ("modes", Kind::Text),
    ("country", Kind::Text),
    ("admin1", Kind::Text),
    ("location", Kind::Text),
    ("latitude", Kind::Float),
    ("longitude", Kind::Float),
    ("geo_precision", Kind::Text),
    ("killed_min", Kind::Int),
    ("killed_max", Kind::Int),
    ("killed_exact", Kind::Bool),
    ("injured_min", Kind::Int),
    ("injured_max", Kind::Int),
    ("injured_exact", Kind::Bool),
    ("perpetrators", Kind::Text),
    ("attribution", Kind::Text),
    ("targets", Kind::Text),
    ("weapons", Kind::Text),
    ("status", Kind::Text),
    ("confidence", Kind::Float),
    ("source_url", Kind::Text),
    ("source_title", Kind::Text),
    ("evidence", Kind::Text),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Int,
    Float,
    Bool,
}

/// One event's values, in [`COLUMNS`] order.
pub(crate) enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(Option<bool>),
}

fn schema() -> String {
    let mut s = String::from("message event {\n");
    for (name, kind) in COLUMNS {
        let t = match kind {
            Kind::Text => "BYTE_ARRAY",
            Kind::Int => "INT64",
            Kind::Float => "DOUBLE",
            Kind::Bool => "BOOLEAN",
        };
        let annotation = if *kind == Kind::Text { " (UTF8)" } else { "" };
        s.push_str(&format!("  OPTIONAL {t} {name}{annotation};\n"));
    }
    s.push('}');
    s
}

fn other(e: parquet::errors::ParquetError) -> io::Error {
    io::Error::other(e)
}

/// A Parquet file being written.
pub(crate) struct ParquetSink {
    writer: SerializedFileWriter<Vec<u8>>,
    rows: Vec<Vec<Value>>,
}

impl ParquetSink {
    pub(crate) fn new() -> io::Result<ParquetSink> {
        let schema = Arc::new(parse_message_type(&schema()).map_err(other)?);
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("tocsin {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        Ok(ParquetSink {
            writer: SerializedFileWriter::new(Vec::new(), schema, props).map_err(other)?,
            rows: Vec::new(),
        })
    }

    /// Buffers one event; writes a row group to `out` when enough are waiting.
    pub(crate) fn push(&mut self, r: &EventRecord, out: &mut impl Write) -> io::Result<()> {
        self.rows.push(values(r));
        if self.rows.len() >= ROW_GROUP {
            self.flush_group(out)?;
        }
        Ok(())
    }

    /// Writes what is left and the footer.
    pub(crate) fn finish(mut self, out: &mut impl Write) -> io::Result<()> {
        self.flush_group(out)?;
        let bytes = self.writer.into_inner().map_err(other)?;
        out.write_all(&bytes)
    }

    fn flush_group(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let mut group = self.writer.next_row_group().map_err(other)?;
        let mut i = 0;
        while let Some(mut col) = group.next_column().map_err(other)? {
            write_column(col.untyped(), &rows, i).map_err(other)?;
            col.close().map_err(other)?;
            i += 1;
        }
        group.close().map_err(other)?;
        // The writer counts bytes itself, so its buffer can be emptied between groups.
        let bytes = std::mem::take(self.writer.inner_mut());
        out.write_all(&bytes)
    }
}

/// Column `i` of every row: present values, and a definition level per row (1 present,
/// 0 null).
fn write_column(
    col: &mut ColumnWriter<'_>,
    rows: &[Vec<Value>],
    i: usize,
) -> parquet::errors::Result<usize> {
    let mut defs = Vec::with_capacity(rows.len());
    macro_rules! gather {
        ($variant:ident, $map:expr) => {{
            let mut vals = Vec::with_capacity(rows.len());
            for r in rows {
                match r.get(i) {
                    Some(Value::$variant(Some(v))) => {
                        vals.push($map(v));
                        defs.push(1);
                    }
                    _ => defs.push(0),
                }
            }
            vals
        }};
    }
    match col {
        ColumnWriter::ByteArrayColumnWriter(w) => {
            let vals = gather!(Text, |v: &String| ByteArray::from(v.as_str()));
            w.write_batch(&vals, Some(&defs), None)
        }
        ColumnWriter::Int64ColumnWriter(w) => {
            let vals = gather!(Int, |v: &i64| *v);
            w.write_batch(&vals, Some(&defs), None)
        }
        ColumnWriter::DoubleColumnWriter(w) => {
            let vals = gather!(Float, |v: &f64| *v);
            w.write_batch(&vals, Some(&defs), None)
        }
        ColumnWriter::BoolColumnWriter(w) => {
            let vals = gather!(Bool, |v: &bool| *v);
            w.write_batch(&vals, Some(&defs), None)
        }
        _ => Err(parquet::errors::ParquetError::General(
            "unexpected column type".into(),
        )),
    }
}

fn text(s: impl Into<String>) -> Value {
    let s = s.into();
    Value::Text((!s.is_empty()).then_some(s))
}

fn figure(f: Option<&tocsin_model::Figure>) -> [Value; 3] {
    let n = |v: Option<u64>| Value::Int(v.and_then(|v| i64::try_from(v).ok()));
    [
        n(f.and_then(|f| f.min)),
        n(f.and_then(|f| f.max)),
        Value::Bool(f.map(|f| f.exact)),
    ]
}

/// An event's values in [`COLUMNS`] order: the same content as the CSV export's columns.
fn values(r: &EventRecord) -> Vec<Value> {
    let e = &r.event;
    let place = e.place.as_ref();
    let src = r.sources.first();
    let join = |items: Vec<&str>| items.join("; ");
    let [kmin, kmax, kex] = figure(e.killed.as_ref());
    let [imin, imax, iex] = figure(e.injured.as_ref());
    vec![
        text(r.id.clone()),
        text(e.date.clone().unwrap_or_default()),
        text(e.date_precision.clone().unwrap_or_default()),
        text(e.kind.as_str()),
        text(e.modes.join("; ")),
        text(place.and_then(|p| p.country.clone()).unwrap_or_default()),
        text(place.and_then(|p| p.admin1.clone()).unwrap_or_default()),
        text(place.map(|p| p.name.clone()).unwrap_or_default()),
        Value::Float(place.and_then(|p| p.lat)),
        Value::Float(place.and_then(|p| p.lon)),
        text(place.map(|p| p.precision.clone()).unwrap_or_default()),
        kmin,
        kmax,
        kex,
        imin,
        imax,
        iex,
        text(join(
            e.perpetrators.iter().map(|p| p.name.as_str()).collect(),
        )),
        text(crate::export::attributions(e)),
        text(join(e.targets.iter().map(|t| t.text.as_str()).collect())),
        text(join(e.weapons.iter().map(|t| t.text.as_str()).collect())),
        text(e.status.clone()),
        Value::Float(Some(e.confidence as f64)),
        text(src.and_then(|s| s.url.clone()).unwrap_or_default()),
        text(src.and_then(|s| s.title.clone()).unwrap_or_default()),
        text(src.map(|s| s.evidence.join(" … ")).unwrap_or_default()),
    ]
}
