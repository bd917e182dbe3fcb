import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { readLibraryFile, writeLibraryFile } from './support/files.js'
import { BIN, precisOn } from './support/precis.js'

/**
 * An $EDITOR that, while "the person is typing", lets something else change the library (a hand
 * edit of library.json in another window, or another precis), then saves an edited summary.
 */
function editorScript(dir: string, meanwhile: string): string {
  const script = join(dir, 'editor.sh')
  writeFileSync(script, `#!/bin/sh\nset -e\n${meanwhile}\nprintf '\\nWritten in the editor.\\n' >> "$1"\n`, { mode: 0o755 })
  return script
}

/** A shell line that edits the body of summary `id` in library.json directly, as a text editor would. */
function handEdit(library: string, id: string): string {
  const js =
    `const fs=require('fs');const lib=JSON.parse(fs.readFileSync(process.argv[1],'utf8'));` +
    `lib.summaries.find(s=>s.id===process.argv[2]).body='Changed by hand.\\n';fs.writeFileSync(process.argv[1],JSON.stringify(lib,null,2))`
  return `'${process.execPath}' -e "${js}" '${library}' '${id}'`
}

function setting() {
  const dir = tempDir('precis-handedit-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, smallLibrary())
  return { dir, library, env: { HOME: dir, PRECIS_LOCK_TIMEOUT_MS: '3000' } }
}

const bodyOf = (library: string, id: string) => readLibraryFile(library).summaries.find((s) => s.id === id)?.body

describe('a library changed while precis edit has a summary open', () => {
  it('a hand edit of the same summary is kept; the edit is refused and its text saved where the message says', async () => {
    const { dir, library, env } = setting()
    const editor = editorScript(dir, handEdit(library, 'gilmer2017neural'))
    const result = await precisOn(library, ['edit', 'gilmer2017neural'], { env: { ...env, EDITOR: editor } })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      '"gilmer2017neural" was changed by someone else while you were editing (body); your edit was not applied',
    )
    expect(bodyOf(library, 'gilmer2017neural')).toBe('Changed by hand.\n')
    const kept = /Your text is kept at (.+\.md)/.exec(result.stderr)?.[1]
    expect(kept).toBeDefined()
    expect(readFileSync(kept!, 'utf8')).toContain('Written in the editor.')
  })

  it('another precis changing other fields of the same summary meanwhile: both changes are kept, field by field', async () => {
    const { dir, library, env } = setting()
    const other = `'${process.execPath}' '${BIN}' --library '${library}' edit gilmer2017neural --title 'Retitled meanwhile'`
    const result = await precisOn(library, ['edit', 'gilmer2017neural'], { env: { ...env, EDITOR: editorScript(dir, other) } })
    expect(result.code, result.stderr).toBe(0)
    expect(readLibraryFile(library).papers.find((p) => p.key === 'gilmer2017neural')?.title).toBe('Retitled meanwhile')
    expect(bodyOf(library, 'gilmer2017neural')).toContain('Written in the editor.')
  })

  it('a change elsewhere in the library is kept and the edit applied; the open editor holds no lock, so others are not kept waiting', async () => {
    const { dir, library, env } = setting()
    const add = `'${process.execPath}' '${BIN}' --library '${library}' add --title 'Added meanwhile' --author 'Ada Meanwhile' --year 2024 --body x`
    const meanwhile = `${handEdit(library, 'rasmussen2004gaussian')}\n${add}`
    const result = await precisOn(library, ['edit', 'gilmer2017neural'], { env: { ...env, EDITOR: editorScript(dir, meanwhile) } })
    expect(result.code, result.stderr).toBe(0)
    expect(bodyOf(library, 'gilmer2017neural')).toContain('Written in the editor.')
    expect(bodyOf(library, 'rasmussen2004gaussian')).toBe('Changed by hand.\n')
    expect(readLibraryFile(library).papers.map((p) => p.title)).toContain('Added meanwhile')
  })
})
