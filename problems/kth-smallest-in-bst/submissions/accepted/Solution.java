/**
 * Definition for a binary tree node.
 * public class TreeNode {
 *     int val;
 *     TreeNode left;
 *     TreeNode right;
 *     TreeNode() {}
 *     TreeNode(int val) { this.val = val; }
 *     TreeNode(int val, TreeNode left, TreeNode right) { this.val = val; this.left = left; this.right = right; }
 * }
 */
class Solution {
    private int remaining;
    private int answer;

    public int kthSmallest(TreeNode root, int k) {
        remaining = k;
        inorder(root);
        return answer;
    }

    // Recursive: on a path-shaped tree this goes n calls deep.
    private void inorder(TreeNode node) {
        if (node == null || remaining == 0) return;
        inorder(node.left);
        if (remaining == 0) return;
        if (--remaining == 0) {
            answer = node.val;
            return;
        }
        inorder(node.right);
    }
}
