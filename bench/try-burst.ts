import { benchBurst } from './burst.js';
import { table } from './lib.js';

const r = await benchBurst(undefined, (l) => console.error(l));
console.log(table(r));
process.exit(0);
