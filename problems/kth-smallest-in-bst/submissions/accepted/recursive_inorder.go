/**
 * Definition for a binary tree node.
 * type TreeNode struct {
 *     Val int
 *     Left *TreeNode
 *     Right *TreeNode
 * }
 */
func kthSmallest(root *TreeNode, k int) int {
	answer := -1
	var inorder func(node *TreeNode)
	inorder = func(node *TreeNode) {
		if node == nil || k == 0 {
			return
		}
		inorder(node.Left)
		if k == 0 {
			return
		}
		k--
		if k == 0 {
			answer = node.Val
			return
		}
		inorder(node.Right)
	}
	inorder(root)
	return answer
}
