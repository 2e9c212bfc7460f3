/* ws-test-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

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
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  WsPca *pca;

  g_cancellable_cancel (cancelled);
  pca = ws_projection_get_global_pca (vectors, 0, unit_vectors, cancelled, &error);
  g_assert_true (pca != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  return pca;
}
