// Bounds the HTTP requests in flight, retries included, and lets the client lower the bound when
// GitHub answers with a secondary rate limit. (The throttling plugin's own limiter lets retries
// through at weight 0, so a burst of refused requests would all come back at once.)

export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Bumped each time the bound is lowered. */
  private epoch = 0;

  constructor(private limit: number) {}

  get current(): number {
    return this.limit;
  }

  /**
   * Runs `task` when a slot is free; `stamp` receives the epoch it starts in, to hand back to
   * `slowDown` if GitHub refuses it.
   */
  async run<T>(task: () => Promise<T>, stamp?: (epoch: number) => void): Promise<T> {
    await this.acquire();
    stamp?.(this.epoch);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /**
   * Halves the bound (never below one) for a request refused in `startedIn`. Requests that were
   * already in flight under an older, higher bound are refused for the same burst: they do not
   * lower it again. Returns whether the bound changed.
   */
  slowDown(startedIn: number | undefined): boolean {
    if (startedIn !== undefined && startedIn !== this.epoch) return false;
    if (this.limit === 1) return false;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.epoch += 1;
    return true;
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the freed slot (or none, when the bound was lowered) to the next waiting request. */
  private release(): void {
    this.active -= 1;
    while (this.waiting.length > 0 && this.active < this.limit) {
      this.active += 1;
      this.waiting.shift()!();
    }
  }
}
