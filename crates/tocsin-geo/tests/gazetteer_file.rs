//! The compiled gazetteer file: a build from GeoNames-format files, round trips, and clear
//! errors (never panics) for missing, corrupt, truncated and wrong-version files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;

use tocsin_geo::compile::{build, BuildOptions, EntryRow, GazetteerBuilder};
use tocsin_geo::gazetteer::{name_flags, FORMAT_VERSION, MAGIC};
use tocsin_geo::{Gazetteer, GazetteerError, Geocoder, Kind, Precision};

fn gz(path: &Path, text: &str) {
    let f = std::fs::File::create(path).unwrap();
    let mut enc = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    enc.write_all(text.as_bytes()).unwrap();
    enc.finish().unwrap();
}

/// A GeoNames data directory in the layout of shared/data/gazetteer, with a handful of rows.
fn write_geonames_dir(dir: &Path) {
    std::fs::write(
        dir.join("countries.json"),
        r#"{"FR": {"geonameid": 3017382, "name": "France", "iso": "FR", "capital": "Paris", "population": 66987244},
            "US": {"geonameid": 6252001, "name": "United States", "iso": "US", "capital": "Washington", "population": 327167434}}"#,
    )
    .unwrap();
    gz(
        &dir.join("country_alternate_names.tsv.gz"),
        "alternateNameId\tgeonameid\tisolanguage\talternateName\tisPreferredName\tisShortName\tisColloquial\tisHistoric\tfrom\tto\n\
         1\t6252001\tabbr\tU.S.\t\t\t\t\t\t\n\
         2\t6252001\ten\tAmerica\t\t\t1\t\t\t\n\
         3\t6252001\tde\tVereinigte Staaten\t\t\t\t\t\t\n\
         4\t8354411\ten\tSoviet Union\t\t\t\t\t\t\n",
    );
    std::fs::write(
        dir.join("admin1.tsv"),
        "geonames_code\tname\tiso_3166_2\tgeonameid\ttype\taliases\n\
         US.TX\tTexas\tUS-TX\t4736286\tState\tState of Texas\n\
         FR.11\tÎle-de-France\tFR-IDF\t3012874\tRegion\tIle-de-France|Région parisienne\n",
    )
    .unwrap();
    gz(
        &dir.join("admin2.tsv.gz"),
        "geonames_code\tname\tiso_3166_2\tgeonameid\ttype\taliases\n\
         US.TX.277\tLamar County\t\t4705086\t\tLamar\n",
    );
    gz(
        &dir.join("admin_points.tsv.gz"),
        "geonameid\tlevel\tcode\tname\tlat\tlon\tcoord_source\tn_cities\talt_lat\talt_lon\talt_source\n\
         3017382\t0\tFR\tFrance\t46\t2\tgeonames_via_gvenzl\t\t\t\t\n\
         6252001\t0\tUS\tUnited States\t39.76\t-98.5\tgeonames_via_gvenzl\t\t\t\t\n\
         4736286\t1\tUS.TX\tTexas\t31.25044\t-99.25061\tgeonames_via_owm\t900\t\t\t\n\
         3012874\t1\tFR.11\tÎle-de-France\t48.5\t2.5\tgeonames_via_owm\t500\t\t\t\n\
         4705086\t2\tUS.TX.277\tLamar County\t33.66\t-95.57\tcities_mean\t3\t\t\t\n",
    );
    gz(
        &dir.join("cities500.json.gz"),
        r#"{"2988507": {"geonameid": 2988507, "name": "Paris", "latitude": 48.85341, "longitude": 2.3488, "countrycode": "FR", "population": 2138551, "timezone": "Europe/Paris", "admin1code": "11", "alternatenames": ["PAR", "Lutetia", "Parigi", "paris", "Париж"]},
            "4717560": {"geonameid": 4717560, "name": "Paris", "latitude": 33.66094, "longitude": -95.55551, "countrycode": "US", "population": 24782, "timezone": "America/Chicago", "admin1code": "TX", "alternatenames": ["PRX"]},
            "4140963": {"geonameid": 4140963, "name": "Washington", "latitude": 38.89511, "longitude": -77.03637, "countrycode": "US", "population": 689545, "timezone": "America/New_York", "admin1code": "DC", "alternatenames": ["Washington D.C."]}}"#,
    );
    gz(
        &dir.join("no-country.txt.gz"),
        "6255148\tEurope\tEurope\tEuropa,Evropa\t48.69096\t9.14062\tL\tCONT\t\t\t00\t\t\t\t741000000\t\t-9999\tEurope/Vaduz\t2012-08-28\n\
         350155\tRed Sea\tRed Sea\tMar Rojo\t19.5\t38.5\tH\tSEA\t\t\t00\t\t\t\t0\t\t-9999\t\t2012-01-01\n\
         3373406\tSome Seamount\tSome Seamount\t\t10\t10\tU\tSMU\t\t\t00\t\t\t\t0\t\t-9999\t\t2012-01-01\n",
    );
}

