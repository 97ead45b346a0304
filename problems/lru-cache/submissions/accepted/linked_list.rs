use std::collections::HashMap;
use std::io::{self, Read, Write};

const NIL: usize = usize::MAX;

/// Doubly linked list over a slab of nodes; head = most recently used.
struct Lru {
    cap: usize,
    keys: Vec<u64>,
    vals: Vec<u64>,
    prev: Vec<usize>,
    next: Vec<usize>,
    head: usize,
    tail: usize,
    index: HashMap<u64, usize>,
}

impl Lru {
    fn new(cap: usize) -> Self {
        Lru {
            cap,
            keys: Vec::with_capacity(cap),
            vals: Vec::with_capacity(cap),
            prev: Vec::with_capacity(cap),
            next: Vec::with_capacity(cap),
            head: NIL,
            tail: NIL,
            index: HashMap::with_capacity(cap * 2),
        }
    }

    fn unlink(&mut self, i: usize) {
        let (p, n) = (self.prev[i], self.next[i]);
        if p != NIL { self.next[p] = n; } else { self.head = n; }
        if n != NIL { self.prev[n] = p; } else { self.tail = p; }
    }

    fn push_front(&mut self, i: usize) {
        self.prev[i] = NIL;
        self.next[i] = self.head;
        if self.head != NIL { self.prev[self.head] = i; }
        self.head = i;
        if self.tail == NIL { self.tail = i; }
    }

    fn get(&mut self, k: u64) -> Option<u64> {
        let i = *self.index.get(&k)?;
        self.unlink(i);
        self.push_front(i);
        Some(self.vals[i])
    }

    fn put(&mut self, k: u64, v: u64) {
        if let Some(&i) = self.index.get(&k) {
            self.vals[i] = v;
            self.unlink(i);
            self.push_front(i);
            return;
        }
        let i = if self.keys.len() < self.cap {
            self.keys.push(k);
            self.vals.push(v);
            self.prev.push(NIL);
            self.next.push(NIL);
            self.keys.len() - 1
        } else {
            // Reuse the least recently used node.
            let t = self.tail;
            self.unlink(t);
            self.index.remove(&self.keys[t]);
            self.keys[t] = k;
            self.vals[t] = v;
            t
        };
        self.index.insert(k, i);
        self.push_front(i);
    }
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_ascii_whitespace();
    let cap: usize = it.next().unwrap().parse().unwrap();
    let q: usize = it.next().unwrap().parse().unwrap();
    let mut lru = Lru::new(cap);
    let mut out = String::with_capacity(q * 8);
    for _ in 0..q {
        let op = it.next().unwrap();
        let k: u64 = it.next().unwrap().parse().unwrap();
        if op == "GET" {
            match lru.get(k) {
                Some(v) => out.push_str(&v.to_string()),
                None => out.push_str("-1"),
            }
            out.push('\n');
        } else {
            let v: u64 = it.next().unwrap().parse().unwrap();
            lru.put(k, v);
        }
    }
    io::stdout().write_all(out.as_bytes()).unwrap();
}
