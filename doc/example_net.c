/* The gradient of a 2-16-16-1 ReLU network on the xor data, and its
 * dead units (the EXAMPLE of libreluscape(3)). */
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <reluscape/reluscape.h>

int
main (void)
{
  size_t sizes[] = { 2, 16, 16, 1 };
  rs_net_spec spec;
  rs_error err;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_net *net = NULL;
  rs_data *d = NULL;
  rs_net_workspace *w = NULL;
  gsl_vector *g = NULL;
  double loss;
  int rc = 1;

  gsl_rng_set (r, 1);
  rs_net_spec_init (&spec, 3, sizes, rs_act_relu, rs_act_identity);
  if ((net = rs_net_alloc (&spec, &err)) == NULL
      || (d = rs_data_generate (rs_data_xor_gen, 256, 0.0, r, &err)) == NULL
      || (w = rs_net_workspace_alloc (net, d->n, &err)) == NULL
      || rs_net_init (net, rs_init_he_normal, 0.0, 0.1, r, &err) != RS_OK)
    goto done;
  g = gsl_vector_alloc (rs_net_nparams (net));
  if (rs_loss_net (net, rs_loss_sigmoid_bce, d, w, &loss, g, &err) != RS_OK)
    goto done;
  printf ("loss %.6f, |grad| %.6f, %zu of %zu hidden units dead\n", loss,
          gsl_blas_dnrm2 (g), rs_net_dead_units (net, w),
          rs_net_hidden_units (net));
  rc = 0;

done:
  if (rc != 0)
    fprintf (stderr, "example_net: %s\n", err.message);
  if (g != NULL)
    gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_data_free (d);
  rs_net_free (net);
  gsl_rng_free (r);
  return rc;
}
