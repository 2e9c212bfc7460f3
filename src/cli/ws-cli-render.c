/* ws-cli-render.c: render — the map of a query to PNG, SVG or PDF, no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ws-cli.h"
#include "ws-expression.h"
#include "ws-lesson-file.h"
#include "ws-plot-export.h"
#include "ws-plot-layout.h"
#include "ws-scene-builder.h"
#include "ws-scene-file.h"

#define RENDER_SUMMARY N_("Draw the map of a query (the words, the results, the analogy’s " \
                          "parallelogram) to a PNG, SVG or PDF file, with no display")

static const char *
format_name (WsPlotFormat format)
{
  switch (format)
    {
    case WS_PLOT_FORMAT_SVG: return "svg";
    case WS_PLOT_FORMAT_PDF: return "pdf";
    case WS_PLOT_FORMAT_PNG:
    default:
      return "png";
    }
}

static void
json_add_double (JsonBuilder *b,
                 const char  *name,
                 double       value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* The scene and where each thing was drawn, for scripts and tests. */
static void
json_add_scene (JsonBuilder  *b,
                WsPlotLayout *layout)
{
  WsPlotScene *scene = ws_plot_layout_get_scene (layout);

  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, ws_plot_scene_get_title (scene));
  json_builder_set_member_name (b, "x_axis");
  json_builder_add_string_value (b, ws_plot_scene_get_x_label (scene));
  json_builder_set_member_name (b, "y_axis");
  json_builder_add_string_value (b, ws_plot_scene_get_y_label (scene));

  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
    {
      const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
      const WsPlotPointLayout *pl = ws_plot_layout_get_point (layout, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "word");
      json_builder_add_string_value (b, p->word);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, ws_plot_role_to_string (p->role));
      json_add_double (b, "score", p->has_score ? p->score : NAN);
      json_add_double (b, "x", p->x);
      json_add_double (b, "y", p->y);
      json_builder_set_member_name (b, "screen");
      json_builder_begin_object (b);
      json_add_double (b, "x", pl->x);
      json_add_double (b, "y", pl->y);
      json_builder_set_member_name (b, "visible");
      json_builder_add_boolean_value (b, pl->visible);
      json_builder_set_member_name (b, "label");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, pl->label.x);
      json_builder_add_double_value (b, pl->label.y);
      json_builder_add_double_value (b, pl->label.width);
      json_builder_add_double_value (b, pl->label.height);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "leader_line");
      json_builder_add_boolean_value (b, pl->displaced);
      /* No room next to its point: not drawn until zooming in. */
      json_builder_set_member_name (b, "label_deferred");
      json_builder_add_boolean_value (b, pl->deferred);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "arrows");
  json_builder_begin_array (b);
  for (guint i = 0; i < ws_plot_scene_get_n_arrows (scene); i++)
    {
      const WsPlotArrow *a = ws_plot_scene_get_arrow (scene, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, ws_plot_scene_get_point (scene, a->from)->word);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, ws_plot_scene_get_point (scene, a->to)->word);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "analogy");
  json_builder_add_boolean_value (b, ws_plot_scene_get_analogy (scene, NULL));
}

/* Values of options not given: the scene's (or the default) stands. */
#define UNSET_INT   G_MININT64
#define UNSET_SCALE (-1.0)

typedef struct
{
  char      *query;
  char      *out;
  char      *theme;
  char      *method;
  char      *scene;
  char      *save_scene;
  char      *lesson;
  char     **pin;
  char     **hide;
  char     **highlight;
  gboolean   ignore_fingerprint;
  gint64     width;
  gint64     height;
  gint64     neighbors;
  double     scale;
  double     text_scale;
} RenderArgs;

static void
render_args_clear (RenderArgs *a)
{
  g_free (a->query);
  g_free (a->out);
  g_free (a->theme);
  g_free (a->method);
  g_free (a->scene);
  g_free (a->save_scene);
  g_free (a->lesson);
  g_strfreev (a->pin);
  g_strfreev (a->hide);
  g_strfreev (a->highlight);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RenderArgs, render_args_clear)

/* Checks the options that need no model and applies those given to
 * @scene. Prints the error; FALSE means WS_EXIT_USAGE. */
