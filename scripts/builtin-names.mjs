// Prints, as JSON, the names Node's module argv[2] holds as plain values in a fresh process (for
// scripts/build.mjs): not getters, which load a module of their own when first read, and which a
// process that has read them (as the build's has) holds as values.
import { createRequire } from 'node:module'

const module = createRequire(import.meta.url)(`node:${process.argv[2]}`)
const names = Object.entries(Object.getOwnPropertyDescriptors(module)).filter(([, descriptor]) => 'value' in descriptor)
process.stdout.write(JSON.stringify(names.map(([name]) => name)))
