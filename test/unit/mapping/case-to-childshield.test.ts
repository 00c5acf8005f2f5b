import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { decodeLocations, decodeLookups } from '../../../src/clients/primero-labels.js'
import { childShieldTranslations } from '../../../src/flows/childshield-translations.js'
import {
  buildChildShieldCreateBody,
  buildChildShieldPatchBody,
  buildChildShieldSnapshot,
  childShieldDayKey,
  isEligibleForChildShield,
  type ChildShieldTranslations,
} from '../../../src/mapping/case-to-childshield.js'
import {
  CHILD_SHIELD_SECTIONS,
  CHILD_SHIELD_SELECTS,
  LOCATION_FIELDS,
  SUBFORM,
} from '../../../src/mapping/childshield-sections.js'
import { expectGolden, loadFixture } from './fixtures.js'

const primeroAnswer = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../../fixtures/primero/${name}.json`, import.meta.url), 'utf8')) as {
      data: unknown[]
    }
  ).data

const caseData = loadFixture('primero-case.json') as Record<string, unknown>
/** As production builds them: Primero's `GET /api/v2/lookups` and `/locations` answers, decoded by the client. */
const translations = childShieldTranslations(
  decodeLookups(primeroAnswer('lookups')),
  decodeLocations(primeroAnswer('locations')),
)
const asRecords: ChildShieldTranslations = {
  options: Object.fromEntries(
    [...(translations.options as ReadonlyMap<string, ReadonlyMap<string, string>>)].map(([field, table]) => [
      field,
      Object.fromEntries(table),
    ]),
  ),
  locations: Object.fromEntries(translations.locations as ReadonlyMap<string, string>),
}

/** Every `[field, sent value]` of the snapshot: section fields and subform row fields. */
function sentValues(snapshot: Record<string, unknown>): [string, unknown][] {
  return Object.entries(CHILD_SHIELD_SECTIONS).flatMap(([section, spec]) => {
    const value = snapshot[section]
    if (spec !== SUBFORM) return Object.entries(value as Record<string, unknown>)
    return ((value as Record<string, unknown>[] | null) ?? []).flatMap((row) => Object.entries(row))
  })
}

/** The `{id: label}` pairs of a select or location value. */
const labelsOf = (value: unknown): [string, unknown][] =>
  (Array.isArray(value) ? value : [value]).flatMap((item) => Object.entries(item as Record<string, unknown>))

describe('isEligibleForChildShield', () => {
  const cursor = '2024-07-10T06:25:04.177Z'
  it.each([
    ['open, assessment requested on the cursor day', { status: 'open', assessment_requested_on: '2024-07-10' }, true],
    ['open, assessment requested before the cursor', { status: 'open', assessment_requested_on: '2024-07-09' }, false],
    ['open, no assessment requested', { status: 'open' }, false],
    ['transferred counts as not closed', { status: 'transferred', assessment_requested_on: '2024-07-11' }, true],
    [
      'closed after the cursor',
      { status: 'closed', assessment_requested_on: '2024-01-01', date_closure: '2024-07-12' },
      true,
    ],
    [
      'closed before the cursor',
      { status: 'closed', assessment_requested_on: '2024-07-11', date_closure: '2024-07-09' },
      false,
    ],
    ['closed without assessment', { status: 'closed', date_closure: '2024-07-12' }, false],
    ['closed without closure date', { status: 'closed', assessment_requested_on: '2024-07-11' }, false],
  ])('%s', (_label, data, expected) => {
    expect(isEligibleForChildShield(data, cursor)).toBe(expected)
    expect(isEligibleForChildShield(data, new Date(cursor))).toBe(expected)
  })
})

describe('buildChildShieldSnapshot', () => {
  it('builds the golden snapshot grouped by form section, labelled from Primero’s lookups and locations', () => {
    const untranslated: string[] = []
    const snapshot = buildChildShieldSnapshot(caseData, translations, { onUntranslated: (f) => untranslated.push(f) })
    expectGolden(snapshot, 'expected-childshield-snapshot.json')
    expect(untranslated).toEqual([])
  })

  it('sends every configured select and location field of the fixture with a label, never a raw id', () => {
    const closed = { ...caseData, status: 'closed', closure_reason: 'formal_closing', date_closure: '2024-07-20' }
    const sent = [caseData, closed].flatMap((data) => sentValues(buildChildShieldSnapshot(data, translations)))
    const labelled = sent.filter(([field]) => Object.hasOwn(CHILD_SHIELD_SELECTS, field) || LOCATION_FIELDS.has(field))
    const withValue = labelled.filter(([, value]) => value !== null && value !== '')
    expect(new Set(withValue.map(([field]) => field))).toEqual(
      new Set([...Object.keys(CHILD_SHIELD_SELECTS), ...LOCATION_FIELDS]),
    )
    for (const [field, value] of withValue) {
      expect([field, typeof value]).toEqual([field, 'object'])
      for (const [id, label] of labelsOf(value)) expect([field, id, typeof label]).toEqual([field, id, 'string'])
    }
  })

  it('labels every configured lookup from Primero’s answer (each named lookup exists there)', () => {
    const lookups = decodeLookups(primeroAnswer('lookups'))
    const missing = Object.entries(CHILD_SHIELD_SELECTS).filter(
      ([, source]) => 'lookup' in source && !lookups.has(source.lookup),
    )
    expect(missing).toEqual([])
  })

  it('accepts translations as plain objects with the same result', () => {
    expect(buildChildShieldSnapshot(caseData, asRecords)).toEqual(buildChildShieldSnapshot(caseData, translations))
  })

  it('never includes HIS-sourced subform rows, HIS fields or fields outside the section map', () => {
    const snapshot = buildChildShieldSnapshot(caseData, translations)
    const json = JSON.stringify(snapshot)
    for (const leak of ['Negative', 'T741', 'ไม่ส่ง', '3100700011115', 'single', '6108eecccf11000091003cfd', 'female'])
      expect(json).not.toContain(leak)
    expect(snapshot.physical_check_2).toEqual([
      expect.objectContaining({ unique_id: '5b0c6a1e-1f2a-4d3b-9c4d-5e6f7a8b9c0d' }),
    ])
    expect(snapshot.new_pregnancy).toEqual([
      expect.objectContaining({ unique_id: 'a1b2c3d4-0000-4000-8000-000000000009' }),
    ])
    expect(Object.keys(snapshot)).toEqual(Object.keys(CHILD_SHIELD_SECTIONS))
  })

  it('sends selects as {id: label}, multi-selects as [{id: label}], locations as {code: name} (D1, D2)', () => {
    const snapshot = buildChildShieldSnapshot(caseData, translations)
    expect(snapshot.assessment).toMatchObject({ risk_level: { high: 'สูง' }, urgent_protection_concern: true })
    expect(snapshot['formsection-perpetrator-details-998d1e0']).toMatchObject({
      occupation_1: { pre_school: 'ก่อนวัยเรียน' },
      stimulant_9191303: [{ alcohol: 'สุรา' }, { pornography: 'สื่อลามก' }],
    })
    expect(snapshot['formsection-patient-education-and-career-6d53ca5']).toMatchObject({
      email_address: null,
      occupation_1: { pre_school: 'ก่อนวัยเรียน' },
    })
    expect(snapshot.basic_identity).toMatchObject({ location_current: { TH411101: 'ศรีสุทโธ' }, other_id_no: '' })
    expect(snapshot.closure_form).toEqual({
      status: { open: 'เปิด' },
      closure_reason: null,
      closure_reason_other: null,
      date_closure: null,
    })
    const [service] = snapshot.services_section as Record<string, unknown>[]
    expect(service).toMatchObject({
      service_type: { safehouse_service: 'บ้านพักฉุกเฉิน' },
      service_delivery_location: { TH40: 'ขอนแก่น' },
      service_implementing_agency: 'UNICEF',
    })
    const [relative] = snapshot.family_details_section as Record<string, unknown>[]
    expect(relative).toMatchObject({ relation_location_current: { TH4001: 'Mueang Khon Kaen' }, relation_age: 63 })
  })

  it('sends a value without a label as {id: null} and reports its field once, never its value', () => {
    const untranslated: string[] = []
    const snapshot = buildChildShieldSnapshot(
      { risk_level: 'extreme', stimulant_9191303: ['glue', 'alcohol', 'paint'], location_current: 'TH99' },
      translations,
      { onUntranslated: (field) => untranslated.push(field) },
    )
    expect(snapshot.assessment).toMatchObject({ risk_level: { extreme: null } })
    expect(snapshot['formsection-perpetrator-details-998d1e0']).toMatchObject({
      stimulant_9191303: [{ glue: null }, { alcohol: 'สุรา' }, { paint: null }],
    })
    expect(snapshot.basic_identity).toMatchObject({ location_current: { TH99: null } })
    expect(untranslated.sort()).toEqual(['location_current', 'risk_level', 'stimulant_9191303'])
  })

  it('never sends a configured select as a raw id, even when Primero has no such lookup', () => {
    const untranslated: string[] = []
    const snapshot = buildChildShieldSnapshot(
      caseData,
      { options: {}, locations: {} },
      {
        onUntranslated: (field) => untranslated.push(field),
      },
    )
    expect(snapshot['formsection-perpetrator-details-998d1e0']).toMatchObject({
      occupation_1: { pre_school: null },
      stimulant_9191303: [{ alcohol: null }, { pornography: null }],
    })
    expect(untranslated).toContain('occupation_1')
    expect(untranslated).toContain('service_type')
  })

  it('uses the given section layout and sends only its fields', () => {
    const snapshot = buildChildShieldSnapshot(caseData, translations, {
      sections: { basic_identity: ['case_id_display'], assessment: ['risk_level'], witnesses__6c0a33c: SUBFORM },
    })
    expect(snapshot).toEqual({
      basic_identity: { case_id_display: 'e3f4a5b' },
      assessment: { risk_level: { high: 'สูง' } },
      witnesses__6c0a33c: [
        { unique_id: 'a1b2c3d4-0000-4000-8000-000000000008', relation_to_the_child_37c30dc: { teacher: 'ครู' } },
      ],
    })
  })
})

describe('Child-Shield request bodies', () => {
  const snapshot = { basic_identity: { case_id_display: 'e3f4a5b' } }

  it('keys the day by UTC date', () => {
    expect(childShieldDayKey(new Date('2024-07-15T23:30:00.000+07:00'))).toBe('2024-07-15')
    expect(childShieldDayKey(new Date('2024-07-16T00:30:00.000+07:00'))).toBe('2024-07-15')
  })

  it('builds the create body (D1) and the dotted-path patch body (D2)', () => {
    expect(
      buildChildShieldCreateBody({
        cid: '1100700045217',
        personId: '66a0b1c2d3e4f5a6b7c8d9e0',
        day: '2024-07-16',
        snapshot,
      }),
    ).toEqual({
      cid: '1100700045217',
      personId: '66a0b1c2d3e4f5a6b7c8d9e0',
      activities: { primeroservice: { serviceType: 'primero', '2024-07-16': snapshot } },
    })
    expect(buildChildShieldPatchBody('2024-07-16', snapshot)).toEqual({
      'activities.primeroservice.2024-07-16': snapshot,
    })
  })
})
