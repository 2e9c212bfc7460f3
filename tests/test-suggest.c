/* test-suggest.c: what an unknown-word message offers instead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ws-suggest.h"
#include "ws-query-error.h"
#include "ws-test-util.h"

static WsVectors *
model_of (const char * const *words,
          gsize               n)
{
  g_autofree float *m = g_new0 (float, n * 2);
  g_autoptr(GError) error = NULL;
  WsVectors *v;

  for (gsize i = 0; i < n; i++)
    {
      m[2 * i] = 1.0f;
      m[2 * i + 1] = (float) i;
    }
  v = ws_vectors_new_from_data (words, m, n, 2, &error);
  g_assert_no_error (error);
  return v;
}

#define MODEL(...) \
  ({ static const char *w_[] = { __VA_ARGS__ }; model_of (w_, G_N_ELEMENTS (w_)); })

/* The suggestions joined with “|”. */
static char *
suggest_joined (WsVectors  *v,
                const char *word,
                guint       max)
{
  g_auto(GStrv) s = ws_suggest (v, word, max);

  g_assert_nonnull (s);
  return g_strjoinv ("|", s);
}

#define assert_suggests(v, word, expected) \
  G_STMT_START { \
    g_autofree char *got_ = suggest_joined ((v), (word), WS_SUGGEST_MAX); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

static void
test_distance (void)
{
  g_assert_cmpuint (ws_suggest_distance ("king", "king", 2), ==, 0);
  g_assert_cmpuint (ws_suggest_distance ("king", "kings", 2), ==, 1);
  g_assert_cmpuint (ws_suggest_distance ("kings", "king", 2), ==, 1);
  g_assert_cmpuint (ws_suggest_distance ("king", "kong", 2), ==, 1);
  g_assert_cmpuint (ws_suggest_distance ("teh", "the", 2), ==, 1);     /* a swap is one edit */
  g_assert_cmpuint (ws_suggest_distance ("acress", "caress", 2), ==, 1);
  g_assert_cmpuint (ws_suggest_distance ("kitten", "sitting", 5), ==, 3);
  g_assert_cmpuint (ws_suggest_distance ("kitten", "sitting", 2), ==, 3); /* above max: max + 1 */
  g_assert_cmpuint (ws_suggest_distance ("", "abc", 5), ==, 3);
  g_assert_cmpuint (ws_suggest_distance ("abc", "", 5), ==, 3);
  g_assert_cmpuint (ws_suggest_distance ("", "", 2), ==, 0);
  /* Optimal string alignment: a swapped pair is not edited again. */
  g_assert_cmpuint (ws_suggest_distance ("ca", "abc", 5), ==, 3);
  /* Characters, not bytes; case counts here. */
  g_assert_cmpuint (ws_suggest_distance ("naïve", "naive", 2), ==, 1);
  g_assert_cmpuint (ws_suggest_distance ("Königin", "königin", 2), ==, 1);
  g_assert_cmpuint (ws_suggest_distance ("東京", "京東", 2), ==, 1);
  g_assert_cmpuint (ws_suggest_distance ("москва", "мосвка", 2), ==, 1);
}

static void
test_other_casings_first (void)
{
  g_autoptr(WsVectors) v = MODEL ("the", "Indian", "India", "INDIA", "indie", "Indiana", "inida");

  /* Casings by rank, then near spellings by distance, then rank. */
  assert_suggests (v, "india", "India|INDIA|Indian|indie|inida");
  assert_suggests (v, "INDIA", "India|Indian|indie|inida|Indiana");
}

static void
test_casing_beats_frequency (void)
{
  g_autoptr(WsVectors) v = MODEL ("the", "king", "kings", "ring", "Kingg", "KING");

  assert_suggests (v, "kingg", "Kingg|king|kings|KING|ring");
  assert_suggests (v, "King", "king|KING|kings|ring|Kingg");
}

static void
test_known_word_not_offered (void)
{
  g_autoptr(WsVectors) v = MODEL ("king", "kings", "King");

  assert_suggests (v, "king", "King|kings");
}

static void
test_phrases (void)
{
  g_autoptr(WsVectors) v = MODEL ("the", "New_York", "new", "York", "crown_prince", "Crown_Prince",
                                  "Los_Angeles_Lakers");

  assert_suggests (v, "new york", "New_York");
  assert_suggests (v, "new_york", "New_York");
  assert_suggests (v, "NEW YORK", "New_York");
  assert_suggests (v, "crown prince", "crown_prince|Crown_Prince");
  assert_suggests (v, "los angeles lakers", "Los_Angeles_Lakers");
  assert_suggests (v, "Los_Angeles_Laker", "Los_Angeles_Lakers");
}

static void
test_apostrophes (void)
{
  g_autoptr(WsVectors) v = MODEL ("the", "it's", "don't", "It's");

  assert_suggests (v, "it’s", "it's|It's");
  assert_suggests (v, "DON’T", "don't");
  assert_suggests (v, "its", "it's|It's");
}

static void
test_unicode (void)
{
  g_autoptr(WsVectors) v = MODEL ("Königin", "König", "Straße", "Москва", "москвы", "東京", "ΟΔΟΣ");

  assert_suggests (v, "königin", "Königin|König");
  assert_suggests (v, "KÖNIGIN", "Königin|König");
  /* Case folding: ß is ss, final sigma is sigma. */
  assert_suggests (v, "STRASSE", "Straße");
  assert_suggests (v, "strase", "Straße");
  assert_suggests (v, "москва", "Москва|москвы");
  assert_suggests (v, "МОСКВЫ", "москвы|Москва");
  assert_suggests (v, "οδος", "ΟΔΟΣ");
  assert_suggests (v, "東", "東京");
  /* Decomposed input (o + combining diaeresis) matches the composed word. */
  assert_suggests (v, "Ko\xcc\x88nigin", "Königin|König");
}

static void
test_short_words_one_edit (void)
{
  g_autoptr(WsVectors) v = MODEL ("a", "an", "the", "to", "of", "and", "tea", "cat");

  /* Up to three characters: one edit at most, so “and” and “to” (two away from “ab”) are not offered. */
  assert_suggests (v, "teh", "the|tea");
  assert_suggests (v, "ab", "a|an");
}

static void
test_at_most_max (void)
{
  g_autoptr(WsVectors) v = MODEL ("cat", "bat", "hat", "mat", "rat", "sat", "vat", "pat");
  g_auto(GStrv) two = ws_suggest (v, "zat", 2);
  g_auto(GStrv) none = ws_suggest (v, "zat", 0);

  assert_suggests (v, "zat", "cat|bat|hat|mat|rat");
  g_assert_cmpuint (g_strv_length (two), ==, 2);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  assert_suggests (v, "qqqqqqq", "");
  assert_suggests (v, "", "");
  assert_suggests (v, "c\xfft", "");
}

static void
test_long_words (void)
{
  g_autoptr(GString) long_word = g_string_new (NULL);
  const char *words[3];
  g_autoptr(WsVectors) v = NULL;
  g_autofree char *upper = NULL;

  for (int i = 0; i < 300; i++)
    g_string_append_c (long_word, 'a' + i % 26);
  words[0] = "the";
  words[1] = long_word->str;
  words[2] = "abc";
  v = model_of (words, 3);
  upper = g_ascii_strup (long_word->str, -1);
  /* Over 64 characters: casings only, no edit distance. */
  {
    g_auto(GStrv) s = ws_suggest (v, upper, 5);

    g_assert_cmpuint (g_strv_length (s), ==, 1);
    g_assert_cmpstr (s[0], ==, long_word->str);
  }
  g_string_truncate (long_word, 299);
  {
    g_auto(GStrv) s = ws_suggest (v, long_word->str, 5);

    g_assert_cmpuint (g_strv_length (s), ==, 0);
  }
}

/* Near spellings are looked for among the frequent words only; other
 * casings anywhere. */
static void
test_search_rows (void)
{
  gsize n = WS_SUGGEST_SEARCH_ROWS + 1000;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WsVectors) v = NULL;
  gint64 start, elapsed;

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (words, g_strdup_printf ("w%" G_GSIZE_FORMAT "x", i));
  g_free (words->pdata[10]);
  words->pdata[10] = g_strdup ("frequent");
  g_free (words->pdata[n - 10]);
  words->pdata[n - 10] = g_strdup ("Rareword");
  g_free (words->pdata[n - 5]);
  words->pdata[n - 5] = g_strdup ("frequents");
  v = model_of ((const char * const *) words->pdata, n);

  start = g_get_monotonic_time ();
  ws_suggest_prepare (v);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("index of %d words built in %.1f ms", WS_SUGGEST_SEARCH_ROWS, elapsed / 1000.0);

  start = g_get_monotonic_time ();
  assert_suggests (v, "rareword", "Rareword");
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("one suggestion over %" G_GSIZE_FORMAT " words: %.1f ms", n, elapsed / 1000.0);
  /* “frequents” is near but beyond the frequent rows. */
  assert_suggests (v, "frequnt", "frequent");
  /* Within two edits, by distance then rank; never a row past the frequent ones. */
  assert_suggests (v, "w199999", "w19999x|w199999x|w1999x|w9999x|w10999x");
}

