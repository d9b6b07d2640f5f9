/* anim.c: animations of a run, as PNG frames or through ffmpeg.
 *
 * Each frame is the figure at one recorded point, drawn into one image
 * surface that is reused.  ffmpeg reads the raw pixels on its standard
 * input (cairo's ARGB32 is B, G, R, A in memory on a little-endian
 * machine: "bgra") and writes a temporary file beside the target; the
 * file is renamed to the target only when ffmpeg has exited with 0.  A
 * program that cannot be started is reported through a close-on-exec
 * pipe: the child writes its errno there when execvp fails. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>

#include "export/anim.h"
#include "export/export.h"
#include "export/tempfile.h"

rs_anim_format
rs_anim_format_of (const char *path)
{
  static const char *const suffixes[] = { ".mp4", ".gif" };

  return (rs_anim_format) rs_file_suffix_in (path, suffixes, 2);
}

/* Draw frame fr of fig into the image surface s, over the landscapes of
 * its point (computed again when they changed), morphing as it says;
 * NULL, or why it could not be drawn. */
static const char *
draw_frame (cairo_surface_t *s, rs_figure *fig, const rs_anim_frame *fr)
{
  static char why[600];
  cairo_t *cr;
  cairo_status_t st;
  rs_error err;

  if (rs_figure_play (fig, fr->point, fr->morph, &err) != RS_OK)
    {
      snprintf (why, sizeof why, "%s", err.message);
      return why;
    }
  cr = cairo_create (s);
  rs_figure_draw (cr, cairo_image_surface_get_width (s),
                  cairo_image_surface_get_height (s), fig);
  st = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return st == CAIRO_STATUS_SUCCESS ? NULL : cairo_status_to_string (st);
}

/* Remove the files of folder dir, then dir. */
static void
remove_folder (const char *dir)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  char path[4400];

  while (d != NULL && (e = readdir (d)) != NULL)
    {
      if (strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0)
        continue;
      snprintf (path, sizeof path, "%s/%s", dir, e->d_name);
      unlink (path);
    }
  if (d != NULL)
    closedir (d);
  rmdir (dir);
}

/* Whether dir is a folder with nothing in it. */
static int
folder_empty (const char *dir)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  int empty = 1;

  if (d == NULL)
    return 0;
  while (empty && (e = readdir (d)) != NULL)
    empty = strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0;
  closedir (d);
  return empty;
}

/* A new temporary file (dir 0) or folder (dir 1) beside path, into tmp
 * (n bytes), with the mode a new output gets; 0, or -1 with a message
 * naming path in errbuf. */
static int
make_temp (const char *path, char *tmp, size_t n, int dir, char *errbuf,
           size_t errlen)
{
  int fd = rs_temp_create (path, tmp, n, dir);

  if (fd < 0)
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", path,
                strerror (errno));
      return -1;
    }
  /* mkstemp and mkdtemp make it private; an output gets the usual mode */
  if (dir)
    chmod (tmp, 0777 & ~rs_file_umask ());
  else
    {
      fchmod (fd, 0666 & ~rs_file_umask ());
      close (fd);
    }
  return 0;
}

/* Frames go into a new folder, or an empty one; 0, or -1 with a message
 * naming dir in errbuf. */
static int
check_frames_folder (const char *dir, char *errbuf, size_t errlen)
{
  struct stat st;

  if (stat (dir, &st) != 0 || (S_ISDIR (st.st_mode) && folder_empty (dir)))
    return 0;
  snprintf (errbuf, errlen, "%s: %s", dir, S_ISDIR (st.st_mode)
            ? "the folder is not empty: name a new one for the frames"
            : "exists and is not a folder");
  return -1;
}

/* The n frames as PNG files frame-00000.png ... in the folder tmp; NULL,
 * or why one could not be drawn or written (in buf, len bytes, or static
 * text). */
