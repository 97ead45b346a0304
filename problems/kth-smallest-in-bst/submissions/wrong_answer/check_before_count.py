# Off by one: tests k before counting the node just visited, so it returns the (k+1)-th value.
class Solution:
    def kthSmallest(self, root: Optional[TreeNode], k: int) -> int:
        stack = []
        node = root
        while True:
            while node:
                stack.append(node)
                node = node.left
            node = stack.pop()
            if k == 0:
                return node.val
            k -= 1
            node = node.right
