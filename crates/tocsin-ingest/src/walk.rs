//! A sorted, depth-first directory walk that holds one directory listing per level.
//!
//! Sorting makes runs reproducible (output order follows input order); `std::fs::read_dir`
//! order depends on the filesystem. Hidden entries (`.git`, `.DS_Store`) are skipped, and
//! symlinked directories are not followed, so a link cycle cannot make the walk endless.

use std::fs;
use std::io;
use std::path::PathBuf;
use std::vec::IntoIter;

/// Files under a root, in byte order of their names at each level.
pub(crate) struct Walk {
    stack: Vec<IntoIter<PathBuf>>,
    root: Option<PathBuf>,
}

impl Walk {
    pub fn new(root: PathBuf) -> Self {
        Self {
            stack: Vec::new(),
            root: Some(root),
        }
    }
}

fn listing(dir: &PathBuf) -> io::Result<IntoIter<PathBuf>> {
    let mut entries = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    entries.retain(|p| {
        p.file_name()
            .is_none_or(|n| !n.as_encoded_bytes().starts_with(b"."))
    });
    entries.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(entries.into_iter())
}

impl Iterator for Walk {
    /// A file to read, or a directory that could not be listed.
    type Item = Result<PathBuf, (PathBuf, io::Error)>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(root) = self.root.take() {
            match listing(&root) {
                Ok(entries) => self.stack.push(entries),
                Err(e) => return Some(Err((root, e))),
            }
        }
        loop {
            let path = match self.stack.last_mut()?.next() {
                Some(path) => path,
                None => {
                    self.stack.pop();
                    continue;
                }
            };
            let meta = match fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(e) => return Some(Err((path, e))),
            };
            if meta.is_dir() {
                match listing(&path) {
                    Ok(entries) => self.stack.push(entries),
                    Err(e) => return Some(Err((path, e))),
                }
            } else if meta.file_type().is_symlink() {
                match fs::metadata(&path) {
                    Ok(target) if target.is_dir() => {}
                    // A broken link surfaces as an open error for that file.
                    _ => return Some(Ok(path)),
                }
            } else {
                return Some(Ok(path));
            }
        }
    }
}
