// Private notes with Go's net/http: salted password hashes, random tokens, every note checked
// against its owner.
package main

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

type user struct {
	id   int
	salt []byte
	hash []byte
}

type note struct {
	ID    int    `json:"id"`
	Text  string `json:"text"`
	owner string
}

var (
	mu       sync.Mutex
	users    = map[string]*user{}
	tokens   = map[string]string{}
	notes    = map[int]*note{}
	nextNote = 1
	names    = regexp.MustCompile(`^[a-z0-9_]{3,30}$`)
)

func digest(salt []byte, password string) []byte {
	sum := sha256.Sum256(append(append([]byte{}, salt...), password...))
	return sum[:]
}

func random(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if body != nil {
		json.NewEncoder(w).Encode(body)
	}
}

func fail(w http.ResponseWriter, status int, why string) {
	reply(w, status, map[string]string{"error": why})
}

// object reads a JSON object body: false (and a 400 sent) when it is not one.
func object(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	var body map[string]any
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&body); err != nil || body == nil {
		fail(w, 400, "a JSON object")
		return nil, false
	}
	return body, true
}

func caller(r *http.Request) (string, bool) {
	header := r.Header.Get("Authorization")
	if !strings.HasPrefix(header, "Bearer ") {
		return "", false
	}
	who, ok := tokens[strings.TrimPrefix(header, "Bearer ")]
	return who, ok
}

func main() {
	http.HandleFunc("/users", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		body, ok := object(w, r)
		if !ok {
			return
		}
		username, _ := body["username"].(string)
		password, isText := body["password"].(string)
		if n := utf8.RuneCountInString(password); !names.MatchString(username) || !isText || n < 8 || n > 100 {
			fail(w, 422, "username: 3-30 of a-z 0-9 _; password: 8-100 characters")
			return
		}
		if users[username] != nil {
			fail(w, 409, "username taken")
			return
		}
		salt := random(16)
		users[username] = &user{id: len(users) + 1, salt: salt, hash: digest(salt, password)}
		reply(w, 201, map[string]any{"id": users[username].id, "username": username})
	})
	http.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		body, ok := object(w, r)
		if !ok {
			return
		}
		username, _ := body["username"].(string)
		password, _ := body["password"].(string)
		u := users[username]
		if u == nil || subtle.ConstantTimeCompare(digest(u.salt, password), u.hash) != 1 {
			fail(w, 401, "wrong username or password")
			return
		}
		token := base64.RawURLEncoding.EncodeToString(random(32))
		tokens[token] = username
		reply(w, 200, map[string]string{"token": token})
	})
	http.HandleFunc("/notes", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		who, ok := caller(r)
		if !ok {
			fail(w, 401, "log in first")
			return
		}
		if r.Method == http.MethodGet {
			mine := []*note{}
			for _, n := range notes {
				if n.owner == who {
					mine = append(mine, n)
				}
			}
			sort.Slice(mine, func(i, j int) bool { return mine[i].ID < mine[j].ID })
			reply(w, 200, mine)
			return
		}
		body, ok := object(w, r)
		if !ok {
			return
		}
		text, isText := body["text"].(string)
		if n := utf8.RuneCountInString(text); !isText || n < 1 || n > 1000 {
			fail(w, 422, "text: 1-1000 characters")
			return
		}
		n := &note{ID: nextNote, Text: text, owner: who}
		notes[n.ID] = n
		nextNote++
		reply(w, 201, n)
	})
	http.HandleFunc("/notes/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		who, ok := caller(r)
		if !ok {
			fail(w, 401, "log in first")
			return
		}
		id, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/notes/"))
		n := notes[id]
		if n == nil || n.owner != who {
			fail(w, 404, "no such note")
			return
		}
		if r.Method == http.MethodDelete {
			delete(notes, id)
			w.WriteHeader(204)
			return
		}
		reply(w, 200, n)
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.ListenAndServe("127.0.0.1:"+port, nil)
}
