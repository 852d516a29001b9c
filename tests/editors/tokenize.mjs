// Tokenise text read from stdin with a TextMate grammar, using the engine of VS Code
// (vscode-textmate with the Oniguruma regular expressions of vscode-oniguruma).
// Usage: node tokenize.mjs GRAMMAR.json < text  ->  JSON list of {line, start, end, text, scopes}
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const grammarPath = process.argv[2];
const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scopeName) => scopeName === 'source.ppkm'
    ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
    : null,
});

const grammar = await registry.loadGrammar('source.ppkm');
const text = fs.readFileSync(0, 'utf8');
const out = [];
let stack = vsctm.INITIAL;
text.split('\n').forEach((line, i) => {
  const result = grammar.tokenizeLine(line, stack);
  for (const t of result.tokens) {
    out.push({ line: i + 1, start: t.startIndex, end: t.endIndex,
               text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
  }
  stack = result.ruleStack;
});
process.stdout.write(JSON.stringify(out));
