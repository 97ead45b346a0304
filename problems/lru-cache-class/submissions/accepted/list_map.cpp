class LRUCache {
    int capacity;
    list<pair<int, int>> order;  // (key, value), front: most recently used
    unordered_map<int, list<pair<int, int>>::iterator> items;

public:
    LRUCache(int capacity) : capacity(capacity) {}

    int get(int key) {
        auto it = items.find(key);
        if (it == items.end()) return -1;
        order.splice(order.begin(), order, it->second);
        return it->second->second;
    }

    void put(int key, int value) {
        auto it = items.find(key);
        if (it != items.end()) {
            it->second->second = value;
            order.splice(order.begin(), order, it->second);
            return;
        }
        if ((int)items.size() == capacity) {
            items.erase(order.back().first);
            order.pop_back();
        }
        order.emplace_front(key, value);
        items[key] = order.begin();
    }
};

/**
 * Your LRUCache object will be instantiated and called as such:
 * LRUCache* obj = new LRUCache(capacity);
 * int param_1 = obj->get(key);
 * obj->put(key,value);
 */
