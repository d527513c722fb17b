'use strict'
// Every ```js block of README.md and docs/*.md type-checks with `tsc --strict`
// (checkJs) against the package's declarations, as a newcomer's editor would
// check it. Blocks that need packages this one does not install (express)
// are checked for what they import instead.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const ROOT = path.join(__dirname, '../../..')
const PACKAGE = path.join(__dirname, '..')

/** The ```js blocks of a Markdown file. */
function jsBlocks(file) {
  const text = fs.readFileSync(file, 'utf8')
  return [...text.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => m[1])
}

/** The modules a block imports or requires. */
function imports(code) {
  return [...code.matchAll(/(?:from\s+|require\()\s*'([^']+)'/g)].map((m) => m[1])
}

function docs() {
  const files = [path.join(ROOT, 'README.md')]
  for (const name of fs.readdirSync(path.join(ROOT, 'docs')).sort()) {
    if (name.endsWith('.md')) files.push(path.join(ROOT, 'docs', name))
  }
  return files.flatMap((file) => jsBlocks(file).map((code, n) => ({ file, n, code })))
}

test('the docs have js blocks and each names only modules it can use', () => {
  const blocks = docs()
  assert.ok(blocks.length >= 3, `only ${blocks.length} js blocks`)
  for (const { file, n, code } of blocks) {
    for (const name of imports(code)) {
      assert.ok(
        name === '@foxy-rs/foxy' || name.startsWith('@foxy-rs/foxy/') || name.startsWith('node:') || name === 'express',
        `${path.relative(ROOT, file)} block ${n} imports ${name}`,
      )
    }
  }
})

test('every js block of the docs passes tsc --strict', () => {
  // Inside the package folder, so that '@foxy-rs/foxy' resolves to it (by its
  // own name and "exports") and @types/node is found; removed afterwards.
  const dir = fs.mkdtempSync(path.join(PACKAGE, '.docs-check-'))
  try {
    const files = []
    for (const { file, n, code } of docs()) {
      // ES modules (import, top-level await) as .mjs, CommonJS as .cjs.
      const ext = /^import /m.test(code) ? 'mjs' : 'cjs'
      const name = `${path.basename(file, '.md')}-${n}.${ext}`
      fs.writeFileSync(path.join(dir, name), code)
      if (imports(code).includes('express')) {
        // Express is not installed here: the syntax only.
        const check = spawnSync(process.execPath, ['--check', path.join(dir, name)], { encoding: 'utf8' })
        assert.equal(check.status, 0, `${name}: ${check.stderr}`)
        continue
      }
      files.push(name)
    }
    assert.ok(files.length >= 2, `only ${files.length} blocks to check`)
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          allowJs: true,
          checkJs: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          types: ['node'],
        },
        files,
      }),
    )
    const tsc = require.resolve('typescript/bin/tsc')
    const result = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' })
    assert.equal(result.status, 0, result.stdout + result.stderr)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
