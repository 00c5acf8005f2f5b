/**
 * Text that must travel as data, byte-for-byte: never interpreted (SQL, markup, templates), never normalised
 * (Unicode NFC, bidi controls, zero-width characters), never cut inside a surrogate pair. No leading or trailing
 * whitespace: HIS values are trimmed on purpose.
 */
export const HOSTILE_TEXT = {
  sql: "'; DROP TABLE cases;--",
  sqlTautology: "x' OR '1'='1",
  script: '<script>alert(1)</script>',
  markup: '<img src=x onerror="alert(document.cookie)">',
  template: '${process.env.PRIMERO_PASSWORD} {{7*7}} %s%n #{`id`}',
  jsonish: '{"data":{"record_id":"other"}}\\"',
  thaiCombining: 'ด.ญ. น้ำฝน ศรีสุข กุ๊กไก่',
  decomposed: 'Cafe\u0301 vs Caf\u00e9',
  emoji: '👧🏽🏥 👨‍👩‍👧 🇹🇭',
  astral: '𠜎𠜱 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  rtl: 'مريم \u202Eabc\u202C שלום',
  invisible: 'a\u200Bb\u200Dc\uFEFFd\u00ADe',
} as const

export const HOSTILE_VALUES: readonly string[] = Object.values(HOSTILE_TEXT)
