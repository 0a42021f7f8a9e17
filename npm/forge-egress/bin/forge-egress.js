#!/usr/bin/env node
// The forge-egress launcher: runs the native binary of this platform's optional package
// (@forge-egress/<platform>-<arch>), or, where none fits (macOS, Windows, other CPUs), the
// WebAssembly build of @forge-egress/wasm under this Node. Arguments, stdio and exit code
// are passed through unchanged and signals forwarded. No install scripts: npm installs
// only the packages whose `os` and `cpu` match.
//   FORGE_EGRESS_BINARY=/path/to/forge-egress  runs that binary instead
//   FORGE_EGRESS_WASM=1                        runs the WebAssembly build even where a
//                                              native one exists
'use strict';
const { spawn } = require('child_process');
const path = require('path');

function resolve(file) {
  try {
    return require.resolve(file);
  } catch (e) {
    return null;
  }
}

// [command, leading arguments], or null.
function program() {
  if (process.env.FORGE_EGRESS_BINARY) return [process.env.FORGE_EGRESS_BINARY, []];
  if (process.env.FORGE_EGRESS_WASM !== '1') {
    const native = resolve(`@forge-egress/${process.platform}-${process.arch}/bin/forge-egress`);
    if (native) return [native, []];
  }
  const wasm = resolve('@forge-egress/wasm/forge-egress-wasm.js');
  if (wasm) return [process.execPath, [wasm]];
  return null;
}

const found = program();
if (!found) {
  process.stderr.write(
    `forge-egress: no binary for ${process.platform}-${process.arch} and no ` +
      `@forge-egress/wasm (native packages exist for linux-x64 and linux-arm64); ` +
      `reinstall forge-egress with optional dependencies, or build it from source: ` +
      `https://github.com/forge-egress/forge-egress#quick-start\n`);
  process.exit(2);
}

const [command, leading] = found;
const child = spawn(command, leading.concat(process.argv.slice(2)), { stdio: 'inherit' });
const forward = (signal) => () => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
child.on('error', (err) => {
  process.stderr.write(`forge-egress: cannot run ${path.basename(command)}: ${err.message}\n`);
  process.exit(2);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so the caller sees what the binary saw.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code);
});
