//! Word clustering by the exchange algorithm over a predictive class bigram model
//! (Uszkoreit & Brants 2008): a word's class predicts the next word, `P(w | class(v))`, and
//! words move one at a time to the class that most improves the likelihood of the text.
//! Words with similar right contexts ("said", "told"; "Kabul", "Baghdad") end up together. Run
//! on the reversed text, it groups words by their left contexts.
//!
//! The objective is `Σ_{c,w} N(c,w) log N(c,w) − Σ_c N(c) log N(c)`, where `N(c,w)` counts
//! bigrams whose first word is in class `c`. Moving word `v` only touches the rows of its old
//! and new class for the successors of `v`, so one pass costs `classes × distinct bigrams`.

/// `x ln x` with a table for small counts.
struct XLogX {
    table: Vec<f64>,
}

impl XLogX {
    fn new() -> Self {
        XLogX {
            table: (0..1 << 16).map(|x| Self::compute(x as f64)).collect(),
        }
    }

    fn compute(x: f64) -> f64 {
        if x <= 0.0 {
            0.0
        } else {
            x * x.ln()
        }
    }

    #[inline]
    fn get(&self, x: u32) -> f64 {
        match self.table.get(x as usize) {
            Some(&v) => v,
            None => Self::compute(f64::from(x)),
        }
    }
}

/// Clusters `n_words` words (ids `0..n_words`, most frequent first) given sentences of word
/// ids; ids `>= n_words` are rare words that take part as context only. Returns a class for
/// each of the `n_words` words.
pub(crate) fn exchange(
    sentences: &[Vec<u32>],
    n_words: usize,
    classes: usize,
    iterations: usize,
    reverse: bool,
) -> Vec<u16> {
    let classes = classes.clamp(1, usize::from(u16::MAX));
    // Context vocabulary: the clustered words, one id for all rare words, and the sentence
    // boundary.
    let rare = n_words as u32;
    let boundary = n_words as u32 + 1;
    let n_ctx = n_words + 2;
    let ctx = |id: u32| if (id as usize) < n_words { id } else { rare };
    // Successor lists: for each clustered word, (successor, count), sorted.
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for s in sentences {
        let seq: Vec<u32> = if reverse {
            s.iter().rev().map(|&i| ctx(i)).collect()
        } else {
            s.iter().map(|&i| ctx(i)).collect()
        };
        for (i, &v) in seq.iter().enumerate() {
            if v == rare {
                continue;
            }
            let w = seq.get(i + 1).copied().unwrap_or(boundary);
            pairs.push((v, w));
        }
    }
    pairs.sort_unstable();
    let mut succ_start = vec![0usize; n_words + 1];
    let mut succ: Vec<(u32, u32)> = Vec::new();
    let mut word_count = vec![0u32; n_words];
    let mut i = 0;
    while i < pairs.len() {
        let (v, w) = pairs[i];
        let mut j = i;
        while j < pairs.len() && pairs[j] == (v, w) {
            j += 1;
        }
        succ.push((w, (j - i) as u32));
        word_count[v as usize] += (j - i) as u32;
        succ_start[v as usize + 1] = succ.len();
        i = j;
    }
    for v in 1..=n_words {
        succ_start[v] = succ_start[v].max(succ_start[v - 1]);
    }
    drop(pairs);

    // Initial classes: by frequency rank, round robin.
    let mut class: Vec<u16> = (0..n_words).map(|v| (v % classes) as u16).collect();
    // N(c, w) stored successor-major: counts[w * classes + c].
    let mut counts = vec![0u32; n_ctx * classes];
    let mut class_total = vec![0u64; classes];
    for v in 0..n_words {
        let c = usize::from(class[v]);
        for &(w, n) in &succ[succ_start[v]..succ_start[v + 1]] {
            counts[w as usize * classes + c] += n;
        }
        class_total[c] += u64::from(word_count[v]);
    }
    let f = XLogX::new();
    let flog = |x: u64| -> f64 {
        if x == 0 {
            0.0
        } else {
            let x = x as f64;
            x * x.ln()
        }
    };
    let mut delta = vec![0f64; classes];
    for _ in 0..iterations {
        let mut moved = 0usize;
        for v in 0..n_words {
            let list = &succ[succ_start[v]..succ_start[v + 1]];
            if list.is_empty() {
                continue;
            }
            let old = usize::from(class[v]);
            let nv = u64::from(word_count[v]);
            for &(w, n) in list {
                counts[w as usize * classes + old] -= n;
            }
            class_total[old] -= nv;
            for (c, d) in delta.iter_mut().enumerate() {
                *d = flog(class_total[c]) - flog(class_total[c] + nv);
            }
            for &(w, n) in list {
                let row = &counts[w as usize * classes..][..classes];
                for (d, &x) in delta.iter_mut().zip(row) {
                    *d += f.get(x + n) - f.get(x);
                }
            }
            let mut best = old;
            for (c, &d) in delta.iter().enumerate() {
                if d > delta[best] + 1e-9 {
                    best = c;
                }
            }
            if best != old {
                moved += 1;
            }
            class[v] = best as u16;
            for &(w, n) in list {
                counts[w as usize * classes + best] += n;
            }
            class_total[best] += nv;
        }
        if moved == 0 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_the_same_contexts_share_a_class() {
        // 0 "the", 1 "cat", 2 "dog", 3 "sat", 4 "ran", 5 "quickly".
        let mut sentences = Vec::new();
        for _ in 0..20 {
            sentences.push(vec![0, 1, 3, 5]);
            sentences.push(vec![0, 2, 4, 5]);
            sentences.push(vec![0, 1, 4, 5]);
            sentences.push(vec![0, 2, 3, 5]);
        }
        let class = exchange(&sentences, 6, 4, 10, false);
        assert_eq!(class[1], class[2], "cat and dog precede the same verbs");
        assert_eq!(class[3], class[4], "sat and ran precede the same adverb");
        assert_ne!(class[1], class[3]);
        let again = exchange(&sentences, 6, 4, 10, false);
        assert_eq!(class, again, "deterministic");
    }
}
