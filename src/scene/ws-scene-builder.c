/* ws-scene-builder.c: a query and its answer, made into the map's scene
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-scene"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ws-scene-builder.h"
#include "ws-similarity.h"

void
ws_scene_options_init (WsSceneOptions *options)
{
  g_return_if_fail (options != NULL);

  options->method = WS_PROJECTION_LOCAL;
  options->neighbors = 0;
  options->restrict_vocab = 0;
  options->pinned = NULL;
  options->hidden = NULL;
  options->highlights = NULL;
  options->annotations = NULL;
  options->n_annotations = 0;
}

typedef struct
{
  GArray     *rows;     /* gsize: model rows in the order placed */
  GArray     *roles;    /* WsPlotRole */
  GArray     *scores;   /* double, NaN when none */
  GHashTable *index;    /* row + 1 → position + 1 */
  GHashTable *hidden;   /* row + 1 of each hidden word */
} Gathered;

static void
gathered_clear (Gathered *g)
{
  g_clear_pointer (&g->rows, g_array_unref);
  g_clear_pointer (&g->roles, g_array_unref);
  g_clear_pointer (&g->scores, g_array_unref);
  g_clear_pointer (&g->index, g_hash_table_unref);
  g_clear_pointer (&g->hidden, g_hash_table_unref);
}

static gboolean
is_hidden (Gathered *g,
           gsize     row)
{
  return g_hash_table_contains (g->hidden, GSIZE_TO_POINTER (row + 1));
}

/* Adds @row unless it is there already; returns its position. */
static guint
gather (Gathered   *g,
        gsize       row,
        WsPlotRole  role,
        double      score)
{
  gpointer pos = g_hash_table_lookup (g->index, GSIZE_TO_POINTER (row + 1));

  if (pos != NULL)
    return GPOINTER_TO_UINT (pos) - 1;
  g_array_append_val (g->rows, row);
  g_array_append_val (g->roles, role);
  g_array_append_val (g->scores, score);
  g_hash_table_insert (g->index, GSIZE_TO_POINTER (row + 1), GUINT_TO_POINTER (g->rows->len));
  return g->rows->len - 1;
}

/* "king − man + woman", "2·king − man": how the computed point is named. */
static char *
format_terms (WsExpression *expression)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < ws_expression_get_n_terms (expression); i++)
    {
      const WsExpressionTerm *t = ws_expression_get_term (expression, i);
      float w = fabsf (t->weight);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (i > 0)
        g_string_append (s, t->weight < 0 ? " − " : " + ");
      else if (t->weight < 0)
        g_string_append (s, "−");
      if (w != 1.0f)
        g_string_append_printf (s, "%s·", g_ascii_formatd (buf, sizeof buf, "%g", w));
      g_string_append (s, t->word);
    }
  return g_string_free (s, FALSE);
}

/* The three words of an analogy a : b :: c, either written so or as
 * b − a + c with weights ±1. */
static gboolean
find_analogy (WsExpression  *expression,
              const char   **a,
              const char   **b,
              const char   **c)
{
  const WsExpressionTerm *ta, *tb, *tc;
  const WsExpressionTerm *pos[2] = { NULL, NULL }, *neg = NULL;
  guint n_pos = 0;

  if (ws_expression_get_analogy (expression, &ta, &tb, &tc))
    {
      *a = ta->word;
      *b = tb->word;
      *c = tc->word;
      return TRUE;
    }
  if (ws_expression_get_kind (expression) != WS_EXPRESSION_ARITHMETIC ||
      ws_expression_get_n_terms (expression) != 3)
    return FALSE;
  for (gsize i = 0; i < 3; i++)
    {
      const WsExpressionTerm *t = ws_expression_get_term (expression, i);

      if (t->weight == 1.0f && n_pos < 2)
        pos[n_pos++] = t;
      else if (t->weight == -1.0f && neg == NULL)
        neg = t;
      else
        return FALSE;
    }
  if (n_pos != 2 || neg == NULL)
    return FALSE;
  *a = neg->word;
  *b = pos[0]->word;
  *c = pos[1]->word;
  return TRUE;
}

