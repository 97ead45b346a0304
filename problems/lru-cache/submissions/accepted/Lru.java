import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

public class Lru {
    private static final DataInputStream in = new DataInputStream(System.in);
    private static final byte[] buf = new byte[1 << 16];
    private static int len = 0, ptr = 0;

    private static int read() throws IOException {
        if (ptr == len) {
            len = in.read(buf, 0, buf.length);
            ptr = 0;
            if (len <= 0) return -1;
        }
        return buf[ptr++];
    }

    private static int skipSpaces() throws IOException {
        int c = read();
        while (c == ' ' || c == '\n' || c == '\r' || c == '\t') c = read();
        return c;
    }

    private static long nextLong() throws IOException {
        int c = skipSpaces();
        long x = 0;
        while (c >= '0' && c <= '9') { x = x * 10 + (c - '0'); c = read(); }
        return x;
    }

    /** Reads an operation word and returns its first letter ('G' or 'P'). */
    private static int nextWord() throws IOException {
        int first = skipSpaces();
        int c = read();
        while (c > ' ') c = read();
        return first;
    }

    public static void main(String[] args) throws IOException {
        final int cap = (int) nextLong();
        int q = (int) nextLong();
        // accessOrder = true: get() and put() on an existing key move it to the end.
        LinkedHashMap<Long, Long> cache = new LinkedHashMap<Long, Long>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > cap;
            }
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < q; i++) {
            int op = nextWord();
            long k = nextLong();
            if (op == 'G') {
                Long v = cache.get(k);
                sb.append(v == null ? -1L : v.longValue()).append('\n');
            } else {
                long v = nextLong();
                cache.put(k, v);
            }
        }
        System.out.print(sb);
    }
}
