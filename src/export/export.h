/* export.h: write a figure to a file, PNG, PDF or SVG by the file's
 * extension.  The file appears complete or not at all: it is written to a
 * temporary name beside it and renamed at the end. */
#ifndef RS_EXPORT_H
#define RS_EXPORT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <cairo.h>

typedef enum {
  RS_EXPORT_NONE = 0,
  RS_EXPORT_PNG,
  RS_EXPORT_PDF,
  RS_EXPORT_SVG
} rs_export_format;

/* The extension of path's file name, from its dot, or NULL. */
const char *rs_file_suffix (const char *path);

/* Which of the n suffixes (".png", ...) path's extension is, ignoring
 * case: 1 + its index, or 0 when none (the formats' enums count from 1
 * in the order of their suffixes). */
size_t rs_file_suffix_in (const char *path, const char *const *suffixes,
                          size_t n);

/* The process's umask, left as it was: the mode of a new output file is
 * 0666 & ~rs_file_umask (). */
mode_t rs_file_umask (void);

/* The format named by path's extension (case-insensitive), or
 * RS_EXPORT_NONE. */
rs_export_format rs_export_format_of (const char *path);

/* Write the file at path whole or not at all: write(f, data, why) fills a
 * temporary file beside it, which is then flushed to the disk and renamed
 * to path.  write returns 0, or -1 with the reason in *why (static text).
 * Returns 0, or -1 with a message naming the file in errbuf. */
int rs_export_file (const char *path,
                    int (*write) (FILE *f, void *data, const char **why),
                    void *data, char *errbuf, size_t errlen);

/* An image surface (ARGB32 or RGB24) as a PNG file at path, written
 * directly (not through a temporary file): RGB when every pixel is
 * opaque, RGBA otherwise.  Returns 0, or -1 with a message naming the
 * file in errbuf. */
int rs_export_png (cairo_surface_t *img, const char *path, char *errbuf,
                   size_t errlen);

/* Draw a width x height figure with draw(cr, width, height, data) into
 * path: pixels for PNG (rounded to whole pixels), points for PDF and
 * SVG.  Returns 0, or -1 with a message naming the file in errbuf. */
int rs_export (const char *path, double width, double height,
               void (*draw) (cairo_t *cr, double width, double height,
                             void *data),
               void *data, char *errbuf, size_t errlen);

#endif /* RS_EXPORT_H */
