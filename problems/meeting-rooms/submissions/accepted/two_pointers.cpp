#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<long long> starts(n), ends(n);
    for (int i = 0; i < n; i++) cin >> starts[i] >> ends[i];
    sort(starts.begin(), starts.end());
    sort(ends.begin(), ends.end());
    int rooms = 0, best = 0;
    size_t j = 0;
    for (long long s : starts) {
        while (ends[j] <= s) { j++; rooms--; }
        rooms++;
        best = max(best, rooms);
    }
    cout << best << "\n";
    return 0;
}
