// Overwrites the merged end with the current interval's end instead of taking the max:
// an interval nested inside the previous one shrinks it.
class Solution {
public:
    vector<vector<int>> merge(vector<vector<int>>& intervals) {
        sort(intervals.begin(), intervals.end());
        vector<vector<int>> merged;
        for (auto& iv : intervals) {
            if (!merged.empty() && iv[0] <= merged.back()[1]) {
                merged.back()[1] = iv[1];
            } else {
                merged.push_back(iv);
            }
        }
        return merged;
    }
};
