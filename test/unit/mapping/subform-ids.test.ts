import { describe, expect, it } from '@jest/globals'
import { BRIDGE_UUID_NAMESPACE, physicalCheckRowId, pregnancyRowId, uuidV5 } from '../../../src/mapping/subform-ids.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('subform unique ids', () => {
  it('joins a 24-hex visit id and the first 8 cid digits as 8-4-4-4-12 (reference A3)', () => {
    expect(physicalCheckRowId('665d8a1f0c3b4e11a2f97b05', 'k', '1100500012340')).toBe(
      '665d8a1f-0c3b-4e11-a2f9-7b0511005000',
    )
    expect(physicalCheckRowId('665D8A1F0C3B4E11A2F97B05', 'k', '1100500012340')).toBe(
      '665d8a1f-0c3b-4e11-a2f9-7b0511005000',
    )
  })

  it('derives a name-based UUIDv5 when the visit id is not 24 hex', () => {
    const id = physicalCheckRowId('333480', 'k', '1100700045217')
    expect(id).toMatch(UUID)
    expect(physicalCheckRowId('333480', 'k', '1100700045217')).toBe(id)
    expect(physicalCheckRowId('333481', 'k', '1100700045217')).not.toBe(id)
    expect(physicalCheckRowId(null, 'vn|date', '1100700045217')).toMatch(UUID)
    expect(physicalCheckRowId(null, 'vn|date', '1100700045217')).not.toBe(
      physicalCheckRowId(null, 'vn|other', '1100700045217'),
    )
  })

  it('implements RFC 4122 v5 (DNS namespace test vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
    expect(BRIDGE_UUID_NAMESPACE).toBe('7d496d8d-8dd4-43ba-81d6-419eba927314')
  })

  it('builds pregnancy ids from index, date digits and cid, zero-padded to 36 characters', () => {
    expect(pregnancyRowId(0, '2024-05-20', '1419900033218')).toBe('12024052-0141-9900-0332-180000000000')
    expect(pregnancyRowId(1, '2024-05-20', '1419900033218')).toBe('22024052-0141-9900-0332-180000000000')
    expect(pregnancyRowId(0, null, null)).toHaveLength(36)
  })
})
