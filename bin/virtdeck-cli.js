#!/usr/bin/env node
// The command-line client, built by `npm run build` into out/cli/.
import '../out/cli/index.js';
