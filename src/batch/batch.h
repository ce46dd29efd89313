/* batch.h - `vanban batch`: one template, one data table, one document per
 * row (docs/batch.md).
 *
 *   vanban batch bao-cao.xml huyen.csv -o out/ --format pdf,docx --jobs 2
 *
 * Rows are filled and rendered by --jobs threads sharing one read-only
 * engine; each output is written under a temporary name in OUTDIR and
 * renamed when complete, so a run killed at any moment leaves only complete
 * files under final names, and the next run (--skip-existing finishes the
 * job) removes the temporary leftovers. OUTDIR/manifest.csv lists every
 * row's files, pages and SHA-256. --shard K/N renders the rows whose index
 * mod N is K: N machines together write exactly the files of one run. */
#ifndef VB_BATCH_H
#define VB_BATCH_H

#include "vanban.h"

typedef struct vb_batch_opts {
    const char *tmpl;     /* the template (a format-v1 document with placeholders) */
    const char *data;     /* .csv or .xlsx */
    const char *sheet;    /* the workbook's sheet, or NULL: the first */
    const char *outdir;
    const char *name;     /* file name pattern, or NULL: the row's number */
    int pdf, docx;        /* formats to write */
    int jobs;             /* threads; 0: one per core */
    unsigned shard_k, shard_n; /* this run's rows: index mod shard_n == shard_k */
    int skip_existing;
    int progress;         /* -1: a bar when stderr is a terminal; 0: none; 1: plain lines */
    int verbose;
    vb_engine_opts eng;
} vb_batch_opts;

void vb_batch_opts_init(vb_batch_opts *o);

/* Runs the batch. Returns the exit status: 0 every row written (or already
 * there), 1 a row or the template or data is invalid, 2 wrong options,
 * 3 a file could not be read or written, 4 fonts or data files missing,
 * 5 out of memory. */
int vb_batch_run(const vb_batch_opts *o);

/* The command line of `vanban batch` (argv[0] is "batch"). */
int vb_batch_main(int argc, char **argv);

#endif
