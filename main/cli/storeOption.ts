/**
 * The `--store DIR` option every store command shares: parse it, open the store, always close it.
 * Plain Node; never imports electron.
 */
import os from 'node:os';
import { defaultStoreDir } from '../engine/store/paths';
import { createStore, type Store } from '../engine/store/store';

/** parseArgs option spec of --store. */
export const STORE_OPTION = { store: { type: 'string' } } as const;

/** --store plus --json (print the result as JSON instead of text), for the read-only store commands. */
export const STORE_JSON_OPTIONS = { ...STORE_OPTION, json: { type: 'boolean' } } as const;

/** Usage line of --store, naming this machine's default folder. */
export function storeUsageLine(): string {
  return `  --store DIR   local store folder (default: ${defaultDir()})`;
}

function defaultDir(): string {
  return defaultStoreDir({ platform: process.platform, env: process.env, homeDir: os.homedir() });
}

/** The store folder chosen by --store, else the OS user-data folder. */
export function storeDirFrom(values: Record<string, unknown>): string {
  const v = values.store;
  return typeof v === 'string' && v.length > 0 ? v : defaultDir();
}

/** Open the store named by the parsed args, run `fn`, and close the store whatever happens. */
export async function withStore<T>(
  values: Record<string, unknown>,
  fn: (store: Store) => Promise<T> | T,
): Promise<T> {
  const store = createStore({ dir: storeDirFrom(values) });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
