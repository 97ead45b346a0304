// Off by one: the buckets are walked from count n-1 down, so a value that fills all but
// one slot (count n-1) is found, but one that fills the whole array (count n) is skipped.
func topKFrequent(nums []int, k int) []int {
	count := map[int]int{}
	for _, x := range nums {
		count[x]++
	}
	buckets := make([][]int, len(nums)+1)
	for x, c := range count {
		buckets[c] = append(buckets[c], x)
	}
	result := []int{}
	for c := len(nums) - 1; c > 0 && len(result) < k; c-- {
		result = append(result, buckets[c]...)
	}
	return result
}
