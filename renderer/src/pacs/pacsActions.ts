/**
 * What the PACS tab does: query the chosen node, test it (echo), retrieve a study as a job (progress from the
 * contract's job events, Cancel through cancelJob) and hand the import to the workspace. Renderer code.
 */
import type { SpineGradeBridge } from '../../../main/shared/apiBridge';
import type { PacsRetrieveResult, PacsStudyInfo } from '../../../main/shared/apiPacs';
import { personName } from '../../../main/shared/personName';
import { queryArg } from './pacsText';
import type { PacsView } from './pacsView';

export interface PacsActions {
  search(node: string): Promise<void>;
  echo(node: string): Promise<void>;
  retrieve(node: string, study: PacsStudyInfo): Promise<void>;
  cancel(): Promise<void>;
}

type PacsApi = Pick<SpineGradeBridge, 'pacsQuery' | 'pacsEcho' | 'pacsRetrieve' | 'cancelJob' | 'onEvent'>;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const failed = (e: unknown): { ok: false; error: { code: string; message: string } } => ({
  ok: false,
  error: { code: 'HOST', message: message(e) },
});

/** A fresh retrieve job id, unique within this page. */
function retrieveJobId(): string {
  return `pacs-retrieve-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Actions bound to one API and one view; `onRetrieved` opens the imported study (and analyses it). */
export function createPacsActions(
  api: PacsApi,
  view: PacsView,
  onRetrieved: (r: PacsRetrieveResult) => void | Promise<void>,
): PacsActions {
  const note = (text: string): void => view.update({ note: text });
  return {
    async search(node) {
      view.update({ searching: true, note: '' });
      const r = await api.pacsQuery(queryArg(node, view.getState().form)).catch(failed);
      view.update({ searching: false });
      if (r.ok) view.update({ results: r.value.studies });
      else view.update({ results: null, note: `The query of ${node} failed: ${r.error.message}` });
    },
    async echo(node) {
      note(`Contacting ${node}…`);
      const r = await api.pacsEcho({ node }).catch(failed);
      note(
        r.ok
          ? `${r.value.node} answered (${r.value.protocol}) in ${Math.round(r.value.roundTripMs)} ms.`
          : `${node} did not answer: ${r.error.message}`,
      );
    },
    async retrieve(node, s) {
      if (view.getState().job) return;
      const jobId = retrieveJobId();
      const label = `Retrieving ${personName(s.patientName) || s.studyInstanceUid} from ${node}`;
      view.update({
        note: '',
        job: { jobId, label, stage: 'starting', done: 0, total: 0, cancelling: false },
      });
      const off = api.onEvent((e) => {
        if (e.type !== 'job-progress' || e.jobId !== jobId) return;
        view.update((v) =>
          v.job?.jobId === jobId ? { job: { ...v.job, stage: e.stage, done: e.done, total: e.total } } : {},
        );
      });
      const r = await api.pacsRetrieve({ node, studyInstanceUid: s.studyInstanceUid, jobId }).catch(failed);
      off();
      view.update({ job: null });
      if (!r.ok) {
        note(
          r.error.code === 'ABORTED'
            ? 'The retrieve was cancelled; nothing was imported.'
            : `The retrieve from ${node} failed: ${r.error.message}`,
        );
        return;
      }
      const mb = (r.value.bytes / 1e6).toFixed(1);
      note(
        `Retrieved ${r.value.instanceCount} images (${mb} MB) over ${r.value.protocol}; opening the study.`,
      );
      await onRetrieved(r.value);
    },
    async cancel() {
      const job = view.getState().job;
      if (!job) return;
      view.update({ job: { ...job, cancelling: true } });
      await api.cancelJob({ jobId: job.jobId }).catch(failed);
    },
  };
}
