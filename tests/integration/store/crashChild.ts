/**
 * Child process of the crash-safety test: writes large analyses, each with its study in the one
 * transaction analyzeStudy uses (saveStudyAnalysis), into a store and reports progress on
 * stdout with synchronous writes, so the parent can SIGKILL it inside or between transactions.
 * argv: <storeDir> <mode: pause|loop> <levelPointsPerAnalysis>
 */
import { writeSync } from 'node:fs';
import { createStore } from '../../../main/engine/store/store';
import { analysisRecord, studyImport } from '../../unit/engine/store/fixtures';

const [dir, mode, pointsText] = process.argv.slice(2);
const extraPoints = Number(pointsText);
const say = (line: string): void => {
  writeSync(1, line + '\n');
};
const store = createStore({
  dir,
  beforeCommit: (op) => {
    if (op !== 'save the study and its analysis') return;
    say('IN-TRANSACTION');
    // Hold the transaction open (rows written, COMMIT not yet run) until the parent kills us.
    if (mode === 'pause') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
});
say('READY');
for (let i = 0; ; i += 1) {
  const id = `crash-${process.pid}-${i}`;
  store.saveStudyAnalysis(studyImport(), analysisRecord(id, undefined, {}, extraPoints));
  say(`SAVED ${id}`);
}
