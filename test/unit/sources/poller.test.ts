import { afterEach, describe, expect, it } from '@jest/globals'
import { createMophClient } from '../../../src/clients/moph.js'
import type { RiskModel } from '../../../src/clients/moph-types.js'
import { createPrimeroClient } from '../../../src/clients/primero.js'
import type { PrimeroCase } from '../../../src/clients/primero-types.js'
import type { Cursor } from '../../../src/domain/records.js'
import { startMophSimulator } from '../../../src/simulators/moph.js'
import { startPrimeroSimulator } from '../../../src/simulators/primero.js'
import type { CursorStore } from '../../../src/sources/cursor-store.js'
import { epochOf, pollCursor, type PollDeps, type PollerSpec } from '../../../src/sources/poller.js'

const opened: { close(): unknown }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()))
})

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

  it('writes the cursor only once every publish of the poll was acknowledged', async () => {
    const { store, writes } = fakeStore(null)
    const acks: (() => void)[] = []
    const publish = () => new Promise<void>((resolve) => acks.push(resolve))
    const page = [
      { id: 'a', at: '2024-03-01T10:00:00.000Z' },
      { id: 'b', at: '2024-03-02T10:00:00.000Z' },
    ]
    const poll = pollCursor(spec, deps(store, [page], [], publish).deps)
    const settle = () => new Promise((resolve) => setImmediate(resolve))
    while (acks.length < 2) await settle()
    acks[1]!()
    await settle()
    expect(writes).toEqual([])
    acks[0]!()
    await poll
    expect(writes.map((w) => w.value)).toEqual(['2024-03-02T10:00:00.000Z'])
  })
})

/** A spec publishing each item as is under `key(item)`; pages come from the deps. */
function specOf<Item>(key: (item: Item) => string, changedAt: (item: Item) => number | null): PollerSpec<Item> {
  return { ...(spec as unknown as PollerSpec<Item>), toRecord: (item) => ({ key: key(item), value: item }), changedAt }
}

/**
 * Two polls (the second from the cursor the first wrote) over a listing read 10 per page, where `touch` updates a
 * record already read on page 1 before page 2 is asked for. Returns every key published and the final cursor.
 */
async function twoPollsWithAnUpdateAfterPage1<Item>(
  itemSpec: PollerSpec<Item>,
  list: (since: string) => AsyncIterable<readonly Item[]>,
  touch: (readOnPage1: Item) => Promise<void>,
) {
  const { store, writes } = fakeStore(null)
  const published: string[] = []
  let touched = false
  const pages = async function* (since: string) {
    for await (const page of list(since)) {
      yield page
      if (!touched) {
        touched = true
        await touch(page[4]!)
      }
    }
  }
  const pollDeps: PollDeps<Item> = {
    store,
    now: Date.now,
    overlapMs: 60_000,
    startValue: '2000-01-01T00:00:00.000Z',
    pages,
    publish: (record) => Promise.resolve(void published.push(record.key)),
  }
  await pollCursor(itemSpec, pollDeps)
  await pollCursor(itemSpec, pollDeps)
  return { published, cursor: writes.at(-1)?.value }
}

describe('poller over a listing that changes while it is read', () => {
  it('publishes every Primero case in that poll or the next when a case of page 1 is updated mid-poll', async () => {
    let now = 0
    const sim = await startPrimeroSimulator({ cases: 25, seed: 7, now: () => now })
    const client = createPrimeroClient({ baseUrl: sim.url, username: 'primero', password: 'primero' })
    opened.push(client, sim)
    const ids = [...sim.state.cases.keys()]
    now = Math.max(...[...sim.state.cases.values()].map((c) => epochOf(c.last_updated_at) ?? 0)) + 3_600_000
    let updated = ''
    const { published, cursor } = await twoPollsWithAnUpdateAfterPage1(
      specOf<PrimeroCase>(
        (c) => c.id,
        (c) => epochOf(c.last_updated_at),
      ),
      (since) =>
        (async function* () {
          for await (const page of client.listCasesUpdatedSince(since, { per: 10 })) yield page.data
        })(),
      async (c) => {
        updated = c.id
        await client.patchCase(c.id, { name_first: 'Changed' })
      },
    )
    expect(new Set(published)).toEqual(new Set(ids))
    expect(published.filter((id) => id === updated).length).toBeGreaterThanOrEqual(2)
    expect(cursor).toBe(new Date(now).toISOString())
  })

  it('publishes every Child-Shield risk model in that poll or the next when a model of page 1 is updated mid-poll', async () => {
    let now = Date.parse('2024-06-01T00:00:00.000Z')
    const sim = await startMophSimulator({ children: [], now: () => now })
    const client = createMophClient({ baseUrl: sim.url, email: 'bridge@example.org', password: 'secret' })
    opened.push(client, sim)
    const cids = Array.from({ length: 25 }, (_, i) => `cid-${String(i).padStart(2, '0')}`)
    for (const cid of cids) {
      now += 1000
      sim.setRiskModel(cid, { riskLevel: 'low' })
    }
    let updated = ''
    const { published, cursor } = await twoPollsWithAnUpdateAfterPage1(
      specOf<RiskModel>(
        (m) => m.cid,
        (m) => epochOf(m.updatedAt),
      ),
      (since) => client.listRiskModelsUpdatedSince(since, { pageSize: 10 }),
      (m) => {
        updated = m.cid
        now += 3_600_000
        sim.setRiskModel(m.cid, { riskLevel: 'high' })
        return Promise.resolve()
      },
    )
    expect(new Set(published)).toEqual(new Set(cids))
    expect(published.filter((cid) => cid === updated).length).toBeGreaterThanOrEqual(2)
    expect(cursor).toBe(new Date(now).toISOString())
  })
})
