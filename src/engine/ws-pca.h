/* ws-pca.h: principal component analysis equal to scikit-learn 1.2's PCA
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same numbers as sklearn.decomposition.PCA (n_components=k).fit_transform:
 * the rows are centred on their mean, the top k principal axes are found, and
 * each row's coordinates are its centred vector projected on them.
 * explained_variance = eigenvalue / (n_rows - 1) and explained_variance_ratio
 * = eigenvalue / total sum of squares, as scikit-learn defines them.
 *
 * How it is computed: the k largest eigenpairs, in double precision, of the
 * smaller of the two symmetric matrices A Aᵀ (n × n, when there are fewer rows
 * than dimensions) and AᵀA (d × d), A being the centred rows; both are built
 * with ssyrk. Small eigenproblems go to LAPACK's dsyevr; larger ones use
 * Chebyshev-filtered subspace iteration on dgemm (falling back to dsyevr when
 * it does not converge), which finds two or three eigenpairs of a 300 × 300
 * matrix several times faster than a full tridiagonalisation.
 *
 * Sign convention (scikit-learn's svd_flip with u_based_decision=True): on
 * each axis, the row whose coordinate has the largest magnitude gets a
 * positive coordinate. To keep signs from flipping between runs on rounding
 * noise, rows are scanned in order and a later row takes over that role only
 * when its magnitude exceeds the current one by more than a factor 1 + 1e-6;
 * so of two rows tied in magnitude (as the two words of a two-word set always
 * are) the first one decides. scikit-learn picks the exact maximum, so the two
 * can differ only when two rows' magnitudes are within 1e-6 of each other.
 *
 * Degenerate sets: an axis with no variance (identical rows, or more axes
 * asked than the rows span) gets coordinates 0, explained variance 0, and a
 * zero component vector; when all rows are identical the ratios are NaN
 * (0 / 0, as scikit-learn reports them). Asking for more components than
 * min (n_rows, dim) — which scikit-learn refuses — gives such zero axes.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WS_PCA_MAX_COMPONENTS 3

#define WS_TYPE_PCA (ws_pca_get_type ())
G_DECLARE_FINAL_TYPE (WsPca, ws_pca, WS, PCA, GObject)

/* Local PCA of @n_rows rows (at least 2) of @matrix (row-major, rows of @dim
 * floats): the rows numbered in @rows, or the first @n_rows rows when @rows is
 * NULL. When @coordinates is not NULL it receives n_rows × n_components
 * values, row-major. Errors are WS_QUERY_ERROR_INVALID. */
WsPca        *ws_pca_fit                        (const float   *matrix,
                                                 gsize          dim,
                                                 const gsize   *rows,
                                                 gsize          n_rows,
                                                 guint          n_components,
                                                 double        *coordinates,
                                                 GError       **error);
/* Global PCA of all @n_rows rows of @matrix, for matrices of millions of rows:
 * the covariance is accumulated over blocks of 4096 rows by @n_threads
 * threads. 0 picks: one thread when OpenBLAS itself runs multi-threaded (its
 * threads then share each product), otherwise as many as there are
 * processors, at most 2. Uses about n_threads × (4096 + 3 dim) × dim × 4
 * bytes beyond the matrix (16 MB for 300 dimensions and 2 threads), plus
 * OpenBLAS's own buffers. */
WsPca        *ws_pca_fit_global                 (const float   *matrix,
                                                 gsize          n_rows,
                                                 gsize          dim,
                                                 guint          n_components,
                                                 guint          n_threads,
                                                 GCancellable  *cancellable,
                                                 GError       **error);
/* Where ws_pca_fit_global_rows () reads its rows: @n_rows (at most 4096)
 * consecutive rows from row @first, row-major, either pointing into storage
 * of the caller's or written into @scratch (room for @n_rows rows) and
 * returning @scratch. Called from several threads at once. */
typedef const float *(*WsPcaRowsFunc) (gpointer  data,
                                       gsize     first,
                                       gsize     n_rows,
                                       float    *scratch);
/* ws_pca_fit_global () over rows that need not be stored as one matrix
 * (computed a block at a time, e.g. unit rows derived on demand): the same
 * result as ws_pca_fit_global () on the matrix @source hands out, in two
 * passes over it. */
WsPca        *ws_pca_fit_global_rows            (WsPcaRowsFunc  source,
                                                 gpointer       source_data,
                                                 gsize          n_rows,
                                                 gsize          dim,
                                                 guint          n_components,
                                                 guint          n_threads,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

/* Coordinates of rows (centred on the fit's mean) on the fit's axes: rows
 * numbered in @rows of @matrix, or its first @n_rows when @rows is NULL.
 * @coordinates receives n_rows × n_components values. */
void          ws_pca_transform                  (WsPca         *self,
                                                 const float   *matrix,
                                                 const gsize   *rows,
                                                 gsize          n_rows,
                                                 double        *coordinates);

guint         ws_pca_get_n_components           (WsPca         *self);
gsize         ws_pca_get_dim                    (WsPca         *self);
/* How many rows the axes were fit on. */
gsize         ws_pca_get_n_samples              (WsPca         *self);
/* dim values. */
const double *ws_pca_get_mean                   (WsPca         *self);
/* n_components × dim, row-major: unit vectors (or zero, see above). */
const double *ws_pca_get_components             (WsPca         *self);
const double *ws_pca_get_explained_variance     (WsPca         *self);
const double *ws_pca_get_explained_variance_ratio (WsPca       *self);
/* Sum over the dimensions of the rows' variance (ddof 1). */
double        ws_pca_get_total_variance         (WsPca         *self);

G_END_DECLS