static const char *
write_frame_files (const char *tmp, rs_figure *fig, int width, int height,
                   const rs_anim_frame *frames, size_t n,
                   rs_anim_progress progress, char *buf, size_t len)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                   width, height);
  char path[PATH_MAX + 32];
  const char *why = NULL;

  for (size_t k = 0; k < n && why == NULL; k++)
    {
      const char *bad = draw_frame (s, fig, &frames[k]);

      snprintf (path, sizeof path, "%s/frame-%05zu.png", tmp, k);
      if (bad != NULL)
        why = bad;
      else if (rs_export_png (s, path, buf, len) != 0)
        why = strchr (buf, ':') != NULL ? strrchr (buf, ':') + 2 : buf;
      else if (progress != NULL)
        progress (k + 1, n);
    }
  cairo_surface_destroy (s);
  return why;
}

int
rs_anim_frames (const char *dir, rs_figure *fig, int width, int height,
                const rs_anim_frame *frames, size_t n,
                rs_anim_progress progress, char *errbuf, size_t errlen)
{
  struct stat st;
  char tmp[PATH_MAX], pngerr[PATH_MAX + 300], folder[PATH_MAX];
  size_t len = strlen (dir);
  const char *why;

  /* "frames/" names the folder "frames" (the trailing slash is not a
   * part of the name; "/" alone stays) */
  while (len > 1 && dir[len - 1] == '/')
    len--;
  snprintf (folder, sizeof folder, "%.*s", (int) len, dir);
  dir = folder;
  if (check_frames_folder (dir, errbuf, errlen) != 0
      || make_temp (dir, tmp, sizeof tmp, 1, errbuf, errlen) != 0)
    return -1;
  why = write_frame_files (tmp, fig, width, height, frames, n, progress,
                           pngerr, sizeof pngerr);
  if (why == NULL && stat (dir, &st) == 0 && rmdir (dir) != 0)
    why = strerror (errno);
  if (why == NULL && rename (tmp, dir) != 0)
    why = strerror (errno);
  if (why != NULL)
    {
      snprintf (errbuf, errlen, "%s: cannot write the frames: %s", dir, why);
      remove_folder (tmp);
    }
  rs_temp_forget (tmp);
  return why != NULL ? -1 : 0;
}

/* ---- ffmpeg ---- */

/* cairo's ARGB32 pixels as bytes in memory */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RAW_PIXELS "bgra"
#else
#define RAW_PIXELS "argb"
#endif

/* The arguments of ffmpeg for a w x h stream of raw frames at fps on its
 * standard input, encoded into out in format fmt; args holds at least 32
 * entries, size and rate 32 bytes each. */
static void
ffmpeg_args (const char *prog, rs_anim_format fmt, int w, int h, double fps,
             const char *out, char *size, char *rate, char **args)
{
  const char *input[] = {
    prog, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo",
    "-pix_fmt", RAW_PIXELS, "-s", size, "-r", rate, "-i", "-", NULL
  };
  const char *mp4[] = {
    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
    "-f", "mp4", NULL
  };
  const char *gif[] = {
    "-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse", "-f", "gif",
    NULL
  };
  const char *const *output = fmt == RS_ANIM_MP4 ? mp4 : gif;
  size_t k = 0;

  snprintf (size, 32, "%dx%d", w, h);
  snprintf (rate, 32, "%g", fps);
  for (size_t i = 0; input[i] != NULL; i++)
    args[k++] = (char *) input[i];
  for (size_t i = 0; output[i] != NULL; i++)
    args[k++] = (char *) output[i];
  args[k++] = (char *) out;
  args[k] = NULL;
}

typedef struct {
  const char *name;  /* the program's role, for messages */
  pid_t pid;
  FILE *in;          /* its standard input, when fed through a pipe */
  FILE *out;         /* its standard output, a temporary file, when kept */
  FILE *err;         /* its standard error, a temporary file */
} encoder;

/* In the child after fork: standard input from the pipe in (or
 * /dev/null when in[0] < 0), output and errors into the temporary files,
 * death with the parent; then exec args, or report errno on report. */
static void
child (char **args, const int *in, const encoder *e, int report,
       pid_t parent)
{
  int child_errno, null;

  if (rs_temp_child_setup (parent) != 0)
    _exit (127);
  if (in[0] >= 0)
    {
      dup2 (in[0], 0);
      close (in[0]);
      close (in[1]);
    }
  else if ((null = open ("/dev/null", O_RDONLY)) >= 0)
    dup2 (null, 0);
  dup2 (fileno (e->out != NULL ? e->out : e->err), 1);
  dup2 (fileno (e->err), 2);
  execvp (args[0], args);
  child_errno = errno;
  if (write (report, &child_errno, sizeof child_errno) < 0)
    _exit (127);
  _exit (127);
}

