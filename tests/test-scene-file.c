/* test-scene-file.c: the .wordspace scene file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scene written and read back is the same scene, byte for byte; members
 * a newer minor version adds are kept; a newer major version is refused;
 * every malformed scene is refused with a message that names the file, the
 * line and column or the key, and what was expected. The fingerprint
 * tells a changed model, and a scene carried by an exported PNG, SVG or
 * PDF reads back as written.
 */
#include "config.h"

#include <string.h>

#include "ws-plot-export.h"
#include "ws-scene-file.h"
#include "ws-test-util.h"

static const char full_scene[] =
  "{\n"
  "  \"format\": \"wordspace-scene\",\n"
  "  \"version\": \"1.0\",\n"
  "  \"model\": {\n"
  "    \"path\": \"/models/GoogleNews-vectors-negative300.bin.gz\",\n"
  "    \"size\": 1647046227,\n"
  "    \"dimensions\": 300,\n"
  "    \"words\": 3000000,\n"
  "    \"limit\": 500000,\n"
  "    \"fingerprint\": \"sha256-ends:00ff\"\n"
  "  },\n"
  "  \"query\": \"king - man + woman\",\n"
  "  \"projection\": {\n"
  "    \"method\": \"analogy\",\n"
  "    \"topn\": 12,\n"
  "    \"neighbors\": 3,\n"
  "    \"restrict_vocab\": 30000\n"
  "  },\n"
  "  \"pinned\": [\"prince\", \"princess\"],\n"
  "  \"hidden\": [\"kings\"],\n"
  "  \"highlights\": [\"queen\"],\n"
  "  \"annotations\": [\n"
  "    {\n"
  "      \"word\": \"queen\",\n"
  "      \"text\": \"the answer \\\"ü\\\"\",\n"
  "      \"offset\": [40, -30.5]\n"
  "    },\n"
  "    {\n"
  "      \"at\": [0.1, -2.25],\n"
  "      \"text\": \"royalty\",\n"
  "      \"offset\": [0, 0]\n"
  "    }\n"
  "  ],\n"
  "  \"view\": {\n"
  "    \"zoom\": 1.5,\n"
  "    \"pan\": [-12, 7.25]\n"
  "  },\n"
  "  \"appearance\": {\n"
  "    \"theme\": \"dark\",\n"
  "    \"text_scale\": 1.25\n"
  "  },\n"
  "  \"size\": {\n"
  "    \"width\": 1600,\n"
  "    \"height\": 900,\n"
  "    \"scale\": 2\n"
  "  }\n"
  "}\n";

static WsSceneFile *
load (const char  *text,
      GError     **error)
{
  return ws_scene_file_load_from_data (text, -1, "test.wordspace", error);
}

