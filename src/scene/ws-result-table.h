/* ws-result-table.h: results as text for tutorials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI's --format markdown|csv|tsv and the window's "Copy as…" share
 * these functions, so a table pasted from the window and one printed by
 * wordspace-cli are the same text. No GTK here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WS_RESULT_TABLE_MARKDOWN,  /* a GitHub-flavoured Markdown table */
  WS_RESULT_TABLE_CSV,       /* RFC 4180, a header line, CR LF line ends */
  WS_RESULT_TABLE_TSV,       /* tab-separated, a header line */
  WS_RESULT_TABLE_PYTHON,    /* gensim's most_similar as Python prints it */
} WsResultTableFormat;

/* A table in @format (not PYTHON): @header names the columns, @rows holds
 * GStrv rows of as many cells. Cells are escaped as each format needs;
 * Markdown aligns the columns named "rank" and "score" right. */
char *ws_result_table_format       (WsResultTableFormat  format,
                                    const char * const  *header,
                                    GPtrArray           *rows);
/* A score as the tables write it: four places in Markdown (to read), the
 * float's shortest exact form in CSV and TSV (to compute with), and in
 * PYTHON what Python's repr () gives of the float widened to a double,
 * as gensim returns it (0.7118126749992371); "nan" when NaN. */
char *ws_result_table_format_score (WsResultTableFormat  format,
                                    float                score);
/* Ranked words and their scores: a table with the columns rank, word and
 * score, or for PYTHON the list `[('queen', 0.7118126749992371), …]`
 * followed by a newline. */
char *ws_result_table_scored       (WsResultTableFormat  format,
                                    const char * const  *words,
                                    const float         *scores,
                                    gsize                n);
/* @text as Python's repr () writes a str: in single quotes, unless it
 * holds one and no double quote. */
char *ws_result_table_python_str   (const char          *text);

G_END_DECLS
