#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { endQuietlyWhenReaderCloses } from '../dist/src/cli/closed-pipe.js';
import { main } from '../dist/src/cli/main.js';

endQuietlyWhenReaderCloses(process.stdout);
main(process.argv).catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
