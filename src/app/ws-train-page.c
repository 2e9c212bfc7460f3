/* ws-train-page.c: the "Training" page: word vectors learnt from random ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trainer runs in a thread of its own, lowered as the model loader's is
 * (ws_make_background_thread), whose workers inherit that. Its snapshot
 * callback turns each snapshot into a WsTrainFrame there, while the workers
 * wait, and hands the frame to the main thread, which only draws.
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ws-thread-priority.h"
#include "ws-train-page.h"
#include "ws-train-watch.h"

#define TRAIN_NICE 10
/* The lecture preset: as `wordspace-cli train --demo`. */
#define DEMO_DIM 50
#define DEMO_CORPUS_NAME "wordspace-demo-corpus.txt"
#define DEFAULT_SNAPSHOTS 40
#define GLIDE_USEC (600 * 1000)

static const char * const default_words =
  "king, queen, man, woman, prince, princess, boy, girl, father, mother, son, daughter";

/* What a training run shares between its thread and the main thread. */
typedef struct
{
  gatomicrefcount  ref_count;
  GWeakRef         page;
  WsTrainer       *trainer;
  WsTrainWatch    *watch;
  GCancellable    *cancellable;
  char            *corpus;
  guint64          every;
} TrainRun;

typedef enum
{
  MESSAGE_READ,
  MESSAGE_PROGRESS,
  MESSAGE_FRAME,
  MESSAGE_END,
} MessageKind;

typedef struct
{
  TrainRun     *run;
  MessageKind   kind;
  double        fraction;
  double        words_per_second;
  WsTrainFrame *frame;
  GError       *error;
} Message;

typedef struct
{
  double fraction;
  gsize  rank;
} RankPoint;

struct _WsTrainPage
{
  GtkBox          parent_instance;

  char           *corpus;
  WsTrainOptions  options;
  guint64         every;
  double          text_scale;
  GtkCssProvider *css;

  TrainRun       *run;          /* the current one, or NULL */
  WsTrainPageState state;
  guint           n_frames;
  gsize           rank;
  gsize           vocab_size;
  char           *expected;
  char           *analogy;
  GArray         *ranks;        /* of RankPoint */
  GString        *history;
  GtkFileChooserNative *chooser;

  /* The map: the last frame's words, where each point was drawn when it
   * came (from), where it goes (to), both scaled to ±1. */
  GStrv           chosen;       /* as typed for the current run */
  char           *missing;      /* "Not in the corpus: …", or NULL */
  GStrv           words;
  gsize           n_points;
  double         *from;
  double         *to;
  gint64          glide_start;
  guint           tick_id;

  /* template */
  GtkEntry       *words_entry;
  GtkButton      *start_button;
  GtkButton      *pause_button;
  GtkButton      *cancel_button;
  GtkButton      *save_button;
  GtkProgressBar *progress_bar;
  GtkLabel       *status_label;
  GtkDrawingArea *map_area;
  GtkLabel       *rank_title;
  GtkDrawingArea *rank_chart;
  GtkLabel       *rank_history;
};

