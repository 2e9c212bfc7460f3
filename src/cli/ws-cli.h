/* ws-cli.h: what the wordspace-cli commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ws-vectors.h"

G_BEGIN_DECLS

/* Documented exit codes (see `wordspace-cli --help`). */
enum
{
  WS_EXIT_OK = 0,
  WS_EXIT_QUERY = 1,   /* the query can't be answered: unknown word, parse error */
  WS_EXIT_USAGE = 2,   /* wrong arguments */
  WS_EXIT_MODEL = 3,   /* the model can't be read or parsed, or is not a scene's */
  WS_EXIT_FAILURE = 4, /* anything else: an output file can't be written… */
  WS_EXIT_SCENE = 5,   /* a scene file or figure can't be read or is malformed */
};

/* How results are printed: --format, or --json. */
typedef enum
{
  WS_CLI_FORMAT_TEXT,      /* aligned columns for a terminal */
  WS_CLI_FORMAT_JSON,
  WS_CLI_FORMAT_MARKDOWN,  /* a Markdown (GFM) table, for tutorials */
  WS_CLI_FORMAT_CSV,       /* RFC 4180, with a header line */
  WS_CLI_FORMAT_TSV,       /* tab-separated, with a header line */
} WsCliFormat;

/* Options every command that reads a model accepts. */
typedef struct
{
  char     *model;
  gint64    limit;
  gint64    topn;
  gint64    restrict_vocab;
  char     *utf8;
  gboolean  json;          /* also set by --format json */
  char     *format_name;
  WsCliFormat format;
  gboolean  quiet;
  gboolean  no_cache;
} WsCliOptions;

typedef int (*WsCliRunFunc) (int argc, char **argv);

typedef struct
{
  const char   *name;
  const char   *args;     /* e.g. "WORD" */
  const char   *summary;
  WsCliRunFunc  run;
} WsCliCommand;

/* Parses @argv (argv[0] is the command name) with the common options plus
 * @extra (may be NULL). Prints usage errors itself. Returns FALSE on a usage
 * error (exit WS_EXIT_USAGE). */
gboolean   ws_cli_parse           (const char         *command,
                                   const char         *args,
                                   const char         *summary,
                                   const GOptionEntry *extra,
                                   WsCliOptions       *options,
                                   int                *argc,
                                   char             ***argv);
void       ws_cli_options_clear   (WsCliOptions       *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WsCliOptions, ws_cli_options_clear)

/* The model path: --model, else $WORDSPACE_MODEL, else the bundled model.
 * A catalogue model's name stays a name here (see ws_models_resolve ()). */
char      *ws_cli_model_path      (const WsCliOptions *options);
/* Whether @path is the bundled model (in the source tree or installed). */
gboolean   ws_cli_is_bundled_model (const char        *path);
/* Loads the model with progress on stderr when it is a terminal. NULL after
 * printing the error: exit WS_EXIT_MODEL. */
WsVectors *ws_cli_load_model      (const WsCliOptions *options);

/* Prints @error as "wordspace-cli: message" on stderr. */
void       ws_cli_print_error     (const GError       *error);
/* Starts a JSON document {"model": {...}, "command": name}; the caller adds
 * members and ends it with ws_cli_print_json. */
JsonBuilder *ws_cli_json_begin    (const char         *command,
                                   WsVectors          *vectors);
void       ws_cli_print_json      (JsonBuilder        *builder);

/* A table in @format (markdown, csv or tsv): @header names the columns,
 * @rows holds GStrv rows of as many cells. Markdown scores are printed as
 * given; cells are escaped as each format needs. */
void       ws_cli_print_table     (WsCliFormat         format,
                                   const char * const *header,
                                   GPtrArray          *rows);
/* A score as the tables print it: 4 places in Markdown (to read), the
 * float's shortest exact form in CSV and TSV (to compute with); "nan". */
char      *ws_cli_format_score    (WsCliFormat         format,
                                   float               score);

/* Ranked results (GArray of WsScored, see ws-similarity.h): aligned lines
 * "rank  word  0.1234", a table with the columns rank, word, score (see
 * --format), or a "results" member of {"word", "score"} objects (score null
 * for NaN). */
void       ws_cli_print_scored    (const WsCliOptions *options,
                                   WsVectors          *vectors,
                                   GArray             *results);
void       ws_cli_json_add_scored (JsonBuilder        *builder,
                                   WsVectors          *vectors,
                                   GArray             *results);

/* Commands, one file per group. */
int ws_cli_info         (int argc, char **argv);
int ws_cli_has          (int argc, char **argv);
int ws_cli_vector       (int argc, char **argv);
int ws_cli_neighbors    (int argc, char **argv);
int ws_cli_query        (int argc, char **argv);
int ws_cli_cosmul       (int argc, char **argv);
int ws_cli_similarity   (int argc, char **argv);
int ws_cli_doesnt_match (int argc, char **argv);
int ws_cli_train        (int argc, char **argv);
int ws_cli_project      (int argc, char **argv);
int ws_cli_evaluate     (int argc, char **argv);
int ws_cli_render       (int argc, char **argv);
int ws_cli_embedding_layer (int argc, char **argv);
int ws_cli_models       (int argc, char **argv);
int ws_cli_download     (int argc, char **argv);

G_END_DECLS
