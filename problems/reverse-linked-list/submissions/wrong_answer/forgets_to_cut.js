// Recursive reversal that never clears the old head's next: the first two nodes point at
// each other, so the returned "list" is a cycle.
/**
 * @param {ListNode} head
 * @return {ListNode}
 */
var reverseList = function(head) {
    if (!head || !head.next) return head;
    const newHead = reverseList(head.next);
    head.next.next = head;
    return newHead;
};
