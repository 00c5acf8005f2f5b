import { describe, expect, it } from '@jest/globals'
import { describeFilter, matchesFilter, parseReplayFilter, replayOrder, replayedFrom } from '../../../src/dlq/filter.js'
import { ValidationError } from '../../../src/errors.js'

const letter = (key: string, errorClass: string, at: string) => ({
  key: Buffer.from(key),
  headers: { 'dlq.error.class': errorClass, 'dlq.dead.lettered.at': at },
})

describe('DLQ replay filter', () => {
  it('matches every given condition: key, error class, inclusive time range', () => {
    const l = letter('rec-1', 'DeliveryError', '2026-03-01T10:00:00.000Z')
    expect(matchesFilter(l, {})).toBe(true)
    expect(matchesFilter(l, { key: 'rec-1' })).toBe(true)
    expect(matchesFilter(l, { key: 'rec-2' })).toBe(false)
    expect(matchesFilter(l, { errorClass: 'DeliveryError' })).toBe(true)
    expect(matchesFilter(l, { errorClass: 'TransformError' })).toBe(false)
    const f = parseReplayFilter({ from: '2026-03-01T10:00:00Z', to: '2026-03-01T10:00:00Z' })
    expect(matchesFilter(l, f)).toBe(true)
    expect(matchesFilter(l, parseReplayFilter({ from: '2026-03-01T10:00:01Z' }))).toBe(false)
    expect(matchesFilter(l, parseReplayFilter({ to: '2026-03-01T09:59:59Z' }))).toBe(false)
    expect(matchesFilter(l, { key: 'rec-1', errorClass: 'TransformError' })).toBe(false)
  })

  it('does not match a time filter when the dead-lettered-at header is missing', () => {
    expect(matchesFilter({ key: null, headers: {} }, { from: 0 })).toBe(false)
    expect(matchesFilter({ key: null, headers: {} }, {})).toBe(true)
  })

  it('rejects unreadable times and an empty range', () => {
    expect(() => parseReplayFilter({ from: 'last tuesday' })).toThrow(ValidationError)
    expect(() => parseReplayFilter({ to: '1700000000' })).toThrow(ValidationError)
    expect(() => parseReplayFilter({ from: '2026-02-02', to: '2026-02-01' })).toThrow(/--from must not be after --to/)
  })

  it('orders by partition then numeric offset (per-key order kept)', () => {
    const ordered = replayOrder([
      { partition: 1, offset: '2' },
      { partition: 0, offset: '10' },
      { partition: 0, offset: '9' },
      { partition: 1, offset: '1' },
    ])
    expect(ordered).toEqual([
      { partition: 0, offset: '9' },
      { partition: 0, offset: '10' },
      { partition: 1, offset: '1' },
      { partition: 1, offset: '2' },
    ])
  })

  it('names the replay source and never puts the key into the audit detail', () => {
    expect(replayedFrom('t.dlq', { partition: 2, offset: '7' })).toEqual({ 'dlq.replayed.from': 't.dlq/2/7' })
    const detail = describeFilter({ key: 'secret-record-id', errorClass: 'DeliveryError', from: 0 })
    expect(JSON.stringify(detail)).not.toMatch(/secret-record-id/)
    expect(detail).toEqual({ key: true, errorClass: 'DeliveryError', from: '1970-01-01T00:00:00.000Z' })
  })
})
