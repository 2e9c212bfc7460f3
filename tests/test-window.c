/* test-window.c: drives the real Wordspace window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window runs on a small model built in memory whose geometry is known:
 * every word is a sum of a few named directions (royalty, gender, fruit…)
 * plus a little word-specific noise, so king − man + woman lands on queen.
 * When $WS_SCREENSHOT_DIR is set, the main states are also saved as PNG.
 */
#define _GNU_SOURCE  /* sched_getaffinity () */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sched.h>
#include <unistd.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "ws-application.h"
#include "ws-export-dialog.h"
#include "ws-note-dialog.h"
#include "ws-result-table.h"
#include "ws-locale.h"
#include "ws-plot-export.h"
#include "ws-plot-layout.h"
#include "ws-plot-render.h"
#include "ws-projection.h"
#include "ws-result-item.h"
#include "ws-scatter-plot.h"
#include "ws-session.h"
#include "ws-similarity.h"
#include "ws-test-model.h"
#include "ws-test-util.h"
#include "ws-vectors-cache.h"
#include "ws-window.h"

#define DIM 24

static WsApplication *app;

/* ------------------------------------------------------------------ */
/* The toy model                                                       */

typedef struct
{
  const char *word;
  float royal, male, female, young, fruit, city, country, animal;
} ToyWord;

static const ToyWord toy_words[] = {
  { "king",     1.0f, 1.0f, 0,    0,    0, 0, 0, 0 },
  { "queen",    1.0f, 0,    1.0f, 0,    0, 0, 0, 0 },
  { "man",      0,    1.0f, 0,    0,    0, 0, 0, 0 },
  { "woman",    0,    0,    1.0f, 0,    0, 0, 0, 0 },
  { "prince",   1.0f, 1.0f, 0,    1.0f, 0, 0, 0, 0 },
  { "princess", 1.0f, 0,    1.0f, 1.0f, 0, 0, 0, 0 },
  { "boy",      0,    1.0f, 0,    1.0f, 0, 0, 0, 0 },
  { "girl",     0,    0,    1.0f, 1.0f, 0, 0, 0, 0 },
  { "monarch",  1.2f, 0.3f, 0.3f, 0,    0, 0, 0, 0 },
  { "throne",   0.9f, 0,    0,    0,    0, 0, 0, 0.1f },
  { "apple",    0,    0,    0,    0,    1, 0, 0, 0 },
  { "banana",   0,    0,    0,    0,    1, 0, 0, 0.2f },
  { "cherry",   0,    0,    0,    0.2f, 1, 0, 0, 0 },
  { "paris",    0,    0,    0,    0,    0, 1, 0, 0 },
  { "france",   0,    0,    0,    0,    0, 0, 1, 0 },
  { "berlin",   0,    0,    0,    0,    0, 1, 0, 0.1f },
  { "germany",  0,    0,    0,    0,    0, 0, 1, 0.1f },
  { "dog",      0,    0.1f, 0,    0,    0, 0, 0, 1 },
  { "cat",      0,    0,    0.1f, 0,    0, 0, 0, 1 },
  { "King",     0.8f, 0.8f, 0,    0,    0, 0, 0, 0.3f },
  { "kingdom",  1.0f, 0,    0,    0,    0, 0, 0.6f, 0 },
  { "kingfisher", 0,  0,    0,    0,    0, 0, 0, 1.2f },
};

static WsVectors *
toy_model (void)
{
  gsize n = G_N_ELEMENTS (toy_words);
  g_autofree float *matrix = g_new0 (float, n * DIM);
  g_autofree const char **words = g_new0 (const char *, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  WsVectors *vectors;

  for (gsize i = 0; i < n; i++)
    {
      const ToyWord *t = &toy_words[i];
      float *row = matrix + i * DIM;
      const float axes[8] = { t->royal, t->male, t->female, t->young, t->fruit, t->city,
                              t->country, t->animal };

      words[i] = t->word;
      for (int a = 0; a < 8; a++)
        row[a] = axes[a];
      for (int j = 0; j < DIM; j++)
        row[j] += (float) g_rand_double_range (rand, -0.08, 0.08);
    }
  vectors = ws_vectors_new_from_data (words, matrix, n, DIM, &error);
  g_assert_no_error (error);
  return vectors;
}

/* The cosine gensim gives: unit rows averaged with weights, against unit rows. */
static double
expected_cosine (WsVectors  *vectors,
                 const char *pos1,
                 const char *pos2,
                 const char *neg,
                 const char *target)
{
  double mean[DIM] = { 0 }, nm = 0, s = 0;
  const char *terms[] = { pos1, pos2, neg };
  const double weights[] = { 1, 1, -1 };
  const float *t;
  gsize row;

  for (int k = 0; k < 3; k++)
    {
      const float *u;
      g_assert_true (ws_vectors_lookup (vectors, terms[k], &row));
      u = ws_vectors_get_unit_row (vectors, row);
      for (int j = 0; j < DIM; j++)
        mean[j] += weights[k] * u[j] / 3.0;
    }
  for (int j = 0; j < DIM; j++)
    nm += mean[j] * mean[j];
  g_assert_true (ws_vectors_lookup (vectors, target, &row));
  t = ws_vectors_get_unit_row (vectors, row);
  for (int j = 0; j < DIM; j++)
    s += t[j] * mean[j];
  return s / sqrt (nm);
}

/* ------------------------------------------------------------------ */
/* Driving the main loop                                               */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
session_idle (gpointer data)
{
  WsSession *session = data;

  return !ws_session_get_busy (session) && !ws_session_get_loading (session);
}

static gboolean
completion_ready (gpointer data)
{
  return ws_session_get_completion_ready (data);
}

static void
pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* ------------------------------------------------------------------ */
/* Screenshots                                                         */

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Waits until @widget's window has been laid out and painted again. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_resize (widget);
  gtk_widget_queue_draw (widget);
  wait_for (is_true, &painted, 2000);
  g_signal_handler_disconnect (clock, id);
}

static gboolean
plot_still (gpointer data)
{
  return !ws_scatter_plot_get_animating (data);
}

/* Saves what the screen shows of @window (which sits at the top left of
 * Xvfb's screen, there being no window manager) as
 * $WS_SCREENSHOT_DIR/@name.png, or in the test's temporary folder: the X
 * server's own pixels, popovers and dialogs included, taken with
 * ImageMagick's import. Without import, GTK renders the window itself. */
static char *
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("WS_SCREENSHOT_DIR");
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir != NULL && *dir != '\0' ? dir : ws_test_tmpdir (),
                                            file, NULL);
  g_autofree char *import = g_find_program_in_path ("import");
  int width, height;

  /* The end state: after the points' glide, without passing notices. */
  if (WS_IS_WINDOW (window))
    {
      wait_for (plot_still, ws_window_get_plot (WS_WINDOW (window)), 2000);
      ws_window_dismiss_notices (WS_WINDOW (window));
      pump (300);
    }
  wait_for_frame (window);
  pump (100);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);

  if (import != NULL)
    {
      g_autofree char *geometry = g_strdup_printf ("%dx%d+0+0", width, height);
      const char *argv[] = { import, "-window", "root", "-crop", geometry, "+repage", path, NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  else
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

      GTK_WIDGET_GET_CLASS (window)->snapshot (window, snapshot);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      g_assert_nonnull (node);
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_test_message ("screenshot: %s", path);
  return g_steal_pointer (&path);
}

/* ------------------------------------------------------------------ */
/* Fixture: a window on the toy model                                  */

typedef struct
{
  WsSession *session;
  WsWindow  *window;
  WsVectors *vectors;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->session = ws_session_new ();
  f->vectors = toy_model ();
  ws_session_set_vectors (f->session, f->vectors);
  f->window = ws_window_new (app, f->session);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_for (completion_ready, f->session, 10000));
  pump (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  pump (20);
  g_clear_object (&f->session);
  g_clear_object (&f->vectors);
}

static void
type_query (Fixture    *f,
            const char *text)
{
  GtkEditable *entry = ws_window_get_query_entry (f->window);

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (wait_for (session_idle, f->session, 10000));
  pump (50);
}

static const WsSessionPoint *
find_point (const WsSessionMap *map,
            const char         *word)
{
  for (guint i = 0; i < map->points->len; i++)
    {
      const WsSessionPoint *p = &g_array_index (map->points, WsSessionPoint, i);
      if (g_strcmp0 (p->word, word) == 0)
        return p;
    }
  return NULL;
}

/* Sends "motion" (or "leave" when @x is NAN) to @widget's motion controllers. */
static void
move_pointer (GtkWidget *widget,
              double     x,
              double     y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_MOTION (c))
        continue;
      if (isnan (x))
        g_signal_emit_by_name (c, "leave");
      else
        g_signal_emit_by_name (c, "motion", x, y);
    }
  pump (20);
}

/* The words of the map's points flagged @flag, space separated. */
static char *
flagged_words (WsScatterPlot    *plot,
               WsPlotPointFlags  flag)
{
  WsPlotScene *scene = ws_plot_layout_get_scene (ws_scatter_plot_get_layout (plot));
  g_autoptr(GString) words = g_string_new ("");

  for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
    if (ws_plot_scene_get_point (scene, i)->flags & flag)
      g_string_append_printf (words, "%s%s", words->len > 0 ? " " : "",
                              ws_plot_scene_get_point (scene, i)->word);
  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_analogy_query (Fixture       *f,
                    gconstpointer  data)
{
  GtkColumnView *view = ws_window_get_results_view (f->window);
  GListModel *results = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(WsResultItem) first = NULL;
  g_autofree char *score = NULL;
  g_autofree char *expected = NULL;
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  const WsSessionMap *map;
  const WsSessionPoint *queen, *king;
  (void) king;
  double qx, qy;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  type_query (f, "king - man + woman");

  /* The results list: queen first, with gensim's cosine to 4 decimals. */
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 10);
  first = g_list_model_get_item (results, 0);
  g_assert_cmpstr (ws_result_item_get_word (first), ==, "queen");
  g_assert_cmpuint (ws_result_item_get_rank (first), ==, 1);
  score = ws_result_item_format_score (first);
  expected = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f",
                                        expected_cosine (f->vectors, "king", "woman", "man",
                                                         "queen")));
  g_assert_cmpstr (score, ==, expected);
  g_assert_null (ws_window_get_query_message (f->window));

  /* The map holds the query words, the answer and the predicted point. */
  map = ws_session_get_map (f->session);
  g_assert_cmpint (map->analogy[0], >=, 0);
  g_assert_cmpstr (g_array_index (map->points, WsSessionPoint, map->analogy[0]).word, ==, "man");
  g_assert_cmpstr (g_array_index (map->points, WsSessionPoint, map->analogy[1]).word, ==, "king");
  g_assert_cmpstr (g_array_index (map->points, WsSessionPoint, map->analogy[2]).word, ==, "woman");
  g_assert_cmpint (map->analogy[3], >=, 0);
  queen = find_point (map, "queen");
  king = find_point (map, "king");
  g_assert_nonnull (queen);
  g_assert_nonnull (king);
  g_assert_cmpint (queen->kind, ==, WS_SESSION_POINT_ANSWER);
  g_assert_cmpint (map->answer, ==, (int) (queen - (WsSessionPoint *) map->points->data));
  g_assert_cmpfloat_with_epsilon (queen->score, ws_result_item_get_score (first), 1e-4);
  g_assert_cmpstr (map->projection, ==, "local");

  /* The renderer's scene: the same points with their roles, the arrows
   * man→king and woman→computed point, the axes with explained variance. */
  {
    WsPlotScene *scene = ws_session_get_scene (f->session);
    guint corners[4];

    g_assert_nonnull (scene);
    g_assert_cmpuint (ws_plot_scene_get_n_points (scene), ==, map->points->len);
    g_assert_cmpint (ws_plot_scene_get_point (scene, ws_plot_scene_find_point (scene, "man"))->role,
                     ==, WS_PLOT_ROLE_QUERY_NEGATIVE);
    g_assert_cmpint (ws_plot_scene_get_point (scene, ws_plot_scene_find_point (scene, "king"))->role,
                     ==, WS_PLOT_ROLE_QUERY_POSITIVE);
    g_assert_cmpint (ws_plot_scene_get_point (scene, ws_plot_scene_find_point (scene, "queen"))->role,
                     ==, WS_PLOT_ROLE_ANSWER);
    g_assert_true (ws_plot_scene_get_analogy (scene, corners));
    g_assert_cmpuint (ws_plot_scene_get_n_arrows (scene), ==, 2);
    g_assert_cmpuint (ws_plot_scene_get_arrow (scene, 0)->from, ==, corners[0]);
    g_assert_cmpuint (ws_plot_scene_get_arrow (scene, 0)->to, ==, corners[1]);
    g_assert_cmpuint (ws_plot_scene_get_arrow (scene, 1)->from, ==, corners[2]);
    g_assert_cmpuint (ws_plot_scene_get_arrow (scene, 1)->to, ==, corners[3]);
    g_assert_true (g_str_has_prefix (ws_plot_scene_get_x_label (scene), "PC1 ("));
    g_assert_true (g_str_has_suffix (ws_plot_scene_get_x_label (scene), "%)"));
    g_assert_true (g_str_has_prefix (ws_plot_scene_get_y_label (scene), "PC2 ("));
  }

  /* On screen: every label readable, and the point under queen's dot is queen. */
  ws_scatter_plot_finish_animation (plot);
  g_assert_true (ws_scatter_plot_get_point (plot, "queen", &qx, &qy));
  g_assert_cmpuint (ws_scatter_plot_count_overlaps (plot), ==, 0);
  g_assert_cmpstr (ws_scatter_plot_word_at (plot, qx, qy), ==, "queen");

  /* The header names the model and its size. */
  g_assert_cmpstr (ws_window_get_subtitle (f->window), ==, "22 words · 24 dimensions");

  g_free (screenshot (GTK_WIDGET (f->window), "analogy"));
}

static void
test_select_and_activate (Fixture       *f,
                          gconstpointer  data)
{
  GtkColumnView *view = ws_window_get_results_view (f->window);
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  g_autofree char *vector = NULL;
  g_auto(GStrv) values = NULL;

  type_query (f, "king - man + woman");

  /* Selecting a row highlights its point and shows its vector. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_cmpstr (ws_scatter_plot_get_highlight (plot), ==, "queen");
  vector = ws_window_get_vector_text (f->window);
  g_assert_nonnull (vector);
  g_assert_true (g_str_has_prefix (vector, "["));
  values = g_strsplit (vector, ",", -1);
  g_assert_cmpuint (g_strv_length (values), ==, DIM);
  ws_window_set_side_page (f->window, "vector");
  g_free (screenshot (GTK_WIDGET (f->window), "vector"));
  ws_window_set_side_page (f->window, "results");

  /* Activating it asks about that word. */
  g_signal_emit_by_name (view, "activate", 0);
  g_assert_true (wait_for (session_idle, f->session, 10000));
  g_assert_cmpstr (ws_session_get_query (f->session), ==, "queen");
  g_assert_cmpstr (gtk_editable_get_text (ws_window_get_query_entry (f->window)), ==, "queen");
  g_assert_cmpuint (g_list_model_get_n_items (ws_session_get_results (f->session)), ==, 10);

  /* Clicking a word on the map asks about it too. */
  g_signal_emit_by_name (plot, "word-activated", "king");
  g_assert_true (wait_for (session_idle, f->session, 10000));
  g_assert_cmpstr (ws_session_get_query (f->session), ==, "king");
}

