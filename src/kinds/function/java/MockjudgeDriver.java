// mockjudge's Java driver: LeetCode's ListNode and TreeNode, and the class that reads the test's
// JSON input, calls the candidate's code (generated below, at MJ_CALL) and writes the result file.
// It stays clear of lambdas and of `+` on strings: their bootstraps cost a JVM tens of
// milliseconds at start.
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

class ListNode {
    int val;
    ListNode next;
    ListNode() {}
    ListNode(int val) { this.val = val; }
    ListNode(int val, ListNode next) { this.val = val; this.next = next; }
    // The driver's mark for "reached while writing": a cycle is a node reached twice.
    int mjMark;
}

class TreeNode {
    int val;
    TreeNode left;
    TreeNode right;
    TreeNode() {}
    TreeNode(int val) { this.val = val; }
    TreeNode(int val, TreeNode left, TreeNode right) {
        this.val = val;
        this.left = left;
        this.right = right;
    }
    int mjMark;
}

public class MockjudgeDriver {
    static final String RESULT_FILE = "mockjudge-result.json";
    // More nodes than this in a returned list or tree is an error, not a run out of memory.
    static final int NODE_CAP = 10_000_000;
    static final int INT = 0, LONG = 1, DOUBLE = 2, BOOLEAN = 3, STRING = 4, CHAR = 5, LISTNODE = 6, TREENODE = 7;
    static final String[] KIND_NAMES = {"integer", "long", "double", "boolean", "string", "character", "ListNode", "TreeNode"};

    // The candidate's code runs on the main thread, whose stack the run's -Xss gives (deep
    // recursion is LeetCode's norm); its exceptions end the program as in any other.
    public static void main(String[] args) throws Throwable {
        start();
        call();
    }

    // ---- The input: one JSON value per non-empty line ----

    static byte[] input;
    static int[] lines = new int[4];
    static int lineCount;

    static void start() throws IOException {
        input = System.in.readAllBytes();
        int n = input.length, at = 0;
        while (at < n) {
            int end = at;
            boolean blank = true;
            while (end < n && input[end] != '\n') {
                if (input[end] > ' ') blank = false;
                end++;
            }
            if (!blank) {
                if (lineCount == lines.length) lines = Arrays.copyOf(lines, 2 * lineCount);
                lines[lineCount++] = at;
            }
            at = end + 1;
        }
    }

    static void badInput(int at) {
        StringBuilder m = new StringBuilder("mockjudge driver: the input does not fit the signature at byte ");
        System.err.println(m.append(at));
        System.exit(1);
    }

    // The value on line `i`, of the kind with `depth` [] levels.
    static Object arg(int i, int kind, int depth) {
        if (i >= lineCount) badInput(input.length);
        return new Reader(lines[i]).read(kind, depth);
    }

    // Reads JSON into the parameters' types (the judge checked that they fit).
    static final class Reader {
        int p;

        Reader(int p) { this.p = p; }

        int peek() {
            while (p < input.length && (input[p] == ' ' || input[p] == '\t' || input[p] == '\r' || input[p] == '\n')) p++;
            return p < input.length ? input[p] : -1;
        }

        void expect(char c) {
            if (peek() != c) badInput(p);
            p++;
        }

        // Consumes `c` if it comes next.
        boolean nextIs(char c) {
            if (peek() != c) return false;
            p++;
            return true;
        }

        long readLong() {
            peek();
            boolean negative = p < input.length && input[p] == '-';
            if (negative) p++;
            long v = 0;
            int start = p;
            while (p < input.length && input[p] >= '0' && input[p] <= '9') v = v * 10 + (input[p++] - '0');
            if (p == start) badInput(p);
            return negative ? -v : v;
        }

        double readDouble() {
            peek();
            int start = p;
            while (p < input.length && "+-.eE0123456789".indexOf(input[p]) >= 0) p++;
            return Double.parseDouble(new String(input, start, p - start, StandardCharsets.US_ASCII));
        }

        boolean readBoolean() {
            if (peek() == 't') {
                p += 4;
                return true;
            }
            if (input[p] != 'f') badInput(p);
            p += 5;
            return false;
        }

