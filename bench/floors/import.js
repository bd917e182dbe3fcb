// Floor of `precis import <dir>` into an empty library: read the same Markdown files, then save
// durably one file the size of the library that precis makes of them (measured once beforehand).
// Usage: node bench/floors/import.js <export dir> <library bytes> <library.json>
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { writeDurably } from './durable.js'

const [folder, bytes, library] = process.argv.slice(2)
for (const name of readdirSync(folder)) readFileSync(join(folder, name), 'utf8')
writeDurably(library, Buffer.alloc(Number(bytes), ' '))
