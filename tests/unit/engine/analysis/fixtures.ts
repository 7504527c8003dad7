/**
 * Test helpers for the analysis engine: phantom studies written to disk as real DICOM (phantom generator),
 * and the tiny real ONNX model package (onnxFixtures). Never imports electron.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateStudy, type StudyOptions, type StudyRecord } from '../../../../main/engine/phantom/study';
import { onnxUnavailableReason, writeTinyPackage } from '../model/onnxFixtures';

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `sg-analysis-${prefix}-`));
}

/** Write one phantom study's DICOM files under dir (train_images/<id>/<series>/<n>.dcm); its record. */
export function writePhantomStudy(dir: string, o: Partial<StudyOptions> = {}): StudyRecord {
  return generateStudy(
    { seed: 'analysis-test', studyIndex: 0, missingRole: 'none', maxMatrix: 256, ...o },
    (rel, bytes) => {
      const p = path.join(dir, rel);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, bytes);
    },
  );
}

/** Why the tiny ONNX package cannot be built here (printed by the caller), or undefined. */
export const tinyModelSkipReason = onnxUnavailableReason();

/** Write the tiny real ONNX package (random classifier weights) into a new folder; returns it. */
export function writeTinyModel(): string {
  const dir = tempDir('model');
  writeTinyPackage(dir);
  return dir;
}
