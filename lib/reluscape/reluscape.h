/* reluscape.h: the whole of libreluscape. */
#ifndef RELUSCAPE_H
#define RELUSCAPE_H

#include <reluscape/rs_common.h>
#include <reluscape/rs_act.h>
#include <reluscape/rs_data.h>
#include <reluscape/rs_net.h>
#include <reluscape/rs_loss.h>
#include <reluscape/rs_train.h>
#include <reluscape/rs_sim.h>
#include <reluscape/rs_surface.h>
#include <reluscape/rs_probe.h>
#include <reluscape/rs_expect.h>
#include <reluscape/rs_scene.h>

#endif /* RELUSCAPE_H */
