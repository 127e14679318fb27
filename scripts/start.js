// `npm start`: builds what changed (scripts/build.js), then runs `cassanova start` with npm start's arguments
// in this same process, which saves a second Node.js start-up on every `npm start`.
import { build } from './build.js';

await build();
process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], new URL('../dist/cassanova-cli.js', import.meta.url).pathname, 'start', ...process.argv.slice(2)];
await import('../dist/cassanova-cli.js');
