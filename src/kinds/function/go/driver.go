package main

// mockjudge's driver for Go function problems. The candidate's file (solution.go) is built with
// this one; the signature-specific glue (mjCall) is appended below by the judge. Every name of
// ours starts with "mj", except ListNode, TreeNode and main, which LeetCode's code expects.

import (
	"io"
	"math"
	"os"
	"strconv"
	"unicode/utf8"
)

// ListNode and TreeNode as LeetCode defines them.
type ListNode struct {
	Val  int
	Next *ListNode
}

type TreeNode struct {
	Val   int
	Left  *TreeNode
	Right *TreeNode
}

// mjMaxNodes caps the nodes of a list or tree the driver writes back.
const mjMaxNodes = 10000000

// A parsed JSON value: nil, bool, mjNum (the number's text), string or []any.
type mjNum string

type mjParser struct {
	s []byte
	i int
}

func (p *mjParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\n' || p.s[p.i] == '\r' || p.s[p.i] == '\t') {
		p.i++
	}
}

// value reads one value; arrays nest only as deep as the signature's types (validated input).
func (p *mjParser) value() any {
	p.space()
	if p.i >= len(p.s) {
		panic("mockjudge driver: the input ended early")
	}
	switch c := p.s[p.i]; {
	case c == '[':
		p.i++
		items := []any{}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return items
		}
		for {
			items = append(items, p.value())
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			p.i++ // ']'
			return items
		}
	case c == '"':
		return p.str()
	case c == 'n':
		p.i += 4
		return nil
	case c == 't':
		p.i += 4
		return true
	case c == 'f':
		p.i += 5
		return false
	default:
		start := p.i
		for p.i < len(p.s) && (p.s[p.i] == '-' || p.s[p.i] == '+' || p.s[p.i] == '.' || p.s[p.i] == 'e' || p.s[p.i] == 'E' || (p.s[p.i] >= '0' && p.s[p.i] <= '9')) {
			p.i++
		}
		return mjNum(p.s[start:p.i])
	}
}

func mjHex(b []byte) rune {
	var r rune
	for _, c := range b {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}

func (p *mjParser) str() string {
	p.i++ // '"'
	var out []byte
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(out)
		case c == '\\' && p.i+1 < len(p.s):
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case 'n':
				out = append(out, '\n')
			case 't':
				out = append(out, '\t')
			case 'r':
				out = append(out, '\r')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'u':
				r := mjHex(p.s[p.i : p.i+4])
				p.i += 4
				if r >= 0xD800 && r < 0xDC00 && p.i+6 <= len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
					r2 := mjHex(p.s[p.i+2 : p.i+6])
					if r2 >= 0xDC00 && r2 < 0xE000 {
						r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
						p.i += 6
					}
				}
				out = utf8.AppendRune(out, r)
			default: // '"', '\\', '/'
				out = append(out, e)
			}
		default:
			out = append(out, c)
			p.i++
		}
	}
	return string(out)
}

// Conversions from parsed values to the signature's Go types.

func mjInt(v any) int {
	n, _ := strconv.ParseInt(string(v.(mjNum)), 10, 64)
	return int(n)
}

func mjInt64(v any) int64 {
	n, _ := strconv.ParseInt(string(v.(mjNum)), 10, 64)
	return n
}

func mjFloat64(v any) float64 {
	f, _ := strconv.ParseFloat(string(v.(mjNum)), 64)
	return f
}

func mjBool(v any) bool { return v.(bool) }

func mjString(v any) string { return v.(string) }

func mjByte(v any) byte { return v.(string)[0] }

func mjSliceOf[T any](f func(any) T) func(any) []T {
	return func(v any) []T {
		items := v.([]any)
		out := make([]T, len(items))
		for i, item := range items {
			out[i] = f(item)
		}
		return out
	}
}

func mjList(v any) *ListNode {
	items := v.([]any)
	if len(items) == 0 {
		return nil
	}
	nodes := make([]ListNode, len(items))
	for i, item := range items {
		nodes[i].Val = mjInt(item)
		if i > 0 {
			nodes[i-1].Next = &nodes[i]
		}
	}
	return &nodes[0]
}

func mjTree(v any) *TreeNode {
	items := v.([]any)
	if len(items) == 0 || items[0] == nil {
		return nil
	}
	count := 0
	for _, item := range items {
		if item != nil {
			count++
		}
	}
	nodes := make([]TreeNode, count)
	nodes[0].Val = mjInt(items[0])
	used := 1
	queue := []*TreeNode{&nodes[0]}
	next := func(i int) *TreeNode {
		if i >= len(items) || items[i] == nil {
			return nil
		}
		n := &nodes[used]
		used++
		n.Val = mjInt(items[i])
		queue = append(queue, n)
		return n
	}
	for i, q := 1, 0; i < len(items); i, q = i+2, q+1 {
		parent := queue[q]
		parent.Left = next(i)
		parent.Right = next(i + 1)
	}
	return &nodes[0]
}

// The result, written by the declared types. The first error sticks and replaces the result.

