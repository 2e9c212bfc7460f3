/* ws-catalogue.h: the models Wordspace can download, and which are here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WS_MODELS_ERROR (ws_models_error_quark ())

typedef enum
{
  WS_MODELS_ERROR_CATALOGUE,   /* the catalogue file can't be read or is malformed */
  WS_MODELS_ERROR_UNKNOWN,     /* no model of that name in the catalogue */
  WS_MODELS_ERROR_NOT_HERE,    /* a catalogue model not yet on this machine */
  WS_MODELS_ERROR_HTTP,        /* the server answered with an error status */
  WS_MODELS_ERROR_NETWORK,     /* the connection failed or dropped */
  WS_MODELS_ERROR_CHECKSUM,    /* the download's md5 is not the catalogue's */
  WS_MODELS_ERROR_NO_SPACE,    /* not enough room for the file */
  WS_MODELS_ERROR_IO,          /* a local file can't be written or read */
} WsModelsError;

GQuark ws_models_error_quark (void);

/* One model of the catalogue. Sizes are 0 when the catalogue doesn't say. */
typedef struct
{
  char    *name;
  char    *url;
  guint64  num_records;
  guint    dimension;
  guint64  file_size;      /* bytes of the .gz */
  char    *checksum;       /* md5 of the .gz, lower-case hex; NULL if unknown */
  char    *license;        /* short name: "PDDL", "CC BY 4.0"… */
  char    *license_url;    /* may be NULL */
  char    *base_dataset;   /* may be NULL */
  char    *description;    /* may be NULL */
} WsCatalogueEntry;

typedef struct _WsCatalogue WsCatalogue;

/* The catalogue in $WORDSPACE_CATALOGUE when set, else the one shipped in
 * data/ (the source tree's first, so an uninstalled build finds it). */
WsCatalogue            *ws_catalogue_load_default  (GError          **error);
/* Reads a catalogue: {"models": [{"name", "num_records", "dimension",
 * "file_size", "checksum", "license", …, optional "url"}]}. Errors name
 * the file and, for a bad entry, its position. */
WsCatalogue            *ws_catalogue_load          (const char       *path,
                                                    GError          **error);
WsCatalogue            *ws_catalogue_ref           (WsCatalogue      *self);
void                    ws_catalogue_unref         (WsCatalogue      *self);
const char             *ws_catalogue_get_path      (WsCatalogue      *self);
guint                   ws_catalogue_get_n_entries (WsCatalogue      *self);
const WsCatalogueEntry *ws_catalogue_get_entry     (WsCatalogue      *self,
                                                    guint             index);
/* NULL when no model has that name. */
const WsCatalogueEntry *ws_catalogue_lookup        (WsCatalogue      *self,
                                                    const char       *name);

/* Where downloads go: $XDG_DATA_HOME/wordspace/models. */
char                   *ws_models_dir              (void);
/* Where gensim's downloader keeps its files: $GENSIM_DATA_DIR, else
 * ~/gensim-data (as gensim's downloader.py decides). */
char                   *ws_models_gensim_dir       (void);
/* The model's .gz on this machine: ours (ws_models_dir ()/NAME.gz) first,
 * then gensim's (GENSIM_DIR/NAME/NAME.gz). NULL when neither exists. */
char                   *ws_catalogue_entry_find_local (const WsCatalogueEntry *entry);

/* What --model NAME means: an existing file is itself; a catalogue name is
 * that model's local file, or WS_MODELS_ERROR_NOT_HERE saying how to get
 * it; anything else is returned unchanged, for the loader to report. */
char                   *ws_models_resolve          (const char       *name_or_path,
                                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsCatalogue, ws_catalogue_unref)

G_END_DECLS
