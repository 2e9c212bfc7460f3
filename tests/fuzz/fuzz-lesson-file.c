/* fuzz-lesson-file.c: any bytes as a lesson (ws_lesson_file_load_from_data)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "ws-lesson-file.h"

/* A lesson that reads must write text that reads back to the same text:
 * what Wordspace saves, it can open again. */
static void
check_round_trip (const WsLessonFile *lesson)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsLessonFile) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length = 0;
  gsize second_length = 0;

  first = ws_lesson_file_to_data (lesson, &first_length);
  g_assert (g_utf8_validate (first, first_length, NULL));
  again = ws_lesson_file_load_from_data (first, first_length, "the saved lesson",
                                         ws_fuzz_tmpdir (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_lesson_file_get_n_steps (again), ==, ws_lesson_file_get_n_steps (lesson));
  second = ws_lesson_file_to_data (again, &second_length);
  g_assert_cmpmem (first, first_length, second, second_length);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsLessonFile) lesson = NULL;

  ws_fuzz_init ();
  (void) ws_lesson_file_sniff ((const char *) data, size);
  lesson = ws_lesson_file_load_from_data ((const char *) data, size, "fuzz.wordspace-lesson",
                                          ws_fuzz_tmpdir (), &error);
  if (lesson == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  for (guint i = 0; i < ws_lesson_file_get_n_steps (lesson); i++)
    g_assert (ws_lesson_file_get_step (lesson, i)->scene != NULL);
  check_round_trip (lesson);
  return 0;
}
