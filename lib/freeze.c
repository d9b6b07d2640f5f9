/* freeze.c: parameters that never train, named as rs_net_param_name
 * names them or by patterns with '*' (W2[*][*]: every weight of layer 2).
 * The run keeps a mask of them and puts them back after every change that
 * training makes (rs_sim.c), so that every optimiser, weight decay, kicks
 * and Langevin noise leave them as they are. */
#include <config.h>

#include <string.h>

#include "reluscape/rs_sim.h"

/* Whether name matches pattern, where '*' stands for one or more digits
 * (a layer or an index) and everything else for itself. */
int
rs_net_param_match (const char *pattern, const char *name)
{
  while (*pattern != '\0')
    {
      if (*pattern == '*')
        {
          if (*name < '0' || *name > '9')
            return 0;
          while (*name >= '0' && *name <= '9')
            name++;
          pattern++;
          continue;
        }
      if (*pattern++ != *name++)
        return 0;
    }
  return *name == '\0';
}

int
rs_sim_freeze_mask (const rs_net *net, const rs_sim_params *p,
                    unsigned char *mask, rs_error *err)
{
  size_t np = rs_net_nparams (net);
  char name[64];

  memset (mask, 0, np);
  for (size_t f = 0; f < p->n_frozen; f++)
    {
      size_t hits = 0;

      for (size_t i = 0; i < np; i++)
        if (rs_net_param_match (p->frozen[f],
                                rs_net_param_name (net, i, name,
                                                   sizeof name)))
          {
            mask[i] = 1;
            hits++;
          }
      if (hits == 0)
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "freeze %s: no "
                             "parameter of the network is called so",
                             p->frozen[f]);
    }
  return RS_OK;
}
