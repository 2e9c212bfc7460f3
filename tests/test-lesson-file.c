/* test-lesson-file.c: the .wordspace-lesson file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson written and read back is the same lesson, byte for byte; its
 * steps' scenes share the lesson's model; unknown members are kept at the
 * top, in a step and in a step's scene; every malformed lesson is refused
 * with a message naming the file and the key from the top of the lesson
 * ("steps[1].scene.query") and what was expected; "@bundled" and relative
 * model paths are resolved.
 */
#include "config.h"

#include <string.h>

#include "ws-lesson-file.h"
#include "ws-test-util.h"

/* In the writer's own layout, so that it reads back to the same bytes. */
static const char canonical[] =
  "{\n"
  "  \"format\": \"wordspace-lesson\",\n"
  "  \"version\": \"1.0\",\n"
  "  \"title\": \"Analogies\",\n"
  "  \"model\": {\n"
  "    \"path\": \"/models/m.bin\",\n"
  "    \"size\": 1234,\n"
  "    \"dimensions\": 16,\n"
  "    \"fingerprint\": \"sha256-ends:00ff\",\n"
  "    \"origin\": \"kept\"\n"
  "  },\n"
  "  \"steps\": [\n"
  "    {\n"
  "      \"title\": \"king − man + woman\",\n"
  "      \"notes\": \"queen, 0.7118 in the seed's model\",\n"
  "      \"scene\": {\n"
  "        \"query\": \"king - man + woman\",\n"
  "        \"projection\": {\n"
  "          \"method\": \"analogy\",\n"
  "          \"topn\": 10,\n"
  "          \"neighbors\": 0,\n"
  "          \"restrict_vocab\": 0\n"
  "        },\n"
  "        \"pinned\": [],\n"
  "        \"hidden\": [],\n"
  "        \"highlights\": [\"queen\"],\n"
  "        \"annotations\": [],\n"
  "        \"view\": {\n"
  "          \"zoom\": 1,\n"
  "          \"pan\": [0, 0]\n"
  "        },\n"
  "        \"appearance\": {\n"
  "          \"theme\": \"dark\",\n"
  "          \"text_scale\": 2.5\n"
  "        },\n"
  "        \"size\": {\n"
  "          \"width\": 1920,\n"
  "          \"height\": 1080,\n"
  "          \"scale\": 1\n"
  "        },\n"
  "        \"reveal\": \"staged\"\n"
  "      }\n"
  "    },\n"
  "    {\n"
  "      \"title\": \"A list\",\n"
  "      \"notes\": \"\",\n"
  "      \"scene\": {\n"
  "        \"words\": [\"boy\", \"girl\"],\n"
  "        \"projection\": {\n"
  "          \"method\": \"local\",\n"
  "          \"topn\": 10,\n"
  "          \"neighbors\": 0,\n"
  "          \"restrict_vocab\": 0\n"
  "        },\n"
  "        \"pinned\": [],\n"
  "        \"hidden\": [],\n"
  "        \"highlights\": [],\n"
  "        \"annotations\": [],\n"
  "        \"view\": {\n"
  "          \"zoom\": 1,\n"
  "          \"pan\": [0, 0]\n"
  "        },\n"
  "        \"appearance\": {\n"
  "          \"theme\": \"light\",\n"
  "          \"text_scale\": 1\n"
  "        },\n"
  "        \"size\": {\n"
  "          \"width\": 1280,\n"
  "          \"height\": 800,\n"
  "          \"scale\": 1\n"
  "        }\n"
  "      },\n"
  "      \"timer\": 30\n"
  "    }\n"
  "  ],\n"
  "  \"presenter\": {\"screen\":2}\n"
  "}\n";

