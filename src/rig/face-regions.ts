/**
 * Landmark groups of MediaPipe's 468-point face mesh that the rig moves
 * together. "Right"/"left" are the subject's own (the right eye is on the
 * image's left in an unmirrored photo). Lists run along each contour.
 */

/** The face outline, clockwise from the forehead top: the border of the canonical mesh. */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93,
  234, 127, 162, 21, 54, 103, 67, 109,
] as const;

/** Inner lip contour: upper lip from the right corner to the left, then the lower lip back. */
export const INNER_LIP_UPPER = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308] as const;
export const INNER_LIP_LOWER = [324, 318, 402, 317, 14, 87, 178, 88, 95] as const;
export const OUTER_LIP_UPPER = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291] as const;
export const OUTER_LIP_LOWER = [375, 321, 405, 314, 17, 84, 181, 91, 146] as const;
export const MOUTH_CORNERS = { right: [61, 78], left: [291, 308] } as const;
/**
 * The mesh's two rows of points inside each lip, between its outer and inner
 * contour (subject's right → left), and the points that fill each corner
 * between the outer and inner corner. A lip moves as one piece with them.
 */
export const LIP_BODY_UPPER = [184, 74, 73, 72, 11, 302, 303, 304, 408, 183, 42, 41, 38, 12, 268, 271, 272, 407] as const;
export const LIP_BODY_LOWER = [77, 90, 180, 85, 16, 315, 404, 320, 307, 96, 89, 179, 86, 15, 316, 403, 319, 325] as const;
export const LIP_CORNER_FILL = [62, 76, 292, 306] as const;

/** Eyelids, corner to corner; upper and lower lists pair up point for point. */
export const EYES = {
  right: {
    corners: [33, 133],
    upper: [246, 161, 160, 159, 158, 157, 173],
    lower: [7, 163, 144, 145, 153, 154, 155],
    /** The fold above the upper lid: skin that follows a blink part of the way. */
    crease: [247, 30, 29, 27, 28, 56, 190],
    /** The next ring up: lid skin under the brow bone, which a blink leaves where it is. */
    lidTop: [113, 225, 224, 223, 222, 221, 189],
  },
  left: {
    corners: [263, 362],
    upper: [466, 388, 387, 386, 385, 384, 398],
    lower: [249, 390, 373, 374, 380, 381, 382],
    crease: [467, 260, 259, 257, 258, 286, 414],
    lidTop: [342, 445, 444, 443, 442, 441, 413],
  },
} as const;

export const BROWS = {
  right: { inner: [107, 66, 55, 65], outer: [70, 63, 105, 46, 53] },
  left: { inner: [336, 296, 285, 295], outer: [300, 293, 334, 276, 283] },
} as const;

/** Cheek centres, for cheekPuff. */
export const CHEEKS = { right: 205, left: 425 } as const;

/** Points at ear level on the face outline, for the jaw hinge. */
export const EAR_LEVEL = { right: 234, left: 454 } as const;
