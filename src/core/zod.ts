/**
 * zod's functional API (`zod/mini`) with its English messages: every schema module imports zod
 * from here, so whichever entry point validates (CLI, server, map, tests) reports the same
 * messages. `zod/mini` leaves the locale unset (messages would all read "Invalid input"); its
 * schemas carry no methods per instance, which makes building the framework schema cheaper
 * (docs/performance.md).
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
