/**
 * Where the default model package lives: models/<DEFAULT_MODEL_ID>/ under the app root (the checkout, the
 * compiled tree or app.asar). Plain Node; never imports electron or the faces.
 */
import path from 'node:path';
import { findAppRoot } from '../engineInfo';

/** The model trained on phantoms that ships with the app (models/README.md). */
export const DEFAULT_MODEL_ID = 'spinegrade-phantom-v5';

/** Folder of the default model package; relative to the working folder when no app root is found. */
export function defaultModelDir(fromDir: string = __dirname): string {
  return path.join(findAppRoot(fromDir) ?? process.cwd(), 'models', DEFAULT_MODEL_ID);
}
