// Mistake: treats meetings as closed intervals [s, e]. At equal times the start is
// processed before the end, so back-to-back meetings are counted as overlapping.
#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<pair<long long, int>> ev;
    ev.reserve(2 * n);
    for (int i = 0; i < n; i++) {
        long long s, e;
        cin >> s >> e;
        ev.push_back({s, -1});  // start sorts first at ties
        ev.push_back({e, +1});
    }
    sort(ev.begin(), ev.end());
    int cur = 0, best = 0;
    for (auto &p : ev) {
        cur -= p.second;
        best = max(best, cur);
    }
    cout << best << "\n";
    return 0;
}
