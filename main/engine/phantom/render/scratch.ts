/**
 * Reusable float32 work buffers for the per-slice passes whose result does not leave the pass (render
 * accumulator, k-space row pass, bias-shaded and ghosted images before quantisation): one buffer per name,
 * reallocated only when the slice size changes, so a study allocates a few instead of several per slice.
 * Contents are left over from the last use; callers that add into a buffer clear it first. Plain TypeScript.
 */

const buffers = new Map<string, Float32Array>();

/** The work buffer `name` of exactly `length` elements (not cleared). */
export function scratchFloat32(name: string, length: number): Float32Array {
  let b = buffers.get(name);
  if (!b || b.length !== length) {
    b = new Float32Array(length);
    buffers.set(name, b);
  }
  return b;
}
