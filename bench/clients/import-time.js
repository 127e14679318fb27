// Fresh process: how long importing one module takes, everything it loads included.
//   node import-time.js <path of a file | package name>
// Prints {"importMs":...}. A package name resolves from the bench's own node_modules.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

const [what] = process.argv.slice(2);
const specifier = isAbsolute(what) ? pathToFileURL(what).href : what;
const t0 = performance.now();
await import(specifier);
console.log(JSON.stringify({ importMs: performance.now() - t0 }));