#[test]
fn builds_from_geonames_files_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    write_geonames_dir(dir.path());
    let (builder, report) = build(&BuildOptions::new(dir.path())).unwrap();
    assert_eq!(report.entries_by_kind.get("Country"), Some(&2));
    assert_eq!(report.entries_by_kind.get("Water"), Some(&1));
    assert!(
        !report.entries_by_kind.contains_key("Facility"),
        "undersea features are skipped"
    );
    let out = dir.path().join("gazetteer.bin.gz");
    std::fs::write(&out, builder.to_gzip().unwrap()).unwrap();
    let gaz = Gazetteer::load(&out).unwrap();
    assert!(gaz.metadata().contains("CC BY 4.0"));

    let m = gaz.lookup("Paris").unwrap();
    assert_eq!(m.len(), 2);
    // Lower-case transliterations, Cyrillic and airport codes are not indexed.
    assert!(gaz.lookup("Париж").is_none());
    assert!(gaz.lookup("PAR").is_none());
    assert!(gaz.lookup("Parigi").is_some());
    // Country names in English and abbreviations; the German name is not indexed.
    assert!(gaz.lookup("U.S.").is_some());
    assert!(gaz.lookup("Vereinigte Staaten").is_none());
    // Division aliases, folded diacritics.
    assert!(gaz.lookup("Ile de France").is_some());
    // Curated names from the crate's data files.
    let tex = gaz.lookup("Tex.").unwrap();
    assert!(tex.postings().any(|p| p.flags & name_flags::ABBREV != 0));
    // Cities are linked to their division; the capital is marked.
    let paris_tx = gaz.by_geonameid(4717560).unwrap();
    let tx = gaz.entry(paris_tx).admin1.unwrap();
    assert_eq!(gaz.name(tx), "Texas");
    let paris = gaz.entry(gaz.by_geonameid(2988507).unwrap());
    assert!(paris.flags & tocsin_geo::gazetteer::entry_flags::CAPITAL != 0);

    let places = Geocoder::new(&gaz).geoparse("Storms hit Paris, Texas, and Lamar County.", None);
    let p = places.iter().find(|p| p.name == "Paris").unwrap();
    assert_eq!(p.geonameid, Some(4717560));
    let county = places.iter().find(|p| p.name == "Lamar County").unwrap();
    assert_eq!(county.precision, Precision::Admin2);
}

#[test]
fn a_missing_input_file_is_a_clear_build_error() {
    let dir = tempfile::tempdir().unwrap();
    write_geonames_dir(dir.path());
    std::fs::remove_file(dir.path().join("admin1.tsv")).unwrap();
    let err = build(&BuildOptions::new(dir.path()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("admin1.tsv"), "{err}");
}

fn small() -> Vec<u8> {
    let mut b = GazetteerBuilder::new();
    b.add(EntryRow::new(
        3017382,
        "France",
        Kind::Country,
        "FR",
        46.0,
        2.0,
    ));
    b.to_raw().unwrap()
}

fn gzip_bytes(raw: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(raw).unwrap();
    enc.finish().unwrap()
}

#[test]
fn missing_file_names_the_build_command() {
    let err = Gazetteer::load(Path::new("/nonexistent/gazetteer.bin.gz")).unwrap_err();
    assert!(matches!(err, GazetteerError::Missing { .. }));
    let msg = err.to_string();
    assert!(msg.contains("tocsin gazetteer build"), "{msg}");
}

#[test]
fn corrupt_files_are_errors_not_panics() {
    // Not gzip at all.
    assert!(matches!(
        Gazetteer::from_gzip(b"hello world"),
        Err(GazetteerError::Corrupt(_))
    ));
    // Gzip of something else.
    assert!(matches!(
        Gazetteer::from_gzip(&gzip_bytes(b"{\"not\": \"a gazetteer\"}")),
        Err(GazetteerError::Corrupt(_))
    ));
    // A truncated gzip stream.
    let good = gzip_bytes(&small());
    assert!(Gazetteer::from_gzip(&good).is_ok());
    for cut in [10, good.len() / 2, good.len() - 4] {
        assert!(
            matches!(
                Gazetteer::from_gzip(&good[..cut]),
                Err(GazetteerError::Corrupt(_))
            ),
            "cut at {cut}"
        );
    }
    // A truncated index inside valid gzip.
    let raw = small();
    for cut in [8, 20, 40, raw.len() - 1] {
        let r = Gazetteer::from_raw(raw[..cut].to_vec());
        assert!(matches!(r, Err(GazetteerError::Corrupt(_))), "cut at {cut}");
    }
    // Every single-byte corruption of the index is an error or a valid gazetteer, never a
    // panic, and the result can be queried.
    for i in 0..raw.len() {
        let mut bad = raw.clone();
        bad[i] ^= 0xA5;
        if let Ok(g) = Gazetteer::from_raw(bad) {
            let _ = g.lookup("France");
            let _ = Geocoder::new(&g).geoparse("Riots in France and Paris.", None);
        }
    }
}

#[test]
fn other_format_versions_are_refused() {
    let mut raw = small();
    assert_eq!(&raw[..8], MAGIC);
    raw[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    match Gazetteer::from_raw(raw) {
        Err(GazetteerError::Version { found, expected }) => {
            assert_eq!((found, expected), (FORMAT_VERSION + 1, FORMAT_VERSION));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_corrupt_file_on_disk_is_reported_with_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gazetteer.bin.gz");
    std::fs::write(&p, b"\x1f\x8bgarbage").unwrap();
    let err = Gazetteer::load(&p).unwrap_err();
    assert!(err.to_string().starts_with("corrupt gazetteer"), "{err}");
}
