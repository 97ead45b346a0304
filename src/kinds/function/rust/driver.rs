
// ---- mockjudge's driver: everything below is added after the candidate's code. ----
// `Solution`, `ListNode` and `TreeNode` are LeetCode's; the rest lives in its own modules
// (`mj_driver`, and the generated `mj_glue`), so the candidate's own `use`s never clash with it.

pub struct Solution;

// Definition for singly-linked list.
#[derive(PartialEq, Eq, Clone, Debug)]
pub struct ListNode {
    pub val: i32,
    pub next: Option<Box<ListNode>>,
}

#[allow(dead_code)]
impl ListNode {
    #[inline]
    fn new(val: i32) -> Self {
        ListNode { next: None, val }
    }
}

// Definition for a binary tree node.
#[derive(Debug, PartialEq, Eq)]
pub struct TreeNode {
    pub val: i32,
    pub left: Option<std::rc::Rc<std::cell::RefCell<TreeNode>>>,
    pub right: Option<std::rc::Rc<std::cell::RefCell<TreeNode>>>,
}

#[allow(dead_code)]
impl TreeNode {
    #[inline]
    pub fn new(val: i32) -> Self {
        TreeNode { val, left: None, right: None }
    }
}

fn main() {
    mj_driver::main(mj_glue::call)
}

#[allow(dead_code, unused_imports, unused_mut, unused_variables)]
mod mj_driver {
    use super::{ListNode, TreeNode};
    use std::cell::RefCell;
    use std::fmt::Write as _;
    use std::io::Read as _;
    use std::rc::Rc;

    /// The stack of the thread that runs the candidate's code: deep recursion must work.
    const STACK: usize = 1 << 30;
    /// The most nodes of a list or a tree written back.
    const MAX_NODES: usize = 10_000_000;

