import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from '@jest/globals'

/** test/fixtures/mapping/ */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'mapping')

export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as unknown
}

/**
 * Compares `actual` (as JSON) with the golden file. With UPDATE_GOLDEN=1 the file is (re)written
 * instead — review the diff before committing it.
 */
export function expectGolden(actual: unknown, name: string): void {
  const path = join(FIXTURES, name)
  const json = JSON.parse(JSON.stringify(actual)) as unknown
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1`)
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`)
    return
  }
  expect(json).toEqual(JSON.parse(readFileSync(path, 'utf8')))
}

export const CTX = {
  requestId: '0b6f1c1e-2f0a-4c55-9a3e-5f1d2e3c4b5a',
  recordId: '9c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5',
  requestedBy: 'cw_test_01',
  fetchedAt: Date.UTC(2024, 6, 16, 3, 0, 0),
} as const

export const PATCH_OPTS = {
  syncUrl: 'https://bridge.example.org/primero/sync',
  now: new Date('2024-07-16T03:00:00.000Z'),
}

/** Person fixtures with the national id the lookup was made for. */
export const PERSON_FIXTURES = [
  { name: 'his-person-opd-visit', nationalId: '1100700045217' },
  { name: 'his-person-anc-visit', nationalId: '1419900033218' },
  { name: 'his-person-no-visits', nationalId: '3411100077431' },
  { name: 'his-person-messy', nationalId: '1500100022182' },
] as const
