package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

func main() {
	reader := bufio.NewReaderSize(os.Stdin, 1<<20)
	scanner := bufio.NewScanner(reader)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	scanner.Split(bufio.ScanWords)
	nextInt := func() int64 {
		scanner.Scan()
		v, _ := strconv.ParseInt(scanner.Text(), 10, 64)
		return v
	}
	n := int(nextInt())
	t := nextInt()
	seen := make(map[int64]int, n)
	for j := 1; j <= n; j++ {
		x := nextInt()
		if i, ok := seen[t-x]; ok {
			fmt.Println(i, j)
			return
		}
		if _, ok := seen[x]; !ok {
			seen[x] = j
		}
	}
	fmt.Println(-1, -1)
}
