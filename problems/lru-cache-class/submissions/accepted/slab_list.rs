use std::collections::HashMap;

// A doubly linked list over a Vec (indices instead of pointers); slots 0 and 1 are the
// sentinels: HEAD.next is the most recently used entry, TAIL.prev the least.
const HEAD: usize = 0;
const TAIL: usize = 1;

struct Entry {
    key: i32,
    value: i32,
    prev: usize,
    next: usize,
}

struct LRUCache {
    capacity: usize,
    slots: Vec<Entry>,
    index: HashMap<i32, usize>,
}

/**
 * `&self` means the method takes an immutable reference.
 * If you need a mutable reference, change it to `&mut self` instead.
 */
impl LRUCache {
    fn new(capacity: i32) -> Self {
        let slots = vec![
            Entry { key: 0, value: 0, prev: HEAD, next: TAIL },
            Entry { key: 0, value: 0, prev: HEAD, next: TAIL },
        ];
        LRUCache { capacity: capacity as usize, slots, index: HashMap::new() }
    }

    fn get(&mut self, key: i32) -> i32 {
        match self.index.get(&key) {
            Some(&i) => {
                self.unlink(i);
                self.push_front(i);
                self.slots[i].value
            }
            None => -1,
        }
    }

    fn put(&mut self, key: i32, value: i32) {
        if let Some(&i) = self.index.get(&key) {
            self.slots[i].value = value;
            self.unlink(i);
            self.push_front(i);
            return;
        }
        let i = if self.index.len() == self.capacity {
            // Reuse the least recently used entry's slot.
            let lru = self.slots[TAIL].prev;
            self.unlink(lru);
            self.index.remove(&self.slots[lru].key);
            self.slots[lru].key = key;
            self.slots[lru].value = value;
            lru
        } else {
            self.slots.push(Entry { key, value, prev: HEAD, next: TAIL });
            self.slots.len() - 1
        };
        self.index.insert(key, i);
        self.push_front(i);
    }

    fn unlink(&mut self, i: usize) {
        let (prev, next) = (self.slots[i].prev, self.slots[i].next);
        self.slots[prev].next = next;
        self.slots[next].prev = prev;
    }

    fn push_front(&mut self, i: usize) {
        let first = self.slots[HEAD].next;
        self.slots[i].prev = HEAD;
        self.slots[i].next = first;
        self.slots[first].prev = i;
        self.slots[HEAD].next = i;
    }
}

/**
 * Your LRUCache object will be instantiated and called as such:
 * let obj = LRUCache::new(capacity);
 * let ret_1: i32 = obj.get(key);
 * obj.put(key, value);
 */
