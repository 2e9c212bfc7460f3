/* ws-test-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ws-projection.h"
#include "ws-test-model.h"

const float *
ws_test_all_rows (WsVectors *vectors)
{
  gsize n = ws_vectors_get_n_words (vectors), dim = ws_vectors_get_dim (vectors);
  float *m = g_new (float, MAX (n, 1) * dim);

  g_assert_true (ws_vectors_copy_rows (vectors, 0, n, m, NULL));
  g_object_set_data_full (G_OBJECT (vectors), "test-all-rows", m, g_free);
  return m;
}

WsPca *
ws_test_kept_global_axes (WsVectors *vectors,
                          gboolean   unit_vectors)
{
  /* Neither computes nor waits: a test polling from the main thread must
   * not itself hold the frames it measures. */
  return ws_projection_peek_global_pca (vectors, 0, unit_vectors);
}
