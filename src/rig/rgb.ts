/** Straight RGB, 0…255. */
export type Rgb = [number, number, number];

/** Brightness of a colour as the eye weighs it (Rec. 601 luma, rounded weights). */
export const luma = (c: Rgb) => 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2];
