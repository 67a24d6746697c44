/** The docs' `Bun.serve` snippet, as printed, under the Bun the `bun` devDependency ships (see web-runtime-suite.ts). */
import { webRuntimeSuite } from './web-runtime-suite.js';

webRuntimeSuite('bun', 'Bun.serve', ['run', 'main.mjs']);
