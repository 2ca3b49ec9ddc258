#!/usr/bin/env node
// `npm run web`: the browser mode. The loopback bridge that serves the app's IPC contract
// to a browser is the main-process issue's work; until it lands, say so plainly.
console.error('The browser mode (a loopback bridge serving the renderer on 127.0.0.1) is not built yet.');
process.exit(1);
