/** Runs the CLI from the TypeScript sources, without building: `npm run dev -- <command> …`. */
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv);
