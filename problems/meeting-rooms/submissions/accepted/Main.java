import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.PriorityQueue;

public class Main {
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

    private static long nextLong() throws IOException {
        int c = read();
        while (c != '-' && (c < '0' || c > '9')) c = read();
        boolean neg = false;
        if (c == '-') { neg = true; c = read(); }
        long x = 0;
        while (c >= '0' && c <= '9') { x = x * 10 + (c - '0'); c = read(); }
        return neg ? -x : x;
    }

    public static void main(String[] args) throws IOException {
        int n = (int) nextLong();
        long[][] m = new long[n][2];
        for (int i = 0; i < n; i++) {
            m[i][0] = nextLong();
            m[i][1] = nextLong();
        }
        Arrays.sort(m, (a, b) -> Long.compare(a[0], b[0]));
        // Min-heap of end times of rooms in use; reuse the room that frees up first.
        PriorityQueue<Long> heap = new PriorityQueue<>();
        for (long[] mt : m) {
            if (!heap.isEmpty() && heap.peek() <= mt[0]) heap.poll();
            heap.add(mt[1]);
        }
        System.out.println(heap.size());
    }
}
