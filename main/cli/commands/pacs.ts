/**
 * `pacs add|list|remove|echo|query|retrieve|send`: exchange with a PACS configured by the user (DICOMweb or
 * DIMSE). Nothing is contacted unless a node is configured. Thin: the work is main/engine/pacs.
 */
import { defaultModelDir } from '../../engine/analysis/defaultModel';
import { storedSrDocument } from '../../engine/report/sr/storedSr';
import { usageError } from '../args';
import type { CliCommand } from '../command';
import { storeUsageLine } from '../storeOption';
import { pacsAdd, pacsList, pacsRemove } from './pacsConfig';
import { pacsEcho, pacsQuery, pacsRetrieve, pacsSend } from './pacsExchange';

const USAGE = `Usage: spinegrade pacs <subcommand> [args] [--store DIR]
  pacs add NAME --dicomweb URL [--user U --password-file F | --token-file F] [--timeout S]
  pacs add NAME --dimse HOST:PORT --aet CALLED_AET [--calling-aet AET] [--move-port P] [--timeout S]
  pacs list [--json]
  pacs remove NAME
  pacs echo NAME
  pacs query NAME [--patient-id X] [--patient-name X] [--date YYYYMMDD[-YYYYMMDD]] [--accession X]
                  [--modality M (default MR; "" for any)] [--json]
  pacs retrieve NAME STUDY_UID [--analyze [--model DIR] [--provider P]]
  pacs send NAME ANALYSIS_ID [--unsigned]
Nodes are kept in pacs-nodes.json in the store folder (mode 0600); nothing is contacted unless configured.
  --password-file F / --token-file F  the secret is read from a file, never from the command line
  --calling-aet AET  our AE title (default SPINEGRADE): the PACS must know it for C-FIND / C-GET / C-MOVE
  --move-port P      retrieve with C-MOVE to our C-STORE SCP on port P (listening only while a retrieve
                     runs; the PACS must map our AE title to this host and port); default is C-GET
  --timeout S        seconds to wait for each answer (default 30)
Retrieved studies go to <store>/pacs-retrieved/<StudyInstanceUID>/ and are imported like a drop
(path + SHA-256); "store purge" deletes them. "send" sends the DICOM SR and the Encapsulated PDF of a
signed analysis (--unsigned: a preliminary result, marked as such in both documents).
  --model DIR   model package for --analyze (default: ${defaultModelDir()})
${storeUsageLine()}`;

export const pacsCommand: CliCommand = {
  name: 'pacs',
  summary: 'exchange studies and results with a configured PACS (DICOMweb, DIMSE)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'add':
        return pacsAdd(rest, io, USAGE);
      case 'list':
        return pacsList(rest, io, USAGE);
      case 'remove':
        return pacsRemove(rest, io, USAGE);
      case 'echo':
        return pacsEcho(rest, io, USAGE);
      case 'query':
        return pacsQuery(rest, io, USAGE);
      case 'retrieve':
        return pacsRetrieve(rest, io, USAGE);
      case 'send':
        return pacsSend(rest, io, USAGE, storedSrDocument);
      default:
        return usageError(io, sub ? `Unknown pacs subcommand "${sub}".` : 'pacs needs a subcommand.', USAGE);
    }
  },
};
