// Test fixture of the host tests: a real engine with one phantom study imported, and an empty renderer folder
// for the host to serve.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import type { StudyDetail } from '../../../main/shared/apiWorkspace';
import { writePhantomStudy } from '../engine/analysis/fixtures';

export interface PhantomEngine {
  engine: Engine;
  detail: StudyDetail;
  rendererDir: string;
}

/** Under `root`: data/ (a phantom study), renderer/index.html, store/; the study imported and its detail read. */
export async function phantomEngine(root: string): Promise<PhantomEngine> {
  writePhantomStudy(path.join(root, 'data'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const engine = createEngine({ storeDir: path.join(root, 'store') });
  const imported = await engine.importStudy({ paths: [path.join(root, 'data')] });
  if (!imported.ok) throw new Error(imported.error.message);
  const d = await engine.getStudyDetail({ studyInstanceUid: imported.value.studies[0].studyInstanceUid });
  if (!d.ok) throw new Error(d.error.message);
  return { engine, detail: d.value, rendererDir };
}