static const char *
method_name (WsProjectionMethod method)
{
  switch (method)
    {
    case WS_PROJECTION_GLOBAL: return _("global PCA");
    case WS_PROJECTION_ANALOGY: return _("analogy axes");
    case WS_PROJECTION_LOCAL:
    default:
      return _("local PCA");
    }
}

/* A list asks which word doesn't match: the engine's doesnt_match (as the
 * CLI's doesnt-match answers) flags it for the renderer. With two words
 * either would do, so only lists of three or more are marked. */
static void
mark_mismatch (WsPlotScene  *scene,
               WsVectors    *vectors,
               WsExpression *expression)
{
  gsize n = ws_expression_get_n_terms (expression);
  g_autofree const char **words = NULL;
  const char *odd;
  int index;

  if (n < 3)
    return;
  words = g_new (const char *, n);
  for (gsize i = 0; i < n; i++)
    words[i] = ws_expression_get_term (expression, i)->word;
  odd = ws_doesnt_match (vectors, words, n, NULL, NULL);
  if (odd == NULL || (index = ws_plot_scene_find_point (scene, odd)) < 0)
    return;
  ws_plot_scene_set_point_flags (scene, (guint) index,
                                 ws_plot_scene_get_point (scene, (guint) index)->flags |
                                 WS_PLOT_POINT_MISMATCH);
}