type mjW struct {
	b   []byte
	ctx string // what is being written, e.g. "twoSum returned"
	err string
}

func (w *mjW) fail(message string) {
	if w.err == "" {
		w.err = w.ctx + " " + message
	}
}

func (w *mjW) raw(s string) { w.b = append(w.b, s...) }

func mjWInt(w *mjW, v int) { w.b = strconv.AppendInt(w.b, int64(v), 10) }

func mjWInt64(w *mjW, v int64) { w.b = strconv.AppendInt(w.b, v, 10) }

func mjWFloat64(w *mjW, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		w.fail("a double that is not a finite number (" + strconv.FormatFloat(v, 'g', -1, 64) + ")")
		w.b = append(w.b, '0')
		return
	}
	w.b = strconv.AppendFloat(w.b, v, 'g', -1, 64)
}

func mjWBool(w *mjW, v bool) { w.b = strconv.AppendBool(w.b, v) }

const mjHexDigits = "0123456789abcdef"

func mjWString(w *mjW, s string) {
	w.b = append(w.b, '"')
	for _, r := range s { // invalid UTF-8 comes as U+FFFD
		switch {
		case r == '"':
			w.b = append(w.b, '\\', '"')
		case r == '\\':
			w.b = append(w.b, '\\', '\\')
		case r < 0x20:
			w.b = append(w.b, '\\', 'u', '0', '0', mjHexDigits[r>>4], mjHexDigits[r&15])
		default:
			w.b = utf8.AppendRune(w.b, r)
		}
	}
	w.b = append(w.b, '"')
}

// A byte is a character: bytes over 0x7f are taken as Latin-1.
func mjWByte(w *mjW, v byte) { mjWString(w, string(rune(v))) }

func mjWSliceOf[T any](f func(*mjW, T)) func(*mjW, []T) {
	return func(w *mjW, v []T) {
		w.b = append(w.b, '[')
		for i, item := range v {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			f(w, item)
		}
		w.b = append(w.b, ']')
	}
}

// mjWList writes a list; a cycle (Brent's algorithm, no memory) or too many nodes is an error.
func mjWList(w *mjW, head *ListNode) {
	w.b = append(w.b, '[')
	power, steps := 1, 0
	tortoise := head
	count := 0
	for n := head; n != nil; n = n.Next {
		if count > 0 {
			w.b = append(w.b, ',')
		}
		w.b = strconv.AppendInt(w.b, int64(n.Val), 10)
		count++
		if count > mjMaxNodes {
			w.fail("a ListNode of more than 10000000 nodes")
			break
		}
		if n.Next == tortoise && tortoise != nil {
			w.fail("a cyclic ListNode (a node's Next leads back to an earlier node)")
			break
		}
		steps++
		if steps == power {
			tortoise = n.Next
			power *= 2
			steps = 0
		}
	}
	w.b = append(w.b, ']')
}

// mjWTree writes a tree in level order, nulls for missing children, trailing nulls trimmed.
func mjWTree(w *mjW, root *TreeNode) {
	w.b = append(w.b, '[')
	if root == nil {
		w.b = append(w.b, ']')
		return
	}
	seen := map[*TreeNode]bool{root: true}
	queue := []*TreeNode{root}
	pendingNulls := 0
	for q := 0; q < len(queue); q++ {
		n := queue[q]
		if n == nil {
			pendingNulls++
			continue
		}
		for ; pendingNulls > 0; pendingNulls-- {
			w.b = append(w.b, ",null"...)
		}
		if n != root {
			w.b = append(w.b, ',')
		}
		w.b = strconv.AppendInt(w.b, int64(n.Val), 10)
		for _, child := range [2]*TreeNode{n.Left, n.Right} {
			if child != nil {
				if seen[child] {
					w.fail("a TreeNode whose nodes are not a tree (a node is reached twice)")
					w.b = append(w.b, ']')
					return
				}
				seen[child] = true
				if len(seen) > mjMaxNodes {
					w.fail("a TreeNode of more than 10000000 nodes")
					w.b = append(w.b, ']')
					return
				}
			}
			queue = append(queue, child)
		}
		if q >= 1<<16 && q*2 > len(queue) { // drop what was written, keep memory linear in the width
			queue = append(queue[:0], queue[q+1:]...)
			q = -1
		}
	}
	w.b = append(w.b, ']')
}

// mjWNull writes a void call's "return value".
func mjWNull(w *mjW) { w.b = append(w.b, "null"...) }

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	p := &mjParser{s: input}
	var values []any
	for {
		p.space()
		if p.i >= len(p.s) {
			break
		}
		values = append(values, p.value())
	}
	w := &mjW{b: make([]byte, 0, 4096)}
	w.raw(`{"returned":`)
	mjCall(values, w)
	w.raw("}")
	out := w.b
	if w.err != "" {
		ew := &mjW{}
		ew.raw(`{"error":`)
		mjWString(ew, w.err)
		ew.raw("}")
		out = ew.b
	}
	if err := os.WriteFile("mockjudge-result.json", out, 0o644); err != nil {
		panic(err)
	}
	os.Exit(0)
}
