/**
 * Test helpers: find the real DICOM encoders (dcmtk, gdcm) and run them; a missing tool gives a reason
 * to print when its test is skipped.
 */
import { spawnSync } from 'node:child_process';

/** True when `name` runs from PATH. */
export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** Run a tool; throws with its stderr when it fails. */
export function runTool(name: string, args: readonly string[]): void {
  const r = spawnSync(name, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${name} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/** Names of the tools in `names` that are missing; prints why the caller's tests are skipped. */
export function missingTools(names: readonly string[], what: string): string[] {
  const missing = names.filter((n) => !hasTool(n));
  if (missing.length > 0) {
    console.warn(`SKIP ${what}: ${missing.join(', ')} not installed (apt-get install dcmtk libgdcm-tools)`);
  }
  return missing;
}
