package dev.facerec.engine.search;

/** The {@code capacity} highest-scoring slots seen so far: a min-heap on primitive arrays. */
final class TopK {

    private final float[] scores;
    private final int[] slots;
    private int size;

    TopK(int capacity) {
        scores = new float[capacity];
        slots = new int[capacity];
    }

    int size() {
        return size;
    }

    /** The score a new entry must beat once the heap is full. */
    float floor() {
        return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(float score, int slot) {
        if (size < scores.length) {
            scores[size] = score;
            slots[size] = slot;
            siftUp(size++);
        } else if (score > scores[0]) {
            scores[0] = score;
            slots[0] = slot;
            siftDown(0);
        }
    }

    void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.scores[i], other.slots[i]);
        }
    }

    float score(int i) {
        return scores[i];
    }

    int slot(int i) {
        return slots[i];
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (scores[parent] <= scores[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && scores[left + 1] < scores[left] ? left + 1 : left;
            if (scores[i] <= scores[smallest]) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int t = slots[a];
        slots[a] = slots[b];
        slots[b] = t;
    }
}
