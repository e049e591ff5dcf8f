/**
 * A workload to profile: prepare + score of SYNTHETIC data, repeated.
 * `node --cpu-prof --cpu-prof-dir=prof --import tsx bench/profile.ts [areas] [runs]`, then open
 * the .cpuprofile in Chrome DevTools (Performance) or VS Code.
 */
import { prepare, score } from '../src/core/run.ts';
import { syntheticFramework } from './synthetic.ts';

const areas = Number(process.argv[2] ?? 33_755);
const runs = Number(process.argv[3] ?? 10);
const { framework, inputs } = syntheticFramework({ areas, indicators: 60 });
for (let i = 0; i < runs; i++) score(prepare(framework, inputs));
