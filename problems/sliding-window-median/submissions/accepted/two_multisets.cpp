#include <bits/stdc++.h>
using namespace std;

// lo holds the smaller ceil(k/2) values of the window, hi the rest.
multiset<long long> lo, hi;

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
    vector<long long> a(n);
    for (auto &x : a) cin >> x;
    string out;
    char buf[64];
    for (int i = 0; i < n; i++) {
        if (lo.empty() || a[i] <= *lo.rbegin()) lo.insert(a[i]);
        else hi.insert(a[i]);
        if (i >= k) {
            long long y = a[i - k];
            auto it = lo.find(y);
            if (it != lo.end()) lo.erase(it);
            else hi.erase(hi.find(y));
        }
        rebalance();
        if (i >= k - 1) {
            long long s = (k % 2) ? 2 * *lo.rbegin() : *lo.rbegin() + *hi.begin();
            snprintf(buf, sizeof buf, "%.1f\n", s / 2.0);
            out += buf;
        }
    }
    cout << out;
    return 0;
}
