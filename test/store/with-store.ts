import type { Store } from '../../src/store/store.js';

/** Opens a new store for one test and closes it whatever happens: the shape of every store suite's test. */
export async function withStore(open: () => Promise<Store>, body: (store: Store) => Promise<void>): Promise<void> {
  const store = await open();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}
