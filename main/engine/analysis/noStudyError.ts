/**
 * The error for a drop from which no study could be imported: the code of the most telling problem
 * (NOT_DICOM, NOT_SPINE, NOT_MR...) and the first few problem messages. Plain Node; never imports electron.
 */
import { AppError } from '../../shared/errors';
import type { ImportProblem } from '../dicom/importTypes';

const SHOWN = 3;

/** AppError for "nothing usable in these paths", naming what was wrong with the files. */
export function noStudyError(paths: readonly string[], problems: readonly ImportProblem[]): AppError {
  const specific = problems.filter((p) => p.code !== 'NO_STUDY');
  const messages = [...new Set(specific.map((p) => `${p.message} (${p.file})`))];
  const more = messages.length > SHOWN ? ` (and ${messages.length - SHOWN} more problems)` : '';
  const why = messages.length > 0 ? `: ${messages.slice(0, SHOWN).join('; ')}${more}` : '.';
  return new AppError(
    specific[0]?.code ?? 'NO_STUDY',
    `No lumbar MR study could be read from ${paths.join(', ')}${why}`,
    paths.length === 1 ? paths[0] : undefined,
  );
}
