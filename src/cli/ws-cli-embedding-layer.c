/* ws-cli-embedding-layer.c: embedding-layer — torch.nn.Embedding's weights and lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints what the seed notebook's cells print for
 *   torch.manual_seed (S); layer = torch.nn.Embedding (V, D)
 *   layer.weight
 *   layer (torch.tensor ([2, 3, 5, 1]))
 * in torch's own layout, so the two can be compared line by line.
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ws-cli.h"
#include "ws-embedding-layer.h"
#include "ws-torch-format.h"

/* Torch accepts seeds from -2⁶³ to 2⁶⁴ - 1 and takes them modulo 2⁶⁴. */
static gboolean
parse_seed (const char  *text,
            guint64     *seed,
            GError     **error)
{
  if (text[0] == '-')
    {
      gint64 value;

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, -1, &value, error))
        return FALSE;
      *seed = (guint64) value;
      return TRUE;
    }
  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, seed, error);
}

static gboolean
parse_size (const char *name,
            gint64      value,
            gsize      *size)
{
  if (value < 1)
    {
      g_printerr (_("wordspace-cli embedding-layer: --%s takes a number ≥ 1, not %" PRId64 "\n"),
                  name, value);
      return FALSE;
    }
  *size = (gsize) value;
  return TRUE;
}

static void
json_add_matrix (JsonBuilder *builder,
                 const char  *name,
                 const float *data,
                 gsize        n_rows,
                 gsize        n_cols)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (gsize i = 0; i < n_rows; i++)
    {
      json_builder_begin_array (builder);
      for (gsize j = 0; j < n_cols; j++)
        json_builder_add_double_value (builder, data[i * n_cols + j]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
json_add_uint (JsonBuilder *builder,
               const char  *name,
               guint64      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, (gint64) MIN (value, (guint64) G_MAXINT64));
}

static void
print_json (WsEmbeddingLayer *layer,
            const gint64     *ids,
            gsize             n_ids,
            const float      *rows,
            gboolean          one_hot_equal)
{
  g_autoptr(JsonBuilder) builder = ws_cli_json_begin ("embedding-layer", NULL);
  gsize vocab_size = ws_embedding_layer_get_vocab_size (layer);
  gsize dim = ws_embedding_layer_get_dim (layer);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, ws_embedding_layer_get_seed (layer));
  WsEmbeddingCost cost;

  json_add_uint (builder, "vocab_size", vocab_size);
  json_add_uint (builder, "dim", dim);
  /* A string: torch's seeds reach 2⁶⁴ - 1, past what JSON numbers carry
   * exactly in most readers. */
  json_builder_set_member_name (builder, "seed");
  json_builder_add_string_value (builder, seed);
  json_builder_set_member_name (builder, "kernel");
  json_builder_add_string_value (builder,
                                 ws_embedding_layer_get_kernel (layer) == WS_TORCH_KERNEL_VECTOR
                                 ? "vector" : "scalar");
  json_add_matrix (builder, "weight", ws_embedding_layer_get_weight (layer), vocab_size, dim);
  json_builder_set_member_name (builder, "ids");
  json_builder_begin_array (builder);
  for (gsize k = 0; k < n_ids; k++)
    json_builder_add_int_value (builder, ids[k]);
  json_builder_end_array (builder);
  json_add_matrix (builder, "rows", rows, n_ids, dim);

  ws_embedding_cost_init (&cost, vocab_size, dim, n_ids);
  json_builder_set_member_name (builder, "cost");
  json_builder_begin_object (builder);
  json_add_uint (builder, "lookup_multiplications", cost.lookup_multiplications);
  json_add_uint (builder, "lookup_copies", cost.lookup_copies);
  json_add_uint (builder, "one_hot_entries", cost.one_hot_entries);
  json_add_uint (builder, "one_hot_multiplications", cost.one_hot_multiplications);
  json_add_uint (builder, "one_hot_additions", cost.one_hot_additions);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "one_hot_product_equals_lookup");
  json_builder_add_boolean_value (builder, one_hot_equal);
  ws_cli_print_json (builder);
}

static void
print_text (WsEmbeddingLayer *layer,
            gsize             n_ids,
            const float      *rows)
{
  g_autofree char *weight = ws_torch_format_matrix (ws_embedding_layer_get_weight (layer),
                                                    ws_embedding_layer_get_vocab_size (layer),
                                                    ws_embedding_layer_get_dim (layer),
                                                    "requires_grad=True");

  /* As torch.nn.Parameter's repr. */
  printf ("Parameter containing:\n%s\n", weight);
  if (n_ids > 0)
    {
      g_autofree char *looked_up = ws_torch_format_matrix (rows, n_ids,
                                                           ws_embedding_layer_get_dim (layer),
                                                           "grad_fn=<EmbeddingBackward0>");

      printf ("\n%s\n", looked_up);
    }
}

