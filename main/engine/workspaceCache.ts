/**
 * A small least-recently-used cache bounded by bytes (decoded stacks for the viewer) that also joins
 * concurrent requests for the same key. Plain TypeScript; never imports electron.
 */

/** Keeps values while their total size stays within `maxBytes`; the least recently used go first. */
export class ByteBoundedCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private readonly pending = new Map<string, Promise<V>>();
  private totalBytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Whether `key` is held or being made now (a get would not start a new make). */
  has(key: string): boolean {
    return this.entries.has(key) || this.pending.has(key);
  }

  /** Settles when every make running now has finished (failed ones included). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending.values()]);
  }

  /** Keys held now, least recently used first. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** The cached value of `key`, or the one `make` resolves to (one call per key at a time). */
  async get(key: string, make: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const running = this.pending.get(key);
    if (running) return running;
    const p = make().then(
      (value) => {
        this.pending.delete(key);
        this.put(key, value);
        return value;
      },
      (e: unknown) => {
        this.pending.delete(key);
        throw e;
      },
    );
    this.pending.set(key, p);
    return p;
  }

  private put(key: string, value: V): void {
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes) return; // larger than the whole cache: served, not kept
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.totalBytes -= e.bytes;
    }
  }

  /** Drop every entry whose key starts with `prefix` (a study re-imported or purged). */
  evictPrefix(prefix: string): void {
    for (const [k, e] of this.entries)
      if (k.startsWith(prefix)) {
        this.entries.delete(k);
        this.totalBytes -= e.bytes;
      }
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }
}
