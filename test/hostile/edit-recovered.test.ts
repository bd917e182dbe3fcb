/**
 * Issue 21, item 8: text an edit could not save is kept in `recovered/`, and the command the refusal
 * prints applies it again: the kept document's front matter sets the fields, it never lands in the body.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProcessEditor } from '../../src/terminal/editor.js'
import { main } from '../../src/main.js'
import { FileStore } from '../../src/store/file-store.js'
import { tempDir, testContext, type TestContextOptions } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { meddledContext } from '../support/meddling-store.js'

const ID = 'rasmussen2004gaussian'

function libraryFile() {
  const dir = tempDir('precis-recovered-')
  const path = join(dir, 'library.json')
  writeFileSync(path, JSON.stringify(smallLibrary()))
  return { dir, path, env: { HOME: dir } }
}

const stored = async (path: string) => {
  const lib = await new FileStore(path).read()
  return { paper: lib.papers.find((p) => p.key === ID)!, summary: lib.summaries.find((s) => s.id === ID)! }
}

const againCommand = (stderr: string) => /Apply it again with: precis edit (\S+) --file (\S+)/.exec(stderr)

describe('a refused edit, kept and applied again', () => {
  it('the refusal prints the command; running it applies the kept front matter as fields and the rest as the body', async () => {
    const { dir, path, env } = libraryFile()
    const options: TestContextOptions = {
      tty: true,
      library: path,
      env,
      editor: (text) => text.replace('title: Gaussian Processes in Machine Learning', 'title: Mine').replace('A GP is', 'My GP is'),
    }
    const ctx = meddledContext(options, (lib) => void (lib.papers[1]!.title = 'Theirs'))
    expect(await main(['edit', ID], ctx)).toBe(1)
    const again = againCommand(ctx.stderr())
    expect(again, ctx.stderr()).not.toBeNull()
    expect(again![1]).toBe(ID)
    expect(again![2]!.startsWith(join(dir, '.local', 'share', 'precis', 'recovered'))).toBe(true)
    expect(readFileSync(again![2]!, 'utf8')).toMatch(/^---\ntitle: Mine\n/)
    expect((await stored(path)).paper.title).toBe('Theirs')

    const retry = testContext({ library: path, env })
    expect(await main(['edit', ID, '--file', again![2]!], retry)).toBe(0)
    const after = await stored(path)
    expect(after.paper.title).toBe('Mine')
    expect(after.summary.body).toBe('My GP is $\\mathcal{GP}(m, k)$.\n')
    expect(after.summary.tags).toEqual(['bayesian'])
  })

  it('a tag added elsewhere does not refuse a body edit: both are kept', async () => {
    const { path, env } = libraryFile()
    const ctx = meddledContext(
      { tty: true, library: path, env, editor: (text) => text + 'More.\n' },
      (lib) => void lib.summaries[2]!.tags.push('kernels'),
    )
    expect(await main(['edit', ID], ctx), ctx.stderr()).toBe(0)
    const after = (await stored(path)).summary
    expect(after.tags).toEqual(['bayesian', 'kernels'])
    expect(after.body).toBe('A GP is $\\mathcal{GP}(m, k)$.\nMore.\n')
  })

  it('edit --file with a document sets its fields; its tags replace, flags win; a plain file stays a body', async () => {
    const { dir, path, env } = libraryFile()
    const document = join(dir, 'doc.md')
    writeFileSync(
      document,
      '---\ntitle: From the file\nauthors:\n  - C. E. Rasmussen\nyear: 2006\ntags: [gp, bayesian]\nby: Me\n---\n\nThe body.\n',
    )
    const ctx = testContext({ library: path, env })
    expect(await main(['edit', ID, '--file', document, '--year', '2004', '--tag', 'extra'], ctx), ctx.stderr()).toBe(0)
    const after = await stored(path)
    expect(after.paper).toMatchObject({ title: 'From the file', authors: ['C. E. Rasmussen'], year: 2004, doi: null })
    expect(after.summary).toMatchObject({ by: 'Me', body: 'The body.\n' })
    expect([...after.summary.tags].sort()).toEqual(['bayesian', 'extra', 'gp'])

    const plain = join(dir, 'plain.md')
    writeFileSync(plain, 'Just text.\n---\nnot front matter\n')
    expect(await main(['edit', ID, '--file', plain], testContext({ library: path, env })), ctx.stderr()).toBe(0)
    expect((await stored(path)).summary.body).toBe('Just text.\n---\nnot front matter\n')
  })

  it('an invalid document given to edit --file is refused (exit 4) and changes nothing', async () => {
    const { dir, path, env } = libraryFile()
    const document = join(dir, 'bad.md')
    writeFileSync(document, '---\ntitle: ""\nauthors: [A]\n---\nBody\n')
    const ctx = testContext({ library: path, env })
    expect(await main(['edit', ID, '--file', document], ctx)).toBe(4)
    expect(ctx.stderr()).toContain('title: a title is needed')
    expect((await stored(path)).summary.body).toBe('A GP is $\\mathcal{GP}(m, k)$.\n')
  })

  it('add --file with a document takes the paper and summary from it', async () => {
    const { dir, path, env } = libraryFile()
    const document = join(dir, 'new.md')
    writeFileSync(
      document,
      '---\ntitle: Attention Is All You Need\nauthors: [Ashish Vaswani]\nyear: 2017\ntags: [nlp]\n---\n\nAttention only.\n',
    )
    const ctx = testContext({ library: path, env })
    expect(await main(['add', '--file', document], ctx), ctx.stderr()).toBe(0)
    const lib = await new FileStore(path).read()
    const id = ctx.stdout().trim()
    const added = lib.summaries.find((s) => s.id === id)!
    expect(added).toMatchObject({ body: 'Attention only.\n', tags: ['nlp'] })
    expect(lib.papers.find((p) => p.key === added.paper)).toMatchObject({
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani'],
      year: 2017,
    })
  })

  it.each([
    ['edit', ['edit', ID]],
    ['add', ['add', '--title', 'T', '--author', 'A', '--year', '2000', '--tag', 'x', '--edit']],
  ])('%s: an editor that exits non-zero keeps the text in recovered/, the temp folder is gone', async (_name, args) => {
    const { dir, path, env } = libraryFile()
    const ctx = { ...testContext({ tty: true, library: path, env, answers: { tags: [] } }), editor: new ProcessEditor({ EDITOR: 'false' }) }
    expect(await main(args, ctx)).toBe(1)
    expect(ctx.stderr()).toContain('The editor (false) exited with status 1; nothing was saved')
    const kept = /Your text is kept at (\S+)/.exec(ctx.stderr())?.[1]
    const recovered = join(dir, '.local', 'share', 'precis', 'recovered')
    expect(kept?.startsWith(recovered), ctx.stderr()).toBe(true)
    expect(readdirSync(recovered)).toHaveLength(1)
    if (args[0] === 'edit') expect(readFileSync(kept!, 'utf8')).toMatch(/^---\ntitle: Gaussian/)
  })
})
