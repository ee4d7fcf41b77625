/** Counts requests being processed, so shutdown can wait for in-flight turns. */
export class InFlightTurns {
  private count = 0;
  private accepting = true;
  private waiters: Array<() => void> = [];

  get active(): number {
    return this.count;
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  enter(): boolean {
    if (!this.accepting) return false;
    this.count += 1;
    return true;
  }

  leave(): void {
    this.count -= 1;
    if (this.count === 0) this.waiters.splice(0).forEach((resolve) => resolve());
  }

  /** Stops accepting new turns and resolves when the running ones are done (or after the grace period). */
  async drain(graceMs: number): Promise<void> {
    this.accepting = false;
    if (this.count === 0) return;
    await Promise.race([new Promise<void>((resolve) => this.waiters.push(resolve)), new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
  }
}
