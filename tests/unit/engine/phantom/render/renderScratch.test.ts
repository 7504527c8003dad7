import { describe, expect, it } from 'vitest';
import {
  instanceDataset,
  type SeriesHeader,
  type StudyHeader,
} from '../../../../../main/engine/phantom/headers';
import { renderSlice, renderSliceScratch } from '../../../../../main/engine/phantom/render/renderSlice';
import type { SliceRequest } from '../../../../../main/engine/phantom/anatomyTypes';
import { axialAt, build, sagittalThrough } from './phantomFixtures';

describe('renderSliceScratch (the generator path)', () => {
  it('gives exactly the values of renderSlice, sagittal and axial, in a reused work buffer', () => {
    const a = build('render-scratch');
    const requests: SliceRequest[] = [
      {
        geometry: sagittalThrough(a, a.levels.l3_l4.canalCenterLps, 260, 96),
        cols: 96,
        rows: 96,
        sliceThicknessMm: 4,
        contrast: 'T2',
        kspaceFraction: [0.8, 0.7],
      },
      {
        geometry: axialAt(a, 'l4_l5', 180, 80),
        cols: 80,
        rows: 80,
        sliceThicknessMm: 4,
        contrast: 'T2',
      },
      {
        geometry: sagittalThrough(a, a.levels.l2_l3.canalCenterLps, 260, 96),
        cols: 96,
        rows: 96,
        sliceThicknessMm: 3.5,
        contrast: 'T1',
      },
    ];
    let previous: Float32Array | undefined;
    for (const request of requests) {
      const fresh = renderSlice(a, request);
      const scratch = renderSliceScratch(a, request);
      expect(scratch.length).toBe(request.cols * request.rows);
      expect(Buffer.from(scratch.buffer, scratch.byteOffset, scratch.byteLength)).toEqual(
        Buffer.from(fresh.buffer, fresh.byteOffset, fresh.byteLength),
      );
      // renderSlice's images are the caller's own: never the work buffer.
      expect(fresh.buffer).not.toBe(scratch.buffer);
      expect(renderSlice(a, request)).not.toBe(fresh);
      if (previous && previous.length === scratch.length) expect(scratch).toBe(previous);
      previous = scratch;
    }
    // Same-sized requests share the work buffer (the first and third).
    expect(renderSliceScratch(a, requests[0])).toBe(renderSliceScratch(a, requests[2]));
  });
});

describe('instanceDataset PixelData', () => {
  const study = {
    studyInstanceUid: '2.25.1',
    studyDate: '20240101',
    studyTime: '120000',
    accessionNumber: 'A0000012345',
    studyDescription: 'L-SPINE',
    patientName: 'PHANTOM^A',
    patientId: 'P1',
    patientBirthDate: '19700101',
    patientSex: 'F',
    patientAge: '054Y',
    institutionName: 'X',
    frameOfReferenceUid: '2.25.2',
    scanner: {
      profile: { manufacturer: 'M', descriptions: {}, bitsStored: 12, rescaleProbability: 0 },
      model: 'Y',
      softwareVersion: '1',
      fieldStrengthT: 1.5,
    },
  } as unknown as StudyHeader;
  const series = {
    seriesInstanceUid: '2.25.3',
    seriesNumber: 2,
    seriesDescription: 'T2',
    seriesTime: '120500',
    timing: {
      scanningSequence: 'SE',
      repetitionTimeMs: 3000,
      echoTimeMs: 100,
      echoTrainLength: 10,
      flipAngleDeg: 90,
    },
    sliceThicknessMm: 4,
    spacingBetweenSlicesMm: 4.4,
    bitsStored: 12,
  } as unknown as SeriesHeader;
  const geometry = {
    positionLps: [0, 0, 0],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    pixelSpacingMm: [1, 1],
  } as const;
  const pixelBytes = (pixels: Uint16Array): Buffer => {
    const ds = instanceDataset(study, series, {
      geometry,
      instanceNumber: 1,
      sopInstanceUid: '2.25.4',
      cols: 4,
      rows: 2,
      pixels,
    });
    const data = (ds.PixelData as ArrayBuffer[])[0];
    return Buffer.from(data);
  };

  it('holds exactly the instance pixels, whether they fill their buffer or are a view into a larger one', () => {
    const whole = Uint16Array.from([1, 2, 3, 4, 5, 6, 7, 4095]);
    expect(pixelBytes(whole)).toEqual(Buffer.from(whole.buffer));
    const backing = Uint16Array.from([9, 9, 1, 2, 3, 4, 5, 6, 7, 4095, 9]);
    const view = backing.subarray(2, 10);
    expect(pixelBytes(view)).toEqual(Buffer.from(whole.buffer));
    expect(pixelBytes(view).length).toBe(16);
  });
});