int
ws_cli_embedding_layer (int    argc,
                        char **argv)
{
  gint64 vocab_size_arg = 0, dim_arg = 0;
  g_autofree char *seed_arg = NULL;
  g_autofree char *ids_arg = NULL;
  g_autofree char *kernel_arg = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "vocab-size", 'V', 0, G_OPTION_ARG_INT64, &vocab_size_arg,
      N_("Rows of the layer: the number of token ids"), "V" },
    { "dim", 'D', 0, G_OPTION_ARG_INT64, &dim_arg,
      N_("Columns of the layer: the dimension of each vector"), "D" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_arg,
      N_("The value given to torch.manual_seed"), "S" },
    { "ids", 'i', 0, G_OPTION_ARG_STRING, &ids_arg,
      N_("Token ids to look up, e.g. 2,3,5,1"), N_("LIST") },
    { "kernel", 0, 0, G_OPTION_ARG_STRING, &kernel_arg,
      N_("Whose last bits to match: vector (torch on AVX2 or AVX-512 processors, the "
         "default) or scalar (torch’s default kernels, as on x86-64 without AVX2)"), N_("KERNEL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsEmbeddingLayer) layer = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree float *rows = NULL;
  g_autofree float *product = NULL;
  WsTorchKernel kernel = WS_TORCH_KERNEL_VECTOR;
  gsize vocab_size, dim, n_ids = 0;
  guint64 seed;
  gboolean one_hot_equal = TRUE;

  g_set_prgname ("wordspace-cli embedding-layer");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("The weights torch.manual_seed(S); torch.nn.Embedding(V, D) "
                                  "starts from, bit for bit, and the rows the ids select, "
                                  "printed as torch prints them"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("wordspace-cli embedding-layer: %s\n", error->message);
      g_printerr (_("Run “wordspace-cli %s --help” to see the options.\n"), "embedding-layer");
      return WS_EXIT_USAGE;
    }
  if (argc != 1)
    {
      g_printerr (_("wordspace-cli embedding-layer: unexpected argument “%s”; ids are given "
                    "with --ids LIST\n"), argv[1]);
      return WS_EXIT_USAGE;
    }
  if (vocab_size_arg == 0 || dim_arg == 0 || seed_arg == NULL)
    {
      g_printerr (_("wordspace-cli embedding-layer: --vocab-size, --dim and --seed are needed, "
                    "e.g. --vocab-size 6 --dim 3 --seed 123\n"));
      return WS_EXIT_USAGE;
    }
  if (!parse_size ("vocab-size", vocab_size_arg, &vocab_size) || !parse_size ("dim", dim_arg, &dim))
    return WS_EXIT_USAGE;
  if (!parse_seed (seed_arg, &seed, &error))
    {
      g_printerr (_("wordspace-cli embedding-layer: --seed takes a whole number from "
                    "-9223372036854775808 to 18446744073709551615: %s\n"), error->message);
      return WS_EXIT_USAGE;
    }
  if (kernel_arg != NULL && strcmp (kernel_arg, "scalar") == 0)
    kernel = WS_TORCH_KERNEL_SCALAR;
  else if (kernel_arg != NULL && strcmp (kernel_arg, "vector") != 0)
    {
      g_printerr (_("wordspace-cli embedding-layer: --kernel takes vector or scalar, not “%s”\n"),
                  kernel_arg);
      return WS_EXIT_USAGE;
    }

  if (ids_arg != NULL)
    {
      ids = ws_embedding_layer_parse_ids (ids_arg, &n_ids, &error);
      if (error == NULL && n_ids == 0)
        g_set_error (&error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_ID_SYNTAX,
                     _("Token ids: the list is empty"));
      if (error != NULL)
        {
          ws_cli_print_error (error);
          return WS_EXIT_QUERY;
        }
    }

  layer = ws_embedding_layer_new_torch (vocab_size, dim, seed, kernel, &error);
  if (layer == NULL)
    {
      ws_cli_print_error (error);
      return WS_EXIT_FAILURE;
    }
  if (n_ids > 0)
    {
      rows = ws_embedding_layer_lookup (layer, ids, n_ids, &error);
      if (rows != NULL)
        product = ws_embedding_layer_one_hot_product (layer, ids, n_ids, &error);
      if (product == NULL)
        {
          ws_cli_print_error (error);
          return g_error_matches (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_ID_RANGE)
            ? WS_EXIT_QUERY : WS_EXIT_FAILURE;
        }
      one_hot_equal = memcmp (rows, product, n_ids * dim * sizeof (float)) == 0;
    }

  if (json)
    print_json (layer, ids, n_ids, rows, one_hot_equal);
  else
    print_text (layer, n_ids, rows);
  return WS_EXIT_OK;
}
