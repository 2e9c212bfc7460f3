/* ws-cli-model.c: info, has, vector — what the model holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ws-catalogue.h"
#include "ws-cli.h"

/* The catalogue models a user of the bundled model is pointed to: modern
 * English, and the seed notebook's model. */
static const char *const better_models[] = { "glove-wiki-gigaword-100", "word2vec-google-news-300" };

/* What the bundled model is, said where people look at it: its neighbours
 * lean biblical, which reads as a broken tool unless the tool says why. */
static void
print_bundled_note (gboolean     json_member,
                    JsonBuilder *b)
{
  g_autoptr(WsCatalogue) catalogue = ws_catalogue_load_default (NULL);
  const char *about = _("Wordspace’s own small model, trained here on public-domain dictionaries, "
                        "the Bible and its commentaries, Austen and other free texts "
                        "(see wordspace-en.PROVENANCE.md); so its neighbours lean biblical.");

  if (json_member)
    {
      json_builder_set_member_name (b, "bundled");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_set_member_name (b, "about");
      json_builder_add_string_value (b, about);
      json_builder_set_member_name (b, "better_models");
      json_builder_begin_array (b);
    }
  else
    printf (_("About:       %s\n"), about);

  for (gsize i = 0; i < G_N_ELEMENTS (better_models); i++)
    {
      const WsCatalogueEntry *e = NULL;
      g_autofree char *size = NULL;
      g_autofree char *command = g_strdup_printf ("wordspace-cli download %s", better_models[i]);

      if (catalogue != NULL)
        e = ws_catalogue_lookup (catalogue, better_models[i]);
      if (e != NULL)
        size = g_format_size (e->file_size);

      if (json_member)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, better_models[i]);
          json_builder_set_member_name (b, "file_size");
          json_builder_add_int_value (b, e != NULL ? (gint64) e->file_size : 0);
          json_builder_set_member_name (b, "license");
          json_builder_add_string_value (b, e != NULL ? e->license : NULL);
          json_builder_set_member_name (b, "command");
          json_builder_add_string_value (b, command);
          json_builder_end_object (b);
        }
      else if (i == 0)
        printf (_("Modern English: %s (%s, %s)\n"), command, size != NULL ? size : "?",
                e != NULL && e->license != NULL ? e->license : "?");
      else
        printf (_("The seed’s model: %s (%s)\n"), command, size != NULL ? size : "?");
    }
  if (json_member)
    json_builder_end_array (b);
}

int
ws_cli_info (int    argc,
             char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autoptr(WsVectors) vectors = NULL;
  gsize n, shown;

  if (!ws_cli_parse ("info", "", N_("Describe the model: words, dimensions, format"),
                     NULL, &options, &argc, &argv))
    return WS_EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr (_("wordspace-cli info: takes no arguments\n"));
      return WS_EXIT_USAGE;
    }
  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  n = ws_vectors_get_n_words (vectors);
  shown = MIN (n, 10);
  if (options.json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("info", vectors);

      json_builder_set_member_name (b, "first_words");
      json_builder_begin_array (b);
      for (gsize i = 0; i < shown; i++)
        json_builder_add_string_value (b, ws_vectors_get_word (vectors, i));
      json_builder_end_array (b);
      if (ws_cli_is_bundled_model (ws_vectors_get_path (vectors)))
        print_bundled_note (TRUE, b);
      ws_cli_print_json (b);
      return WS_EXIT_OK;
    }

  printf (_("Model:       %s\n"), ws_vectors_get_path (vectors));
  printf (ws_vectors_get_compressed (vectors) ? _("Format:      %s, gzip-compressed\n") : _("Format:      %s\n"),
          ws_vectors_format_to_string (ws_vectors_get_format (vectors)));
  printf (_("Words:       %'zu\n"), n);
  printf (_("Dimensions:  %'zu\n"), ws_vectors_get_dim (vectors));
  printf (_("Duplicates:  %'zu ignored\n"), ws_vectors_get_n_duplicates (vectors));
  printf (_("Cache:       %s\n"), ws_vectors_get_from_cache (vectors) ?
          _("reopened from the model cache") : _("parsed from the file"));
  printf (_("First words:"));
  for (gsize i = 0; i < shown; i++)
    printf (" %s", ws_vectors_get_word (vectors, i));
  printf ("\n");
  if (ws_cli_is_bundled_model (ws_vectors_get_path (vectors)))
    print_bundled_note (FALSE, NULL);
  return WS_EXIT_OK;
}

int
ws_cli_has (int    argc,
            char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autoptr(WsVectors) vectors = NULL;
  gsize row = 0;
  gboolean found;

  if (!ws_cli_parse ("has", N_("WORD"), N_("Whether the model knows WORD (exit 0 yes, 1 no)"),
                     NULL, &options, &argc, &argv))
    return WS_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("wordspace-cli has: takes exactly one WORD\n"));
      return WS_EXIT_USAGE;
    }
  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  found = ws_vectors_lookup (vectors, argv[1], &row);
  if (options.json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("has", vectors);

      json_builder_set_member_name (b, "word");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "present");
      json_builder_add_boolean_value (b, found);
      if (found)
        {
          json_builder_set_member_name (b, "index");
          json_builder_add_int_value (b, row);
        }
      ws_cli_print_json (b);
    }
  else if (found)
    printf (_("%s: yes, index %'zu\n"), argv[1], row);
  else
    printf (_("%s: no\n"), argv[1]);

  return found ? WS_EXIT_OK : WS_EXIT_QUERY;
}

