#!/usr/bin/env node
// The forge-egress launcher: runs the native binary of this platform's optional package
// (@forge-egress/<platform>-<arch>), with arguments, stdio and exit code passed through
// unchanged and signals forwarded. No install scripts: npm installs only the package whose
// `os` and `cpu` match. FORGE_EGRESS_BINARY=/path/to/forge-egress runs that binary instead.
'use strict';
const { spawn } = require('child_process');
const path = require('path');

function nativeBinary() {
  if (process.env.FORGE_EGRESS_BINARY) return process.env.FORGE_EGRESS_BINARY;
  const pkg = `@forge-egress/${process.platform}-${process.arch}`;
  try {
    return require.resolve(`${pkg}/bin/forge-egress`);
  } catch (e) {
    return null;
  }
}

const binary = nativeBinary();
if (!binary) {
  process.stderr.write(
    `forge-egress: no binary for ${process.platform}-${process.arch} ` +
      `(packages exist for linux-x64); build it from source: ` +
      `https://github.com/forge-egress/forge-egress#quick-start\n`);
  process.exit(2);
}

const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit' });
const forward = (signal) => () => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
child.on('error', (err) => {
  process.stderr.write(`forge-egress: cannot run ${path.basename(binary)}: ${err.message}\n`);
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
