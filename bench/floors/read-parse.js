// Floor of the commands that read the library: node reading it and parsing it, nothing else.
// Usage: node bench/floors/read-parse.js <library.json>
// At 100k summaries of 3–6 KB it fails: the file is longer than V8's longest string (the store
// reads such a file record by record).
import { readFileSync } from 'node:fs'

JSON.parse(readFileSync(process.argv[2], 'utf8'))
