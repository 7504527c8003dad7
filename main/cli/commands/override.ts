/**
 * `override ID TARGET GRADE --reader NAME [--note T]`: store a reader's grade beside the AI's
 * (an addendum once the analysis is signed).
 */
import { targetWords } from '../../engine/report/reviewedFindings';
import { parseGrade, parseTargetName } from '../../engine/store/review';
import { SEVERITIES } from '../../shared/targets';
import { parseCommandArgs, requiredString, usageError } from '../args';
import { EXIT, type CliCommand } from '../command';
import { STORE_OPTION, storeUsageLine, withStore } from '../storeOption';

const USAGE = `Usage: spinegrade override ID TARGET GRADE --reader NAME [--note TEXT] [--store DIR]
Records a reader's grade for one target; the AI grade is kept. After sign-off it is stored as an addendum.
  ID            analysis ID from "list" (or a unique prefix)
  TARGET        <condition>_<level>, e.g. spinal_canal_stenosis_l4_l5 or left_neural_foraminal_narrowing_l5_s1
  GRADE         one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')} (case-insensitive)
  --reader NAME the reader's name (required)
  --note TEXT   a note kept with the override
${storeUsageLine()}`;

export const overrideCommand: CliCommand = {
  name: 'override',
  summary: "record a reader's grade for one target",
  usage: USAGE,
  async run(argv, io) {
    const options = { ...STORE_OPTION, reader: { type: 'string' }, note: { type: 'string' } } as const;
    const { values, positionals } = parseCommandArgs(argv, options, USAGE);
    if (positionals.length !== 3)
      return usageError(io, `override takes ID TARGET GRADE (got ${positionals.length} arguments).`, USAGE);
    const reader = requiredString(values.reader, 'reader', USAGE);
    const target = parseTargetName(positionals[1]);
    const grade = parseGrade(positionals[2]);
    return withStore(values, (store) => {
      const analysisId = store.resolveAnalysisId(positionals[0]);
      const ai = store
        .getAnalysis(analysisId)
        .analysis.findings.find((f) => f.condition === target.condition && f.level === target.level);
      const o = store.addOverride({
        analysisId,
        ...target,
        grade,
        reader,
        note: typeof values.note === 'string' ? values.note : '',
      });
      io.out(
        `${o.addendum ? 'Addendum' : 'Override'} stored for analysis ${analysisId}: ${targetWords(o)} ${o.grade} ` +
          `(AI: ${ai?.grade ?? 'not assessable'}) by ${o.reader}.`,
      );
      if (o.addendum)
        io.out('The analysis is signed: the signed report is unchanged and this is listed as an addendum.');
      return EXIT.OK;
    });
  },
};
