/**
 * `store purge [--study UID]`: delete the studies retrieved from a PACS (the app-managed
 * <store>/pacs-retrieved folder) and their instance rows; analyses and the audit log stay. Never imports electron.
 */
import { purgeRetrieved } from '../../engine/pacs/purge';
import { retrievedRoot } from '../../engine/pacs/retrievedFolder';
import { purgeUploads } from '../../engine/uploads/purgeUploads';
import { parseCommandArgs, usageError } from '../args';
import { EXIT, type CliCommand } from '../command';
import { STORE_OPTION, storeUsageLine, withStore } from '../storeOption';

const USAGE = `Usage: spinegrade store purge [--study UID] [--store DIR]
Deletes the copies retrieved from a PACS (<store>/pacs-retrieved, or one study of it) and the store rows of
their instances (series left empty go too; a study with analyses keeps its header, analyses, sign-offs and
audit rows). Files the user dropped are never touched. Audited as 'purge'.
Without --study it also removes uploads (<store>/uploads: browser drops and unpacked .zip archives)
that no stored instance references and that are older than an hour.
  --study UID   only this study's retrieved copy
${storeUsageLine()}`;

export const storeCommand: CliCommand = {
  name: 'store',
  summary: 'store maintenance: purge studies retrieved from a PACS',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'purge')
      return usageError(
        io,
        sub ? `Unknown store subcommand "${sub}".` : 'store needs a subcommand (purge).',
        USAGE,
      );
    const { values, positionals } = parseCommandArgs(
      rest,
      { ...STORE_OPTION, study: { type: 'string' } },
      USAGE,
    );
    if (positionals.length) return usageError(io, 'store purge takes no positional arguments.', USAGE);
    const study = typeof values.study === 'string' ? values.study : undefined;
    return withStore(values, async (store) => {
      const r = await purgeRetrieved(store, study);
      io.out(
        `Purged ${r.files} retrieved file(s) from ${study ? r.folder : retrievedRoot(store.dir)}: ${r.instanceRows} instance, ` +
          `${r.seriesRows} series and ${r.studyRows} study row(s) deleted.`,
      );
      if (!study) {
        const u = await purgeUploads(store);
        io.out(
          `Purged ${u.removed.length} unreferenced upload folder(s) (${u.files} file(s)) from ${u.folder}; ${u.kept} kept.`,
        );
      }
      return EXIT.OK;
    });
  },
};
