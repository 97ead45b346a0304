/**
 * Definition for a binary tree node.
 * struct TreeNode {
 *     int val;
 *     TreeNode *left;
 *     TreeNode *right;
 *     TreeNode() : val(0), left(nullptr), right(nullptr) {}
 *     TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
 *     TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
 * };
 */
class Solution {
    int remaining = 0, answer = -1;

    void inorder(TreeNode* node) {
        if (!node || remaining == 0) return;
        inorder(node->left);
        if (remaining == 0) return;
        if (--remaining == 0) {
            answer = node->val;
            return;
        }
        inorder(node->right);
    }

public:
    int kthSmallest(TreeNode* root, int k) {
        remaining = k;
        inorder(root);
        return answer;
    }
};
