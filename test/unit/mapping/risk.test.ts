import { describe, expect, it } from '@jest/globals'
import { riskModelToScore } from '../../../src/mapping/risk-model-to-score.js'
import { riskScoreToPrimeroFields } from '../../../src/mapping/risk-to-primero.js'
import { RISK_FIELDS } from '../../../src/mapping/field-map.js'
import { expectGolden, loadFixture } from './fixtures.js'

const models = loadFixture('risk-models.json') as Record<string, Record<string, unknown>>

function score(name: string) {
  const result = riskModelToScore(models[name])
  if (result === null) throw new Error(`fixture ${name} gave no score`)
  return result
}

describe('riskModelToScore', () => {
  it('maps every fixture to the golden RiskScore', () => {
    expectGolden(
      Object.fromEntries(Object.keys(models).map((name) => [name, riskModelToScore(models[name])])),
      'expected-risk-scores.json',
    )
  })

  it('stringifies mixed-type scores and keeps Y/N', () => {
    expect(score('medium-numeric')).toMatchObject({ physical: '0.9', mental: '0.5', sexual: '0.4' })
    expect(score('new-yes-no')).toMatchObject({ physical: 'N', mental: 'Y', sexual: 'Y', nationalId: '1419900033218' })
    expect(score('follow-up')).toMatchObject({
      sexual: '0',
      nationalId: '3411100077431',
      updatedAt: Date.UTC(2024, 6, 10, 8),
    })
  })

  it('normalises arrays and treats the string "null" as null', () => {
    expect(score('unknown-values')).toMatchObject({
      severityTypes: ['ทางเพศ'],
      osccTeamIds: [],
      mental: null,
      physical: null,
      importNo: '7',
    })
    expect(score('medium-numeric').severityTypes).toEqual([])
  })

  it('needs a valid national id, from the model or the fallback', () => {
    expect(riskModelToScore({ riskLevel: 'low' })).toBeNull()
    expect(riskModelToScore('nonsense')).toBeNull()
    expect(riskModelToScore({ cid: '123' }, { nationalId: '1100700045217' })?.nationalId).toBe('1100700045217')
  })
})

describe('riskScoreToPrimeroFields', () => {
  it('maps every fixture to the golden Primero fields', () => {
    expectGolden(
      Object.fromEntries(Object.keys(models).map((name) => [name, riskScoreToPrimeroFields(score(name))])),
      'expected-risk-fields.json',
    )
  })

  it('matches option values ignoring case and reads "Unchange" as unchanged', () => {
    const { data, warnings } = riskScoreToPrimeroFields(score('follow-up'))
    expect(data[RISK_FIELDS.riskLevel]).toBe('high_8df42a5')
    expect(data[RISK_FIELDS.improveLevel]).toBe('unchanged_f10da80')
    expect(data[RISK_FIELDS.caseStatus]).toBe('sent_cm_e29bdb2')
    expect(data[RISK_FIELDS.severityTypes]).toEqual(['physical_2529d27', 'forsake_ca4e172'])
    expect(data[RISK_FIELDS.osccTeamIds]).toBe('team0000000000000000dddd, team0000000000000000eeee')
    expect(warnings).toEqual([])
    expect(riskScoreToPrimeroFields(score('new-yes-no')).data[RISK_FIELDS.riskLevel]).toBe('low_c8318d2')
  })

  it('sends real nulls, never the string "null"', () => {
    const { data } = riskScoreToPrimeroFields(score('medium-numeric'))
    expect(Object.values(data)).not.toContain('null')
    expect(data[RISK_FIELDS.officerId]).toBeNull()
    expect(data[RISK_FIELDS.severityTypes]).toBeNull()
  })

  it('maps unknown values to null with a warning that names the field, not the value', () => {
    const { data, warnings } = riskScoreToPrimeroFields(score('unknown-values'))
    expect(data[RISK_FIELDS.riskLevel]).toBeNull()
    expect(data[RISK_FIELDS.improveLevel]).toBeNull()
    expect(data[RISK_FIELDS.caseStatus]).toBeNull()
    expect(warnings).toHaveLength(3)
    expect(warnings.join(' ')).toContain(RISK_FIELDS.riskLevel)
    for (const secret of ['extreme', 'better', 'archived']) expect(warnings.join(' ')).not.toContain(secret)
  })
})