    /// Reads the input's JSON values straight into the declared types, in one pass.
    pub struct Parser<'a> {
        s: &'a [u8],
        i: usize,
    }

    impl<'a> Parser<'a> {
        fn space(&mut self) {
            while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\n' | b'\r' | b'\t') {
                self.i += 1;
            }
        }

        fn peek(&mut self) -> u8 {
            self.space();
            match self.s.get(self.i) {
                Some(&c) => c,
                None => panic!("mockjudge driver: the input ended early"),
            }
        }

        /// Reads an array's `[`.
        pub fn open(&mut self) {
            self.peek();
            self.i += 1;
        }

        /// Whether the array has another item, reading the `,` before it, or its `]`.
        pub fn more(&mut self) -> bool {
            match self.peek() {
                b']' => {
                    self.i += 1;
                    false
                }
                b',' => {
                    self.i += 1;
                    true
                }
                _ => true,
            }
        }

        /// Reads a `null` if one comes next.
        fn null(&mut self) -> bool {
            if self.peek() == b'n' {
                self.i += 4;
                true
            } else {
                false
            }
        }

        fn token(&mut self) -> &'a str {
            self.space();
            let start = self.i;
            while self.i < self.s.len() && !matches!(self.s[self.i], b',' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                self.i += 1;
            }
            std::str::from_utf8(&self.s[start..self.i]).unwrap_or("")
        }

        fn int(&mut self) -> i64 {
            self.space();
            let negative = self.s.get(self.i) == Some(&b'-');
            if negative {
                self.i += 1;
            }
            let mut n: i64 = 0;
            while let Some(&c) = self.s.get(self.i) {
                if !c.is_ascii_digit() {
                    break;
                }
                n = n.wrapping_mul(10).wrapping_sub((c - b'0') as i64); // negative: i64::MIN fits
                self.i += 1;
            }
            if negative {
                n
            } else {
                n.wrapping_neg()
            }
        }

        fn hex(&mut self) -> u32 {
            let text = std::str::from_utf8(&self.s[self.i..self.i + 4]).unwrap_or("0");
            self.i += 4;
            u32::from_str_radix(text, 16).unwrap_or(0xFFFD)
        }

        fn string(&mut self) -> String {
            self.peek();
            self.i += 1;
            let mut out: Vec<u8> = Vec::new();
            while let Some(&c) = self.s.get(self.i) {
                self.i += 1;
                match c {
                    b'"' => break,
                    b'\\' => {
                        let e = self.s.get(self.i).copied().unwrap_or(b'\\');
                        self.i += 1;
                        let ch = match e {
                            b'n' => '\n',
                            b't' => '\t',
                            b'r' => '\r',
                            b'b' => '\u{8}',
                            b'f' => '\u{c}',
                            b'u' => {
                                let mut code = self.hex();
                                if (0xD800..0xDC00).contains(&code) && self.s.get(self.i) == Some(&b'\\') && self.s.get(self.i + 1) == Some(&b'u') {
                                    self.i += 2;
                                    let low = self.hex();
                                    code = 0x10000 + ((code - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                                }
                                char::from_u32(code).unwrap_or('\u{FFFD}')
                            }
                            other => other as char,
                        };
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                    _ => out.push(c),
                }
            }
            String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
    }

    /// A value of a parameter's type, read from the input.
    pub trait MjFrom: Sized {
        fn read(p: &mut Parser) -> Self;
    }

    /// One argument of a class's call.
    pub fn arg<T: MjFrom>(p: &mut Parser) -> T {
        p.more();
        T::read(p)
    }

    impl MjFrom for i32 {
        fn read(p: &mut Parser) -> Self {
            p.int() as i32
        }
    }

    impl MjFrom for i64 {
        fn read(p: &mut Parser) -> Self {
            p.int()
        }
    }

    impl MjFrom for f64 {
        fn read(p: &mut Parser) -> Self {
            p.token().parse().unwrap_or(0.0)
        }
    }

    impl MjFrom for bool {
        fn read(p: &mut Parser) -> Self {
            p.token() == "true"
        }
    }

    impl MjFrom for String {
        fn read(p: &mut Parser) -> Self {
            p.string()
        }
    }

    impl MjFrom for char {
        fn read(p: &mut Parser) -> Self {
            p.string().chars().next().unwrap_or('\0')
        }
    }

    impl<T: MjFrom> MjFrom for Vec<T> {
        fn read(p: &mut Parser) -> Self {
            let mut items = Vec::new();
            p.open();
            while p.more() {
                items.push(T::read(p));
            }
            items
        }
    }

    impl MjFrom for Option<Box<ListNode>> {
        fn read(p: &mut Parser) -> Self {
            let mut head = None;
            for val in Vec::<i32>::read(p).into_iter().rev() {
                head = Some(Box::new(ListNode { val, next: head }));
            }
            head
        }
    }

    type Tree = Option<Rc<RefCell<TreeNode>>>;

    impl MjFrom for Tree {
        fn read(p: &mut Parser) -> Self {
            let mut values: Vec<Option<i32>> = Vec::new();
            p.open();
            while p.more() {
                values.push(if p.null() { None } else { Some(p.int() as i32) });
            }
            let mut values = values.into_iter();
            let root = match values.next() {
                Some(Some(val)) => Rc::new(RefCell::new(TreeNode::new(val))),
                _ => return None,
            };
            let mut queue = std::collections::VecDeque::new();
            queue.push_back(root.clone());
            let child = |v: Option<i32>, queue: &mut std::collections::VecDeque<Rc<RefCell<TreeNode>>>| {
                v.map(|val| {
                    let node = Rc::new(RefCell::new(TreeNode::new(val)));
                    queue.push_back(node.clone());
                    node
                })
            };
            while let Some(parent) = queue.pop_front() {
                let left = match values.next() {
                    None => break,
                    Some(v) => child(v, &mut queue),
                };
                let right = child(values.next().flatten(), &mut queue);
                let mut p = parent.borrow_mut();
                p.left = left;
                p.right = right;
            }
            Some(root)
        }
    }

    /// The result, written by the declared types. The first error sticks and replaces it.
    pub struct W {
        pub b: String,
        /// What is being written, e.g. "twoSum returned".
        pub ctx: &'static str,
        pub err: Option<String>,
    }

    impl W {
        pub fn new(ctx: &'static str) -> W {
            W { b: String::with_capacity(4096), ctx, err: None }
        }

        pub fn raw(&mut self, s: &str) {
            self.b.push_str(s);
        }

        pub fn fail(&mut self, message: &str) {
            if self.err.is_none() {
                self.err = Some(format!("{} {}", self.ctx, message));
            }
        }

        /// Appends what another writer wrote, and its error.
        pub fn append(&mut self, other: W) {
            self.b.push_str(&other.b);
            if self.err.is_none() {
                self.err = other.err;
            }
        }

        /// An integer, without `fmt`'s machinery (lists of a million values are written).
        pub fn int(&mut self, n: i64) {
            let mut buf = [0u8; 20];
            let mut i = buf.len();
            let mut m = n.unsigned_abs();
            loop {
                i -= 1;
                buf[i] = b'0' + (m % 10) as u8;
                m /= 10;
                if m == 0 {
                    break;
                }
            }
            if n < 0 {
                self.b.push('-');
            }
            self.b.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
        }

        fn string(&mut self, s: &str) {
            self.b.push('"');
            for c in s.chars() {
                match c {
                    '"' => self.b.push_str("\\\""),
                    '\\' => self.b.push_str("\\\\"),
                    c if (c as u32) < 0x20 => {
                        let _ = write!(self.b, "\\u{:04x}", c as u32);
                    }
                    c => self.b.push(c),
                }
            }
            self.b.push('"');
        }
    }

    /// A value written as its declared type's JSON.
    pub trait MjTo {
        fn put(&self, w: &mut W);
    }

    impl MjTo for () {
        fn put(&self, w: &mut W) {
            w.raw("null");
        }
    }

    impl MjTo for i32 {
        fn put(&self, w: &mut W) {
            w.int(*self as i64);
        }
    }

    impl MjTo for i64 {
        fn put(&self, w: &mut W) {
            w.int(*self);
        }
    }

    impl MjTo for f64 {
        fn put(&self, w: &mut W) {
            if self.is_finite() {
                let _ = write!(w.b, "{}", self);
            } else {
                w.fail(&format!("a double that is not a finite number ({})", self));
                w.raw("0");
            }
        }
    }

    impl MjTo for bool {
        fn put(&self, w: &mut W) {
            w.raw(if *self { "true" } else { "false" });
        }
    }

    impl MjTo for String {
        fn put(&self, w: &mut W) {
            w.string(self);
        }
    }

    impl MjTo for char {
        fn put(&self, w: &mut W) {
            let mut buf = [0u8; 4];
            w.string(self.encode_utf8(&mut buf));
        }
    }

    impl<T: MjTo> MjTo for Vec<T> {
        fn put(&self, w: &mut W) {
            w.b.push('[');
            for (i, item) in self.iter().enumerate() {
                if i > 0 {
                    w.b.push(',');
                }
                item.put(w);
            }
            w.b.push(']');
        }
    }

    impl MjTo for Option<Box<ListNode>> {
        fn put(&self, w: &mut W) {
            w.b.push('[');
            let mut node = self.as_deref();
            let mut count = 0;
            while let Some(n) = node {
                if count > 0 {
                    w.b.push(',');
                }
                w.int(n.val as i64);
                count += 1;
                if count > MAX_NODES {
                    w.fail("a ListNode of more than 10000000 nodes");
                    break;
                }
                node = n.next.as_deref();
            }
            w.b.push(']');
        }
    }

    impl MjTo for Tree {
        /// Level order, null for a missing child, trailing nulls trimmed; a node reached twice
        /// is an error (the structure is not a tree, and might not end).
        fn put(&self, w: &mut W) {
            w.b.push('[');
            let root = match self {
                None => {
                    w.b.push(']');
                    return;
                }
                Some(root) => root.clone(),
            };
            let mut seen = std::collections::HashSet::new();
            seen.insert(Rc::as_ptr(&root));
            let mut queue = std::collections::VecDeque::new();
            queue.push_back(Some(root));
            let (mut nulls, mut first) = (0usize, true);
            while let Some(node) = queue.pop_front() {
                let node = match node {
                    None => {
                        nulls += 1;
                        continue;
                    }
                    Some(node) => node,
                };
                for _ in 0..nulls {
                    w.b.push_str(",null");
                }
                nulls = 0;
                if !first {
                    w.b.push(',');
                }
                first = false;
                let n = node.borrow();
                w.int(n.val as i64);
                for child in [&n.left, &n.right] {
                    if let Some(c) = child {
                        if !seen.insert(Rc::as_ptr(c)) {
                            w.fail("a TreeNode whose nodes are not a tree (a node is reached twice)");
                            w.b.push(']');
                            return;
                        }
                        if seen.len() > MAX_NODES {
                            w.fail("a TreeNode of more than 10000000 nodes");
                            w.b.push(']');
                            return;
                        }
                    }
                    queue.push_back(child.clone());
                }
            }
            w.b.push(']');
        }
    }

    /// Reads the input, runs `call` (the generated glue) in a thread with a big stack, writes
    /// the result file and exits without dropping what was built (a long list's drop recurses).
    pub fn main(call: fn(&mut Parser, &mut W)) {
        let mut input = Vec::new();
        std::io::stdin().lock().read_to_end(&mut input).expect("mockjudge driver: reading stdin");
        let thread = std::thread::Builder::new().stack_size(STACK).spawn(move || {
            let mut w = W::new("");
            w.raw("{\"returned\":");
            call(&mut Parser { s: &input, i: 0 }, &mut w);
            w.raw("}");
            let out = match w.err.take() {
                None => w.b,
                Some(error) => {
                    let mut e = W::new("");
                    e.raw("{\"error\":");
                    e.string(&error);
                    e.raw("}");
                    e.b
                }
            };
            std::fs::write("mockjudge-result.json", out).expect("mockjudge driver: writing the result");
            std::process::exit(0)
        });
        // The candidate's panic ends the thread: end the program the same way a panic would.
        match thread.expect("mockjudge driver: starting the thread").join() {
            Ok(()) => {}
            Err(_) => std::process::exit(101),
        }
    }
}
