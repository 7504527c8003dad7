// Vite build of the renderer (React + Tailwind): `vite build renderer` writes dist/renderer with relative
// asset paths so the same files load from file:// in Electron and from the loopback host.
// Cornerstone3D with vtk.js, and React, go into their own chunks (cached apart from the app's code).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/** Chunk of a module id: vendor libraries apart from the app. */
function chunkOf(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  // One chunk for Cornerstone and vtk.js: they import each other, and a split between them made a
  // circular chunk whose classes were used before they were defined ("X is not a constructor").
  if (id.includes('/@kitware/vtk.js/') || id.includes('/@cornerstonejs/')) return 'cornerstone';
  if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
  return undefined;
}

export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 5000,
    rollupOptions: { output: { manualChunks: chunkOf } },
  },
  server: { host: '127.0.0.1', fs: { allow: ['..'] } },
});
