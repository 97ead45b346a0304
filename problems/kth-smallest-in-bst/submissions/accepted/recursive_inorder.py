# Recursive in-order traversal: on a path-shaped tree it recurses n calls deep.
class Solution:
    def kthSmallest(self, root: Optional[TreeNode], k: int) -> int:
        self.k = k
        self.answer = None

        def inorder(node):
            if node is None or self.answer is not None:
                return
            inorder(node.left)
            self.k -= 1
            if self.k == 0:
                self.answer = node.val
                return
            inorder(node.right)

        inorder(root)
        return self.answer
