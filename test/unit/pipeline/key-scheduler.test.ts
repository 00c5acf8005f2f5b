import { describe, expect, it } from '@jest/globals'
import { runKeyOrdered } from '../../../src/pipeline/key-scheduler.js'
import { createSemaphore } from '../../../src/pipeline/semaphore.js'

const msgs = (keys: (string | null)[]) => keys.map((key, i) => ({ key, offset: String(i) }))
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('runKeyOrdered', () => {
  it('keeps per-key order while running different keys concurrently, within the bound', async () => {
    const messages = msgs(['a', 'b', 'a', 'c', 'b', 'a'])
    const order: string[] = []
    let active = 0
    let peak = 0
    await runKeyOrdered(
      messages,
      async (m) => {
        active++
        peak = Math.max(peak, active)
        await tick(m.key === 'a' ? 15 : 5)
        order.push(`${m.key}${m.offset}`)
        active--
      },
      { semaphore: createSemaphore(2), shouldStart: () => true, onSettled: () => undefined },
    )
    expect(order.filter((o) => o.startsWith('a'))).toEqual(['a0', 'a2', 'a5'])
    expect(order.filter((o) => o.startsWith('b'))).toEqual(['b1', 'b4'])
    expect(peak).toBe(2)
  })

  it('stops a key after a failure and abandons records not started when told to stop', async () => {
    const settled: string[] = []
    let stop = false
    await runKeyOrdered(
      msgs(['a', 'a', 'b', 'c']),
      async (m) => {
        if (m.offset === '0') throw new Error('shutdown')
        if (m.key === 'b') stop = true
        await tick(1)
      },
      {
        semaphore: createSemaphore(1),
        shouldStart: () => !stop,
        onSettled: (m, err) => settled.push(`${m.offset}:${err ? 'err' : 'ok'}`),
      },
    )
    expect(settled).toEqual(['0:err', '2:ok'])
  })

  it('treats null keys as independent', async () => {
    const seen: string[] = []
    await runKeyOrdered(
      msgs([null, null]),
      async (m) => {
        await tick(m.offset === '0' ? 10 : 1)
        seen.push(m.offset)
      },
      { semaphore: createSemaphore(2), shouldStart: () => true, onSettled: () => undefined },
    )
    expect(seen).toEqual(['1', '0'])
  })
})
