import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import avro from 'avsc'
import type { AuditEvent, CaseEvent, Cursor, HisLookupResult, RiskScore } from '../../../src/domain/records.js'
import {
  failedResult,
  invalidRequestResult,
  notFoundResult,
  toHisLookupResult,
} from '../../../src/mapping/his-person-to-lookup-result.js'
import { CTX, PERSON_FIXTURES, loadFixture } from '../mapping/fixtures.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

function typeOf(name: string): avro.Type {
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'schemas', `org.primerobridge.${name}.avsc`), 'utf8'),
  ) as avro.Schema
  return avro.Type.forSchema(schema)
}

function expectRoundTrip(type: avro.Type, value: unknown): void {
  const problems: string[] = []
  const valid = type.isValid(value, { errorHook: (path) => problems.push(path.join('.')) })
  expect(problems).toEqual([])
  expect(valid).toBe(true)
  expect(type.fromBuffer(type.toBuffer(value))).toEqual(value)
}

interface FieldDef {
  name: string
  doc?: string
  type: unknown
}

/** Every field of every record in the schema, nested ones included. */
function allFields(node: unknown, out: FieldDef[] = []): FieldDef[] {
  if (Array.isArray(node)) node.forEach((item) => allFields(item, out))
  else if (typeof node === 'object' && node !== null) {
    const record = node as { fields?: FieldDef[]; type?: unknown; items?: unknown }
    for (const field of record.fields ?? []) {
      out.push(field)
      allFields(field.type, out)
    }
    if (record.items !== undefined) allFields(record.items, out)
  }
  return out
}

describe('Avro schemas and TS record types', () => {
  it.each(['HisLookupResult', 'RiskScore'])(
    '%s parses, with a doc on every field and null defaults on unions',
    (name) => {
      const raw = JSON.parse(readFileSync(join(ROOT, 'schemas', `org.primerobridge.${name}.avsc`), 'utf8')) as unknown
      expect(typeOf(name).name).toBe(`org.primerobridge.${name}`)
      for (const field of allFields(raw)) {
        expect(field.doc ? field.name : `no doc: ${field.name}`).toBe(field.name)
        if (Array.isArray(field.type)) {
          expect(field.type[0]).toBe('null')
          expect((field as { default?: unknown }).default).toBeNull()
        }
      }
    },
  )

  it('tags PII fields', () => {
    const raw = JSON.parse(
      readFileSync(join(ROOT, 'schemas', 'org.primerobridge.HisLookupResult.avsc'), 'utf8'),
    ) as unknown
    const pii = allFields(raw)
      .filter((f) => (f as { pii?: boolean }).pii)
      .map((f) => f.name)
    expect(pii).toEqual(
      expect.arrayContaining(['nationalId', 'person', 'visits', 'firstName', 'birthday', 'riskModel']),
    )
  })

  it('round-trips the record fixtures', () => {
    expectRoundTrip(typeOf('CaseEvent'), loadFixture('records/case-event.json'))
    expectRoundTrip(typeOf('AuditEvent'), loadFixture('records/audit-event.json'))
    expectRoundTrip(typeOf('Cursor'), loadFixture('records/cursor.json'))
    expectRoundTrip(typeOf('RiskScore'), loadFixture('records/risk-score.json'))
  })

  // The Record<keyof T, true> literals make tsc fail when a TS type gains or loses a field; the test
  // then fails when the schema's top-level fields differ from the TS type's.
  const tsFields: Record<string, Record<string, true>> = {
    CaseEvent: {
      eventId: true,
      type: true,
      source: true,
      occurredAt: true,
      recordId: true,
      caseId: true,
      caseIdDisplay: true,
      nationalId: true,
      nationalIdIssue: true,
      status: true,
      lastUpdatedAt: true,
      requestedBy: true,
      caseData: true,
    } satisfies Record<keyof CaseEvent, true>,
    AuditEvent: {
      auditId: true,
      occurredAt: true,
      stage: true,
      actor: true,
      system: true,
      action: true,
      resource: true,
      recordId: true,
      fields: true,
      outcome: true,
      httpStatus: true,
      correlationId: true,
      detail: true,
    } satisfies Record<keyof AuditEvent, true>,
    Cursor: { source: true, value: true, takenAt: true, recordsPublished: true } satisfies Record<keyof Cursor, true>,
    RiskScore: {
      nationalId: true,
      childShieldCaseId: true,
      riskLevel: true,
      summaryRiskLevel: true,
      improveLevel: true,
      severityTypes: true,
      physical: true,
      mental: true,
      sexual: true,
      caseStatus: true,
      osccTeamIds: true,
      officerId: true,
      careGiverUser: true,
      caseUserId: true,
      caseStatusBeforeRemove: true,
      importNo: true,
      updatedAt: true,
    } satisfies Record<keyof RiskScore, true>,
    HisLookupResult: {
      requestId: true,
      recordId: true,
      nationalId: true,
      status: true,
      reason: true,
      requestedBy: true,
      person: true,
      visits: true,
      riskModel: true,
      fetchedAt: true,
    } satisfies Record<keyof HisLookupResult, true>,
  }

  it.each(Object.keys(tsFields))('%s TS type has exactly the schema fields', (name) => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', `org.primerobridge.${name}.avsc`), 'utf8')) as {
      fields: { name: string }[]
    }
    expect(Object.keys(tsFields[name] ?? {}).sort()).toEqual(schema.fields.map((f) => f.name).sort())
  })

  it('round-trips every HisLookupResult the mapping produces', () => {
    const type = typeOf('HisLookupResult')
    const ctx = { ...CTX, nationalId: '1100700045217' }
    const results: HisLookupResult[] = [
      ...PERSON_FIXTURES.map(({ name, nationalId }) =>
        toHisLookupResult(loadFixture(`${name}.json`), { ...CTX, nationalId }),
      ),
      notFoundResult(ctx),
      invalidRequestResult({ ...ctx, nationalId: null }, 'national-id-missing'),
      failedResult(ctx, 'his-rejected'),
    ]
    for (const result of results) expectRoundTrip(type, result)
  })
})
