/** Pure geometry of 3D navigation (orientation letters, stack frames, reference lines, levels, linking). */
export * from './orientation';
export * from './stackFrame';
export * from './referenceLine';
export * from './levelLabel';
export * from './linkedScroll';
export * from './stackChoice';
