/* ws-suggest.c: known words to offer in place of an unknown one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Other casings are found by exact lookups of a few spellings of the word
 * (anywhere in the model) and by scanning a case-folded copy of the frequent
 * words; near spellings by an edit distance with early exit over the same
 * copy. The copy is folded UTF-8 (about 10 bytes a word for English), built
 * once per model and kept as its object data.
 */
#define G_LOG_DOMAIN "ws-suggest"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ws-query-error.h"
#include "ws-suggest.h"

/* Words longer than this (in characters) get no near spellings; the edit
 * distance rows live on the stack. */
#define MAX_CHARS 64

typedef struct
{
  gsize    n_rows;
  guint32 *starts;    /* n_rows + 1 offsets into pool */
  guint8  *n_chars;   /* folded length in characters, capped at 255 */
  guint64 *masks;     /* which characters (modulo 64) each word holds */
  char    *pool;      /* folded words, each NUL-terminated */
} FoldIndex;

typedef struct
{
  gsize row;
  guint distance;
} Candidate;

static GMutex index_lock;

static void
fold_index_free (gpointer data)
{
  FoldIndex *index = data;

  g_free (index->starts);
  g_free (index->n_chars);
  g_free (index->masks);
  g_free (index->pool);
  g_free (index);
}

static gboolean
is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

/* A set of the characters of @s, hashed to 64 bits. A character of one word
 * whose bit the other word lacks must be edited, and one edit touches one
 * character, so the bits set in one mask only bound the distance from below. */
static guint64
char_mask (const char *s)
{
  guint64 mask = 0;

  for (; *s != '\0'; s = g_utf8_next_char (s))
    mask |= G_GUINT64_CONSTANT (1) << (g_utf8_get_char (s) % 64);
  return mask;
}

/* Case-folded, NFC-normalised copy of @word, for comparisons that ignore
 * case. */
static char *
fold (const char *word)
{
  g_autofree char *normal = NULL;

  if (is_ascii (word))
    return g_ascii_strdown (word, -1);
  normal = g_utf8_normalize (word, -1, G_NORMALIZE_NFC);
  return g_utf8_casefold (normal != NULL ? normal : word, -1);
}

static FoldIndex *
fold_index_build (WsVectors *vectors)
{
  FoldIndex *index = g_new0 (FoldIndex, 1);
  g_autoptr(GString) pool = NULL;
  gsize total = 0;

  index->n_rows = MIN (ws_vectors_get_n_words (vectors), WS_SUGGEST_SEARCH_ROWS);
  for (gsize i = 0; i < index->n_rows; i++)
    total += strlen (ws_vectors_get_word (vectors, i)) + 1;

  pool = g_string_sized_new (total + total / 8);
  index->starts = g_new (guint32, index->n_rows + 1);
  index->n_chars = g_new (guint8, index->n_rows);
  index->masks = g_new (guint64, index->n_rows);

  for (gsize i = 0; i < index->n_rows; i++)
    {
      const char *word = ws_vectors_get_word (vectors, i);
      glong n;

      index->starts[i] = (guint32) pool->len;
      if (is_ascii (word))
        {
          /* The common case, without an allocation per word. */
          n = strlen (word);
          for (glong k = 0; k < n; k++)
            g_string_append_c (pool, g_ascii_tolower (word[k]));
        }
      else
        {
          g_autofree char *folded = fold (word);

          n = g_utf8_strlen (folded, -1);
          g_string_append (pool, folded);
        }
      index->masks[i] = char_mask (pool->str + index->starts[i]);
      g_string_append_c (pool, '\0');
      index->n_chars[i] = (guint8) MIN (n, 255);
    }
  index->starts[index->n_rows] = (guint32) pool->len;
  index->pool = g_string_free (g_steal_pointer (&pool), FALSE);
  return index;
}

