/* cmd_merge.c: reluscape merge PART.csv... [-o FILE.csv]: the parts that
 * the shards of a run wrote (--shard I/N, shard.h) put back together,
 * byte for byte the table of the unsharded run. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cmd/commands.h"
#include "export/export.h"
#include "cli/shard.h"

static const char merge_usage[] =
  "Usage: reluscape merge PART.csv... [-o FILE.csv]\n"
  "Put together the parts that the shards of one run wrote with --shard\n"
  "I/N (reluscape experiment ... --shard I/N, reluscape surface --basin\n"
  "... --shard I/N), in any order: the header, the rows of shards 1 to N\n"
  "in order, then the run's '#' lines; byte for byte the table that the\n"
  "run makes unsharded.  Refused, naming the files, when the parts come\n"
  "from different settings, a shard is missing or given twice.\n"
  "\n"
  "  -o, --output FILE   write to FILE (whole or not at all) instead of\n"
  "                      standard output\n"
  "  -h, --help          show this help and exit\n"
  "  -V, --version       show the version and exit\n"
  "\n"
  "Exit status: 0 success; 1 the output could not be written; 2 parts\n"
  "that do not make one run, or bad options.\n";

/* The largest part read. */
#define MAX_PART (1L << 30)

/* One part: its text, and where its rows and its '#' lines start. */
typedef struct {
  const char *path;
  char *text;
  size_t len;
  size_t header;      /* bytes of the header line */
  size_t rows;        /* offset of the first row */
  size_t footer;      /* offset of the '#' lines */
  size_t settings;    /* bytes of the '#' lines before '# shard' */
  size_t i, n;        /* shard I/N */
} part;

/* Read path whole into p->text; CLI_USAGE with a message otherwise. */
static int
read_part (const char *path, part *p)
{
  FILE *f = fopen (path, "rb");
  struct stat st;

  p->path = path;
  if (f == NULL || fstat (fileno (f), &st) != 0 || !S_ISREG (st.st_mode)
      || st.st_size > MAX_PART)
    {
      cli_message ("merge: %s: cannot read: %s", path, f == NULL
                   ? strerror (errno) : "not a regular file of at most "
                   "1 GiB");
      if (f != NULL)
        fclose (f);
      return CLI_USAGE;
    }
  p->len = (size_t) st.st_size;
  p->text = malloc (p->len + 1);
  if (p->text == NULL || fread (p->text, 1, p->len, f) != p->len)
    {
      cli_message ("merge: %s: cannot read", path);
      fclose (f);
      return CLI_USAGE;
    }
  fclose (f);
  p->text[p->len] = '\0';
  return CLI_OK;
}

/* Find p's header, rows, '#' lines and its last line '# shard: I/N';
 * CLI_USAGE with a message when it is not a part. */
static int
split_part (part *p)
{
  char *t = p->text, *nl = memchr (t, '\n', p->len), *last;
  size_t off;

  if (nl == NULL || p->len < 2 || t[p->len - 1] != '\n')
    goto not_a_part;
  p->header = (size_t) (nl - t) + 1;
  p->rows = off = p->header;
  while (off < p->len && t[off] != '#')
    off += (size_t) ((char *) memchr (t + off, '\n', p->len - off) - (t + off))
           + 1;
  p->footer = off;
  t[p->len - 1] = '\0';
  last = strrchr (t, '\n');
  t[p->len - 1] = '\n';
  if (last == NULL || (size_t) (last + 1 - t) < p->footer
      || sscanf (last + 1, "# shard: %zu/%zu", &p->i, &p->n) != 2
      || p->i < 1 || p->i > p->n)
    goto not_a_part;
  p->settings = (size_t) (last + 1 - t) - p->footer;
  return CLI_OK;

not_a_part:
  cli_message ("merge: %s: not a part of a sharded run (its last line is "
               "not '# shard: I/N')", p->path);
  return CLI_USAGE;
}

/* The first line where a and b differ, into buf, as "'x' against 'y'". */
static const char *
first_difference (const char *a, size_t na, const char *b, size_t nb,
                  char *buf, size_t n)
{
  size_t k = 0, s;

  while (k < na && k < nb && a[k] == b[k])
    k++;
  s = k;
  while (s > 0 && a[s - 1] != '\n')
    s--;
  snprintf (buf, n, "'%.*s' against '%.*s'",
            (int) strcspn (a + s, "\n") > 100 ? 100
            : (int) strcspn (a + s, "\n"), s < na ? a + s : "",
            (int) strcspn (b + s, "\n") > 100 ? 100
            : (int) strcspn (b + s, "\n"), s < nb ? b + s : "");
  return buf;
}

/* Whether part q has the header and the '#' lines of the first part;
 * CLI_USAGE with a message naming both and their first difference
 * otherwise. */
