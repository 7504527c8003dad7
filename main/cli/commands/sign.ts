/**
 * `sign ID --reader NAME`: sign (lock) an analysis; later overrides become addenda.
 */
import { formatIsoTime } from '../../engine/report/format';
import { parseCommandArgs, requiredString, usageError } from '../args';
import { EXIT, type CliCommand } from '../command';
import { STORE_OPTION, storeUsageLine, withStore } from '../storeOption';

const USAGE = `Usage: spinegrade sign ID --reader NAME [--store DIR]
Signs an analysis: the report is locked; later overrides are stored as addenda. Signing twice is refused.
  ID            analysis ID from "list" (or a unique prefix)
  --reader NAME the signing reader's name (required)
${storeUsageLine()}`;

export const signCommand: CliCommand = {
  name: 'sign',
  summary: 'sign (lock) an analysis',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { ...STORE_OPTION, reader: { type: 'string' } },
      USAGE,
    );
    if (positionals.length !== 1) return usageError(io, 'sign takes one analysis ID.', USAGE);
    const reader = requiredString(values.reader, 'reader', USAGE);
    return withStore(values, (store) => {
      const s = store.signOff(store.resolveAnalysisId(positionals[0]), reader);
      io.out(`Analysis ${s.analysisId} signed by ${s.reader} at ${formatIsoTime(s.signedAt)}.`);
      return EXIT.OK;
    });
  },
};
