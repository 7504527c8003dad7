/** Small vector helper of the phantom render tests. Test code only. */
import type { Vec3 } from '../../../../../main/shared/vec3';

export function lerpVec(a: Vec3, b: Vec3, t: number): Vec3 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
