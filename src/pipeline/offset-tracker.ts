/**
 * Tracks completion of one partition's records, which may finish out of order (key-level concurrency).
 * `committable()` is the highest offset such that it and every earlier tracked offset are done: only that
 * may be committed, so a crash never skips an unfinished record.
 */
export class OffsetTracker {
  readonly #offsets: readonly bigint[]
  readonly #done = new Set<bigint>()
  #next = 0

  constructor(offsets: readonly string[]) {
    this.#offsets = offsets.map((o) => BigInt(o))
  }

  done(offset: string): void {
    this.#done.add(BigInt(offset))
    while (this.#next < this.#offsets.length && this.#done.has(this.#offsets[this.#next] as bigint)) {
      this.#done.delete(this.#offsets[this.#next] as bigint)
      this.#next++
    }
  }

  /** Last offset that is done together with all before it, or null when none is. */
  committable(): string | null {
    return this.#next === 0 ? null : String(this.#offsets[this.#next - 1])
  }

  get complete(): boolean {
    return this.#next === this.#offsets.length
  }
}
