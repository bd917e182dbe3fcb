// Floor of `precis export --format md --out <dir>`: read and parse the library, then write the same
// Markdown files. Making their text is the command's work, so their bytes are taken from a
// reference export made once by precis.
// Usage: node bench/floors/export.js <library.json> <reference export dir> <out dir>
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const [library, reference, out] = process.argv.slice(2)
JSON.parse(readFileSync(library, 'utf8'))
mkdirSync(out, { recursive: true })
for (const name of readdirSync(reference)) writeFileSync(join(out, name), readFileSync(join(reference, name)))
