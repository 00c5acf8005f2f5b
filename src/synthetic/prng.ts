/** A small deterministic PRNG (mulberry32) with the helpers the synthetic generator needs. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
  hex(length: number): string
  digits(length: number): string
}

const HEX = '0123456789abcdef'
const DIGITS = '0123456789'

export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const draw = (length: number, alphabet: string): string => {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(next() * alphabet.length))
    return out
  }
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
    chance: (probability) => next() < probability,
    hex: (length) => draw(length, HEX),
    digits: (length) => draw(length, DIGITS),
  }
}

/** Derives an independent seed for item `index` of a run seeded with `seed` (so any item can be rebuilt alone). */
export function deriveSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

/** Between `min` and `max` distinct items of `items`, in the list's order (a multi-select's answer). */
export function pickSome<T>(rng: Rng, items: readonly T[], min: number, max: number): T[] {
  const wanted = rng.int(min, Math.min(max, items.length))
  const chosen = new Set<T>()
  while (chosen.size < wanted) chosen.add(rng.pick(items))
  return items.filter((item) => chosen.has(item))
}