G_DEFINE_FINAL_TYPE (WsTrainPage, ws_train_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_TEXT_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TrainRun *
train_run_ref (TrainRun *run)
{
  g_atomic_ref_count_inc (&run->ref_count);
  return run;
}

static void
train_run_unref (TrainRun *run)
{
  if (!g_atomic_ref_count_dec (&run->ref_count))
    return;
  g_weak_ref_clear (&run->page);
  g_clear_object (&run->trainer);
  g_clear_object (&run->watch);
  g_clear_object (&run->cancellable);
  g_free (run->corpus);
  g_free (run);
}

/* ------------------------------------------------------------------ */
/* The training thread                                                 */

static gboolean deliver (gpointer data);

static void
post (TrainRun     *run,
      MessageKind   kind,
      double        fraction,
      double        words_per_second,
      WsTrainFrame *frame,
      GError       *error)
{
  Message *m = g_new0 (Message, 1);

  m->run = train_run_ref (run);
  m->kind = kind;
  m->fraction = fraction;
  m->words_per_second = words_per_second;
  m->frame = frame;
  m->error = error;
  g_main_context_invoke (NULL, deliver, m);
}

static void
on_progress (double   fraction,
             double   words_per_second,
             double   seconds_left,
             gpointer user_data)
{
  post (user_data, MESSAGE_PROGRESS, fraction, words_per_second, NULL, NULL);
}

static void
on_snapshot (WsTrainer             *trainer,
             const WsTrainSnapshot *snapshot,
             gpointer               user_data)
{
  TrainRun *run = user_data;
  GError *error = NULL;
  WsTrainFrame *frame = ws_train_watch_observe (run->watch, trainer, snapshot, &error);

  if (frame == NULL)
    {
      g_warning ("Training snapshot %u: %s", snapshot->index, error->message);
      g_clear_error (&error);
      return;
    }
  post (run, MESSAGE_FRAME, 0, 0, frame, NULL);
}

static gpointer
train_thread (gpointer data)
{
  TrainRun *run = data;
  GError *error = NULL;

  ws_make_background_thread (TRAIN_NICE, "the trainer");
  if (ws_trainer_read_corpus (run->trainer, run->corpus, run->cancellable, &error))
    {
      guint64 total = ws_trainer_get_n_train_words (run->trainer) *
                      ws_trainer_get_options (run->trainer)->iterations;

      post (run, MESSAGE_READ, 0, 0, NULL, NULL);
      ws_trainer_set_snapshot_func (run->trainer,
                                    run->every > 0 ? run->every
                                                   : MAX (total / DEFAULT_SNAPSHOTS, 1),
                                    on_snapshot, run, NULL);
      ws_trainer_train (run->trainer, on_progress, run, run->cancellable, &error);
      ws_trainer_set_snapshot_func (run->trainer, 0, NULL, NULL, NULL);
    }
  post (run, MESSAGE_END, 0, 0, NULL, error);
  train_run_unref (run);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* The main thread                                                     */

static void
set_state (WsTrainPage      *self,
           WsTrainPageState  state)
{
  gboolean active = state == WS_TRAIN_PAGE_READING || state == WS_TRAIN_PAGE_RUNNING ||
                    state == WS_TRAIN_PAGE_PAUSED;

  self->state = state;
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), !active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->words_entry), !active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pause_button),
                            state == WS_TRAIN_PAGE_RUNNING || state == WS_TRAIN_PAGE_PAUSED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), state == WS_TRAIN_PAGE_DONE);
  gtk_button_set_label (self->pause_button,
                        state == WS_TRAIN_PAGE_PAUSED ? _("_Resume") : _("_Pause"));
}

static void
update_rank_texts (WsTrainPage *self)
{
  g_autofree char *title = NULL;

  if (self->analogy == NULL)
    return;
  if (self->rank > 0)
    title = g_strdup_printf (_("Rank of “%s” for %s: %'zu of %'zu"), self->expected,
                             self->analogy, self->rank, self->vocab_size);
  else
    title = g_strdup_printf (_("Rank of “%s” for %s"), self->expected, self->analogy);
  gtk_label_set_text (self->rank_title, title);
  gtk_label_set_text (self->rank_history, self->history->str);
  gtk_widget_queue_draw (GTK_WIDGET (self->rank_chart));
}

static gboolean
glide_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  WsTrainPage *self = user_data;

  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
  if (gdk_frame_clock_get_frame_time (clock) - self->glide_start >= GLIDE_USEC)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Where the points are now, between from and to. */
