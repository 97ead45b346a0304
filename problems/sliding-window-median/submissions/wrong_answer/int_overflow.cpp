// Mistake: stores values in 32-bit ints and adds the two middle values before
// converting to double; the sum overflows when both are close to 10^9.
#include <bits/stdc++.h>
using namespace std;

multiset<int> lo, hi;

void rebalance() {
    while (lo.size() > hi.size() + 1) {
        auto it = prev(lo.end());
        hi.insert(*it);
        lo.erase(it);
    }
    while (lo.size() < hi.size()) {
        auto it = hi.begin();
        lo.insert(*it);
        hi.erase(it);
    }
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, k;
    cin >> n >> k;
    vector<int> a(n);
    for (auto &x : a) cin >> x;
    for (int i = 0; i < n; i++) {
        if (lo.empty() || a[i] <= *lo.rbegin()) lo.insert(a[i]);
        else hi.insert(a[i]);
        if (i >= k) {
            int y = a[i - k];
            auto it = lo.find(y);
            if (it != lo.end()) lo.erase(it);
            else hi.erase(hi.find(y));
        }
        rebalance();
        if (i >= k - 1) {
            double m;
            if (k % 2) m = *lo.rbegin();
            else {
                volatile int s = *lo.rbegin() + *hi.begin();  // overflows
                m = s / 2.0;
            }
            printf("%.1f\n", m);
        }
    }
    return 0;
}
