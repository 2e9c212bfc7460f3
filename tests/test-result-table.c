/* test-result-table.c: results as Markdown, CSV, TSV and a Python list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected Python text is what gensim 4.2's most_similar printed for a
 * four-word model (its scores are float32 values widened to doubles):
 *   [('queen', 0.9939990043640137), ("it's", 0.7745966911315918),
 *    ('man', 0.6666666269302368)]
 */
#include "config.h"

#include <math.h>

#include "ws-result-table.h"

static const char * const words[] = { "queen", "it's", "man", NULL };
static const float scores[] = { 0.9939990043640137f, 0.7745966911315918f, 0.6666666269302368f };

static void
test_python_list (void)
{
  g_autofree char *text = ws_result_table_scored (WS_RESULT_TABLE_PYTHON, words, scores, 3);

  g_assert_cmpstr (text, ==, "[('queen', 0.9939990043640137), (\"it's\", 0.7745966911315918), "
                             "('man', 0.6666666269302368)]\n");
}

static void
test_python_scores (void)
{
  /* repr (float (numpy.float32 (x))) for each. */
  const struct { float score; const char *repr; } cases[] = {
    { 0.71181267f, "0.7118126749992371" },
    { 1.0f, "1.0" },
    { -0.5f, "-0.5" },
    { 1e-5f, "9.999999747378752e-06" },
    { 0.1f, "0.10000000149011612" },
    { -0.00012345678f, "-0.0001234567753272131" },
    { 0.99999994f, "0.9999999403953552" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ws_result_table_format_score (WS_RESULT_TABLE_PYTHON, cases[i].score);
      g_assert_cmpstr (got, ==, cases[i].repr);
    }
  {
    g_autofree char *got = ws_result_table_format_score (WS_RESULT_TABLE_PYTHON, NAN);
    g_assert_cmpstr (got, ==, "nan");
  }
}

static void
test_python_str (void)
{
  /* As Python 3's repr () of each. */
  const char *cases[][2] = {
    { "it's", "\"it's\"" },
    { "a\"b", "'a\"b'" },
    { "x\\y", "'x\\\\y'" },
    { "tab\t", "'tab\\t'" },
    { "stra\xc3\x9f" "e", "'stra\xc3\x9f" "e'" },
    { "both'\"", "'both\\'\"'" },
    { "\x01", "'\\x01'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ws_result_table_python_str (cases[i][0]);
      g_assert_cmpstr (got, ==, cases[i][1]);
    }
}

static void
test_markdown (void)
{
  g_autofree char *text = ws_result_table_scored (WS_RESULT_TABLE_MARKDOWN, words, scores, 3);

  g_assert_cmpstr (text, ==,
                   "| rank | word | score |\n"
                   "| ---: | --- | ---: |\n"
                   "| 1 | queen | 0.9940 |\n"
                   "| 2 | it's | 0.7746 |\n"
                   "| 3 | man | 0.6667 |\n");
}

static void
test_csv_and_tsv (void)
{
  const char * const odd[] = { "a,b", "say \"hi\"", "tab\there", NULL };
  const float s[] = { 0.5f, -0.25f, 0.1f };
  g_autofree char *csv = ws_result_table_scored (WS_RESULT_TABLE_CSV, odd, s, 3);
  g_autofree char *tsv = ws_result_table_scored (WS_RESULT_TABLE_TSV, odd, s, 3);
  g_autofree char *md = ws_result_table_scored (WS_RESULT_TABLE_MARKDOWN,
                                                (const char * const[]) { "a|b", NULL }, s, 1);

  g_assert_cmpstr (csv, ==,
                   "rank,word,score\r\n"
                   "1,\"a,b\",0.5\r\n"
                   "2,\"say \"\"hi\"\"\",-0.25\r\n"
                   "3,tab\there,0.1\r\n");
  g_assert_cmpstr (tsv, ==,
                   "rank\tword\tscore\n"
                   "1\ta,b\t0.5\n"
                   "2\tsay \"hi\"\t-0.25\n"
                   "3\ttab here\t0.1\n");
  g_assert_cmpstr (md, ==, "| rank | word | score |\n| ---: | --- | ---: |\n| 1 | a\\|b | 0.5000 |\n");
}

static void
test_empty (void)
{
  g_autofree char *py = ws_result_table_scored (WS_RESULT_TABLE_PYTHON, NULL, NULL, 0);
  g_autofree char *csv = ws_result_table_scored (WS_RESULT_TABLE_CSV, NULL, NULL, 0);

  g_assert_cmpstr (py, ==, "[]\n");
  g_assert_cmpstr (csv, ==, "rank,word,score\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/result-table/python-list", test_python_list);
  g_test_add_func ("/result-table/python-scores", test_python_scores);
  g_test_add_func ("/result-table/python-str", test_python_str);
  g_test_add_func ("/result-table/markdown", test_markdown);
  g_test_add_func ("/result-table/csv-and-tsv", test_csv_and_tsv);
  g_test_add_func ("/result-table/empty", test_empty);
  return g_test_run ();
}
