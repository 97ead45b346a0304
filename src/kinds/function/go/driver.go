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

// mjParser reads the input's JSON values straight into the declared types, in one pass.
type mjParser struct {
	s []byte
	i int
}

func (p *mjParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\n' || p.s[p.i] == '\r' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *mjParser) peek() byte {
	p.space()
	if p.i >= len(p.s) {
		panic("mockjudge driver: the input ended early")
	}
	return p.s[p.i]
}

// open reads an array's '['.
func (p *mjParser) open() {
	p.peek()
	p.i++
}

// more tells whether the array has another item, reading the ',' before it, or its ']'.
func (p *mjParser) more() bool {
	switch p.peek() {
	case ']':
		p.i++
		return false
	case ',':
		p.i++
	}
	return true
}

// null reads a null if one comes next.
func (p *mjParser) null() bool {
	if p.peek() == 'n' {
		p.i += 4
		return true
	}
	return false
}

func (p *mjParser) token() []byte {
	p.space()
	start := p.i
	for p.i < len(p.s) && p.s[p.i] != ',' && p.s[p.i] != ']' && p.s[p.i] != ' ' && p.s[p.i] != '\n' && p.s[p.i] != '\r' && p.s[p.i] != '\t' {
		p.i++
	}
	return p.s[start:p.i]
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

func mjString(p *mjParser) string {
	p.peek()
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

// Readers of the signature's Go types (the input is validated: integers fit, in 64 bits).

func mjInt64(p *mjParser) int64 {
	p.space()
	negative := p.i < len(p.s) && p.s[p.i] == '-'
	if negative {
		p.i++
	}
	var n int64
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		n = n*10 - int64(p.s[p.i]-'0') // negative, so that the smallest int64 fits
		p.i++
	}
	if !negative {
		n = -n
	}
	return n
}

func mjInt(p *mjParser) int { return int(mjInt64(p)) }

func mjFloat64(p *mjParser) float64 {
	f, _ := strconv.ParseFloat(string(p.token()), 64)
	return f
}

func mjBool(p *mjParser) bool { return string(p.token()) == "true" }

func mjByte(p *mjParser) byte { return mjString(p)[0] }

func mjSliceOf[T any](f func(*mjParser) T) func(*mjParser) []T {
	return func(p *mjParser) []T {
		out := []T{}
		p.open()
		for p.more() {
			out = append(out, f(p))
		}
		return out
	}
}

// mjArg reads one argument of a class's call.
func mjArg[T any](p *mjParser, f func(*mjParser) T) T {
	p.more()
	return f(p)
}

func mjList(p *mjParser) *ListNode {
	values := mjSliceOf(mjInt)(p)
	if len(values) == 0 {
		return nil
	}
	nodes := make([]ListNode, len(values))
	for i, v := range values {
		nodes[i].Val = v
		if i > 0 {
			nodes[i-1].Next = &nodes[i]
		}
	}
	return &nodes[0]
}

func mjTree(p *mjParser) *TreeNode {
	var values []int
	var present []bool
	p.open()
	for p.more() {
		if p.null() {
			values, present = append(values, 0), append(present, false)
		} else {
			values, present = append(values, mjInt(p)), append(present, true)
		}
	}
	if len(values) == 0 || !present[0] {
		return nil
	}
	count := 0
	for _, ok := range present {
		if ok {
			count++
		}
	}
	nodes := make([]TreeNode, count)
	nodes[0].Val = values[0]
	used := 1
	queue := []*TreeNode{&nodes[0]}
	next := func(i int) *TreeNode {
		if i >= len(values) || !present[i] {
			return nil
		}
		n := &nodes[used]
		used++
		n.Val = values[i]
		queue = append(queue, n)
		return n
	}
	for i, q := 1, 0; i < len(values); i, q = i+2, q+1 {
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
			w.fail("a ListNode with a cycle (a node's Next leads back to an earlier node)")
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
	w := &mjW{b: make([]byte, 0, 4096)}
	w.raw(`{"returned":`)
	mjCall(&mjParser{s: input}, w)
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