/* The vector pane follows the query: a word from the last one never stays. */
static void
test_vector_follows_query (Fixture       *f,
                           gconstpointer  data)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (ws_window_get_results_view (f->window));
  g_autoptr(WsResultItem) first = NULL;
  g_autofree char *vector = NULL;

  ws_window_set_side_page (f->window, "vector");
  type_query (f, "king - man + woman");
  g_assert_cmpstr (ws_window_get_vector_word (f->window), ==, "queen");
  gtk_selection_model_select_item (selection, 2, TRUE);
  g_assert_cmpstr (ws_window_get_vector_word (f->window), ==, "monarch");

  type_query (f, "apple");
  first = g_list_model_get_item (ws_session_get_results (f->session), 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (ws_window_get_vector_word (f->window), ==, ws_result_item_get_word (first));
  g_assert_cmpstr (ws_window_get_vector_word (f->window), !=, "monarch");

  /* A query with no answer leaves the pane empty. */
  type_query (f, "nosuchword");
  g_assert_null (ws_window_get_vector_word (f->window));
  vector = ws_window_get_vector_text (f->window);
  g_assert_null (vector);
}

/* A list asks which word doesn't match: the map rings it and the results
 * pane names it, the word the engine's doesnt_match (the CLI's
 * doesnt-match) gives. */
static void
test_list_mismatch (Fixture       *f,
                    gconstpointer  data)
{
  const char *words[] = { "apple", "banana", "dog", "cherry" };
  const char *odd = ws_doesnt_match (f->vectors, words, G_N_ELEMENTS (words), NULL, NULL);
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  g_autofree char *marked = NULL;
  g_autofree char *unmarked = NULL;

  g_assert_cmpstr (odd, ==, "dog");
  type_query (f, "apple, banana, dog, cherry");
  g_assert_null (ws_window_get_query_message (f->window));
  g_assert_cmpstr (ws_session_get_map (f->session)->mismatch, ==, "dog");
  ws_scatter_plot_finish_animation (plot);
  marked = flagged_words (plot, WS_PLOT_POINT_MISMATCH);
  g_assert_cmpstr (marked, ==, "dog");
  g_assert_cmpstr (ws_window_get_mismatch_note (f->window), ==, "“dog” doesn’t match the others");
  g_free (screenshot (GTK_WIDGET (f->window), "doesnt-match"));

  /* Any other query has none. */
  type_query (f, "king - man + woman");
  ws_scatter_plot_finish_animation (plot);
  unmarked = flagged_words (plot, WS_PLOT_POINT_MISMATCH);
  g_assert_cmpstr (unmarked, ==, "");
  g_assert_null (ws_window_get_mismatch_note (f->window));
}

/* A model of @words (most frequent first), each a random vector. */
static WsVectors *
words_model (const char * const *words)
{
  gsize n = g_strv_length ((char **) words);
  g_autofree float *matrix = g_new (float, n * 8);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GError) error = NULL;
  WsVectors *vectors;

  for (gsize i = 0; i < n * 8; i++)
    matrix[i] = (float) g_rand_double_range (rand, -1, 1);
  vectors = ws_vectors_new_from_data ((const char **) words, matrix, n, 8, &error);
  g_assert_no_error (error);
  return vectors;
}

/* The hints name words the model has: king − man + woman where it can,
 * else another analogy, else a frequent word. */
static void
test_hints_from_vocabulary (Fixture       *f,
                            gconstpointer  data)
{
  const char *cities[] = { "the", "of", "paris", "france", "germany", "berlin", NULL };
  const char *plain[] = { "the", "of", "and", "house", "river", "w1", "mountain", "sea", NULL };
  g_autoptr(WsVectors) city_model = words_model (cities);
  g_autoptr(WsVectors) plain_model = words_model (plain);
  GtkEntry *entry = GTK_ENTRY (ws_window_get_query_entry (f->window));
  GtkEntry *compare = GTK_ENTRY (ws_window_get_similarity_entry (f->window));

  g_assert_cmpstr (gtk_entry_get_placeholder_text (entry), ==, "king - man + woman");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)), "“man : king :: woman : ?”"));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (compare), ==, "king queen man woman");

  ws_session_set_vectors (f->session, city_model);
  pump (20);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (entry), ==, "paris - france + germany");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)),
                            "“france : paris :: germany : ?”"));
  g_assert_null (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)), "king"));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (compare), ==, "paris berlin france germany");
  /* The example works: it gets an answer. */
  type_query (f, gtk_entry_get_placeholder_text (entry));
  g_assert_null (ws_window_get_query_message (f->window));

  ws_session_set_vectors (f->session, plain_model);
  pump (20);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (entry), ==, "house");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)), "“house”"));
  g_assert_null (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)), "king"));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (compare), ==, "house river mountain");
  type_query (f, "");
  g_free (screenshot (GTK_WIDGET (f->window), "hints-plain-model"));
  type_query (f, gtk_entry_get_placeholder_text (entry));
  g_assert_null (ws_window_get_query_message (f->window));

  ws_session_set_vectors (f->session, f->vectors);
  pump (20);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (entry), ==, "king - man + woman");
}

static void
test_unknown_word (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) suggestions = NULL;
  const char *message;
  GtkWidget *entry = GTK_WIDGET (ws_window_get_query_entry (f->window));
  GtkWidget *button = NULL;

  type_query (f, "KING - man + woman");

  message = ws_window_get_query_message (f->window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "KING"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  {
    /* The unknown word is selected, ready to be retyped. */
    int start, end;
    g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), &start, &end));
    g_assert_cmpint (start, ==, 0);
    g_assert_cmpint (end, ==, 4);
  }
  g_assert_cmpuint (g_list_model_get_n_items (ws_session_get_results (f->session)), ==, 0);

  /* Other casings are offered first; choosing one fixes the query. */
  suggestions = ws_window_get_suggestions (f->window);
  g_assert_nonnull (suggestions[0]);
  g_assert_true (g_strv_contains ((const char * const *) suggestions, "king"));
  g_free (screenshot (gtk_widget_get_ancestor (entry, GTK_TYPE_WINDOW), "unknown-word"));

  {
    /* Find the "king" button in the suggestion bar and click it. */
    GtkWidget *w = GTK_WIDGET (f->window);
    GPtrArray *stack = g_ptr_array_new ();
    g_ptr_array_add (stack, w);
    while (stack->len > 0 && button == NULL)
      {
        GtkWidget *cur = g_ptr_array_steal_index (stack, stack->len - 1);
        if (GTK_IS_BUTTON (cur) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (cur)), "king") == 0)
          button = cur;
        for (GtkWidget *c = gtk_widget_get_first_child (cur); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
  }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wait_for (session_idle, f->session, 10000));
  pump (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "king - man + woman");
  g_assert_null (ws_window_get_query_message (f->window));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (g_list_model_get_n_items (ws_session_get_results (f->session)), ==, 10);
}

/* Sends @keyval to @widget's key controllers, capture phase first, as GTK
 * would deliver a key press. */
static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  g_assert_true (handled);
  pump (20);
}

/* Types @text key by key at the end of the entry, as a person would. */
static void
type_keys (GtkEditable *entry,
           const char  *text)
{
  gtk_editable_set_text (entry, "");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int pos = gtk_editable_get_position (entry);
      gtk_editable_insert_text (entry, p, (int) (g_utf8_next_char (p) - p), &pos);
      gtk_editable_set_position (entry, pos);
    }
  pump (20);
}

static void
test_completion (Fixture       *f,
                 gconstpointer  data)
{
  GtkEditable *entry = ws_window_get_query_entry (f->window);
  GListModel *completions = ws_window_get_completions (f->window);

  gtk_widget_grab_focus (GTK_WIDGET (entry));

  /* Case-insensitive prefix, most frequent (earliest) first. */
  type_keys (entry, "queen - KI");
  g_assert_true (ws_window_get_completion_visible (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (completions), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (completions), 0), ==, "king");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (completions), 1), ==, "King");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (completions), 2), ==, "kingdom");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (completions), 3), ==, "kingfisher");
  g_free (screenshot (GTK_WIDGET (f->window), "completion"));

  /* From the keyboard: Down, Down picks "King", Tab puts it in place of "KI". */
  press_key (GTK_WIDGET (entry), GDK_KEY_Down);
  press_key (GTK_WIDGET (entry), GDK_KEY_Down);
  press_key (GTK_WIDGET (entry), GDK_KEY_Tab);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "queen - King");
  g_assert_false (ws_window_get_completion_visible (f->window));
  /* Escape closes the list; Enter then runs the query. */
  type_keys (entry, "queen - kin");
  g_assert_true (ws_window_get_completion_visible (f->window));
  press_key (GTK_WIDGET (entry), GDK_KEY_Escape);
  g_assert_false (ws_window_get_completion_visible (f->window));

  /* Words after an operator complete too. */
  type_keys (entry, "king - man + wo");
  g_assert_cmpuint (g_list_model_get_n_items (completions), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (completions), 0), ==, "woman");

  /* Nothing matches: the list goes away. */
  type_keys (entry, "zzz");
  g_assert_false (ws_window_get_completion_visible (f->window));
}

static void
test_similarity_pane (Fixture       *f,
                      gconstpointer  data)
{
  GtkGrid *grid = ws_window_get_similarity_grid (f->window);
  GtkWidget *cell;
  float s;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  type_query (f, "king - man + woman");
  ws_window_set_side_page (f->window, "similarity");
  /* Until the user types words, the pane compares the query's and the answer. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, 0))), ==, "king");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 4, 0))), ==, "queen");
  g_assert_null (gtk_grid_get_child_at (grid, 5, 0));
  ws_window_compare_words (f->window, "king queen apple nosuchword");

  /* Headers along the top and the side. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, 0))), ==, "king");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 0, 2))), ==, "queen");
  /* king × queen, to 4 decimals; the diagonal is 1. */
  g_assert_true (ws_session_similarity (f->session, "king", "queen", &s, NULL));
  cell = gtk_grid_get_child_at (grid, 2, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==,
                   g_ascii_formatd (buf, sizeof buf, "%.4f", s));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, 1))), ==, "1.0000");
  /* An unknown word gets a dash and the reason in a tooltip. */
  cell = gtk_grid_get_child_at (grid, 4, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, "—");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cell), "nosuchword"));
  /* and a message under the entry names it. */
  g_assert_nonnull (ws_window_get_similarity_message (f->window));
  g_assert_true (g_str_has_prefix (ws_window_get_similarity_message (f->window),
                                   "“nosuchword” is not in the model"));

  /* A misspelling gets the known spelling offered; using it compares again. */
  gtk_editable_set_text (ws_window_get_similarity_entry (f->window), "kingg queen");
  ws_window_compare_words (f->window, "kingg queen");
  g_assert_nonnull (strstr (ws_window_get_similarity_message (f->window), "“kingg”"));
  g_assert_nonnull (ws_window_get_similarity_suggestion (f->window));
  g_assert_cmpstr (gtk_button_get_label (ws_window_get_similarity_suggestion (f->window)), ==,
                   "Use “king”");
  g_free (screenshot (GTK_WIDGET (f->window), "similarity"));
  g_signal_emit_by_name (ws_window_get_similarity_suggestion (f->window), "clicked");
  pump (20);
  g_assert_null (ws_window_get_similarity_message (f->window));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, 0))), ==, "king");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 2, 1))), ==,
                   g_ascii_formatd (buf, sizeof buf, "%.4f", s));
}

static gboolean
not_loading (gpointer data)
{
  return !ws_session_get_loading (data);
}

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = ws_test_write_file ("not-vectors.bin", "\x01\x02hello\nthis is not a model\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *dialog = NULL;

  type_query (f, "king - man + woman");
  ws_window_open_model (f->window, file);
  g_assert_true (ws_session_get_loading (f->session));
  g_assert_true (wait_for (not_loading, f->session, 10000));
  pump (50);

  /* The engine's message is shown; the previous model stays usable. */
  g_assert_nonnull (ws_window_get_load_error (f->window));
  g_assert_cmpstr (ws_window_get_load_error (f->window), !=, "");
  g_assert_true (ws_session_get_vectors (f->session) == f->vectors);
  g_assert_cmpstr (ws_window_get_subtitle (f->window), ==, "22 words · 24 dimensions");
  /* The dialog says it; the loading card is gone. */
  g_assert_null (ws_window_get_load_notice (f->window));
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            ws_window_get_load_error (f->window)));
  g_free (screenshot (GTK_WIDGET (f->window), "bad-file"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  type_query (f, "man : king :: woman : ?");
  g_assert_cmpuint (g_list_model_get_n_items (ws_session_get_results (f->session)), ==, 10);
}

static gboolean
session_has_vectors (gpointer data)
{
  return ws_session_get_vectors (data) != NULL && !ws_session_get_loading (data);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *dialog = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  return dialog;
}

/* `wordspace BROKEN_FILE`: with no model to keep, the window says what
 * failed and opens the bundled model instead; until a model is in, the
 * entry says to open one and Enter says why nothing is answered. */
static void
test_broken_file_without_model (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = ws_test_write_file ("broken.bin", "\x93\x01garbage\nnot a model\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *bundled = g_build_filename (WS_SOURCE_DATADIR, "wordspace-en.bin", NULL);
  GtkEntry *entry = GTK_ENTRY (ws_window_get_query_entry (f->window));
  AdwMessageDialog *dialog;
  const char *message;

  ws_session_set_vectors (f->session, NULL);
  pump (20);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (entry), ==, "Open a model to ask it (Ctrl+O)");
  type_query (f, "king");
  message = ws_window_get_query_message (f->window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "No model is open"));

  ws_window_open_model (f->window, file);
  g_assert_true (wait_for (not_loading, f->session, 10000));
  pump (50);
  g_assert_nonnull (ws_window_get_load_error (f->window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), ws_window_get_load_error (f->window)));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  if (!g_file_test (bundled, G_FILE_TEST_IS_REGULAR))
    {
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Open a model to start"));
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_test_skip ("data/wordspace-en.bin is absent: no fallback to test");
      return;
    }
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Showing the bundled model instead"));
  g_free (screenshot (GTK_WIDGET (f->window), "broken-file"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The bundled model comes in, and the query typed meanwhile is answered. */
  g_assert_true (wait_for (session_has_vectors, f->session, 120000));
  g_assert_cmpstr (ws_session_get_title (f->session), ==, "wordspace-en.bin");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (entry), !=, "Open a model to ask it (Ctrl+O)");
  g_assert_true (wait_for (session_idle, f->session, 10000));
  pump (50);
  g_assert_null (ws_window_get_query_message (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (ws_session_get_results (f->session)), ==, 10);
}

static gboolean
no_load_notice (gpointer data)
{
  return ws_window_get_load_notice (data) == NULL;
}

static void
test_cancel_load (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  /* A word2vec text file large enough to still be loading. */
  g_string_append_printf (text, "%d %d\n", 20000, 50);
  for (int i = 0; i < 20000; i++)
    {
      g_string_append_printf (text, "w%d", i);
      for (int j = 0; j < 50; j++)
        g_string_append_printf (text, " %.4f", sin (i * 0.37 + j));
      g_string_append_c (text, '\n');
    }
  path = ws_test_write_file ("big.txt", text->str, (gssize) text->len);
  file = g_file_new_for_path (path);

  ws_window_open_model (f->window, file);
  g_assert_true (ws_session_get_loading (f->session));
  /* The card over the map follows the load... */
  g_assert_true (g_str_has_prefix (ws_window_get_load_notice (f->window), "Loading big.txt: "));
  ws_session_cancel_load (f->session);
  g_assert_true (wait_for (not_loading, f->session, 10000));
  pump (50);

  /* ...and then says how it ended. Cancelling is not an error, and the old
   * model stays. */
  g_assert_cmpstr (ws_window_get_load_notice (f->window), ==, "Loading cancelled");
  g_assert_null (ws_window_get_load_error (f->window));
  /* The notice goes by itself, after a few seconds. */
  g_assert_true (wait_for (no_load_notice, f->window, 10000));
  g_assert_true (ws_session_get_vectors (f->session) == f->vectors);
  type_query (f, "king");
  g_assert_cmpuint (g_list_model_get_n_items (ws_session_get_results (f->session)), ==, 10);
}

/* The nice value of thread @tid of this process, from /proc (field 19 of
 * its stat line), or G_MININT when it cannot be read. */
static int
thread_nice (const char *tid)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/stat", tid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
    return G_MININT;
  /* After "pid (comm)": state is field 3, nice field 19. */
  fields = g_strsplit (after + 2, " ", 0);
  return g_strv_length (fields) > 16 ? atoi (fields[16]) : G_MININT;
}

