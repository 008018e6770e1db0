//! A map from names to small values that keeps every name in one text buffer.
//!
//! A dump may create a million tables, and the engines keep something of each to the
//! end of the dump (its columns, the name it was given, whether a later table folds to
//! the same name). A `HashMap<String, V>` spends a heap allocation on every key (at
//! least 32 bytes with glibc's malloc, however short the name) and keeps its slots in
//! one array of `(String, V)` that grows by doubling. `NameMap` appends the names to
//! one buffer, keeps `(start, len, value)` in a vector in insertion order, and hashes
//! only `u32` indexes into it ([`hashbrown::HashTable`]), so a name costs its bytes,
//! 8 bytes and the value, plus about 6 bytes of index.
//!
//! Removed names stay in the buffer (a dump drops few tables); iteration is in
//! insertion order, so it is the same from one run to the next.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

#[derive(Clone, Debug)]
struct Slot<V> {
    start: u32,
    len: u32,
    /// None once removed.
    value: Option<V>,
}

/// A map from names to `V`, the names stored one after the other.
#[derive(Clone, Debug)]
pub struct NameMap<V> {
    text: String,
    slots: Vec<Slot<V>>,
    index: HashTable<u32>,
    state: RandomState,
    live: usize,
}

impl<V> Default for NameMap<V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V> NameMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        NameMap {
            text: String::new(),
            slots: Vec::new(),
            index: HashTable::new(),
            state: RandomState::new(),
            live: 0,
        }
    }

    /// Names in the map.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    fn name(&self, s: &Slot<V>) -> &str {
        let start = s.start as usize;
        self.text.get(start..start + s.len as usize).unwrap_or("")
    }

    fn find(&self, key: &str) -> Option<u32> {
        let hash = self.state.hash_one(key);
        self.index
            .find(hash, |&i| {
                self.slots
                    .get(i as usize)
                    .is_some_and(|s| self.name(s) == key)
            })
            .copied()
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.find(key)?;
        self.slots.get(i as usize)?.value.as_ref()
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let i = self.find(key)?;
        self.slots.get_mut(i as usize)?.value.as_mut()
    }

    /// The name as stored and the value of `key`.
    pub fn get_key_value(&self, key: &str) -> Option<(&str, &V)> {
        let i = self.find(key)?;
        let s = self.slots.get(i as usize)?;
        Some((self.name(s), s.value.as_ref()?))
    }

    /// Whether `key` is in the map.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// Set `key` to `value`; the old value when there was one. A name that would
    /// take the buffer past 4 GiB, or the map past 4 G names, is not kept (`value`
    /// is returned): no dump has such names, and the map never panics.
    pub fn insert(&mut self, key: &str, value: V) -> Option<V> {
        if let Some(i) = self.find(key) {
            if let Some(s) = self.slots.get_mut(i as usize) {
                return s.value.replace(value);
            }
        }
        let (Ok(start), Ok(len), Ok(i)) = (
            u32::try_from(self.text.len()),
            u32::try_from(key.len()),
            u32::try_from(self.slots.len()),
        ) else {
            return Some(value);
        };
        if start.checked_add(len).is_none() {
            return Some(value);
        }
        self.text.push_str(key);
        self.slots.push(Slot {
            start,
            len,
            value: Some(value),
        });
        let hash = self.state.hash_one(key);
        let (text, slots, state) = (&self.text, &self.slots, &self.state);
        self.index.insert_unique(hash, i, |&j| {
            let name = slots
                .get(j as usize)
                .and_then(|s| text.get(s.start as usize..(s.start + s.len) as usize))
                .unwrap_or("");
            state.hash_one(name)
        });
        self.live += 1;
        None
    }

    /// Remove `key`; its value when it was there.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let hash = self.state.hash_one(key);
        let (text, slots) = (&self.text, &self.slots);
        let entry = self
            .index
            .find_entry(hash, |&i| {
                slots.get(i as usize).is_some_and(|s| {
                    text.get(s.start as usize..(s.start + s.len) as usize) == Some(key)
                })
            })
            .ok()?;
        let (i, _) = entry.remove();
        let v = self.slots.get_mut(i as usize)?.value.take();
        if v.is_some() {
            self.live -= 1;
        }
        v
    }

    /// Names and values, in the order the names were first inserted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> + '_ {
        self.slots
            .iter()
            .filter_map(move |s| Some((self.name(s), s.value.as_ref()?)))
    }

    /// Names, in the order they were first inserted.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.iter().map(|(k, _)| k)
    }
}

impl NameMap<()> {
    /// Add `name` to the set: true when it was not in it.
    pub fn add(&mut self, name: &str) -> bool {
        self.insert(name, ()).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn behaves_as_a_hash_map() {
        let mut m = NameMap::new();
        let mut h = HashMap::new();
        // Names that share prefixes, an empty one, and re-inserts after removal.
        let ops: Vec<(u8, String, u32)> = (0..3000u32)
            .map(|i| {
                let op = (i.wrapping_mul(2654435761) >> 7) % 4;
                let name = match i % 7 {
                    0 => String::new(),
                    k => format!("t{}", (i / (k + 1)) % 500),
                };
                (op as u8, name, i)
            })
            .collect();
        for (op, name, v) in &ops {
            match op {
                0 | 1 => assert_eq!(m.insert(name, *v), h.insert(name.clone(), *v)),
                2 => assert_eq!(m.remove(name), h.remove(name)),
                _ => assert_eq!(m.get(name), h.get(name)),
            }
            assert_eq!(m.len(), h.len());
            assert_eq!(m.contains_key(name), h.contains_key(name));
        }
        let mut a: Vec<_> = m.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let mut b: Vec<_> = h.into_iter().collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }

    #[test]
    fn iterates_in_insertion_order_and_changes_in_place() {
        let mut m = NameMap::new();
        for k in ["b", "a", "c"] {
            m.insert(k, 0u8);
        }
        *m.get_mut("a").unwrap() = 7;
        m.remove("b");
        m.insert("b", 1);
        let got: Vec<_> = m.iter().map(|(k, v)| (k, *v)).collect();
        assert_eq!(got, [("a", 7), ("c", 0), ("b", 1)]);
        assert_eq!(m.get_key_value("c"), Some(("c", &0)));
        assert!(m.get("d").is_none() && !m.is_empty());
        let mut set = NameMap::new();
        assert!(set.add("t") && !set.add("t") && set.len() == 1);
    }
}