/* Close what encoder_start opened for e and the pipe in. */
static void
encoder_drop (encoder *e, const int *in)
{
  if (in[0] >= 0)
    {
      close (in[0]);
      close (in[1]);
    }
  if (e->out != NULL)
    fclose (e->out);
  if (e->err != NULL)
    fclose (e->err);
  e->out = e->err = NULL;
}

/* Open what the helper e needs: its standard error's file, its
 * standard output's when keep, the pipe in to its input when feed, and
 * the pipe report on which the child says why exec failed; 0, or -1 with
 * the reason in why (e dropped). */
static int
encoder_files (encoder *e, int feed, int keep, int *in, int *report,
               char *why, size_t n)
{
  e->in = e->out = NULL;
  e->err = tmpfile ();
  if (e->err != NULL && (!keep || (e->out = tmpfile ()) != NULL)
      && (!feed || pipe (in) == 0) && pipe (report) == 0
      && fcntl (report[1], F_SETFD, FD_CLOEXEC) == 0)
    return 0;
  snprintf (why, n, "%s", strerror (errno));
  encoder_drop (e, in);
  return -1;
}

/* Whether the child of e said on report (then closed) that exec of prog
 * failed: it is then waited for, e dropped, and -2 (prog was not found)
 * or -1 returned with the reason in why; 0 when prog runs. */
static int
exec_failed (encoder *e, const char *prog, int report, const int *in,
             char *why, size_t n)
{
  int child_errno = 0;
  ssize_t got = read (report, &child_errno, sizeof child_errno);

  close (report);
  if (got != (ssize_t) sizeof child_errno)
    return 0;
  waitpid (e->pid, NULL, 0);
  rs_temp_forget_child (e->pid);
  encoder_drop (e, in);
  snprintf (why, n, "cannot start %s: %s", prog, strerror (child_errno));
  return child_errno == ENOENT ? -2 : -1;
}

/* Start args[0] with args: fed through a pipe (e->in) when feed, its
 * standard output kept in e->out when keep.  0; -2 when the program was
 * not found; -1 with the reason in why otherwise. */
static int
encoder_start (encoder *e, char **args, int feed, int keep, char *why,
               size_t n)
{
  int in[2] = { -1, -1 }, report[2], rc;
  pid_t parent = getpid ();

  e->name = args[0];
  if (encoder_files (e, feed, keep, in, report, why, n) != 0)
    return -1;
  fflush (NULL);
  e->pid = fork ();
  if (e->pid == 0)
    {
      close (report[0]);
      child (args, in, e, report[1], parent);
    }
  close (report[1]);
  if (e->pid < 0)
    {
      snprintf (why, n, "%s", strerror (errno));
      close (report[0]);
      encoder_drop (e, in);
      return -1;
    }
  rs_temp_add_child (e->pid);
  if ((rc = exec_failed (e, args[0], report[0], in, why, n)) != 0)
    return rc;
  if (feed)
    {
      close (in[0]);
      e->in = fdopen (in[1], "wb");
    }
  return 0;
}

/* Close the helper's input and wait for it: 0 when it exited with 0 and
 * wrote no error (ffmpeg 5 exits with 0 after a failed write, but says
 * so), else -1 with its last line of errors (or how it ended) in why. */
static int
encoder_finish (encoder *e, char *why, size_t n)
{
  int status = 0;
  char line[512] = "", last[512] = "";

  if (e->in != NULL)
    fclose (e->in);
  e->in = NULL;
  while (waitpid (e->pid, &status, 0) < 0 && errno == EINTR)
    ;
  rs_temp_forget_child (e->pid);
  rewind (e->err);
  while (fgets (line, sizeof line, e->err) != NULL)
    if (line[0] != '\n')
      snprintf (last, sizeof last, "%s", line);
  fclose (e->err);
  e->err = NULL;
  last[strcspn (last, "\n")] = '\0';
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0 && last[0] == '\0')
    return 0;
  if (last[0] != '\0')
    snprintf (why, n, "%s failed: %s", e->name, last);
  else if (WIFSIGNALED (status))
    snprintf (why, n, "%s was killed by signal %d", e->name,
              WTERMSIG (status));
  else
    snprintf (why, n, "%s failed (exit status %d)", e->name,
              WEXITSTATUS (status));
  return -1;
}