static double
glide_t (WsTrainPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->map_area));
  gint64 now = clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  double t;

  if (self->tick_id == 0)
    return 1.0;
  t = CLAMP ((double) (now - self->glide_start) / GLIDE_USEC, 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

static void
take_frame (WsTrainPage  *self,
            WsTrainFrame *frame)
{
  double t = glide_t (self);
  g_autofree double *target = NULL;
  double cx = 0, cy = 0, extent = 0;
  gsize n = frame->n_words;
  g_autofree char *line = NULL;

  self->n_frames++;
  self->rank = frame->analogy_rank;
  if (self->n_frames == 1 && self->chosen != NULL)
    {
      g_autoptr(GStrvBuilder) absent = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;

      for (guint i = 0; self->chosen[i] != NULL; i++)
        if (!g_strv_contains ((const char * const *) frame->words, self->chosen[i]))
          g_strv_builder_add (absent, self->chosen[i]);
      list = g_strv_builder_end (absent);
      g_clear_pointer (&self->missing, g_free);
      if (list[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", list);

          self->missing = g_strdup_printf (_("Not in the corpus: %s"), joined);
        }
    }
  if (frame->total_words > 0)
    {
      RankPoint p = { (double) frame->words_done / frame->total_words, frame->analogy_rank };

      if (frame->analogy_rank > 0)
        g_array_append_val (self->ranks, p);
    }
  if (frame->analogy_rank > 0)
    line = g_strdup_printf (_("%3.0f%%  rank %'6zu  (first: %s)\n"),
                            frame->total_words > 0
                              ? 100.0 * frame->words_done / frame->total_words : 0.0,
                            frame->analogy_rank, frame->analogy_top);
  else
    line = g_strdup_printf (_("%3.0f%%  a word of the analogy is missing\n"),
                            frame->total_words > 0
                              ? 100.0 * frame->words_done / frame->total_words : 0.0);
  g_string_prepend (self->history, line);
  update_rank_texts (self);

  if (frame->coordinates == NULL)
    return;
  /* Scaled to ±1 around the middle: the vectors grow as they train, and the
   * map should show how the words arrange, not how long they get. */
  target = g_new (double, 2 * n);
  for (gsize k = 0; k < n; k++)
    {
      cx += frame->coordinates[2 * k] / n;
      cy += frame->coordinates[2 * k + 1] / n;
    }
  for (gsize k = 0; k < n; k++)
    extent = MAX (extent, MAX (fabs (frame->coordinates[2 * k] - cx),
                               fabs (frame->coordinates[2 * k + 1] - cy)));
  for (gsize k = 0; k < n; k++)
    {
      target[2 * k] = extent > 0 ? (frame->coordinates[2 * k] - cx) / extent : 0;
      target[2 * k + 1] = extent > 0 ? (frame->coordinates[2 * k + 1] - cy) / extent : 0;
    }

  if (self->to != NULL && self->n_points == n && frame->index > 0)
    {
      /* Glide from where the points are drawn now. */
      for (gsize k = 0; k < 2 * n; k++)
        self->from[k] = self->from[k] + t * (self->to[k] - self->from[k]);
      g_free (self->to);
      self->to = g_steal_pointer (&target);
      self->glide_start = g_get_monotonic_time ();
      {
        GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->map_area));

        if (clock != NULL)
          self->glide_start = gdk_frame_clock_get_frame_time (clock);
      }
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->map_area), glide_tick,
                                                      self, NULL);
    }
  else
    {
      g_free (self->from);
      g_free (self->to);
      self->from = g_memdup2 (target, 2 * n * sizeof (double));
      self->to = g_steal_pointer (&target);
      self->n_points = n;
      g_strfreev (self->words);
      self->words = g_strdupv (frame->words);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
}

static void
show_speed (WsTrainPage *self,
            double       fraction,
            double       alpha,
            double       words_per_second)
{
  g_autofree char *percent = g_strdup_printf ("%.0f %%", 100.0 * fraction);
  g_autofree char *status = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (self->progress_bar, percent);
  status = g_strdup_printf (_("Learning rate (alpha) %.5f · %'.0f words per second · "
                              "%'zu words in the vocabulary · snapshot %u"),
                            alpha, words_per_second, self->vocab_size,
                            self->n_frames > 0 ? self->n_frames - 1 : 0);
  gtk_label_set_text (self->status_label, status);
}

