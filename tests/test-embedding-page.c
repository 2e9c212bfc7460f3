/* test-embedding-page.c: the window's Embedding Layer and Training pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The embedding page must show the seed notebook's cells: torch.manual_seed
 * (123); torch.nn.Embedding (6, 3) and the rows of ids [2, 3, 5, 1]. The
 * training page trains a small corpus written here, so a run takes a
 * moment, through pause, resume and cancel.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ws-embedding-page.h"
#include "ws-session.h"
#include "ws-test-util.h"
#include "ws-train-page.h"
#include "ws-window-pages.h"

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

/* Runs the main loop until @page reaches @state or @seconds pass. */
static gboolean
wait_for_state (WsTrainPage      *page,
                WsTrainPageState  state,
                guint             seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (ws_train_page_get_state (page) != state && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return ws_train_page_get_state (page) == state;
}

/* ------------------------------------------------------------------ */
/* Embedding Layer                                                     */

static void
test_notebook_case (void)
{
  g_autoptr(WsEmbeddingPage) page = g_object_ref_sink (ws_embedding_page_new (NULL));
  const float expected_first[] = { 0.3374f, -0.1778f, -0.1690f };
  const gint64 expected_ids[] = { 2, 3, 5, 1 };
  const float *weight;
  const gint64 *ids;
  gsize V, D, n_ids;

  /* The defaults are the notebook's. */
  weight = ws_embedding_page_get_weight (page, &V, &D);
  g_assert_cmpuint (V, ==, 6);
  g_assert_cmpuint (D, ==, 3);
  for (guint j = 0; j < 3; j++)
    g_assert_cmpfloat_with_epsilon (weight[j], expected_first[j], 5e-5);
  g_assert_nonnull (strstr (ws_embedding_page_get_weight_text (page),
                            "Parameter containing:\ntensor([[ 0.3374, -0.1778, -0.1690],\n"
                            "        [ 0.9178,  1.5810,  1.3010],"));
  g_assert_nonnull (strstr (ws_embedding_page_get_weight_text (page), "requires_grad=True)"));

  ids = ws_embedding_page_get_ids (page, &n_ids);
  g_assert_cmpuint (n_ids, ==, 4);
  g_assert_cmpmem (ids, n_ids * sizeof (gint64), expected_ids, sizeof expected_ids);
  g_assert_true (ws_embedding_page_get_equal (page));
  /* The looked-up rows are rows 2, 3, 5 and 1 of the weights, in that order. */
  g_assert_nonnull (strstr (ws_embedding_page_get_lookup_text (page),
                            "tensor([[ 1.2753, -0.2010, -0.1606],\n"
                            "        [-0.4015,  0.9666, -1.1481],\n"
                            "        [-2.8400, -0.7849, -1.4096],\n"
                            "        [ 0.9178,  1.5810,  1.3010]], "
                            "grad_fn=<EmbeddingBackward0>)"));
  g_assert_null (ws_embedding_page_get_message (page));

  /* 0 multiplications one way, n·V·D = 4·6·3 = 72 the other. */
  g_assert_nonnull (strstr (ws_embedding_page_get_cost_text (page),
                            "Lookup: 0 multiplications"));
  g_assert_nonnull (strstr (ws_embedding_page_get_cost_text (page),
                            "4 × 6 × 3 = 72 multiplications and 60 additions"));
  g_assert_nonnull (strstr (ws_embedding_page_get_cost_text (page), "equal"));

  /* Another layer: new weights, new counts. */
  ws_embedding_page_set_inputs (page, 50, 20, 7, "[0, 49]");
  weight = ws_embedding_page_get_weight (page, &V, &D);
  g_assert_cmpuint (V, ==, 50);
  g_assert_cmpuint (D, ==, 20);
  ids = ws_embedding_page_get_ids (page, &n_ids);
  g_assert_cmpuint (n_ids, ==, 2);
  g_assert_cmpint (ids[1], ==, 49);
  /* The ids as torch.tensor takes them, whatever the brackets typed. */
  g_assert_true (g_str_has_prefix (ws_embedding_page_get_lookup_text (page),
                                   "embedding (torch.tensor ([0, 49]))\n"));
  g_assert_true (ws_embedding_page_get_equal (page));
  g_assert_nonnull (strstr (ws_embedding_page_get_cost_text (page),
                            "2 × 50 × 20 = 2000 multiplications"));
}

static void
test_bad_ids (void)
{
  g_autoptr(WsEmbeddingPage) page = g_object_ref_sink (ws_embedding_page_new (NULL));
  const char *message;
  gsize n_ids;

  /* Out of range: the id and its place in the list. */
  ws_embedding_page_set_inputs (page, 6, 3, 123, "2, 3, 9, 1");
  message = ws_embedding_page_get_message (page);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Token id 9 (number 3 in the list)"));
  g_assert_nonnull (strstr (message, "0 to 5"));
  g_assert_null (ws_embedding_page_get_ids (page, &n_ids));
  g_assert_cmpuint (n_ids, ==, 0);
  g_assert_cmpstr (ws_embedding_page_get_lookup_text (page), ==, "");

  /* Not a number: where, as a byte offset. */
  ws_embedding_page_set_inputs (page, 6, 3, 123, "2, x, 1");
  message = ws_embedding_page_get_message (page);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "byte 3"));

  /* Fixed: the message goes. */
  ws_embedding_page_set_inputs (page, 6, 3, 123, "2, 3, 5, 1");
  g_assert_null (ws_embedding_page_get_message (page));
  g_assert_true (ws_embedding_page_get_equal (page));
}

