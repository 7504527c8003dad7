/**
 * Mounts 3D navigation once beside the viewer panes and hands it the open analysis' level points.
 * Renders nothing. Renderer code: only main/shared.
 */
import { useEffect } from 'react';
import type { LevelPoint } from '../../../../main/shared/findings';
import { installNavigation } from './navController';
import { setLevelPoints } from './navState';

const NONE: readonly LevelPoint[] = [];

export function NavLayer({ levelPoints }: { levelPoints: readonly LevelPoint[] | null }): null {
  useEffect(() => installNavigation(), []);
  useEffect(() => setLevelPoints(levelPoints ?? NONE), [levelPoints]);
  return null;
}