/* The shortest text (at most 8 decimals) that reads back as @x: numpy's
 * "unique" digits. Split into the integer part, the decimals and, in
 * scientific notation, the exponent. */
static void
shortest_digits (float     x,
                 gboolean  scientific,
                 char    **int_part,
                 char    **frac_part,
                 char    **exp_part)
{
  g_autofree char *text = NULL;
  char *dot, *e;

  for (int p = 0; p <= 8 && text == NULL; p++)
    {
      g_autofree char *try = g_strdup_printf (scientific ? "%.*e" : "%.*f", p, x);

      if (p == 8 || strtof (try, NULL) == x)
        text = g_steal_pointer (&try);
    }
  e = scientific ? strchr (text, 'e') : NULL;
  *exp_part = g_strdup (e != NULL ? e : "");
  if (e != NULL)
    *e = '\0';
  dot = strchr (text, '.');
  *frac_part = g_strdup (dot != NULL ? dot + 1 : "");
  if (dot != NULL)
    *dot = '\0';
  *int_part = g_strdup (text);
}

/* Prints @v as `print (kv[word])` shows a float32 array with numpy's
 * defaults (precision 8, "maxprec" mode, 75-character lines), so the output
 * reads like the seed notebook's. */
static void
print_like_numpy (const float *v,
                  gsize        dim)
{
  float max_abs = 0.0f, min_abs = G_MAXFLOAT;
  gboolean scientific;
  gsize pad_left = 0, pad_right = 0;
  g_auto(GStrv) ints = g_new0 (char *, dim + 1);
  g_auto(GStrv) fracs = g_new0 (char *, dim + 1);
  g_auto(GStrv) exps = g_new0 (char *, dim + 1);
  g_autoptr(GString) out = g_string_new ("");
  g_autoptr(GString) line = g_string_new ("[");

  for (gsize j = 0; j < dim; j++)
    {
      float a = fabsf (v[j]);

      if (a > 0.0f)
        {
          max_abs = MAX (max_abs, a);
          min_abs = MIN (min_abs, a);
        }
    }
  scientific = max_abs > 0.0f &&
               (max_abs >= 1e8f || min_abs < 0.0001f || max_abs / min_abs > 1000.0f);

  for (gsize j = 0; j < dim; j++)
    {
      shortest_digits (v[j], scientific, &ints[j], &fracs[j], &exps[j]);
      pad_left = MAX (pad_left, strlen (ints[j]));
      pad_right = MAX (pad_right, strlen (fracs[j]));
    }

  for (gsize j = 0; j < dim; j++)
    {
      g_autoptr(GString) word = g_string_new (NULL);
      gsize limit = j + 1 < dim ? 75 : 74; /* the last one leaves room for ']' */

      if (scientific)
        {
          /* numpy prints the further true digits, not zeros, up to the
           * longest value's count. */
          g_autofree char *e = g_strdup_printf ("%.*e", (int) pad_right, v[j]);
          g_string_append_printf (word, "%*s", (int) (pad_left + 1 + pad_right + strlen (exps[j])), e);
        }
      else
        {
          g_string_append_printf (word, "%*s.%s", (int) pad_left, ints[j], fracs[j]);
          for (gsize k = strlen (fracs[j]); k < pad_right; k++)
            g_string_append_c (word, ' ');
        }

      if (line->len + word->len > limit)
        {
          while (line->len > 0 && line->str[line->len - 1] == ' ')
            g_string_truncate (line, line->len - 1);
          g_string_append_printf (out, "%s\n", line->str);
          g_string_assign (line, " ");
        }
      g_string_append (line, word->str);
      if (j + 1 < dim)
        g_string_append_c (line, ' ');
    }
  printf ("%s%s]\n", out->str, line->str);
}

int
ws_cli_vector (int    argc,
               char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autoptr(WsVectors) vectors = NULL;
  const float *v;
  gsize dim, row;

  if (!ws_cli_parse ("vector", N_("WORD"), N_("Print the vector of WORD and its shape"),
                     NULL, &options, &argc, &argv))
    return WS_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("wordspace-cli vector: takes exactly one WORD\n"));
      return WS_EXIT_USAGE;
    }
  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  if (!ws_vectors_lookup (vectors, argv[1], &row))
    {
      g_printerr (_("wordspace-cli: “%s” is not in the model\n"), argv[1]);
      return WS_EXIT_QUERY;
    }

  v = ws_vectors_get_row (vectors, row);
  dim = ws_vectors_get_dim (vectors);
  if (options.json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("vector", vectors);

      json_builder_set_member_name (b, "word");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "shape");
      json_builder_begin_array (b);
      json_builder_add_int_value (b, dim);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "vector");
      json_builder_begin_array (b);
      for (gsize j = 0; j < dim; j++)
        json_builder_add_double_value (b, v[j]);
      json_builder_end_array (b);
      ws_cli_print_json (b);
      return WS_EXIT_OK;
    }

  print_like_numpy (v, dim);
  printf ("(%zu,)\n", dim);
  return WS_EXIT_OK;
}