        boolean readNull() {
            if (peek() != 'n') return false;
            p += 4;
            return true;
        }

        String readString() {
            expect('"');
            StringBuilder s = null;
            int run = p;
            for (;;) {
                if (p >= input.length) badInput(p);
                byte b = input[p];
                if (b == '"') {
                    String tail = new String(input, run, p - run, StandardCharsets.UTF_8);
                    p++;
                    return s == null ? tail : s.append(tail).toString();
                }
                if (b != '\\') {
                    p++;
                    continue;
                }
                if (s == null) s = new StringBuilder();
                s.append(new String(input, run, p - run, StandardCharsets.UTF_8));
                char e = (char) input[p + 1];
                p += 2;
                switch (e) {
                    case 'n': s.append('\n'); break;
                    case 't': s.append('\t'); break;
                    case 'r': s.append('\r'); break;
                    case 'b': s.append('\b'); break;
                    case 'f': s.append('\f'); break;
                    case 'u':
                        s.append((char) Integer.parseInt(new String(input, p, 4, StandardCharsets.US_ASCII), 16));
                        p += 4;
                        break;
                    default: s.append(e);  // " \ /
                }
                run = p;
            }
        }

        Object readScalar(int kind) {
            switch (kind) {
                case INT: return Integer.valueOf((int) readLong());
                case LONG: return Long.valueOf(readLong());
                case DOUBLE: return Double.valueOf(readDouble());
                case BOOLEAN: return Boolean.valueOf(readBoolean());
                case STRING: return readString();
                case CHAR: {
                    String s = readString();
                    return Character.valueOf(s.isEmpty() ? '\0' : s.charAt(0));
                }
                case LISTNODE: return readList();
                default: return readTree();
            }
        }

        Object read(int kind, int depth) {
            if (depth == 0) return readScalar(kind);
            expect('[');
            boolean empty = nextIs(']');
            if (depth == 1) {
                switch (kind) {
                    case INT: {
                        int[] a = new int[16];
                        int n = 0;
                        if (!empty) {
                            do {
                                if (n == a.length) a = Arrays.copyOf(a, 2 * n);
                                a[n++] = (int) readLong();
                            } while (nextIs(','));
                            expect(']');
                        }
                        return Arrays.copyOf(a, n);
                    }
                    case LONG: {
                        long[] a = new long[16];
                        int n = 0;
                        if (!empty) {
                            do {
                                if (n == a.length) a = Arrays.copyOf(a, 2 * n);
                                a[n++] = readLong();
                            } while (nextIs(','));
                            expect(']');
                        }
                        return Arrays.copyOf(a, n);
                    }
                    case DOUBLE: {
                        double[] a = new double[16];
                        int n = 0;
                        if (!empty) {
                            do {
                                if (n == a.length) a = Arrays.copyOf(a, 2 * n);
                                a[n++] = readDouble();
                            } while (nextIs(','));
                            expect(']');
                        }
                        return Arrays.copyOf(a, n);
                    }
                    default:
                }
            }
            ArrayList<Object> items = new ArrayList<>();
            if (!empty) {
                do {
                    items.add(read(kind, depth - 1));
                } while (nextIs(','));
                expect(']');
            }
            int n = items.size();
            if (depth == 1) {
                switch (kind) {
                    case BOOLEAN: {
                        boolean[] a = new boolean[n];
                        for (int i = 0; i < n; i++) a[i] = (Boolean) items.get(i);
                        return a;
                    }
                    case CHAR: {
                        char[] a = new char[n];
                        for (int i = 0; i < n; i++) a[i] = (Character) items.get(i);
                        return a;
                    }
                    case STRING: return items.toArray(new String[n]);
                    default: return items.toArray(new ListNode[n]);
                }
            }
            switch (kind) {
                case INT: return items.toArray(new int[n][]);
                case LONG: return items.toArray(new long[n][]);
                case DOUBLE: return items.toArray(new double[n][]);
                case BOOLEAN: return items.toArray(new boolean[n][]);
                case CHAR: return items.toArray(new char[n][]);
                default: return items.toArray(new String[n][]);
            }
        }

