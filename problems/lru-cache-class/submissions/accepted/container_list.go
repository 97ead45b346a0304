import "container/list"

type entry struct {
	key, value int
}

type LRUCache struct {
	capacity int
	order    *list.List // front: most recently used
	items    map[int]*list.Element
}

func Constructor(capacity int) LRUCache {
	return LRUCache{capacity: capacity, order: list.New(), items: map[int]*list.Element{}}
}

func (this *LRUCache) Get(key int) int {
	e, ok := this.items[key]
	if !ok {
		return -1
	}
	this.order.MoveToFront(e)
	return e.Value.(*entry).value
}

func (this *LRUCache) Put(key int, value int) {
	if e, ok := this.items[key]; ok {
		e.Value.(*entry).value = value
		this.order.MoveToFront(e)
		return
	}
	if this.order.Len() == this.capacity {
		oldest := this.order.Back()
		this.order.Remove(oldest)
		delete(this.items, oldest.Value.(*entry).key)
	}
	this.items[key] = this.order.PushFront(&entry{key, value})
}

/**
 * Your LRUCache object will be instantiated and called as such:
 * obj := Constructor(capacity);
 * param_1 := obj.Get(key);
 * obj.Put(key,value);
 */
