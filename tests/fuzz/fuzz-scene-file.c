/* fuzz-scene-file.c: any bytes as a scene file, and as a figure that may
 * carry one (ws_scene_file_load_from_data, ws_plot_metadata_extract)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "ws-plot-metadata.h"
#include "ws-scene-file.h"

/* A scene that reads must write text that reads back to the same text:
 * what Wordspace saves, it can open again. */
static void
check_round_trip (const WsSceneFile *scene)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length = 0;
  gsize second_length = 0;

  first = ws_scene_file_to_data (scene, &first_length);
  g_assert (g_utf8_validate (first, first_length, NULL));
  again = ws_scene_file_load_from_data (first, first_length, "the saved scene", &error);
  g_assert_no_error (error);
  second = ws_scene_file_to_data (again, &second_length);
  g_assert_cmpmem (first, first_length, second, second_length);
}

static void
read_scene (const char *data,
            gsize       length,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) scene = ws_scene_file_load_from_data (data, length, name, &error);

  if (scene == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_no_error (error);
  check_round_trip (scene);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *carried = NULL;

  ws_fuzz_init ();
  read_scene ((const char *) data, size, "fuzz.wordspace");

  carried = ws_plot_metadata_extract (data, size, "fuzz.png", &error);
  if (carried != NULL)
    read_scene (carried, -1, "the figure's scene");
  else
    g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
  return 0;
}
