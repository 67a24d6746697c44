// The shard worker from the TypeScript sources (`npm run start:sharded` through tsx). A worker
// thread does not inherit the tsx loader that `node --import tsx` registered in the main
// thread, so it registers its own before loading the worker. A build runs shard-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');
