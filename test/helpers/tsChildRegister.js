// Lets a child process run this project's TypeScript sources (`node -r ./test/helpers/tsChildRegister.js bot/index.ts`)
// without a build: each .ts file is transpiled on load (no type check; jest's ts-jest does the same).
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(outputText, filename);
};