static void
test_model_figures (void)
{
  static const char * const words[] = { "the", "cat", "sat", "kitten", "stone" };
  /* cat and kitten nearly parallel, the rest elsewhere. */
  static const float matrix[] = {
    1, 0, 0, 0,
    0, 1, 0.1f, 0,
    0, 0, 0, 1,
    0, 0.9f, 0.2f, 0,
    -1, 0, 0, 0.5f,
  };
  g_autoptr(WsSession) session = ws_session_new ();
  g_autoptr(WsEmbeddingPage) page = g_object_ref_sink (ws_embedding_page_new (session));
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GError) error = NULL;
  const char *model, *pair;

  /* No model yet: GPT-2 small as the reference still. */
  model = ws_embedding_page_get_model_text (page);
  g_assert_nonnull (strstr (model, "No model is loaded."));
  g_assert_nonnull (strstr (model, "GPT-2 small, for reference: 50257 × 768 = 38.6 M weights"));
  g_assert_nonnull (strstr (model, "154.4\u00a0MB"));
  g_assert_nonnull (strstr (model, "38597376 multiplications"));

  vectors = ws_vectors_new_from_data (words, matrix, G_N_ELEMENTS (words), 4, &error);
  g_assert_no_error (error);
  ws_session_set_vectors (session, vectors);
  model = ws_embedding_page_get_model_text (page);
  g_assert_nonnull (strstr (model, "5 rows × 4 dimensions = 0.0 M weights, 80 bytes as float32"));
  g_assert_nonnull (strstr (model, "one-hot product 20."));

  /* cat and kitten are there: chosen, with their ids and cosine. */
  pair = ws_embedding_page_get_pair_text (page);
  g_assert_nonnull (strstr (pair, "“cat” is token id 1 and “kitten” is token id 3"));
  g_assert_nonnull (strstr (pair, "cosine 0.993"));
  g_assert_nonnull (strstr (pair, "unrelated ids, close vectors"));

  ws_embedding_page_set_words (page, "cat", "dog");
  g_assert_nonnull (strstr (ws_embedding_page_get_pair_text (page), "“dog” is not in the model"));
}

/* ------------------------------------------------------------------ */
/* Training                                                            */

/* A corpus where king, queen, man and woman share contexts in a pattern
 * a few passes learn. */
static char *
write_corpus (guint repeats)
{
  g_autoptr(GString) text = g_string_new (NULL);
  static const char * const lines[] = {
    "the king is a man who rules the land",
    "the queen is a woman who rules the land",
    "the man walks to the town with his son",
    "the woman walks to the town with her daughter",
    "a prince is the son of the king",
    "a princess is the daughter of the queen",
    "the boy is a young man and the girl is a young woman",
    "his father the king and her mother the queen",
  };

  for (guint r = 0; r < repeats; r++)
    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      g_string_append_printf (text, "%s\n", lines[i]);
  return ws_test_write_file ("corpus.txt", text->str, text->len);
}

static WsTrainPage *
small_page (guint iterations)
{
  WsTrainPage *page = g_object_ref_sink (ws_train_page_new ());
  g_autofree char *corpus = write_corpus (200);
  WsTrainOptions options;

  ws_train_options_init (&options);
  options.dim = 10;
  options.min_count = 1;
  options.iterations = iterations;
  options.threads = 1;
  options.sample = 0;
  ws_train_page_set_corpus (page, corpus);
  ws_train_page_set_options (page, &options);
  ws_train_page_set_snapshot_every (page, 2000);
  return page;
}

static void
test_train_to_end (void)
{
  g_autoptr(WsTrainPage) page = small_page (3);
  g_autofree char *out = g_build_filename (ws_test_tmpdir (), "trained.bin", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_cmpint (ws_train_page_get_state (page), ==, WS_TRAIN_PAGE_IDLE);
  g_assert_false (ws_train_page_save (page, out, &error));
  g_assert_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_STATE);
  g_clear_error (&error);

  /* A chosen word the corpus lacks is named. */
  ws_train_page_set_words (page, "king, queen, man, woman, zebra");
  ws_train_page_start (page);
  g_assert_true (wait_for_state (page, WS_TRAIN_PAGE_DONE, 120));
  g_assert_cmpstr (ws_train_page_get_missing_text (page), ==, "Not in the corpus: zebra");
  pump (50);
  /* 3 × 200 × 76 words, a snapshot each 2000 (at the workers' look-ins)
   * and the random start and the end. */
  g_assert_cmpuint (ws_train_page_get_n_frames (page), >=, 4);
  g_assert_cmpuint (ws_train_page_get_rank (page), >, 0);
  g_assert_nonnull (strstr (ws_train_page_get_rank_text (page),
                            "Rank of “queen” for king - man + woman: "));
  g_assert_nonnull (strstr (ws_train_page_get_status_text (page), "Learning rate (alpha)"));

  g_assert_true (ws_train_page_save (page, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &contents, &len, NULL));
  /* word2vec binary: "N D\n", N the vocabulary, D 10. */
  {
    g_autofree char *header = g_strndup (contents, strcspn (contents, "\n"));

    g_assert_true (g_str_has_suffix (header, " 10"));
    g_assert_cmpuint (g_ascii_strtoull (header, NULL, 10), ==, 27);  /* distinct words */
  }
}