static FoldIndex *
get_fold_index (WsVectors *vectors)
{
  static GQuark quark;
  FoldIndex *index;

  if (quark == 0)
    quark = g_quark_from_static_string ("ws-suggest-fold-index");

  g_mutex_lock (&index_lock);
  index = g_object_get_qdata (G_OBJECT (vectors), quark);
  if (index == NULL)
    {
      index = fold_index_build (vectors);
      g_object_set_qdata_full (G_OBJECT (vectors), quark, index, fold_index_free);
    }
  g_mutex_unlock (&index_lock);
  return index;
}

void
ws_suggest_prepare (WsVectors *vectors)
{
  g_return_if_fail (WS_IS_VECTORS (vectors));

  get_fold_index (vectors);
}

/* Decodes at most MAX_CHARS characters of @s into @out; returns how many,
 * or MAX_CHARS + 1 when @s is longer. */
static guint
decode (const char *s,
        gunichar   *out)
{
  guint n = 0;

  while (*s != '\0')
    {
      if (n == MAX_CHARS)
        return MAX_CHARS + 1;
      if ((guchar) *s < 0x80)
        out[n++] = (guchar) *s++;
      else
        {
          out[n++] = g_utf8_get_char (s);
          s = g_utf8_next_char (s);
        }
    }
  return n;
}

/* Optimal string alignment distance with early exit: once a whole row of
 * the table exceeds @max, the result can only grow. */
static guint
osa_distance (const gunichar *a,
              guint           n,
              const gunichar *b,
              guint           m,
              guint           max)
{
  guint buffers[3][MAX_CHARS + 1];
  guint *before = buffers[0], *prev = buffers[1], *cur = buffers[2];

  if ((n > m ? n - m : m - n) > max)
    return max + 1;

  for (guint j = 0; j <= m; j++)
    prev[j] = j;

  for (guint i = 1; i <= n; i++)
    {
      guint row_min;
      guint *t;

      cur[0] = i;
      row_min = i;
      for (guint j = 1; j <= m; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint v = prev[j - 1] + cost;

          v = MIN (v, prev[j] + 1);
          v = MIN (v, cur[j - 1] + 1);
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            v = MIN (v, before[j - 2] + 1);
          cur[j] = v;
          row_min = MIN (row_min, v);
        }
      if (row_min > max)
        return max + 1;
      t = before;
      before = prev;
      prev = cur;
      cur = t;
    }
  return MIN (prev[m], max + 1);
}

guint
ws_suggest_distance (const char *a,
                     const char *b,
                     guint       max)
{
  gunichar ua[MAX_CHARS + 1], ub[MAX_CHARS + 1];
  guint n, m;

  g_return_val_if_fail (a != NULL && b != NULL, max + 1);

  n = decode (a, ua);
  m = decode (b, ub);
  if (n > MAX_CHARS || m > MAX_CHARS)
    return max + 1;
  return osa_distance (ua, n, ub, m, max);
}

/* @s with its first character in title case. */
static char *
capitalize_first (const char *s)
{
  char buf[8];
  gint len;

  if (*s == '\0')
    return g_strdup (s);
  len = g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (s)), buf);
  return g_strdup_printf ("%.*s%s", len, buf, g_utf8_next_char (s));
}

/* Each part between “_”, “-” or a space capitalised: new_york → New_York. */
static char *
capitalize_parts (const char *lower)
{
  GString *out = g_string_new (NULL);
  gboolean start = TRUE;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, start ? g_unichar_totitle (c) : c);
      start = (c == '_' || c == '-' || c == ' ');
    }
  return g_string_free (out, FALSE);
}

static void
add_candidate (GArray *candidates,
               gsize   row,
               guint   distance)
{
  Candidate c = { row, distance };

  g_array_append_val (candidates, c);
}