/* Run args[0] with args and keep the first line of its output in line
 * (n bytes); 0, -2 when the program was not found, or -1 with the reason
 * in why. */
static int
run_for_line (char **args, char *line, size_t n, char *why, size_t whylen)
{
  encoder e;
  FILE *out;
  int rc = encoder_start (&e, args, 0, 1, why, whylen);

  if (rc != 0)
    return rc;
  out = e.out;
  e.out = NULL;
  rc = encoder_finish (&e, why, whylen);
  rewind (out);
  if (fgets (line, (int) n, out) == NULL)
    line[0] = '\0';
  fclose (out);
  return rc;
}

/* Read back the file ffmpeg wrote (name as given to ffmpeg) with
 * ffprobe, when it is installed: it must be a container ffprobe reads
 * without an error, holding the frames frames sent.  A truncated file
 * (a full disk) fails here even when ffmpeg said nothing.  0, or -1 with
 * the reason in why. */
static int
probe_video (const char *name, size_t frames, char *why, size_t n)
{
  const char *prog = getenv ("RELUSCAPE_FFPROBE");
  char *args[] = {
    (char *) (prog != NULL && prog[0] != '\0' ? prog : "ffprobe"),
    (char *) "-v", (char *) "error", (char *) "-count_packets",
    (char *) "-select_streams", (char *) "v:0", (char *) "-show_entries",
    (char *) "stream=nb_read_packets", (char *) "-of", (char *) "csv=p=0",
    (char *) name, NULL
  };
  char fail[512], got[64] = "";
  int rc = run_for_line (args, got, sizeof got, fail, sizeof fail);
  unsigned long count = 0;

  if (rc == -2)
    return 0;
  if (rc != 0)
    {
      snprintf (why, n, "the file ffmpeg wrote is unreadable (%s)",
                strchr (fail, ':') != NULL ? strchr (fail, ':') + 2 : fail);
      return -1;
    }
  if (sscanf (got, "%lu", &count) != 1 || count != frames)
    {
      snprintf (why, n, "the file ffmpeg wrote holds %lu of the %zu "
                "frames sent", count, frames);
      return -1;
    }
  return 0;
}

/* Write the rows of image surface s to f; 0 or -1. */
static int
write_pixels (FILE *f, cairo_surface_t *s)
{
  const unsigned char *d = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  int w = cairo_image_surface_get_width (s);
  int h = cairo_image_surface_get_height (s);

  for (int y = 0; y < h; y++)
    if (fwrite (d + (size_t) y * stride, 4, (size_t) w, f) != (size_t) w)
      return -1;
  return 0;
}

/* Start ffmpeg on the temporary file tmp, named "file:tmp" so that no
 * name reads as an option ("-rf.mp4") or a protocol ("pipe:x.gif");
 * 0, or -1 with the reason in why. */
static int
start_ffmpeg (encoder *e, rs_anim_format fmt, int width, int height,
              double fps, const char *tmp, char *why, size_t n)
{
  const char *prog = getenv ("RELUSCAPE_FFMPEG");
  char name[PATH_MAX + 8], size[32], rate[32], *args[32];
  int rc;

  snprintf (name, sizeof name, "file:%s", tmp);
  ffmpeg_args (prog != NULL && prog[0] != '\0' ? prog : "ffmpeg", fmt, width,
               height, fps, name, size, rate, args);
  rc = encoder_start (e, args, 1, 0, why, n);
  e->name = "ffmpeg";     /* its role, whatever RELUSCAPE_FFMPEG names */
  if (rc == -2)
    snprintf (why, n, "%s was not found: install it (apt-get install "
              "ffmpeg), or write PNG frames with --frames DIR", args[0]);
  return rc == 0 ? 0 : -1;
}

