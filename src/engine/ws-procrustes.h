/* ws-procrustes.h: orthogonal Procrustes alignment of one point set to another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Successive maps of the same words (PCA of snapshots taken while training)
 * come out turned and mirrored arbitrarily: PCA axes have no preferred sign,
 * and they swing as the vectors change. Aligning each map to the one before
 * keeps the picture still, so only the real movement of the words shows.
 *
 * Given the reference points A and the new points B (n × k each, row-major,
 * row i of both being the same word), the orthogonal R (k × k) that minimises
 * ‖B R - A‖ is R = U Vᵀ, where U Σ Vᵀ is the singular value decomposition of
 * Bᵀ A. R turns and may mirror: a map whose PCA axis flipped sign comes back
 * unflipped. With allow_reflection FALSE, R is the best proper rotation
 * (det R = +1, the Kabsch solution) instead. No translation or scaling: PCA
 * coordinates are already centred on the mean.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces @points (@n × @k doubles) by @points R, the orthogonal transform
 * closest to @reference (@n × @k). When @rotation is not NULL it receives R
 * (k × k, row-major). Returns FALSE only when LAPACK's SVD fails to converge,
 * leaving @points unchanged and @rotation the identity. */
gboolean ws_procrustes_align (const double *reference,
                              double       *points,
                              gsize         n,
                              gsize         k,
                              gboolean      allow_reflection,
                              double       *rotation);

G_END_DECLS
