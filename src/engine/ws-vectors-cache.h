/* ws-vectors-cache.h: a memory-mappable cache of loaded models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After ws_vectors_load () parses a file, the model is written (in the
 * background) to $XDG_CACHE_HOME/wordspace/<hash>.wsvc, named after the
 * file's canonical path and the load options that change what is loaded
 * (limit, UTF-8 policy, format). The next load of the same file maps that
 * cache read-only and answers from it without reading every page: only the
 * vocabulary (words, offsets, hash slots) is read and checked.
 *
 * A cache is used only when its header checks out: magic, version, byte
 * order, the source's size, modification time, inode and device as they are
 * now, the options, sizes and offsets consistent with the cache file's
 * length, and a CRC-32 over the header and the vocabulary. Anything else
 * (truncated, damaged, stale) makes the cache file be removed, and the file
 * is parsed and cached anew. The four most recently used caches are kept;
 * writing a fifth removes the least recently used. A file modified less than
 * a second before it was read is not cached (a same-size rewrite within the
 * file system's timestamp granularity could go unnoticed), as git does with
 * "racily clean" files.
 *
 * The float arrays are not checksummed (that would be a pass over every
 * row); a crash while the cache was being written back to disk could leave
 * wrong floats behind a valid header. Writes are not fsync'ed.
 *
 * File layout (native byte order, marked in the header): a 4096-byte header
 * holding WsVectorsCacheHeader and its section table, then each section at a
 * 4096-byte aligned offset. Adding a section: a new WsVectorsCacheSectionId,
 * a member in WsVectorsStorage, a line in the writer's and the reader's
 * tables, and WS_VECTORS_CACHE_VERSION + 1.
 */
#pragma once

#include "ws-vectors.h"

G_BEGIN_DECLS

#define WS_VECTORS_CACHE_MAGIC        "WSVCACHE"
#define WS_VECTORS_CACHE_VERSION      2
#define WS_VECTORS_CACHE_BYTE_ORDER   0x01020304u
#define WS_VECTORS_CACHE_ALIGN        4096
#define WS_VECTORS_CACHE_HEADER_SIZE  4096
#define WS_VECTORS_CACHE_MAX_SECTIONS 32

typedef enum
{
  WS_VECTORS_CACHE_SECTION_PATH = 1,    /* the source's canonical path (no NUL) */
  WS_VECTORS_CACHE_SECTION_POOL,        /* the words, each NUL-terminated */
  WS_VECTORS_CACHE_SECTION_OFFSETS,     /* guint64 per word: start in the pool */
  WS_VECTORS_CACHE_SECTION_SLOTS,       /* guint32 per hash slot: row + 1, 0 free */
  WS_VECTORS_CACHE_SECTION_NORMS,       /* float per word */
  WS_VECTORS_CACHE_SECTION_MATRIX,      /* float, words × dim, as in the file */
  WS_VECTORS_CACHE_SECTION_UNIT,        /* float, words × dim, unit rows; absent for a
                                         * model too large to keep them (ws-vectors.c) */
  WS_VECTORS_CACHE_SECTION_QCODES,      /* int8, words × qstride: quantized unit rows */
  WS_VECTORS_CACHE_SECTION_QSCALES,     /* float per word */
  WS_VECTORS_CACHE_SECTION_QERRORS,     /* float per word */
} WsVectorsCacheSectionId;

/* Set on the sections the vocabulary checksum covers. */
#define WS_VECTORS_CACHE_SECTION_CHECKSUMMED 1u

typedef struct
{
  guint32 id;
  guint32 flags;
  guint64 offset;                       /* from the start of the cache file */
  guint64 size;                         /* bytes */
} WsVectorsCacheSection;

typedef struct
{
  char    magic[8];                     /* WS_VECTORS_CACHE_MAGIC */
  guint32 version;
  guint32 byte_order;                   /* WS_VECTORS_CACHE_BYTE_ORDER as written */
  guint32 header_size;
  guint32 n_sections;
  guint64 file_size;                    /* the whole cache file */

  /* The key: the source as it was when it was parsed, and the options. */
  guint64 source_size;
  gint64  source_mtime_sec;
  gint64  source_mtime_nsec;
  guint64 source_inode;
  guint64 source_device;
  guint64 option_limit;
  guint32 option_utf8_policy;
  guint32 option_format;

  /* The model. */
  guint64 dim;
  guint64 n_words;
  guint64 n_slots;
  guint64 n_duplicates;
  guint64 qstride;                      /* 0: no quantized sections */
  guint32 format;                       /* as detected */
  guint32 compressed;

  guint32 vocabulary_crc;               /* CRC-32 of the checksummed sections, in table order */
  guint32 header_crc;                   /* CRC-32 of this header (header_crc as 0) and the table */

  WsVectorsCacheSection sections[WS_VECTORS_CACHE_MAX_SECTIONS];
} WsVectorsCacheHeader;

G_STATIC_ASSERT (sizeof (WsVectorsCacheHeader) <= WS_VECTORS_CACHE_HEADER_SIZE);

/* What a cache is looked up by: the source as stat () sees it now, and the
 * options. */
typedef struct _WsVectorsCacheKey WsVectorsCacheKey;

/* NULL when @path cannot be stat'ed (the loader then reports the error). */
WsVectorsCacheKey *ws_vectors_cache_key_new   (const char          *path,
                                               const WsLoadOptions *options);
void               ws_vectors_cache_key_free  (WsVectorsCacheKey   *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsVectorsCacheKey, ws_vectors_cache_key_free)

/* Where the cache of @path loaded with @options lives (whether or not it
 * exists); NULL when @path cannot be stat'ed. */
char              *ws_vectors_cache_file_for  (const char          *path,
                                               const WsLoadOptions *options);

/* Maps the cache for @key when it is valid (the model then says
 * ws_vectors_get_from_cache ()); NULL otherwise, after removing an invalid
 * cache file. Never an error: the caller parses the file instead. */
WsVectors         *ws_vectors_cache_open      (WsVectorsCacheKey   *key,
                                               WsProgressFunc       progress,
                                               gpointer             progress_data);
/* Writes @vectors, parsed from @key's source, to the cache, atomically
 * (temporary file and rename). FALSE with @error when it cannot. */
gboolean           ws_vectors_cache_write     (WsVectorsCacheKey   *key,
                                               WsVectors           *vectors,
                                               GError             **error);
/* The same in a background thread, which holds a reference on @vectors
 * until done; takes @key. A failure is logged (once as a message, then as
 * debug output), never reported. */
void               ws_vectors_cache_save      (WsVectorsCacheKey   *key,
                                               WsVectors           *vectors);
/* Whether a background write is pending or running. */
gboolean           ws_vectors_cache_is_writing (void);
/* Waits until every background write started so far is done (a program
 * calls this before it exits, after answering). */
void               ws_vectors_cache_wait      (void);

G_END_DECLS
