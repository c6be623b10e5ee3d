//! Stable, platform-independent hashing for feature keys and gazetteer phrases.
//!
//! Model files store hashes, so these functions must never change for a given format version.

/// Mixes two 64-bit values into one (splitmix64 finaliser over a multiply-xor).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let x = a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b;
    let x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// FNV-1a over bytes, finalised with [`mix`].
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01B3);
    }
    mix(h, bytes.len() as u64)
}

/// Hash of a string.
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// A feature key: a template id and its value. Never 0 (0 marks an empty table slot).
#[inline]
pub(crate) fn key(template: u64, value: u64) -> u64 {
    mix(template.wrapping_add(0x5851_F42D_4C95_7F2D), value).max(1)
}

/// A `BuildHasher` for keys that are already hashes: the table uses them as they are.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PassThrough;

/// The hasher of [`PassThrough`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PassThroughHasher(u64);

impl std::hash::Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only reached for non-u64 keys; fold them in so the hasher stays correct.
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl std::hash::BuildHasher for PassThrough {
    type Hasher = PassThroughHasher;

    fn build_hasher(&self) -> PassThroughHasher {
        PassThroughHasher(0)
    }
}

/// A map from hashes to values.
pub(crate) type HashKeyMap<V> = std::collections::HashMap<u64, V, PassThrough>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        // Pinned: a change here silently breaks every committed model.
        assert_eq!(hash_str(""), mix(0xCBF2_9CE4_8422_2325, 0));
        assert_ne!(hash_str("Paris"), hash_str("paris"));
        assert_ne!(key(1, 5), key(5, 1));
        assert_eq!(key(3, hash_str("x")), key(3, hash_str("x")));
    }
}
