# Correct but O(n * answer): every interval is compared with every interval merged so far.
class Solution:
    def merge(self, intervals: List[List[int]]) -> List[List[int]]:
        merged = []
        for start, end in intervals:
            kept = []
            for s, e in merged:
                if s <= end and start <= e:
                    start, end = min(start, s), max(end, e)
                else:
                    kept.append([s, e])
            kept.append([start, end])
            merged = kept
        return merged