WsPlotScene *
ws_scene_build (WsVectors            *vectors,
                WsExpression         *expression,
                GArray               *results,
                const WsSceneOptions *options,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(WsPlotScene) scene = NULL;
  g_autoptr(WsProjection) projection = NULL;
  g_autofree double *query = NULL;
  g_autofree double *coords = NULL;
  g_autofree float *u = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *basename = NULL;
  WsSceneOptions defaults;
  WsExpressionKind kind;
  Gathered g = { 0 };
  gsize dim, n_terms;
  double query_norm = 0.0, weight_sum = 0.0;
  const char *a = NULL, *b = NULL, *c = NULL;
  gboolean analogy, arithmetic;
  guint n;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (WS_IS_EXPRESSION (expression), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      ws_scene_options_init (&defaults);
      options = &defaults;
    }
  kind = ws_expression_get_kind (expression);
  arithmetic = kind == WS_EXPRESSION_ARITHMETIC || kind == WS_EXPRESSION_ANALOGY;
  analogy = find_analogy (expression, &a, &b, &c);
  if (options->method == WS_PROJECTION_ANALOGY && !analogy)
    {
      g_autofree char *text = ws_expression_to_string (expression);

      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("The analogy projection needs a query “a : b :: c” (or “b - a + c”); "
                     "“%s” is not one: choose the local or global projection"), text);
      return NULL;
    }

  g.rows = g_array_new (FALSE, FALSE, sizeof (gsize));
  g.roles = g_array_new (FALSE, FALSE, sizeof (WsPlotRole));
  g.scores = g_array_new (FALSE, FALSE, sizeof (double));
  g.index = g_hash_table_new (NULL, NULL);
  g.hidden = g_hash_table_new (NULL, NULL);
  /* A hidden word the model lacks can't show up: nothing to do. */
  for (gsize i = 0; options->hidden != NULL && options->hidden[i] != NULL; i++)
    {
      gsize row;

      if (ws_vectors_lookup (vectors, options->hidden[i], &row))
        g_hash_table_add (g.hidden, GSIZE_TO_POINTER (row + 1));
    }

  /* The query's vector: gensim's weighted mean of unit vectors. */
  dim = ws_vectors_get_dim (vectors);
  query = g_new0 (double, dim);
  u = g_new (float, dim);   /* a unit row at a time */
  n_terms = ws_expression_get_n_terms (expression);
  for (gsize i = 0; i < n_terms; i++)
    {
      const WsExpressionTerm *t = ws_expression_get_term (expression, i);
      gsize row;

      if (!ws_vectors_lookup (vectors, t->word, &row))
        {
          g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD,
                       _("“%s” is not in the model"), t->word);
          gathered_clear (&g);
          return NULL;
        }
      ws_vectors_copy_unit_rows (vectors, row, 1, u);
      for (gsize j = 0; j < dim; j++)
        query[j] += t->weight * u[j];
      weight_sum += t->weight;
      gather (&g, row, t->weight < 0 ? WS_PLOT_ROLE_QUERY_NEGATIVE : WS_PLOT_ROLE_QUERY_POSITIVE, NAN);
    }
  for (gsize j = 0; j < dim; j++)
    query_norm += query[j] * query[j];
  query_norm = sqrt (query_norm);

  if (results != NULL)
    for (guint i = 0; i < results->len; i++)
      {
        const WsScored *s = &g_array_index (results, WsScored, i);

        if (is_hidden (&g, s->row))
          continue;
        gather (&g, s->row, i == 0 && arithmetic ? WS_PLOT_ROLE_ANSWER : WS_PLOT_ROLE_RESULT,
                isnan (s->score) ? NAN : (double) s->score);
      }

  for (gsize i = 0; options->pinned != NULL && options->pinned[i] != NULL; i++)
    {
      gsize row;

      if (!ws_vectors_lookup (vectors, options->pinned[i], &row))
        {
          g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD,
                       _("The pinned word “%s” is not in the model"), options->pinned[i]);
          gathered_clear (&g);
          return NULL;
        }
      if (!is_hidden (&g, row))
        gather (&g, row, WS_PLOT_ROLE_NEIGHBOR, NAN);
    }

  if (options->neighbors > 0)
    for (gsize i = 0; i < n_terms; i++)
      {
        const WsExpressionTerm *t = ws_expression_get_term (expression, i);
        g_autoptr(GArray) near = NULL;
        gsize added = 0;

        /* Ask for enough to skip those shown already. */
        near = ws_neighbors (vectors, t->word,
                             options->neighbors + g.rows->len + g_hash_table_size (g.hidden),
                             options->restrict_vocab, error);
        if (near == NULL)
          {
            gathered_clear (&g);
            return NULL;
          }
        for (guint k = 0; k < near->len && added < options->neighbors; k++)
          {
            gsize row = g_array_index (near, WsScored, k).row;

            if (g_hash_table_contains (g.index, GSIZE_TO_POINTER (row + 1)) || is_hidden (&g, row))
              continue;
            gather (&g, row, WS_PLOT_ROLE_NEIGHBOR, NAN);
            added++;
          }
      }

  /* Place them. */
  n = g.rows->len;
  coords = g_new0 (double, 2 * (gsize) n);
  if (n >= 2 || options->method == WS_PROJECTION_ANALOGY)
    {
      WsProjectionOptions po;

      ws_projection_options_init (&po);
      po.method = options->method;
      po.n_components = 2;
      /* Unit vectors, as the scores and the analogy axes use them, so that
       * nearness on the map follows the cosine rather than the vectors'
       * lengths (which grow with a word's frequency); the window's session
       * computes these global axes ahead. */
      po.unit_vectors = TRUE;
      if (analogy)
        {
          ws_vectors_lookup (vectors, a, &po.analogy[0]);
          ws_vectors_lookup (vectors, b, &po.analogy[1]);
          ws_vectors_lookup (vectors, c, &po.analogy[2]);
        }
      projection = ws_projection_new (vectors, (const gsize *) (gpointer) g.rows->data, n,
                                      &po, cancellable, error);
      if (projection == NULL)
        {
          gathered_clear (&g);
          return NULL;
        }
      for (guint i = 0; i < n; i++)
        {
          coords[2 * i] = ws_projection_get_coordinate (projection, i, 0);
          coords[2 * i + 1] = ws_projection_get_coordinate (projection, i, 1);
        }
    }
  /* else one word alone: it sits at the origin. */

  scene = ws_plot_scene_new ();
  for (guint i = 0; i < n; i++)
    {
      gsize row = g_array_index (g.rows, gsize, i);
      double score = g_array_index (g.scores, double, i);

      if (isnan (score) && query_norm > 0)
        {
          double dot = 0.0;

          ws_vectors_copy_unit_rows (vectors, row, 1, u);
          for (gsize j = 0; j < dim; j++)
            dot += u[j] * query[j];
          score = dot / query_norm;
        }
      ws_plot_scene_add_point (scene, ws_vectors_get_word (vectors, row),
                               coords[2 * i], coords[2 * i + 1],
                               g_array_index (g.roles, WsPlotRole, i), score);
    }

  /* The computed point: the weighted mean of its words' places, which for
   * b − a + c is the parallelogram's fourth corner. A difference with
   * weights summing to 0 (king − man) is a direction, not a place. */
  if (arithmetic && fabs (weight_sum) > 1e-6)
    {
      /* An analogy reads b − a + c whichever way it was typed. */
      g_autofree char *label = analogy ? g_strdup_printf ("%s − %s + %s", b, a, c)
                                       : format_terms (expression);
      double x = 0.0, y = 0.0;
      guint predicted;

      for (gsize i = 0; i < n_terms; i++)
        {
          const WsExpressionTerm *t = ws_expression_get_term (expression, i);
          gsize row;
          guint pos;

          ws_vectors_lookup (vectors, t->word, &row);
          pos = GPOINTER_TO_UINT (g_hash_table_lookup (g.index, GSIZE_TO_POINTER (row + 1))) - 1;
          x += t->weight * coords[2 * pos];
          y += t->weight * coords[2 * pos + 1];
        }
      predicted = ws_plot_scene_add_point (scene, label, x / weight_sum, y / weight_sum,
                                           WS_PLOT_ROLE_PREDICTED, query_norm > 0 ? 1.0 : NAN);
      if (analogy)
        ws_plot_scene_set_analogy (scene,
                                   ws_plot_scene_find_point (scene, a),
                                   ws_plot_scene_find_point (scene, b),
                                   ws_plot_scene_find_point (scene, c),
                                   predicted);
    }

  if (kind == WS_EXPRESSION_LIST)
    mark_mismatch (scene, vectors, expression);
  for (gsize i = 0; options->highlights != NULL && options->highlights[i] != NULL; i++)
    {
      int k = ws_plot_scene_find_point (scene, options->highlights[i]);

      if (k >= 0)
        ws_plot_scene_set_point_flags (scene, k, ws_plot_scene_get_point (scene, k)->flags |
                                                 WS_PLOT_POINT_HIGHLIGHTED);
    }
  for (gsize i = 0; i < options->n_annotations; i++)
    ws_plot_scene_add_annotation (scene, &options->annotations[i]);

  /* Texts. */
  /* Arithmetic is titled with true minus signs, as the computed point is
   * labelled; other queries as the engine spells them. */
  title = kind == WS_EXPRESSION_ARITHMETIC ? format_terms (expression)
                                           : ws_expression_to_string (expression);
  ws_plot_scene_set_title (scene, title);
  basename = ws_vectors_get_path (vectors) != NULL ? g_path_get_basename (ws_vectors_get_path (vectors))
                                                   : g_strdup (_("model in memory"));
  /* Translators: model file · number of words × dimensions · projection;
   * keep the ' flags, they group the digits as the locale does */
  subtitle = g_strdup_printf (g_dngettext (NULL, "%s · %'zu word × %'zu dimensions · %s",
                                           "%s · %'zu words × %'zu dimensions · %s",
                                           ws_vectors_get_n_words (vectors)),
                              basename, ws_vectors_get_n_words (vectors), dim,
                              method_name (options->method));
  ws_plot_scene_set_subtitle (scene, subtitle);

  if (options->method == WS_PROJECTION_ANALOGY)
    {
      g_autofree char *x = g_strdup_printf (_("%s → %s"), a, b);
      g_autofree char *y = g_strdup_printf (_("%s → %s, the part ⟂ to the x axis"), a, c);

      ws_plot_scene_set_axis_labels (scene, x, y);
    }
  else
    {
      double vx = projection != NULL ? ws_projection_get_explained_variance_ratio (projection, 0) : NAN;
      double vy = projection != NULL ? ws_projection_get_explained_variance_ratio (projection, 1) : NAN;

      ws_plot_scene_set_axes_variance (scene, "PC1", isnan (vx) ? -1 : 100 * vx,
                                       "PC2", isnan (vy) ? -1 : 100 * vy);
    }

  gathered_clear (&g);
  return g_steal_pointer (&scene);
}
