// Floor of the commands that change the library: read, parse, serialize (indented, as precis
// writes it) and save durably, with no change in between.
// Usage: node bench/floors/rewrite.js <library.json>
import { readFileSync } from 'node:fs'
import { writeDurably } from './durable.js'

const path = process.argv[2]
writeDurably(path, JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), null, 2) + '\n')
