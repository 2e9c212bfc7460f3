/* ws-cli-model.c: info, has, vector — what the model holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ws-cli.h"

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
      ws_cli_print_json (b);
      return WS_EXIT_OK;
    }

  printf (_("Model:       %s\n"), ws_vectors_get_path (vectors));
  printf (_("Format:      %s%s\n"), ws_vectors_format_to_string (ws_vectors_get_format (vectors)),
          ws_vectors_get_compressed (vectors) ? _(", gzip-compressed") : "");
  printf (_("Words:       %" G_GSIZE_FORMAT "\n"), n);
  printf (_("Dimensions:  %" G_GSIZE_FORMAT "\n"), ws_vectors_get_dim (vectors));
  printf (_("Duplicates:  %" G_GSIZE_FORMAT " ignored\n"), ws_vectors_get_n_duplicates (vectors));
  printf (_("First words:"));
  for (gsize i = 0; i < shown; i++)
    printf (" %s", ws_vectors_get_word (vectors, i));
  printf ("\n");
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
    printf (_("%s: yes, index %" G_GSIZE_FORMAT "\n"), argv[1], row);
  else
    printf (_("%s: no\n"), argv[1]);

  return found ? WS_EXIT_OK : WS_EXIT_QUERY;
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

  /* As numpy prints a float32 vector: eight values a line, shape after. */
  printf ("[");
  for (gsize j = 0; j < dim; j++)
    printf ("%s% .8e%s", (j > 0 && j % 6 == 0) ? "\n " : (j > 0 ? " " : ""), v[j],
            j + 1 == dim ? "" : "");
  printf ("]\n(%" G_GSIZE_FORMAT ",)\n", dim);
  return WS_EXIT_OK;
}
