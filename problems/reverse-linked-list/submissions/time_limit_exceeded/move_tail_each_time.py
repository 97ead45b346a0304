# Correct but O(n^2): walks to the tail for every node, detaches it and appends it to the result.
class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        dummy = ListNode(0, head)
        new_head = new_tail = None
        while dummy.next:
            before = dummy
            while before.next.next:
                before = before.next
            tail = before.next
            before.next = None
            if new_tail is None:
                new_head = new_tail = tail
            else:
                new_tail.next = tail
                new_tail = tail
        return new_head
