import { describe, expect, it } from '@jest/globals'
import { benchOptions } from '../../../bench/lib/options.js'

describe('benchmark options', () => {
  it('full mode by default: every scenario, median of 3', () => {
    expect(benchOptions([], {})).toEqual({ quick: false, only: undefined, repeats: 3 })
  })

  it('reads the script arguments (npm run bench -- --quick --only=1,3 --repeats=2)', () => {
    expect(benchOptions(['--quick', '--only=1,3', '--repeats=2'], {})).toEqual({
      quick: true,
      only: [1, 3],
      repeats: 2,
    })
  })

  it('reads what npm keeps for itself (npm run bench --quick --repeats=2 --scenarios=6)', () => {
    const env = { npm_config_quick: 'true', npm_config_repeats: '2', npm_config_scenarios: '6' }
    expect(benchOptions([], env)).toEqual({ quick: true, only: [6], repeats: 2 })
    expect(benchOptions([], { npm_config_quick: 'true' })).toEqual({ quick: true, only: undefined, repeats: 1 })
    expect(benchOptions([], { npm_config_quick: 'false' }).quick).toBe(false)
  })

  it('refuses a value it does not understand instead of running the full suite', () => {
    expect(() => benchOptions(['--only=one'], {})).toThrow(/scenario numbers 1-6/)
    expect(() => benchOptions(['--only=7'], {})).toThrow(/scenario numbers 1-6/)
    expect(() => benchOptions([], { npm_config_repeats: '0' })).toThrow(/--repeats must be a positive integer/)
  })
})