static void
test_message (void)
{
  const char *three[] = { "king", "kings", "Kingg", NULL };
  const char *none[] = { NULL };
  g_autofree char *a = ws_suggest_format_unknown ("kingg", three);
  g_autofree char *b = ws_suggest_format_unknown ("xyzzy", none);
  g_autofree char *c = ws_suggest_format_unknown ("xyzzy", NULL);

  g_assert_cmpstr (a, ==, "“kingg” is not in the model. Did you mean: king, kings, Kingg?");
  g_assert_cmpstr (b, ==, "“xyzzy” is not in the model.");
  g_assert_cmpstr (c, ==, b);
}

static void
test_check_word (void)
{
  g_autoptr(WsVectors) v = MODEL ("the", "king", "kings", "India");
  g_autoptr(GError) error = NULL;

  g_assert_true (ws_suggest_check_word (v, "king", &error));
  g_assert_no_error (error);
  g_assert_false (ws_suggest_check_word (v, "kingg", &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  g_assert_cmpstr (error->message, ==, "“kingg” is not in the model. Did you mean: king, kings?");
  g_clear_error (&error);
  g_assert_false (ws_suggest_check_word (v, "india", &error));
  g_assert_cmpstr (error->message, ==, "“india” is not in the model. Did you mean: India?");
  g_assert_false (ws_suggest_check_word (v, "india", NULL));
}

/* Loads a shared test file; NULL (the test skipped) when the data is
 * absent. */
static WsVectors *
load_test_file (const char *name)
{
  g_autofree char *path = ws_test_data_path (name);
  g_autoptr(GError) error = NULL;
  WsVectors *v;

  if (path == NULL)
    return NULL;
  v = ws_vectors_load (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return v;
}

/* On a real GloVe file, as a person would type. */
static void
test_glove (void)
{
  g_autoptr(WsVectors) v = load_test_file ("test_glove.txt");

  if (v == NULL)
    return;
  /* Checked against a brute-force optimal string alignment in Python over
   * the file's 76 words. */
  assert_suggests (v, "The", "the|he|they|she");
  assert_suggests (v, "Said", "said|and|had");
  assert_suggests (v, "peple", "people");
  assert_suggests (v, "Peoples", "people");
  assert_suggests (v, "É", "é|ö|ü|a|-");
}

/* Cyrillic words of a fastText file. */
static void
test_cyrillic_file (void)
{
  g_autoptr(WsVectors) v = load_test_file ("crime-and-punishment.vec");
  g_auto(GStrv) s = NULL;
  const char *word = NULL;

  if (v == NULL)
    return;
  /* Some word of 5+ letters, upper-cased, finds its lower-case self first. */
  for (gsize i = 0; i < ws_vectors_get_n_words (v) && word == NULL; i++)
    {
      const char *w = ws_vectors_get_word (v, i);
      g_autofree char *up = g_utf8_strup (w, -1);
      g_autofree char *down = g_utf8_strdown (w, -1);

      if (g_utf8_strlen (w, -1) >= 5 && strcmp (w, down) == 0 && strcmp (up, w) != 0 &&
          !ws_vectors_contains (v, up))
        word = w;
    }
  g_assert_nonnull (word);
  {
    g_autofree char *up = g_utf8_strup (word, -1);

    s = ws_suggest (v, up, WS_SUGGEST_MAX);
  }
  g_assert_cmpstr (s[0], ==, word);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggest/distance", test_distance);
  g_test_add_func ("/suggest/other-casings-first", test_other_casings_first);
  g_test_add_func ("/suggest/casing-beats-frequency", test_casing_beats_frequency);
  g_test_add_func ("/suggest/known-word-not-offered", test_known_word_not_offered);
  g_test_add_func ("/suggest/phrases", test_phrases);
  g_test_add_func ("/suggest/apostrophes", test_apostrophes);
  g_test_add_func ("/suggest/unicode", test_unicode);
  g_test_add_func ("/suggest/short-words-one-edit", test_short_words_one_edit);
  g_test_add_func ("/suggest/at-most-max", test_at_most_max);
  g_test_add_func ("/suggest/long-words", test_long_words);
  g_test_add_func ("/suggest/search-rows", test_search_rows);
  g_test_add_func ("/suggest/message", test_message);
  g_test_add_func ("/suggest/check-word", test_check_word);
  g_test_add_func ("/suggest/glove", test_glove);
  g_test_add_func ("/suggest/cyrillic-file", test_cyrillic_file);

  return g_test_run ();
}