/* Exact lookups of the spellings a person most often means. */
static void
add_case_variants (WsVectors  *vectors,
                   const char *word,
                   GArray     *candidates)
{
  GString *plain = g_string_new (word);
  g_autofree char *spaced = NULL;
  g_autofree char *lower = NULL;
  char *variants[6];
  guint n = 0;

  /* Spaces as Google News joins phrases, and the typographic apostrophe
   * an editor puts in “it’s” as models write it. */
  g_string_replace (plain, " ", "_", 0);
  g_string_replace (plain, "\u2019", "'", 0);
  spaced = g_string_free (plain, FALSE);
  lower = g_utf8_strdown (spaced, -1);
  variants[n++] = g_strdup (spaced);
  variants[n++] = g_strdup (lower);
  variants[n++] = g_utf8_strup (spaced, -1);
  variants[n++] = capitalize_parts (lower);
  variants[n++] = capitalize_first (lower);
  variants[n++] = capitalize_first (spaced);

  for (guint i = 0; i < n; i++)
    {
      gsize row;

      if (strcmp (variants[i], word) != 0 && ws_vectors_lookup (vectors, variants[i], &row))
        add_candidate (candidates, row, 0);
      g_free (variants[i]);
    }
}

static void
add_near_spellings (WsVectors  *vectors,
                    const char *word,
                    GArray     *candidates)
{
  FoldIndex *index = get_fold_index (vectors);
  g_autofree char *folded = fold (word);
  gunichar target[MAX_CHARS + 1];
  gunichar other[MAX_CHARS + 1];
  guint64 mask;
  guint n, max;

  n = decode (folded, target);
  if (n > MAX_CHARS || n == 0)
    return;
  max = n <= 3 ? 1 : 2;
  mask = char_mask (folded);

  for (gsize i = 0; i < index->n_rows; i++)
    {
      guint m = index->n_chars[i];
      guint d;

      if ((m > n ? m - n : n - m) > max)
        continue;
      if ((guint) __builtin_popcountll (mask & ~index->masks[i]) > max ||
          (guint) __builtin_popcountll (index->masks[i] & ~mask) > max)
        continue;
      m = decode (index->pool + index->starts[i], other);
      if (m > MAX_CHARS)
        continue;
      d = osa_distance (target, n, other, m, max);
      if (d <= max && strcmp (ws_vectors_get_word (vectors, i), word) != 0)
        add_candidate (candidates, i, d);
    }
}

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return 0;
}

GStrv
ws_suggest (WsVectors  *vectors,
            const char *word,
            guint       max_suggestions)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint n = 0;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  builder = g_strv_builder_new ();
  if (max_suggestions == 0 || !g_utf8_validate (word, -1, NULL))
    return g_strv_builder_end (builder);

  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  add_case_variants (vectors, word, candidates);
  add_near_spellings (vectors, word, candidates);
  g_array_sort (candidates, compare_candidates);

  seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < candidates->len && n < max_suggestions; i++)
    {
      gsize row = g_array_index (candidates, Candidate, i).row;

      if (!g_hash_table_add (seen, GSIZE_TO_POINTER (row + 1)))
        continue;
      g_strv_builder_add (builder, ws_vectors_get_word (vectors, row));
      n++;
    }
  return g_strv_builder_end (builder);
}

char *
ws_suggest_format_unknown (const char         *word,
                           const char * const *suggestions)
{
  g_autofree char *list = NULL;

  g_return_val_if_fail (word != NULL, NULL);

  if (suggestions == NULL || suggestions[0] == NULL)
    return g_strdup_printf (_("“%s” is not in the model."), word);

  list = g_strjoinv (", ", (GStrv) suggestions);
  /* TRANSLATORS: the first %s is the unknown word, the second a list of
   * known words separated by commas. */
  return g_strdup_printf (_("“%s” is not in the model. Did you mean: %s?"), word, list);
}

gboolean
ws_suggest_check_word (WsVectors   *vectors,
                       const char  *word,
                       GError     **error)
{
  g_auto(GStrv) suggestions = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  if (ws_vectors_contains (vectors, word))
    return TRUE;

  suggestions = ws_suggest (vectors, word, WS_SUGGEST_MAX);
  message = ws_suggest_format_unknown (word, (const char * const *) suggestions);
  g_set_error_literal (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD, message);
  return FALSE;
}
