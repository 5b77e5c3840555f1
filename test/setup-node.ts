// Node test setup: an in-memory IndexedDB (fake-indexeddb) for the storage layer.
import 'fake-indexeddb/auto';