/* How many cores thread @tid of this process may run on, or 0 when that
 * cannot be read. */
static int
thread_cores (const char *tid)
{
  cpu_set_t set;

  if (sched_getaffinity ((pid_t) atoi (tid), sizeof set, &set) != 0)
    return 0;
  return CPU_COUNT (&set);
}

/* The first thread of this process named @name, or NULL. */
static char *
find_thread (const char *name)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/comm", tid);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_equal (g_strstrip (comm), name))
        return g_strdup (tid);
    }
  return NULL;
}

/* A load runs in its own thread, 10 steps nicer than the window's and off
 * one core, so that the window's thread finds a core whenever it has a
 * frame to draw; the loader's workers inherit that. The window's thread
 * keeps its priority and its cores. */
static void
test_load_priority (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("");
  g_autofree char *path = NULL;
  g_autofree char *self = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GFile) file = NULL;
  g_autofree char *loader = NULL;
  int window_nice = thread_nice (self);
  gint64 until;

  if (window_nice == G_MININT)
    {
      g_test_skip ("no /proc/self/task (per-thread nice values are Linux's)");
      return;
    }
  g_string_append_printf (text, "%d %d\n", 40000, 50);
  for (int i = 0; i < 40000; i++)
    {
      g_string_append_printf (text, "w%d", i);
      for (int j = 0; j < 50; j++)
        g_string_append_printf (text, " %.4f", sin (i * 0.37 + j));
      g_string_append_c (text, '\n');
    }
  path = ws_test_write_file ("priority.txt", text->str, (gssize) text->len);
  file = g_file_new_for_path (path);

  ws_window_open_model (f->window, file);
  /* Without the main loop running, the load cannot finish: look for its
   * thread while it works. */
  until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((loader = find_thread ("ws-load")) == NULL && g_get_monotonic_time () < until)
    g_usleep (500);
  g_assert_nonnull (loader);
  /* The thread is named before it lowers its priority and then leaves a
   * core: give it until both are done (a slow ASan run saw the second
   * still to come). */
  until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((thread_nice (loader) != MIN (window_nice + 10, 19) ||
          thread_cores (loader) != MAX (thread_cores (self) - 1, 1)) &&
         g_get_monotonic_time () < until)
    g_usleep (500);
  g_assert_cmpint (thread_nice (loader), ==, MIN (window_nice + 10, 19));
  g_assert_cmpint (thread_nice (self), ==, window_nice);
  g_assert_cmpint (thread_cores (self), >=, 1);
  g_assert_cmpint (thread_cores (loader), ==, MAX (thread_cores (self) - 1, 1));

  g_assert_true (wait_for (not_loading, f->session, 60000));
  g_assert_null (ws_window_get_load_error (f->window));
  g_assert_cmpuint (ws_vectors_get_n_words (ws_session_get_vectors (f->session)), ==, 40000);
  g_assert_cmpint (thread_nice (self), ==, window_nice);
}

/* The toy model as a word2vec text file, minus "princess". */
static char *
write_toy_file (Fixture    *f,
                const char *name)
{
  g_autoptr(GString) text = g_string_new ("");

  g_string_append_printf (text, "%u %d\n", (guint) G_N_ELEMENTS (toy_words) - 1, DIM);
  for (gsize i = 0; i < G_N_ELEMENTS (toy_words); i++)
    {
      gsize row;
      const float *v;

      if (g_str_equal (toy_words[i].word, "princess"))
        continue;
      g_assert_true (ws_vectors_lookup (f->vectors, toy_words[i].word, &row));
      v = ws_vectors_get_row (f->vectors, row);
      g_string_append (text, toy_words[i].word);
      for (int j = 0; j < DIM; j++)
        g_string_append_printf (text, " %.6f", v[j]);
      g_string_append_c (text, '\n');
    }
  return ws_test_write_file (name, text->str, (gssize) text->len);
}

/* A good file replaces the model, asks the same question of it and joins
 * the recent models. */
static void
test_load_model (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = write_toy_file (f, "toy.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GStrv) recent = NULL;
  g_autofree char *last = NULL;
  g_autoptr(WsResultItem) first = NULL;
  GSettings *settings = ws_application_get_settings (app);

  type_query (f, "king - man + woman");
  ws_window_open_model (f->window, file);
  g_assert_true (wait_for (not_loading, f->session, 10000));
  g_assert_true (wait_for (session_idle, f->session, 10000));
  pump (50);

  g_assert_null (ws_window_get_load_error (f->window));
  g_assert_true (ws_session_get_vectors (f->session) != f->vectors);
  g_assert_cmpstr (ws_session_get_title (f->session), ==, "toy.txt");
  g_assert_cmpstr (ws_window_get_subtitle (f->window), ==, "21 words · 24 dimensions");
  /* The card over the map, where the progress was, says the load is done
   * (not a toast: adding one redraws the whole window), until dismissed. */
  g_assert_cmpstr (ws_window_get_load_notice (f->window), ==, "Opened toy.txt");
  ws_window_dismiss_notices (f->window);
  g_assert_null (ws_window_get_load_notice (f->window));
  /* The same query, answered by the new model: no princess any more. */
  first = g_list_model_get_item (ws_session_get_results (f->session), 0);
  g_assert_cmpstr (ws_result_item_get_word (first), ==, "queen");
  for (guint i = 0; i < g_list_model_get_n_items (ws_session_get_results (f->session)); i++)
    {
      g_autoptr(WsResultItem) item = g_list_model_get_item (ws_session_get_results (f->session), i);
      g_assert_cmpstr (ws_result_item_get_word (item), !=, "princess");
    }
  recent = g_settings_get_strv (settings, "recent-models");
  g_assert_cmpstr (recent[0], ==, path);
  last = g_settings_get_string (settings, "last-model");
  g_assert_cmpstr (last, ==, path);
}

/* A model whose rows stay in its word2vec binary file (forced for this
 * small file, as for a large one) answers while the file is as loaded; once
 * the file is cut short, a query says so and gives no answer from it. */
static void
test_file_changed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) bytes = g_string_new ("");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  const char *message;
  guint n = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (toy_words); i++)
    {
      gsize row;

      g_assert_true (ws_vectors_lookup (f->vectors, toy_words[i].word, &row));
      g_string_append_printf (bytes, "%s ", toy_words[i].word);
      g_string_append_len (bytes, (const char *) ws_vectors_get_row (f->vectors, row),
                           DIM * sizeof (float));   /* little-endian on the machines we test */
      g_string_append_c (bytes, '\n');
      n++;
    }
  {
    g_autofree char *header = g_strdup_printf ("%u %d\n", n, DIM);

    g_string_prepend (bytes, header);
  }
  path = ws_test_write_file ("rows-in-file.bin", bytes->str, (gssize) bytes->len);
  file = g_file_new_for_path (path);

  g_setenv ("WS_VECTORS_FILE_ROWS", "1", TRUE);
  ws_window_open_model (f->window, file);
  g_assert_true (wait_for (not_loading, f->session, 10000));
  g_assert_true (wait_for (session_idle, f->session, 10000));
  g_unsetenv ("WS_VECTORS_FILE_ROWS");
  g_assert_null (ws_window_get_load_error (f->window));

  type_query (f, "king - man + woman");
  g_assert_cmpuint (g_list_model_get_n_items (ws_session_get_results (f->session)), >, 0);
  {
    g_autoptr(WsResultItem) first = g_list_model_get_item (ws_session_get_results (f->session), 0);
    g_assert_cmpstr (ws_result_item_get_word (first), ==, "queen");
  }

  g_assert_cmpint (truncate (path, (off_t) bytes->len / 2), ==, 0);
  type_query (f, "king - woman + man");
  message = ws_window_get_query_message (f->window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "was truncated or modified after it was loaded"));
  g_assert_nonnull (strstr (message, "open it again"));
  g_assert_cmpuint (g_list_model_get_n_items (ws_session_get_results (f->session)), ==, 0);
}

static gboolean
global_axes_ready (gpointer data)
{
  g_autoptr(WsPca) pca = ws_test_kept_global_axes (data, TRUE);

  return pca != NULL;
}

/* The scene `wordspace-cli render --json` draws for @query on @path. */
static JsonArray *
render_points (const char *path,
               const char *query,
               const char *method)
{
  g_autofree char *out = g_build_filename (ws_test_tmpdir (), "render.svg", NULL);
  const char *argv[] = { g_getenv ("WS_CLI"), "render", "--quiet", "--no-cache", "--json",
                         "--model", path, "--query", query, "--method", method,
                         "--out", out, NULL };
  g_autofree char *standard_output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = -1;
  JsonObject *root;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &standard_output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, standard_output, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "method"), ==, method);
  return json_array_ref (json_object_get_array_member (root, "points"));
}

/* The window's map is the scene `wordspace-cli render` draws for the same
 * file and query, point for point, with the local and the global
 * projection. The global map uses the unit-vector axes the session computed
 * ahead when the model opened, and no other axes are ever computed. */
static void
test_map_equals_render (Fixture       *f,
                        gconstpointer  data)
{
  const char *cli = g_getenv ("WS_CLI");
  g_autofree char *path = write_toy_file (f, "toy-render.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSettings *settings = ws_application_get_settings (app);
  const char *query = "king - man + woman";
  const char *methods[] = { "global", "local" };
  g_autoptr(WsPca) ahead = NULL;
  WsVectors *vectors;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("$WS_CLI is not set to the wordspace-cli program");
      return;
    }
  ws_window_open_model (f->window, file);
  g_assert_true (wait_for (not_loading, f->session, 10000));
  vectors = ws_session_get_vectors (f->session);
  g_assert_true (vectors != f->vectors);
  /* The session computes the global axes by itself once the model is open. */
  g_assert_true (wait_for (global_axes_ready, vectors, 30000));
  ahead = ws_test_kept_global_axes (vectors, TRUE);

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(JsonArray) points = render_points (path, query, methods[m]);
      g_autoptr(WsPca) after = NULL;
      g_autoptr(WsPca) stored = NULL;
      WsPlotScene *scene;

      g_settings_set_string (settings, "projection", methods[m]);
      g_assert_cmpstr (ws_session_get_projection (f->session), ==, methods[m]);
      type_query (f, query);
      g_assert_true (wait_for (session_idle, f->session, 10000));
      scene = ws_session_get_scene (f->session);
      g_assert_nonnull (scene);

      g_assert_cmpuint (ws_plot_scene_get_n_points (scene), ==, json_array_get_length (points));
      for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
        {
          const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
          JsonObject *r = json_array_get_object_element (points, i);

          g_assert_cmpstr (p->word, ==, json_object_get_string_member (r, "word"));
          g_assert_cmpstr (ws_plot_role_to_string (p->role), ==, json_object_get_string_member (r, "role"));
          g_assert_cmpfloat_with_epsilon (p->x, json_object_get_double_member (r, "x"), 1e-12);
          g_assert_cmpfloat_with_epsilon (p->y, json_object_get_double_member (r, "y"), 1e-12);
        }
      g_assert_cmpint (ws_plot_scene_get_point (scene, ws_plot_scene_find_point (scene, "queen"))->role,
                       ==, WS_PLOT_ROLE_ANSWER);

      /* Still the axes computed ahead; none of the stored vectors. */
      after = ws_test_kept_global_axes (vectors, TRUE);
      stored = ws_test_kept_global_axes (vectors, FALSE);
      g_assert_true (after == ahead);
      g_assert_null (stored);
      if (g_str_equal (methods[m], "global"))
        for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
          {
            const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
            double c[WS_PCA_MAX_COMPONENTS];
            gsize row;

            if (p->role == WS_PLOT_ROLE_PREDICTED)
              continue;
            g_assert_true (ws_vectors_lookup (vectors, p->word, &row));
            ws_pca_transform (ahead, ws_vectors_get_unit_matrix (vectors), &row, 1, c);
            g_assert_cmpfloat_with_epsilon (p->x, c[0], 1e-12);
            g_assert_cmpfloat_with_epsilon (p->y, c[1], 1e-12);
          }
    }
  g_settings_reset (settings, "projection");
}

