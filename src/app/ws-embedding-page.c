/* ws-embedding-page.c: the "Embedding Layer" page of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "ws-embedding-layer.h"
#include "ws-embedding-page.h"
#include "ws-similarity.h"
#include "ws-torch-format.h"

/* The heat map and the product drawing show at most this many rows and
 * columns: beyond them cells would be thinner than a pixel or two on a
 * projector, and the torch printout already elides the middle. */
#define MAX_HEAT_ROWS 48
#define MAX_HEAT_COLS 96
#define MAX_PRODUCT_ROWS 16
#define MAX_PRODUCT_COLS 16

/* GPT-2 small's token embedding: the reference size a lecture quotes. */
#define GPT2_VOCAB 50257
#define GPT2_DIM 768

struct _WsEmbeddingPage
{
  GtkBox            parent_instance;

  WsSession        *session;
  WsEmbeddingLayer *layer;
  gint64           *ids;
  gsize             n_ids;
  float            *product;          /* n_ids × dim, the one-hot product */
  gboolean          equal;
  double            text_scale;
  GtkCssProvider   *css;

  /* template */
  GtkSpinButton    *vocab_spin;
  GtkSpinButton    *dim_spin;
  GtkSpinButton    *seed_spin;
  GtkEntry         *ids_entry;
  GtkLabel         *message_label;
  GtkLabel         *weight_label;
  GtkDrawingArea   *heat_map;
  GtkDrawingArea   *product_area;
  GtkLabel         *lookup_label;
  GtkLabel         *cost_label;
  GtkLabel         *model_label;
  GtkEntry         *word1_entry;
  GtkEntry         *word2_entry;
  GtkLabel         *pair_label;
};

G_DEFINE_FINAL_TYPE (WsEmbeddingPage, ws_embedding_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_TEXT_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A diverging scale: blue for negative, white for 0, red for positive,
 * |value| / @limit saturating at 1. */
static void
set_diverging_colour (cairo_t *cr,
                      double   value,
                      double   limit)
{
  double t = limit > 0 ? CLAMP (value / limit, -1.0, 1.0) : 0.0;

  if (t >= 0)
    cairo_set_source_rgb (cr, 1.0 - 0.18 * t, 1.0 - 0.78 * t, 1.0 - 0.80 * t);
  else
    cairo_set_source_rgb (cr, 1.0 + 0.80 * t, 1.0 + 0.55 * t, 1.0 + 0.15 * t);
}

static double
max_magnitude (const float *values,
               gsize        n_rows,
               gsize        n_cols,
               gsize        stride)
{
  double m = 0;

  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_cols; j++)
      m = MAX (m, fabs (values[i * stride + j]));
  return m;
}

static void
draw_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      x,
           double      y,
           double      size,
           gboolean    bold)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  GdkRGBA colour;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static gboolean
id_selected (WsEmbeddingPage *self,
             gsize            row)
{
  for (gsize k = 0; k < self->n_ids; k++)
    if ((gsize) self->ids[k] == row)
      return TRUE;
  return FALSE;
}

/* Cells of @values (n_rows × n_cols of a matrix @stride wide) at x, y. */
static void
draw_cells (cairo_t     *cr,
            const float *values,
            gsize        n_rows,
            gsize        n_cols,
            gsize        stride,
            double       limit,
            double       x,
            double       y,
            double       cell_w,
            double       cell_h)
{
  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_cols; j++)
      {
        set_diverging_colour (cr, values[i * stride + j], limit);
        cairo_rectangle (cr, x + j * cell_w, y + i * cell_h, cell_w, cell_h);
        cairo_fill (cr);
      }
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, y + 0.5, n_cols * cell_w - 1, n_rows * cell_h - 1);
  cairo_stroke (cr);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return x < y ? -1 : x > y;
}

/* The rows the heat map shows: all of them when they fit, else the
 * selected ids' rows (up to half the space) and the first rows, in order,
 * so a selected row is framed wherever it is. */
