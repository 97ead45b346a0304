# Correct, but counts the left subtree again at every step of the descent:
# O(n log n) on a balanced tree, O(n^2) on a path.
class Solution:
    def kthSmallest(self, root: Optional[TreeNode], k: int) -> int:
        def count(node):
            if node is None:
                return 0
            return 1 + count(node.left) + count(node.right)

        node = root
        while True:
            left = count(node.left)
            if k == left + 1:
                return node.val
            if k <= left:
                node = node.left
            else:
                k -= left + 1
                node = node.right
