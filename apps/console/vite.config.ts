import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

// The staff console: built once by `npm run setup` into dist/console, served by every node at `/`.
// `npm run console:dev` serves it with hot reload and forwards the API to TONGBAN_CONSOLE_API.
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.TONGBAN_CONSOLE_API ?? 'http://127.0.0.1:3101';
const apiPaths = ['/auth', '/cases', '/public', '/catalog', '/monitor', '/supervision', '/assessment', '/staff', '/dead-letters', '/health', '/audit', '/calendar', '/complaints', '/follow-ups', '/accountability', '/rectifications', '/county-items', '/implementation', '/counter', '/node', '/metrics'];

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  server: { proxy: Object.fromEntries(apiPaths.map((p) => [p, api])) },
});
