// Each record is a std::map, so scans come out sorted and a prefix scan starts at
// lower_bound(prefix). Expired fields stay in their record but count as missing.
#include <bits/stdc++.h>
using namespace std;

const long long NEVER = LLONG_MAX;

struct Entry {
    string value;
    long long expiry;  // NEVER, or the first time the field is gone; in a backup, the time left
};
using Record = map<string, Entry>;
using Db = unordered_map<string, Record>;

Db db;
vector<long long> backup_times;
vector<Db> backups;

bool alive(const Entry& e, long long ts) { return e.expiry == NEVER || ts < e.expiry; }

string set_at(const string& key, const string& field, const string& value, long long ts, long long ttl) {
    db[key][field] = Entry{value, ttl == NEVER ? NEVER : ts + ttl};
    return "OK";
}

string get_at(const string& key, const string& field, long long ts) {
    auto r = db.find(key);
    if (r == db.end()) return "NULL";
    auto f = r->second.find(field);
    if (f == r->second.end() || !alive(f->second, ts)) return "NULL";
    return f->second.value;
}

string delete_at(const string& key, const string& field, long long ts) {
    auto r = db.find(key);
    if (r == db.end()) return "false";
    auto f = r->second.find(field);
    if (f == r->second.end()) return "false";
    bool was_alive = alive(f->second, ts);
    r->second.erase(f);
    if (r->second.empty()) db.erase(r);
    return was_alive ? "true" : "false";
}

string scan_at(const string& key, const string& prefix, long long ts) {
    auto r = db.find(key);
    string out;
    if (r != db.end()) {
        for (auto it = r->second.lower_bound(prefix); it != r->second.end(); ++it) {
            if (it->first.compare(0, prefix.size(), prefix) != 0) break;
            if (!alive(it->second, ts)) continue;
            if (!out.empty()) out += ',';
            out += it->first;
            out += '=';
            out += it->second.value;
        }
    }
    return out.empty() ? "EMPTY" : out;
}

string backup(long long ts) {
    Db snapshot;
    for (auto& [key, record] : db) {
        Record kept;
        for (auto& [field, e] : record)
            if (alive(e, ts)) kept.emplace(field, Entry{e.value, e.expiry == NEVER ? NEVER : e.expiry - ts});
        if (!kept.empty()) snapshot.emplace(key, move(kept));
    }
    size_t count = snapshot.size();
    backup_times.push_back(ts);
    backups.push_back(move(snapshot));
    return to_string(count);
}

string restore(long long ts, long long ts_to_restore) {
    size_t i = upper_bound(backup_times.begin(), backup_times.end(), ts_to_restore) - backup_times.begin() - 1;
    db = backups[i];
    for (auto& [key, record] : db)
        for (auto& [field, e] : record)
            if (e.expiry != NEVER) e.expiry += ts;
    return "OK";
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int q;
    cin >> q;
    string cmd, key, field, value, out;
    long long ts, ttl, other;
    for (int i = 0; i < q; i++) {
        cin >> cmd;
        string line;
        if (cmd == "SET") {
            cin >> key >> field >> value;
            line = set_at(key, field, value, 0, NEVER);
        } else if (cmd == "GET") {
            cin >> key >> field;
            line = get_at(key, field, 0);
        } else if (cmd == "DELETE") {
            cin >> key >> field;
            line = delete_at(key, field, 0);
        } else if (cmd == "SCAN") {
            cin >> key;
            line = scan_at(key, "", 0);
        } else if (cmd == "SCAN_PREFIX") {
            cin >> key >> field;
            line = scan_at(key, field, 0);
        } else if (cmd == "SET_AT") {
            cin >> key >> field >> value >> ts;
            line = set_at(key, field, value, ts, NEVER);
        } else if (cmd == "SET_AT_WITH_TTL") {
            cin >> key >> field >> value >> ts >> ttl;
            line = set_at(key, field, value, ts, ttl);
        } else if (cmd == "GET_AT") {
            cin >> key >> field >> ts;
            line = get_at(key, field, ts);
        } else if (cmd == "DELETE_AT") {
            cin >> key >> field >> ts;
            line = delete_at(key, field, ts);
        } else if (cmd == "SCAN_AT") {
            cin >> key >> ts;
            line = scan_at(key, "", ts);
        } else if (cmd == "SCAN_PREFIX_AT") {
            cin >> key >> field >> ts;
            line = scan_at(key, field, ts);
        } else if (cmd == "BACKUP") {
            cin >> ts;
            line = backup(ts);
        } else if (cmd == "RESTORE") {
            cin >> ts >> other;
            line = restore(ts, other);
        }
        out += line;
        out += '\n';
    }
    cout << out;
    return 0;
}