/* A file dropped on the window opens. */
static void
test_drop_file (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_toy_file (f, "dropped.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GtkDropTarget *target = NULL;
  GSList *files = g_slist_append (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  g_assert_true (wait_for (not_loading, f->session, 10000));
  g_assert_cmpstr (ws_session_get_title (f->session), ==, "dropped.txt");
}

static void
test_text_scale_and_projection (Fixture       *f,
                                gconstpointer  data)
{
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  GSettings *settings = ws_application_get_settings (app);

  type_query (f, "king - man + woman");
  ws_scatter_plot_finish_animation (plot);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL);
  g_assert_cmpfloat (ws_scatter_plot_get_text_scale (plot), >, 1.3);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"),
                                  ws_scatter_plot_get_text_scale (plot), 1e-9);
  g_assert_cmpuint (ws_scatter_plot_count_overlaps (plot), ==, 0);
  g_free (screenshot (GTK_WIDGET (f->window), "large-text"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-reset", NULL);
  g_assert_cmpfloat (ws_scatter_plot_get_text_scale (plot), ==, 1.0);

  /* The analogy projection puts a→b along x. */
  g_settings_set_string (settings, "projection", "analogy");
  g_assert_cmpstr (ws_session_get_projection (f->session), ==, "analogy");
  g_assert_true (wait_for (session_idle, f->session, 10000));
  pump (20);
  {
    const WsSessionMap *map = ws_session_get_map (f->session);
    const WsSessionPoint *a = &g_array_index (map->points, WsSessionPoint, map->analogy[0]);
    const WsSessionPoint *b = &g_array_index (map->points, WsSessionPoint, map->analogy[1]);

    const WsSessionPoint *pred = &g_array_index (map->points, WsSessionPoint, map->analogy[3]);
    const WsSessionPoint *queen = find_point (map, "queen");

    g_assert_cmpstr (map->projection, ==, "analogy");
    g_assert_cmpfloat (b->x - a->x, >, 0.5);
    g_assert_cmpfloat (fabs (b->y - a->y), <, 1e-6);
    /* Drawn true, the parallelogram's open corner is where queen is:
     * nearer it than any other word of the map. */
    for (guint i = 0; i < map->points->len; i++)
      {
        const WsSessionPoint *p = &g_array_index (map->points, WsSessionPoint, i);

        if (p == pred || p == queen)
          continue;
        g_assert_cmpfloat (hypot (queen->x - pred->x, queen->y - pred->y), <,
                           hypot (p->x - pred->x, p->y - pred->y));
      }
  }
  ws_scatter_plot_finish_animation (plot);
  g_assert_cmpuint (ws_scatter_plot_count_overlaps (plot), ==, 0);
  g_free (screenshot (GTK_WIDGET (f->window), "analogy-axes"));
  g_assert_cmpstr (ws_plot_scene_get_x_label (ws_session_get_scene (f->session)), ==, "man → king");
  g_assert_null (ws_window_get_projection_note (f->window));

  /* A single word has no analogy axes: the map says it shows local PCA. */
  type_query (f, "king");
  g_assert_cmpstr (ws_session_get_map (f->session)->projection, ==, "local");
  g_assert_cmpstr (ws_window_get_projection_note (f->window), ==,
                   "Analogy axes need a query “a : b :: c : ?”; showing local PCA");
  g_free (screenshot (GTK_WIDGET (f->window), "analogy-note"));
  type_query (f, "man : king :: woman : ?");
  g_assert_null (ws_window_get_projection_note (f->window));
  g_settings_set_string (settings, "projection", "local");
  g_assert_true (wait_for (session_idle, f->session, 10000));
  type_query (f, "king");
  g_assert_null (ws_window_get_projection_note (f->window));
  type_query (f, "king - man + woman");

  /* Neighbours add points around each query word. */
  g_settings_set_int (settings, "neighbors", 2);
  g_assert_true (wait_for (session_idle, f->session, 10000));
  g_assert_cmpuint (ws_session_get_neighbors (f->session), ==, 2);
  g_settings_set_int (settings, "neighbors", 0);
  g_assert_true (wait_for (session_idle, f->session, 10000));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  const char *exts[] = { "png", "svg", "pdf" };
  const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };

  type_query (f, "king - man + woman");
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strdup_printf ("map.%s", exts[i]);
      g_autofree char *path = g_build_filename (ws_test_tmpdir (), name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (ws_scatter_plot_export (plot, file, 800, 500, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (g_str_has_prefix (contents, magic[i]));
    }
  {
    g_autoptr(GFile) bad = g_file_new_for_path ("/tmp/map.bmp");
    g_autoptr(GError) error = NULL;
    g_assert_false (ws_scatter_plot_export (plot, bad, 800, 500, &error));
    g_assert_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_FORMAT);
  }
}

/* Builds the locale @name from @source with localedef (Debian's "locales"
 * package) into a temporary $LOCPATH and makes it the numeric locale;
 * FALSE when it can't be built. */
static gboolean
use_numeric_locale (const char *name,
                    const char *source)
{
  g_autofree char *locpath = g_build_filename (ws_test_tmpdir (), "locales", NULL);
  g_autofree char *target = g_build_filename (locpath, name, NULL);
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  int status = -1;

  if (localedef != NULL)
    {
      const char *argv[] = { localedef, "-i", source, "-f", "UTF-8", target, NULL };

      g_mkdir_with_parents (locpath, 0700);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, NULL);
    }
  g_setenv ("LOCPATH", locpath, TRUE);
  if (status != 0 || setlocale (LC_NUMERIC, name) == NULL)
    {
      g_unsetenv ("LOCPATH");
      return FALSE;
    }
  return TRUE;
}

static GtkWindow *find_toplevel (GType type);

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* Ctrl+E as a person uses it: the format chosen in the dialog decides what
 * is written, and the name's extension follows it. */
static void
test_export_dialog (Fixture       *f,
                    gconstpointer  data)
{
  const struct
  {
    guint       filter;    /* PNG, SVG, PDF, All files */
    const char *suggested; /* the name shown once the filter is chosen */
    const char *typed;     /* NULL: keep the suggested name */
    const char *written;
    const char *magic;
  } cases[] = {
    { 1, "wordspace-map.svg", "kept.png", "kept.svg", "<?xml" },
    { 2, "wordspace-map.pdf", "noext", "noext.pdf", "%PDF" },
    { 2, "wordspace-map.pdf", "Name.SVG", "Name.pdf", "%PDF" },
    { 1, "wordspace-map.svg", NULL, "wordspace-map.svg", "<?xml" },
    { 0, "wordspace-map.png", "v1.2", "v1.2.png", "\x89PNG" },
    { 3, "wordspace-map.png", "any.pdf", "any.pdf", "%PDF" },
    { 3, "wordspace-map.png", "bare", "bare.png", "\x89PNG" },
  };
  g_autofree char *dir = g_build_filename (ws_test_tmpdir (), "export-dialog", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  g_mkdir_with_parents (dir, 0700);
  type_query (f, "king - man + woman");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].written, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GtkFileFilter) filter = NULL;
      g_autoptr(GListModel) filters = NULL;
      GtkWindow *dialog;
      gsize len;

      g_test_message ("export case %u: %s", i, cases[i].written);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
      pump (50);
      /* The options first, then the file. */
      ws_export_dialog_activate_export (WS_EXPORT_DIALOG (find_toplevel (WS_TYPE_EXPORT_DIALOG)));
      pump (50);
      dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
      g_assert_nonnull (dialog);
      name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
      g_assert_cmpstr (name, ==, "wordspace-map.png");
      g_clear_pointer (&name, g_free);

      filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (dialog));
      g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 4);
      filter = g_list_model_get_item (filters, cases[i].filter);
      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), filter);
      pump (20);
      name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
      g_assert_cmpstr (name, ==, cases[i].suggested);

      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL));
      if (cases[i].typed != NULL)
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), cases[i].typed);
      pump (20);
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
      g_assert_true (wait_for (file_exists, path, 10000));
      pump (50);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (g_str_has_prefix (contents, cases[i].magic));
      /* Only the file named so was written. */
      if (cases[i].typed != NULL && g_strcmp0 (cases[i].typed, cases[i].written) != 0)
        {
          g_autofree char *typed = g_build_filename (dir, cases[i].typed, NULL);
          g_assert_false (g_file_test (typed, G_FILE_TEST_EXISTS));
        }
      g_remove (path);
    }

  /* The rule by itself. */
  {
    const char *names[][3] = {
      { "map.png", "svg", "map.svg" },
      { "map", "pdf", "map.pdf" },
      { "map.pdf", "pdf", "map.pdf" },
      { "map.tar", "png", "map.tar.png" },
      { ".hidden", "svg", ".hidden.svg" },
      { "map.svg", NULL, "map.svg" },
      { "map", NULL, "map.png" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *got = ws_window_export_name (names[i][0], names[i][1]);
        g_assert_cmpstr (got, ==, names[i][2]);
      }
  }
}

/* Activates what @widget's own shortcuts bind to @keyval without
 * modifiers, as a key press would; FALSE when nothing took it. */
static gboolean
press_shortcut (GtkWidget *widget,
                guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)) && !handled; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                    GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }
  pump (20);
  return handled;
}

/* F11 gives the map the whole screen, without the header bar; Escape
 * brings the window back. */
static void
test_full_screen (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  type_query (f, "king - man + woman");
  g_assert_true (ws_window_get_header_visible (f->window));
  /* Not in full screen, Escape is left to others (the completions). */
  g_assert_false (press_shortcut (window, GDK_KEY_Escape));

  g_assert_true (gtk_widget_activate_action (window, "win.fullscreen", NULL));
  pump (50);
  g_assert_false (ws_window_get_header_visible (f->window));
  g_free (screenshot (window, "full-screen"));
  g_assert_true (press_shortcut (window, GDK_KEY_Escape));
  g_assert_true (ws_window_get_header_visible (f->window));

  /* F11 again leaves it too. */
  g_assert_true (gtk_widget_activate_action (window, "win.fullscreen", NULL));
  g_assert_false (ws_window_get_header_visible (f->window));
  g_assert_true (gtk_widget_activate_action (window, "win.fullscreen", NULL));
  g_assert_true (ws_window_get_header_visible (f->window));
  pump (50);
}

/* Hovering a point shows one card, by that point: the map's own, never a
 * GTK tooltip beside it (which stayed where an earlier point was). */
static void
test_hover_card (Fixture       *f,
                 gconstpointer  data)
{
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  double qx, qy, kx, ky;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *none = NULL;

  type_query (f, "king - man + woman");
  ws_scatter_plot_finish_animation (plot);
  wait_for_frame (GTK_WIDGET (f->window));
  g_assert_true (ws_scatter_plot_get_point (plot, "queen", &qx, &qy));
  g_assert_true (ws_scatter_plot_get_point (plot, "king", &kx, &ky));

  g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (plot)));
  move_pointer (GTK_WIDGET (plot), qx, qy);
  first = flagged_words (plot, WS_PLOT_POINT_HOVERED);
  g_assert_cmpstr (first, ==, "queen");
  g_free (screenshot (GTK_WIDGET (f->window), "hover"));
  move_pointer (GTK_WIDGET (plot), kx, ky);
  second = flagged_words (plot, WS_PLOT_POINT_HOVERED);
  g_assert_cmpstr (second, ==, "king");
  g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (plot)));
  move_pointer (GTK_WIDGET (plot), NAN, NAN);
  none = flagged_words (plot, WS_PLOT_POINT_HOVERED);
  g_assert_cmpstr (none, ==, "");
}

/* The window in German, when the test runs with LANGUAGE=de: the build's
 * translations are found with no variable pointing at them, since the
 * test program lives in the build tree as run.sh's wordspace does. */
static void
test_german (Fixture       *f,
             gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  if (language == NULL || !g_str_has_prefix (language, "de"))
    {
      g_test_skip ("runs as the window-de test, with LANGUAGE=de");
      return;
    }
  g_assert_cmpstr (ws_window_get_subtitle (f->window), ==, "22 Wörter · 24 Dimensionen");
  type_query (f, "king - man + woman");
  /* (The scene builder's "%s words × %" G_GSIZE_FORMAT … is out of
   * xgettext's reach, so only the parts around it are German.) */
  g_assert_true (g_str_has_prefix (ws_plot_scene_get_subtitle (ws_session_get_scene (f->session)),
                                   "Modell im Speicher · "));
  g_assert_true (g_str_has_suffix (ws_plot_scene_get_subtitle (ws_session_get_scene (f->session)),
                                   " · lokale PCA"));
  type_query (f, "KING - man + woman");
  g_assert_true (g_str_has_prefix (ws_window_get_query_message (f->window), "„KING“ ist nicht im Modell"));
  g_free (screenshot (GTK_WIDGET (f->window), "german"));

  /* The loader's message for an infinite value is German throughout, with
   * no English word put into it. */
  {
    g_autofree char *path = ws_test_write_file ("inf.vec", "ok 1 2\nworse -inf 2\n", -1);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    ws_window_open_model (f->window, file);
    g_assert_true (wait_for (not_loading, f->session, 10000));
    pump (50);
    g_assert_nonnull (strstr (ws_window_get_load_error (f->window),
                              "Zeile 2: Wert 1 von „worse“ ist unendlich; erwartet wird eine endliche Zahl"));
    g_assert_null (strstr (ws_window_get_load_error (f->window), "infinite"));
    for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        gtk_window_destroy (l->data);
  }

  /* In de_DE.UTF-8, cosines are written as the percentages beside them
   * are: "0,7118" next to "23,4 %", in the results, the similarity pane
   * and the map's tooltips alike. */
  if (!use_numeric_locale ("de_DE.UTF-8", "de_DE"))
    {
      g_test_skip ("no de_DE.UTF-8 locale (localedef and Debian's “locales” package build it)");
      return;
    }
  {
    g_autoptr(WsResultItem) first = NULL;
    g_autofree char *score = NULL;
    g_autofree char *expected = NULL;
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    GtkGrid *grid = ws_window_get_similarity_grid (f->window);
    const char *cell;
    float s;

    ws_session_set_vectors (f->session, f->vectors);
    type_query (f, "king - man + woman");
    /* "PC1 (23,4 %)" */
    g_assert_nonnull (strstr (ws_plot_scene_get_x_label (ws_session_get_scene (f->session)), ","));
    first = g_list_model_get_item (ws_session_get_results (f->session), 0);
    g_assert_cmpstr (ws_result_item_get_word (first), ==, "queen");
    score = ws_result_item_format_score (first);
    expected = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f",
                                          expected_cosine (f->vectors, "king", "woman", "man",
                                                           "queen")));
    *strchr (expected, '.') = ',';
    g_assert_cmpstr (score, ==, expected);

    ws_window_set_side_page (f->window, "similarity");
    ws_window_compare_words (f->window, "king queen");
    g_assert_true (ws_session_similarity (f->session, "king", "queen", &s, NULL));
    cell = gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 2, 1)));
    g_clear_pointer (&expected, g_free);
    expected = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f", s));
    *strchr (expected, '.') = ',';
    g_assert_cmpstr (cell, ==, expected);
  }
  setlocale (LC_NUMERIC, saved);
  g_unsetenv ("LOCPATH");
}

