/* bench-layout.c: the label layout and the drawing of dense maps, against
 * the layout they replaced, on the same points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For n = 100, 1,000, 10,000 and 100,000 synthetic points (clustered as a
 * neighbourhood is; the query word and ten best results among them), at
 * 1920 × 1080 and text scale 1: the layout's time (wall and CPU, the
 * median of several runs), the drawing's (ws_plot_render_layout on a cairo
 * image surface), how many labels were drawn and deferred; and the old
 * layout's time on the same points where it finishes in reasonable time
 * (up to --legacy-max points; it grows much faster than n). The machine is
 * shared: the CPU times are the steadier figures.
 *
 * Usage: bench-layout [--runs N] [--legacy-max N] [--max N]
 */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "ws-plot-layout-private.h"
#include "ws-plot-render.h"
#include "ws-plot-scene.h"

#define WIDTH  1920
#define HEIGHT 1080

static WsPlotScene *
make_scene (guint n)
{
  WsPlotScene *scene = ws_plot_scene_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  WsPlotBounds bounds = { -1, 1, -1, 1 };
  double centres[8][2];

  for (int c = 0; c < 8; c++)
    {
      centres[c][0] = g_rand_double_range (rand, -0.7, 0.7);
      centres[c][1] = g_rand_double_range (rand, -0.7, 0.7);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = g_strdup_printf ("%c%.*s%u", 'a' + i % 26, (int) (i * 7 % 10),
                                               "wordlength", i);
      WsPlotRole role = i == 0 ? WS_PLOT_ROLE_QUERY_POSITIVE :
                        i < n / 2 ? WS_PLOT_ROLE_RESULT : WS_PLOT_ROLE_NEIGHBOR;
      int c = g_rand_int_range (rand, 0, 8);
      double r = 0.15 * sqrt (-2 * log (1 - g_rand_double (rand)));
      double t = 2 * G_PI * g_rand_double (rand);

      ws_plot_scene_add_point (scene, word,
                               CLAMP (centres[c][0] + r * cos (t), -1, 1),
                               CLAMP (centres[c][1] + r * sin (t), -1, 1),
                               role, role == WS_PLOT_ROLE_RESULT ? 1.0 - (double) i / n : NAN);
    }
  ws_plot_scene_set_bounds (scene, &bounds);
  ws_plot_scene_set_title (scene, "bench");
  ws_plot_scene_set_axes_variance (scene, "PC1", 10.0, "PC2", 9.0);
  return scene;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double
wall_seconds (void)
{
  return g_get_monotonic_time () * 1e-6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof (double), (int (*) (const void *, const void *)) compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

typedef struct
{
  double layout_wall, layout_cpu, draw_wall, draw_cpu;
  guint  drawn, deferred;
} Timing;

static Timing
run (WsPlotScene *scene,
     gboolean     legacy,
     int          runs)
{
  double lw[runs], lc[runs], dw[runs], dc[runs];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  Timing t = { 0 };

  for (int r = 0; r < runs; r++)
    {
      double w0 = wall_seconds (), c0 = cpu_seconds ();
      g_autoptr(WsPlotLayout) layout = legacy ? ws_plot_layout_compute_legacy (scene, WIDTH, HEIGHT)
                                              : ws_plot_layout_compute (scene, WIDTH, HEIGHT);
      double w1 = wall_seconds (), c1 = cpu_seconds ();
      cairo_t *cr = cairo_create (surface);

      ws_plot_render_layout (cr, layout);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      lw[r] = w1 - w0;
      lc[r] = c1 - c0;
      dw[r] = wall_seconds () - w1;
      dc[r] = cpu_seconds () - c1;
      if (r == 0)
        for (guint i = 0; i < ws_plot_layout_get_n_points (layout); i++)
          {
            const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, i);

            t.drawn += p->visible && p->label.width > 0;
            t.deferred += p->visible && p->deferred;
          }
    }
  cairo_surface_destroy (surface);
  t.layout_wall = median (lw, runs);
  t.layout_cpu = median (lc, runs);
  t.draw_wall = median (dw, runs);
  t.draw_cpu = median (dc, runs);
  return t;
}

int
main (int   argc,
      char *argv[])
{
  gint64 runs = 5, legacy_max = 1000, max = 100000;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT64, &runs, "Runs per case (the median is shown)", "N" },
    { "legacy-max", 0, 0, G_OPTION_ARG_INT64, &legacy_max,
      "Time the old layout up to this many points", "N" },
    { "max", 0, 0, G_OPTION_ARG_INT64, &max, "Largest map", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— label layout benchmark");
  g_autoptr(GError) error = NULL;
  static const guint sizes[] = { 100, 1000, 10000, 100000 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-layout: %s\n", error->message);
      return 2;
    }
  runs = CLAMP (runs, 1, 100);

  printf ("# Label layout and drawing, %d × %d, text scale 1, median of %" G_GINT64_FORMAT
          " runs; times in ms, wall / CPU\n", WIDTH, HEIGHT, runs);
  printf ("| points | layout | draw | labels drawn | deferred | old layout | old / new (CPU) |\n");
  printf ("|---:|---:|---:|---:|---:|---:|---:|\n");
  for (gsize k = 0; k < G_N_ELEMENTS (sizes) && sizes[k] <= max; k++)
    {
      g_autoptr(WsPlotScene) scene = make_scene (sizes[k]);
      Timing t = run (scene, FALSE, (int) runs);
      g_autofree char *old = NULL, *ratio = NULL;

      if (sizes[k] <= legacy_max)
        {
          /* The old layout is slow enough that one run says it. */
          Timing o = run (scene, TRUE, sizes[k] <= 100 ? (int) runs : 1);

          old = g_strdup_printf ("%.1f / %.1f", o.layout_wall * 1e3, o.layout_cpu * 1e3);
          ratio = g_strdup_printf ("%.0f×", o.layout_cpu / MAX (t.layout_cpu, 1e-6));
        }
      else
        {
          old = g_strdup_printf ("skipped (> %" G_GINT64_FORMAT " points)", legacy_max);
          ratio = g_strdup ("–");
        }
      printf ("| %u | %.1f / %.1f | %.1f / %.1f | %u | %u | %s | %s |\n", sizes[k],
              t.layout_wall * 1e3, t.layout_cpu * 1e3, t.draw_wall * 1e3, t.draw_cpu * 1e3,
              t.drawn, t.deferred, old, ratio);
      fflush (stdout);
    }
  return 0;
}
