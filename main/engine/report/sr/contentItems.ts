/**
 * SR content items (PS3.3 C.17.3 SR Document Content Module) as dcmjs naturalized dataset items: one builder
 * per value type, each taking its relationship to the parent. Pure functions; never imports electron.
 */
import type { Code } from './srCodes';

/** A naturalized content item (keywords as dcmjs names them). */
export type ContentItem = Record<string, unknown>;

export type Relationship =
  | 'CONTAINS'
  | 'HAS PROPERTIES'
  | 'HAS OBS CONTEXT'
  | 'HAS ACQ CONTEXT'
  | 'INFERRED FROM'
  | 'SELECTED FROM'
  | 'HAS CONCEPT MOD';

/** A code sequence item (Code Sequence Macro, PS3.3 8.8). */
export function codeItem(c: Code): Record<string, string> {
  return { CodeValue: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning };
}

function item(
  rel: Relationship,
  valueType: string,
  name: Code,
  value: ContentItem,
  children?: readonly ContentItem[],
): ContentItem {
  const out: ContentItem = {
    RelationshipType: rel,
    ValueType: valueType,
    ConceptNameCodeSequence: [codeItem(name)],
    ...value,
  };
  if (children && children.length > 0) out.ContentSequence = [...children];
  return out;
}

/** CONTAINER with (0040,A050) Continuity Of Content SEPARATE. */
export function container(rel: Relationship, name: Code, children: readonly ContentItem[]): ContentItem {
  return item(rel, 'CONTAINER', name, { ContinuityOfContent: 'SEPARATE' }, children);
}

export function codeContent(
  rel: Relationship,
  name: Code,
  value: Code,
  children?: readonly ContentItem[],
): ContentItem {
  return item(rel, 'CODE', name, { ConceptCodeSequence: [codeItem(value)] }, children);
}

export function textContent(rel: Relationship, name: Code, text: string): ContentItem {
  return item(rel, 'TEXT', name, { TextValue: text });
}

export function uidContent(rel: Relationship, name: Code, uid: string): ContentItem {
  return item(rel, 'UIDREF', name, { UID: uid });
}

export function personContent(rel: Relationship, name: Code, person: string): ContentItem {
  return item(rel, 'PNAME', name, { PersonName: person });
}

/**
 * NUM with its Numeric Measurement Macro: (0040,A30A) Numeric Value as DS text (at most 16 characters) and
 * (0040,A161) Floating Point Value holding the exact double.
 */
export function numContent(
  rel: Relationship,
  name: Code,
  value: number,
  unit: Code,
  children?: readonly ContentItem[],
): ContentItem {
  const measured = {
    NumericValue: dsText(value),
    FloatingPointValue: value,
    MeasurementUnitsCodeSequence: [codeItem(unit)],
  };
  return item(rel, 'NUM', name, { MeasuredValueSequence: [measured] }, children);
}

/** A referenced image: (0008,1150) class, (0008,1155) instance, (0008,1160) frame for multi-frame images. */
export interface ImageRef {
  sopClassUid: string;
  sopInstanceUid: string;
  /** 1-based frame number, only for multi-frame instances. */
  frameNumber?: number;
}

function referencedSop(ref: ImageRef): Record<string, unknown> {
  const sop: Record<string, unknown> = {
    ReferencedSOPClassUID: ref.sopClassUid,
    ReferencedSOPInstanceUID: ref.sopInstanceUid,
  };
  if (ref.frameNumber !== undefined) sop.ReferencedFrameNumber = ref.frameNumber;
  return sop;
}

/** IMAGE without a concept name (as TID 1600 entries and SCOORD sources are). */
export function imageContent(
  rel: Relationship,
  ref: ImageRef,
  children?: readonly ContentItem[],
): ContentItem {
  const out: ContentItem = {
    RelationshipType: rel,
    ValueType: 'IMAGE',
    ReferencedSOPSequence: [referencedSop(ref)],
  };
  if (children && children.length > 0) out.ContentSequence = [...children];
  return out;
}

/**
 * SCOORD POINT in image pixel coordinates (column, row), where (0,0) is the top left corner of the top left
 * pixel (PS3.3 C.18.6.1.2), SELECTED FROM the image it lies on.
 */
export function pointContent(
  rel: Relationship,
  name: Code,
  colRow: readonly [number, number],
  ref: ImageRef,
): ContentItem {
  return item(rel, 'SCOORD', name, { GraphicType: 'POINT', GraphicData: [...colRow] }, [
    imageContent('SELECTED FROM', ref),
  ]);
}

/** DS text of a number: the shortest decimal of at most 16 characters (PS3.5 6.2). */
export function dsText(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`dsText: ${v} is not a finite number`);
  for (let digits = 16; digits >= 1; digits--) {
    const t = String(Number(v.toPrecision(digits)));
    if (t.length <= 16) return t;
  }
  return v.toExponential(8);
}
