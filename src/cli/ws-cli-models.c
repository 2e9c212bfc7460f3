/* ws-cli-models.c: models, download — the catalogue and its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ws-catalogue.h"
#include "ws-cli.h"
#include "ws-model-download.h"

/* The exit status of a download stopped by Ctrl+C, as a shell reports a
 * process killed by SIGINT. */
#define EXIT_INTERRUPTED 130

static gboolean
parse_own (const char   *command,
           const char   *args,
           const char   *summary,
           gboolean     *json,
           int          *argc,
           char       ***argv)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("wordspace-cli %s", command);

  g_set_prgname (prgname);
  context = g_option_context_new (args != NULL ? _(args) : "");
  g_option_context_set_summary (context, _(summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("wordspace-cli %s: %s\n", command, error->message);
      g_printerr (_("Run “wordspace-cli %s --help” to see the options.\n"), command);
      return FALSE;
    }
  return TRUE;
}

static WsCatalogue *
load_catalogue (void)
{
  g_autoptr(GError) error = NULL;
  WsCatalogue *catalogue = ws_catalogue_load_default (&error);

  if (catalogue == NULL)
    ws_cli_print_error (error);
  return catalogue;
}

/* "~/gensim-data/…" reads better than the home folder spelled out. */
static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (len > 1 && strncmp (path, home, len) == 0 && path[len] == '/')
    return g_strconcat ("~", path + len, NULL);
  return g_strdup (path);
}

int
ws_cli_models (int    argc,
               char **argv)
{
  g_autoptr(WsCatalogue) catalogue = NULL;
  gboolean json = FALSE;
  guint n;

  if (!parse_own ("models", NULL, N_("List the models Wordspace can download, and which are here"),
                  &json, &argc, &argv))
    return WS_EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr (_("wordspace-cli models: takes no arguments\n"));
      return WS_EXIT_USAGE;
    }
  if ((catalogue = load_catalogue ()) == NULL)
    return WS_EXIT_FAILURE;

  n = ws_catalogue_get_n_entries (catalogue);
  if (json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("models", NULL);
      g_autofree char *dir = ws_models_dir ();
      g_autofree char *gensim_dir = ws_models_gensim_dir ();

      json_builder_set_member_name (b, "catalogue");
      json_builder_add_string_value (b, ws_catalogue_get_path (catalogue));
      json_builder_set_member_name (b, "models_dir");
      json_builder_add_string_value (b, dir);
      json_builder_set_member_name (b, "gensim_dir");
      json_builder_add_string_value (b, gensim_dir);
      json_builder_set_member_name (b, "models");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          const WsCatalogueEntry *e = ws_catalogue_get_entry (catalogue, i);
          g_autofree char *local = ws_catalogue_entry_find_local (e);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, e->name);
          json_builder_set_member_name (b, "records");
          json_builder_add_int_value (b, e->num_records);
          json_builder_set_member_name (b, "dimensions");
          json_builder_add_int_value (b, e->dimension);
          json_builder_set_member_name (b, "file_size");
          json_builder_add_int_value (b, e->file_size);
          json_builder_set_member_name (b, "md5");
          json_builder_add_string_value (b, e->checksum);
          json_builder_set_member_name (b, "license");
          json_builder_add_string_value (b, e->license);
          json_builder_set_member_name (b, "license_url");
          json_builder_add_string_value (b, e->license_url);
          json_builder_set_member_name (b, "base_dataset");
          json_builder_add_string_value (b, e->base_dataset);
          json_builder_set_member_name (b, "description");
          json_builder_add_string_value (b, e->description);
          json_builder_set_member_name (b, "url");
          json_builder_add_string_value (b, e->url);
          json_builder_set_member_name (b, "here");
          json_builder_add_boolean_value (b, local != NULL);
          json_builder_set_member_name (b, "path");
          json_builder_add_string_value (b, local);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      ws_cli_print_json (b);
      return WS_EXIT_OK;
    }

  /* TRANSLATORS: column heads of `wordspace-cli models`; keep each within
   * its column (name 33, records 10, dimensions 5, size 9, licence 14). */
  printf ("%-33s %10s %5s %9s  %-14s %s\n", _("NAME"), _("RECORDS"), _("DIM"), _("SIZE"),
          _("LICENCE"), _("ON THIS MACHINE"));
  for (guint i = 0; i < n; i++)
    {
      const WsCatalogueEntry *e = ws_catalogue_get_entry (catalogue, i);
      g_autofree char *local = ws_catalogue_entry_find_local (e);
      g_autofree char *size = g_format_size (e->file_size);
      g_autofree char *records = g_strdup_printf ("%'" G_GUINT64_FORMAT, e->num_records);
      g_autofree char *where = local != NULL ? display_path (local) : g_strdup (_("no"));

      printf ("%-33s %10s %5u %9s  %-14s %s\n", e->name, records, e->dimension, size,
              e->license != NULL ? e->license : "?", where);
    }
  printf ("\n%s\n", _("Get one with: wordspace-cli download NAME; open it with --model NAME."));
  return WS_EXIT_OK;
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GAsyncResult *result;
  gboolean      tty;
  gboolean      quiet;
  gboolean      interrupted;
  gint64        last_line;
  guint64       last_step;
  const char   *name;
} DownloadRun;

