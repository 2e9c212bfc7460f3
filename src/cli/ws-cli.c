/* ws-cli.c: wordspace-cli, the command-line front end of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ws-cli.h"
#include "ws-locale.h"

static const WsCliCommand commands[] = {
  { "info", "", N_("Describe the model: words, dimensions, format"), ws_cli_info },
  { "has", N_("WORD"), N_("Whether the model knows WORD (exit 0 yes, 1 no)"), ws_cli_has },
  { "vector", N_("WORD"), N_("Print the vector of WORD and its shape"), ws_cli_vector },
  { "neighbors", N_("WORD"), N_("The words closest to WORD (gensim’s most_similar)"), ws_cli_neighbors },
  { "query", N_("EXPR"), N_("Words nearest to EXPR: king - man + woman, man : king :: woman : ?"), ws_cli_query },
  { "cosmul", N_("EXPR"), N_("The same by 3CosMul (gensim’s most_similar_cosmul)"), ws_cli_cosmul },
  { "similarity", N_("A B [C D …]"), N_("The cosine similarity of each pair of words"), ws_cli_similarity },
  { "doesnt-match", N_("WORD…"), N_("The word that goes least with the others"), ws_cli_doesnt_match },
  { "train", N_("--corpus FILE --out FILE"), N_("Learn word vectors from a text corpus (word2vec)"), ws_cli_train },
  { "project", N_("(--query EXPR | WORD…)"), N_("Place words on a 2D or 3D map (PCA or analogy axes)"), ws_cli_project },
  { "evaluate", N_("analogies|pairs FILE"), N_("Score the model on an analogy or word-pair benchmark"), ws_cli_evaluate },
  { "render", N_("(--query EXPR | --scene FILE) --out FILE"),
    N_("Draw the map of a query, or rebuild a figure from its scene, to PNG, SVG or PDF"), ws_cli_render },
  { "embedding-layer", N_("-V V -D D -s SEED [--ids LIST]"), N_("torch.nn.Embedding’s initial weights and the rows of token ids"), ws_cli_embedding_layer },
  { "models", "", N_("List the models Wordspace can download, and which are here"), ws_cli_models },
  { "download", N_("NAME"), N_("Download a model of the catalogue (see “models”)"), ws_cli_download },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: wordspace-cli COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (out, "%s\n", _("Explore word embeddings from the command line."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *head = g_strdup_printf ("%s %s", commands[i].name, _(commands[i].args));
      glong width = g_utf8_strlen (head, -1);

      /* Columns are counted in characters, not bytes (“…” is three bytes). */
      if (width <= 30)
        fprintf (out, "  %s%*s %s\n", head, (int) (30 - width), "", _(commands[i].summary));
      else
        fprintf (out, "  %s\n  %30s %s\n", head, "", _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Run “wordspace-cli COMMAND --help” for a command’s options."));
  fprintf (out, "\n%s\n", _("Exit status:"));
  fprintf (out, "  0  %s\n", _("answered"));
  fprintf (out, "  1  %s\n", _("the query can’t be answered (unknown word, parse error)"));
  fprintf (out, "  2  %s\n", _("usage error"));
  fprintf (out, "  3  %s\n", _("the model can’t be read or parsed"));
  fprintf (out, "  3  %s\n", _("a scene’s model is missing or not the one it was made with"));
  fprintf (out, "  4  %s\n", _("another failure (an output file can’t be written…)"));
  fprintf (out, "  5  %s\n", _("a scene (or the figure carrying it) can’t be read or is malformed"));
  fprintf (out, "  130  %s\n", _("a download stopped by Ctrl+C (run it again to resume)"));
}

int
main (int    argc,
      char **argv)
{
  ws_locale_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return WS_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return WS_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("wordspace-cli %s\n", PACKAGE_VERSION);
      return WS_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        return commands[i].run (argc - 1, argv + 1);
    }

  g_printerr (_("wordspace-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return WS_EXIT_USAGE;
}