/* Draw the n frames into ffmpeg's input; 0, or -1 (with why set when
 * it was not a write to an ffmpeg that stopped reading). */
static int
feed_frames (encoder *e, rs_figure *fig, int width, int height,
             const rs_anim_frame *frames, size_t n,
             rs_anim_progress progress, char *why, size_t whylen)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                   width, height);
  int rc = 0;

  for (size_t k = 0; k < n && rc == 0; k++)
    {
      const char *bad = draw_frame (s, fig, &frames[k]);

      if (bad != NULL)
        {
          snprintf (why, whylen, "cannot draw frame %zu: %s", k, bad);
          rc = -1;
        }
      else if (write_pixels (e->in, s) != 0)
        rc = -1;
      else if (progress != NULL)
        progress (k + 1, n);
    }
  cairo_surface_destroy (s);
  if (rc == 0 && fflush (e->in) != 0)
    rc = -1;
  return rc;
}

/* Whether the file ffmpeg finished is whole: not empty, and read back
 * by ffprobe with every frame; 0, or -1 with the reason in why. */
static int
check_video (const char *tmp, size_t frames, char *why, size_t n)
{
  char name[PATH_MAX + 8];
  struct stat st;

  if (stat (tmp, &st) != 0 || st.st_size == 0)
    {
      snprintf (why, n, "ffmpeg wrote an empty file");
      return -1;
    }
  snprintf (name, sizeof name, "file:%s", tmp);
  return probe_video (name, frames, why, n);
}

/* Feed the n frames to the running ffmpeg e and wait for it, a write to
 * an ffmpeg that has died meanwhile an error here, not a signal; 0, or
 * -1 with the reason in why (left empty when ffmpeg only stopped
 * reading). */
static int
encode_frames (encoder *e, rs_figure *fig, int width, int height,
               const rs_anim_frame *frames, size_t n,
               rs_anim_progress progress, char *why, size_t whylen)
{
  struct sigaction ign, old;
  char fail[600];
  int rc;

  memset (&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigaction (SIGPIPE, &ign, &old);
  rc = feed_frames (e, fig, width, height, frames, n, progress, why,
                    whylen);
  /* ffmpeg's own reason comes first: a failed write only follows it */
  if (encoder_finish (e, fail, sizeof fail) != 0)
    {
      if (why[0] == '\0')
        snprintf (why, whylen, "%s", fail);
      rc = -1;
    }
  sigaction (SIGPIPE, &old, NULL);
  return rc;
}

int
rs_anim_video (const char *path, rs_figure *fig, int width, int height,
               double fps, const rs_anim_frame *frames, size_t n,
               rs_anim_progress progress, char *errbuf, size_t errlen)
{
  rs_anim_format fmt = rs_anim_format_of (path);
  char tmp[PATH_MAX], why[600] = "";
  encoder e;
  int rc;

  if (fmt == RS_ANIM_NONE || n == 0)
    {
      snprintf (errbuf, errlen, "%s: an animation is .mp4 or .gif", path);
      return -1;
    }
  if (make_temp (path, tmp, sizeof tmp, 0, errbuf, errlen) != 0)
    return -1;
  if (start_ffmpeg (&e, fmt, width, height, fps, tmp, why, sizeof why) != 0)
    {
      unlink (tmp);
      rs_temp_forget (tmp);
      snprintf (errbuf, errlen, "%s: %s", path, why);
      return -1;
    }
  rc = encode_frames (&e, fig, width, height, frames, n, progress, why,
                      sizeof why);
  if (rc == 0)
    rc = check_video (tmp, n, why, sizeof why);
  if (rc == 0 && rename (tmp, path) != 0)
    {
      snprintf (why, sizeof why, "%s", strerror (errno));
      rc = -1;
    }
  if (rc != 0)
    unlink (tmp);
  rs_temp_forget (tmp);
  if (rc != 0)
    snprintf (errbuf, errlen, "%s: cannot write the animation: %s", path,
              why[0] != '\0' ? why : "ffmpeg stopped reading its input");
  return rc != 0 ? -1 : 0;
}