static void
test_read_all (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) s = load (full_scene, &error);
  const WsPlotAnnotation *a;

  g_assert_no_error (error);
  g_assert_cmpstr (s->model.path, ==, "/models/GoogleNews-vectors-negative300.bin.gz");
  g_assert_cmpuint (s->model.size, ==, 1647046227);
  g_assert_cmpuint (s->model.dimensions, ==, 300);
  g_assert_cmpuint (s->model.words, ==, 3000000);
  g_assert_cmpuint (s->model.limit, ==, 500000);
  g_assert_cmpstr (s->model.fingerprint, ==, "sha256-ends:00ff");
  g_assert_cmpstr (s->query, ==, "king - man + woman");
  g_assert_null (s->words);
  g_assert_cmpint (s->method, ==, WS_PROJECTION_ANALOGY);
  g_assert_cmpuint (s->topn, ==, 12);
  g_assert_cmpuint (s->neighbors, ==, 3);
  g_assert_cmpuint (s->restrict_vocab, ==, 30000);
  g_assert_cmpuint (g_strv_length (s->pinned), ==, 2);
  g_assert_cmpstr (s->pinned[1], ==, "princess");
  g_assert_cmpstr (s->hidden[0], ==, "kings");
  g_assert_cmpstr (s->highlights[0], ==, "queen");
  g_assert_cmpuint (s->annotations->len, ==, 2);
  a = &g_array_index (s->annotations, WsPlotAnnotation, 0);
  g_assert_cmpstr (a->word, ==, "queen");
  g_assert_cmpstr (a->text, ==, "the answer \"ü\"");
  g_assert_cmpfloat (a->dx, ==, 40);
  g_assert_cmpfloat (a->dy, ==, -30.5);
  a = &g_array_index (s->annotations, WsPlotAnnotation, 1);
  g_assert_null (a->word);
  g_assert_cmpfloat (a->x, ==, 0.1);
  g_assert_cmpfloat (a->y, ==, -2.25);
  g_assert_cmpfloat (s->zoom, ==, 1.5);
  g_assert_cmpfloat (s->pan_x, ==, -12);
  g_assert_cmpfloat (s->pan_y, ==, 7.25);
  g_assert_cmpint (s->theme, ==, WS_PLOT_THEME_DARK);
  g_assert_cmpfloat (s->text_scale, ==, 1.25);
  g_assert_cmpuint (s->width, ==, 1600);
  g_assert_cmpuint (s->height, ==, 900);
  g_assert_cmpfloat (s->scale, ==, 2);
}

/* What this version writes is the text above, member for member. */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) s = load (full_scene, &error);
  g_autoptr(WsSceneFile) again = NULL;
  g_autoptr(WsSceneFile) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *text3 = NULL;

  g_assert_no_error (error);
  text = ws_scene_file_to_data (s, NULL);
  g_assert_cmpstr (text, ==, full_scene);
  again = load (text, &error);
  g_assert_no_error (error);
  text2 = ws_scene_file_to_data (again, NULL);
  g_assert_cmpstr (text2, ==, text);
  copy = ws_scene_file_copy (again);
  text3 = ws_scene_file_to_data (copy, NULL);
  g_assert_cmpstr (text3, ==, text);
}

/* A transparent figure says so in its appearance; an opaque one writes
 * nothing, so the scenes written before the member existed keep their
 * bytes. */
static void
test_transparent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) s = load (full_scene, &error);
  g_autoptr(WsSceneFile) again = NULL;
  g_autoptr(WsPlotScene) plot = ws_plot_scene_new ();
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_false (s->transparent);
  s->transparent = TRUE;
  text = ws_scene_file_to_data (s, NULL);
  g_assert_nonnull (strstr (text, "\"transparent\": true"));
  again = load (text, &error);
  g_assert_no_error (error);
  g_assert_true (again->transparent);

  ws_plot_scene_set_transparent (plot, TRUE);
  s->transparent = FALSE;
  ws_scene_file_update_from_plot (s, plot);
  g_assert_true (s->transparent);
}

static void
test_word_list_and_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) s = load ("{\"format\": \"wordspace-scene\", \"version\": \"1.0\","
                                   " \"model\": {\"path\": \"m.txt\"},"
                                   " \"words\": [\"paris\", \"berlin\", \"rome\"]}", &error);
  g_autofree char *query = NULL;
  g_autofree char *text = NULL;
  g_autoptr(WsSceneFile) again = NULL;

  g_assert_no_error (error);
  query = ws_scene_file_get_query_text (s);
  g_assert_cmpstr (query, ==, "paris, berlin, rome");
  g_assert_cmpuint (s->topn, ==, 10);
  g_assert_cmpint (s->method, ==, WS_PROJECTION_LOCAL);
  g_assert_cmpfloat (s->zoom, ==, 1);
  g_assert_cmpuint (s->width, ==, 1280);
  g_assert_cmpuint (s->height, ==, 800);
  g_assert_null (s->model.fingerprint);
  text = ws_scene_file_to_data (s, NULL);
  g_assert_nonnull (strstr (text, "\"words\": [\"paris\", \"berlin\", \"rome\"]"));
  g_assert_null (strstr (text, "\"query\""));
  again = load (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->words[2], ==, "rome");
}

