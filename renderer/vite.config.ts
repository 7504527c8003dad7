// Vite build of the renderer (React + Tailwind): `vite build renderer` writes dist/renderer with relative
// asset paths so the same files load from file:// in Electron and from the loopback host.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: { host: '127.0.0.1', fs: { allow: ['..'] } },
});
