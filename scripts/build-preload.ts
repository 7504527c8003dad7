// Bundles main/preload/preload.ts into one CommonJS file, dist/preload/preload.js: a sandboxed Electron
// preload can require only 'electron', so its imports from main/shared must be inlined.
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(__dirname, '..');

/** Build the preload bundle; resolves with the output path. */
export async function buildPreload(outDir: string = path.join(root, 'dist', 'preload')): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      target: 'node20',
      lib: {
        entry: path.join(root, 'main', 'preload', 'preload.ts'),
        formats: ['cjs'],
        fileName: () => 'preload.js',
      },
      rollupOptions: { external: ['electron'] },
    },
  });
  return path.join(outDir, 'preload.js');
}

if (require.main === module) {
  buildPreload().then(
    (file) => process.stdout.write(`preload bundled: ${path.relative(root, file)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