static WsLessonFile *
load (const char  *text,
      GError     **error)
{
  return ws_lesson_file_load_from_data (text, -1, "t.wordspace-lesson", "/lessons", error);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsLessonFile) lesson = load (canonical, &error);
  g_autofree char *text = NULL;
  WsLessonStep *step;

  g_assert_no_error (error);
  g_assert_cmpstr (lesson->title, ==, "Analogies");
  g_assert_cmpuint (ws_lesson_file_get_n_steps (lesson), ==, 2);
  step = ws_lesson_file_get_step (lesson, 0);
  g_assert_cmpstr (step->title, ==, "king − man + woman");
  g_assert_cmpstr (step->notes, ==, "queen, 0.7118 in the seed's model");
  g_assert_cmpstr (step->scene->query, ==, "king - man + woman");
  g_assert_cmpint (step->scene->method, ==, WS_PROJECTION_ANALOGY);
  g_assert_cmpint (step->scene->theme, ==, WS_PLOT_THEME_DARK);
  g_assert_cmpfloat (step->scene->text_scale, ==, 2.5);
  g_assert_cmpuint (step->scene->width, ==, 1920);
  /* Every step's scene carries the lesson's model, for checking and for
   * the figures it exports. */
  g_assert_cmpstr (step->scene->model.path, ==, "/models/m.bin");
  g_assert_cmpuint (step->scene->model.size, ==, 1234);
  g_assert_cmpstr (step->scene->model.fingerprint, ==, "sha256-ends:00ff");
  step = ws_lesson_file_get_step (lesson, 1);
  g_assert_cmpstr (step->notes, ==, "");
  g_assert_cmpstr (step->scene->words[1], ==, "girl");
  g_assert_cmpstr (step->scene->model.path, ==, "/models/m.bin");

  text = ws_lesson_file_to_data (lesson, NULL);
  g_assert_cmpstr (text, ==, canonical);
}

static void
test_build_and_save (void)
{
  g_autoptr(WsLessonFile) lesson = ws_lesson_file_new ();
  g_autoptr(WsLessonFile) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (ws_test_tmpdir (), "built.wordspace-lesson", NULL);
  g_autofree char *text = NULL, *again = NULL;
  WsSceneModel model = { .path = (char *) "@bundled" };
  WsSceneFile *scene = ws_scene_file_new ();
  g_autofree char *bundled = ws_lesson_file_bundled_model_path ();

  scene->query = g_strdup ("india + war");
  g_free (lesson->title);
  lesson->title = g_strdup ("Built");
  ws_lesson_file_add_step (lesson, "India + war", "notes \"quoted\"\nand a new line", scene);
  ws_lesson_file_set_model (lesson, &model, NULL);
  g_assert_cmpstr (lesson->model_path, ==, bundled);
  g_assert_cmpstr (ws_lesson_file_get_step (lesson, 0)->scene->model.path, ==, bundled);
  g_assert_true (ws_lesson_file_save (lesson, path, &error));
  g_assert_no_error (error);

  back = ws_lesson_file_load (path, &error);
  g_assert_no_error (error);
  /* "@bundled" stays as written, so the lesson stays portable. */
  g_assert_cmpstr (back->model.path, ==, "@bundled");
  g_assert_cmpstr (back->model_path, ==, bundled);
  g_assert_cmpstr (ws_lesson_file_get_step (back, 0)->notes, ==, "notes \"quoted\"\nand a new line");
  text = ws_lesson_file_to_data (lesson, NULL);
  again = ws_lesson_file_to_data (back, NULL);
  g_assert_cmpstr (text, ==, again);
}

static void
test_relative_model (void)
{
  static const char text[] =
    "{\"format\": \"wordspace-lesson\", \"version\": \"1.2\", \"model\": {\"path\": \"../models/m.txt\"},"
    " \"steps\": [{\"scene\": {\"query\": \"king\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(WsLessonFile) lesson = load (text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lesson->model.path, ==, "../models/m.txt");
  g_assert_cmpstr (lesson->model_path, ==, "/models/m.txt");
  g_assert_cmpstr (ws_lesson_file_get_step (lesson, 0)->scene->model.path, ==, "/models/m.txt");
  /* A step with no title or notes gets empty ones. */
  g_assert_cmpstr (ws_lesson_file_get_step (lesson, 0)->title, ==, "");
  g_assert_cmpstr (lesson->title, ==, "");
}

#define HEAD "{\"format\": \"wordspace-lesson\", \"version\": \"1.0\", \"model\": {\"path\": \"m.bin\"}, "

