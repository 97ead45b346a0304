// Idempotent payments with Go's net/http: one mutex around each request's check and write, so
// copies arriving together make one payment; a token bucket per client.
package main

import (
	"encoding/json"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

type payment struct {
	ID       int    `json:"id"`
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

type bucket struct {
	tokens float64
	when   time.Time
}

const burst, perSecond = 5.0, 1.0

var (
	mu       sync.Mutex
	payments = []payment{}
	byKey    = map[[2]string]payment{}
	buckets  = map[string]bucket{}
)

// takeToken says how many seconds `client` must wait (0: it may send now).
func takeToken(client string) int {
	now := time.Now()
	b, ok := buckets[client]
	if !ok {
		b = bucket{burst, now}
	}
	tokens := math.Min(burst, b.tokens+now.Sub(b.when).Seconds()*perSecond)
	if tokens < 1 {
		buckets[client] = bucket{tokens, now}
		return int(math.Ceil((1 - tokens) / perSecond))
	}
	buckets[client] = bucket{tokens - 1, now}
	return 0
}

func reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

func main() {
	currencies := map[string]bool{"EUR": true, "USD": true, "GBP": true}
	http.HandleFunc("/payments", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodGet {
			reply(w, 200, payments)
			return
		}
		client, key := r.Header.Get("X-Client-Id"), r.Header.Get("Idempotency-Key")
		if wait := takeToken(client); wait > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(wait))
			reply(w, 429, map[string]string{"error": "too many payments"})
			return
		}
		if key == "" {
			reply(w, 400, map[string]string{"error": "an Idempotency-Key header"})
			return
		}
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body == nil {
			reply(w, 400, map[string]string{"error": "a JSON object"})
			return
		}
		amount, isNumber := body["amount"].(float64)
		currency, _ := body["currency"].(string)
		if !isNumber || amount != math.Trunc(amount) || amount < 1 || amount > 1e6 || !currencies[currency] {
			reply(w, 422, map[string]string{"error": "amount: 1-1000000 cents; currency: EUR, USD or GBP"})
			return
		}
		if seen, ok := byKey[[2]string{client, key}]; ok {
			if seen.Amount == int64(amount) && seen.Currency == currency {
				reply(w, 200, seen)
			} else {
				reply(w, 409, map[string]string{"error": "this key was used for another payment"})
			}
			return
		}
		p := payment{ID: len(payments) + 1, Amount: int64(amount), Currency: currency}
		payments = append(payments, p)
		byKey[[2]string{client, key}] = p
		reply(w, 201, p)
	})
	http.HandleFunc("/payments/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		id, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/payments/"))
		if err != nil || id < 1 || id > len(payments) {
			reply(w, 404, map[string]string{"error": "no such payment"})
			return
		}
		reply(w, 200, payments[id-1])
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.ListenAndServe("127.0.0.1:"+port, nil)
}
