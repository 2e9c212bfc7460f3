/* ws-torch-random.h: PyTorch 1.13's CPU random generator and its normal_ fill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same numbers as torch.manual_seed (seed) followed by
 * tensor.normal_ (mean, std) on a contiguous float32 CPU tensor, bit for bit.
 *
 * What torch does (checked value by value against python3-torch 1.13):
 * - the generator is an MT19937 seeded with the low 32 bits of the seed
 *   (manual_seed (5), manual_seed (2**32 + 5) and manual_seed (5 - 2**64)
 *   give the same numbers);
 * - a float uniform in [0, 1) is the low 24 bits of one 32-bit draw × 2⁻²⁴, a
 *   double uniform the low 53 bits of a 64-bit draw (first 32-bit draw high,
 *   second low) × 2⁻⁵³;
 * - a tensor of 16 or more elements is first filled with float uniforms, one
 *   per element in order, then turned into normals 16 at a time by
 *   Box–Muller: for j < 8, u1 = 1 - x[j], u2 = x[j + 8], x[j] = r cos θ,
 *   x[j + 8] = r sin θ, with r = √(-2 ln u1) and θ = 2π u2. When the size is
 *   not a multiple of 16, the last 16 elements get 16 fresh uniforms and are
 *   transformed again (overwriting up to 15 normals already made);
 * - a tensor of fewer than 16 elements takes double normals one at a time:
 *   two double uniforms u1, u2 give r = √(-2 ln (1 - u2)), θ = 2π u1, the
 *   value r cos θ, and r sin θ is kept for the next value; each is cast to
 *   float.
 *
 * The blocks of 16 are computed in one of two ways, as torch chooses by the
 * processor it runs on (its "CPU capability"), and the results differ in the
 * last bits (up to about 2e-6):
 * - WS_TORCH_KERNEL_VECTOR: machines where torch runs its AVX2 or AVX-512
 *   kernels (most x86-64 machines since 2013): ln, sin and cos are the
 *   cephes-style single-precision polynomials torch evaluates eight lanes at
 *   a time, with its compiler's fused multiply-adds;
 * - WS_TORCH_KERNEL_SCALAR: machines where torch runs its default kernels
 *   (ATEN_CPU_CAPABILITY=default, x86-64 without AVX2): the C library's logf,
 *   cosf and sinf. torch built for ARM runs these kernels too, but its
 *   compiler may fuse multiply-adds there: its last bits are unchecked.
 * This file reproduces both without vector instructions, so either result
 * comes out on any machine. Sizes below 16 do not depend on the kernel.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WS_TORCH_KERNEL_VECTOR,
  WS_TORCH_KERNEL_SCALAR,
} WsTorchKernel;

typedef struct _WsTorchGenerator WsTorchGenerator;

/* A generator in the state torch.manual_seed (@seed) leaves: negative seeds
 * are taken modulo 2⁶⁴, as torch does. */
WsTorchGenerator *ws_torch_generator_new         (guint64            seed);
void              ws_torch_generator_free        (WsTorchGenerator  *generator);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsTorchGenerator, ws_torch_generator_free)

/* The next 32-bit draw (torch's generator.random ()). */
guint32           ws_torch_generator_random      (WsTorchGenerator  *generator);
/* Two draws made one 64-bit number, the first one high. */
guint64           ws_torch_generator_random64    (WsTorchGenerator  *generator);

/* Fills @data (@n floats, contiguous) as tensor.normal_ (@mean, @std) does,
 * computing the blocks of 16 as @kernel says. */
void              ws_torch_generator_normal_fill (WsTorchGenerator  *generator,
                                                  WsTorchKernel      kernel,
                                                  float             *data,
                                                  gsize              n,
                                                  float              mean,
                                                  float              std);

G_END_DECLS