/* A model of @n words × @dim, each a random vector. */
static WsVectors *
numbered_model (gsize n,
                gsize dim)
{
  g_autofree float *matrix = g_new0 (float, n * dim);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  WsVectors *vectors;

  for (gsize i = 0; i < n; i++)
    {
      g_ptr_array_add (words, g_strdup_printf ("w%zu", i));
      for (gsize j = 0; j < dim; j++)
        matrix[i * dim + j] = (float) g_rand_double_range (rand, -1, 1);
    }
  vectors = ws_vectors_new_from_data ((const char **) words->pdata, matrix, n, dim, &error);
  g_assert_no_error (error);
  return vectors;
}

/* The header bar's counts take their plural forms, and are grouped as the
 * locale groups digits: not at all in C, "1,500" in en_US.UTF-8. That
 * locale is built here with localedef (Debian's "locales" package) into
 * a temporary $LOCPATH; the test skips that part when it cannot be. */
static void
test_digit_grouping (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WsVectors) one = numbered_model (1, 1);
  g_autoptr(WsVectors) many = numbered_model (1500, 24);
  g_autoptr(WsVectors) wide = numbered_model (2, 1024);
  g_autofree char *locpath = g_build_filename (ws_test_tmpdir (), "locales", NULL);
  g_autofree char *target = g_build_filename (locpath, "en_US.UTF-8", NULL);
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  int status = -1;

  ws_session_set_vectors (f->session, one);
  g_assert_cmpstr (ws_window_get_subtitle (f->window), ==, "1 word · 1 dimension");
  ws_session_set_vectors (f->session, many);
  g_assert_cmpstr (ws_window_get_subtitle (f->window), ==, "1500 words · 24 dimensions");

  if (localedef != NULL)
    {
      const char *argv[] = { localedef, "-i", "en_US", "-f", "UTF-8", target, NULL };

      g_mkdir_with_parents (locpath, 0700);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, NULL);
    }
  g_setenv ("LOCPATH", locpath, TRUE);
  if (status != 0 || setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    {
      g_unsetenv ("LOCPATH");
      g_test_skip ("no en_US.UTF-8 locale (localedef and Debian's “locales” package build it)");
      return;
    }
  ws_session_set_vectors (f->session, one);
  ws_session_set_vectors (f->session, many);
  g_assert_cmpstr (ws_window_get_subtitle (f->window), ==, "1,500 words · 24 dimensions");
  ws_session_set_vectors (f->session, wide);
  g_assert_cmpstr (ws_window_get_subtitle (f->window), ==, "2 words · 1,024 dimensions");
  setlocale (LC_NUMERIC, saved);
  g_unsetenv ("LOCPATH");
  ws_session_set_vectors (f->session, f->vectors);
}

static GtkWindow *
find_toplevel (GType type)
{
  GtkWindow *found = NULL;
  GList *list = gtk_window_list_toplevels ();

  for (GList *l = list; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (list);
  return found;
}

/* The About window and the shortcuts window open from their actions, and
 * the window remembers its size. */
static void
test_about_shortcuts_and_size (Fixture       *f,
                               gconstpointer  data)
{
  GSettings *settings = ws_application_get_settings (app);
  GtkWindow *about, *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  pump (100);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Wordspace");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  pump (100);
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_free (screenshot (GTK_WIDGET (shortcuts), "shortcuts"));

  /* The mouse's part is listed too: scroll, drag, double-click, click, hover. */
  {
    const char *gestures[][2] = {
      { "Zoom in or out", "Scroll over the map" },
      { "Move the map", "Drag it" },
      { "Show the whole map again", "Double-click it" },
      { "Ask about a word", "Click its point or label" },
      { "See a word’s cosine to the query", "Point at it" },
    };
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
    gboolean pinch = FALSE;
    guint switchers = 0;

    g_ptr_array_add (stack, shortcuts);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_SHORTCUTS_SHORTCUT (w))
          {
            g_autofree char *title = NULL;
            g_autofree char *subtitle = NULL;
            g_autofree char *action = NULL;
            g_autofree char *accelerator = NULL;
            GtkShortcutType type;

            g_object_get (w, "title", &title, "subtitle", &subtitle, "shortcut-type", &type,
                          "action-name", &action, "accelerator", &accelerator, NULL);
            if (type == GTK_SHORTCUT_GESTURE)
              g_ptr_array_add (found, g_strdup_printf ("%s|%s", title, subtitle));
            else if (action != NULL)
              g_ptr_array_add (keys, g_strdup_printf ("%s|%s", title, action));
            else if (accelerator != NULL)
              g_ptr_array_add (keys, g_strdup_printf ("%s|%s", title, accelerator));
            pinch |= type == GTK_SHORTCUT_GESTURE_PINCH;
          }
        /* A section taller than its max-height is split into pages with
         * a switcher of numbered round buttons, whose labels GTK 4.8
         * measures narrower than nothing under Adwaita's style. */
        switchers += GTK_IS_STACK_SWITCHER (w) && gtk_widget_get_visible (w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    for (guint i = 0; i < G_N_ELEMENTS (gestures); i++)
      {
        g_autofree char *want = g_strdup_printf ("%s|%s", gestures[i][0], gestures[i][1]);
        gboolean listed = FALSE;

        for (guint j = 0; j < found->len; j++)
          listed |= strcmp (g_ptr_array_index (found, j), want) == 0;
        if (!listed)
          g_test_message ("not in the shortcuts window: %s", want);
        g_assert_true (listed);
      }
    g_assert_true (pinch);
    /* Back and forward through the session's queries, and a lesson's keys, are listed. */
    {
      const char *wanted[] = { "Previous query|win.go-back", "Next query|win.go-forward",
                               "Present the lesson|F5", "Next step|Page_Down",
                               "Previous step|Page_Up" };

      for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
        {
          gboolean listed = FALSE;

          for (guint j = 0; j < keys->len; j++)
            listed |= strcmp (g_ptr_array_index (keys, j), wanted[i]) == 0;
          if (!listed)
            g_test_message ("not in the shortcuts window: %s", wanted[i]);
          g_assert_true (listed);
        }
    }
    g_assert_cmpuint (switchers, ==, 0);
  }
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);

  /* Every accelerator the shortcuts window lists is set. */
  {
    const char *actions[] = { "win.open", "win.export", "win.focus-query", "win.fullscreen",
                              "win.zoom-in", "win.zoom-out", "win.zoom-reset", "app.quit",
                              "win.show-help-overlay", "win.go-back", "win.go-forward" };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                       actions[i]);
        g_assert_nonnull (accels[0]);
      }
  }

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  /* The fixture's teardown destroys a window: give it a fresh one. */
  f->window = ws_window_new (app, f->session);
}

/* A test machine has no session bus; GTK says so, and that is fine. */
static gboolean
tolerate_no_bus (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  return strstr (message, "session bus") == NULL;
}

