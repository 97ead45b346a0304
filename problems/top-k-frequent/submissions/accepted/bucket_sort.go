func topKFrequent(nums []int, k int) []int {
	count := map[int]int{}
	for _, x := range nums {
		count[x]++
	}
	buckets := make([][]int, len(nums)+1)
	for x, c := range count {
		buckets[c] = append(buckets[c], x)
	}
	result := make([]int, 0, k)
	for c := len(nums); c > 0 && len(result) < k; c-- {
		result = append(result, buckets[c]...)
	}
	return result[:k]
}
