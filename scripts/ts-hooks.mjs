// Lets Node (>= 22.18 / 24) run the TypeScript sources directly with its built-in type stripping:
// relative imports are written with a `.js` suffix (as tsc requires) and resolved here to the `.ts` file.
//   node --import ./scripts/ts-hooks.mjs src/main.ts ...
import { registerHooks } from 'node:module'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

registerHooks({
  resolve(specifier, context, nextResolve) {
    if ((specifier.startsWith('.') || specifier.startsWith('/')) && specifier.endsWith('.js') && context.parentURL) {
      const ts = new URL(specifier.slice(0, -3) + '.ts', context.parentURL)
      if (ts.protocol === 'file:' && existsSync(fileURLToPath(ts))) return nextResolve(ts.href, context)
    }
    return nextResolve(specifier, context)
  },
})
