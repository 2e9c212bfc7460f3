/* ws-test-model.h: what the test programs that open models share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ws-pca.h"
#include "ws-vectors.h"

G_BEGIN_DECLS

/* All raw rows of @vectors (n_words × dim), also for a model that keeps them
 * in its file; the copy lives as long as @vectors. */
const float *ws_test_all_rows         (WsVectors *vectors);

/* The global axes kept with @vectors for @unit_vectors, or NULL when none
 * have been computed (or they are being computed): never computes, never
 * waits. */
WsPca       *ws_test_kept_global_axes (WsVectors *vectors,
                                       gboolean   unit_vectors);

G_END_DECLS