static gboolean
apply_args (RenderArgs         *a,
            const WsCliOptions *options,
            WsSceneFile        *scene)
{
  WsPlotTheme theme = WS_PLOT_THEME_LIGHT;

  if (a->width != UNSET_INT && (a->width < 1 || a->width > 32767))
    {
      g_printerr (_("wordspace-cli render: --width and --height take 1 to 32767, not %" PRId64 "\n"),
                  a->width);
      return FALSE;
    }
  if (a->height != UNSET_INT && (a->height < 1 || a->height > 32767))
    {
      g_printerr (_("wordspace-cli render: --width and --height take 1 to 32767, not %" PRId64 "\n"),
                  a->height);
      return FALSE;
    }
  if (a->scale != UNSET_SCALE && !(a->scale > 0 && a->scale <= 16))
    {
      g_printerr (_("wordspace-cli render: --scale takes a number above 0 and up to 16, not %g\n"), a->scale);
      return FALSE;
    }
  if (a->text_scale != UNSET_SCALE && !(a->text_scale >= 0.25 && a->text_scale <= 6))
    {
      g_printerr (_("wordspace-cli render: --text-scale takes 0.25 to 6, not %g\n"), a->text_scale);
      return FALSE;
    }
  if (a->theme != NULL && !ws_plot_theme_from_string (a->theme, &theme))
    {
      g_printerr (_("wordspace-cli render: --theme takes light, dark, high-contrast-light or "
                    "high-contrast-dark, not “%s”\n"), a->theme);
      return FALSE;
    }
  /* Labels that find no room are deferred, so thousands still make a
   * readable map; the bound keeps a typo from asking for the vocabulary. */
  if (a->neighbors != UNSET_INT && (a->neighbors < 0 || a->neighbors > 10000))
    {
      g_printerr (_("wordspace-cli render: --neighbors takes 0 to 10000, not %" PRId64 "\n"),
                  a->neighbors);
      return FALSE;
    }
  if (a->method != NULL && !ws_projection_method_from_string (a->method, &scene->method))
    {
      g_printerr (_("wordspace-cli render: --method takes local, global or analogy, not “%s”\n"), a->method);
      return FALSE;
    }
  if (a->width != UNSET_INT)
    scene->width = (guint) a->width;
  if (a->height != UNSET_INT)
    scene->height = (guint) a->height;
  if (a->scale != UNSET_SCALE)
    scene->scale = a->scale;
  if (a->text_scale != UNSET_SCALE)
    scene->text_scale = a->text_scale;
  if (a->theme != NULL)
    scene->theme = theme;
  if (a->neighbors != UNSET_INT)
    scene->neighbors = (guint64) a->neighbors;
  /* A scene's own numbers stand unless these are given. */
  if ((a->scene == NULL && a->lesson == NULL) || options->restrict_vocab > 0)
    scene->restrict_vocab = (guint64) options->restrict_vocab;
  if ((a->scene == NULL && a->lesson == NULL) || options->topn != 10)
    scene->topn = (guint64) options->topn;
  if (a->pin != NULL)
    {
      g_strfreev (scene->pinned);
      scene->pinned = g_strdupv (a->pin);
    }
  if (a->hide != NULL)
    {
      g_strfreev (scene->hidden);
      scene->hidden = g_strdupv (a->hide);
    }
  if (a->highlight != NULL)
    {
      g_strfreev (scene->highlights);
      scene->highlights = g_strdupv (a->highlight);
    }
  return TRUE;
}

/* The scene of --scene FILE, or one made of --query and the options. */
static WsSceneFile *
scene_from_args (RenderArgs         *a,
                 const WsCliOptions *options,
                 int                *status)
{
  g_autoptr(WsSceneFile) scene = NULL;
  g_autoptr(GError) error = NULL;

  if (a->scene != NULL)
    {
      if ((scene = ws_scene_file_load (a->scene, &error)) == NULL)
        {
          ws_cli_print_error (error);
          *status = WS_EXIT_SCENE;
          return NULL;
        }
    }
  else
    {
      gsize error_start = 0, error_end = 0;
      g_autoptr(WsExpression) expression = NULL;

      scene = ws_scene_file_new ();
      scene->query = g_strdup (a->query);
      /* Parsed now, so that a typing error is shown before a model loads. */
      expression = ws_expression_parse_full (a->query, &error_start, &error_end, &error);
      if (expression == NULL)
        {
          g_autofree char *caret = ws_expression_caret_line (a->query, error_start, error_end);

          ws_cli_print_error (error);
          g_printerr ("  %s\n  %s\n", a->query, caret);
          *status = WS_EXIT_QUERY;
          return NULL;
        }
    }
  if (!apply_args (a, options, scene))
    {
      *status = WS_EXIT_USAGE;
      return NULL;
    }
  return g_steal_pointer (&scene);
}

