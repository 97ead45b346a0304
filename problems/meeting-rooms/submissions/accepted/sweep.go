package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
)

type event struct {
	t int64
	d int
}

func main() {
	r := bufio.NewReaderSize(os.Stdin, 1<<20)
	readInt := func() int64 {
		var x int64
		c, _ := r.ReadByte()
		for c == ' ' || c == '\n' || c == '\r' || c == '\t' {
			c, _ = r.ReadByte()
		}
		for c >= '0' && c <= '9' {
			x = x*10 + int64(c-'0')
			c, _ = r.ReadByte()
		}
		return x
	}
	n := int(readInt())
	ev := make([]event, 0, 2*n)
	for i := 0; i < n; i++ {
		s := readInt()
		e := readInt()
		ev = append(ev, event{s, 1}, event{e, -1})
	}
	// At equal times, ends (-1) sort before starts (+1): intervals are half-open.
	sort.Slice(ev, func(i, j int) bool {
		if ev[i].t != ev[j].t {
			return ev[i].t < ev[j].t
		}
		return ev[i].d < ev[j].d
	})
	cur, best := 0, 0
	for _, e := range ev {
		cur += e.d
		if cur > best {
			best = cur
		}
	}
	fmt.Println(best)
}
