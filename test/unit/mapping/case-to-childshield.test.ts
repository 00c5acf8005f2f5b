import { describe, expect, it } from '@jest/globals'
import {
  buildChildShieldCreateBody,
  buildChildShieldPatchBody,
  buildChildShieldSnapshot,
  childShieldDayKey,
  isEligibleForChildShield,
  type ChildShieldTranslations,
} from '../../../src/mapping/case-to-childshield.js'
import { expectGolden, loadFixture } from './fixtures.js'

const caseData = loadFixture('primero-case.json') as Record<string, unknown>
const raw = loadFixture('childshield-translations.json') as {
  options: Record<string, Record<string, string>>
  locations: Record<string, string>
}
const translations: ChildShieldTranslations = raw
const asMaps: ChildShieldTranslations = {
  options: new Map(Object.entries(raw.options).map(([field, table]) => [field, new Map(Object.entries(table))])),
  locations: new Map(Object.entries(raw.locations)),
}

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
  it('builds the golden snapshot grouped by form section', () => {
    expectGolden(buildChildShieldSnapshot(caseData, translations), 'expected-childshield-snapshot.json')
  })

  it('accepts Map translations with the same result', () => {
    expect(buildChildShieldSnapshot(caseData, asMaps)).toEqual(buildChildShieldSnapshot(caseData, translations))
  })

  it('never includes HIS-sourced subform rows or HIS diagnosis fields', () => {
    const snapshot = buildChildShieldSnapshot(caseData, translations)
    const json = JSON.stringify(snapshot)
    expect(json).not.toContain('"his"')
    expect(json).not.toContain('Negative')
    expect(json).not.toContain('T741')
    expect(snapshot.physical_check_2).toEqual([
      expect.objectContaining({ unique_id: '5b0c6a1e-1f2a-4d3b-9c4d-5e6f7a8b9c0d' }),
    ])
    expect(snapshot.new_pregnancy).toEqual([])
  })

  it('sends selects as {id: label}, multi-selects as [{id: label}], locations as {code: name}', () => {
    const snapshot = buildChildShieldSnapshot(caseData, translations)
    expect(snapshot.assessment).toMatchObject({ risk_level: { high: 'สูง' }, urgent_protection_concern: true })
    expect(snapshot['formsection-perpetrator-details-998d1e0']).toEqual({
      occupation_1: { pre_school: 'ก่อนวัยเรียน' },
      stimulant_9191303: [{ alcohol: 'สุรา' }, { pornography: 'สื่อลามก' }],
    })
    expect(snapshot.basic_identity).toMatchObject({
      location_current: { TH190101: 'ประเทศไทย:ตัวอย่าง:ทดสอบ:สมมติ' },
      other_id_no: '',
    })
    expect(snapshot.closure_form).toEqual({ status: { open: 'เปิด' }, closure_reason: null, date_closure: null })
  })

  it('uses the given form-section map and sends only its fields', () => {
    const snapshot = buildChildShieldSnapshot(caseData, translations, {
      case_id_display: 'basic_identity',
      risk_level: 'assessment',
    })
    expect(snapshot).toEqual({
      basic_identity: { case_id_display: 'e3f4a5b' },
      assessment: { risk_level: { high: 'สูง' } },
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
