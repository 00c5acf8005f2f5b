/** Metric label for a mapping warning ("<field>: <why>" → field); bounded, never a value. */
export function warningField(warning: string): string {
  const field = warning.split(':', 1)[0]?.trim()
  return field === undefined || field === '' ? 'unknown' : field
}
