/**
 * `pacs echo|query|retrieve|send`: talk to one configured node through main/engine/pacs. Ctrl-C cancels a
 * running job (nothing is imported). Never imports electron.
 */
import { defaultModelDir } from '../../engine/analysis/defaultModel';
import { releaseCachedModels } from '../../engine/analysis/modelCache';
import { analyzeStoredStudy } from '../../engine/analysis/storedStudy';
import { getPacsNode } from '../../engine/pacs/nodeConfig';
import { echoNode, queryNode } from '../../engine/pacs/pacsOps';
import type { PacsStudy, StudyQuery } from '../../engine/pacs/queryTypes';
import { retrieveStudy } from '../../engine/pacs/retrieve';
import { sendAnalysis } from '../../engine/pacs/send';
import type { SrBuilder } from '../../engine/pacs/sendDocuments';
import { PROVIDER_REQUESTS, type ProviderRequest } from '../../engine/runtime/executionProvider';
import { AppError } from '../../shared/errors';
import { parseCommandArgs, usageError } from '../args';
import { EXIT, type CliIo } from '../command';
import { STORE_JSON_OPTIONS, STORE_OPTION, storeDirFrom, withStore } from '../storeOption';

/** An AbortSignal tripped by Ctrl-C while `fn` runs. */
async function cancellable<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await fn(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** `pacs echo NAME` */
export async function pacsEcho(argv: string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, STORE_OPTION, usage);
  if (positionals.length !== 1) return usageError(io, 'pacs echo takes one node NAME.', usage);
  const node = getPacsNode(storeDirFrom(values), positionals[0]);
  const r = await cancellable((signal) => echoNode(node, signal));
  io.out(`${r.node}: ${r.protocol} ok in ${Math.round(r.roundTripMs)} ms`);
  return EXIT.OK;
}

const QUERY_OPTIONS = {
  ...STORE_JSON_OPTIONS,
  'patient-id': { type: 'string' },
  'patient-name': { type: 'string' },
  date: { type: 'string' },
  accession: { type: 'string' },
  modality: { type: 'string' },
} as const;

function printStudies(io: CliIo, studies: PacsStudy[]): void {
  io.out(`${studies.length} ${studies.length === 1 ? 'study' : 'studies'}`);
  for (const s of studies) {
    io.out(
      `${s.studyDate || '-'}  ${s.patientName || '-'}  ID ${s.patientId || '-'}  acc ${s.accessionNumber || '-'}  ${s.studyDescription || '-'}  ${s.modalities.join('/') || '-'}  (${s.seriesCount} series)`,
    );
    io.out(`  study ${s.studyInstanceUid}`);
    for (const se of s.series)
      io.out(
        `    #${se.seriesNumber || '-'} ${se.modality} ${se.seriesDescription || '-'} (${se.instanceCount} images)`,
      );
  }
}

/** `pacs query NAME [keys] [--json]` */
export async function pacsQuery(argv: string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, QUERY_OPTIONS, usage);
  if (positionals.length !== 1) return usageError(io, 'pacs query takes one node NAME.', usage);
  const node = getPacsNode(storeDirFrom(values), positionals[0]);
  const str = (k: string): string | undefined =>
    typeof values[k] === 'string' ? (values[k] as string) : undefined;
  const q: StudyQuery = {
    patientId: str('patient-id'),
    patientName: str('patient-name'),
    studyDate: str('date'),
    accessionNumber: str('accession'),
    modality: str('modality'),
  };
  const studies = await cancellable((signal) => queryNode(node, q, signal));
  if (values.json) io.out(JSON.stringify({ studies }, null, 2));
  else printStudies(io, studies);
  return studies.length ? EXIT.OK : EXIT.NOTHING_USABLE;
}

function providerFrom(v: unknown): ProviderRequest {
  const p = typeof v === 'string' ? v : 'auto';
  if (!(PROVIDER_REQUESTS as readonly string[]).includes(p))
    throw new AppError(
      'INVALID_ARGUMENT',
      `--provider must be one of ${PROVIDER_REQUESTS.join(', ')} (got "${p}").`,
    );
  return p as ProviderRequest;
}

const RETRIEVE_OPTIONS = {
  ...STORE_OPTION,
  analyze: { type: 'boolean' },
  model: { type: 'string' },
  provider: { type: 'string' },
} as const;

/** `pacs retrieve NAME STUDY_UID [--analyze]` */
export async function pacsRetrieve(argv: string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, RETRIEVE_OPTIONS, usage);
  if (positionals.length !== 2)
    return usageError(io, 'pacs retrieve takes a node NAME and a STUDY_UID.', usage);
  const node = getPacsNode(storeDirFrom(values), positionals[0]);
  const provider = providerFrom(values.provider);
  let last = -1;
  const onProgress = (p: { stage: string; done: number; total: number }): void => {
    const pct = p.total ? Math.floor((100 * p.done) / p.total) : 0;
    if (p.stage === 'retrieve' && Math.floor(pct / 10) !== last)
      io.err(`pacs retrieve: ${p.done}/${p.total} instances`);
    last = p.stage === 'retrieve' ? Math.floor(pct / 10) : last;
  };
  return withStore(values, (store) =>
    cancellable(async (signal) => {
      const r = await retrieveStudy(store, node, positionals[1], { signal, onProgress });
      const mb = r.bytes / 1e6;
      io.out(
        `Retrieved ${r.instanceCount} instances (${mb.toFixed(1)} MB) of study ${r.studyInstanceUid} from ${r.node} over ${r.protocol} in ${Math.round(r.transferMs)} ms into ${r.folder}`,
      );
      for (const s of r.imported.studies)
        io.out(`Imported study ${s.studyInstanceUid}: ${s.seriesCount} series, ${s.instanceCount} instances`);
      for (const p of r.imported.problems) io.err(`  ${p.code}: ${p.message}${p.file ? ` (${p.file})` : ''}`);
      if (!values.analyze) return EXIT.OK;
      try {
        const modelDir = typeof values.model === 'string' ? values.model : defaultModelDir();
        const a = await analyzeStoredStudy(
          store,
          r.studyInstanceUid,
          { modelDir, provider },
          { signal, onProgress },
        );
        io.out(
          `Analysis ${a.analysisId}: ${a.findings.filter((f) => f.assessable).length}/25 targets graded`,
        );
      } finally {
        await releaseCachedModels();
      }
      return EXIT.OK;
    }),
  );
}

/** `pacs send NAME ANALYSIS_ID [--unsigned]`; `buildSr` is the SR writer when the build has one. */
export async function pacsSend(
  argv: string[],
  io: CliIo,
  usage: string,
  buildSr?: SrBuilder,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { ...STORE_OPTION, unsigned: { type: 'boolean' } },
    usage,
  );
  if (positionals.length !== 2)
    return usageError(io, 'pacs send takes a node NAME and an ANALYSIS_ID.', usage);
  const node = getPacsNode(storeDirFrom(values), positionals[0]);
  return withStore(values, (store) =>
    cancellable(async (signal) => {
      const r = await sendAnalysis(store, node, positionals[1], {
        unsigned: values.unsigned === true,
        buildSr,
        signal,
      });
      for (const d of r.documents)
        io.out(
          `Sent ${d.kind === 'sr' ? 'DICOM SR' : 'Encapsulated PDF'} ${d.sopInstanceUid} to ${r.node} over ${r.protocol}${r.preliminary ? ' (PRELIMINARY, not signed)' : ''}`,
        );
      if (!buildSr)
        io.err('pacs send: this build has no DICOM SR writer; only the Encapsulated PDF was sent.');
      return EXIT.OK;
    }),
  );
}
