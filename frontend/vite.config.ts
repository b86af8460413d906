import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the same bundle is served by the Wails webview and by `boletos serve`.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // Component tests type into jsdom; leave room for a busy 2-core machine.
    testTimeout: 20_000,
    // Every core (Vitest's default leaves one to its main process, which mostly waits):
    // about a quarter less time on a 2-core machine.
    maxWorkers: '100%',
    restoreMocks: true,
    mockReset: true,
    unstubGlobals: true,
  },
});
