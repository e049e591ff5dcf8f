// Worker-thread entry for the robustness runner: registers tsx (the engine is TypeScript run
// without a build step; `--import tsx` in a worker's execArgv does not take effect on Node 20),
// then loads workers.ts, which sees it is a worker and evaluates its share of the runs.
import { register } from 'tsx/esm/api';

register();
await import('./workers.ts');