/* The scene file says what is wrong with the model; what to type about it
 * is the CLI's to say. */
static void
print_model_hint (const GError *error)
{
  if (g_error_matches (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_MISSING))
    g_printerr (_("wordspace-cli: point to the model where it is now with --model FILE\n"));
  else if (g_error_matches (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_CHANGED))
    g_printerr (_("wordspace-cli: give the original model with --model FILE, or draw with this "
                  "one anyway with --ignore-fingerprint\n"));
}

/* Loads the model the scene names (or --model) after checking it is the
 * one the scene was made with; records it in a new scene. */
static WsVectors *
load_scene_model (RenderArgs   *a,
                  WsCliOptions *options,
                  WsSceneFile  *scene)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) vectors = NULL;
  g_autofree char *given = g_strdup (options->model);

  if (a->scene != NULL)
    {
      if (!ws_scene_file_check_model (scene, given, !a->ignore_fingerprint, &error))
        {
          ws_cli_print_error (error);
          print_model_hint (error);
          return NULL;
        }
      g_free (options->model);
      options->model = g_strdup (given != NULL ? given : scene->model.path);
      options->limit = (gint64) scene->model.limit;
    }
  if ((vectors = ws_cli_load_model (options)) == NULL)
    return NULL;
  if (a->scene != NULL && !a->ignore_fingerprint &&
      !ws_scene_file_check_vectors (scene, vectors, &error))
    {
      ws_cli_print_error (error);
      print_model_hint (error);
      return NULL;
    }
  /* A scene keeps its record as written, so that it rebuilds to the same
   * bytes; a model given anew is recorded anew. */
  if (a->scene == NULL || given != NULL)
    {
      g_autofree char *path = ws_cli_model_path (options);

      if (!ws_scene_file_set_model (scene, path, (guint64) options->limit, vectors, &error))
        {
          ws_cli_print_error (error);
          return NULL;
        }
    }
  return g_steal_pointer (&vectors);
}

/* render --lesson: one figure per step, DIR/01.png, DIR/02.png…, each
 * carrying its step's scene; the model is loaded once. */