/* A newer minor version's members: read past, and written back. */
static void
test_unknown_members_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) s = load ("{\"format\": \"wordspace-scene\", \"version\": \"1.7\","
                                   " \"model\": {\"path\": \"m.txt\", \"sha512\": \"abc\"},"
                                   " \"query\": \"king\","
                                   " \"view\": {\"zoom\": 2, \"rotation\": 90},"
                                   " \"layers\": [1, {\"a\": null}],"
                                   " \"author\": \"Ada\"}", &error);
  g_autofree char *text = NULL;
  g_autoptr(WsSceneFile) again = NULL;
  g_autofree char *text2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpfloat (s->zoom, ==, 2);
  text = ws_scene_file_to_data (s, NULL);
  g_assert_nonnull (strstr (text, "\"sha512\": \"abc\""));
  g_assert_nonnull (strstr (text, "\"rotation\": 90"));
  g_assert_nonnull (strstr (text, "\"layers\": [1,{\"a\":null}]"));
  g_assert_nonnull (strstr (text, "\"author\": \"Ada\""));
  /* This version writes its own version. */
  g_assert_nonnull (strstr (text, "\"version\": \"1.0\""));
  again = load (text, &error);
  g_assert_no_error (error);
  text2 = ws_scene_file_to_data (again, NULL);
  g_assert_cmpstr (text2, ==, text);
}

typedef struct
{
  const char *what;
  const char *text;
  int         code;
  const char *message;   /* the whole message */
} Malformed;

#define HEAD "{\"format\": \"wordspace-scene\", \"version\": \"1.0\", \"model\": {\"path\": \"m.txt\"}, "

