// Items CRUD with Go's net/http.
package main

import (
	"encoding/json"
	"math"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

type item struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Price    float64 `json:"price"`
	Quantity int64   `json:"quantity"`
}

var (
	mu     sync.Mutex
	items  = map[int64]item{}
	nextID int64 = 1
)

func reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if body != nil {
		json.NewEncoder(w).Encode(body)
	}
}

// fields reads the item's fields from the body: 400 if it is not a JSON object, 422 if a rule
// is broken.
func fields(r *http.Request) (item, int) {
	var raw map[string]any
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil || raw == nil {
		return item{}, http.StatusBadRequest
	}
	name, nameOK := raw["name"].(string)
	price, priceOK := raw["price"].(float64)
	quantity, quantityOK := 0.0, true
	if q, given := raw["quantity"]; given {
		quantity, quantityOK = q.(float64)
	}
	n := utf8.RuneCountInString(name)
	if !nameOK || !priceOK || !quantityOK || n < 1 || n > 100 || price < 0 || quantity < 0 || quantity != math.Trunc(quantity) {
		return item{}, http.StatusUnprocessableEntity
	}
	return item{Name: name, Price: price, Quantity: int64(quantity)}, 0
}

func main() {
	http.HandleFunc("/items", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		switch r.Method {
		case http.MethodGet:
			list := []item{}
			for _, it := range items {
				list = append(list, it)
			}
			sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
			reply(w, 200, list)
		case http.MethodPost:
			it, bad := fields(r)
			if bad != 0 {
				reply(w, bad, map[string]string{"error": "invalid item"})
				return
			}
			it.ID = nextID
			nextID++
			items[it.ID] = it
			reply(w, 201, it)
		default:
			reply(w, 405, nil)
		}
	})
	http.HandleFunc("/items/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		id, err := strconv.ParseInt(strings.TrimPrefix(r.URL.Path, "/items/"), 10, 64)
		old, known := items[id]
		if err != nil || !known {
			reply(w, 404, map[string]string{"error": "no such item"})
			return
		}
		switch r.Method {
		case http.MethodGet:
			reply(w, 200, old)
		case http.MethodPut:
			it, bad := fields(r)
			if bad != 0 {
				reply(w, bad, map[string]string{"error": "invalid item"})
				return
			}
			it.ID = id
			items[id] = it
			reply(w, 200, it)
		case http.MethodDelete:
			delete(items, id)
			w.WriteHeader(204)
		default:
			reply(w, 405, nil)
		}
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.ListenAndServe("127.0.0.1:"+port, nil)
}