static void
test_dark_style (Fixture       *f,
                 gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  g_autofree char *path = g_build_filename (ws_test_tmpdir (), "dark.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  int stride;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  pump (50);
  g_assert_true (ws_scatter_plot_get_dark (plot));
  type_query (f, "king - man + woman");
  ws_scatter_plot_finish_animation (plot);
  pump (50);
  g_free (screenshot (GTK_WIDGET (f->window), "dark"));

  /* The map follows: its background is dark, in the export too. */
  g_assert_true (ws_scatter_plot_export (plot, file, 400, 300, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  stride = gdk_texture_get_width (texture) * 4;
  pixels = g_malloc ((gsize) stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);
  g_assert_cmpint (pixels[0] + pixels[1] + pixels[2], <, 3 * 80);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  pump (50);
  g_assert_false (ws_scatter_plot_get_dark (plot));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_zoom_and_pan (Fixture       *f,
                   gconstpointer  data)
{
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  double x0, y0, x1, y1, x2, y2;

  type_query (f, "king - man + woman");
  ws_scatter_plot_finish_animation (plot);
  g_assert_true (ws_scatter_plot_get_point (plot, "queen", &x0, &y0));

  /* Zooming about queen's point keeps queen where it is. */
  ws_scatter_plot_zoom (plot, 2.0, x0, y0);
  g_assert_cmpfloat (ws_scatter_plot_get_zoom (plot), ==, 2.0);
  g_assert_true (ws_scatter_plot_get_point (plot, "queen", &x1, &y1));
  g_assert_cmpfloat (fabs (x1 - x0), <, 0.5);
  g_assert_cmpfloat (fabs (y1 - y0), <, 0.5);
  /* …and moves the others away from it. */
  g_assert_true (ws_scatter_plot_get_point (plot, "king", &x2, &y2));
  {
    double kx, ky;
    ws_scatter_plot_reset_view (plot);
    g_assert_true (ws_scatter_plot_get_point (plot, "king", &kx, &ky));
    g_assert_cmpfloat (hypot (x2 - x1, y2 - y1), >, 1.5 * hypot (kx - x0, ky - y0));
  }
  g_assert_cmpfloat (ws_scatter_plot_get_zoom (plot), ==, 1.0);
  g_assert_true (ws_scatter_plot_get_point (plot, "queen", &x1, &y1));
  g_assert_cmpfloat (fabs (x1 - x0), <, 0.5);

  /* A resized window draws the map for its new size. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 640);
  wait_for_frame (GTK_WIDGET (f->window));
  pump (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 1000);
  g_assert_cmpfloat (ws_plot_layout_get_width (ws_scatter_plot_get_layout (plot)), ==,
                     gtk_widget_get_width (GTK_WIDGET (plot)));
  g_assert_cmpfloat (ws_plot_layout_get_height (ws_scatter_plot_get_layout (plot)), ==,
                     gtk_widget_get_height (GTK_WIDGET (plot)));
  g_assert_cmpuint (ws_scatter_plot_count_overlaps (plot), ==, 0);
}

/* Responsiveness while a large model loads ($WS_LOAD_FILE, made by
 * tests/bench/app-load.sh): the longest wait between two frames and
 * between two 10 ms timers of the main loop, printed, not asserted (the
 * project measures speed, it does not time tests). */
typedef struct
{
  gint64 last_tick;
  gint64 max_tick_gap;
  guint  frames;
  gint64 last_timer;
  gint64 max_timer_gap;
  gint64 start;
  double max_gap_at;          /* seconds after the start of the load */
  double max_gap_fraction;    /* how far the load was then */
  guint  long_gaps;           /* frames held up more than 50 ms */
  GString *long_gap_times;    /* when the first of them ended, in seconds */
  gboolean shot;
  Fixture *f;
} Responsiveness;

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Responsiveness *r = data;
  gint64 now = g_get_monotonic_time ();

  if (r->last_tick != 0)
    r->max_tick_gap = MAX (r->max_tick_gap, now - r->last_tick);
  if (r->last_tick != 0 && now - r->last_tick > 50000 && r->long_gaps++ < 8)
    g_string_append_printf (r->long_gap_times, " %.0f ms at %.2f s;",
                            (now - r->last_tick) / 1e3, (now - r->start) / 1e6);
  r->last_tick = now;
  r->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
count_timer (gpointer data)
{
  Responsiveness *r = data;
  gint64 now = g_get_monotonic_time ();

  if (r->last_timer != 0 && now - r->last_timer > r->max_timer_gap)
    {
      r->max_timer_gap = now - r->last_timer;
      r->max_gap_at = (now - r->start) / 1e6;
      r->max_gap_fraction = ws_session_get_loading (r->f->session)
                            ? ws_session_get_load_fraction (r->f->session) : 1.0;
    }
  r->last_timer = now;
  return G_SOURCE_CONTINUE;
}

static void
on_fraction (WsSession      *session,
             GParamSpec     *pspec,
             Responsiveness *r)
{
  /* Only on request: taking it holds the main loop, which would spoil the
   * measurement around it. */
  if (!r->shot && g_getenv ("WS_SCREENSHOT_DIR") != NULL &&
      ws_session_get_load_fraction (session) > 0.4)
    {
      r->shot = TRUE;
      g_free (screenshot (GTK_WIDGET (r->f->window), "loading"));
      /* The screenshot itself holds the main loop: don't count it. */
      r->last_tick = r->last_timer = 0;
    }
}

/* CPU seconds this thread has used (Linux: utime + stime of
 * /proc/thread-self/stat); -1 elsewhere. */
static double
thread_cpu_seconds (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents ("/proc/thread-self/stat", &stat, NULL, NULL) ||
      (after = strrchr (stat, ')')) == NULL)
    return -1;
  /* After "pid (comm)": state is field 3; utime and stime are 14 and 15. */
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

static void
test_load_responsiveness (Fixture       *f,
                          gconstpointer  data)
{
  const char *path = g_getenv ("WS_LOAD_FILE");
  g_autoptr(GFile) file = NULL;
  g_autoptr(WsResultItem) first = NULL;
  Responsiveness r = { 0 };
  GStatBuf st;
  gint64 start, end;
  double cpu;
  guint tick, timer;
  gulong id;

  if (path == NULL || g_stat (path, &st) != 0)
    {
      g_test_skip ("set WS_LOAD_FILE to a large vector file (tests/bench/app-load.sh)");
      return;
    }
  r.f = f;
  r.long_gap_times = g_string_new ("");
  file = g_file_new_for_path (path);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (f->window), count_frame, &r, NULL);
  timer = g_timeout_add (10, count_timer, &r);
  id = g_signal_connect (f->session, "notify::load-fraction", G_CALLBACK (on_fraction), &r);

  cpu = thread_cpu_seconds ();
  start = r.start = g_get_monotonic_time ();
  ws_window_open_model (f->window, file);
  g_assert_true (wait_for (not_loading, f->session, 600000));
  end = g_get_monotonic_time ();
  cpu = thread_cpu_seconds () - cpu;
  g_signal_handler_disconnect (f->session, id);

  g_assert_null (ws_window_get_load_error (f->window));
  g_test_message ("loaded %s (%.0f MB, %" G_GSIZE_FORMAT " words) in %.2f s; "
                  "%u frames, longest gap between frames %.1f ms, "
                  "longest gap between 10 ms timers %.1f ms",
                  path, st.st_size / 1e6, ws_vectors_get_n_words (ws_session_get_vectors (f->session)),
                  (end - start) / 1e6, r.frames, r.max_tick_gap / 1e3, r.max_timer_gap / 1e3);
  g_printerr ("# responsiveness: load %.2f s, %u frames, max frame gap %.1f ms, "
              "max main-loop gap %.1f ms (at %.2f s, load %.0f %%); the main thread used "
              "%.2f s of CPU (%.2f ms a frame, the test's own polling included)\n",
              (end - start) / 1e6, r.frames,
              r.max_tick_gap / 1e3, r.max_timer_gap / 1e3, r.max_gap_at,
              100 * r.max_gap_fraction, cpu, r.frames > 0 ? 1e3 * cpu / r.frames : 0.0);
  /* Their times show a pattern: gaps 100 ms apart come from the whole
   * machine being held (a virtual machine's CPU quota), not from this
   * process. */
  g_printerr ("# frames held up more than 50 ms: %u;%s\n", r.long_gaps, r.long_gap_times->str);

  /* After the load the session builds the completion index, then the
   * suggestions' index and the global axes: the frames meanwhile. */
  r.frames = 0;
  r.max_tick_gap = r.max_timer_gap = 0;
  r.long_gaps = 0;
  g_string_truncate (r.long_gap_times, 0);
  r.start = start = g_get_monotonic_time ();
  g_assert_true (wait_for (completion_ready, f->session, 600000));
  g_printerr ("# completion index built %.2f s after the load\n",
              (g_get_monotonic_time () - start) / 1e6);
  g_assert_true (wait_for (global_axes_ready, ws_session_get_vectors (f->session), 600000));
  gtk_widget_remove_tick_callback (GTK_WIDGET (f->window), tick);
  g_source_remove (timer);
  g_printerr ("# after the load, until the global axes were ready (%.2f s): %u frames, "
              "max frame gap %.1f ms, max main-loop gap %.1f ms; frames held up more than 50 ms: %u;%s\n",
              (g_get_monotonic_time () - start) / 1e6, r.frames, r.max_tick_gap / 1e3,
              r.max_timer_gap / 1e3, r.long_gaps, r.long_gap_times->str);
  g_string_free (r.long_gap_times, TRUE);

  /* Completion on the big vocabulary. */
  {
    const char *prefixes[] = { "w", "W0", "w00001", "kin", "qu", "zz", "w0999" };
    gint64 worst = 0;

    for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
      {
        gint64 t0 = g_get_monotonic_time ();
        g_auto(GStrv) words = ws_session_complete (f->session, prefixes[i], 8);

        worst = MAX (worst, g_get_monotonic_time () - t0);
        g_assert_nonnull (words);
      }
    g_printerr ("# completion: slowest of %u prefixes %.3f ms\n",
                (guint) G_N_ELEMENTS (prefixes), worst / 1e3);
  }

  type_query (f, "king - man + woman");
  first = g_list_model_get_item (ws_session_get_results (f->session), 0);
  g_assert_cmpstr (ws_result_item_get_word (first), ==, "queen");
}

/* The bundled model, when the project has built it: queen first, and the
 * screenshot the README and the metainfo show. */
static gboolean
session_has_model (gpointer data)
{
  Fixture *f = data;

  return !ws_session_get_loading (f->session);
}

static void
test_bundled_model (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (WS_SOURCE_DATADIR, "wordspace-en.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WsResultItem) first = NULL;
  WsScatterPlot *plot = ws_window_get_plot (f->window);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("data/wordspace-en.bin is not built yet");
      return;
    }
  ws_window_open_model (f->window, file);
  g_assert_true (wait_for (session_has_model, f, 120000));
  g_assert_null (ws_window_get_load_error (f->window));
  g_assert_cmpstr (ws_session_get_title (f->session), ==, "wordspace-en.bin");
  g_assert_true (wait_for (completion_ready, f->session, 60000));

  type_query (f, "king - man + woman");
  first = g_list_model_get_item (ws_session_get_results (f->session), 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (ws_result_item_get_word (first), ==, "queen");
  ws_scatter_plot_finish_animation (plot);
  pump (50);
  g_assert_cmpuint (ws_scatter_plot_count_overlaps (plot), ==, 0);
  g_free (screenshot (GTK_WIDGET (f->window), "main"));
}


/* ------------------------------------------------------------------ */
/* Scenes, history, notes, export options, copy                       */

static gboolean
completion_and_idle (gpointer data)
{
  return ws_session_get_completion_ready (data) && session_idle (data);
}

/* Opens the toy model from a file, so that scenes can name it. */
static char *
open_toy_file (WsWindow   *window,
               Fixture    *f,
               const char *name)
{
  g_autofree char *path = write_toy_file (f, name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WsSession *session = ws_window_get_session (window);

  ws_window_open_model (window, file);
  g_assert_true (wait_for (not_loading, session, 10000));
  g_assert_true (wait_for (completion_and_idle, session, 10000));
  g_assert_cmpstr (ws_vectors_get_path (ws_session_get_vectors (session)), ==, path);
  return g_steal_pointer (&path);
}

static WsWindow *
new_window (WsSession **session)
{
  WsWindow *window;

  *session = ws_session_new ();
  window = ws_window_new (app, *session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  pump (100);
  return window;
}

/* Waits for a scene opened in @window to be on its map. */
static void
wait_for_scene (WsWindow   *window,
                const char *query)
{
  WsSession *session = ws_window_get_session (window);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end &&
         (g_strcmp0 (ws_session_get_query (session), query) != 0 || !session_idle (session) ||
          ws_session_get_scene (session) == NULL))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpstr (ws_session_get_query (session), ==, query);
  g_assert_true (session_idle (session));
  g_assert_nonnull (ws_session_get_scene (session));
  ws_scatter_plot_finish_animation (ws_window_get_plot (window));
  pump (50);
}

/* Types @text into the note dialog that @action opened and saves it. */
static void
answer_note_dialog (const char *text)
{
  AdwMessageDialog *dialog;

  pump (50);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (ws_note_dialog_get_entry (dialog));
  gtk_editable_set_text (ws_note_dialog_get_entry (dialog), text);
  /* As its button does: respond, then close. */
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pump (50);
}

static char *
point_words (WsSession *session)
{
  const WsSessionMap *map = ws_session_get_map (session);
  g_autoptr(GString) words = g_string_new ("");

  for (guint i = 0; i < map->points->len; i++)
    g_string_append_printf (words, "%s ", g_array_index (map->points, WsSessionPoint, i).word);
  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* The PNG the window exports of its figure, at a fixed size. */
static GBytes *
figure_png (WsWindow *window)
{
  g_autoptr(WsPlotScene) plot = ws_scatter_plot_get_scene (ws_window_get_plot (window));
  g_autoptr(WsSceneFile) scene = ws_window_get_scene_file (window, NULL);
  g_autofree char *text = ws_scene_file_to_data (scene, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_assert_nonnull (plot);
  bytes = ws_plot_export_to_bytes_full (plot, WS_PLOT_FORMAT_PNG, 800, 500, 1.0, text, &error);
  g_assert_no_error (error);
  return bytes;
}

/* Saves through Ctrl+S's file chooser. */
static void
save_scene_with_chooser (WsWindow   *window,
                         const char *dir,
                         const char *name)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *named = g_str_has_suffix (name, ".wordspace") ? g_strdup (name)
                                                                 : g_strconcat (name, ".wordspace", NULL);
  g_autofree char *path = g_build_filename (dir, named, NULL);
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-scene", NULL));
  pump (50);
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  pump (20);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_for (file_exists, path, 10000));
  pump (50);
}

/* window → file → window: the query, the points, the notes, the
 * highlight and the view come back; and after the window and its session
 * are gone, a new one opening the scene exports the same bytes. */
static void
test_scene_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  g_autofree char *dir = g_build_filename (ws_test_tmpdir (), "scenes", NULL);
  g_autofree char *scene_path = g_build_filename (dir, "round.wordspace", NULL);
  g_autofree char *model = NULL;
  g_autofree char *words = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GFile) scene_file = g_file_new_for_path (scene_path);
  double zoom, pan_x, pan_y;

  g_mkdir_with_parents (dir, 0700);
  model = open_toy_file (f->window, f, "scene-model.txt");
  type_query (f, "king - man + woman");
  ws_scatter_plot_finish_animation (plot);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-note", "s", "queen"));
  answer_note_dialog ("the answer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.highlight", "s", "king"));
  ws_scatter_plot_zoom (plot, 1.5, 300, 200);
  ws_scatter_plot_get_view (plot, &zoom, &pan_x, &pan_y);
  pump (50);
  words = point_words (f->session);
  before = figure_png (f->window);
  g_free (screenshot (GTK_WIDGET (f->window), "scene-note"));

  save_scene_with_chooser (f->window, dir, "round");
  g_assert_true (g_file_test (scene_path, G_FILE_TEST_IS_REGULAR));

  for (int round = 0; round < 2; round++)
    {
      WsSession *session = NULL;
      WsWindow *window = new_window (&session);
      g_autofree char *words2 = NULL;
      g_autoptr(GBytes) after = NULL;
      double zoom2, pan_x2, pan_y2;
      g_autofree char *flagged = NULL;

      ws_window_open_file (window, scene_file);
      g_assert_true (wait_for (not_loading, session, 10000));
      wait_for_scene (window, "king - man + woman");
      g_assert_cmpstr (ws_vectors_get_path (ws_session_get_vectors (session)), ==, model);
      g_assert_cmpstr (gtk_editable_get_text (ws_window_get_query_entry (window)), ==, "king - man + woman");
      words2 = point_words (session);
      g_assert_cmpstr (words2, ==, words);
      g_assert_cmpuint (ws_session_get_n_annotations (session), ==, 1);
      g_assert_cmpstr (ws_session_get_annotation (session, 0)->text, ==, "the answer");
      g_assert_cmpstr (ws_session_get_annotation (session, 0)->word, ==, "queen");
      g_assert_true (ws_session_get_mark (session, "king", WS_SESSION_MARK_HIGHLIGHTED));
      flagged = flagged_words (ws_window_get_plot (window), WS_PLOT_POINT_HIGHLIGHTED);
      g_assert_cmpstr (flagged, ==, "king");
      ws_scatter_plot_get_view (ws_window_get_plot (window), &zoom2, &pan_x2, &pan_y2);
      g_assert_cmpfloat (zoom2, ==, zoom);
      g_assert_cmpfloat (pan_x2, ==, pan_x);
      g_assert_cmpfloat (pan_y2, ==, pan_y);
      after = figure_png (window);
      g_assert_true (g_bytes_equal (before, after));

      /* The first window goes, as when the app quits: the second round
       * opens the scene with nothing of the first left. */
      if (round == 0)
        {
          gtk_window_destroy (GTK_WINDOW (f->window));
          pump (20);
          f->window = window;
          g_clear_object (&f->session);
          f->session = session;
        }
      else
        {
          gtk_window_destroy (GTK_WINDOW (window));
          pump (20);
          g_object_unref (session);
        }
    }
}

/* An exported PNG carries its scene: opening it shows the map it was made
 * from. The export dialog's size, scale and background decide the file. */
/* The figure the window exported rebuilds itself with one
 * `wordspace-cli render --scene FIGURE` line, to the same bytes: what a
 * tutorial author does a year later. */
static void
assert_cli_rebuilds (const char *figure,
                     const char *again_name)
{
  g_autofree char *again = g_build_filename (ws_test_tmpdir (), again_name, NULL);
  const char *argv[] = { g_getenv ("WS_CLI"), "render", "--quiet", "--no-cache",
                         "--scene", figure, "--out", again, NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  gsize first_length = 0;
  gsize second_length = 0;
  int status = -1;

  if (argv[0] == NULL || !g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    return;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (figure, &first, &first_length, NULL));
  g_assert_true (g_file_get_contents (again, &second, &second_length, NULL));
  g_assert_cmpmem (first, first_length, second, second_length);
}

static void
test_export_options_and_figure (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (ws_test_tmpdir (), "figures", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.png", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) png = g_file_new_for_path (path);
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  WsExportDialog *options;
  GtkWindow *chooser;
  cairo_surface_t *image;
  WsSession *session = NULL;
  WsWindow *window;

  g_mkdir_with_parents (dir, 0700);
  g_free (open_toy_file (f->window, f, "figure-model.txt"));
  type_query (f, "king - man + woman");
  ws_scatter_plot_finish_animation (plot);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-note", "s", "queen"));
  answer_note_dialog ("in the PNG");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  pump (50);
  options = WS_EXPORT_DIALOG (find_toplevel (WS_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (options);
  /* The map's size by default, 1×, opaque. */
  g_assert_cmpint (ws_export_dialog_get_width (options), ==, gtk_widget_get_width (GTK_WIDGET (plot)));
  g_assert_cmpint (ws_export_dialog_get_height (options), ==, gtk_widget_get_height (GTK_WIDGET (plot)));
  g_assert_cmpfloat (ws_export_dialog_get_scale (options), ==, 1.0);
  g_assert_false (ws_export_dialog_get_transparent (options));
  g_free (screenshot (GTK_WIDGET (options), "export-options"));
  ws_export_dialog_set_size (options, 400, 300);
  ws_export_dialog_set_scale (options, 2.0);
  ws_export_dialog_set_transparent (options, TRUE);

  /* Copy Image puts a texture on the clipboard. */
  ws_export_dialog_activate_copy (options);
  pump (50);
  g_assert_true (gdk_content_formats_contain_gtype (
                   gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (f->window))),
                   GDK_TYPE_TEXTURE));

  ws_export_dialog_activate_export (options);
  pump (50);
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "figure.png");
  pump (20);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_for (file_exists, path, 10000));
  pump (50);

  /* Scale 2 doubles the pixels; the corner is transparent. */
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmphex (((guint32 *) cairo_image_surface_get_data (image))[0] >> 24, ==, 0);
  cairo_surface_destroy (image);
  assert_cli_rebuilds (path, "figure-again.png");

  /* Opened in a new window (the model it names is opened first). */
  window = new_window (&session);
  ws_window_open_file (window, png);
  g_assert_true (wait_for (not_loading, session, 10000));
  wait_for_scene (window, "king - man + woman");
  g_assert_cmpuint (ws_session_get_n_annotations (session), ==, 1);
  g_assert_cmpstr (ws_session_get_annotation (session, 0)->text, ==, "in the PNG");
  g_assert_true (ws_scatter_plot_get_transparent (ws_window_get_plot (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  pump (20);
  g_object_unref (session);
}

/* Exports the window's map to @dir/@name through the export dialog, at
 * the dialog's first size. */
static char *
export_through_dialog (WsWindow   *window,
                       const char *dir,
                       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  WsExportDialog *options;
  GtkWindow *chooser;

  g_remove (path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  pump (50);
  options = WS_EXPORT_DIALOG (find_toplevel (WS_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (options);
  ws_export_dialog_activate_export (options);
  pump (50);
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  pump (20);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_for (file_exists, path, 10000));
  pump (50);
  return g_steal_pointer (&path);
}

/* Whatever the query and options, the window's map is the one
 * `wordspace-cli render --scene` builds from the figure: a list (no
 * results on the map, the odd one out marked), one word with neighbours,
 * and analogy axes asked of one word (which falls back to local PCA). */
static void
test_figure_rebuilds_each_query_kind (Fixture       *f,
                                      gconstpointer  data)
{
  static const struct
  {
    const char *query;
    const char *projection;
    int         neighbors;
    const char *name;
  } cases[] = {
    { "apple, banana, dog, cherry", "local", 0, "list.png" },
    { "king", "local", 2, "neighbors.png" },
    { "king", "analogy", 0, "fallback.png" },
    { "king", "analogy", 2, "fallback-neighbors.png" },
    { "man : king :: woman", "analogy", 2, "analogy.png" },
  };
  g_autofree char *dir = g_build_filename (ws_test_tmpdir (), "kinds", NULL);
  GSettings *settings = ws_application_get_settings (app);

  g_mkdir_with_parents (dir, 0700);
  g_free (open_toy_file (f->window, f, "kinds-model.txt"));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *again = g_strconcat ("again-", cases[i].name, NULL);

      g_test_message ("%s, %s, %d neighbours", cases[i].query, cases[i].projection,
                      cases[i].neighbors);
      g_settings_set_string (settings, "projection", cases[i].projection);
      g_settings_set_int (settings, "neighbors", cases[i].neighbors);
      g_assert_true (wait_for (session_idle, f->session, 10000));
      type_query (f, cases[i].query);
      ws_scatter_plot_finish_animation (ws_window_get_plot (f->window));
      path = export_through_dialog (f->window, dir, cases[i].name);
      assert_cli_rebuilds (path, again);
    }
  g_settings_reset (settings, "projection");
  g_settings_reset (settings, "neighbors");
  g_assert_true (wait_for (session_idle, f->session, 10000));
}

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWindow *dialog = NULL;

  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) == NULL && g_get_monotonic_time () < end)
    pump (10);
  g_assert_nonnull (dialog);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* A scene whose model moved says which file it expected and finds it with
 * "Locate…"; one whose model changed says so and offers "Use Anyway". */
static void
test_scene_model_missing_and_changed (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (ws_test_tmpdir (), "moved", NULL);
  g_autofree char *scene_path = g_build_filename (dir, "moved.wordspace", NULL);
  g_autofree char *model = NULL;
  g_autofree char *moved = g_build_filename (dir, "elsewhere.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) scene_file = g_file_new_for_path (scene_path);
  g_autoptr(GFile) moved_file = g_file_new_for_path (moved);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *message;
  GtkWindow *chooser;
  WsSession *session = NULL;
  WsWindow *window;
  gsize len;

  g_mkdir_with_parents (dir, 0700);
  model = open_toy_file (f->window, f, "moving-model.txt");
  type_query (f, "king");
  g_assert_true (ws_window_save_scene (f->window, scene_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (model, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (moved, contents, (gssize) len, NULL));
  g_assert_cmpint (g_remove (model), ==, 0);

  window = new_window (&session);
  ws_window_open_file (window, scene_file);
  message = wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "The Scene’s Model Is Missing");
  {
    g_autofree char *body = g_strdup_printf ("The scene was made with the model %s, which is not "
                                             "there\n\nLocate the model file to show the scene.",
                                             model);

    /* No command-line options in the window: its way out is "Locate…". */
    g_assert_cmpstr (adw_message_dialog_get_body (message), ==, body);
    g_assert_true (adw_message_dialog_has_response (message, "locate"));
  }
  g_free (screenshot (GTK_WIDGET (message), "model-missing"));
  adw_message_dialog_response (message, "locate");
  gtk_window_destroy (GTK_WINDOW (message));
  pump (50);
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), moved_file, NULL));
  pump (20);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  pump (50);
  g_assert_true (wait_for (not_loading, session, 10000));
  wait_for_scene (window, "king");
  g_assert_cmpstr (ws_vectors_get_path (ws_session_get_vectors (session)), ==, moved);
  gtk_window_destroy (GTK_WINDOW (window));
  pump (20);
  g_clear_object (&session);

  /* The model is back where the scene says, but changed. */
  contents[len - 3] = contents[len - 3] == '1' ? '2' : '1';
  g_assert_true (g_file_set_contents (model, contents, (gssize) len, NULL));
  window = new_window (&session);
  ws_window_open_file (window, scene_file);
  message = wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "The Scene’s Model Has Changed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), model));
  g_assert_null (strstr (adw_message_dialog_get_body (message), "--ignore-fingerprint"));
  g_assert_null (strstr (adw_message_dialog_get_body (message), "wordspace-cli"));
  g_assert_true (adw_message_dialog_has_response (message, "use"));
  adw_message_dialog_response (message, "use");
  gtk_window_destroy (GTK_WINDOW (message));
  pump (50);
  g_assert_true (wait_for (not_loading, session, 10000));
  wait_for_scene (window, "king");
  g_assert_cmpstr (ws_vectors_get_path (ws_session_get_vectors (session)), ==, model);
  gtk_window_destroy (GTK_WINDOW (window));
  pump (20);
  g_clear_object (&session);
}

/* Alt+Left and Alt+Right walk the session's queries, each shown as it was
 * left: the view and the notes come back with the query. */
static void
test_back_and_forward (Fixture       *f,
                       gconstpointer  data)
{
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  GtkWidget *window = GTK_WIDGET (f->window);
  double zoom, pan_x, pan_y;

  g_assert_false (gtk_widget_activate_action (window, "win.go-back", NULL) &&
                  ws_session_get_query (f->session) != NULL);
  type_query (f, "king");
  type_query (f, "paris");
  ws_scatter_plot_finish_animation (plot);
  g_assert_true (gtk_widget_activate_action (window, "win.add-note", "s", "paris"));
  answer_note_dialog ("capital");
  ws_scatter_plot_zoom (plot, 2.0, 200, 200);
  ws_scatter_plot_get_view (plot, &zoom, &pan_x, &pan_y);

  g_assert_true (gtk_widget_activate_action (window, "win.go-back", NULL));
  wait_for_scene (f->window, "king");
  g_assert_cmpstr (gtk_editable_get_text (ws_window_get_query_entry (f->window)), ==, "king");
  g_assert_cmpuint (ws_session_get_n_annotations (f->session), ==, 0);
  g_assert_nonnull (find_point (ws_session_get_map (f->session), "queen"));
  g_free (screenshot (window, "history-back"));

  g_assert_true (gtk_widget_activate_action (window, "win.go-forward", NULL));
  wait_for_scene (f->window, "paris");
  g_assert_cmpuint (ws_session_get_n_annotations (f->session), ==, 1);
  g_assert_cmpstr (ws_session_get_annotation (f->session, 0)->text, ==, "capital");
  {
    double z, x, y;
    ws_scatter_plot_get_view (plot, &z, &x, &y);
    g_assert_cmpfloat (z, ==, zoom);
    g_assert_cmpfloat (x, ==, pan_x);
    g_assert_cmpfloat (y, ==, pan_y);
  }
  /* A new query drops what was forward. */
  g_assert_true (gtk_widget_activate_action (window, "win.go-back", NULL));
  wait_for_scene (f->window, "king");
  type_query (f, "apple");
  gtk_widget_activate_action (window, "win.go-forward", NULL);
  pump (50);
  g_assert_cmpstr (ws_session_get_query (f->session), ==, "apple");
  g_assert_true (gtk_widget_activate_action (window, "win.go-back", NULL));
  wait_for_scene (f->window, "king");
}

/* Notes: added from the word's menu, edited, dragged, deleted; marks:
 * highlight, pin, hide. The keyboard opens the same menu. */
static void
test_notes_and_marks (Fixture       *f,
                      gconstpointer  data)
{
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  GtkWidget *window = GTK_WIDGET (f->window);
  WsPlotLayout *layout;
  cairo_rectangle_t box;
  GtkPopover *menu;
  double x, y;

  type_query (f, "king - man + woman");
  ws_scatter_plot_finish_animation (plot);

  /* The selected result's menu, from the keyboard. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (
                                       ws_window_get_results_view (f->window))), 0);
  pump (20);
  g_assert_true (gtk_widget_activate_action (window, "win.context-menu", NULL));
  pump (50);
  menu = ws_window_get_context_menu (f->window);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  g_free (screenshot (window, "context-menu"));
  gtk_popover_popdown (menu);

  g_assert_true (gtk_widget_activate_action (window, "win.add-note", "s", "queen"));
  answer_note_dialog ("first");
  g_assert_cmpuint (ws_session_get_n_annotations (f->session), ==, 1);
  layout = ws_scatter_plot_get_layout (plot);
  g_assert_cmpuint (ws_plot_layout_get_n_annotations (layout), ==, 1);
  g_assert_true (ws_plot_layout_get_annotation (layout, 0)->visible);
  box = ws_plot_layout_get_annotation (layout, 0)->box;

  g_assert_true (gtk_widget_activate_action (window, "win.edit-note", "i", 0));
  pump (50);
  g_assert_cmpstr (gtk_editable_get_text (ws_note_dialog_get_entry (
                     ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG)))), ==, "first");
  answer_note_dialog ("second");
  g_assert_cmpstr (ws_session_get_annotation (f->session, 0)->text, ==, "second");

  /* Moving changes the offset, and the box follows (measured after the
   * edit: the box is the new text's). */
  box = ws_plot_layout_get_annotation (ws_scatter_plot_get_layout (plot), 0)->box;
  ws_scatter_plot_move_note (plot, 0, ws_session_get_annotation (f->session, 0)->dx - 50,
                             ws_session_get_annotation (f->session, 0)->dy + 20);
  layout = ws_scatter_plot_get_layout (plot);
  g_assert_cmpfloat (fabs (ws_plot_layout_get_annotation (layout, 0)->box.x -
                           (box.x - 50 * ws_scatter_plot_get_text_scale (plot))), <, 1.0);

  g_assert_true (gtk_widget_activate_action (window, "win.delete-note", "i", 0));
  g_assert_cmpuint (ws_session_get_n_annotations (f->session), ==, 0);

  /* Marks. */
  g_assert_true (gtk_widget_activate_action (window, "win.highlight", "s", "queen"));
  g_free (flagged_words (plot, 0));
  {
    g_autofree char *flagged = flagged_words (plot, WS_PLOT_POINT_HIGHLIGHTED);
    g_assert_cmpstr (flagged, ==, "queen");
  }
  g_assert_true (gtk_widget_activate_action (window, "win.highlight", "s", "queen"));
  {
    g_autofree char *flagged = flagged_words (plot, WS_PLOT_POINT_HIGHLIGHTED);
    g_assert_cmpstr (flagged, ==, "");
  }
  g_assert_true (gtk_widget_activate_action (window, "win.pin", "s", "apple"));
  g_assert_true (wait_for (session_idle, f->session, 10000));
  pump (20);
  g_assert_nonnull (find_point (ws_session_get_map (f->session), "apple"));
  g_assert_true (gtk_widget_activate_action (window, "win.hide", "s", "apple"));
  g_assert_true (wait_for (session_idle, f->session, 10000));
  pump (20);
  g_assert_null (find_point (ws_session_get_map (f->session), "apple"));
  g_assert_true (ws_scatter_plot_get_point (plot, "queen", &x, &y));
}

/* The results copy as Markdown, CSV and the Python list, the same text as
 * wordspace-cli's tables (the shared ws-result-table). */
static void
test_copy_results (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *results;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  const char *formats[] = { "markdown", "csv", "python" };
  const WsResultTableFormat tables[] = { WS_RESULT_TABLE_MARKDOWN, WS_RESULT_TABLE_CSV,
                                         WS_RESULT_TABLE_PYTHON };

  type_query (f, "king - man + woman");
  results = ws_session_get_results (f->session);
  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      guint n = g_list_model_get_n_items (results);
      g_autofree const char **words = g_new0 (const char *, n + 1);
      g_autofree float *scores = g_new0 (float, n + 1);
      g_autofree char *expected = NULL;
      g_autofree char *got = ws_window_get_results_text (f->window, formats[k]);
      GValue value = G_VALUE_INIT;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WsResultItem) item = g_list_model_get_item (results, i);
          words[i] = ws_result_item_get_word (item);
          scores[i] = (float) ws_result_item_get_score (item);
        }
      expected = ws_result_table_scored (tables[k], words, scores, n);
      g_assert_cmpstr (got, ==, expected);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-results", "s",
                                                 formats[k]));
      pump (20);
      g_value_init (&value, G_TYPE_STRING);
      g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
      g_assert_cmpstr (g_value_get_string (&value), ==, expected);
      g_value_unset (&value);
    }
  {
    g_autofree char *python = ws_window_get_results_text (f->window, "python");
    g_assert_true (g_str_has_prefix (python, "[('queen', 0."));
  }
}

