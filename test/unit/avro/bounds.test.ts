import { describe, expect, it } from '@jest/globals'
import avro from 'avsc'
import { avroBodyProblem } from '../../../src/avro/bounds.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import { toHisLookupResult } from '../../../src/mapping/his-person-to-lookup-result.js'
import { CTX, PERSON_FIXTURES, loadFixture } from '../mapping/fixtures.js'

const schemas = loadSchemas()
const resultType = schemas.type(SCHEMA_NAMES.hisLookupResult)
const results = PERSON_FIXTURES.map(({ name, nationalId }) =>
  toHisLookupResult(loadFixture(`${name}.json`), { ...CTX, nationalId }),
)

/** Zig-zag varint of a non-negative count. */
function varint(n: number): Buffer {
  const out: number[] = []
  let z = n * 2
  while (z >= 128) {
    out.push((z % 128) | 0x80)
    z = Math.floor(z / 128)
  }
  out.push(z)
  return Buffer.from(out)
}

/** A HisLookupResult body cut right before `visits`, followed by a forged block count and nothing else. */
function forgedVisitCount(count: number): Buffer {
  // visits, riskModel (null) and fetchedAt (0) are the last three fields, one byte each here
  const valid = resultType.toBuffer({ ...results[0], person: null, visits: [], riskModel: null, fetchedAt: 0 })
  return Buffer.concat([valid.subarray(0, valid.length - 3), varint(count)])
}

describe('avroBodyProblem', () => {
  it('accepts every valid encoding, including many and nested items', () => {
    for (const result of results) expect(avroBodyProblem(resultType, resultType.toBuffer(result))).toBeUndefined()
    const many = { ...results[0]!, visits: Array.from({ length: 50 }, () => results[0]!.visits[0]!) }
    expect(avroBodyProblem(resultType, resultType.toBuffer(many))).toBeUndefined()
    const maps = avro.Type.forSchema({ type: 'map', values: { type: 'array', items: ['null', 'long', 'bytes'] } })
    const value = { a: [null, 2 ** 40, Buffer.from('x')], '': [], ข้อมูล: [-1] }
    expect(avroBodyProblem(maps, maps.toBuffer(value))).toBeUndefined()
    const blocked = avro.Type.forSchema({ type: 'array', items: 'string' })
    const negativeBlock = Buffer.from([0x01, 0x04, 0x02, 0x61, 0x00]) // count -1 with a byte size of 2, 'a', end
    expect(blocked.fromBuffer(negativeBlock)).toEqual(['a'])
    expect(avroBodyProblem(blocked, negativeBlock)).toBeUndefined()
  })

  it('refuses a forged array count at once instead of letting avsc allocate it', () => {
    const bomb = forgedVisitCount(2 ** 31)
    expect(bomb.length).toBeLessThan(200)
    expect(avroBodyProblem(resultType, bomb)).toBe('a block of 2147483648 items in 0 bytes')
  })

  it('refuses forged string lengths, map counts, union branches and truncated bodies', () => {
    const strings = avro.Type.forSchema({ type: 'record', name: 'S', fields: [{ name: 's', type: 'string' }] })
    expect(avroBodyProblem(strings, Buffer.concat([varint(1_000), Buffer.from('abc')]))).toMatch(/length of 1000/)
    const map = avro.Type.forSchema({ type: 'map', values: 'null' })
    expect(avroBodyProblem(map, varint(2 ** 40))).toMatch(/block of/)
    const union = avro.Type.forSchema(['null', 'string'])
    expect(avroBodyProblem(union, varint(7))).toBe('union branch 7 does not exist')
    const valid = resultType.toBuffer(results[0])
    for (const cut of [1, Math.floor(valid.length / 2), valid.length - 1])
      expect(avroBodyProblem(resultType, valid.subarray(0, cut))).toBeDefined()
    expect(avroBodyProblem(strings, Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1]))).toBe(
      'a varint longer than 10 bytes',
    )
  })
})
