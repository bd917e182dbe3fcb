import { describe, expect, it } from 'vitest'
import { isEditDocument } from '../../../src/formats/edit-document.js'

describe("isEditDocument: a --file in the editor's format, or a plain body", () => {
  it.each([
    ['front matter', '---\ntitle: T\n---\nBody', true],
    ['front matter with CRLF', '---\r\ntitle: T\r\n---\r\nBody', true],
    ['a --- line with trailing spaces', '---  \ntitle: T\n---\n', true],
    ['plain text', 'Body text\n', false],
    ['a rule further down', 'Body\n---\nmore\n', false],
    ['a rule with text after it on the first line', '--- a note\n', false],
    ['empty', '', false],
    ['indented dashes', ' ---\ntitle: T\n', false],
  ])('%s → %s', (_, text, expected) => expect(isEditDocument(text)).toBe(expected))
})