static const struct
{
  const char *what;
  const char *text;
  int         code;
  const char *message;
} malformed[] = {
  { "not JSON", "{\"format\": \"wordspace-lesson\",\n  \"steps\": [}", WS_SCENE_FILE_ERROR_PARSE,
    NULL },
  { "a scene, not a lesson",
    "{\"format\": \"wordspace-scene\", \"version\": \"1.0\"}", WS_SCENE_FILE_ERROR_VERSION,
    "t.wordspace-lesson: not a Wordspace lesson: expected the key “format” to be “wordspace-lesson”" },
  { "a newer major version",
    "{\"format\": \"wordspace-lesson\", \"version\": \"2.0\"}", WS_SCENE_FILE_ERROR_VERSION, NULL },
  { "no model", "{\"format\": \"wordspace-lesson\", \"version\": \"1.0\", \"steps\": []}",
    WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “model”: expected an object { … }, found nothing" },
  { "no steps", HEAD "\"title\": \"x\"}", WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps”: expected a list of at least one step [ { … } ], found nothing" },
  { "empty steps", HEAD "\"steps\": []}", WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps”: expected a list of at least one step [ { … } ], found an array" },
  { "a title that is a number", HEAD "\"title\": 4, \"steps\": [{\"scene\": {\"query\": \"a\"}}]}",
    WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “title”: expected a string, found a number out of range" },
  { "a step that is a string", HEAD "\"steps\": [\"king\"]}", WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps[0]”: expected a step: an object with “title”, “notes” and "
    "“scene”, found a string" },
  { "a step's notes that are an array",
    HEAD "\"steps\": [{\"scene\": {\"query\": \"a\"}}, {\"notes\": [], \"scene\": {\"query\": \"a\"}}]}",
    WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps[1].notes”: expected a string, found an array" },
  { "a step with no scene", HEAD "\"steps\": [{\"title\": \"t\"}]}", WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps[0].scene”: expected a scene: an object with “query” or "
    "“words”, found nothing" },
  { "a query that is a number",
    HEAD "\"steps\": [{\"scene\": {\"query\": \"a\"}}, {\"scene\": {\"query\": 5}}, {\"scene\": {\"query\": \"a\"}}]}",
    WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps[1].scene.query”: expected a string, found a number out of range" },
  { "both query and words",
    HEAD "\"steps\": [{\"scene\": {\"query\": \"a\", \"words\": [\"b\"]}}]}", WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps[0].scene”: expected either the key “query” (a query such as "
    "“king - man + woman”) or the key “words” (a list of words), and not both" },
  { "a bad method",
    HEAD "\"steps\": [{\"scene\": {\"query\": \"a\", \"projection\": {\"method\": \"tsne\"}}}]}",
    WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps[0].scene.projection.method”: expected “local”, “global” or "
    "“analogy”, found a string" },
  { "an empty word in a list",
    HEAD "\"steps\": [{\"scene\": {\"words\": [\"a\", \"\"]}}]}", WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps[0].scene.words[1]”: expected a word (a non-empty string), "
    "found a string" },
  { "a bad annotation",
    HEAD "\"steps\": [{\"scene\": {\"query\": \"a\", \"annotations\": [{\"text\": \"t\"}]}}]}",
    WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps[0].scene.annotations[0]”: expected either “word” (a callout "
    "on a word) or “at” (a place [x, y]), and not both" },
  { "a text scale too large",
    HEAD "\"steps\": [{\"scene\": {\"query\": \"a\", \"appearance\": {\"text_scale\": 9}}}]}",
    WS_SCENE_FILE_ERROR_INVALID,
    "t.wordspace-lesson: key “steps[0].scene.appearance.text_scale”: expected a number from 0.25 "
    "to 6, found a number out of range" },
};

static void
test_malformed (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsLessonFile) lesson = NULL;

      g_test_message ("%s", malformed[i].what);
      lesson = load (malformed[i].text, &error);
      g_assert_null (lesson);
      g_assert_error (error, WS_SCENE_FILE_ERROR, malformed[i].code);
      g_assert_true (g_str_has_prefix (error->message, "t.wordspace-lesson"));
      if (malformed[i].message != NULL)
        g_assert_cmpstr (error->message, ==, malformed[i].message);
    }
}

/* The projector themes read and write by name. */
static void
test_high_contrast (void)
{
  static const char text[] =
    "{\"format\": \"wordspace-lesson\", \"version\": \"1.0\", \"model\": {\"path\": \"/m.txt\"},"
    " \"steps\": [{\"scene\": {\"query\": \"king\", \"appearance\": {\"theme\": \"high-contrast-dark\"}}},"
    " {\"scene\": {\"query\": \"king\", \"appearance\": {\"theme\": \"high-contrast-light\"}}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(WsLessonFile) lesson = load (text, &error);
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ws_lesson_file_get_step (lesson, 0)->scene->theme, ==, WS_PLOT_THEME_HIGH_CONTRAST_DARK);
  g_assert_cmpint (ws_lesson_file_get_step (lesson, 1)->scene->theme, ==, WS_PLOT_THEME_HIGH_CONTRAST_LIGHT);
  written = ws_lesson_file_to_data (lesson, NULL);
  g_assert_nonnull (strstr (written, "\"theme\": \"high-contrast-dark\""));
  g_assert_nonnull (strstr (written, "\"theme\": \"high-contrast-light\""));
}

static void
test_sniff (void)
{
  const char *spaced = "  {\"format\": \"wordspace-lesson\"}";
  const char *scene = "{\"format\": \"wordspace-scene\"}";

  g_assert_true (ws_lesson_file_sniff (canonical, strlen (canonical)));
  g_assert_true (ws_lesson_file_sniff (spaced, strlen (spaced)));
  g_assert_false (ws_lesson_file_sniff (scene, strlen (scene)));
  g_assert_false (ws_lesson_file_sniff ("\x89PNG\r\n", 6));
  g_assert_false (ws_lesson_file_sniff ("{", 1));
  /* A "format" that is not a string is not a lesson, and no critical
   * (found by fuzzing; the tests make criticals fatal). */
  g_assert_false (ws_lesson_file_sniff ("{\"format\": {}}", 14));
  g_assert_false (ws_lesson_file_sniff ("{\"format\": [1]}", 15));
  g_assert_false (ws_lesson_file_sniff ("{\"format\": null}", 16));
  g_assert_false (ws_lesson_file_sniff ("{\"format\": 7}", 13));
}

static void
test_shipped (void)
{
  static const char *const names[] = {
    "seed-notebook.wordspace-lesson", "analogies-that-fail.wordspace-lesson",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (WS_SOURCE_DATADIR, "lessons", names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(WsLessonFile) lesson = ws_lesson_file_load (path, &error);
      g_autofree char *bundled = ws_lesson_file_bundled_model_path ();

      g_assert_no_error (error);
      g_assert_cmpstr (lesson->model.path, ==, WS_LESSON_FILE_BUNDLED_MODEL);
      g_assert_cmpstr (lesson->model_path, ==, bundled);
      g_assert_cmpuint (ws_lesson_file_get_n_steps (lesson), >=, 4);
      for (guint s = 0; s < ws_lesson_file_get_n_steps (lesson); s++)
        {
          WsLessonStep *step = ws_lesson_file_get_step (lesson, s);

          g_assert_cmpstr (step->title, !=, "");
          g_assert_cmpstr (step->notes, !=, "");
        }
      /* Each says which model gives the seed's exact numbers. */
      {
        g_autofree char *text = ws_lesson_file_to_data (lesson, NULL);

        g_assert_nonnull (strstr (text, "wordspace-cli download word2vec-google-news-300"));
      }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lesson-file/round-trip", test_round_trip);
  g_test_add_func ("/lesson-file/build-and-save", test_build_and_save);
  g_test_add_func ("/lesson-file/relative-model", test_relative_model);
  g_test_add_func ("/lesson-file/malformed", test_malformed);
  g_test_add_func ("/lesson-file/sniff", test_sniff);
  g_test_add_func ("/lesson-file/high-contrast", test_high_contrast);
  g_test_add_func ("/lesson-file/shipped", test_shipped);
  return g_test_run ();
}
