import { describe, expect, it } from 'vitest'
import {
  attachmentFileName,
  attachmentsProblem,
  fileToOpen,
  formatSize,
  freeName,
  isAttachmentName,
  keyFolderName,
  linkProblem,
  webPages,
} from '../../../src/core/attachments/attachments.js'
import type { Attachment } from '../../../src/core/model.js'

const isTimestamp = (value: unknown) => typeof value === 'string' && value.endsWith('Z')
const file = (name: string, sha = 'a'.repeat(64)): Attachment => ({
  kind: 'file',
  name,
  sha256: sha,
  size: 1,
  added: '2026-01-01T00:00:00Z',
})

describe('attachmentFileName', () => {
  it.each([
    ['paper.pdf', 'paper.pdf'],
    ['/home/x/Downloads/1704.01212v3.pdf', '1704.01212v3.pdf'],
    ['C:\\Users\\x\\paper.PDF', 'paper.PDF'],
    ['../../etc/passwd', 'passwd'],
    ['..', 'untitled'],
    ['.', 'untitled'],
    ['.bashrc', 'untitled.bashrc'],
    ['we ird&;$(x).pdf', 'we-ird-x.pdf'],
    ['-rf.pdf', 'rf.pdf'],
    ['con.pdf', '_con.pdf'],
    ['NUL', '_NUL'],
    ['a\u0000b\u001b[31m.pdf', 'a-b-31m.pdf'],
    ['Schrödinger.pdf', 'Schrödinger.pdf'],
    ['paper.', 'paper'],
    ['x.verylongextension', 'x.verylongextension'.replace('.', '.')],
  ])('%j → %j', (original, name) => {
    expect(attachmentFileName(original)).toBe(name)
  })

  it('keeps names within 200 bytes, extension kept', () => {
    const name = attachmentFileName('é'.repeat(300) + '.pdf')
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200)
    expect(name.endsWith('.pdf')).toBe(true)
  })

  it.each(['paper.pdf', '../x', '..', 'a/b', '.hidden', 'con.txt', 'with space.pdf', '', 'a\nb'])(
    'a stored name is one it would make: %j',
    (name) => {
      expect(isAttachmentName(name)).toBe(name !== '' && attachmentFileName(name) === name)
      if (isAttachmentName(name)) expect(name).not.toMatch(/[/\\]|^\.|\s/)
    },
  )
})

describe('freeName', () => {
  it.each([
    [[], 'a.pdf', 'a.pdf'],
    [[file('a.pdf')], 'a.pdf', 'a-2.pdf'],
    [[file('A.PDF')], 'a.pdf', 'a-2.pdf'],
    [[file('a.pdf'), file('a-2.pdf')], 'a.pdf', 'a-3.pdf'],
    [[file('notes')], 'notes', 'notes-2'],
  ] as [Attachment[], string, string][])('%j + %s → %s', (list, name, free) => {
    expect(freeName(name, list)).toBe(free)
  })
})

describe('keyFolderName', () => {
  it.each([
    ['gilmer2017neural', 'gilmer2017neural'],
    ['Gilmer2017', '+gilmer2017'],
    ['smith:2020/abc', 'smith%3A2020%2Fabc'],
    ['..', '%2E%2E'],
    ['a.b', 'a%2Eb'],
    ['con', '%63on'],
    ['é', '%C3%A9'],
    ['a%2F', 'a%252+f'],
  ])('%j → %j', (key, folder) => {
    expect(keyFolderName(key)).toBe(folder)
  })

  it('gives keys that differ only in case or punctuation their own folders', () => {
    const keys = ['ab', 'AB', 'Ab', 'a/b', 'a:b', 'a.b', 'a_b', 'a-b', 'a%2Fb', 'a+b']
    expect(new Set(keys.map(keyFolderName).map((n) => n.toLowerCase())).size).toBe(keys.length)
  })

  it('shortens a long key with a hash, still distinct', () => {
    const a = keyFolderName('x'.repeat(190) + 'a')
    const b = keyFolderName('x'.repeat(190) + 'b')
    expect(a.length).toBeLessThanOrEqual(150)
    expect(a).not.toBe(b)
  })
})

describe('linkProblem', () => {
  it.each([
    ['https://arxiv.org/abs/1704.01212', null],
    ['http://example.org/a?b=c#d', null],
    ['ftp://example.org/x', 'only http and https links can be attached, not ftp:'],
    ['file:///etc/passwd', 'only http and https links can be attached, not file:'],
    ['javascript:alert(1)', 'only http and https links can be attached, not javascript:'],
    ['https://exa mple.org', 'a link has no spaces or control characters'],
    ['https://example.org/\u001b[31m', 'a link has no spaces or control characters'],
    ['not a url', 'a link has no spaces or control characters'],
    ['nourl', 'not a URL'],
    ['https://' + 'a'.repeat(2000), 'a link is at most 2000 characters'],
  ])('%j', (url, problem) => {
    expect(linkProblem(url)).toBe(problem)
  })
})

describe('attachmentsProblem', () => {
  it.each([
    [[], null],
    [[file('a.pdf')], null],
    [[{ kind: 'link', url: 'https://x.org', added: '2026-01-01T00:00:00Z' }], null],
    [[file('../a.pdf')], 'attachment 1: unsafe file name "../a.pdf"'],
    [[file('a.pdf'), file('A.pdf', 'b'.repeat(64))], 'attachment 2: two files named "A.pdf"'],
    [[{ ...file('a.pdf'), sha256: 'xyz' }], 'attachment 1: sha256 must be 64 lowercase hex digits'],
    [[{ ...file('a.pdf'), size: -1 }], 'attachment 1: size out of range'],
    [
      [{ kind: 'link', url: 'file:///etc/passwd', added: '2026-01-01T00:00:00Z' }],
      'attachment 1: only http and https links can be attached, not file:',
    ],
    [[{ kind: 'other', added: '2026-01-01T00:00:00Z' }], 'attachment 1: kind must be "file" or "link"'],
    ['x', 'attachments must be a list'],
  ])('%j', (list, problem) => {
    expect(attachmentsProblem(list, isTimestamp)).toBe(problem)
  })
})

describe('what open opens', () => {
  const paper = {
    arxiv: '1704.01212',
    doi: '10.1/a b#c',
    url: 'javascript:alert(1)',
    attachments: [file('notes.txt'), file('paper.pdf', 'b'.repeat(64))],
  }
  it('prefers an attached PDF', () => {
    expect(fileToOpen(paper)?.name).toBe('paper.pdf')
    expect(fileToOpen({ attachments: [file('notes.txt')] })?.name).toBe('notes.txt')
    expect(fileToOpen({})).toBeNull()
  })
  it('lists web pages arXiv first, escaped, and never a URL that is not http(s)', () => {
    expect(webPages(paper)).toEqual(['https://arxiv.org/abs/1704.01212', 'https://doi.org/10.1/a%20b%23c'])
  })
})

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1500, '1.5 kB'],
    [2_345_678, '2.3 MB'],
    [256 * 1024 * 1024, '268 MB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text)
  })
})
