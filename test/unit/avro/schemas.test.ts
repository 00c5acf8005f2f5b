import { describe, expect, it } from '@jest/globals'
import { backwardCompatibility } from '../../../src/avro/compatibility.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'

const schemas = loadSchemas()

type Field = { name: string; type: unknown; default?: unknown; doc?: string; pii?: boolean }
function fieldsOf(schema: unknown): Field[] {
  const out: Field[] = []
  const walk = (s: unknown) => {
    if (Array.isArray(s)) return s.forEach(walk)
    if (typeof s !== 'object' || s === null) return
    const rec = s as { type?: unknown; fields?: Field[]; items?: unknown }
    if (rec.type === 'record')
      for (const f of rec.fields ?? []) {
        out.push(f)
        walk(f.type)
      }
    if (rec.type === 'array') walk(rec.items)
  }
  walk(schema)
  return out
}

describe('schemas/', () => {
  it('holds every record of design §3, each parsing with avsc', () => {
    expect([...schemas.types.keys()].sort()).toEqual(Object.values(SCHEMA_NAMES).sort())
  })

  it.each(Object.values(SCHEMA_NAMES))('%s documents every field', (name) => {
    const undocumented = fieldsOf(schemas.raw.get(name)).filter((f) => !f.doc)
    expect(undocumented.map((f) => f.name)).toEqual([])
  })

  it('tags the identifying and health fields as PII', () => {
    const pii = (name: string) =>
      fieldsOf(schemas.raw.get(name))
        .filter((f) => f.pii)
        .map((f) => f.name)
    expect(pii(SCHEMA_NAMES.caseEvent)).toEqual(expect.arrayContaining(['nationalId', 'caseData']))
    expect(pii(SCHEMA_NAMES.riskScore)).toContain('nationalId')
    expect(pii(SCHEMA_NAMES.hisLookupResult)).toEqual(expect.arrayContaining(['nationalId']))
  })

  it('accepts a backward-compatible change (a new optional field) and rejects an incompatible one', () => {
    const current = schemas.raw.get(SCHEMA_NAMES.caseEvent) as { fields: Field[] }
    const withOptional = {
      ...current,
      fields: [...current.fields, { name: 'channel', type: ['null', 'string'], default: null, doc: 'x' }],
    }
    expect(backwardCompatibility(withOptional, current)).toEqual({ compatible: true })

    const withRequired = { ...current, fields: [...current.fields, { name: 'channel', type: 'string', doc: 'x' }] }
    expect(backwardCompatibility(withRequired, current).compatible).toBe(false)

    const retyped = {
      ...current,
      fields: current.fields.map((f) => (f.name === 'recordId' ? { ...f, type: 'long' } : f)),
    }
    expect(backwardCompatibility(retyped, current).compatible).toBe(false)
  })
})
