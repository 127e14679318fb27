// `npm run build`'s second step: the bundles of rolldown.config.js, through rolldown's API, which unlike
// its CLI does not print a size table on every `npm start`.
import { build } from 'rolldown';
import bundles from '../rolldown.config.js';

for (const options of bundles) await build(options);