static void
on_download_progress (const WsDownloadProgress *p,
                      gpointer                  user_data)
{
  DownloadRun *run = user_data;
  g_autofree char *done = g_format_size (p->received);
  g_autofree char *total = g_format_size (p->total);
  g_autofree char *speed = NULL;
  g_autofree char *left = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  gint64 now = g_get_monotonic_time ();
  guint64 step;

  if (run->quiet)
    return;
  if (p->phase == WS_DOWNLOAD_VERIFYING)
    {
      g_string_printf (line, _("%s: checking the md5 of %s"), run->name, done);
    }
  else
    {
      if (p->total > 0)
        g_string_printf (line, _("%s: %s of %s (%.0f%%)"), run->name, done, total,
                         100.0 * p->received / p->total);
      else
        g_string_printf (line, _("%s: %s"), run->name, done);
      if (p->bytes_per_second > 0)
        {
          speed = g_format_size ((guint64) p->bytes_per_second);
          g_string_append_printf (line, _(", %s/s"), speed);
        }
      if (p->seconds_left >= 0 && p->bytes_per_second > 0)
        {
          left = ws_download_progress_format_time_left (p);
          g_string_append_printf (line, _(", %s left"), left);
        }
      if (p->resumed_from > 0 && p->phase == WS_DOWNLOAD_CONNECTING)
        {
          g_autofree char *kept = g_format_size (p->resumed_from);
          g_string_append_printf (line, _(" (resuming after the %s already here)"), kept);
        }
    }

  if (run->tty)
    {
      g_printerr ("\r%s\033[K", line->str);
      return;
    }
  /* A log gets a line at the start, every tenth of the file or ten
   * seconds, and at the end; not a line per chunk. */
  step = p->total > 0 ? p->received * 10 / p->total : 0;
  if (p->phase == WS_DOWNLOAD_RECEIVING && step == run->last_step &&
      now - run->last_line < 10 * G_USEC_PER_SEC)
    return;
  run->last_step = step;
  run->last_line = now;
  g_printerr ("%s\n", line->str);
}

static gboolean
on_interrupt (gpointer user_data)
{
  DownloadRun *run = user_data;

  run->interrupted = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
on_download_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DownloadRun *run = user_data;

  run->result = g_object_ref (result);
  g_main_loop_quit (run->loop);
}

static void
print_download_json (const WsCatalogueEntry *e,
                     const char             *path,
                     gboolean                already)
{
  g_autoptr(JsonBuilder) b = ws_cli_json_begin ("download", NULL);

  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, e->name);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "already_here");
  json_builder_add_boolean_value (b, already);
  json_builder_set_member_name (b, "md5");
  json_builder_add_string_value (b, e->checksum);
  ws_cli_print_json (b);
}

int
ws_cli_download (int    argc,
                 char **argv)
{
  g_autoptr(WsCatalogue) catalogue = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *local = NULL;
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  const WsCatalogueEntry *e;
  gboolean json = FALSE;
  DownloadRun run = { 0 };
  guint sigint, sigterm;

  if (!parse_own ("download", N_("NAME"), N_("Download a model of the catalogue (see “models”)"),
                  &json, &argc, &argv))
    return WS_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("wordspace-cli download: takes exactly one NAME (see “wordspace-cli models”)\n"));
      return WS_EXIT_USAGE;
    }
  if ((catalogue = load_catalogue ()) == NULL)
    return WS_EXIT_FAILURE;
  if ((e = ws_catalogue_lookup (catalogue, argv[1])) == NULL)
    {
      g_printerr (_("wordspace-cli: no model “%s” in the catalogue %s; "
                    "“wordspace-cli models” lists them\n"),
                  argv[1], ws_catalogue_get_path (catalogue));
      return WS_EXIT_USAGE;
    }

  if ((local = ws_catalogue_entry_find_local (e)) != NULL)
    {
      if (json)
        print_download_json (e, local, TRUE);
      else
        printf (_("%s is already on this machine: %s\n"), e->name, local);
      return WS_EXIT_OK;
    }

  /* A file size limit must fail the write with EFBIG, which the download
   * reports, rather than kill the process. */
  signal (SIGXFSZ, SIG_IGN);
  run.loop = loop;
  run.cancellable = cancellable;
  run.tty = isatty (STDERR_FILENO);
  run.name = e->name;
  sigint = g_unix_signal_add (SIGINT, on_interrupt, &run);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, &run);
  ws_model_download_async (e, NULL, cancellable, on_download_progress, &run, NULL,
                           on_download_done, &run);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (run.tty)
    g_printerr ("\r\033[K");

  path = ws_model_download_finish (run.result, &error);
  g_clear_object (&run.result);
  if (path == NULL)
    {
      part = ws_model_download_part_path (e, NULL);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (g_file_test (part, G_FILE_TEST_EXISTS))
            g_printerr (_("wordspace-cli: download cancelled; the bytes received are kept in %s, "
                          "and “wordspace-cli download %s” resumes\n"), part, e->name);
          else
            g_printerr (_("wordspace-cli: download cancelled\n"));
          return EXIT_INTERRUPTED;
        }
      ws_cli_print_error (error);
      if ((error->domain == WS_MODELS_ERROR && (error->code == WS_MODELS_ERROR_NETWORK ||
                                                error->code == WS_MODELS_ERROR_NO_SPACE)) &&
          g_file_test (part, G_FILE_TEST_EXISTS))
        g_printerr (_("wordspace-cli: “wordspace-cli download %s” resumes from what %s holds\n"),
                    e->name, part);
      return WS_EXIT_FAILURE;
    }

  if (json)
    print_download_json (e, path, FALSE);
  else
    printf (_("%s: downloaded and checked (md5 %s): %s\n"), e->name,
            e->checksum != NULL ? e->checksum : "?", path);
  return WS_EXIT_OK;
}
