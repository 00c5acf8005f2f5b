import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { isChildShieldIntervention } from '../../../src/mapping/child-shield-intervention.js'

describe('isChildShieldIntervention', () => {
  it.each([
    [
      'a hospital visit with an empty homeservice list (§2.3)',
      { ovstist: '01', activities: { homeservice: [] } },
      false,
    ],
    ['a visit without activities', { vstdate: '2024-06-03' }, false],
    ['a visit with unreadable activities', { activities: 'nonsense' }, false],
    ['a visit whose primeroservice is null', { activities: { primeroservice: null } }, false],
    ['an OSCC home visit (ovstist "oscc", D3)', { ovstist: ' OSCC ', activities: { homeservice: [] } }, true],
    ['home-service (PLH) data', { activities: { homeservice: [{ serviceType: 'oscc', questionnaire: [] }] } }, true],
    ['a single home-service object', { activities: { homeservice: { serviceType: 'oscc' } } }, true],
    ['the bridge’s own record (primeroservice, no homeservice)', { activities: { primeroservice: {} } }, true],
  ])('%s → %s', (_label, intervention, expected) => {
    expect(isChildShieldIntervention(intervention)).toBe(expected)
  })
})

describe('the reference fixtures', () => {
  const moph = (name: string) =>
    JSON.parse(readFileSync(new URL(`../../fixtures/moph/${name}.json`, import.meta.url), 'utf8')) as {
      interventions?: Record<string, unknown>[]
    } & Record<string, unknown>

  it('D3 (the stored Child-Shield intervention) is Child-Shield’s; the C1 and C2 visits are hospital visits', () => {
    expect(isChildShieldIntervention(moph('d3-intervention'))).toBe(true)
    const visits = [
      ...(moph('c1-person-with-visit').interventions ?? []),
      ...(moph('c2-person-anc').interventions ?? []),
    ]
    expect(visits.length).toBeGreaterThan(1)
    for (const visit of visits) expect(isChildShieldIntervention(visit)).toBe(false)
  })
})
