// Product pages with keyset cursors, with the JDK's HttpServer and no library: a cursor names
// the last product of its page by its sort key and id ("key:id", base64url).
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Pages {
    record Product(long id, String name, double price, String category) {
        String json() {
            return "{\"id\":" + id + ",\"name\":" + quote(name) + ",\"price\":" + number(price) + ",\"category\":" + quote(category) + "}";
        }
    }

    static final List<Product> products = new ArrayList<>();

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] data = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, data.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(data);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) return q;
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return q;
    }

    static double[] key(Product p, String sort) {
        return sort.equals("id") ? new double[] {p.id, p.id} : new double[] {(sort.equals("-price") ? -1 : 1) * p.price, p.id};
    }

    static int compare(double[] a, double[] b) {
        return a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]);
    }

    static void list(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        int limit;
        double low, high;
        double[] after = null;
        String sort = q.getOrDefault("sort", "id");
        try {
            limit = Integer.parseInt(q.getOrDefault("limit", "10"));
            low = q.containsKey("min_price") ? Double.parseDouble(q.get("min_price")) : Double.NEGATIVE_INFINITY;
            high = q.containsKey("max_price") ? Double.parseDouble(q.get("max_price")) : Double.POSITIVE_INFINITY;
            if (q.containsKey("cursor")) {
                String[] parts = new String(Base64.getUrlDecoder().decode(q.get("cursor")), StandardCharsets.UTF_8).split(":");
                after = new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
            }
        } catch (RuntimeException e) {
            reply(ex, 400, "{\"error\":\"bad parameters\"}");
            return;
        }
        if (limit < 1 || limit > 100 || !List.of("id", "price", "-price").contains(sort) || Double.isNaN(low) || Double.isNaN(high)) {
            reply(ex, 400, "{\"error\":\"bad parameters\"}");
            return;
        }
        String category = q.get("category");
        List<Product> chosen = new ArrayList<>();
        for (Product p : products) {
            if ((category == null || p.category.equals(category)) && p.price >= low && p.price <= high
                    && (after == null || compare(key(p, sort), after) > 0)) {
                chosen.add(p);
            }
        }
        chosen.sort((a, b) -> compare(key(a, sort), key(b, sort)));
        List<Product> items = chosen.subList(0, Math.min(limit, chosen.size()));
        StringJoiner body = new StringJoiner(",", "{\"items\":[", "]");
        items.forEach(p -> body.add(p.json()));
        String next = "null";
        if (chosen.size() > limit) {
            double[] k = key(items.get(items.size() - 1), sort);
            next = quote(Base64.getUrlEncoder().encodeToString((k[0] + ":" + k[1]).getBytes(StandardCharsets.UTF_8)));
        }
        reply(ex, 200, body + ",\"next_cursor\":" + next + "}");
    }

    // A body of string, number and string fields, read with patterns: the JDK has no JSON parser.
    static final Pattern TEXT = Pattern.compile("\"(name|category)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    static final Pattern PRICE = Pattern.compile("\"price\"\\s*:\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*[,}]");

    static void create(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!body.startsWith("{") || !body.endsWith("}")) {
            reply(ex, 400, "{\"error\":\"a JSON object\"}");
            return;
        }
        Map<String, String> text = new HashMap<>();
        Matcher m = TEXT.matcher(body);
        while (m.find()) text.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        Matcher price = PRICE.matcher(body);
        if (!price.find() || text.getOrDefault("name", "").isEmpty() || text.getOrDefault("category", "").isEmpty()
                || Double.parseDouble(price.group(1)) < 0) {
            reply(ex, 422, "{\"error\":\"name, category: text; price: a number >= 0\"}");
            return;
        }
        Product p = new Product(products.size() + 1, text.get("name"), Double.parseDouble(price.group(1)), text.get("category"));
        products.add(p);
        reply(ex, 201, p.json());
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/products", ex -> {
            synchronized (products) {
                if (ex.getRequestMethod().equals("GET")) list(ex);
                else if (ex.getRequestMethod().equals("POST")) create(ex);
                else reply(ex, 405, "{}");
            }
        });
        server.start();
    }
}