static const Malformed malformed[] = {
  { "not JSON", "{\n  \"format\": \"wordspace-scene\",\n  \"version\": }\n", WS_SCENE_FILE_ERROR_PARSE,
    "test.wordspace:3:14: not a valid scene: the JSON breaks off here (unexpected character `}')" },
  { "empty", "", WS_SCENE_FILE_ERROR_PARSE,
    "test.wordspace: not a valid scene: expected one JSON object { … }" },
  { "an array", "[1, 2]", WS_SCENE_FILE_ERROR_PARSE,
    "test.wordspace: not a valid scene: expected one JSON object { … }" },
  { "invalid UTF-8", "{\"a\": \"\xff\"}", WS_SCENE_FILE_ERROR_PARSE,
    "test.wordspace: not a valid scene: invalid UTF-8 at byte 7" },
  { "a lone surrogate in a key (found by fuzzing)",
    "{\"format\": \"wordspace-scene\", \"version\": \"1.0\", \"query\": \"king\", \"note\": {\"a\\udc00b\": 1}}",
    WS_SCENE_FILE_ERROR_PARSE,
    "test.wordspace: not a valid scene: note.a\\xED\\xB0\\x80: a \\u escape that is not a character" },
  { "a lone surrogate in a value",
    "{\"format\": \"wordspace-scene\", \"version\": \"1.0\", \"query\": \"king\", \"pinned\": [\"a\\udc00b\"]}",
    WS_SCENE_FILE_ERROR_PARSE,
    "test.wordspace: not a valid scene: pinned[0]: a \\u escape that is not a character" },
  { "no format", "{\"version\": \"1.0\"}", WS_SCENE_FILE_ERROR_VERSION,
    "test.wordspace: not a Wordspace scene: expected the key “format” to be “wordspace-scene”" },
  { "newer major version", "{\"format\": \"wordspace-scene\", \"version\": \"2.0\"}", WS_SCENE_FILE_ERROR_VERSION,
    "test.wordspace: this scene is of version 2.0, which this Wordspace (reading versions 1.x) "
    "can’t read: a newer Wordspace wrote it" },
  { "version a number", "{\"format\": \"wordspace-scene\", \"version\": 1}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “version”: expected a version string such as “1.0”, found a number out of range" },
  { "no model", "{\"format\": \"wordspace-scene\", \"version\": \"1.0\", \"query\": \"king\"}",
    WS_SCENE_FILE_ERROR_INVALID, "test.wordspace: key “model”: expected an object { … }, found nothing" },
  { "model path a number", "{\"format\": \"wordspace-scene\", \"version\": \"1.0\", \"model\": {\"path\": 3}}",
    WS_SCENE_FILE_ERROR_INVALID, "test.wordspace: key “model.path”: expected a string, found a number out of range" },
  { "negative size", HEAD "\"query\": \"k\", \"model\": {\"path\": \"m\", \"size\": -1}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “model.size”: expected a whole number ≥ 0, found a number out of range" },
  { "no query", HEAD "\"view\": {}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: expected either the key “query” (a query such as “king - man + woman”) "
    "or the key “words” (a list of words), and not both" },
  { "query and words", HEAD "\"query\": \"k\", \"words\": [\"a\"]}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: expected either the key “query” (a query such as “king - man + woman”) "
    "or the key “words” (a list of words), and not both" },
  { "empty query", HEAD "\"query\": \"\"}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “query”: expected a query such as “king - man + woman”, found a string" },
  { "a number in words", HEAD "\"words\": [\"a\", 2]}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “words[1]”: expected a word (a non-empty string), found a number out of range" },
  { "bad method", HEAD "\"query\": \"k\", \"projection\": {\"method\": \"tsne\"}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “projection.method”: expected “local”, “global” or “analogy”, found a string" },
  { "too many neighbours", HEAD "\"query\": \"k\", \"projection\": {\"neighbors\": 10001}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “projection.neighbors”: expected a whole number from 0 to 10000, found a number out of range" },
  { "pinned not a list", HEAD "\"query\": \"k\", \"pinned\": \"prince\"}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “pinned”: expected an array of words, found a string" },
  { "annotation without text", HEAD "\"query\": \"k\", \"annotations\": [{\"word\": \"k\"}]}",
    WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “annotations[0].text”: expected a string, found nothing" },
  { "annotation with word and at", HEAD "\"query\": \"k\", \"annotations\": [{\"word\": \"k\", \"at\": [0, 0], \"text\": \"t\"}]}",
    WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “annotations[0]”: expected either “word” (a callout on a word) or “at” "
    "(a place [x, y]), and not both" },
  { "offset of one number", HEAD "\"query\": \"k\", \"annotations\": [{\"word\": \"k\", \"text\": \"t\", \"offset\": [1]}]}",
    WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “annotations[0].offset”: expected two numbers [x, y], found an array" },
  { "zero zoom", HEAD "\"query\": \"k\", \"view\": {\"zoom\": 0}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “view.zoom”: expected a number above 0 and up to 1000, found a number out of range" },
  { "pan a string", HEAD "\"query\": \"k\", \"view\": {\"pan\": \"0,0\"}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “view.pan”: expected two numbers [x, y], found a string" },
  { "bad theme", HEAD "\"query\": \"k\", \"appearance\": {\"theme\": \"pink\"}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “appearance.theme”: expected “light”, “dark”, “high-contrast-light” or “high-contrast-dark”, found a string" },
  { "transparent a string", HEAD "\"query\": \"k\", \"appearance\": {\"transparent\": \"yes\"}}",
    WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “appearance.transparent”: expected true or false, found a string" },
  { "huge text scale", HEAD "\"query\": \"k\", \"appearance\": {\"text_scale\": 10}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “appearance.text_scale”: expected a number from 0.25 to 6, found a number out of range" },
  { "zero width", HEAD "\"query\": \"k\", \"size\": {\"width\": 0}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “size.width”: expected a whole number from 1 to 32767, found a number out of range" },
  { "fractional height", HEAD "\"query\": \"k\", \"size\": {\"height\": 600.5}}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “size.height”: expected a whole number from 1 to 32767, found a number out of range" },
  { "size not an object", HEAD "\"query\": \"k\", \"size\": [1, 2]}", WS_SCENE_FILE_ERROR_INVALID,
    "test.wordspace: key “size”: expected an object { … }, found an array" },
};

static void
test_malformed (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsSceneFile) s = NULL;

      g_test_message ("%s", malformed[i].what);
      s = load (malformed[i].text, &error);
      g_assert_null (s);
      g_assert_error (error, WS_SCENE_FILE_ERROR, malformed[i].code);
      g_assert_cmpstr (error->message, ==, malformed[i].message);
    }
}

/* json-glib quotes the bytes where it stops, and may cut a character in
 * two there (found by fuzzing): the message stays valid UTF-8 and shows
 * the stray byte escaped. */
static void
test_parse_error_cuts_character (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "scene-file",
                                                 "json-error-cuts-a-character", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) s = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  s = ws_scene_file_load_from_data (text, length, "test.wordspace", &error);
  g_assert_null (s);
  g_assert_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_PARSE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "test.wordspace:5:87: not a valid scene"));
  g_assert_nonnull (strstr (error->message, "\\xEF\")"));
}