static gboolean
deliver (gpointer data)
{
  Message *m = data;
  g_autoptr(WsTrainPage) self = g_weak_ref_get (&m->run->page);

  if (self == NULL || self->run != m->run)
    goto out;
  switch (m->kind)
    {
    case MESSAGE_READ:
      self->vocab_size = ws_trainer_get_vocab_size (m->run->trainer);
      set_state (self, ws_trainer_get_paused (m->run->trainer) ? WS_TRAIN_PAGE_PAUSED
                                                               : WS_TRAIN_PAGE_RUNNING);
      show_speed (self, 0, ws_trainer_get_options (m->run->trainer)->alpha, 0);
      break;
    case MESSAGE_PROGRESS:
      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (m->fraction, 0.0, 1.0));
      {
        g_autofree char *percent = g_strdup_printf ("%.0f %%", 100.0 * m->fraction);

        gtk_progress_bar_set_text (self->progress_bar, percent);
      }
      break;
    case MESSAGE_FRAME:
      take_frame (self, m->frame);
      show_speed (self, m->frame->total_words > 0
                          ? (double) m->frame->words_done / m->frame->total_words : 0,
                  m->frame->alpha, m->frame->words_per_second);
      break;
    case MESSAGE_END:
      g_clear_pointer (&self->run, train_run_unref);
      if (m->error == NULL)
        {
          set_state (self, WS_TRAIN_PAGE_DONE);
          self->run = train_run_ref (m->run);   /* kept for Save Model… */
          gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
          gtk_progress_bar_set_text (self->progress_bar, "100 %");
        }
      else if (g_error_matches (m->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_state (self, WS_TRAIN_PAGE_CANCELLED);
          gtk_label_set_text (self->status_label, _("Training cancelled."));
        }
      else
        {
          set_state (self, WS_TRAIN_PAGE_FAILED);
          gtk_label_set_text (self->status_label, m->error->message);
        }
      break;
    }
out:
  if (m->frame != NULL)
    ws_train_frame_free (m->frame);
  g_clear_error (&m->error);
  train_run_unref (m->run);
  g_free (m);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

static void
set_text_colour (cairo_t   *cr,
                 GtkWidget *widget)
{
  GdkRGBA colour;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  gdk_cairo_set_source_rgba (cr, &colour);
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

/* Male words blue, female ones red, the rest grey: the pairs a lecture
 * points at. */
static void
set_word_colour (cairo_t    *cr,
                 const char *word)
{
  static const char * const male[] = {
    "king", "man", "prince", "boy", "father", "son", "brother", "husband", "he", "him", NULL
  };
  static const char * const female[] = {
    "queen", "woman", "princess", "girl", "mother", "daughter", "sister", "wife", "she", "her",
    NULL
  };

  if (g_strv_contains (male, word))
    cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  else if (g_strv_contains (female, word))
    cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
  else
    cairo_set_source_rgb (cr, 0.47, 0.47, 0.47);
}

static void
draw_map (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  WsTrainPage *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  double font = 20.0 * self->text_scale;
  double margin = 3.5 * font, t = glide_t (self);
  double half = MAX (1.0, MIN (width, height) / 2.0 - margin);
  double ox = width / 2.0, oy = height / 2.0;
  g_autoptr(GArray) placed = NULL;

  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.08);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  if (self->to == NULL)
    {
      g_autoptr(PangoLayout) layout =
        make_layout (widget, _("Press Start: the words begin at random places and move as "
                               "the vectors learn from the text."), font, FALSE);
      int w, h;

      pango_layout_set_width (layout, (int) (width - 2 * font) * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &w, &h);
      set_text_colour (cr, widget);
      cairo_move_to (cr, font, (height - h) / 2.0);
      pango_cairo_show_layout (cr, layout);
      return;
    }
  if (self->missing != NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (widget, self->missing, 0.75 * font, FALSE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      set_text_colour (cr, widget);
      cairo_move_to (cr, 0.5 * font, height - h - 0.4 * font);
      pango_cairo_show_layout (cr, layout);
    }
  placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  for (gsize k = 0; k < self->n_points; k++)
    {
      double x = self->from[2 * k] + t * (self->to[2 * k] - self->from[2 * k]);
      double y = self->from[2 * k + 1] + t * (self->to[2 * k + 1] - self->from[2 * k + 1]);
      graphene_rect_t dot = GRAPHENE_RECT_INIT (ox + x * half - 0.35 * font,
                                                oy - y * half - 0.35 * font,
                                                0.7 * font, 0.7 * font);

      g_array_append_val (placed, dot);
    }
  for (gsize k = 0; k < self->n_points; k++)
    {
      graphene_rect_t dot = g_array_index (placed, graphene_rect_t, k);
      double px = dot.origin.x + 0.35 * font, py = dot.origin.y + 0.35 * font;
      g_autoptr(PangoLayout) layout = make_layout (widget, self->words[k], font, TRUE);
      graphene_rect_t label;
      int w, h;

      set_word_colour (cr, self->words[k]);
      cairo_arc (cr, px, py, 0.35 * font, 0, 2 * G_PI);
      cairo_fill (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      /* Right of the point, else left, above or below: the first place
       * that covers no point and no label already drawn. */
      {
        const double places[4][2] = {
          { px + 0.5 * font, py - h / 2.0 },
          { px - 0.5 * font - w, py - h / 2.0 },
          { px - w / 2.0, py - 0.4 * font - h },
          { px - w / 2.0, py + 0.4 * font },
        };
        guint best = 0;

        for (guint p = 0; p < G_N_ELEMENTS (places); p++)
          {
            gboolean free = TRUE;

            graphene_rect_init (&label, places[p][0], places[p][1], w, h);
            for (guint j = 0; j < placed->len && free; j++)
              free = j == k || !graphene_rect_intersection (&label,
                                                             &g_array_index (placed,
                                                                             graphene_rect_t, j),
                                                             NULL);
            if (free)
              {
                best = p;
                break;
              }
          }
        graphene_rect_init (&label, places[best][0], places[best][1], w, h);
      }
      g_array_append_val (placed, label);
      set_text_colour (cr, widget);
      cairo_move_to (cr, label.origin.x, label.origin.y);
      pango_cairo_show_layout (cr, layout);
    }
}

/* The rank over the training, on a log scale: 1 at the top. */
static void
draw_rank_chart (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  WsTrainPage *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  double font = 13.0 * self->text_scale;
  double left = 3.5 * font, bottom = 1.8 * font, top = 0.8 * font;
  double plot_w = width - left - font, plot_h = height - top - bottom;
  double log_max = log10 (MAX (self->vocab_size, 10));
  static const gsize ticks[] = { 1, 10, 100, 1000, 10000, 100000 };

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < G_N_ELEMENTS (ticks) && ticks[i] <= MAX (self->vocab_size, 10); i++)
    {
      double y = top + plot_h * log10 (ticks[i]) / log_max;
      g_autofree char *label = g_strdup_printf ("%'zu", ticks[i]);
      g_autoptr(PangoLayout) layout = make_layout (widget, label, font, FALSE);
      int w, h;

      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, ticks[i] == 10 ? 0.8 : 0.3);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + plot_w, y);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      set_text_colour (cr, widget);
      cairo_move_to (cr, left - w - 0.4 * font, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  {
    g_autoptr(PangoLayout) layout = make_layout (widget, _("training →"), font, FALSE);

    set_text_colour (cr, widget);
    cairo_move_to (cr, left, top + plot_h + 0.3 * font);
    pango_cairo_show_layout (cr, layout);
  }
  if (self->ranks->len == 0)
    return;
  cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
  cairo_set_line_width (cr, 2.5);
  for (guint i = 0; i < self->ranks->len; i++)
    {
      RankPoint *p = &g_array_index (self->ranks, RankPoint, i);
      double x = left + plot_w * CLAMP (p->fraction, 0, 1);
      double y = top + plot_h * log10 ((double) p->rank) / log_max;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
}

/* ------------------------------------------------------------------ */
/* Buttons                                                             */

static GStrv
parse_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (text, ", ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

void
ws_train_page_start (WsTrainPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  TrainRun *run;
  WsTrainer *trainer;

  g_return_if_fail (WS_IS_TRAIN_PAGE (self));

  if (self->state == WS_TRAIN_PAGE_READING || self->state == WS_TRAIN_PAGE_RUNNING ||
      self->state == WS_TRAIN_PAGE_PAUSED)
    return;
  trainer = ws_trainer_new (&self->options, &error);
  if (trainer == NULL)
    {
      set_state (self, WS_TRAIN_PAGE_FAILED);
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  words = parse_words (gtk_editable_get_text (GTK_EDITABLE (self->words_entry)));
  g_strfreev (self->chosen);
  self->chosen = g_strdupv (words[0] != NULL ? words : (char **) ws_train_watch_default_words);
  g_clear_pointer (&self->missing, g_free);
  run = g_new0 (TrainRun, 1);
  g_atomic_ref_count_init (&run->ref_count);
  g_weak_ref_init (&run->page, self);
  run->trainer = trainer;
  run->watch = ws_train_watch_new (words[0] != NULL ? (const char * const *) words : NULL);
  run->cancellable = g_cancellable_new ();
  run->corpus = g_strdup (self->corpus);
  run->every = self->every;

  g_clear_pointer (&self->run, train_run_unref);
  self->run = run;
  self->n_frames = 0;
  self->rank = 0;
  self->vocab_size = 0;
  g_array_set_size (self->ranks, 0);
  g_string_truncate (self->history, 0);
  g_free (self->analogy);
  self->analogy = ws_train_watch_get_analogy (run->watch);
  g_free (self->expected);
  self->expected = g_strdup (ws_train_watch_get_expected (run->watch));
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  self->n_points = 0;
  update_rank_texts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Reading the corpus…"));
  gtk_label_set_text (self->status_label, "");
  set_state (self, WS_TRAIN_PAGE_READING);
  g_thread_unref (g_thread_new ("ws-train-page", train_thread, train_run_ref (run)));
}

void
ws_train_page_set_paused (WsTrainPage *self,
                          gboolean     paused)
{
  g_return_if_fail (WS_IS_TRAIN_PAGE (self));

  if (self->run == NULL || (self->state != WS_TRAIN_PAGE_RUNNING &&
                            self->state != WS_TRAIN_PAGE_PAUSED))
    return;
  ws_trainer_set_paused (self->run->trainer, paused);
  set_state (self, paused ? WS_TRAIN_PAGE_PAUSED : WS_TRAIN_PAGE_RUNNING);
}

void
ws_train_page_cancel (WsTrainPage *self)
{
  g_return_if_fail (WS_IS_TRAIN_PAGE (self));

  if (self->run == NULL || self->state == WS_TRAIN_PAGE_DONE)
    return;
  g_cancellable_cancel (self->run->cancellable);
}

gboolean
ws_train_page_save (WsTrainPage  *self,
                    const char   *path,
                    GError      **error)
{
  g_return_val_if_fail (WS_IS_TRAIN_PAGE (self), FALSE);

  if (self->state != WS_TRAIN_PAGE_DONE || self->run == NULL)
    {
      g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_STATE,
                   _("There is no trained model to save yet: train to the end first"));
      return FALSE;
    }
  return ws_trainer_save_word2vec (self->run->trainer, path, 0, error);
}

static void
on_save_response (WsTrainPage          *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  if (!ws_train_page_save (self, path, &error))
    gtk_label_set_text (self->status_label, error->message);
  else
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *text = g_strdup_printf (_("Saved the trained vectors to %s."), display);

      gtk_label_set_text (self->status_label, text);
    }
}

static void
on_save_clicked (WsTrainPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the Trained Model"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "demo-vectors.bin");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_save_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_pause_clicked (WsTrainPage *self)
{
  ws_train_page_set_paused (self, self->state != WS_TRAIN_PAGE_PAUSED);
}

static void
apply_text_scale (WsTrainPage *self)
{
  char size[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *css = NULL;

  g_ascii_formatd (size, sizeof size, "%.3f", 1.3 * self->text_scale);
  css = g_strdup_printf (".ws-train-page { font-size: %sem; }", size);
  gtk_css_provider_load_from_data (self->css, css, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->rank_chart));
}

/* ------------------------------------------------------------------ */

static void
ws_train_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WsTrainPage *self = WS_TRAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_train_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WsTrainPage *self = WS_TRAIN_PAGE (object);

  switch (prop_id)
    {
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
ws_train_page_dispose (GObject *object)
{
  WsTrainPage *self = WS_TRAIN_PAGE (object);

  /* The thread ends soon after; its messages then find no page. */
  if (self->run != NULL)
    {
      g_cancellable_cancel (self->run->cancellable);
      g_clear_pointer (&self->run, train_run_unref);
    }
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->map_area), self->tick_id);
      self->tick_id = 0;
    }
  if (self->css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), WS_TYPE_TRAIN_PAGE);
  G_OBJECT_CLASS (ws_train_page_parent_class)->dispose (object);
}

static void
ws_train_page_finalize (GObject *object)
{
  WsTrainPage *self = WS_TRAIN_PAGE (object);

  g_free (self->corpus);
  g_free (self->expected);
  g_free (self->analogy);
  g_array_unref (self->ranks);
  g_string_free (self->history, TRUE);
  g_strfreev (self->words);
  g_strfreev (self->chosen);
  g_free (self->missing);
  g_free (self->from);
  g_free (self->to);
  G_OBJECT_CLASS (ws_train_page_parent_class)->finalize (object);
}

static void
ws_train_page_class_init (WsTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ws_train_page_get_property;
  object_class->set_property = ws_train_page_set_property;
  object_class->dispose = ws_train_page_dispose;
  object_class->finalize = ws_train_page_finalize;

  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.25, 8.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wordspace/Wordspace/ws-train-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, words_entry);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, map_area);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, rank_title);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, rank_chart);
  gtk_widget_class_bind_template_child (widget_class, WsTrainPage, rank_history);
}

