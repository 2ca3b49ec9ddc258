import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`virtdeck-cli: internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
