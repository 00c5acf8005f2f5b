import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'

/**
 * The optional configuration file named by CONFIG_FILE: KEY=VALUE lines in dotenv format, as node:util's parseEnv
 * reads them (`#` comments and quoted values included). `known` tells settings from typos: an unknown key is a
 * problem, not silently ignored. Returns the values and every problem found.
 */
export function readConfigFile(
  path: string,
  known: (key: string) => boolean,
): { values: Record<string, string>; problems: string[] } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return { values: {}, problems: [`CONFIG_FILE: cannot read ${path}`] }
  }
  const values: Record<string, string> = {}
  const problems: string[] = []
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (value === undefined) continue
    if (known(key)) values[key] = value
    else problems.push(`CONFIG_FILE: ${key} is not a primero-bridge setting (in ${path})`)
  }
  return { values, problems }
}
