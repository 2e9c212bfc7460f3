/* test-models-dialog.c: the Models dialog against a server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ws-models-dialog-private.h"
#include "ws-test-util.h"

static SoupServer *server;
static GBytes *remote_gz;
static char *models_dir;

/* A word2vec text model of three words, gzipped. */
static GBytes *
make_gz (void)
{
  static const char text[] = "3 2\nking 1 0\nqueen 0 1\nman 1 1\n";
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GInputStream) plain = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (plain, G_CONVERTER (z));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_cmpint (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL),
                   >, 0);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static gboolean
answer_late (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/gzip", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (remote_gz, NULL),
                                    g_bytes_get_size (remote_gz));
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
serve (SoupServer        *srv,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  if (g_str_has_suffix (path, "/remote.gz") || g_str_has_suffix (path, "/broken.gz"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/gzip", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (remote_gz, NULL),
                                        g_bytes_get_size (remote_gz));
    }
  else if (g_str_has_suffix (path, "/slow.gz"))
    {
      /* Answers after a second: time to close the dialog meanwhile. */
      soup_server_message_pause (msg);
      g_timeout_add (1000, answer_late, g_object_ref (msg));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
pump_until_not (WsModelsDialog *dialog,
                const char     *name,
                const char     *state)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_strcmp0 (ws_models_dialog_get_row_state (dialog, name), state) == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_open_model (WsModelsDialog *dialog,
               GFile          *file,
               char          **opened)
{
  *opened = g_file_get_path (file);
}

static void
test_list (void)
{
  WsModelsDialog *dialog = ws_models_dialog_new (NULL);

  g_assert_cmpuint (ws_models_dialog_get_n_rows (dialog), ==, 4);
  g_assert_cmpstr (ws_models_dialog_get_row_state (dialog, "here"), ==, "open");
  g_assert_cmpstr (ws_models_dialog_get_row_status (dialog, "here"), ==, "On this machine");
  g_assert_cmpstr (ws_models_dialog_get_row_state (dialog, "remote"), ==, "download");
  g_assert_null (ws_models_dialog_get_row_state (dialog, "nonesuch"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_download_and_open (void)
{
  WsModelsDialog *dialog = ws_models_dialog_new (NULL);
  g_autofree char *opened = NULL;
  g_autofree char *expected = g_build_filename (models_dir, "remote.gz", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_connect (dialog, "open-model", G_CALLBACK (on_open_model), &opened);
  ws_models_dialog_activate_row (dialog, "remote");
  g_assert_cmpstr (ws_models_dialog_get_row_state (dialog, "remote"), ==, "cancel");
  pump_until_not (dialog, "remote", "cancel");
  g_assert_cmpstr (ws_models_dialog_get_row_state (dialog, "remote"), ==, "open");
  g_assert_cmpstr (ws_models_dialog_get_row_status (dialog, "remote"), ==, "Downloaded and checked");
  g_assert_true (g_file_get_contents (expected, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (remote_gz, NULL), g_bytes_get_size (remote_gz));

  ws_models_dialog_activate_row (dialog, "remote");
  g_assert_cmpstr (opened, ==, expected);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_bad_md5 (void)
{
  WsModelsDialog *dialog = ws_models_dialog_new (NULL);
  g_autofree char *file = g_build_filename (models_dir, "broken.gz", NULL);
  g_autofree char *part = g_build_filename (models_dir, "broken.gz.part", NULL);

  ws_models_dialog_activate_row (dialog, "broken");
  pump_until_not (dialog, "broken", "cancel");
  g_assert_cmpstr (ws_models_dialog_get_row_state (dialog, "broken"), ==, "download");
  g_assert_nonnull (strstr (ws_models_dialog_get_row_status (dialog, "broken"), "md5"));
  g_assert_nonnull (strstr (ws_models_dialog_get_row_status (dialog, "broken"), "deleted"));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_close_while_downloading (void)
{
  WsModelsDialog *dialog = ws_models_dialog_new (NULL);
  g_autofree char *file = g_build_filename (models_dir, "slow.gz", NULL);
  gint64 until;

  ws_models_dialog_activate_row (dialog, "slow");
  g_assert_cmpstr (ws_models_dialog_get_row_state (dialog, "slow"), ==, "cancel");
  /* Closing cancels the download; its end, after the dialog is gone, must
   * touch none of the dialog's widgets. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

/* Writes the catalogue and the model already "here", and starts the server. */
static void
setup_world (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;
  g_autofree char *md5 = NULL;
  g_autofree char *json = NULL;
  g_autofree char *here = NULL;
  g_autofree char *catalogue = NULL;

  remote_gz = make_gz ();
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, serve, NULL, NULL);
  /* The loopback address only: no test reaches beyond this machine. */
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("cannot listen on 127.0.0.1: %s", error->message);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  md5 = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, remote_gz);
  json = g_strdup_printf ("{\"models\": ["
                          "{\"name\": \"here\", \"num_records\": 3, \"dimension\": 2, \"file_size\": %zu,"
                          " \"license\": \"PDDL\", \"url\": \"%shere.gz\"},"
                          "{\"name\": \"remote\", \"num_records\": 3, \"dimension\": 2, \"file_size\": %zu,"
                          " \"checksum\": \"%s\", \"license\": \"PDDL\", \"url\": \"%sremote.gz\"},"
                          "{\"name\": \"broken\", \"num_records\": 3, \"dimension\": 2, \"file_size\": %zu,"
                          " \"checksum\": \"00000000000000000000000000000000\", \"url\": \"%sbroken.gz\"},"
                          "{\"name\": \"slow\", \"num_records\": 3, \"dimension\": 2, \"file_size\": %zu,"
                          " \"checksum\": \"%s\", \"url\": \"%sslow.gz\"}"
                          "]}",
                          g_bytes_get_size (remote_gz), base,
                          g_bytes_get_size (remote_gz), md5, base,
                          g_bytes_get_size (remote_gz), base,
                          g_bytes_get_size (remote_gz), md5, base);
  catalogue = ws_test_write_file ("catalogue.json", json, -1);
  g_setenv ("WORDSPACE_CATALOGUE", catalogue, TRUE);

  g_assert_cmpint (g_mkdir_with_parents (models_dir, 0755), ==, 0);
  here = g_build_filename (models_dir, "here.gz", NULL);
  g_assert_true (g_file_set_contents (here, g_bytes_get_data (remote_gz, NULL),
                                      g_bytes_get_size (remote_gz), NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *home = NULL;
  int status;

  /* Before GLib reads them once for the whole process. */
  data_home = g_build_filename (ws_test_tmpdir (), "data", NULL);
  home = g_build_filename (ws_test_tmpdir (), "home", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("HOME", home, TRUE);
  g_unsetenv ("GENSIM_DATA_DIR");
  g_setenv ("no_proxy", "*", TRUE);
  models_dir = g_build_filename (data_home, "wordspace", "models", NULL);

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  setup_world ();

  g_test_add_func ("/models-dialog/list", test_list);
  g_test_add_func ("/models-dialog/download-and-open", test_download_and_open);
  g_test_add_func ("/models-dialog/bad-md5", test_bad_md5);
  g_test_add_func ("/models-dialog/close-while-downloading", test_close_while_downloading);
  status = g_test_run ();

  g_clear_object (&server);
  g_clear_pointer (&remote_gz, g_bytes_unref);
  g_free (models_dir);
  return status;
}
