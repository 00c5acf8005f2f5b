/** What `npm run bench` was asked for. */
export interface BenchOptions {
  readonly quick: boolean
  /** Scenario numbers to run; undefined = all. */
  readonly only: readonly number[] | undefined
  readonly repeats: number
}

/**
 * Options from the script's arguments (`npm run bench -- --quick --only=1,3 --repeats=2`) or, when npm kept the
 * flags for itself (`npm run bench --quick --repeats=2` sets npm_config_quick / npm_config_repeats instead of
 * passing them on), from those variables. npm reserves `--only` for itself: without `--`, use `--scenarios=1,3`.
 * Throws on a value that is not understood, so a typo never silently runs the full suite.
 */
export function benchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BenchOptions {
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
  const npmFlag = (name: string) => {
    const value = env[`npm_config_${name}`]
    return value !== undefined && value !== '' && value !== 'false'
  }
  const quick = argv.includes('--quick') || npmFlag('quick')
  const onlyText = arg('only') ?? arg('scenarios') ?? env.npm_config_scenarios
  const only = onlyText === undefined ? undefined : onlyText.split(',').map(Number)
  if (only?.some((n) => !Number.isInteger(n) || n < 1 || n > 6)) {
    throw new Error(`--only/--scenarios must list scenario numbers 1-6 (got ${onlyText})`)
  }
  const repeatsText = arg('repeats') ?? env.npm_config_repeats
  const repeats = repeatsText === undefined ? (quick ? 1 : 3) : Number(repeatsText)
  if (!Number.isInteger(repeats) || repeats < 1)
    throw new Error(`--repeats must be a positive integer (got ${repeatsText})`)
  return { quick, only, repeats }
}
