/**
 * `precis doctor` on the attached files: a file a paper records that is not in its folder, and what
 * lies in the attachment folder that no paper records (a folder no paper owns, a file its paper
 * does not list). Papers in the trash keep their files, so `restore` finds them. Pure: the
 * command lists the folder (src/store/attachment-files.ts).
 */
import path from 'node:path'
import type { Library, Paper } from '../model.js'
import { fileAttachments, keyFolderName } from '../attachments/attachments.js'
import type { Finding } from './finding.js'

/** Each paper of the library or its trash, by its folder's name. */
function owners(lib: Library): Map<string, Paper[]> {
  const byFolder = new Map<string, Paper[]>()
  const papers = [...lib.papers, ...lib.trash.flatMap((entry) => (entry.paper ? [entry.paper] : []))]
  for (const paper of papers) {
    const folder = keyFolderName(paper.key)
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), paper])
  }
  return byFolder
}

/**
 * Findings about attachments. `folders`: what `root` holds (entry name → its file names, null for
 * an entry that is not a folder), or null when there is no attachment folder.
 */
export function checkAttachments(lib: Library, root: string, folders: ReadonlyMap<string, readonly string[] | null> | null): Finding[] {
  const findings: Finding[] = []
  const byFolder = owners(lib)
  for (const [folder, papers] of byFolder) {
    // A link (or a file) in the folder's place: one finding below, not each file as missing, whose
    // advice (attach --rm) would have the person forget files that are still there.
    if (folders?.get(folder) === null) continue
    const present = new Set(folders?.get(folder) ?? [])
    for (const paper of papers) {
      for (const file of fileAttachments(paper)) {
        if (present.has(file.name)) continue
        const where = path.join(root, folder, file.name)
        findings.push({
          kind: 'missing-attachment',
          fixable: false,
          subjects: [paper.key, where],
          problem: `${paper.key} has ${file.name} attached, but ${where} is missing`,
          fix: `Put the file back there, or forget it: precis attach ${paper.key} ${file.name} --rm`,
        })
      }
    }
  }
  for (const [folder, names] of folders ?? []) {
    const where = path.join(root, folder)
    const papers = byFolder.get(folder)
    if (papers && names === null) {
      const keys = papers.map((paper) => paper.key)
      findings.push({
        kind: 'missing-attachment',
        fixable: false,
        subjects: [...keys, where],
        problem: `${where} holds the attached files of ${keys.join(', ')}, but it is not a folder (a symbolic link, or a file): precis never reads or writes through it`,
        fix: `Put the folder itself there: move the link (or file) aside and the files it leads to into a folder named ${folder}`,
      })
      continue
    }
    if (!papers || names === null) {
      findings.push({
        kind: 'orphaned-attachment',
        fixable: false,
        subjects: [where],
        problem: names === null ? `${where} is not a folder of attached files` : `${where} belongs to no paper of the library or its trash`,
        fix: 'Attach its files to their paper (precis attach <key> <file>), or delete it',
      })
      continue
    }
    const recorded = new Set(papers.flatMap((paper) => fileAttachments(paper).map((file) => file.name)))
    for (const name of names.filter((n) => !recorded.has(n))) {
      findings.push({
        kind: 'orphaned-attachment',
        fixable: false,
        subjects: [path.join(where, name)],
        problem: `${path.join(where, name)} is attached to no paper`,
        fix: `Attach it (precis attach ${papers[0]!.key} ${path.join(where, name)}), or delete it`,
      })
    }
  }
  return findings
}