static void
test_fingerprint (void)
{
  g_autofree guint8 *data = g_malloc (300 * 1024);
  g_autofree char *path = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *small = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) s = ws_scene_file_new ();
  guint64 size = 0;

  for (gsize i = 0; i < 300 * 1024; i++)
    data[i] = (guint8) (i * 7 + i / 251);
  path = ws_test_write_file ("model.bin", data, 300 * 1024);
  a = ws_scene_file_fingerprint (path, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, ==, 300 * 1024);
  g_assert_true (g_str_has_prefix (a, "sha256-ends:"));
  g_assert_cmpuint (strlen (a), ==, strlen ("sha256-ends:") + 64);

  /* A byte changed at the end is seen; so is one near the start. */
  data[300 * 1024 - 5] ^= 1;
  g_free (ws_test_write_file ("model.bin", data, 300 * 1024));
  b = ws_scene_file_fingerprint (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, !=, b);
  data[300 * 1024 - 5] ^= 1;
  data[10] ^= 1;
  g_free (ws_test_write_file ("model.bin", data, 300 * 1024));
  c = ws_scene_file_fingerprint (path, NULL, &error);
  g_assert_cmpstr (a, !=, c);
  data[10] ^= 1;
  /* The same bytes again: the same fingerprint. */
  g_free (ws_test_write_file ("model.bin", data, 300 * 1024));
  d = ws_scene_file_fingerprint (path, NULL, &error);
  g_assert_cmpstr (a, ==, d);
  /* A file smaller than the two ends. */
  g_free (ws_test_write_file ("small.bin", data, 100));
  {
    g_autofree char *small_path = g_build_filename (ws_test_tmpdir (), "small.bin", NULL);

    small = ws_scene_file_fingerprint (small_path, &size, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (size, ==, 100);
  }

  /* check_model: the same file passes; a changed one or a missing one
   * fails, naming the file expected. */
  s->model.path = g_strdup (path);
  s->model.size = 300 * 1024;
  s->model.fingerprint = g_strdup (a);
  g_assert_true (ws_scene_file_check_model (s, NULL, TRUE, &error));
  g_assert_no_error (error);
  data[150 * 1024] ^= 1;   /* the middle: not seen, as documented */
  g_free (ws_test_write_file ("model.bin", data, 300 * 1024));
  g_assert_true (ws_scene_file_check_model (s, NULL, TRUE, &error));
  g_free (ws_test_write_file ("model.bin", data, 300 * 1024 - 1));
  g_assert_false (ws_scene_file_check_model (s, NULL, TRUE, &error));
  g_assert_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_CHANGED);
  g_assert_nonnull (strstr (error->message, path));
  /* What is wrong, not what to type: the CLI and the window each add their
   * own way out. */
  g_assert_null (strstr (error->message, "wordspace-cli"));
  g_assert_null (strstr (error->message, "--"));
  g_clear_error (&error);
  g_assert_true (ws_scene_file_check_model (s, NULL, FALSE, &error));
  g_free (s->model.path);
  s->model.path = g_build_filename (ws_test_tmpdir (), "gone.bin", NULL);
  g_assert_false (ws_scene_file_check_model (s, NULL, TRUE, &error));
  g_assert_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_MISSING);
  {
    g_autofree char *want = g_strdup_printf ("The scene was made with the model %s, which is not there",
                                             s->model.path);

    g_assert_cmpstr (error->message, ==, want);
  }
  g_clear_error (&error);
  /* Pointed elsewhere: that file is checked. */
  g_assert_false (ws_scene_file_check_model (s, path, TRUE, &error));
  g_assert_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_CHANGED);
}

