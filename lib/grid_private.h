/* grid_private.h: the order in which surfaces and basin maps visit a
 * grid, coarse to fine, and their batches; shared by surface.c and
 * basin.c and not exported. */
#ifndef RS_GRID_PRIVATE_H
#define RS_GRID_PRIVATE_H

#include <stddef.h>

/* The preview's side: every k-th point of a side, k = ceil(n / 64). */
#define RS_GRID_PREVIEW 64

/* Fill order (nu nv indices i nu + j) with the preview's points first,
 * row by row, then the rest; *k receives the preview's stride.  Returns
 * how many points the preview has. */
static inline size_t
rs_grid_order (size_t nu, size_t nv, size_t *order, size_t *k)
{
  size_t q = 0, npreview, side = nu > nv ? nu : nv;

  *k = (side + RS_GRID_PREVIEW - 1) / RS_GRID_PREVIEW;
  for (size_t i = 0; i < nv; i += *k)
    for (size_t j = 0; j < nu; j += *k)
      order[q++] = i * nu + j;
  npreview = q;
  for (size_t i = 0; i < nv; i++)
    for (size_t j = 0; j < nu; j++)
      if (i % *k != 0 || j % *k != 0)
        order[q++] = i * nu + j;
  return npreview;
}

/* The end of the batch that starts at position first of total: batch
 * points, except that the preview is one batch of its own, complete
 * after the first call. */
static inline size_t
rs_grid_batch_end (size_t first, size_t total, size_t npreview,
                   size_t batch)
{
  if (first < npreview)
    return npreview;
  return first + batch < total ? first + batch : total;
}

#endif /* RS_GRID_PRIVATE_H */
