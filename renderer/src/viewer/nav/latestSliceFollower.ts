/**
 * Coalesces the moves of a pane that follows another (linked sagittal scrolling): at most one move in flight,
 * later targets replace each other, and the latest is issued when the follower has rendered. No Cornerstone.
 */

/** A move still unrendered after this long is taken as lost (stack changed, load failed) and no longer waits. */
export const FOLLOW_STALE_MS = 500;

export interface FollowerPort {
  /** The slice the follower shows or is already moving to. */
  current(): number | null;
  /** Start moving the follower to slice k (it renders later). */
  move(k: number): void;
  now(): number;
}

/** One follower pane: `request` on every new target, `rendered` after every render of the follower. */
export class LatestSliceFollower {
  private inFlight: { k: number; atMs: number } | null = null;
  private wanted: number | null = null;

  constructor(private readonly port: FollowerPort) {}

  /** Follow to slice k: moved now when nothing is in flight, else kept as the next target (replacing older ones). */
  request(k: number): void {
    if (this.inFlight && this.port.now() - this.inFlight.atMs > FOLLOW_STALE_MS) this.inFlight = null;
    if (this.inFlight) {
      this.wanted = k === this.inFlight.k ? null : k;
      return;
    }
    this.wanted = null;
    if (this.port.current() === k) return;
    this.inFlight = { k, atMs: this.port.now() };
    this.port.move(k);
  }

  /**
   * The follower rendered: the move in flight is done (a render shows the slice the viewport is set to, ours or
   * a later one's), and the latest target asked for meanwhile goes next.
   */
  rendered(): void {
    if (!this.inFlight) return;
    this.inFlight = null;
    const next = this.wanted;
    if (next !== null) this.request(next);
  }

  /** Whether a move is in flight (for tests and the nav controller). */
  get moving(): boolean {
    return this.inFlight !== null;
  }

  /** Forget what is in flight or wanted (the follower's stack changed, linking turned off). */
  reset(): void {
    this.inFlight = null;
    this.wanted = null;
  }
}
