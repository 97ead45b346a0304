#include <stdio.h>
#include <stdlib.h>

typedef struct { long long v; int idx; } Item;

static int cmp(const void *a, const void *b) {
    const Item *x = a, *y = b;
    if (x->v != y->v) return x->v < y->v ? -1 : 1;
    return x->idx - y->idx;
}

int main(void) {
    int n;
    long long t;
    if (scanf("%d %lld", &n, &t) != 2) return 1;
    Item *a = malloc(sizeof(Item) * (size_t)n);
    for (int i = 0; i < n; i++) {
        scanf("%lld", &a[i].v);
        a[i].idx = i + 1;
    }
    qsort(a, (size_t)n, sizeof(Item), cmp);
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        long long s = a[lo].v + a[hi].v;
        if (s == t) {
            printf("%d %d\n", a[lo].idx, a[hi].idx);
            free(a);
            return 0;
        }
        if (s < t) lo++; else hi--;
    }
    printf("-1 -1\n");
    free(a);
    return 0;
}
