import { exitOnceFlushed } from './exit';
import { main } from './main';

const finish = (code: number): Promise<void> => exitOnceFlushed(code, [process.stdout, process.stderr], (c) => process.exit(c));

main(process.argv.slice(2)).then(
  (code) => finish(code),
  (error: unknown) => {
    process.stderr.write(`virtdeck-cli: internal error: ${String(error)}\n`);
    return finish(1);
  },
);
