use std::io::{self, Read, Write};

// Offline: rank every element (ties broken by position), keep the window's ranks in a
// Fenwick tree and find the middle order statistics by binary lifting.
fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_ascii_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = it.next().unwrap() as usize;
    let k = it.next().unwrap() as usize;
    let a: Vec<i64> = (0..n).map(|_| it.next().unwrap()).collect();

    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (a[i], i));
    let mut rank = vec![0usize; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r + 1;
    }
    let mut tree = vec![0i32; n + 1];
    let mut top = 1usize;
    while top * 2 <= n {
        top *= 2;
    }

    fn add(tree: &mut [i32], mut i: usize, d: i32) {
        while i < tree.len() {
            tree[i] += d;
            i += i & i.wrapping_neg();
        }
    }
    let kth = |tree: &[i32], mut m: i32| -> i64 {
        let mut pos = 0usize;
        let mut step = top;
        while step > 0 {
            let nxt = pos + step;
            if nxt < tree.len() && tree[nxt] < m {
                pos = nxt;
                m -= tree[nxt];
            }
            step >>= 1;
        }
        a[order[pos]]
    };

    let mut out = String::with_capacity((n - k + 1) * 14);
    for i in 0..n {
        add(&mut tree, rank[i], 1);
        if i >= k {
            add(&mut tree, rank[i - k], -1);
        }
        if i + 1 >= k {
            let s: i64 = if k % 2 == 1 {
                2 * kth(&tree, ((k + 1) / 2) as i32)
            } else {
                kth(&tree, (k / 2) as i32) + kth(&tree, (k / 2 + 1) as i32)
            };
            out.push_str(&format!("{:.1}\n", s as f64 / 2.0));
        }
    }
    io::stdout().write_all(out.as_bytes()).unwrap();
}