/* The demo corpus, found as the CLI's --demo finds it: in the source tree
 * first, so an uninstalled build works, then where `meson install` puts it. */
static char *
demo_corpus_path (void)
{
  g_autofree char *source = g_build_filename (WS_SOURCE_DATADIR, DEMO_CORPUS_NAME, NULL);

  if (g_file_test (source, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&source);
  return g_build_filename (PKGDATADIR, DEMO_CORPUS_NAME, NULL);
}

static void
ws_train_page_init (WsTrainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->text_scale = 1.0;
  self->corpus = demo_corpus_path ();
  ws_train_options_init (&self->options);
  self->options.dim = DEMO_DIM;
  self->ranks = g_array_new (FALSE, FALSE, sizeof (RankPoint));
  self->history = g_string_new (NULL);
  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  apply_text_scale (self);
  gtk_editable_set_text (GTK_EDITABLE (self->words_entry), default_words);
  gtk_drawing_area_set_draw_func (self->map_area, draw_map, self, NULL);
  gtk_drawing_area_set_draw_func (self->rank_chart, draw_rank_chart, self, NULL);
  g_signal_connect_object (self->start_button, "clicked", G_CALLBACK (ws_train_page_start), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pause_button, "clicked", G_CALLBACK (on_pause_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cancel_button, "clicked", G_CALLBACK (ws_train_page_cancel),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self,
                           G_CONNECT_SWAPPED);
  set_state (self, WS_TRAIN_PAGE_IDLE);
  gtk_label_set_text (self->status_label,
                      _("The lecture preset: the demo corpus (5 MB of public-domain bible "
                        "text), word2vec CBOW, 50 dimensions, starting from random vectors."));
}

WsTrainPage *
ws_train_page_new (void)
{
  return g_object_new (WS_TYPE_TRAIN_PAGE, NULL);
}

void
ws_train_page_set_corpus (WsTrainPage *self,
                          const char  *path)
{
  g_return_if_fail (WS_IS_TRAIN_PAGE (self));
  g_free (self->corpus);
  self->corpus = g_strdup (path);
}

void
ws_train_page_set_options (WsTrainPage          *self,
                           const WsTrainOptions *options)
{
  g_return_if_fail (WS_IS_TRAIN_PAGE (self));
  self->options = *options;
}

void
ws_train_page_set_snapshot_every (WsTrainPage *self,
                                  guint64      every_words)
{
  g_return_if_fail (WS_IS_TRAIN_PAGE (self));
  self->every = every_words;
}

WsTrainPageState
ws_train_page_get_state (WsTrainPage *self)
{
  return self->state;
}

guint
ws_train_page_get_n_frames (WsTrainPage *self)
{
  return self->n_frames;
}

gsize
ws_train_page_get_rank (WsTrainPage *self)
{
  return self->rank;
}

const char *
ws_train_page_get_status_text (WsTrainPage *self)
{
  return gtk_label_get_text (self->status_label);
}

const char *
ws_train_page_get_rank_text (WsTrainPage *self)
{
  return gtk_label_get_text (self->rank_title);
}

const char *
ws_train_page_get_missing_text (WsTrainPage *self)
{
  return self->missing;
}

void
ws_train_page_set_words (WsTrainPage *self,
                         const char  *words)
{
  g_return_if_fail (WS_IS_TRAIN_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->words_entry), words);
}
