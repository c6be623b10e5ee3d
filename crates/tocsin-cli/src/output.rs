//! The JSON shapes the command line prints.

use serde_json::{json, Map, Value};
use tocsin_model::{Article, Source};

/// Adds the provenance fields (`path`, `url`, `id`, `fetched_at`) to an output object.
pub fn with_source(mut obj: Map<String, Value>, source: &Source) -> Value {
    if let Some(p) = &source.path {
        obj.insert("path".into(), json!(p));
    }
    if let Some(u) = &source.url {
        obj.insert("url".into(), json!(u));
    }
    if let Some(id) = &source.id {
        obj.insert("id".into(), json!(id));
    }
    if let Some(f) = &source.fetched_at {
        obj.insert("fetched_at".into(), json!(f));
    }
    Value::Object(obj)
}

/// The `extract` output for one article: the model's fields plus `authors`, the byline split
/// into names, which evaluation tools and spreadsheets read more easily.
pub fn article(article: &Article, source: &Source) -> Value {
    let mut obj = match serde_json::to_value(article) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if let Some(byline) = &article.byline {
        let names: Vec<&str> = byline.split("; ").filter(|n| !n.is_empty()).collect();
        obj.insert("authors".into(), json!(names));
    }
    with_source(obj, source)
}

/// A per-document failure line: where, at which stage, and why.
pub fn failure(source: &Source, stage: &str, error: &str) -> Value {
    let mut obj = Map::new();
    obj.insert("error".into(), json!(error));
    obj.insert("stage".into(), json!(stage));
    with_source(obj, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_lines_name_the_document() {
        let source = Source {
            path: Some("a/b.html".into()),
            ..Source::default()
        };
        let v = failure(&source, "extract", "binary content");
        assert_eq!(v["path"], "a/b.html");
        assert_eq!(v["error"], "binary content");
        assert_eq!(v["stage"], "extract");
    }

    #[test]
    fn authors_split_the_byline() {
        let a = Article {
            byline: Some("Jane Doe; John Roe".into()),
            ..Article::default()
        };
        let v = article(&a, &Source::default());
        assert_eq!(v["authors"], json!(["Jane Doe", "John Roe"]));
        assert_eq!(v["byline"], "Jane Doe; John Roe");
    }
}