        ListNode readList() {
            int[] values = (int[]) read(INT, 1);
            ListNode head = null;
            for (int i = values.length - 1; i >= 0; i--) head = new ListNode(values[i], head);
            return head;
        }

        TreeNode readTree() {
            // Level order: the children of each node in turn, null for none.
            expect('[');
            if (nextIs(']')) return null;
            ArrayList<TreeNode> nodes = new ArrayList<>();
            TreeNode root = new TreeNode((int) readLong());
            nodes.add(root);
            int parent = 0;
            boolean left = true;
            while (nextIs(',')) {
                TreeNode node = readNull() ? null : new TreeNode((int) readLong());
                if (parent >= nodes.size()) badInput(p);
                if (left) {
                    nodes.get(parent).left = node;
                } else {
                    nodes.get(parent).right = node;
                    parent++;
                }
                left = !left;
                if (node != null) nodes.add(node);
            }
            expect(']');
            return root;
        }
    }

    // A class problem's calls: line 1 their names, line 2 their argument lists, one call at a time.
    static final class Calls {
        final String[] names = (String[]) MockjudgeDriver.arg(0, STRING, 1);
        final Reader r;
        int i;
        boolean first;

        Calls() {
            if (lineCount < 2) badInput(input.length);
            r = new Reader(lines[1]);
            r.expect('[');
        }

        // Starts the next call; false when there is none.
        boolean next() {
            if (i == names.length) return false;
            if (i++ > 0) r.expect(',');
            r.expect('[');
            first = true;
            return true;
        }

        String name() { return names[i - 1]; }

        Object arg(int kind, int depth) {
            if (!first) r.expect(',');
            first = false;
            return r.read(kind, depth);
        }

        void end() { r.expect(']'); }
    }

    // ---- Writing values back as JSON, by their declared types ----

    // What is being written, for error messages ("twoSum's return value").
    static String context = "";
    static int epoch;

