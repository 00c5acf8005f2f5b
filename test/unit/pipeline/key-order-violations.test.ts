import { describe, expect, it } from '@jest/globals'
import { keyOrderViolations } from '../../support/http-target.js'

// The oracle the delivery tests use for the per-key order promise.
const writes = (seqs: number[], key = 'k') => seqs.map((seq, at) => ({ key, seq, at }))

describe('keyOrderViolations', () => {
  it('accepts in-order delivery and redeliveries that re-run a suffix', () => {
    expect(keyOrderViolations(writes([0, 1, 2, 3]))).toEqual([])
    expect(keyOrderViolations(writes([0, 1, 2, 3, 2, 3, 4]))).toEqual([])
    expect(keyOrderViolations(writes([0, 1, 2, 1, 2, 0, 1, 2, 3]))).toEqual([])
  })
  it('catches a record arriving ahead of its turn', () => {
    expect(keyOrderViolations(writes([0, 2, 1]))).not.toEqual([])
  })
  it('catches an older write landing after a newer one', () => {
    expect(keyOrderViolations(writes([0, 1, 2, 3, 1]))).toEqual(['k: last write is 1, not the newest 3'])
  })
  it('catches a redelivery that skips records of the suffix', () => {
    expect(keyOrderViolations(writes([0, 1, 2, 3, 1, 3]))).toEqual(['k: 3 written after 1, skipping 2'])
  })
  it('judges each key on its own', () => {
    expect(keyOrderViolations([...writes([0, 1], 'a'), ...writes([0, 1], 'b')])).toEqual([])
  })
})
