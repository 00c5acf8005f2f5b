import { describe, expect, it } from '@jest/globals'
import { OffsetTracker } from '../../../src/pipeline/offset-tracker.js'

describe('OffsetTracker', () => {
  it('only exposes an offset once it and every earlier one are done', () => {
    const t = new OffsetTracker(['10', '11', '12', '13'])
    expect(t.committable()).toBeNull()
    t.done('12')
    expect(t.committable()).toBeNull()
    t.done('10')
    expect(t.committable()).toBe('10')
    t.done('11')
    expect(t.committable()).toBe('12')
    expect(t.complete).toBe(false)
    t.done('13')
    expect(t.committable()).toBe('13')
    expect(t.complete).toBe(true)
  })

  it('handles offsets beyond 2^53 and gaps (compacted topics)', () => {
    const t = new OffsetTracker(['9007199254740993', '9007199254740999'])
    t.done('9007199254740999')
    expect(t.committable()).toBeNull()
    t.done('9007199254740993')
    expect(t.committable()).toBe('9007199254740999')
  })
})