static GArray *
heat_map_rows (WsEmbeddingPage *self,
               gsize            vocab_size)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gsize));

  if (vocab_size <= MAX_HEAT_ROWS)
    {
      for (gsize i = 0; i < vocab_size; i++)
        g_array_append_val (rows, i);
      return rows;
    }
  for (gsize k = 0; k < self->n_ids && rows->len < MAX_HEAT_ROWS / 2; k++)
    {
      gsize id = (gsize) self->ids[k];
      gboolean seen = FALSE;

      for (guint j = 0; j < rows->len && !seen; j++)
        seen = g_array_index (rows, gsize, j) == id;
      if (!seen)
        g_array_append_val (rows, id);
    }
  for (gsize i = 0; rows->len < MAX_HEAT_ROWS; i++)
    if (!id_selected (self, i))
      g_array_append_val (rows, i);
  g_array_sort (rows, compare_rows);
  return rows;
}

static void
draw_heat_map (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  WsEmbeddingPage *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  double font = 14.0 * self->text_scale;
  gsize V, D, cols;
  double label_w = 4.5 * font, top = 1.8 * font, cell_w, cell_h, limit = 0;
  const float *w;
  g_autofree char *caption = NULL;
  g_autoptr(GArray) rows = NULL;

  if (self->layer == NULL)
    return;
  V = ws_embedding_layer_get_vocab_size (self->layer);
  D = ws_embedding_layer_get_dim (self->layer);
  w = ws_embedding_layer_get_weight (self->layer);
  rows = heat_map_rows (self, V);
  cols = MIN (D, MAX_HEAT_COLS);
  cell_h = MIN ((height - top) / rows->len, 3.0 * font);
  cell_w = MIN ((width - label_w) / cols, 6.0 * font);
  for (guint r = 0; r < rows->len; r++)
    limit = MAX (limit, max_magnitude (w + g_array_index (rows, gsize, r) * D, 1, cols, D));

  if (rows->len < V && cols < D)
    caption = g_strdup_printf (_("%u of %'zu rows (the first and the selected ones), "
                                 "columns 0–%zu of %'zu"), rows->len, V, cols - 1, D);
  else if (rows->len < V)
    caption = g_strdup_printf (_("%u of %'zu rows: the first and the selected ones"),
                               rows->len, V);
  else if (cols < D)
    caption = g_strdup_printf (_("%'zu rows, columns 0–%zu of %'zu"), V, cols - 1, D);
  else
    caption = g_strdup_printf (_("%'zu rows × %'zu columns; blue negative, red positive"), V, D);
  draw_text (cr, widget, caption, label_w, 0, font, FALSE);

  for (guint r = 0; r < rows->len; r++)
    {
      gsize i = g_array_index (rows, gsize, r);
      gboolean selected = id_selected (self, i);
      double y = top + r * cell_h;

      draw_cells (cr, w + i * D, 1, cols, D, limit, label_w, y, cell_w, cell_h);
      /* A skip in the row numbers gets a dashed line. */
      if (r > 0 && g_array_index (rows, gsize, r - 1) + 1 != i)
        {
          const double dash[] = { 4, 3 };

          cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
          cairo_set_line_width (cr, 2);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, label_w - 0.5 * font, y);
          cairo_line_to (cr, label_w + cols * cell_w, y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      if (selected)
        {
          cairo_set_source_rgb (cr, 0.95, 0.75, 0.1);
          cairo_set_line_width (cr, MAX (2.0, cell_h / 8));
          cairo_rectangle (cr, label_w, y, cols * cell_w, cell_h);
          cairo_stroke (cr);
        }
      if (cell_h >= font || selected)
        {
          g_autofree char *id = g_strdup_printf ("%zu", i);

          draw_text (cr, widget, id, 0.2 * font, y + (cell_h - 1.2 * font) / 2,
                     MIN (font, MAX (cell_h, 0.6 * font)), selected);
        }
    }
}

/* one-hot (n × V) × W (V × D) = product, beside the lookup: the same rows. */
static void
draw_product (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  WsEmbeddingPage *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  double font = 14.0 * self->text_scale;
  double top = 1.6 * font, gap = 2.2 * font, cell, x, limit;
  gsize V, D, n, v_shown, d_shown, n_shown;
  const float *w;
  g_autofree float *one_hot = NULL;
  g_autofree float *lookup = NULL;
  g_autofree char *one_hot_title = NULL;

  if (self->layer == NULL || self->n_ids == 0 || self->product == NULL)
    return;
  V = ws_embedding_layer_get_vocab_size (self->layer);
  D = ws_embedding_layer_get_dim (self->layer);
  w = ws_embedding_layer_get_weight (self->layer);
  n = self->n_ids;
  v_shown = MIN (V, MAX_PRODUCT_ROWS);
  d_shown = MIN (D, MAX_PRODUCT_COLS);
  n_shown = MIN (n, MAX_PRODUCT_ROWS);
  one_hot = ws_embedding_layer_one_hot (self->layer, self->ids, n, NULL);
  lookup = ws_embedding_layer_lookup (self->layer, self->ids, n, NULL);
  if (one_hot == NULL || lookup == NULL)
    return;

  /* Five blocks side by side: one-hot, W, product, lookup, and the gaps. */
  cell = (width - 4 * gap - 8 * font) / (double) (v_shown + 3 * d_shown + v_shown);
  cell = MIN (cell, (height - top - 0.5 * font) / (double) MAX (v_shown, n_shown));
  cell = CLAMP (cell, 4.0, 2.4 * font);
  limit = max_magnitude (w, V, D, D);

  x = 0;
  one_hot_title = g_strdup_printf (_("one-hot %zu × %zu"), n, V);
  draw_text (cr, widget, one_hot_title, x, 0, font, FALSE);
  for (gsize i = 0; i < n_shown; i++)
    for (gsize j = 0; j < v_shown; j++)
      {
        if (one_hot[i * V + j] != 0)
          cairo_set_source_rgb (cr, 0.10, 0.10, 0.10);
        else
          cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
        cairo_rectangle (cr, x + j * cell + 0.5, top + i * cell + 0.5, cell - 1, cell - 1);
        cairo_fill (cr);
      }
  x += MAX (v_shown * cell, 7 * font) + 0.3 * gap;
  draw_text (cr, widget, "×", x, top, 1.6 * font, TRUE);
  x += gap;

  draw_text (cr, widget, _("W"), x, 0, font, FALSE);
  draw_cells (cr, w, v_shown, d_shown, D, limit, x, top, cell, cell);
  for (gsize i = 0; i < v_shown; i++)
    if (id_selected (self, i))
      {
        cairo_set_source_rgb (cr, 0.95, 0.75, 0.1);
        cairo_set_line_width (cr, 2);
        cairo_rectangle (cr, x, top + i * cell, d_shown * cell, cell);
        cairo_stroke (cr);
      }
  x += MAX (d_shown * cell, 2 * font) + 0.3 * gap;
  draw_text (cr, widget, "=", x, top, 1.6 * font, TRUE);
  x += gap;

  draw_text (cr, widget, _("product"), x, 0, font, FALSE);
  draw_cells (cr, self->product, n_shown, d_shown, D, limit, x, top, cell, cell);
  x += MAX (d_shown * cell, 5 * font) + 0.3 * gap;
  draw_text (cr, widget, self->equal ? "=" : "≠", x, top, 1.6 * font, TRUE);
  x += gap;

  draw_text (cr, widget, _("lookup"), x, 0, font, FALSE);
  draw_cells (cr, lookup, n_shown, d_shown, D, limit, x, top, cell, cell);
  x += MAX (d_shown * cell, 4 * font) + 0.5 * gap;
  draw_text (cr, widget, self->equal ? _("equal") : _("different"),
             x, top, 1.3 * font, TRUE);
}

static void
show_message (WsEmbeddingPage *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_cost (WsEmbeddingPage *self)
{
  WsEmbeddingCost cost;
  gsize V = ws_embedding_layer_get_vocab_size (self->layer);
  gsize D = ws_embedding_layer_get_dim (self->layer);
  g_autofree char *text = NULL;

  ws_embedding_cost_init (&cost, V, D, self->n_ids);
  text = g_strdup_printf (_("Lookup: %'" PRIu64 " multiplications; it copies %'" PRIu64
                            " rows of %'zu values (%'" PRIu64 " floats).\n"
                            "One-hot × W: %'" PRIu64 " × %'zu × %'zu = %'" PRIu64
                            " multiplications and %'" PRIu64 " additions, over a one-hot "
                            "matrix of %'" PRIu64 " entries.\n"
                            "The two results are %s."),
                          cost.lookup_multiplications, cost.n_ids, D, cost.lookup_copies,
                          cost.n_ids, V, D, cost.one_hot_multiplications,
                          cost.one_hot_additions, cost.one_hot_entries,
                          self->equal ? _("equal, value for value") : _("different"));
  gtk_label_set_text (self->cost_label, text);
}

static void
update (WsEmbeddingPage *self)
{
  guint V = (guint) gtk_spin_button_get_value_as_int (self->vocab_spin);
  guint D = (guint) gtk_spin_button_get_value_as_int (self->dim_spin);
  guint64 seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  const char *ids_text = gtk_editable_get_text (GTK_EDITABLE (self->ids_entry));
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree float *lookup = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *weight_text = NULL;
  gsize n_ids = 0;

  if (self->layer == NULL ||
      ws_embedding_layer_get_vocab_size (self->layer) != V ||
      ws_embedding_layer_get_dim (self->layer) != D ||
      ws_embedding_layer_get_seed (self->layer) != seed)
    {
      g_autoptr(WsEmbeddingLayer) layer =
        ws_embedding_layer_new_torch (V, D, seed, WS_TORCH_KERNEL_VECTOR, &error);

      if (layer == NULL)
        {
          show_message (self, error->message);
          return;
        }
      g_set_object (&self->layer, layer);
      weight = ws_torch_format_matrix (ws_embedding_layer_get_weight (layer), V, D,
                                       "requires_grad=True");
      weight_text = g_strconcat ("Parameter containing:\n", weight, NULL);
      gtk_label_set_text (self->weight_label, weight_text);
    }

  ids = ws_embedding_layer_parse_ids (ids_text, &n_ids, &error);
  if (error == NULL)
    ws_embedding_layer_check_ids (self->layer, ids, n_ids, &error);
  if (error != NULL)
    {
      /* The engine's message names the bad id and its place: the byte
       * offset of a syntax error, the position in the list of an id out
       * of range. */
      show_message (self, error->message);
      g_clear_pointer (&self->ids, g_free);
      g_clear_pointer (&self->product, g_free);
      self->n_ids = 0;
      self->equal = FALSE;
      gtk_label_set_text (self->lookup_label, "");
      gtk_label_set_text (self->cost_label, "");
    }
  else
    {
      show_message (self, NULL);
      g_free (self->ids);
      self->ids = g_steal_pointer (&ids);
      self->n_ids = n_ids;
      g_clear_pointer (&self->product, g_free);
      self->equal = FALSE;
      if (n_ids > 0)
        {
          g_autofree char *rows = NULL;
          g_autofree char *text = NULL;

          lookup = ws_embedding_layer_lookup (self->layer, self->ids, n_ids, NULL);
          self->product = ws_embedding_layer_one_hot_product (self->layer, self->ids, n_ids,
                                                              NULL);
          self->equal = lookup != NULL && self->product != NULL &&
                        memcmp (lookup, self->product, n_ids * D * sizeof (float)) == 0;
          rows = ws_torch_format_matrix (lookup, n_ids, D, "grad_fn=<EmbeddingBackward0>");
          g_autoptr(GString) list = g_string_new (NULL);

          for (gsize k = 0; k < n_ids; k++)
            g_string_append_printf (list, "%s%" G_GINT64_FORMAT, k > 0 ? ", " : "",
                                    self->ids[k]);
          text = g_strdup_printf ("embedding (torch.tensor ([%s]))\n%s", list->str, rows);
          gtk_label_set_text (self->lookup_label, text);
        }
      else
        gtk_label_set_text (self->lookup_label, "");
      update_cost (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->heat_map));
  gtk_widget_queue_draw (GTK_WIDGET (self->product_area));
}

/* "20.0 M" for a count of weights. */
static char *
format_millions (guint64 n)
{
  return g_strdup_printf ("%.1f M", n / 1e6);
}

static void
update_pair (WsEmbeddingPage *self)
{
  WsVectors *vectors = self->session != NULL ? ws_session_get_vectors (self->session) : NULL;
  const char *w1 = gtk_editable_get_text (GTK_EDITABLE (self->word1_entry));
  const char *w2 = gtk_editable_get_text (GTK_EDITABLE (self->word2_entry));
  gsize row1, row2;
  float cosine;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (vectors == NULL)
    text = g_strdup (_("Open a model to see its words as rows of an embedding layer."));
  else if (!ws_vectors_lookup (vectors, w1, &row1))
    text = g_strdup_printf (_("“%s” is not in the model."), w1);
  else if (!ws_vectors_lookup (vectors, w2, &row2))
    text = g_strdup_printf (_("“%s” is not in the model."), w2);
  else if (!ws_similarity (vectors, w1, w2, &cosine, &error))
    text = g_strdup (error->message);
  else
    text = g_strdup_printf (_("“%s” is token id %'zu and “%s” is token id %'zu: as ids they "
                              "are %'zu apart and say nothing, and as one-hot codes every "
                              "two words are equally far apart (cosine 0). Their vectors, "
                              "rows %'zu and %'zu of the weights, have cosine %.3f: "
                              "unrelated ids, close vectors."),
                            w1, row1, w2, row2, row1 > row2 ? row1 - row2 : row2 - row1,
                            row1, row2, cosine);
  gtk_label_set_text (self->pair_label, text);
}

/* cat and kitten when the model has them, else two neighbours. */
static void
choose_words (WsEmbeddingPage *self,
              WsVectors       *vectors)
{
  static const char * const firsts[] = { "cat", "king", "dog", "man", "good", NULL };
  const char *first = NULL;
  g_autoptr(GArray) neighbors = NULL;

  if (ws_vectors_contains (vectors, "cat") && ws_vectors_contains (vectors, "kitten"))
    {
      ws_embedding_page_set_words (self, "cat", "kitten");
      return;
    }
  for (guint i = 0; firsts[i] != NULL && first == NULL; i++)
    if (ws_vectors_contains (vectors, firsts[i]))
      first = firsts[i];
  if (first == NULL && ws_vectors_get_n_words (vectors) > 0)
    first = ws_vectors_get_word (vectors, 0);
  if (first == NULL)
    return;
  neighbors = ws_neighbors (vectors, first, 1, 0, NULL);
  if (neighbors != NULL && neighbors->len > 0)
    ws_embedding_page_set_words (self, first,
                                 ws_vectors_get_word (vectors,
                                                      g_array_index (neighbors, WsScored, 0).row));
  else
    ws_embedding_page_set_words (self, first, first);
}

static void
update_model (WsEmbeddingPage *self)
{
  WsVectors *vectors = self->session != NULL ? ws_session_get_vectors (self->session) : NULL;
  g_autofree char *gpt2_weights = format_millions ((guint64) GPT2_VOCAB * GPT2_DIM);
  g_autofree char *gpt2_bytes = g_format_size ((guint64) GPT2_VOCAB * GPT2_DIM * 4);
  g_autofree char *gpt2 = NULL;
  g_autofree char *model = NULL;
  g_autofree char *text = NULL;
  WsEmbeddingCost gpt2_cost;

  ws_embedding_cost_init (&gpt2_cost, GPT2_VOCAB, GPT2_DIM, 1);
  gpt2 = g_strdup_printf (_("GPT-2 small, for reference: %'u × %'u = %s weights, %s as "
                            "float32; one token by one-hot product: %'" PRIu64
                            " multiplications."),
                          GPT2_VOCAB, GPT2_DIM, gpt2_weights, gpt2_bytes,
                          gpt2_cost.one_hot_multiplications);
  if (vectors != NULL)
    {
      gsize n = ws_vectors_get_n_words (vectors), d = ws_vectors_get_dim (vectors);
      g_autofree char *weights = format_millions ((guint64) n * d);
      g_autofree char *bytes = g_format_size ((guint64) n * d * 4);
      WsEmbeddingCost cost;

      ws_embedding_cost_init (&cost, n, d, 1);
      model = g_strdup_printf (_("The loaded model, %s: %'zu rows × %'zu dimensions = %s "
                                 "weights, %s as float32. A word is a token id, its row: "
                                 "looking it up costs 0 multiplications, its one-hot "
                                 "product %'" PRIu64 "."),
                               ws_session_get_title (self->session), n, d, weights, bytes,
                               cost.one_hot_multiplications);
      choose_words (self, vectors);
    }
  else
    model = g_strdup (_("No model is loaded."));
  text = g_strconcat (model, "\n", gpt2, NULL);
  gtk_label_set_text (self->model_label, text);
  update_pair (self);
}

static void
on_vectors_changed (WsEmbeddingPage *self)
{
  update_model (self);
}

static void
apply_text_scale (WsEmbeddingPage *self)
{
  char size[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *css = NULL;

  /* Larger than the window's text: this page is read from the back of a room. */
  g_ascii_formatd (size, sizeof size, "%.3f", 1.3 * self->text_scale);
  /* Headings relative to the page's text, not Adwaita's fixed size. */
  css = g_strdup_printf (".ws-embedding-page { font-size: %sem; }\n"
                         ".ws-embedding-page .title-3 { font-size: 1.25em; }", size);
  gtk_css_provider_load_from_data (self->css, css, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->heat_map), -1,
                               (int) (280 * self->text_scale));
  gtk_widget_set_size_request (GTK_WIDGET (self->product_area),
                               (int) (760 * self->text_scale), (int) (200 * self->text_scale));
  gtk_widget_queue_draw (GTK_WIDGET (self->heat_map));
  gtk_widget_queue_draw (GTK_WIDGET (self->product_area));
}

static void
set_session (WsEmbeddingPage *self,
             WsSession       *session)
{
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "notify::vectors", G_CALLBACK (on_vectors_changed),
                             self, G_CONNECT_SWAPPED);
  update_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
ws_embedding_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WsEmbeddingPage *self = WS_EMBEDDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_embedding_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WsEmbeddingPage *self = WS_EMBEDDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    case PROP_TEXT_SCALE:
      if (self->text_scale != g_value_get_double (value))
        {
          self->text_scale = g_value_get_double (value);
          apply_text_scale (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_embedding_page_dispose (GObject *object)
{
  WsEmbeddingPage *self = WS_EMBEDDING_PAGE (object);

  if (self->css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
  g_clear_object (&self->session);
  g_clear_object (&self->layer);
  gtk_widget_dispose_template (GTK_WIDGET (self), WS_TYPE_EMBEDDING_PAGE);
  G_OBJECT_CLASS (ws_embedding_page_parent_class)->dispose (object);
}

static void
ws_embedding_page_finalize (GObject *object)
{
  WsEmbeddingPage *self = WS_EMBEDDING_PAGE (object);

  g_free (self->ids);
  g_free (self->product);
  G_OBJECT_CLASS (ws_embedding_page_parent_class)->finalize (object);
}

static void
ws_embedding_page_class_init (WsEmbeddingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ws_embedding_page_get_property;
  object_class->set_property = ws_embedding_page_set_property;
  object_class->dispose = ws_embedding_page_dispose;
  object_class->finalize = ws_embedding_page_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, WS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.25, 8.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wordspace/Wordspace/ws-embedding-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, vocab_spin);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, dim_spin);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, ids_entry);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, weight_label);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, heat_map);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, product_area);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, lookup_label);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, cost_label);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, model_label);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, word1_entry);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, word2_entry);
  gtk_widget_class_bind_template_child (widget_class, WsEmbeddingPage, pair_label);
}

