import { randomUUID } from 'node:crypto'
import type { Clients } from '../clients/index.js'
import type { Cursor } from '../domain/records.js'
import type { CursorStore } from './cursor-store.js'

/** What a poller reads and publishes; the cursor mechanics are shared (pollCursor, definePoller). */
export interface PollerSpec<Item> {
  /** Source name: metrics label, log binding and the cursor's key in primero-bridge.cursors. */
  readonly name: string
  readonly topic: string
  /**
   * Pages of items changed at or after `sinceIso`. Offset-paged listings must come newest first, so that an item
   * changed during the poll moves into the pages already read rather than pushing another out of every page
   * (PrimeroClient.listCasesUpdatedSince explains it); pollCursor itself does not depend on the order.
   */
  pages(clients: Clients, sinceIso: string): AsyncIterable<readonly Item[]>
  /** The record to publish for an item, or `{ skip }` naming the unusable field (counted, not published). */
  toRecord(item: Item, stamp: { now: number; eventId: string }): { key: string; value: unknown } | { skip: string }
  /** The item's change time (epoch ms) from the source system's clock, or null when unknown. */
  changedAt(item: Item): number | null
}

export interface PollDeps<Item> {
  readonly store: CursorStore
  readonly now: () => number
  readonly overlapMs: number
  /** Cursor value when none was ever written (ISO-8601). */
  readonly startValue: string
  pages(sinceIso: string): AsyncIterable<readonly Item[]>
  /** Resolves once Kafka acknowledged the record. */
  publish(record: { key: string; value: unknown }): Promise<void>
  onSkip?(field: string): void
  newId?: () => string
}

export interface PollResult {
  readonly since: string
  readonly cursor: Cursor
  readonly published: number
  readonly skipped: number
}

/**
 * One poll. Reads the cursor, asks for changes since `cursor − overlap` (clock skew between writers; the start
 * value is used as is), publishes every item and waits for every acknowledgement, then writes the new cursor:
 * the latest change time seen on any page, by the source system's own clock (never our clock, so skew cannot
 * skip a change), and never earlier than the old cursor. With nothing seen the value stays and only `takenAt`
 * moves. An item changed after the poll read its page is newer than everything seen before, so the next poll
 * lists it.
 * A failure before the cursor write leaves the cursor where it was: the next poll republishes (idempotent).
 */
export async function pollCursor<Item>(spec: PollerSpec<Item>, deps: PollDeps<Item>): Promise<PollResult> {
  const previous = await deps.store.read(spec.name)
  const base = previous?.value ?? deps.startValue
  const baseMs = Date.parse(base)
  const since = new Date(previous ? baseMs - deps.overlapMs : baseMs).toISOString()
  let latest = baseMs
  let published = 0
  let skipped = 0
  for await (const page of deps.pages(since)) {
    const acks: Promise<void>[] = []
    for (const item of page) {
      const record = spec.toRecord(item, { now: deps.now(), eventId: (deps.newId ?? randomUUID)() })
      const changed = spec.changedAt(item)
      if (changed !== null && changed > latest) latest = changed
      if ('skip' in record) {
        skipped++
        deps.onSkip?.(record.skip)
        continue
      }
      acks.push(deps.publish(record))
    }
    await Promise.all(acks)
    published += acks.length
  }
  const cursor: Cursor = {
    source: spec.name,
    value: latest === baseMs ? base : new Date(latest).toISOString(),
    takenAt: deps.now(),
    recordsPublished: published,
  }
  await deps.store.write(cursor)
  return { since, cursor, published, skipped }
}

/** Epoch ms of an ISO-8601 text, or null. */
export function epochOf(value: unknown): number | null {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  return Number.isNaN(ms) ? null : ms
}