/* A figure carries the scene: ws_scene_file_load reads it back from each
 * format, and says so when a figure carries none. */
static void
test_figures (void)
{
  static const WsPlotFormat formats[] = { WS_PLOT_FORMAT_PNG, WS_PLOT_FORMAT_SVG, WS_PLOT_FORMAT_PDF };
  static const char *names[] = { "f.png", "f.svg", "f.pdf" };
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) s = load (full_scene, &error);
  g_autoptr(WsPlotScene) plot = ws_plot_scene_new ();
  g_autofree char *text = ws_scene_file_to_data (s, NULL);

  g_assert_no_error (error);
  ws_plot_scene_add_point (plot, "queen", 0, 0, WS_PLOT_ROLE_ANSWER, 0.7);
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GBytes) with = ws_plot_export_to_bytes_full (plot, formats[i], 200, 100, 1, text, &error);
      g_autoptr(GBytes) without = ws_plot_export_to_bytes (plot, formats[i], 200, 100, 1, &error);
      g_autofree char *path = NULL;
      g_autofree char *bare = NULL;
      g_autoptr(WsSceneFile) back = NULL;
      g_autofree char *back_text = NULL;

      g_assert_no_error (error);
      path = ws_test_write_file (names[i], g_bytes_get_data (with, NULL), g_bytes_get_size (with));
      back = ws_scene_file_load (path, &error);
      g_assert_no_error (error);
      back_text = ws_scene_file_to_data (back, NULL);
      g_assert_cmpstr (back_text, ==, text);

      bare = ws_test_write_file (names[i], g_bytes_get_data (without, NULL), g_bytes_get_size (without));
      g_assert_null (ws_scene_file_load (bare, &error));
      g_assert_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_NO_SCENE);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_clear_error (&error);
    }
}

/* A hand-written scene beside its model names it relative to itself. */
static void
test_relative_model_path (void)
{
  static const char text[] = "{\"format\": \"wordspace-scene\", \"version\": \"1.0\","
                             " \"model\": {\"path\": \"models/m.txt\"}, \"query\": \"king\"}";
  g_autofree char *path = ws_test_write_file ("relative.wordspace", text, -1);
  g_autofree char *expected = g_build_filename (ws_test_tmpdir (), "models", "m.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsSceneFile) s = ws_scene_file_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (s->model.path, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scene-file/read-all", test_read_all);
  g_test_add_func ("/scene-file/round-trip", test_round_trip);
  g_test_add_func ("/scene-file/word-list", test_word_list_and_defaults);
  g_test_add_func ("/scene-file/unknown-members", test_unknown_members_kept);
  g_test_add_func ("/scene-file/malformed", test_malformed);
  g_test_add_func ("/scene-file/parse-error-cuts-character", test_parse_error_cuts_character);
  g_test_add_func ("/scene-file/transparent", test_transparent);
  g_test_add_func ("/scene-file/fingerprint", test_fingerprint);
  g_test_add_func ("/scene-file/figures", test_figures);
  g_test_add_func ("/scene-file/relative-model-path", test_relative_model_path);
  return g_test_run ();
}
