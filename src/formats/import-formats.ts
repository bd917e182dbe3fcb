// The formats `import` reads: on their own so the command line can name them without loading the readers.

/** The formats `import` reads. */
export type ImportFormat = 'md' | 'json' | 'bibtex' | 'shortscience' | 'csljson' | 'ris' | 'zotero'

export const IMPORT_FORMATS: readonly ImportFormat[] = ['md', 'json', 'bibtex', 'shortscience', 'csljson', 'ris', 'zotero']
