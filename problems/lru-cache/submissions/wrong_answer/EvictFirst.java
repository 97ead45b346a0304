import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.LinkedHashMap;
import java.util.StringTokenizer;

// Mistake: when the cache is full, evicts the least recently used key on every PUT,
// even when the PUT only updates a key that is already cached.
public class EvictFirst {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        StringTokenizer st = new StringTokenizer(br.readLine());
        int cap = Integer.parseInt(st.nextToken());
        int q = Integer.parseInt(st.nextToken());
        LinkedHashMap<Long, Long> cache = new LinkedHashMap<>(16, 0.75f, true);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < q; i++) {
            st = new StringTokenizer(br.readLine());
            String op = st.nextToken();
            long k = Long.parseLong(st.nextToken());
            if (op.equals("GET")) {
                Long v = cache.get(k);
                sb.append(v == null ? -1L : v.longValue()).append('\n');
            } else {
                long v = Long.parseLong(st.nextToken());
                if (cache.size() == cap) {
                    Long eldest = cache.keySet().iterator().next();
                    cache.remove(eldest);
                }
                cache.put(k, v);
            }
        }
        System.out.print(sb);
    }
}
