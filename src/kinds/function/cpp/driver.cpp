// mockjudge's C++ driver: what LeetCode-shaped code assumes (the usual headers, `using namespace
// std`, ListNode and TreeNode), then the runtime that reads the test's JSON input and writes the
// result file. The candidate's source follows (from its own line 1), then the generated `main`.
// The runtime lives in namespace mj_driver so that none of its names meets the candidate's.
#include <bits/stdc++.h>
#include <unistd.h>
using namespace std;

struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
    // The driver's mark for "reached while writing": a cycle is a node reached twice.
    unsigned mj_mark_ = 0;
};

struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
    unsigned mj_mark_ = 0;
};

namespace mj_driver {

const char *const RESULT_FILE = "mockjudge-result.json";
// More nodes than this in a returned list or tree is an error, not a run out of memory.
const size_t NODE_CAP = 10000000;

// The test's input, one JSON value per non-empty line.
static std::string input;
static std::vector<const char *> lines;
// What is being written, for error messages ("twoSum's return value").
static const char *context = "";
// Each list or tree written gets its own mark.
static unsigned epoch = 0;

static void write_file(const std::string &json) {
    FILE *f = fopen(RESULT_FILE, "wb");
    if (!f) {
        perror(RESULT_FILE);
        exit(1);
    }
    fwrite(json.data(), 1, json.size(), f);
    fclose(f);
}

static void write_string(std::string &out, const char *s, size_t n);

// The candidate's code gave back something the driver cannot write: the test's answer is this
// message. exit() flushes the candidate's output as a normal end would.
[[noreturn]] static void fail(const std::string &what) {
    std::string message = std::string(context) + " " + what;
    std::string json = "{\"error\":";
    write_string(json, message.data(), message.size());
    json += "}";
    write_file(json);
    exit(0);
}

[[noreturn]] static void bad_input(const char *p) {
    fprintf(stderr, "mockjudge driver: the input does not fit the signature near: %.40s\n", p);
    exit(1);
}

static void start() {
    char buffer[1 << 16];
    for (;;) {
        ssize_t n = read(0, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        input.append(buffer, (size_t)n);
    }
    const char *p = input.c_str(), *end = p + input.size();
    while (p < end) {
        const char *eol = (const char *)memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        for (const char *q = p; q < eol; q++) {
            if (!isspace((unsigned char)*q)) {
                lines.push_back(p);
                break;
            }
        }
        p = eol + 1;
    }
}

// ---- Reading JSON into the parameters' types (the judge checked that they fit) ----

struct Reader {
    const char *p;
};

static inline void skip(Reader &r) {
    while (*r.p == ' ' || *r.p == '\t' || *r.p == '\r' || *r.p == '\n') r.p++;
}
static inline void expect(Reader &r, char c) {
    skip(r);
    if (*r.p != c) bad_input(r.p);
    r.p++;
}
// Consumes `c` if it comes next.
static inline bool next_is(Reader &r, char c) {
    skip(r);
    if (*r.p != c) return false;
    r.p++;
    return true;
}

static void parse(Reader &r, long long &v) {
    skip(r);
    bool negative = *r.p == '-';
    if (negative) r.p++;
    if (*r.p < '0' || *r.p > '9') bad_input(r.p);
    unsigned long long u = 0;
    while (*r.p >= '0' && *r.p <= '9') u = u * 10 + (unsigned)(*r.p++ - '0');
    v = negative ? (long long)(0 - u) : (long long)u;
}
static void parse(Reader &r, int &v) {
    long long x;
    parse(r, x);
    v = (int)x;
}
static void parse(Reader &r, double &v) {
    skip(r);
    char *end;
    v = strtod(r.p, &end);
    if (end == r.p) bad_input(r.p);
    r.p = end;
}
static void parse(Reader &r, bool &v) {
    skip(r);
    if (!strncmp(r.p, "true", 4)) {
        v = true;
        r.p += 4;
    } else if (!strncmp(r.p, "false", 5)) {
        v = false;
        r.p += 5;
    } else {
        bad_input(r.p);
    }
}
static void append_utf8(std::string &s, unsigned c) {
    if (c < 0x80) {
        s += (char)c;
    } else if (c < 0x800) {
        s += (char)(0xC0 | (c >> 6));
        s += (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        s += (char)(0xE0 | (c >> 12));
        s += (char)(0x80 | ((c >> 6) & 0x3F));
        s += (char)(0x80 | (c & 0x3F));
    } else {
        s += (char)(0xF0 | (c >> 18));
        s += (char)(0x80 | ((c >> 12) & 0x3F));
        s += (char)(0x80 | ((c >> 6) & 0x3F));
        s += (char)(0x80 | (c & 0x3F));
    }
}
static unsigned hex4(Reader &r) {
    unsigned c = 0;
    for (int i = 0; i < 4; i++) {
        char h = *r.p++;
        c = c * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    return c;
}
static void parse(Reader &r, std::string &v) {
    expect(r, '"');
    v.clear();
    for (;;) {
        const char *run = r.p;
        while (*r.p != '"' && *r.p != '\\' && *r.p) r.p++;
        v.append(run, (size_t)(r.p - run));
        if (*r.p == '"') {
            r.p++;
            return;
        }
        if (!*r.p) bad_input(r.p);
        r.p++;  // the backslash
        char e = *r.p++;
        switch (e) {
            case 'n': v += '\n'; break;
            case 't': v += '\t'; break;
            case 'r': v += '\r'; break;
            case 'b': v += '\b'; break;
            case 'f': v += '\f'; break;
            case 'u': {
                unsigned c = hex4(r);
                if (c >= 0xD800 && c < 0xDC00 && r.p[0] == '\\' && r.p[1] == 'u') {
                    r.p += 2;
                    unsigned low = hex4(r);
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                }
                append_utf8(v, c);
                break;
            }
            default: v += e;  // " \ /
        }
    }
}
static void parse(Reader &r, char &v) {
    std::string s;
    parse(r, s);
    v = s.empty() ? '\0' : s[0];
}
template <class T>
static void parse(Reader &r, std::vector<T> &v) {
    expect(r, '[');
    v.clear();
    if (next_is(r, ']')) return;
    do {
        v.emplace_back();
        parse(r, v.back());
    } while (next_is(r, ','));
    expect(r, ']');
}
static void parse(Reader &r, std::vector<bool> &v) {
    expect(r, '[');
    v.clear();
    if (next_is(r, ']')) return;
    do {
        bool b;
        parse(r, b);
        v.push_back(b);
    } while (next_is(r, ','));
    expect(r, ']');
}
static void parse(Reader &r, ListNode *&head) {
    std::vector<int> values;
    parse(r, values);
    head = nullptr;
    for (size_t i = values.size(); i-- > 0;) head = new ListNode(values[i], head);
}
static void parse(Reader &r, TreeNode *&root) {
    // Level order: the children of each node in turn, null for none.
    expect(r, '[');
    root = nullptr;
    if (next_is(r, ']')) return;
    std::vector<TreeNode *> nodes;
    size_t parent = 0;
    bool left = true;
    do {
        skip(r);
        TreeNode *node = nullptr;
        if (!strncmp(r.p, "null", 4)) {
            r.p += 4;
        } else {
            int x;
            parse(r, x);
            node = new TreeNode(x);
        }
        if (nodes.empty()) {
            root = node;
            nodes.push_back(node);
            continue;
        }
        while (parent < nodes.size() && !nodes[parent]) parent++;
        if (parent == nodes.size()) bad_input(r.p);
        (left ? nodes[parent]->left : nodes[parent]->right) = node;
        if (!left) parent++;
        left = !left;
        if (node) nodes.push_back(node);
    } while (next_is(r, ','));
    expect(r, ']');
}

// The value on line `i` of the input.
template <class T>
static T arg(size_t i) {
    if (i >= lines.size()) bad_input("");
    Reader r{lines[i]};
    T v{};
    parse(r, v);
    return v;
}

// A class problem's calls: line 1 their names, line 2 their argument lists, read one call at a time.
struct Calls {
    std::vector<std::string> names;
    Reader r{""};
    size_t i = 0;
    Calls() {
        names = mj_driver::arg<std::vector<std::string>>(0);
        if (lines.size() < 2) bad_input("");
        r.p = lines[1];
        expect(r, '[');
    }
    // Starts the next call; false when there is none.
    bool next() {
        if (i == names.size()) return false;
        if (i++ > 0) expect(r, ',');
        expect(r, '[');
        first = true;
        return true;
    }
    const std::string &name() const { return names[i - 1]; }
    template <class T>
    T arg() {
        if (!first) expect(r, ',');
        first = false;
        T v{};
        parse(r, v);
        return v;
    }
    void end() { expect(r, ']'); }

private:
    bool first = true;
};

// ---- Writing the values back as JSON, by their declared types ----

static void write_string(std::string &out, const char *s, size_t n) {
    out += '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            out += '\\';
            out += (char)c;
        } else if (c < 0x20) {
            char e[8];
            snprintf(e, sizeof e, "\\u%04x", c);
            out += e;
        } else {
            out += (char)c;
        }
    }
    out += '"';
}

static void write(std::string &out, long long v) {
    char b[24];
    out.append(b, (size_t)(std::to_chars(b, b + sizeof b, v).ptr - b));
}
static void write(std::string &out, int v) { write(out, (long long)v); }
static void write(std::string &out, double v) {
    if (!std::isfinite(v)) fail(std::string("is not a finite number (") + (std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity") + ")");
    char b[32];
    out.append(b, (size_t)(std::to_chars(b, b + sizeof b, v).ptr - b));
}
static void write(std::string &out, bool v) { out += v ? "true" : "false"; }
static void write(std::string &out, const std::string &v) { write_string(out, v.data(), v.size()); }
static void write(std::string &out, char v) { write_string(out, &v, 1); }
static void write(std::string &out, ListNode *head) {
    unsigned mark = ++epoch;
    size_t count = 0;
    out += '[';
    for (ListNode *node = head; node; node = node->next) {
        if (node->mj_mark_ == mark) fail("is a cyclic ListNode: a node is reached twice");
        node->mj_mark_ = mark;
        if (++count > NODE_CAP) fail("is a ListNode of more than 10000000 nodes");
        if (count > 1) out += ',';
        write(out, node->val);
    }
    out += ']';
}
static void write(std::string &out, TreeNode *root) {
    // Level order, iteratively (a tree may be a 100,000-deep chain); trailing nulls trimmed.
    unsigned mark = ++epoch;
    std::vector<TreeNode *> level{root};
    size_t trimmed = out.size() + 1;  // where the output ends without its trailing nulls
    out += '[';
    if (!root) {
        out += ']';
        return;
    }
    for (size_t i = 0; i < level.size(); i++) {
        TreeNode *node = level[i];
        if (i > 0) out += ',';
        if (!node) {
            out += "null";
            continue;
        }
        if (node->mj_mark_ == mark) fail("is not a tree: a TreeNode is reached twice");
        node->mj_mark_ = mark;
        if (level.size() > 2 * NODE_CAP) fail("is a TreeNode of more than 10000000 nodes");
        write(out, node->val);
        trimmed = out.size();
        level.push_back(node->left);
        level.push_back(node->right);
    }
    out.resize(trimmed);
    out += ']';
}
static void write(std::string &out, const std::vector<bool> &v) {
    out += '[';
    for (size_t i = 0; i < v.size(); i++) {
        if (i) out += ',';
        write(out, (bool)v[i]);
    }
    out += ']';
}
template <class T>
static void write(std::string &out, const std::vector<T> &v) {
    out += '[';
    for (size_t i = 0; i < v.size(); i++) {
        if (i) out += ',';
        write(out, (const T &)v[i]);
    }
    out += ']';
}

// Writes `v` into the result, naming it `what` in an error.
template <class T>
static void put(std::string &out, const char *what, const T &v) {
    context = what;
    write(out, v);
}

static void finish(const std::string &json) {
    write_file(json);
}

}  // namespace mj_driver