static void
ws_embedding_page_init (WsEmbeddingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->text_scale = 1.0;
  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  apply_text_scale (self);
  gtk_drawing_area_set_draw_func (self->heat_map, draw_heat_map, self, NULL);
  gtk_drawing_area_set_draw_func (self->product_area, draw_product, self, NULL);
  g_signal_connect_object (self->vocab_spin, "value-changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dim_spin, "value-changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->seed_spin, "value-changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ids_entry, "changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->word1_entry, "changed", G_CALLBACK (update_pair), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->word2_entry, "changed", G_CALLBACK (update_pair), self,
                           G_CONNECT_SWAPPED);
  update (self);
  update_model (self);
}

WsEmbeddingPage *
ws_embedding_page_new (WsSession *session)
{
  return g_object_new (WS_TYPE_EMBEDDING_PAGE, "session", session, NULL);
}

void
ws_embedding_page_set_inputs (WsEmbeddingPage *self,
                              guint            vocab_size,
                              guint            dim,
                              guint64          seed,
                              const char      *ids)
{
  g_return_if_fail (WS_IS_EMBEDDING_PAGE (self));

  /* One update for the lot: each setter would otherwise build a layer. */
  g_signal_handlers_block_by_func (self->vocab_spin, update, self);
  g_signal_handlers_block_by_func (self->dim_spin, update, self);
  g_signal_handlers_block_by_func (self->seed_spin, update, self);
  g_signal_handlers_block_by_func (self->ids_entry, update, self);
  gtk_spin_button_set_value (self->vocab_spin, vocab_size);
  gtk_spin_button_set_value (self->dim_spin, dim);
  gtk_spin_button_set_value (self->seed_spin, (double) seed);
  gtk_editable_set_text (GTK_EDITABLE (self->ids_entry), ids);
  g_signal_handlers_unblock_by_func (self->vocab_spin, update, self);
  g_signal_handlers_unblock_by_func (self->dim_spin, update, self);
  g_signal_handlers_unblock_by_func (self->seed_spin, update, self);
  g_signal_handlers_unblock_by_func (self->ids_entry, update, self);
  update (self);
}

