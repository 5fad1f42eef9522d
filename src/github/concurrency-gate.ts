// Bounds the HTTP requests in flight, retries included, and lets the client lower the bound when
// GitHub answers with a secondary rate limit. (The throttling plugin's own limiter lets retries
// through at weight 0, so a burst of refused requests would all come back at once.)

export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private limit: number) {}

  get current(): number {
    return this.limit;
  }

  /** Halves the bound (never below one); returns the new bound. */
  halve(): number {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    return this.limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
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
