/* export_png.h: an image surface as a PNG byte stream, compressed on
 * several cores and the same bytes on any machine. */
#ifndef RS_EXPORT_PNG_H
#define RS_EXPORT_PNG_H

#include <cairo.h>

/* The rows of a band: the image is deflated in bands of this many rows
 * (1 to 8192, about 256 KiB of the image's 4-byte pixels), fixed by the
 * image's width alone, never by the number of
 * processors, so that the file's bytes are the same on every machine. */
int rs_png_band_rows (int width);

/* Write the image surface img (ARGB32 or RGB24) as a PNG through write
 * (closure is its first argument), 8 bits a channel: RGB when every
 * pixel is opaque, straight (not premultiplied) RGBA otherwise; every
 * row "sub" filtered and deflated at level 1 in bands of
 * rs_png_band_rows rows, the bands in parallel on up to threads threads
 * (0: as many as there are bands and free processors).  The bytes do
 * not depend on threads.  CAIRO_STATUS_SUCCESS, CAIRO_STATUS_NO_MEMORY,
 * or CAIRO_STATUS_WRITE_ERROR when write failed (nothing is written
 * after the first failure). */
cairo_status_t rs_png_write (cairo_surface_t *img, cairo_write_func_t write,
                             void *closure, int threads);

#endif /* RS_EXPORT_PNG_H */
