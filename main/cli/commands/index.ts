/**
 * Registry of CLI commands: each command lives in its own file beside this one, loaded only when it runs (so
 * one command does not load every other command's dependencies: onnxruntime, sqlite, the PACS stack).
 */
import type { CliCommand } from '../command';

/** A command's name and summary (for the usage list), and how to load the command itself. */
export interface CommandEntry extends Pick<CliCommand, 'name' | 'summary'> {
  load: () => Promise<CliCommand>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'import',
    summary: 'read DICOM files/folders into studies, series roles and volume geometry',
    load: async () => (await import('./import.js')).importCommand,
  },
  {
    name: 'prep',
    summary: 'write model training tensors (.npy) from an RSNA-format dataset',
    load: async () => (await import('./prep.js')).prepCommand,
  },
  {
    name: 'evaluate',
    summary: 'score a model on an RSNA-format dataset with the exact competition metric',
    load: async () => (await import('./evaluate.js')).evaluateCommand,
  },
  {
    name: 'score',
    summary: 'score a Kaggle-format submission against a train.csv-format solution (official RSNA metric)',
    load: async () => (await import('./score.js')).scoreCommand,
  },
  {
    name: 'analyze',
    summary: 'grade the 25 lumbar targets of each study and save the analyses (JSON/HTML/PDF/SR)',
    load: async () => (await import('./analyze.js')).analyzeCommand,
  },
  {
    name: 'phantom',
    summary: 'write a synthetic RSNA-format lumbar MRI dataset with known lesions',
    load: async () => (await import('./phantom.js')).phantomCommand,
  },
  {
    name: 'list',
    summary: 'list stored studies and analyses',
    load: async () => (await import('./list.js')).listCommand,
  },
  {
    name: 'show',
    summary: 'show a stored analysis',
    load: async () => (await import('./show.js')).showCommand,
  },
  {
    name: 'override',
    summary: "record a reader's grade for one target",
    load: async () => (await import('./override.js')).overrideCommand,
  },
  {
    name: 'sign',
    summary: 'sign (lock) an analysis',
    load: async () => (await import('./sign.js')).signCommand,
  },
  {
    name: 'export',
    summary: 'write the findings summary as HTML / PDF (+ DICOM Encapsulated PDF) / DICOM SR',
    load: async () => (await import('./export.js')).exportCommand,
  },
  {
    name: 'audit',
    summary: 'verify the tamper-evident audit log',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  {
    name: 'pacs',
    summary: 'exchange studies and results with a configured PACS (DICOMweb, DIMSE)',
    load: async () => (await import('./pacs.js')).pacsCommand,
  },
  {
    name: 'store',
    summary: 'store maintenance: purge studies retrieved from a PACS',
    load: async () => (await import('./pacsStorePurge.js')).storeCommand,
  },
];