static int
same_settings (const part *q, const part *first)
{
  int head = q->header != first->header
             || memcmp (q->text, first->text, first->header) != 0;
  char diff[320];

  if (!head && q->settings == first->settings
      && memcmp (q->text + q->footer, first->text + first->footer,
                 first->settings) == 0)
    return CLI_OK;
  cli_message ("merge: %s and %s come from different settings: %s",
               q->path, first->path, head
               ? first_difference (q->text, q->header, first->text,
                                   first->header, diff, sizeof diff)
               : first_difference (q->text + q->footer, q->settings,
                                   first->text + first->footer,
                                   first->settings, diff, sizeof diff));
  return CLI_USAGE;
}

/* Whether the parts make one run: one N, the same header and '#' lines,
 * every shard 1 ... N once.  CLI_USAGE with a message naming the files
 * otherwise; *order then holds part indices by shard. */
static int
check_parts (const part *p, size_t np, size_t *order)
{
  for (size_t k = 0; k < p[0].n; k++)
    order[k] = (size_t) -1;
  for (size_t k = 0; k < np; k++)
    {
      if (p[k].n != p[0].n)
        return cli_message ("merge: %s is shard %zu/%zu, but %s is one of "
                            "%zu shards: parts of different runs", p[k].path,
                            p[k].i, p[k].n, p[0].path, p[0].n), CLI_USAGE;
      if (same_settings (&p[k], &p[0]) != CLI_OK)
        return CLI_USAGE;
      if (order[p[k].i - 1] != (size_t) -1)
        return cli_message ("merge: %s and %s are both shard %zu/%zu",
                            p[order[p[k].i - 1]].path, p[k].path, p[k].i,
                            p[k].n), CLI_USAGE;
      order[p[k].i - 1] = k;
    }
  for (size_t k = 0; k < p[0].n; k++)
    if (order[k] == (size_t) -1)
      return cli_message ("merge: shard %zu/%zu is missing (%zu of %zu "
                          "parts given)", k + 1, p[0].n, np, p[0].n),
             CLI_USAGE;
  return CLI_OK;
}

/* What write_merged needs. */
typedef struct {
  const part *p;
  const size_t *order;
} merge_job;

static int
write_merged (FILE *f, void *data, const char **why)
{
  const merge_job *m = data;
  const part *first = &m->p[m->order[0]];

  fwrite (first->text, 1, first->header, f);
  for (size_t k = 0; k < first->n; k++)
    {
      const part *q = &m->p[m->order[k]];

      fwrite (q->text + q->rows, 1, q->footer - q->rows, f);
    }
  fwrite (first->text + first->footer, 1, first->settings, f);
  *why = ferror (f) ? strerror (EIO) : NULL;
  return ferror (f) ? -1 : 0;
}

/* -o FILE into *(const char **) out; CLI_OK, CLI_USAGE, or -1 after
 * --help or --version. */
static int
one_option (int c, void *out)
{
  if (c != 'o')
    return cli_common_option (c, "merge", merge_usage);
  *(const char **) out = optarg;
  return CLI_OK;
}

/* Parse the options; the index of the first part into *first, -1 after
 * --help or --version. */
static int
parse_options (int argc, char **argv, const char **out, int *first)
{
  static const struct option opts[] = {
    { "output", required_argument, NULL, 'o' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
  };
  int rc = cli_getopt (argc, argv, "o:hV", opts, one_option, out);

  if (rc != CLI_OK)
    return rc;
  if (optind == argc)
    return cli_usage_error ("merge", "no parts given");
  *first = optind;
  return CLI_OK;
}

/* Read, check and write; the parts are freed by the caller. */
static int
merge_parts (part *p, size_t np, const char *out)
{
  size_t *order;
  const char *why;
  int rc = CLI_OK;

  for (size_t k = 0; k < np && rc == CLI_OK; k++)
    if ((rc = read_part (p[k].path, &p[k])) == CLI_OK)
      rc = split_part (&p[k]);
  if (rc != CLI_OK)
    return rc;
  if ((order = malloc (p[0].n * sizeof *order)) == NULL)
    return cli_message ("merge: out of memory"), CLI_FAILURE;
  if ((rc = check_parts (p, np, order)) == CLI_OK)
    {
      merge_job m = { p, order };

      if (out != NULL)
        rc = cli_export_file (out, write_merged, &m);
      if (out == NULL && (write_merged (stdout, &m, &why) != 0
                          || fflush (stdout) != 0))
        {
          cli_message ("standard output: cannot write");
          rc = CLI_FAILURE;
        }
    }
  free (order);
  return rc;
}

int
cmd_merge (int argc, char **argv)
{
  const char *out = NULL;
  int first = 0, rc = parse_options (argc, argv, &out, &first);
  size_t np;
  part *p;

  if (rc != CLI_OK)
    return rc < 0 ? CLI_OK : rc;
  np = (size_t) (argc - first);
  if ((p = calloc (np, sizeof *p)) == NULL)
    return cli_message ("merge: out of memory"), CLI_FAILURE;
  for (size_t k = 0; k < np; k++)
    p[k].path = argv[first + (int) k];
  rc = merge_parts (p, np, out);
  for (size_t k = 0; k < np; k++)
    free (p[k].text);
  free (p);
  return rc;
}
