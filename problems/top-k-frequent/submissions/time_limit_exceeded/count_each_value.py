# Correct but O(n * d): one nums.count pass per distinct value.
class Solution:
    def topKFrequent(self, nums: List[int], k: int) -> List[int]:
        counts = [(nums.count(x), x) for x in set(nums)]
        counts.sort(reverse=True)
        return [x for _, x in counts[:k]]
