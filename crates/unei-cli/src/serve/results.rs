//! Results kept in memory for a while, so the page can show a report, preview its PDF and
//! offer the downloads after the upload's response: under a random id (122 bits, so an
//! address cannot be guessed), for `--keep` time, within a byte budget (the oldest go first).
//! Nothing is written to disk.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What a result costs in memory, for the budget.
pub trait Weigh {
    fn bytes(&self) -> usize;
}

/// The store of one kind of result.
#[derive(Debug)]
pub struct Store<T> {
    inner: Mutex<Inner<T>>,
    keep: Duration,
    budget: usize,
}

#[derive(Debug)]
struct Inner<T> {
    items: HashMap<String, Kept<T>>,
    /// Ids, oldest first.
    order: VecDeque<String>,
    bytes: usize,
}

#[derive(Debug)]
struct Kept<T> {
    value: Arc<T>,
    since: Instant,
    bytes: usize,
}

impl<T: Weigh> Store<T> {
    pub fn new(keep: Duration, budget: usize) -> Store<T> {
        Store {
            inner: Mutex::new(Inner {
                items: HashMap::new(),
                order: VecDeque::new(),
                bytes: 0,
            }),
            keep,
            budget,
        }
    }

    /// Keeps `value` and returns its id.
    pub fn insert(&self, value: T) -> String {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let bytes = value.bytes();
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.expire(self.keep);
        while inner.bytes + bytes > self.budget && inner.evict_oldest() {}
        inner.items.insert(
            id.clone(),
            Kept {
                value: Arc::new(value),
                since: Instant::now(),
                bytes,
            },
        );
        inner.order.push_back(id.clone());
        inner.bytes += bytes;
        id
    }

    /// The result of `id`, while it is kept. Ids are checked for their form first: a
    /// client's text is a key, never a path.
    pub fn get(&self, id: &str) -> Option<Arc<T>> {
        if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.expire(self.keep);
        inner.items.get(id).map(|k| k.value.clone())
    }

    /// Results kept now.
    pub fn count(&self) -> usize {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.items.len()
    }
}

impl<T> Inner<T> {
    fn expire(&mut self, keep: Duration) {
        while let Some(id) = self.order.front() {
            let old = self.items.get(id).is_none_or(|k| k.since.elapsed() > keep);
            if !old || !self.evict_oldest() {
                break;
            }
        }
    }

    fn evict_oldest(&mut self) -> bool {
        let Some(id) = self.order.pop_front() else {
            return false;
        };
        if let Some(kept) = self.items.remove(&id) {
            self.bytes -= kept.bytes;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Weigh for Vec<u8> {
        fn bytes(&self) -> usize {
            self.len()
        }
    }

    #[test]
    fn the_oldest_go_when_the_budget_is_spent() {
        let store: Store<Vec<u8>> = Store::new(Duration::from_secs(60), 10);
        let a = store.insert(vec![0; 4]);
        let b = store.insert(vec![0; 4]);
        let c = store.insert(vec![0; 4]);
        assert!(store.get(&a).is_none());
        assert_eq!(store.get(&b).map(|v| v.len()), Some(4));
        assert!(store.get(&c).is_some());
        assert_eq!(store.count(), 2);
        assert!(store.get("../../etc/passwd").is_none());
        assert!(store.get(&c.to_uppercase().replace('A', "G")).is_none());
    }

    #[test]
    fn results_expire() {
        let store: Store<Vec<u8>> = Store::new(Duration::from_millis(1), 100);
        let a = store.insert(vec![1]);
        std::thread::sleep(Duration::from_millis(5));
        assert!(store.get(&a).is_none());
        assert_eq!(store.count(), 0);
    }
}
