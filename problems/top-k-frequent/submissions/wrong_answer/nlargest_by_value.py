# Forgets key=count.get: heapq.nlargest ranks the distinct values themselves, not their counts.
class Solution:
    def topKFrequent(self, nums: List[int], k: int) -> List[int]:
        count = Counter(nums)
        return heapq.nlargest(k, count.keys())
