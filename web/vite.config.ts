/**
 * The partner map's build. `root` is web/, output web/dist/ with relative asset paths
 * (base './') so the server can mount the build anywhere. In development (`vite --config
 * web/vite.config.ts`) /api and /geo are proxied to a running `wardrank serve` (WARDRANK_API,
 * default http://127.0.0.1:8080).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.WARDRANK_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // maplibre-gl is ~1 MB minified on its own; the warning would only repeat that.
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': api, '/geo': api },
  },
});
