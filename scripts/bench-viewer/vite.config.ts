// Vite build of the bench's bare Cornerstone3D page (scripts/bench-viewer/bare): same bundler, target and
// relative base as renderer/vite.config.ts, without React, Tailwind or any app code.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  logLevel: 'warn',
  build: { emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 6000 },
});
