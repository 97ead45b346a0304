// Passes the counter by value: what the left subtree counted never comes back up.
class Solution {
    void inorder(TreeNode* node, int k, int& answer) {
        if (!node) return;
        inorder(node->left, k, answer);
        k--;
        if (k == 0) {
            answer = node->val;
            return;
        }
        inorder(node->right, k, answer);
    }

public:
    int kthSmallest(TreeNode* root, int k) {
        int answer = -1;
        inorder(root, k, answer);
        return answer;
    }
};
