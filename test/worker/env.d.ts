import type { Env as WorkerEnv } from '../../src/index.ts';

// `env` from cloudflare:workers, in tests, is the Worker's own bindings.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