static void
test_pause_resume_cancel (void)
{
  g_autoptr(WsTrainPage) page = small_page (2000);
  guint n;

  ws_train_page_start (page);
  g_assert_true (wait_for_state (page, WS_TRAIN_PAGE_RUNNING, 60));
  while (ws_train_page_get_n_frames (page) < 2)
    pump (5);

  ws_train_page_set_paused (page, TRUE);
  g_assert_cmpint (ws_train_page_get_state (page), ==, WS_TRAIN_PAGE_PAUSED);
  /* Frames already on their way arrive; then none. */
  pump (300);
  n = ws_train_page_get_n_frames (page);
  pump (500);
  g_assert_cmpuint (ws_train_page_get_n_frames (page), ==, n);

  ws_train_page_set_paused (page, FALSE);
  g_assert_cmpint (ws_train_page_get_state (page), ==, WS_TRAIN_PAGE_RUNNING);
  while (ws_train_page_get_n_frames (page) <= n)
    pump (5);

  ws_train_page_cancel (page);
  g_assert_true (wait_for_state (page, WS_TRAIN_PAGE_CANCELLED, 60));
  g_assert_cmpstr (ws_train_page_get_status_text (page), ==, "Training cancelled.");

  /* Cancelling while paused ends it too. */
  ws_train_page_start (page);
  g_assert_true (wait_for_state (page, WS_TRAIN_PAGE_RUNNING, 60));
  ws_train_page_set_paused (page, TRUE);
  ws_train_page_cancel (page);
  g_assert_true (wait_for_state (page, WS_TRAIN_PAGE_CANCELLED, 60));
}

/* Activates what @widget's own shortcuts bind to Alt+@keyval, as a key
 * press would; FALSE when nothing took it. */
static gboolean
press_alt (GtkWidget *widget,
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
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_ALT_MASK)
            handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                    GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }
  return handled;
}

/* The pages sit beside what the window had, which moves onto "explore". */
static void
test_pages_install (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *query = gtk_entry_new ();
  g_autoptr(WsSession) session = ws_session_new ();
  GtkWidget *source = gtk_label_new (NULL);
  AdwViewStack *stack;
  GtkWidget *embedding;

  g_object_ref_sink (source);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), query);
  gtk_window_set_child (window, box);
  /* Anything with a "text-scale" will do: a page has one. */
  g_object_unref (source);
  source = g_object_ref_sink (GTK_WIDGET (ws_embedding_page_new (NULL)));
  stack = ws_window_pages_install (window, header, session, G_OBJECT (source));
  g_assert_nonnull (stack);
  g_assert_true (gtk_widget_is_ancestor (query, adw_view_stack_get_child_by_name (stack,
                                                                                  "explore")));
  embedding = adw_view_stack_get_child_by_name (stack, "embedding");
  g_assert_true (WS_IS_EMBEDDING_PAGE (embedding));
  g_assert_true (WS_IS_TRAIN_PAGE (adw_view_stack_get_child_by_name (stack, "training")));
  g_object_set (source, "text-scale", 2.0, NULL);
  {
    double scale;

    g_object_get (embedding, "text-scale", &scale, NULL);
    g_assert_cmpfloat (scale, ==, 2.0);
  }

  /* Alt+2 and Alt+3 show the pages, Alt+1 goes back. */
  {
    const struct { guint keyval; const char *page; } keys[] = {
      { GDK_KEY_2, "embedding" }, { GDK_KEY_3, "training" }, { GDK_KEY_1, "explore" },
    };

    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        g_assert_true (press_alt (GTK_WIDGET (window), keys[k].keyval));
        g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, keys[k].page);
      }
  }
  gtk_window_destroy (window);
  g_object_unref (source);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/embedding-page/notebook", test_notebook_case);
  g_test_add_func ("/embedding-page/bad-ids", test_bad_ids);
  g_test_add_func ("/embedding-page/model", test_model_figures);
  g_test_add_func ("/embedding-page/pages", test_pages_install);
  g_test_add_func ("/train-page/to-end", test_train_to_end);
  g_test_add_func ("/train-page/pause-resume-cancel", test_pause_resume_cancel);
  return g_test_run ();
}