    static void writeFile(StringBuilder json) {
        try (FileOutputStream out = new FileOutputStream(RESULT_FILE)) {
            out.write(json.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static void finish(StringBuilder json) {
        writeFile(json);
    }

    // The candidate's code gave back something the driver cannot write: the test's answer is
    // this message.
    static void fail(String what) {
        StringBuilder json = new StringBuilder("{\"error\":");
        writeString(json, new StringBuilder(context).append(' ').append(what).toString());
        writeFile(json.append('}'));
        System.out.flush();
        System.exit(0);
    }

    static String typeName(int kind, int depth) {
        StringBuilder s = new StringBuilder(KIND_NAMES[kind]);
        for (int i = 0; i < depth; i++) s.append("[]");
        return s.toString();
    }

    static void mismatch(Object v, int kind, int depth) {
        String a = "aeiouAEIOU".indexOf(KIND_NAMES[kind].charAt(0)) >= 0 ? "an " : "a ";
        fail(new StringBuilder("holds a ").append(v.getClass().getSimpleName()).append(" where ").append(a)
                .append(typeName(kind, depth)).append(" is declared").toString());
    }

    static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                // Every non-ASCII character escaped: a lone surrogate stays valid JSON text.
                String hex = Integer.toHexString(c);
                sb.append("\\u");
                for (int k = hex.length(); k < 4; k++) sb.append('0');
                sb.append(hex);
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    static void writeDouble(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            fail(new StringBuilder("is not a finite number (").append(d).append(')').toString());
        }
        sb.append(d);
    }

    static void writeList(StringBuilder sb, ListNode head) {
        int mark = ++epoch, count = 0;
        sb.append('[');
        for (ListNode node = head; node != null; node = node.next) {
            if (node.mjMark == mark) fail("is a cyclic ListNode: a node is reached twice");
            node.mjMark = mark;
            if (++count > NODE_CAP) fail("is a ListNode of more than 10000000 nodes");
            if (count > 1) sb.append(',');
            sb.append(node.val);
        }
        sb.append(']');
    }

    static void writeTree(StringBuilder sb, TreeNode root) {
        // Level order, iteratively (a tree may be a 100,000-deep chain); trailing nulls trimmed.
        int mark = ++epoch;
        sb.append('[');
        if (root == null) {
            sb.append(']');
            return;
        }
        ArrayList<TreeNode> level = new ArrayList<>();
        level.add(root);
        int trimmed = sb.length();
        for (int i = 0; i < level.size(); i++) {
            TreeNode node = level.get(i);
            if (i > 0) sb.append(',');
            if (node == null) {
                sb.append("null");
                continue;
            }
            if (node.mjMark == mark) fail("is not a tree: a TreeNode is reached twice");
            node.mjMark = mark;
            if (level.size() > 2 * NODE_CAP) fail("is a TreeNode of more than 10000000 nodes");
            sb.append(node.val);
            trimmed = sb.length();
            level.add(node.left);
            level.add(node.right);
        }
        sb.setLength(trimmed);
        sb.append(']');
    }

    // Writes `v`, of the declared kind with `depth` [] levels, checking what it holds: an array
    // type may come back as a List (LeetCode's Java signatures use both).
    static void write(StringBuilder sb, Object v, int kind, int depth) {
        if (v == null) {
            if (depth == 0 && (kind == LISTNODE || kind == TREENODE)) {
                sb.append("[]");
                return;
            }
            fail(new StringBuilder("holds null where ").append(typeName(kind, depth)).append(" is declared").toString());
        }
        if (depth > 0) {
            sb.append('[');
            if (v instanceof List) {
                boolean first = true;
                for (Object item : (List<?>) v) {
                    if (!first) sb.append(',');
                    first = false;
                    write(sb, item, kind, depth - 1);
                }
            } else if (v instanceof Object[]) {
                Object[] a = (Object[]) v;
                for (int i = 0; i < a.length; i++) {
                    if (i > 0) sb.append(',');
                    write(sb, a[i], kind, depth - 1);
                }
            } else if (depth == 1 && kind == INT && v instanceof int[]) {
                int[] a = (int[]) v;
                for (int i = 0; i < a.length; i++) (i > 0 ? sb.append(',') : sb).append(a[i]);
            } else if (depth == 1 && kind == LONG && v instanceof long[]) {
                long[] a = (long[]) v;
                for (int i = 0; i < a.length; i++) (i > 0 ? sb.append(',') : sb).append(a[i]);
            } else if (depth == 1 && kind == DOUBLE && v instanceof double[]) {
                double[] a = (double[]) v;
                for (int i = 0; i < a.length; i++) writeDouble(i > 0 ? sb.append(',') : sb, a[i]);
            } else if (depth == 1 && kind == BOOLEAN && v instanceof boolean[]) {
                boolean[] a = (boolean[]) v;
                for (int i = 0; i < a.length; i++) (i > 0 ? sb.append(',') : sb).append(a[i]);
            } else if (depth == 1 && kind == CHAR && v instanceof char[]) {
                char[] a = (char[]) v;
                for (int i = 0; i < a.length; i++) writeString(i > 0 ? sb.append(',') : sb, String.valueOf(a[i]));
            } else {
                mismatch(v, kind, depth);
            }
            sb.append(']');
            return;
        }
        switch (kind) {
            case INT:
                if (v instanceof Integer) sb.append((int) (Integer) v); else mismatch(v, kind, 0);
                break;
            case LONG:
                if (v instanceof Long || v instanceof Integer) sb.append(((Number) v).longValue()); else mismatch(v, kind, 0);
                break;
            case DOUBLE:
                if (v instanceof Number) writeDouble(sb, ((Number) v).doubleValue()); else mismatch(v, kind, 0);
                break;
            case BOOLEAN:
                if (v instanceof Boolean) sb.append((boolean) (Boolean) v); else mismatch(v, kind, 0);
                break;
            case STRING:
                if (v instanceof String) writeString(sb, (String) v); else mismatch(v, kind, 0);
                break;
            case CHAR:
                if (v instanceof Character) writeString(sb, String.valueOf((char) (Character) v)); else mismatch(v, kind, 0);
                break;
            case LISTNODE:
                if (v instanceof ListNode) writeList(sb, (ListNode) v); else mismatch(v, kind, 0);
                break;
            default:
                if (v instanceof TreeNode) writeTree(sb, (TreeNode) v); else mismatch(v, kind, 0);
        }
    }

    // What the candidate's methods may return for each declared type (anything else does not
    // compile): the array, or a List of it, LeetCode's other spelling.
    static void out_int0(StringBuilder sb, int v) { sb.append(v); }
    static void out_int1(StringBuilder sb, int[] v) { write(sb, v, INT, 1); }
    static void out_int1(StringBuilder sb, List<?> v) { write(sb, v, INT, 1); }
    static void out_int2(StringBuilder sb, int[][] v) { write(sb, v, INT, 2); }
    static void out_int2(StringBuilder sb, List<?> v) { write(sb, v, INT, 2); }
    static void out_long0(StringBuilder sb, long v) { sb.append(v); }
    static void out_long1(StringBuilder sb, long[] v) { write(sb, v, LONG, 1); }
    static void out_long1(StringBuilder sb, List<?> v) { write(sb, v, LONG, 1); }
    static void out_long2(StringBuilder sb, long[][] v) { write(sb, v, LONG, 2); }
    static void out_long2(StringBuilder sb, List<?> v) { write(sb, v, LONG, 2); }
    static void out_double0(StringBuilder sb, double v) { writeDouble(sb, v); }
    static void out_double1(StringBuilder sb, double[] v) { write(sb, v, DOUBLE, 1); }
    static void out_double1(StringBuilder sb, List<?> v) { write(sb, v, DOUBLE, 1); }
    static void out_double2(StringBuilder sb, double[][] v) { write(sb, v, DOUBLE, 2); }
    static void out_double2(StringBuilder sb, List<?> v) { write(sb, v, DOUBLE, 2); }
    static void out_boolean0(StringBuilder sb, boolean v) { sb.append(v); }
    static void out_boolean1(StringBuilder sb, boolean[] v) { write(sb, v, BOOLEAN, 1); }
    static void out_boolean1(StringBuilder sb, List<?> v) { write(sb, v, BOOLEAN, 1); }
    static void out_boolean2(StringBuilder sb, boolean[][] v) { write(sb, v, BOOLEAN, 2); }
    static void out_boolean2(StringBuilder sb, List<?> v) { write(sb, v, BOOLEAN, 2); }
    static void out_string0(StringBuilder sb, String v) { write(sb, v, STRING, 0); }
    static void out_string1(StringBuilder sb, String[] v) { write(sb, v, STRING, 1); }
    static void out_string1(StringBuilder sb, List<?> v) { write(sb, v, STRING, 1); }
    static void out_string2(StringBuilder sb, String[][] v) { write(sb, v, STRING, 2); }
    static void out_string2(StringBuilder sb, List<?> v) { write(sb, v, STRING, 2); }
    static void out_character0(StringBuilder sb, char v) { writeString(sb, String.valueOf(v)); }
    static void out_character1(StringBuilder sb, char[] v) { write(sb, v, CHAR, 1); }
    static void out_character1(StringBuilder sb, List<?> v) { write(sb, v, CHAR, 1); }
    static void out_character2(StringBuilder sb, char[][] v) { write(sb, v, CHAR, 2); }
    static void out_character2(StringBuilder sb, List<?> v) { write(sb, v, CHAR, 2); }
    static void out_ListNode0(StringBuilder sb, ListNode v) { writeList(sb, v); }
    static void out_ListNode1(StringBuilder sb, ListNode[] v) { write(sb, v, LISTNODE, 1); }
    static void out_ListNode1(StringBuilder sb, List<?> v) { write(sb, v, LISTNODE, 1); }
    static void out_TreeNode0(StringBuilder sb, TreeNode v) { writeTree(sb, v); }

    // ---- Generated for the problem's signature ----
/*MJ_CALL*/
}
