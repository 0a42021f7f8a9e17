// Prepended to the WebAssembly build's forge-egress.js (Emscripten --pre-js).
// The .wasm beside this file, read up front: Emscripten 3.1.6 would fetch() it, which
// Node 18+ has but cannot do for a file path.
Module.wasmBinary = require('fs').readFileSync(require('path').join(__dirname, 'forge-egress.wasm'));
// The program's environment is the Node process's (Emscripten otherwise gives it a
// fixed, made-up one).
Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  for (var k in process.env) ENV[k] = process.env[k];
});