void
ws_embedding_page_set_words (WsEmbeddingPage *self,
                             const char      *word1,
                             const char      *word2)
{
  g_return_if_fail (WS_IS_EMBEDDING_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->word1_entry), word1);
  gtk_editable_set_text (GTK_EDITABLE (self->word2_entry), word2);
  update_pair (self);
}

static const char *
label_text (GtkLabel *label)
{
  return gtk_label_get_text (label);
}

const char *
ws_embedding_page_get_weight_text (WsEmbeddingPage *self)
{
  return label_text (self->weight_label);
}

const char *
ws_embedding_page_get_lookup_text (WsEmbeddingPage *self)
{
  return label_text (self->lookup_label);
}

const char *
ws_embedding_page_get_cost_text (WsEmbeddingPage *self)
{
  return label_text (self->cost_label);
}

const char *
ws_embedding_page_get_message (WsEmbeddingPage *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return label_text (self->message_label);
}

const char *
ws_embedding_page_get_model_text (WsEmbeddingPage *self)
{
  return label_text (self->model_label);
}

const char *
ws_embedding_page_get_pair_text (WsEmbeddingPage *self)
{
  return label_text (self->pair_label);
}

const gint64 *
ws_embedding_page_get_ids (WsEmbeddingPage *self,
                           gsize           *n_ids)
{
  *n_ids = self->n_ids;
  return self->ids;
}

gboolean
ws_embedding_page_get_equal (WsEmbeddingPage *self)
{
  return self->equal;
}

const float *
ws_embedding_page_get_weight (WsEmbeddingPage *self,
                              gsize           *vocab_size,
                              gsize           *dim)
{
  *vocab_size = self->layer != NULL ? ws_embedding_layer_get_vocab_size (self->layer) : 0;
  *dim = self->layer != NULL ? ws_embedding_layer_get_dim (self->layer) : 0;
  return self->layer != NULL ? ws_embedding_layer_get_weight (self->layer) : NULL;
}