/* The window tests draw with cairo and never start GL: Mesa's EGL start-up
 * (libgl1-mesa-dri, on any desktop) leaks, and LeakSanitizer then fails the
 * run. */
static void
test_no_gl (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gdk_display_prepare_gl (gdk_display_get_default (), &error));
  g_assert_nonnull (error);
}

/* ------------------------------------------------------------------ */
/* Lessons and presentation mode                                       */

/* Sends @keyval to the window's key controllers that run before the
 * focused widget (the presentation's), as a key press would. */
static gboolean
presentation_key (WsWindow *window,
           guint     keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c) &&
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (c)) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  pump (20);
  return handled;
}

static char *
write_lesson (const char *name,
              const char *model)
{
  g_autoptr(JsonNode) path_node = json_node_init_string (json_node_alloc (), model);
  g_autofree char *path_json = json_to_string (path_node, FALSE);
  g_autofree char *text = g_strdup_printf (
    "{\"format\": \"wordspace-lesson\", \"version\": \"1.0\", \"title\": \"Toy lesson\",\n"
    " \"model\": {\"path\": %s},\n"
    " \"steps\": [\n"
    "  {\"title\": \"One word\", \"notes\": \"king and its neighbours\", \"scene\": {\"query\": \"king\"}},\n"
    "  {\"title\": \"The analogy\", \"notes\": \"queen\", \"scene\": {\"query\": \"king - man + woman\","
    "   \"projection\": {\"method\": \"analogy\"}}},\n"
    "  {\"title\": \"A list\", \"notes\": \"four words\", \"scene\": {\"words\": [\"king\", \"queen\", \"man\", \"woman\"]}}\n"
    " ]}\n", path_json);

  return ws_test_write_file (name, text, -1);
}

/* The label boxes of @scene laid out at @width × @height: the smallest
 * height, and whether any two overlap or one is missing. */
