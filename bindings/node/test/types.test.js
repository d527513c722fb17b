'use strict'
// The TypeScript declarations (generated index.d.ts plus foxy.d.ts) type-check
// a program written against the API (types.ts), and reject misuse of it
// (types-invalid.ts): each line marked `@ts-expect-error` there is an error,
// and the only one, so the declarations are neither too loose nor too strict.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const ts = require('typescript')

const CONFIG = path.join(__dirname, 'tsconfig.json')
const INVALID = path.join(__dirname, 'types-invalid.ts')
const DIRECTIVE = /^\s*\/\/ @ts-expect-error\b/

test('types.ts compiles and every @ts-expect-error in types-invalid.ts is used', () => {
  const tsc = require.resolve('typescript/bin/tsc')
  const result = spawnSync(process.execPath, [tsc, '-p', CONFIG], { encoding: 'utf8' })
  assert.equal(result.status, 0, result.stdout + result.stderr)
})

test('without its directives, types-invalid.ts fails exactly on the marked lines', () => {
  const lines = fs.readFileSync(INVALID, 'utf8').split('\n')
  const expected = []
  const stripped = lines.map((line, i) => {
    if (!DIRECTIVE.test(line)) return line
    expected.push(i + 2) // the 1-based number of the line after the directive
    return ''
  })
  assert.ok(expected.length >= 10, `only ${expected.length} expectations`)

  const { config } = ts.readConfigFile(CONFIG, ts.sys.readFile)
  // The config file name roots type resolution at test/ (and so its node_modules/@types), not
  // at the directory node runs from.
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, __dirname, undefined, CONFIG)
  const host = ts.createCompilerHost(options)
  const read = host.getSourceFile.bind(host)
  host.getSourceFile = (file, language, ...rest) =>
    path.resolve(file) === INVALID
      ? ts.createSourceFile(file, stripped.join('\n'), language)
      : read(file, language, ...rest)
  const program = ts.createProgram([INVALID], options, host)
  const diagnostics = ts.getPreEmitDiagnostics(program)

  const elsewhere = diagnostics.filter((d) => !d.file || path.resolve(d.file.fileName) !== INVALID)
  assert.deepEqual(elsewhere.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [])
  const failing = new Set(
    diagnostics.map((d) => d.file.getLineAndCharacterOfPosition(d.start).line + 1),
  )
  assert.deepEqual([...failing].sort((a, b) => a - b), expected)
})
