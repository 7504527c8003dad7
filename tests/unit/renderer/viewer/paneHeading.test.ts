// A pane's heading follows the series it shows (the series chooser can put any stack into any pane), with
// the planes taken from phantom geometry; the region keeps the pane's name.
import { describe, expect, it } from 'vitest';
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import { paneHeading, PANES } from '../../../../renderer/src/viewer/panes';
import { phantomStacks } from '../geometry/phantomStacks';

const dirs = (g: StackGeometry) => [g.direction[0], g.direction[1]] as const;

describe('paneHeading', () => {
  const { sagT1, sagT2, axial } = phantomStacks('pane-heading', 3);
  it("is the pane's own title for a series of its role", () => {
    expect(paneHeading('sagittalT2', 'Sagittal T2/STIR', ...dirs(sagT2))).toEqual({
      text: 'Sagittal T2',
      foreign: false,
    });
    expect(paneHeading('axialT2', 'Axial T2', ...dirs(axial[0]))).toEqual({
      text: 'Axial T2',
      foreign: false,
    });
  });

  it('names the series shown when it is of another role (axial T2 in the Sagittal T1 pane)', () => {
    expect(paneHeading('sagittalT1', 'Axial T2', ...dirs(axial[0]))).toEqual({
      text: 'Axial T2',
      foreign: true,
    });
    expect(paneHeading('axialT2', 'Sagittal T1', ...dirs(sagT1))).toEqual({
      text: 'Sagittal T1',
      foreign: true,
    });
    expect(PANES.sagittalT1.title).toBe('Sagittal T1');
  });

  it('says the plane from the geometry for a series of no lumbar role', () => {
    expect(paneHeading('sagittalT1', 'Other', ...dirs(axial[0])).text).toBe('Axial (other series)');
    expect(paneHeading('axialT2', 'Other', ...dirs(sagT2)).text).toBe('Sagittal (other series)');
    // A coronal: rows along patient left (+x), columns down (-z); normal along y.
    expect(paneHeading('axialT2', 'Other', [1, 0, 0], [0, 0, -1])).toEqual({
      text: 'Coronal (other series)',
      foreign: true,
    });
  });
});
