//! Raw documents → articles.
