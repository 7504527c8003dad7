// Offline check of electron-builder.yml: validates it with electron-builder's own loader and schema, then
// packs a synthetic app (the real file names of the installed native packages, tiny contents) with
// @electron/asar, unpacking by the config's asarUnpack globs, and checks that every native part lands in
// app.asar.unpacked; and reads the win / mac / linux icons the config names (scripts/iconFiles.ts).
// `npm run check:packaging`; exit code 1 on any problem.
import { createPackageFromStreams, listPackage, type AsarStreamType } from '@electron/asar';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkIcons, WINDOW_ICON } from './iconFiles';

const ROOT = path.resolve(__dirname, '..');

export interface PackagingReport {
  unpacked: string[];
  packed: string[];
  problems: string[];
}

/** Glob match with electron-builder's '!' exclusions: the last matching pattern wins. */
export function matchesFileSet(rel: string, patterns: readonly string[]): boolean {
  let included = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (path.matchesGlob(rel, p.slice(1))) included = false;
    } else if (path.matchesGlob(rel, p)) included = true;
  }
  return included;
}

function filesUnder(dir: string, rel = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? filesUnder(path.join(dir, d.name), path.posix.join(rel, d.name))
      : [path.posix.join(rel, d.name)],
  );
}

/** The synthetic app: relative paths of what electron-builder would put in the app folder. */
export function syntheticAppFiles(root: string = ROOT): { app: string[]; nodeModules: string[] } {
  const ort = filesUnder(path.join(root, 'node_modules/onnxruntime-node/bin')).map(
    (f) => `node_modules/onnxruntime-node/bin/${f}`,
  );
  const sqlite = new Set(['node_modules/better-sqlite3/build/Release/better_sqlite3.node']);
  for (const f of filesUnder(path.join(root, 'node_modules/better-sqlite3/build/Release'))) {
    if (!f.includes('/')) sqlite.add(`node_modules/better-sqlite3/build/Release/${f}`);
  }
  return {
    app: [
      'package.json',
      'dist/main/app/main.js',
      'dist/main/app/main.js.map',
      'dist/preload/preload.js',
      'dist/renderer/index.html',
      'dist/renderer/assets/index.js',
      'dist/renderer/assets/index.js.map',
      'models/demo-model/localizer.onnx',
      'models/demo-model/manifest.json',
      'models/demo-model/MODEL_CARD.md',
      'models/training/train.py',
      WINDOW_ICON,
      'assets/icon.svg',
    ],
    nodeModules: [
      'node_modules/onnxruntime-node/package.json',
      'node_modules/onnxruntime-node/dist/index.js',
      ...ort,
      'node_modules/better-sqlite3/package.json',
      'node_modules/better-sqlite3/lib/index.js',
      ...sqlite,
    ],
  };
}

function checkNativeParts(unpacked: readonly string[], all: readonly string[], problems: string[]): void {
  const has = (re: RegExp): boolean => unpacked.some((f) => re.test(f));
  if (!has(/onnxruntime-node\/bin\/.*\/linux\/x64\/libonnxruntime\.so\.\d+$/))
    problems.push('libonnxruntime.so.* (linux x64) is not unpacked');
  if (!has(/onnxruntime-node\/bin\/.*\/onnxruntime_binding\.node$/))
    problems.push('onnxruntime_binding.node is not unpacked');
  if (!has(/better-sqlite3\/build\/Release\/better_sqlite3\.node$/))
    problems.push('better_sqlite3.node is not unpacked');
  if (!has(/^models\/.*\.onnx$/))
    problems.push('model .onnx files are not unpacked (onnxruntime reads real paths)');
  const bindingDirs = new Set(
    all.filter((f) => f.endsWith('/onnxruntime_binding.node')).map((f) => path.posix.dirname(f)),
  );
  for (const dir of bindingDirs) {
    for (const f of all.filter((x) => path.posix.dirname(x) === dir)) {
      if (!unpacked.includes(f))
        problems.push(`${f} stays in app.asar but onnxruntime_binding.node loads it from its own folder`);
    }
  }
  for (const f of all)
    if (f.endsWith('.node') && !unpacked.includes(f))
      problems.push(`native addon ${f} stays inside app.asar`);
}

