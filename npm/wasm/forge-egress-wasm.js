#!/usr/bin/env node
// Runs the WebAssembly forge-egress (forge-egress.js + .wasm, Emscripten) in a worker
// thread with a 512 MB stack: WebAssembly frames live on the thread's own stack, and a
// main thread's (1 MB on Windows, 8 MB on Linux and macOS) is too small for deeply
// nested code. Arguments and exit code pass through; the program writes to the real
// stdout and stderr itself (NODERAWFS).
'use strict';
const path = require('path');
const { Worker } = require('worker_threads');

const worker = new Worker(path.join(__dirname, 'forge-egress.js'), {
  argv: process.argv.slice(2),
  env: process.env,
  resourceLimits: { stackSizeMb: 512 },
});
worker.on('error', (err) => {
  process.stderr.write(`forge-egress (wasm): ${err && err.message ? err.message : err}\n`);
  process.exitCode = 2;
});
worker.on('exit', (code) => {
  if (process.exitCode === undefined) process.exitCode = code;
});
