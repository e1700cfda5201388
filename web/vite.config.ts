/// <reference types="vitest/config" />
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a Brotli copy (`.br`, quality 11) beside every text asset of 1 KB or more, once at build
 * time; the server's resource chain answers it to browsers that accept br (WebUiConfiguration), and
 * gzips the rest per response. Node's own zlib: no dependency.
 */
function precompress(): Plugin {
  const TEXT = /\.(js|css|html|svg|json|txt)$/;
  let outDir = 'dist';
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
  return {
    name: 'miyabi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      for (const file of files(path.join(outDir, 'assets'))) {
        const content = readFileSync(file);
        if (!TEXT.test(file) || content.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
          }),
        );
      }
    },
  };
}

// `npm run dev` serves the UI on :5173 and forwards API, WebSocket and JWKS calls to a running
// server (MIYABI_SERVER, default http://localhost:8080), so the browser sees one origin as in production.
const server = process.env.MIYABI_SERVER ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/.well-known': { target: server, changeOrigin: true },
      '/ws': { target: server, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The server's CSP allows no inline script: keep every script an external file.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    unstubGlobals: true,
    // Quiet in CI (Maven sets CI=true): a dot per test, and console output only of tests that fail.
    reporters: process.env.CI ? ['dot'] : ['default'],
    silent: 'passed-only',
    // The build machines are shared: a render that waits for a busy CPU is slow, not broken.
    testTimeout: 15_000,
    // Vitest's default is one worker fewer than the machine has cores: one worker on the two-core build
    // machines, where nothing else runs while the UI's tests do.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One jsdom per worker, not per test file (92 s → ~30 s here): every test starts from an empty DOM,
    // session and storage (setup-tests.ts), and the suite passes with its files shuffled
    // (`npx vitest run --sequence.shuffle.files`).
    isolate: false,
    // Line coverage of the UI's code, printed by `npm test` (the build's Vitest run); the build
    // fails below the threshold. The HTML report lands in coverage/.
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      exclude: ['src/**/*.test.{ts,tsx}', 'src/testing/**', 'src/api/schema.d.ts', 'src/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      thresholds: { lines: 70 },
      reportOnFailure: true,
    },
  },
});
