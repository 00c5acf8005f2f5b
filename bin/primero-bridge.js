#!/usr/bin/env node
// Runs the built CLI (dist/main.js) when present, else the TypeScript sources in this same process:
// scripts/ts-hooks.mjs resolves the `.js` imports to `.ts` and Node (>= 22.18) strips the types.
import { existsSync } from 'node:fs'
import process from 'node:process'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = join(root, 'dist', 'main.js')
const [major, minor] = process.versions.node.split('.').map(Number)

if (existsSync(built)) {
  await import(pathToFileURL(built).href)
} else if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `error: Node ${process.versions.node} cannot run the TypeScript sources (need >= 22.18, or build with 'npm run build')\n` +
      "hint: run it through 'scripts/node.sh bin/primero-bridge.js ...', which provides Node 24\n",
  )
  process.exit(2)
} else {
  await import(pathToFileURL(join(root, 'scripts', 'ts-hooks.mjs')).href)
  await import(pathToFileURL(join(root, 'src', 'main.ts')).href)
}
