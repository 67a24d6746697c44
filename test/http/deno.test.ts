/**
 * The docs' `Deno.serve` snippet, as printed, under the Deno the `deno` devDependency ships (see
 * web-runtime-suite.ts): no `request.signal` warning on stderr among what it shows.
 */
import { webRuntimeSuite } from './web-runtime-suite.js';

webRuntimeSuite('deno', 'Deno.serve', ['run', '--allow-net', '--allow-env', 'main.mjs']);
