/* ws-cli-render.c: render — the map of a query to PNG, SVG or PDF, no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "ws-cli.h"
#include "ws-expression.h"
#include "ws-plot-export.h"
#include "ws-plot-layout.h"
#include "ws-scene-builder.h"

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

int
ws_cli_render (int    argc,
               char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autofree char *query = NULL;
  g_autofree char *out = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *method = NULL;
  gint64 width = 1280, height = 800, neighbors = 0;
  double scale = 1.0, text_scale = 1.0;
  const GOptionEntry entries[] = {
    { "query", 0, 0, G_OPTION_ARG_STRING, &query,
      N_("The query: a word, “king - man + woman”, “man : king :: woman”…"), N_("EXPR") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("The file to write: .png, .svg or .pdf"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT64, &width,
      N_("Width of the map in pixels (PNG) or points (SVG, PDF); default 1280"), "N" },
    { "height", 0, 0, G_OPTION_ARG_INT64, &height,
      N_("Height of the map; default 800"), "N" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("Pixels per unit in a PNG (2 for a HiDPI screenshot); default 1"), N_("FACTOR") },
    { "text-scale", 0, 0, G_OPTION_ARG_DOUBLE, &text_scale,
      N_("Make the text (and markers) this much larger; default 1"), N_("FACTOR") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme,
      N_("light or dark; default light"), N_("THEME") },
    { "neighbors", 'k', 0, G_OPTION_ARG_INT64, &neighbors,
      N_("Also show the K nearest words of each query word; default 0"), "K" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method,
      N_("Projection: local (PCA of the words shown), global (PCA of the vocabulary) "
         "or analogy (axes b − a and c − a); default local"), N_("METHOD") },
    { NULL }
  };
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(WsExpression) expression = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(WsPlotScene) scene = NULL;
  g_autoptr(WsPlotLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  WsSceneOptions scene_options;
  WsPlotFormat format;
  gsize error_start = 0, error_end = 0;

  if (!ws_cli_parse ("render", N_("--query EXPR --out FILE.png|svg|pdf"), RENDER_SUMMARY, entries,
                     &options, &argc, &argv))
    return WS_EXIT_USAGE;

  /* Everything that needs no model is checked before loading one. */
  if (query == NULL && argc > 1)
    query = g_strjoinv (" ", argv + 1);
  else if (argc > 1)
    {
      g_printerr (_("wordspace-cli render: give the query once, with --query or as arguments\n"));
      return WS_EXIT_USAGE;
    }
  if (query == NULL)
    {
      g_printerr (_("wordspace-cli render: --query EXPR is missing (e.g. --query \"king - man + woman\")\n"));
      return WS_EXIT_USAGE;
    }
  if (out == NULL)
    {
      g_printerr (_("wordspace-cli render: --out FILE is missing (a .png, .svg or .pdf file)\n"));
      return WS_EXIT_USAGE;
    }
  if (!ws_plot_format_from_path (out, &format, &error))
    {
      g_printerr ("wordspace-cli render: %s\n", error->message);
      return WS_EXIT_USAGE;
    }
  if (width < 1 || width > 32767 || height < 1 || height > 32767)
    {
      g_printerr (_("wordspace-cli render: --width and --height take 1 to 32767, not %"
                    PRId64 " × %" PRId64 "\n"), width, height);
      return WS_EXIT_USAGE;
    }
  if (!(scale > 0 && scale <= 16))
    {
      g_printerr (_("wordspace-cli render: --scale takes a number above 0 and up to 16, not %g\n"), scale);
      return WS_EXIT_USAGE;
    }
  if (!(text_scale >= 0.25 && text_scale <= 6))
    {
      g_printerr (_("wordspace-cli render: --text-scale takes 0.25 to 6, not %g\n"), text_scale);
      return WS_EXIT_USAGE;
    }
  if (theme != NULL && g_strcmp0 (theme, "light") != 0 && g_strcmp0 (theme, "dark") != 0)
    {
      g_printerr (_("wordspace-cli render: --theme takes light or dark, not “%s”\n"), theme);
      return WS_EXIT_USAGE;
    }
  /* More would bury the map in labels (every one is drawn, none dropped). */
  if (neighbors < 0 || neighbors > 100)
    {
      g_printerr (_("wordspace-cli render: --neighbors takes 0 to 100, not %" PRId64 "\n"),
                  neighbors);
      return WS_EXIT_USAGE;
    }
  ws_scene_options_init (&scene_options);
  if (method != NULL && !ws_projection_method_from_string (method, &scene_options.method))
    {
      g_printerr (_("wordspace-cli render: --method takes local, global or analogy, not “%s”\n"), method);
      return WS_EXIT_USAGE;
    }
  scene_options.neighbors = (gsize) neighbors;
  scene_options.restrict_vocab = (gsize) options.restrict_vocab;

  expression = ws_expression_parse_full (query, &error_start, &error_end, &error);
  if (expression == NULL)
    {
      g_autofree char *caret = ws_expression_caret_line (query, error_start, error_end);

      ws_cli_print_error (error);
      g_printerr ("  %s\n  %s\n", query, caret);
      return WS_EXIT_QUERY;
    }

  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  if (!ws_expression_check (expression, vectors, NULL, &error))
    {
      ws_cli_print_error (error);
      return WS_EXIT_QUERY;
    }

  if (ws_expression_get_kind (expression) != WS_EXPRESSION_LIST)
    {
      results = ws_expression_most_similar (expression, vectors, (gsize) options.topn,
                                            (gsize) options.restrict_vocab, &error);
      if (results == NULL)
        {
          ws_cli_print_error (error);
          return WS_EXIT_QUERY;
        }
    }

  scene = ws_scene_build (vectors, expression, results, &scene_options, NULL, &error);
  if (scene == NULL)
    {
      ws_cli_print_error (error);
      return g_error_matches (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID) ? WS_EXIT_QUERY
                                                                               : WS_EXIT_FAILURE;
    }
  ws_plot_scene_set_theme (scene, g_strcmp0 (theme, "dark") == 0 ? WS_PLOT_THEME_DARK
                                                                 : WS_PLOT_THEME_LIGHT);
  ws_plot_scene_set_text_scale (scene, text_scale);

  if (!ws_plot_export (scene, out, width, height, scale, &error))
    {
      ws_cli_print_error (error);
      return WS_EXIT_FAILURE;
    }

  layout = ws_plot_layout_compute (scene, width, height);
  if (options.json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("render", vectors);

      json_builder_set_member_name (b, "query");
      json_builder_add_string_value (b, query);
      json_builder_set_member_name (b, "out");
      json_builder_add_string_value (b, out);
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, format_name (format));
      json_builder_set_member_name (b, "width");
      json_builder_add_int_value (b, width);
      json_builder_set_member_name (b, "height");
      json_builder_add_int_value (b, height);
      json_add_double (b, "scale", format == WS_PLOT_FORMAT_PNG ? scale : 1.0);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, ws_projection_method_to_string (scene_options.method));
      json_add_scene (b, layout);
      ws_cli_print_json (b);
    }
  else
    {
      int answer = -1;

      for (guint i = 0; i < ws_plot_scene_get_n_points (scene) && answer < 0; i++)
        if (ws_plot_scene_get_point (scene, i)->role == WS_PLOT_ROLE_ANSWER)
          answer = (int) i;
      if (format == WS_PLOT_FORMAT_PNG)
        printf (g_dngettext (NULL, "Wrote %s: PNG, %.0f × %.0f pixels, %'u point on the map\n",
                             "Wrote %s: PNG, %.0f × %.0f pixels, %'u points on the map\n",
                             ws_plot_scene_get_n_points (scene)), out,
                ceil (width * scale), ceil (height * scale), ws_plot_scene_get_n_points (scene));
      else
        printf (g_dngettext (NULL, "Wrote %s: %s, %" PRId64 " × %" PRId64 " points, %'u point on the map\n",
                             "Wrote %s: %s, %" PRId64 " × %" PRId64 " points, %'u points on the map\n",
                             ws_plot_scene_get_n_points (scene)),
                out, format == WS_PLOT_FORMAT_SVG ? "SVG" : "PDF", width, height,
                ws_plot_scene_get_n_points (scene));
      if (answer >= 0)
        printf (_("Answer: %s (%.4f)\n"), ws_plot_scene_get_point (scene, answer)->word,
                ws_plot_scene_get_point (scene, answer)->score);
    }
  return WS_EXIT_OK;
}
