import { describe, expect, it } from '@jest/globals'
import { BOOKKEEPING_FIELDS, changesCaseFields, sameJson } from '../../../src/cdc/noop-filter.js'

describe('changesCaseFields', () => {
  const base = { status: 'open', services: [{ unique_id: 'a', type: 'x' }], last_updated_at: 't1' }

  it('ignores every bookkeeping field, and only those', () => {
    const touched = Object.fromEntries([...BOOKKEEPING_FIELDS].map((f) => [f, 'changed']))
    expect(changesCaseFields(base, { ...base, ...touched })).toBe(false)
    expect(BOOKKEEPING_FIELDS.has('record_state')).toBe(false)
    expect(changesCaseFields({ ...base, record_state: true }, { ...base, record_state: false })).toBe(true)
  })

  it('sees added, removed and nested changes, not key order', () => {
    expect(changesCaseFields(base, { ...base, sex: 'female' })).toBe(true)
    expect(changesCaseFields({ ...base, sex: 'female' }, base)).toBe(true)
    expect(changesCaseFields(base, { ...base, services: [{ unique_id: 'a', type: 'y' }] })).toBe(true)
    expect(
      changesCaseFields(base, { last_updated_at: 't2', services: [{ type: 'x', unique_id: 'a' }], status: 'open' }),
    ).toBe(false)
  })
})

describe('sameJson', () => {
  it.each([
    [null, null, true],
    [null, undefined, false],
    [{ a: null }, {}, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    ['1', 1, false],
    [{ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } }, true],
  ])('sameJson(%j, %j) is %s', (a, b, expected) => {
    expect(sameJson(a, b)).toBe(expected)
  })
})
