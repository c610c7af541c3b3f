/**
 * The part of CanvasRenderingContext2D the overlay draws with. Drawing code
 * takes this instead of the full type so it can run on an OffscreenCanvas in
 * a browser test, or on a recording stub in Node.
 */
export type OverlayContext = Pick<
  CanvasRenderingContext2D,
  | 'save'
  | 'restore'
  | 'beginPath'
  | 'closePath'
  | 'moveTo'
  | 'lineTo'
  | 'arc'
  | 'rect'
  | 'roundRect'
  | 'fill'
  | 'stroke'
  | 'fillRect'
  | 'clearRect'
  | 'drawImage'
  | 'globalCompositeOperation'
  | 'fillText'
  | 'measureText'
  | 'setLineDash'
  | 'clip'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineJoin'
  | 'lineCap'
  | 'globalAlpha'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
>;
