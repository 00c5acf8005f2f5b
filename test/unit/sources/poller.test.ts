import { describe, expect, it } from '@jest/globals'
import type { Cursor } from '../../../src/domain/records.js'
import type { CursorStore } from '../../../src/sources/cursor-store.js'
import { pollCursor, type PollerSpec } from '../../../src/sources/poller.js'

interface Item {
  id: string
  at: string | null
}

const spec: PollerSpec<Item> = {
  name: 'test-poller',
  topic: 't',
  pages: () => {
    throw new Error('pages come from deps')
  },
  toRecord: (item) => (item.id === 'bad' ? { skip: 'cid' } : { key: item.id, value: item }),
  changedAt: (item) => (item.at === null ? null : Date.parse(item.at)),
}

function fakeStore(initial: Cursor | null) {
  const writes: Cursor[] = []
  const store: CursorStore = {
    read: () => Promise.resolve(writes.at(-1) ?? initial),
    write: (c) => Promise.resolve(void writes.push(c)),
  }
  return { store, writes }
}

function deps(store: CursorStore, pages: Item[][], seen: string[] = [], publish?: () => Promise<void>) {
  const since: string[] = []
  return {
    since,
    deps: {
      store,
      now: () => Date.parse('2025-05-01T00:00:00Z'),
      overlapMs: 60_000,
      startValue: '2023-01-27T00:00:00.000Z',
      pages: async function* (s: string) {
        since.push(s)
        for (const page of pages) yield await Promise.resolve(page)
      },
      publish: publish ?? ((r: { key: string }) => Promise.resolve(void seen.push(r.key))),
      newId: () => 'id',
    },
  }
}

describe('poller cursor', () => {
  it('starts at the start value, publishes every item and advances to the latest change time seen', async () => {
    const { store, writes } = fakeStore(null)
    const seen: string[] = []
    const run = deps(
      store,
      [
        [{ id: 'a', at: '2024-03-01T10:00:00.000Z' }],
        [
          { id: 'b', at: '2024-02-01T00:00:00.000Z' },
          { id: 'bad', at: null },
        ],
      ],
      seen,
    )
    const result = await pollCursor(spec, run.deps)
    expect(run.since).toEqual(['2023-01-27T00:00:00.000Z'])
    expect(seen).toEqual(['a', 'b'])
    expect(result).toMatchObject({ published: 2, skipped: 1 })
    expect(writes).toEqual([
      {
        source: 'test-poller',
        value: '2024-03-01T10:00:00.000Z',
        takenAt: Date.parse('2025-05-01T00:00:00Z'),
        recordsPublished: 2,
      },
    ])
  })

  it('resumes at the stored cursor minus the overlap and never moves the cursor back', async () => {
    const { store, writes } = fakeStore({
      source: 'test-poller',
      value: '2024-03-01T10:00:00.000Z',
      takenAt: 1,
      recordsPublished: 0,
    })
    const run = deps(store, [[{ id: 'old', at: '2024-03-01T09:59:30.000Z' }]])
    await pollCursor(spec, run.deps)
    expect(run.since).toEqual(['2024-03-01T09:59:00.000Z'])
    expect(writes[0]!.value).toBe('2024-03-01T10:00:00.000Z')
  })

  it('keeps the cursor when a publish fails', async () => {
    const { store, writes } = fakeStore(null)
    const run = deps(store, [[{ id: 'a', at: '2024-03-01T10:00:00.000Z' }]], [], () =>
      Promise.reject(new Error('kafka down')),
    )
    await expect(pollCursor(spec, run.deps)).rejects.toThrow('kafka down')
    expect(writes).toEqual([])
  })
})