static int
render_lesson (RenderArgs   *a,
               WsCliOptions *options)
{
  g_autoptr(WsLessonFile) lesson = NULL;
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *given = g_strdup (options->model);
  WsPlotFormat format = WS_PLOT_FORMAT_PNG;
  /* ws_cli_parse let render's --format name a figure's format. */
  const char *ext = options->format_name != NULL && strcmp (options->format_name, "json") != 0 &&
                    strcmp (options->format_name, "text") != 0 ? options->format_name : "png";

  if (strcmp (ext, "png") == 0)
    format = WS_PLOT_FORMAT_PNG;
  else if (strcmp (ext, "svg") == 0)
    format = WS_PLOT_FORMAT_SVG;
  else if (strcmp (ext, "pdf") == 0)
    format = WS_PLOT_FORMAT_PDF;
  else
    {
      g_printerr (_("wordspace-cli render: --format takes png, svg or pdf, not “%s”\n"), ext);
      return WS_EXIT_USAGE;
    }
  if ((lesson = ws_lesson_file_load (a->lesson, &error)) == NULL)
    {
      ws_cli_print_error (error);
      return WS_EXIT_SCENE;
    }
  for (guint i = 0; i < ws_lesson_file_get_n_steps (lesson); i++)
    if (!apply_args (a, options, ws_lesson_file_get_step (lesson, i)->scene))
      return WS_EXIT_USAGE;
  /* The steps share the lesson's model: checking the first checks all. */
  if (!ws_scene_file_check_model (ws_lesson_file_get_step (lesson, 0)->scene, given,
                                  !a->ignore_fingerprint, &error))
    {
      ws_cli_print_error (error);
      return WS_EXIT_MODEL;
    }
  g_free (options->model);
  options->model = g_strdup (given != NULL ? given : lesson->model_path);
  options->limit = (gint64) lesson->model.limit;
  if ((vectors = ws_cli_load_model (options)) == NULL)
    return WS_EXIT_MODEL;
  if (!a->ignore_fingerprint &&
      !ws_scene_file_check_vectors (ws_lesson_file_get_step (lesson, 0)->scene, vectors, &error))
    {
      ws_cli_print_error (error);
      return WS_EXIT_MODEL;
    }
  if (g_mkdir_with_parents (a->out, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (a->out);

      g_printerr (_("wordspace-cli render: can’t make the folder %s: %s\n"), display,
                  g_strerror (saved));
      return WS_EXIT_FAILURE;
    }

  for (guint i = 0; i < ws_lesson_file_get_n_steps (lesson); i++)
    {
      WsLessonStep *step = ws_lesson_file_get_step (lesson, i);
      g_autoptr(WsPlotScene) scene = NULL;
      g_autofree char *scene_text = NULL;
      g_autofree char *name = g_strdup_printf ("%02u.%s", i + 1, ext);
      g_autofree char *path = g_build_filename (a->out, name, NULL);

      scene = ws_scene_file_build (step->scene, vectors, NULL, &error);
      if (scene == NULL)
        {
          g_autofree char *display = g_filename_display_name (a->lesson);

          /* Translators: lesson file, step number, step title: the reason */
          g_printerr (_("wordspace-cli render: %s, step %u (“%s”): %s\n"), display, i + 1,
                      step->title, error->message);
          return error->domain == WS_QUERY_ERROR ? WS_EXIT_QUERY : WS_EXIT_FAILURE;
        }
      scene_text = ws_scene_file_to_data (step->scene, NULL);
      if (!ws_plot_export_full (scene, path, step->scene->width, step->scene->height,
                                step->scene->scale, scene_text, &error))
        {
          ws_cli_print_error (error);
          return WS_EXIT_FAILURE;
        }
      g_ptr_array_add (written, g_steal_pointer (&path));
    }

  if (options->json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("render", vectors);

      json_builder_set_member_name (b, "lesson");
      json_builder_add_string_value (b, a->lesson);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, lesson->title);
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, format_name (format));
      json_builder_set_member_name (b, "steps");
      json_builder_begin_array (b);
      for (guint i = 0; i < written->len; i++)
        {
          WsLessonStep *step = ws_lesson_file_get_step (lesson, i);
          g_autofree char *query = ws_scene_file_get_query_text (step->scene);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, step->title);
          json_builder_set_member_name (b, "query");
          json_builder_add_string_value (b, query);
          json_builder_set_member_name (b, "out");
          json_builder_add_string_value (b, g_ptr_array_index (written, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      ws_cli_print_json (b);
    }
  else
    for (guint i = 0; i < written->len; i++)
      printf (_("Wrote %s: %s\n"), (const char *) g_ptr_array_index (written, i),
              ws_lesson_file_get_step (lesson, i)->title);
  return WS_EXIT_OK;
}

int
ws_cli_render (int    argc,
               char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_auto(RenderArgs) a = {
    .width = UNSET_INT, .height = UNSET_INT, .neighbors = UNSET_INT,
    .scale = UNSET_SCALE, .text_scale = UNSET_SCALE,
  };
  const GOptionEntry entries[] = {
    { "query", 0, 0, G_OPTION_ARG_STRING, &a.query,
      N_("The query: a word, “king - man + woman”, “man : king :: woman”…"), N_("EXPR") },
    { "scene", 0, 0, G_OPTION_ARG_FILENAME, &a.scene,
      N_("Rebuild the figure of a scene: a .wordspace file, or a PNG, SVG or PDF exported by "
         "Wordspace"), N_("FILE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &a.out,
      N_("The file to write: .png, .svg or .pdf (with --lesson: the folder)"), N_("FILE") },
    { "lesson", 0, 0, G_OPTION_ARG_FILENAME, &a.lesson,
      N_("Draw every step of a .wordspace-lesson file: --out DIR gets 01.png, 02.png…"),
      N_("FILE") },
    { "save-scene", 0, 0, G_OPTION_ARG_FILENAME, &a.save_scene,
      N_("Also write the figure’s scene to FILE (.wordspace)"), N_("FILE") },
    { "ignore-fingerprint", 0, 0, G_OPTION_ARG_NONE, &a.ignore_fingerprint,
      N_("With --scene: draw even when the model is not the one the scene was made with"), NULL },
    { "width", 0, 0, G_OPTION_ARG_INT64, &a.width,
      N_("Width of the map in pixels (PNG) or points (SVG, PDF); default 1280"), "N" },
    { "height", 0, 0, G_OPTION_ARG_INT64, &a.height,
      N_("Height of the map; default 800"), "N" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &a.scale,
      N_("Pixels per unit in a PNG (2 for a HiDPI screenshot); default 1"), N_("FACTOR") },
    { "text-scale", 0, 0, G_OPTION_ARG_DOUBLE, &a.text_scale,
      N_("Make the text (and markers) this much larger; default 1"), N_("FACTOR") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &a.theme,
      N_("light, dark, high-contrast-light or high-contrast-dark; default light"), N_("THEME") },
    { "neighbors", 'k', 0, G_OPTION_ARG_INT64, &a.neighbors,
      N_("Also show the K nearest words of each query word; default 0"), "K" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &a.method,
      N_("Projection: local (PCA of the words shown), global (PCA of the vocabulary) "
         "or analogy (axes b − a and c − a); default local"), N_("METHOD") },
    { "pin", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a.pin,
      N_("Always show WORD (repeat for more)"), N_("WORD") },
    { "hide", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a.hide,
      N_("Never show WORD unless it is in the query (repeat for more)"), N_("WORD") },
    { "highlight", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a.highlight,
      N_("Ring WORD on the map (repeat for more)"), N_("WORD") },
    { NULL }
  };
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(WsSceneFile) scene_file = NULL;
  g_autoptr(WsPlotScene) scene = NULL;
  g_autoptr(WsPlotLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scene_text = NULL;
  WsPlotFormat format;
  WsProjectionMethod method_used = WS_PROJECTION_LOCAL;
  int status = WS_EXIT_OK;

  if (!ws_cli_parse ("render", N_("--query EXPR --out FILE.png|svg|pdf  or  --scene FILE --out FILE  "
                                  "or  --lesson FILE --out DIR"),
                     RENDER_SUMMARY, entries, &options, &argc, &argv))
    return WS_EXIT_USAGE;

  if (a.lesson != NULL)
    {
      if (a.query != NULL || a.scene != NULL || argc > 1 || a.save_scene != NULL)
        {
          g_printerr (_("wordspace-cli render: --lesson goes alone: the lesson holds its queries\n"));
          return WS_EXIT_USAGE;
        }
      if (a.out == NULL)
        {
          g_printerr (_("wordspace-cli render: --out DIR is missing (the folder for 01.png, 02.png…)\n"));
          return WS_EXIT_USAGE;
        }
      return render_lesson (&a, &options);
    }
  if (options.format_name != NULL && strcmp (options.format_name, "json") != 0 &&
      strcmp (options.format_name, "text") != 0)
    {
      g_printerr (_("wordspace-cli render: --format goes with --lesson; otherwise --out’s extension "
                    "tells the format\n"));
      return WS_EXIT_USAGE;
    }

  /* Everything that needs no model is checked before loading one. */
  if (a.query == NULL && argc > 1 && a.scene == NULL)
    a.query = g_strjoinv (" ", argv + 1);
  else if (argc > 1)
    {
      g_printerr (_("wordspace-cli render: give the query once, with --query or as arguments\n"));
      return WS_EXIT_USAGE;
    }
  if (a.query != NULL && a.scene != NULL)
    {
      g_printerr (_("wordspace-cli render: give either --query or --scene: the scene holds its query\n"));
      return WS_EXIT_USAGE;
    }
  if (a.query == NULL && a.scene == NULL)
    {
      g_printerr (_("wordspace-cli render: --query EXPR is missing (e.g. --query \"king - man + woman\"), "
                    "or --scene FILE\n"));
      return WS_EXIT_USAGE;
    }
  if (a.out == NULL && a.save_scene == NULL)
    {
      g_printerr (_("wordspace-cli render: --out FILE is missing (a .png, .svg or .pdf file)\n"));
      return WS_EXIT_USAGE;
    }
  if (a.out != NULL && !ws_plot_format_from_path (a.out, &format, &error))
    {
      g_printerr ("wordspace-cli render: %s\n", error->message);
      return WS_EXIT_USAGE;
    }
  if (a.ignore_fingerprint && a.scene == NULL)
    {
      g_printerr (_("wordspace-cli render: --ignore-fingerprint goes with --scene\n"));
      return WS_EXIT_USAGE;
    }

  if ((scene_file = scene_from_args (&a, &options, &status)) == NULL)
    return status;
  if ((vectors = load_scene_model (&a, &options, scene_file)) == NULL)
    return WS_EXIT_MODEL;

  scene = ws_scene_file_build_full (scene_file, vectors, &method_used, NULL, &error);
  if (scene == NULL)
    {
      ws_cli_print_error (error);
      return error->domain == WS_QUERY_ERROR ? WS_EXIT_QUERY : WS_EXIT_FAILURE;
    }
  /* A scene's recorded analogy axes fall back to local PCA for another
   * query, as the window that saved it did; asked for here, they can't. */
  if (a.method != NULL && method_used != scene_file->method)
    {
      g_autofree char *query = ws_scene_file_get_query_text (scene_file);

      g_printerr (_("wordspace-cli render: --method analogy needs a query “a : b :: c” "
                    "(or “b - a + c”), not “%s”: choose local or global\n"), query);
      return WS_EXIT_QUERY;
    }

  scene_text = ws_scene_file_to_data (scene_file, NULL);
  if (a.out != NULL &&
      !ws_plot_export_full (scene, a.out, scene_file->width, scene_file->height, scene_file->scale,
                            scene_text, &error))
    {
      ws_cli_print_error (error);
      return WS_EXIT_FAILURE;
    }
  if (a.save_scene != NULL && !ws_scene_file_save (scene_file, a.save_scene, &error))
    {
      ws_cli_print_error (error);
      return WS_EXIT_FAILURE;
    }

  layout = ws_plot_layout_compute (scene, scene_file->width, scene_file->height);
  if (options.json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("render", vectors);
      g_autofree char *query = ws_scene_file_get_query_text (scene_file);

      json_builder_set_member_name (b, "query");
      json_builder_add_string_value (b, query);
      json_builder_set_member_name (b, "out");
      if (a.out != NULL)
        json_builder_add_string_value (b, a.out);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "scene");
      if (a.save_scene != NULL)
        json_builder_add_string_value (b, a.save_scene);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "format");
      if (a.out != NULL)
        json_builder_add_string_value (b, format_name (format));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "width");
      json_builder_add_int_value (b, scene_file->width);
      json_builder_set_member_name (b, "height");
      json_builder_add_int_value (b, scene_file->height);
      json_add_double (b, "scale", a.out != NULL && format == WS_PLOT_FORMAT_PNG ? scene_file->scale : 1.0);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, ws_projection_method_to_string (scene_file->method));
      json_add_scene (b, layout);
      ws_cli_print_json (b);
    }
  else
    {
      int answer = -1;
      guint n = ws_plot_scene_get_n_points (scene);

      for (guint i = 0; i < n && answer < 0; i++)
        if (ws_plot_scene_get_point (scene, i)->role == WS_PLOT_ROLE_ANSWER)
          answer = (int) i;
      if (a.out != NULL && format == WS_PLOT_FORMAT_PNG)
        printf (g_dngettext (NULL, "Wrote %s: PNG, %.0f × %.0f pixels, %'u point on the map\n",
                             "Wrote %s: PNG, %.0f × %.0f pixels, %'u points on the map\n", n), a.out,
                ceil (scene_file->width * scene_file->scale), ceil (scene_file->height * scene_file->scale), n);
      else if (a.out != NULL)
        printf (g_dngettext (NULL, "Wrote %s: %s, %u × %u points, %'u point on the map\n",
                             "Wrote %s: %s, %u × %u points, %'u points on the map\n", n),
                a.out, format == WS_PLOT_FORMAT_SVG ? "SVG" : "PDF", scene_file->width,
                scene_file->height, n);
      if (a.save_scene != NULL)
        printf (_("Wrote the scene to %s\n"), a.save_scene);
      if (answer >= 0)
        printf (_("Answer: %s (%.4f)\n"), ws_plot_scene_get_point (scene, answer)->word,
                ws_plot_scene_get_point (scene, answer)->score);
    }
  return WS_EXIT_OK;
}
