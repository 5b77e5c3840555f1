// Decodes an image in the data worker with the browser's own decoder (createImageBitmap) and
// draws it into an OffscreenCanvas at the stored size. Only called after the header was checked.
import { fromRgba } from '../src/engine/image/image-pixels';
import { fitGeometry } from '../src/engine/image/image-resize';
import type { ImageDecoder } from '../src/engine/data/image-import';

/**
 * The worker's ImageDecoder. `imageOrientation: 'from-image'` applies EXIF orientation once, in the
 * decoder; animated GIF/WebP give their first frame; 16-bit PNGs and CMYK JPEGs come out as 8-bit RGBA.
 * Transparent pixels are composited on white by `fromRgba`. Rejects when the browser cannot decode.
 */
export const decodeImageInWorker: ImageDecoder = async (bytes, _header, shape) => {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart]), { imageOrientation: 'from-image' });
  try {
    const { source, destination } = fitGeometry(bitmap.width, bitmap.height, shape.width, shape.height, shape.fit);
    const canvas = new OffscreenCanvas(shape.width, shape.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('this browser gives workers no 2D canvas');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, source.x, source.y, source.width, source.height,
      destination.x, destination.y, destination.width, destination.height);
    const rgba = context.getImageData(0, 0, shape.width, shape.height).data;
    return fromRgba(rgba, shape.width, shape.height, shape.channels).data;
  } finally {
    bitmap.close();
  }
};