/** The string patterns of a files / asarUnpack value, including getConfig's normalised { filter } sets. */
export function flattenPatterns(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.flatMap((v) => {
    if (typeof v === 'string') return [v];
    if (typeof v !== 'object' || v === null) return [];
    const set = v as { filter?: unknown; from?: unknown };
    return typeof set.from === 'string' ? [] : flattenPatterns(set.filter);
  });
}

/** Validate the config and pack the synthetic app into `workDir`; the report lists what was unpacked. */
export async function checkPackaging(opts: {
  root?: string;
  configFile?: string;
  workDir: string;
}): Promise<PackagingReport> {
  const root = opts.root ?? ROOT;
  const config = await getConfig(root, opts.configFile ?? path.join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  const problems: string[] = [];
  if (config.productName !== 'SpineGrade')
    problems.push(`productName is ${String(config.productName)}, expected SpineGrade`);
  if (config.publish !== null) problems.push('publish must be null: the app never publishes or auto-updates');
  problems.push(...checkIcons(root, config));
  const filePatterns = flattenPatterns(config.files);
  const unpackGlobs = flattenPatterns(config.asarUnpack);
  const { app, nodeModules } = syntheticAppFiles(root);
  const included = [...app.filter((f) => matchesFileSet(f, filePatterns)), ...nodeModules];
  for (const need of [
    'package.json',
    'dist/main/app/main.js',
    'dist/preload/preload.js',
    'dist/renderer/index.html',
    'models/demo-model/localizer.onnx',
    'models/demo-model/manifest.json',
    'models/demo-model/MODEL_CARD.md',
    WINDOW_ICON,
  ]) {
    if (!included.includes(need)) problems.push(`files does not include ${need}`);
  }
  for (const never of [
    'models/training/train.py',
    'dist/main/app/main.js.map',
    'dist/renderer/assets/index.js.map',
    'assets/icon.svg',
  ])
    if (included.includes(never)) problems.push(`files includes ${never}`);
  const appDir = path.join(opts.workDir, 'app');
  for (const f of included) {
    mkdirSync(path.dirname(path.join(appDir, f)), { recursive: true });
    writeFileSync(path.join(appDir, f), `synthetic ${f}\n`);
  }
  const isUnpacked = (f: string): boolean => unpackGlobs.some((g) => path.matchesGlob(f, g));
  const dirs = [
    ...new Set(
      included.flatMap((f) =>
        f
          .split('/')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
      ),
    ),
  ].sort();
  const streams: AsarStreamType[] = [
    ...dirs.map((d): AsarStreamType => ({ type: 'directory', path: d, unpacked: false })),
    ...included.map((f): AsarStreamType => ({
      type: 'file',
      path: f,
      unpacked: isUnpacked(f),
      stat: statSync(path.join(appDir, f)),
      streamGenerator: () => createReadStream(path.join(appDir, f)),
    })),
  ];
  const archive = path.join(opts.workDir, 'resources', 'app.asar');
  await createPackageFromStreams(archive, streams);
  const unpacked = filesUnder(`${archive}.unpacked`);
  const packed = listPackage(archive, { isPack: false }).map((p) =>
    p
      .replace(/^[\\/]/, '')
      .split(path.sep)
      .join('/'),
  );
  checkNativeParts(unpacked, included, problems);
  if (!packed.includes('dist/main/app/main.js')) problems.push('dist/main/app/main.js is not in app.asar');
  return { unpacked, packed, problems };
}

if (require.main === module) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-packaging-'));
  checkPackaging({ workDir })
    .then((r) => {
      process.stdout.write(
        `app.asar.unpacked (${r.unpacked.length} files):\n${r.unpacked.map((f) => `  ${f}`).join('\n')}\n`,
      );
      if (r.problems.length > 0) {
        process.stderr.write(`Packaging problems:\n${r.problems.map((p) => `  - ${p}`).join('\n')}\n`);
        process.exitCode = 1;
      } else process.stdout.write('electron-builder.yml: schema valid; every native part is unpacked; the win/mac/linux icons are valid.\n');
    })
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    })
    .finally(() => rmSync(workDir, { recursive: true, force: true }));
}
