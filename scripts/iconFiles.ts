// The app icons checked from their bytes: PNG IHDR sizes, the ICO directory, the ICNS element list, and the
// icon paths electron-builder.yml gives win / mac / linux. Used by scripts/check-packaging.ts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Sizes in the Linux icon set (assets/icons/<n>x<n>.png), as scripts/build-icons.sh writes them. */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
/** The PNG the main window shows (BrowserWindow icon); it must be in electron-builder's `files`. */
export const WINDOW_ICON = 'assets/icons/256x256.png';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** ICNS element types that hold one square image, by edge length in pixels. */
const ICNS_SIZE_PX: Record<string, number> = {
  is32: 16,
  icp4: 16,
  il32: 32,
  icp5: 32,
  ih32: 48,
  it32: 128,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
};

export interface PngInfo {
  widthPx: number;
  heightPx: number;
  /** IHDR colour type 6 or 4: the image has an alpha channel (rounded corners stay transparent). */
  hasAlpha: boolean;
}

/** Width, height and alpha of a PNG from its signature and IHDR chunk; null when it is not a PNG. */
export function readPngInfo(buf: Buffer): PngInfo | null {
  if (buf.length < 33 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  const colourType = buf[25];
  return {
    widthPx: buf.readUInt32BE(16),
    heightPx: buf.readUInt32BE(20),
    hasAlpha: colourType === 6 || colourType === 4,
  };
}

/** The square sizes in an ICO directory whose image data (PNG or BMP DIB) lies inside the file; null if not an ICO. */
export function readIcoSizes(buf: Buffer): number[] | null {
  if (buf.length < 6 || buf.readUInt16LE(0) !== 0 || buf.readUInt16LE(2) !== 1) return null;
  const count = buf.readUInt16LE(4);
  if (count === 0 || buf.length < 6 + 16 * count) return null;
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + 16 * i;
    const widthPx = buf[e] === 0 ? 256 : buf[e];
    const heightPx = buf[e + 1] === 0 ? 256 : buf[e + 1];
    const bytes = buf.readUInt32LE(e + 8);
    const offset = buf.readUInt32LE(e + 12);
    if (offset + bytes > buf.length || bytes < 40) return null;
    const data = buf.subarray(offset, offset + bytes);
    const png = readPngInfo(data);
    const isDib = data.readUInt32LE(0) === 40 && data.readInt32LE(4) === widthPx;
    if (png ? png.widthPx !== widthPx || png.heightPx !== heightPx : !isDib) return null;
    if (widthPx === heightPx) sizes.push(widthPx);
  }
  return sizes;
}

/** The element types of an ICNS file (magic 'icns', big-endian lengths that add up); null if it is not one. */
export function readIcnsTypes(buf: Buffer): string[] | null {
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== 'icns' || buf.readUInt32BE(4) !== buf.length)
    return null;
  const types: string[] = [];
  for (let at = 8; at < buf.length;) {
    if (at + 8 > buf.length) return null;
    const len = buf.readUInt32BE(at + 4);
    if (len < 8 || at + len > buf.length) return null;
    types.push(buf.toString('latin1', at, at + 4));
    at += len;
  }
  return types;
}

/** Image edge lengths present in an ICNS element list. */
export function icnsSizesPx(types: readonly string[]): number[] {
  return [...new Set(types.map((t) => ICNS_SIZE_PX[t]).filter((n): n is number => n !== undefined))].sort(
    (a, b) => a - b,
  );
}

interface IconConfig {
  directories?: { buildResources?: string | null } | null;
  win?: { icon?: string | null } | null;
  mac?: { icon?: string | null } | null;
  linux?: { icon?: string | null } | null;
}

/** electron-builder resolves an icon path against buildResources first, then the project folder. */
function resolveIcon(root: string, config: IconConfig, icon: string): string {
  const res = config.directories?.buildResources ?? 'build';
  const inRes = path.resolve(root, res, icon);
  return existsSync(inRes) ? inRes : path.resolve(root, icon);
}

function checkPngSet(dir: string, problems: string[]): void {
  for (const n of LINUX_ICON_SIZES) {
    const f = path.join(dir, `${n}x${n}.png`);
    const info = existsSync(f) ? readPngInfo(readFileSync(f)) : null;
    if (!info) problems.push(`linux icon set: ${n}x${n}.png is missing or not a PNG`);
    else if (info.widthPx !== n || info.heightPx !== n || !info.hasAlpha)
      problems.push(
        `linux icon set: ${n}x${n}.png is ${info.widthPx}x${info.heightPx}${info.hasAlpha ? '' : ' without alpha'}`,
      );
  }
}

/** Problems with the icons the config names (win .ico 16..256, mac .icns 16..1024, linux PNG set). */
export function checkIcons(root: string, config: IconConfig): string[] {
  const problems: string[] = [];
  const named = (os: 'win' | 'mac' | 'linux'): string | null => {
    const icon = config[os]?.icon;
    if (typeof icon === 'string' && icon.length > 0) return resolveIcon(root, config, icon);
    problems.push(`${os}.icon is not set: the installer would get Electron's default icon`);
    return null;
  };
  const win = named('win');
  if (win) {
    const sizes = existsSync(win) ? readIcoSizes(readFileSync(win)) : null;
    const missing = [16, 32, 48, 256].filter((n) => !sizes?.includes(n));
    if (!sizes) problems.push(`win.icon ${win} is missing or not a valid ICO`);
    else if (missing.length > 0) problems.push(`win.icon lacks ${missing.join(', ')} px images`);
  }
  const mac = named('mac');
  if (mac) {
    const types = existsSync(mac) ? readIcnsTypes(readFileSync(mac)) : null;
    const sizes = types ? icnsSizesPx(types) : [];
    const missing = [16, 32, 128, 256, 512, 1024].filter((n) => !sizes.includes(n));
    if (!types) problems.push(`mac.icon ${mac} is missing or not a valid ICNS`);
    else if (missing.length > 0) problems.push(`mac.icon lacks ${missing.join(', ')} px images`);
  }
  const linux = named('linux');
  if (linux) {
    if (!existsSync(linux) || !statSync(linux).isDirectory())
      problems.push(`linux.icon ${linux} is not a folder of <n>x<n>.png`);
    else checkPngSet(linux, problems);
  }
  const main = path.join(root, 'assets/icon.png');
  const info = existsSync(main) ? readPngInfo(readFileSync(main)) : null;
  if (!info || info.widthPx !== 1024 || info.heightPx !== 1024)
    problems.push('assets/icon.png is missing or not 1024x1024');
  return problems;
}
