// ESLint for the whole tree: `npm run lint` runs it with --max-warnings 0, so every rule here is an error in effect.
// TypeScript files get typescript-eslint's type-aware rules; the plain JavaScript of bench/, scripts/ and bin/
// gets the same syntax rules without type information (it is not in any tsconfig).
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/out/', 'coverage/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `x == null` is kept for "null or undefined" (optional fields that may also be null).
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // `typeof import('zod')` stays allowed: it types a module that is loaded lazily, to keep start-up lean.
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Off: async functions without await are how interfaces returning promises are met (Store.read,
      // Prompter, Editor), and `async` turns a throw into a rejection the caller awaits.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // scripts/build.mjs makes each imported Node module one module of its plain values: a namespace
      // import would lack the getters (fs.promises), silently.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^node:/] > ImportNamespaceSpecifier',
          message: 'Import the names used from a Node module, or its default export (see scripts/build.mjs).',
        },
        {
          // Each item of a list spread into a call's arguments goes on the stack: past ~125,000 items the call throws.
          selector: 'CallExpression[callee.property.name=/^(push|unshift|splice|max|min|fromCharCode|fromCodePoint)$/] > SpreadElement',
          message: 'A list spread into arguments throws past ~125,000 items: use largest, smallest or pushAll (src/core/lists.ts).',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests assert on the raw bytes precis writes to a terminal (escapes, BEL, C0 and C1 controls).
      'no-control-regex': 'off',
      // Tests parse the JSON the binary prints and assert on it with expect(): typing every parse would
      // add assertions that check nothing.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS (bin/package.json says so): a CommonJS entry starts without Node's ES loader (see the file).
    // And the test preloads given to node's -r, which must be CommonJS.
    files: ['bin/precis.js', 'test/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