static double
min_label_height (WsPlotScene *scene,
                  double       width,
                  double       height,
                  guint       *overlaps,
                  guint       *unlabelled)
{
  g_autoptr(WsPlotLayout) layout = ws_plot_layout_compute (scene, width, height);
  double least = G_MAXDOUBLE;
  guint n = ws_plot_layout_get_n_points (layout);

  *overlaps = *unlabelled = 0;
  for (guint i = 0; i < n; i++)
    {
      const WsPlotPointLayout *a = ws_plot_layout_get_point (layout, i);

      if (!a->visible || a->label.height <= 0)
        {
          (*unlabelled)++;
          continue;
        }
      least = MIN (least, a->label.height);
      for (guint j = i + 1; j < n; j++)
        {
          const WsPlotPointLayout *b = ws_plot_layout_get_point (layout, j);

          if (b->visible && b->label.height > 0 &&
              a->label.x < b->label.x + b->label.width && b->label.x < a->label.x + a->label.width &&
              a->label.y < b->label.y + b->label.height && b->label.y < a->label.y + a->label.height)
            (*overlaps)++;
        }
    }
  return least;
}

/* A lesson opens on its first step, with its title on the map and its
 * notes in the side panel; PageDown (and the action) steps forward, PageUp
 * back; F5 presents: no header bar, query bar or side panel, the text
 * raised, the ranked list on the map; Right and Left step there; Escape
 * leaves and puts everything back. */
static void
test_lesson_presentation (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *model = open_toy_file (f->window, f, "lesson-model.txt");
  g_autofree char *path = write_lesson ("toy.wordspace-lesson", model);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WsPresentation *presentation = ws_window_get_presentation (f->window);
  WsLessonPlayer *player = ws_presentation_get_player (presentation);
  WsScatterPlot *plot = ws_window_get_plot (f->window);
  GtkWidget *paned = gtk_widget_get_ancestor (GTK_WIDGET (plot), GTK_TYPE_PANED);
  GtkWidget *side = gtk_paned_get_start_child (GTK_PANED (paned));
  GtkWidget *query_bar = gtk_widget_get_parent (GTK_WIDGET (ws_window_get_query_entry (f->window)));
  g_autoptr(WsPlotScene) shown = NULL;
  g_autoptr(WsPlotScene) scene = NULL;
  double text_scale = ws_scatter_plot_get_text_scale (plot);
  guint overlaps, unlabelled;
  double least;

  ws_window_open_file (f->window, file);
  wait_for_scene (f->window, "king");
  g_assert_cmpuint (ws_lesson_player_get_n_steps (player), ==, 3);
  g_assert_cmpuint (ws_lesson_player_get_index (player), ==, 0);
  g_assert_true (gtk_widget_get_visible (ws_presentation_get_title_label (presentation)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ws_presentation_get_title_label (presentation))), ==,
                   "One word");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ws_presentation_get_notes_label (presentation))), ==,
                   "king and its neighbours");
  g_assert_true (gtk_widget_is_drawable (ws_presentation_get_notes_label (presentation)));

  /* A clicker's PageDown, then the action, then PageUp. */
  g_assert_true (presentation_key (f->window, GDK_KEY_Page_Down));
  wait_for_scene (f->window, "king - man + woman");
  g_assert_cmpuint (ws_lesson_player_get_index (player), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ws_presentation_get_title_label (presentation))), ==,
                   "The analogy");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lesson-next", NULL);
  wait_for_scene (f->window, "king, queen, man, woman");
  g_assert_cmpuint (ws_lesson_player_get_index (player), ==, 2);
  /* The last step stays the last. */
  presentation_key (f->window, GDK_KEY_Page_Down);
  g_assert_cmpuint (ws_lesson_player_get_index (player), ==, 2);
  g_assert_true (presentation_key (f->window, GDK_KEY_Page_Up));
  wait_for_scene (f->window, "king - man + woman");
  /* Outside presentation mode the arrows belong to the entry and lists. */
  g_assert_false (presentation_key (f->window, GDK_KEY_Right));
  g_assert_cmpuint (ws_lesson_player_get_index (player), ==, 1);

  /* F5 presents. */
  g_assert_true (presentation_key (f->window, GDK_KEY_F5));
  g_assert_true (ws_presentation_get_active (presentation));
  g_assert_false (ws_window_get_header_visible (f->window));
  g_assert_false (gtk_widget_get_visible (side));
  g_assert_false (gtk_widget_get_visible (query_bar));
  g_assert_cmpfloat (ws_scatter_plot_get_text_scale (plot), >=, WS_PRESENTATION_TEXT_SCALE);
  g_assert_true (ws_scatter_plot_get_high_contrast (plot));
  g_assert_true (gtk_widget_get_visible (ws_presentation_get_results_label (presentation)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (ws_presentation_get_results_label (presentation))),
                                   "1  queen  "));
  g_free (screenshot (GTK_WIDGET (f->window), "lesson-presenting"));

  /* At 1920 × 1080 with the presentation's text, every label is at least
   * 48 px tall, none overlaps another and none is missing. */
  shown = ws_scatter_plot_get_scene (plot);
  scene = ws_plot_scene_copy (shown);
  g_assert_cmpuint (ws_plot_scene_get_n_points (scene), <=, 15);
  ws_plot_scene_set_text_scale (scene, WS_PRESENTATION_TEXT_SCALE);
  least = min_label_height (scene, 1920, 1080, &overlaps, &unlabelled);
  g_test_message ("labels at 1920×1080, text scale %g: at least %.1f px tall, %u overlaps, %u unlabelled",
                  WS_PRESENTATION_TEXT_SCALE, least, overlaps, unlabelled);
  g_assert_cmpfloat (least, >=, 48);
  g_assert_cmpuint (overlaps, ==, 0);
  g_assert_cmpuint (unlabelled, ==, 0);

  /* Space and Right forward, Left back, while presenting; the step keeps
   * the raised text. */
  g_assert_true (presentation_key (f->window, GDK_KEY_space));
  wait_for_scene (f->window, "king, queen, man, woman");
  g_assert_cmpfloat (ws_scatter_plot_get_text_scale (plot), >=, WS_PRESENTATION_TEXT_SCALE);
  g_assert_true (ws_scatter_plot_get_high_contrast (plot));
  g_assert_true (presentation_key (f->window, GDK_KEY_Left));
  wait_for_scene (f->window, "king - man + woman");
  g_assert_true (presentation_key (f->window, GDK_KEY_Right));
  wait_for_scene (f->window, "king, queen, man, woman");

  /* Escape leaves, everything back. */
  g_assert_true (presentation_key (f->window, GDK_KEY_Escape));
  g_assert_false (ws_presentation_get_active (presentation));
  g_assert_true (ws_window_get_header_visible (f->window));
  g_assert_true (gtk_widget_get_visible (side));
  g_assert_true (gtk_widget_get_visible (query_bar));
  g_assert_false (gtk_widget_get_visible (ws_presentation_get_results_label (presentation)));
  g_assert_cmpfloat (ws_scatter_plot_get_text_scale (plot), ==, text_scale);
  g_assert_false (ws_scatter_plot_get_high_contrast (plot));
  /* And the button's action presents too. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.present", NULL);
  g_assert_true (ws_presentation_get_active (presentation));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.present", NULL);
  g_assert_false (ws_presentation_get_active (presentation));
}

/* "Save Session as Lesson": the queries asked, oldest first, become the
 * steps of a lesson on the session's model, which opens again. */
static void
test_save_session_as_lesson (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *model = open_toy_file (f->window, f, "session-model.txt");
  g_autofree char *path = g_build_filename (ws_test_tmpdir (), "session.wordspace-lesson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsLessonFile) lesson = NULL;

  type_query (f, "king");
  type_query (f, "king - man + woman");
  type_query (f, "apple");
  g_assert_true (ws_window_save_lesson (f->window, file, &error));
  g_assert_no_error (error);
  lesson = ws_lesson_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lesson->model.path, ==, model);
  g_assert_cmpuint (ws_lesson_file_get_n_steps (lesson), ==, 3);
  g_assert_cmpstr (ws_lesson_file_get_step (lesson, 0)->scene->query, ==, "king");
  g_assert_cmpstr (ws_lesson_file_get_step (lesson, 1)->scene->query, ==, "king - man + woman");
  g_assert_cmpstr (ws_lesson_file_get_step (lesson, 1)->title, ==, "king - man + woman");
  g_assert_cmpstr (ws_lesson_file_get_step (lesson, 2)->scene->query, ==, "apple");

  /* It opens as a lesson, on its first step. */
  ws_window_open_file (f->window, file);
  wait_for_scene (f->window, "king");
  g_assert_cmpuint (ws_lesson_player_get_n_steps (ws_presentation_get_player (
                      ws_window_get_presentation (f->window))), ==, 3);
}

/* With $WS_SCREENSHOT_DIR: the shipped seed lesson on the bundled model,
 * presented at 1920 × 1080, a screenshot of each step (lesson-NN.png). */
static void
test_lesson_screenshots (void)
{
  const char *dir = g_getenv ("WS_SCREENSHOT_DIR");
  g_autofree char *lesson = g_build_filename (WS_SOURCE_DATADIR, "lessons",
                                              "seed-notebook.wordspace-lesson", NULL);
  g_autofree char *bundled = g_build_filename (WS_SOURCE_DATADIR, "wordspace-en.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (lesson);
  WsSession *session = NULL;
  WsWindow *window;
  WsPresentation *presentation;
  WsLessonPlayer *player;

  if (dir == NULL || *dir == '\0' || !g_file_test (bundled, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("set WS_SCREENSHOT_DIR (and have the bundled model) for the lesson's screenshots");
      return;
    }
  session = ws_session_new ();
  window = ws_window_new (app, session);
  /* No window manager under Xvfb: the size is the window's own. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  pump (100);
  presentation = ws_window_get_presentation (window);
  player = ws_presentation_get_player (presentation);
  ws_window_open_file (window, file);
  g_assert_true (wait_for (not_loading, session, 60000));
  wait_for (session_idle, session, 10000);
  pump (500);
  presentation_key (window, GDK_KEY_F5);
  for (guint i = 0; i < ws_lesson_player_get_n_steps (player); i++)
    {
      WsLessonStep *step = ws_lesson_player_get_step (player);
      g_autofree char *query = ws_scene_file_get_query_text (step->scene);
      g_autofree char *name = g_strdup_printf ("lesson-%02u", i + 1);
      g_autoptr(WsPlotScene) shown = NULL;
      g_autoptr(WsPlotScene) scene = NULL;
      guint overlaps, unlabelled;
      double least;

      wait_for_scene (window, query);
      pump (200);
      g_free (screenshot (GTK_WIDGET (window), name));
      shown = ws_scatter_plot_get_scene (ws_window_get_plot (window));
      scene = ws_plot_scene_copy (shown);
      least = min_label_height (scene, 1920, 1080, &overlaps, &unlabelled);
      g_test_message ("step %u “%s”: %u points; at 1920×1080: labels at least %.1f px tall, "
                      "%u overlaps, %u unlabelled", i + 1, step->title,
                      ws_plot_scene_get_n_points (scene), least, overlaps, unlabelled);
      {
        GtkWidget *plot = GTK_WIDGET (ws_window_get_plot (window));
        int w = gtk_widget_get_width (plot), h = gtk_widget_get_height (plot);

        least = min_label_height (scene, w, h, &overlaps, &unlabelled);
        g_test_message ("  on screen, the map %d×%d of the window's %d×%d: labels at least %.1f px "
                        "tall, %u overlaps, %u unlabelled", w, h,
                        gtk_widget_get_width (GTK_WIDGET (window)),
                        gtk_widget_get_height (GTK_WIDGET (window)), least, overlaps, unlabelled);
      }
      presentation_key (window, GDK_KEY_Page_Down);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  pump (20);
  g_clear_object (&session);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init () keeps the C locale, in which gettext ignores
   * $LANGUAGE: the window-de run takes the environment's, as wordspace's
   * main () does. (The gui suite sets LANGUAGE empty otherwise.) */
  if (g_getenv ("LANGUAGE") != NULL && *g_getenv ("LANGUAGE") != '\0')
    ws_locale_init ();
  adw_init ();
  g_test_log_set_fatal_handler (tolerate_no_bus, NULL);
  /* Revealers show at once, so screenshots catch the end state; the caret
   * does not blink, so the same state makes the same picture (a blinking
   * one was in some of data/screenshots/main.png and not in others). */
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-cursor-blink", FALSE,
                NULL);

  app = ws_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot register the application: %s", error->message);

  g_test_add_func ("/window/no-gl", test_no_gl);
#define ADD(name, func) \
  g_test_add ("/window/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("analogy-query", test_analogy_query);
  ADD ("select-and-activate", test_select_and_activate);
  ADD ("unknown-word", test_unknown_word);
  ADD ("hints-from-vocabulary", test_hints_from_vocabulary);
  ADD ("list-mismatch", test_list_mismatch);
  ADD ("vector-follows-query", test_vector_follows_query);
  ADD ("completion", test_completion);
  ADD ("similarity-pane", test_similarity_pane);
  ADD ("bad-file", test_bad_file);
  ADD ("broken-file-without-model", test_broken_file_without_model);
  ADD ("cancel-load", test_cancel_load);
  ADD ("load-priority", test_load_priority);
  ADD ("load-model", test_load_model);
  ADD ("map-equals-render", test_map_equals_render);
  ADD ("drop-file", test_drop_file);
  ADD ("text-scale-and-projection", test_text_scale_and_projection);
  ADD ("export", test_export);
  ADD ("export-dialog", test_export_dialog);
  ADD ("dark-style", test_dark_style);
  ADD ("zoom-and-pan", test_zoom_and_pan);
  ADD ("hover-card", test_hover_card);
  ADD ("full-screen", test_full_screen);
  ADD ("bundled-model", test_bundled_model);
  ADD ("load-responsiveness", test_load_responsiveness);
  ADD ("german", test_german);
  ADD ("file-changed", test_file_changed);
  ADD ("digit-grouping", test_digit_grouping);
  ADD ("about-shortcuts-and-size", test_about_shortcuts_and_size);
  ADD ("scene-round-trip", test_scene_round_trip);
  ADD ("export-options-and-figure", test_export_options_and_figure);
  ADD ("scene-model-missing-and-changed", test_scene_model_missing_and_changed);
  ADD ("figure-rebuilds-each-query-kind", test_figure_rebuilds_each_query_kind);
  ADD ("back-and-forward", test_back_and_forward);
  ADD ("notes-and-marks", test_notes_and_marks);
  ADD ("copy-results", test_copy_results);
  ADD ("lesson-presentation", test_lesson_presentation);
  ADD ("save-session-as-lesson", test_save_session_as_lesson);
#undef ADD
  g_test_add_func ("/window/lesson-screenshots", test_lesson_screenshots);

  status = g_test_run ();
  ws_vectors_cache_wait ();
  g_clear_object (&app);
  return status;
}
