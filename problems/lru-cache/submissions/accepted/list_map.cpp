#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    size_t cap;
    int q;
    cin >> cap >> q;
    list<pair<long long, long long>> order;  // front = most recently used
    unordered_map<long long, list<pair<long long, long long>>::iterator> where;
    where.reserve(cap * 2);
    string op, out;
    for (int i = 0; i < q; i++) {
        long long k;
        cin >> op >> k;
        if (op == "GET") {
            auto it = where.find(k);
            if (it == where.end()) {
                out += "-1\n";
            } else {
                order.splice(order.begin(), order, it->second);
                out += to_string(it->second->second);
                out += '\n';
            }
        } else {
            long long v;
            cin >> v;
            auto it = where.find(k);
            if (it != where.end()) {
                it->second->second = v;
                order.splice(order.begin(), order, it->second);
            } else {
                if (order.size() == cap) {
                    where.erase(order.back().first);
                    order.pop_back();
                }
                order.emplace_front(k, v);
                where[k] = order.begin();
            }
        }
    }
    cout << out;
    return 0;
}
