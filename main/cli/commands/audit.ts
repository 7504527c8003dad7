/**
 * `audit verify`: walk the hash-chained audit log; exit 0 when intact, 3 with the first bad row otherwise.
 */
import { parseCommandArgs, usageError } from '../args';
import { EXIT, type CliCommand } from '../command';
import { STORE_OPTION, storeUsageLine, withStore } from '../storeOption';

const USAGE = `Usage: spinegrade audit verify [--store DIR]
Checks that no audit row was edited, deleted or reordered (each row holds the hash of the one before).
Exit 0: intact (prints the row count and head hash: note it elsewhere to detect a cut tail later).
Exit 3: tampered (prints the first bad row and why).
${storeUsageLine()}`;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify the tamper-evident audit log',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, STORE_OPTION, USAGE);
    if (positionals.length !== 1 || positionals[0] !== 'verify')
      return usageError(io, 'audit takes the subcommand "verify".', USAGE);
    return withStore(values, (store) => {
      const v = store.verifyAudit();
      if (v.ok) {
        io.out(`Audit log intact: ${v.rows} rows, head hash ${v.headHash} (${store.file}).`);
        return EXIT.OK;
      }
      io.err(
        `Audit log TAMPERED at row ${v.firstBadSeq}: ${v.reason}. ${v.rows} rows before it verified (${store.file}).`,
      );
      return EXIT.FAILED;
    });
  },
};
