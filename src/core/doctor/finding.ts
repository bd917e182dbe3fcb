/** What `precis doctor` reports: one problem, its kind, and its remedy. */

/** Kinds of finding, stable for `--json` and scripts. */
export type FindingKind =
  | 'unreadable-library'
  | 'missing-library'
  | 'duplicate-paper'
  | 'duplicate-summary'
  | 'missing-paper'
  | 'trash-missing-paper'
  | 'bad-tags'
  | 'case-twin-keys'
  | 'stale-lock'
  | 'leftover-temp-files'
  | 'backup-newer'
  | 'damaged-backup'
  | 'missing-attachment'
  | 'orphaned-attachment'

/** One problem, with its remedy. */
export interface Finding {
  kind: FindingKind
  /** What is wrong, in a sentence (raw text: sanitised when shown). */
  problem: string
  /** What `doctor --fix` does about it, or what to do by hand. */
  fix: string
  /** True when `doctor --fix` repairs it safely. */
  fixable: boolean
  /** The keys, ids or paths concerned. */
  subjects: string[]
}
